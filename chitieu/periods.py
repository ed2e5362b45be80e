"""Reporting periods: "6 tháng đầu năm 2024" → Period(kind 'half', 2024-01-01 … 2024-06-30).

`parse_period(label, published=None, text="")` reads the period phrase of a report.
Two shares describe where a period stands in its plan year:

- `elapsed_share`: the share of the plan YEAR elapsed at the period's end — what a
  yearly target should have reached by then at an even pace: quý I → 0.25,
  quý II → 0.5, 6 tháng (đầu năm) → 0.5, 9 tháng → 0.75, tháng 10 → 10/12,
  năm → 1.0, 6 tháng cuối năm → 1.0. For a term ("nhiệm kỳ 2020 - 2025") it is
  measured against the term's plan years: 1.0 at its end, or the share elapsed at
  `published` when the report was published during the term. A congress term
  "nhiệm kỳ 2020 - 2025" carries the plan years 2021-2025 (start 2021-01-01);
  "giai đoạn 2021 - 2025" names them directly.
- `length_share`: how long the period itself is, as a share of a year: quý II →
  0.25, 6 tháng cuối năm → 0.5 (a term: its number of years).

A label without a year ("6 tháng đầu năm") takes the year of `published`, else the
year the text names most often; with no year anywhere the result is None.
"""

from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from chitieu.extract import lexicon

_YEAR = r"((?:19|20)\d{2})"
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Period:
    kind: str  # 'month' | 'quarter' | 'half' | 'nine_months' | 'months' | 'year' | 'term'
    year: int  # the plan year (a term: its last year)
    start: date
    end: date
    label: str  # the phrase as written
    elapsed_share: float
    length_share: float
    first_year: int | None = None  # a term's first year

    @property
    def plan_year(self) -> int:
        return self.year

    @property
    def fraction_of_year(self) -> float:
        """Alias of `elapsed_share` (the expected share of a yearly plan at period end)."""
        return self.elapsed_share


def parse_period(label: str | None, published: str | None = None, text: str = "") -> Period | None:
    """The period `label` names, or None when it names none (or no year can be found)."""
    if not label or not label.strip():
        return None
    norm = " ".join(unicodedata.normalize("NFC", label).split())
    low = norm.lower()
    for finder in (_term, _quarter, _months_count, _month, _year):
        hit = finder(low, norm, published, text)
        if hit is not None:
            return hit
    return None


# ---------------------------------------------------------------- finders
def _term(low: str, norm: str, published: str | None, text: str) -> Period | None:
    m = _patterns()["term"].search(low)
    if not m:
        return None
    y1, y2 = int(m.group(2)), int(m.group(3))
    if y2 < y1:
        return None
    # A congress term "nhiệm kỳ 2020 - 2025" carries the five-year plan 2021-2025: its
    # plan years start the year after the congress. "giai đoạn 2021 - 2025" lists them.
    first = y1 + 1 if m.group(1) in _words("congress_term") and y2 > y1 else y1
    start, end = date(first, 1, 1), date(y2, 12, 31)
    elapsed = 1.0
    pub = _date(published)
    if pub and start <= pub < end:
        elapsed = round((pub - start).days / (end - start).days, 4)
    label = norm[m.start():m.end()]
    return Period("term", y2, start, end, label, elapsed, float(y2 - first + 1), first_year=first)


def _quarter(low: str, norm: str, published: str | None, text: str) -> Period | None:
    m = _patterns()["quarter"].search(low)
    if not m:
        return None
    g = m.group(1)
    q = int(g) if g.isdigit() else _roman()[g]
    if not 1 <= q <= 4:
        return None
    year = _year_of(m.group(2), published, text)
    if year is None:
        return None
    start, end = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    return Period("quarter", year, start, end, norm[m.start():m.end()], q / 4, 0.25)


def _months_count(low: str, norm: str, published: str | None, text: str) -> Period | None:
    m = _patterns()["months"].search(low)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else _numbers()[m.group(1)]
    if not 1 <= n <= 12:
        return None
    year = _year_of(m.group(3), published, text)
    if year is None:
        return None
    last = m.group(2) is not None and m.group(2) in _words("last_part")
    first_month = 13 - n if last else 1
    end_month = 12 if last else n
    kind = {3: "quarter", 6: "half", 9: "nine_months", 12: "year"}.get(n, "months")
    return Period(kind, year, date(year, first_month, 1), _month_end(year, end_month),
                  norm[m.start():m.end()], round(end_month / 12, 4), round(n / 12, 4))


def _month(low: str, norm: str, published: str | None, text: str) -> Period | None:
    m = _patterns()["month"].search(low)
    if not m:
        return None
    month = int(m.group(1))
    if not 1 <= month <= 12:
        return None
    year = _year_of(m.group(2), published, text)
    if year is None:
        return None
    return Period("month", year, date(year, month, 1), _month_end(year, month),
                  norm[m.start():m.end()], round(month / 12, 4), round(1 / 12, 4))


def _year(low: str, norm: str, published: str | None, text: str) -> Period | None:
    m = _patterns()["year"].search(low)
    if not m:
        return None
    year = _year_of(m.group(1), published, text)
    if year is None:
        return None
    return Period("year", year, date(year, 1, 1), date(year, 12, 31), norm[m.start():m.end()], 1.0, 1.0)


# ---------------------------------------------------------------- helpers
@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    alt = _alternation
    nums = alt(_numbers())
    sep = rf"\s*(?:/|-|\s)\s*(?:{alt(_words('year'))}\s+)?"
    parts = alt(_words("first_part") + _words("last_part"))
    return {
        "term": re.compile(rf"({alt(_words('term'))})\s*{_YEAR}\s*[-–—]\s*{_YEAR}"),
        "quarter": re.compile(rf"(?<!\w)(?:{alt(_words('quarter'))})\s+(iv|i{{1,3}}|[1-4])(?!\w)"
                              rf"(?:{sep}{_YEAR})?"),
        "months": re.compile(rf"(?<!\w)(\d{{1,2}}|{nums})\s+(?:{alt(_words('month'))})(?!\s*/?\s*\d)"
                             rf"(?:\s+({parts}))?(?:{sep}{_YEAR})?"),
        "month": re.compile(rf"(?<!\w)(?:{alt(_words('month'))})\s+(\d{{1,2}})(?!\d)(?:{sep}{_YEAR})?"),
        "year": re.compile(rf"(?<!\w)(?:{alt(_words('whole_year'))})(?:\s+{_YEAR})?(?!\w)"),
    }


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _year_of(written: str | None, published: str | None, text: str) -> int | None:
    if written:
        return int(written)
    pub = _date(published)
    if pub:
        return pub.year
    counts = Counter(int(y) for y in _YEAR_IN_TEXT.findall(text or ""))
    if not counts:
        return None
    best = max(counts.values())
    return max(y for y, c in counts.items() if c == best)


def _date(iso: str | None) -> date | None:
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        m = _YEAR_IN_TEXT.search(iso)
        return date(int(m.group(1)), 1, 1) if m else None


def _month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


@cache
def _data() -> dict:
    return lexicon.load("period_terms")


@cache
def _words(kind: str) -> tuple[str, ...]:
    return tuple(unicodedata.normalize("NFC", w).lower() for w in _data()["words"][kind])


@cache
def _numbers() -> dict[str, int]:
    return {unicodedata.normalize("NFC", k).lower(): int(v) for k, v in _data()["number_words"].items()}


@cache
def _roman() -> dict[str, int]:
    return {str(k).lower(): int(v) for k, v in _data()["roman"].items()}
