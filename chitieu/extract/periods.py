"""The reporting period of a document: "6 tháng đầu năm 2024", "năm 2020", "quý I/2023".

Every period phrase of the title and the text is a candidate, in order. A
candidate is dropped when the nearest cue word before it in its sentence (up to
eight words back) looks forward or aside: a plan, target, comparison or term
("phương hướng, nhiệm vụ năm 2021", "so với năm 2019", "chỉ tiêu năm 2022").
A candidate whose nearest cue reports results ("kết quả thực hiện ... năm 2022",
"tổng kết công tác năm 2019"), or that opens its sentence ("Năm 2017, ...",
"Trong 6 tháng đầu năm 2018, ..."), is preferred over one without a cue.
"6 tháng cuối năm" is always ahead of the report. "cuối năm X" keeps "cuối"
only after "đến" ("tính đến cuối năm 2021"). A period written without its year
("6 tháng đầu năm") takes the form with the year where the text has it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.capwords import Phrases, alternation, cased, lowered

_WORDS: Final = lexicon.load("period_words")
_RESULT: Final = alternation(cased(_WORDS["result_cues"]))
_FORWARD: Final = alternation(cased(_WORDS["forward_cues"]))
_COMPARISON: Final = alternation(cased(_WORDS["comparison_cues"]))
_CUE: Final = re.compile(
    rf"(?<![\w])(?:(?P<result>{_RESULT})|(?P<forward>{_FORWARD})|(?P<comparison>{_COMPARISON}))(?![\w])")
_OPENER: Final = re.compile(rf"(?:^|[.;:\n]\s*|,\s*)(?:(?:{alternation(_WORDS['openers'])})\s+)?$")
_MONTH_PARTS: Final = alternation(_WORDS["month_parts"])
_NUMBER_WORDS: Final = alternation(cased(_WORDS["number_words"]))

_PERIOD: Final = re.compile(
    rf"(?:"
    rf"(?P<months>(?:\d{{1,2}}|{_NUMBER_WORDS})\s+tháng(?:\s+(?P<part>{_MONTH_PARTS}))?(?:\s+(?P<my>(?:19|20)\d\d))?)"
    rf"|(?P<quarter>[Qq]uý\s+(?:[IV]+|\d)(?:\s*/\s*|\s+năm\s+)(?:19|20)\d\d)"
    rf"|(?P<year>(?P<late>[Cc]uối\s+)?[Nn]ăm\s+(?P<y>(?:19|20)\d\d))"
    rf"|(?P<term>[Nn]hiệm kỳ\s+(?:19|20)\d\d\s*-\s*(?:19|20)\d\d)"
    rf")(?![\w/])")
_DATE_BEFORE: Final = re.compile(r"(?:[Nn]gày|[Tt]háng)\s+\d{1,2}\s+$")
_BEFORE_TO: Final = re.compile(r"(?:[Đđ]ến)\s+$")
_WINDOW_WORDS: Final = 8
_KEYWORDS: Final = _WORDS["keywords"]
_KEYWORD_PHRASES: Final = Phrases(_KEYWORDS)
_NUMBER_BEFORE: Final = re.compile(rf"(?:\d{{1,2}}|{_NUMBER_WORDS})\s+$")
_LATE_BEFORE: Final = re.compile(r"[Cc]uối\s+$")
_DAY_AFTER: Final = re.compile(r"\s+\d")  # read within the three characters after a period
_BEFORE_ENDS: Final = frozenset([w[-1] for w in cased(_WORDS["number_words"])] + ["i"])


def find_period(text: str, head: tuple[int, int] | None = None) -> str | None:
    """The reporting period of `text` as written, or None; `head` is the title span."""
    best = _best(text, head)
    return _complete(text, best) if best is not None else None


def _best(text: str, head: tuple[int, int] | None) -> re.Match[str] | None:
    """The first candidate that reports results (rank 0), else the first without a cue
    (rank 1); the title's candidates come first. Candidates are read lazily: the search
    stops at the first rank-0 one."""
    fallback = None
    for m in _in_order(text, head):
        rank = _rank(text, m)
        if rank == 0:
            return m
        if rank is not None and fallback is None:
            fallback = m
    return fallback


def _in_order(text: str, head: tuple[int, int] | None) -> Iterator[re.Match[str]]:
    """The period phrases, those inside the title first, each group in text order."""
    if not head:
        yield from _phrases(text)
        return
    before: list[re.Match[str]] = []
    rest = None
    phrases = _phrases(text)
    for m in phrases:
        if m.start() < head[0]:
            before.append(m)
        elif m.start() < head[1]:
            yield m
        else:
            rest = m
            break
    yield from before
    if rest is not None:
        yield rest
        yield from phrases


def _phrases(text: str) -> Iterator[re.Match[str]]:
    """Every period phrase, found from its key word ("tháng", "năm", "quý", "nhiệm kỳ")."""
    last_end = 0
    for i in _KEYWORD_PHRASES.positions(lowered(text)):
        if i < last_end:
            continue
        start = i
        if _number_before(text, i):
            lo = max(0, i - 8)
            before = _NUMBER_BEFORE.search(text, lo, i) or _LATE_BEFORE.search(text, lo, i)
            if before:
                start = before.start()
        m = _PERIOD.match(text, start)
        if m is None or m.end() <= i or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "/")):
            continue
        yield m
        last_end = m.end()


def _number_before(text: str, i: int) -> bool:
    """False where neither `_NUMBER_BEFORE` nor `_LATE_BEFORE` can match text[i - 8:i]:
    both end with spaces after a digit or the last letter of a word (`_BEFORE_ENDS`)."""
    lo = max(0, i - 8)
    j = i
    while j > lo and text[j - 1].isspace():
        j -= 1
    return lo < j < i and (text[j - 1].isdecimal() or text[j - 1] in _BEFORE_ENDS)


def _rank(text: str, m: re.Match[str]) -> int | None:
    """0: reported results; 1: no cue; None: not the reported period."""
    if m.group("months") and not _months_ok(text, m):
        return None
    if m.group("year") and _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None
    window_start = _window_start(text, m.start())
    cue = None
    for c in _CUE.finditer(text, window_start, m.start()):
        cue = c
    if cue is not None and cue.group("comparison"):
        cue = None if "," in text[cue.end():m.start()] else cue
    if cue is not None and (cue.group("forward") or cue.group("comparison")):
        return None
    if m.group("term"):
        return 1 if cue is not None else None
    if cue is not None or _OPENER.search(text, max(0, m.start() - 20), m.start()):
        return 0
    return 1


def _months_ok(text: str, m: re.Match[str]) -> bool:
    part = (m.group("part") or "").lower()
    if part == "cuối năm":
        return False
    if _DATE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return False
    if _DAY_AFTER.match(text, m.end(), m.end() + 3):
        return False  # "26 tháng 6": a date
    if part or m.group("my"):
        return True
    after = text[m.end():m.end() + 2]
    return after.startswith(",") or bool(_OPENER.search(text, max(0, m.start() - 20), m.start()))


def _window_start(text: str, pos: int) -> int:
    """Start of the cue window before pos: up to eight words back, within the sentence."""
    lo = max(0, pos - 120)
    lo = max(lo, text.rfind(".", lo, pos) + 1, text.rfind(";", lo, pos) + 1, text.rfind("\n", lo, pos) + 1)
    at = pos
    for _ in range(_WINDOW_WORDS):
        space = text.rfind(" ", lo, max(lo, at - 1))
        if space < 0:
            return lo
        at = space
    return at + 1


def _complete(text: str, m: re.Match[str]) -> str:
    if m.group("year"):
        late = m.group("late") and _BEFORE_TO.search(text, max(0, m.start() - 6), m.start())
        start = m.start() if late else m.start("year") + (len(m.group("late") or ""))
        return _lower_first(text[start:m.end()])
    written = m.group(0)
    if m.group("months") and not m.group("my"):
        full = _with_year(written).search(text)
        if full:
            written = full.group(0)
    return _lower_first(" ".join(written.split()))


@lru_cache(maxsize=256)
def _with_year(written: str) -> re.Pattern[str]:
    """The period as written, in any case and spacing, and a year after it."""
    words = re.escape(written).replace(r"\ ", r"\s+")
    return re.compile(words + r"\s+(?:19|20)\d\d(?![\w/])", re.IGNORECASE)


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s[:1] in ("N", "Q") else s
