"""The deadline of a directive clause, read from its own words.

A time expression counts only after a deadline marker ("trước", "chậm nhất", "trong",
"đến", "hoàn thành" ... see chitieu/data/deadline_words.yaml), possibly through fillers
("là", "ngày", "hết", "vòng", "thời hạn"), so a dated reference such as "theo Kế hoạch
ngày 5/3/2025" is no deadline. The first deadline in the clause wins. Expressions and
the date they give:

- a day "30/6/2025", "30-6-2025", "ngày 30 tháng 6 năm 2025" → that day (the usual reading
  of "trước ngày 30/6" in administrative texts is "by 30/6");
- "6 tháng đầu năm 2025" → 30/6/2025; "6 tháng cuối năm 2025" → 31/12/2025;
- "quý III/2025", "quý 3 năm 2025" → the last day of the quarter (30/9/2025);
- "tháng 7/2025", "tháng 7 năm 2025" → the last day of the month;
- "năm 2025", "cuối năm 2025" → 31/12/2025;
- "15 ngày", "2 tuần", "3 tháng" → counted from `issued` (None without it).

A missing year is taken from `issued` (and the next year when that day falls before
`issued`); without `issued` such an expression gives no deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from chitieu.assess.timewords import COUNT, QUARTER_NO, WORDS, alternation, count_value, quarter_value, word

_M, _Y, _Q = word("month"), word("year"), word("quarter")
_FIRST, _LAST = word("first_part"), word("last_part")


def _year_tail(name: str) -> str:
    """An optional year after a month or quarter: "/2025", " năm 2025", " 2025"."""
    return rf"(?:(?:\s*[/-]\s*|\s+(?:{_Y}\s+)?)(?P<{name}>\d{{4}})(?!\d))?"


_EXPRESSIONS = "|".join([
    r"(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<dm>\d{1,2})(?:\s*(?P=sep)\s*(?P<dy>\d{4}))?(?![\d/.-]\d)",
    rf"(?P<wd>\d{{1,2}})\s+{_M}\s+(?P<wm>\d{{1,2}})(?:\s+{_Y}\s+(?P<wy>\d{{4}}))?(?!\d)",
    rf"(?P<hn>{COUNT})\s+{_M}\s+(?P<hp>{_FIRST}|{_LAST})\s+{_Y}{_year_tail('hy')}",
    rf"{_Q}\s+(?P<q>{QUARTER_NO}){_year_tail('qy')}",
    rf"{_M}\s+(?P<m>\d{{1,2}})(?!\d){_year_tail('my')}",
    rf"(?:{_LAST}\s+)?{_Y}\s+(?P<y>\d{{4}})(?!\d)",
    rf"(?P<rn>\d{{1,3}}|{COUNT})\s+(?P<ru>{alternation(WORDS['relative_units'])})(?!\w)",
])
_MARKER = alternation(WORDS["markers"])
_FILLER = alternation(WORDS["fillers"])
_PATTERN = re.compile(
    rf"(?<!\w){_MARKER}(?:\s*:)?(?:\s+{_FILLER}(?!\w))*\s*(?:{_EXPRESSIONS})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Deadline:
    day: date
    text: str  # the words it was read from, marker included
    span: tuple[int, int]  # offsets in the clause


def find_deadline(clause: str, issued: date | None = None) -> Deadline | None:
    """The first deadline stated in `clause`, with its words; None when there is none."""
    for m in _PATTERN.finditer(clause):
        day = _resolve(m, issued)
        if day is not None:
            return Deadline(day, m.group(0), m.span())
    return None


def parse_deadline(clause: str, issued: date | None = None) -> date | None:
    """The deadline day of `clause` ("trước ngày 30/6/2025" → 2025-06-30), or None."""
    found = find_deadline(clause, issued)
    return None if found is None else found.day


def _resolve(m: re.Match[str], issued: date | None) -> date | None:
    g = m.groupdict()
    try:
        if g["d"] or g["wd"]:
            return _day(int(g["d"] or g["wd"]), int(g["dm"] or g["wm"]), g["dy"] or g["wy"], issued)
        if g["hn"]:
            last = re.fullmatch(_LAST, g["hp"], re.IGNORECASE) is not None
            return _month_end(12 if last else count_value(g["hn"]), _year(g["hy"], issued))
        if g["q"]:
            return _month_end(3 * quarter_value(g["q"]), _year(g["qy"], issued))
        if g["m"]:
            return _month_end(int(g["m"]), _year(g["my"], issued))
        if g["y"]:
            return date(int(g["y"]), 12, 31)
        return _relative(count_value(g["rn"]), g["ru"], issued)
    except (ValueError, KeyError):
        return None


def _year(text: str | None, issued: date | None) -> int | None:
    if text:
        return int(text)
    return None if issued is None else issued.year


def _day(day: int, month: int, year_text: str | None, issued: date | None) -> date | None:
    year = _year(year_text, issued)
    if year is None:
        return None
    found = date(year, month, day)
    if year_text is None and issued is not None and found < issued:
        found = date(year + 1, month, day)
    return found


def _month_end(month: int, year: int | None) -> date | None:
    if year is None or not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _relative(count: int, unit_word: str, issued: date | None) -> date | None:
    if issued is None:
        return None
    units = {k.casefold(): v for k, v in WORDS["relative_units"].items()}
    unit = units[" ".join(unit_word.casefold().split())]
    if unit == "days":
        return issued + timedelta(days=count)
    if unit == "weeks":
        return issued + timedelta(weeks=count)
    month_index = issued.month - 1 + count
    year, month = issued.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(issued.day, calendar.monthrange(year, month)[1]))
