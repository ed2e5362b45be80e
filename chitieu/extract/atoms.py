"""Figures as the facts grammar reads them: a number with its qualifier, pair, range,
multiplier, unit, and the plan or comparison phrase written after it.

`read_atom(text, m, end)` looks around one number match `m` (normalized text) and returns
an `Atom`, or a `Skip` (the number is no fact: a date, year, period, ordinal, code,
phone, address, tally) that still says how far the skipped figure reaches.

Order of the checks in `read_atom` (first match wins):
1. glued: the number hangs on a word, a "/" or a code ("COVID-19", "99/GP", "ipv6")
2. clock: "13:30"
3. date: "17/6", "30/5/2024", "22-9" with no unit after it
4. left cue: "ngày 17", "lần thứ 21", "số 05", "khóa 15", "Điều 30" (non_fact.yaml: left)
5. unreadable: "0262.859.9699"
6. code after: "839-KL/TU", "3341/KH-UBND"
7. period after: "6 tháng", "70 năm", "3 sao" (non_fact.yaml: right)
8. tally unit: "15/17 nhóm chỉ tiêu", "09 nhiệm vụ" (another finder reads them)
9. bare year: "2019" without unit
Then the figure: pair "a/b", range "a - b" (first bound kept), multiplier, compound
amount ("537 tỷ 271 triệu"), "%" or unit, and the phrase after it (plan, period, other).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.extract import lexicon
from chitieu.extract.numbers import MULTIPLIERS, compound_value, parse_number
from chitieu.extract.wordtail import PhraseTable, tail_words

NUM = r"\d+(?:[.,]\d+)*"


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _phrases_re(words: list[str]) -> str:
    return "(?:" + _alt(words) + ")"


_UNITS = lexicon.load("units")
_NON = lexicon.load("non_fact")
_PLANS = lexicon.load("plan_words")
_CMP = lexicon.load("comparisons")
_QUAL = lexicon.load("qualifiers")

UNIT_KIND: dict[str, str] = {}
for _kind, _words in _UNITS["kinds"].items():
    for _w in _words:
        UNIT_KIND[_w.lower()] = _kind

_MULT_ALT = _alt(list(MULTIPLIERS))
_UNIT_ALT = _alt(list(UNIT_KIND) + [w for ws in _UNITS["kinds"].values() for w in ws])
_PER_ALT = _alt(_UNITS["per"])

CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})(?:[/-]\d{2,4})?(?![\d%])")
LEFT_CUES = PhraseTable.of(_NON["left"])
LEFT_TIME = PhraseTable.of(_NON["left_time"])
LEFT_EXC = PhraseTable.of(_NON["left_exceptions"])
TO_AFTER = re.compile(r"\s*" + _phrases_re(_NON["from_to"]) + r"\s*(?:mức\s*)?\d", re.I)
CODE_AFTER = re.compile(r"\s?[/-]\s?[A-ZĐ]")
RIGHT_CUE = re.compile(r"\s*" + _phrases_re(_NON["right"]) + r"(?!\w)", re.I)
TALLY_AFTER = re.compile(r"\s*" + _phrases_re(_NON["tally_units"]) + r"(?!\w)", re.I)
RANGE = re.compile(rf"\s*(%?)\s*(?:-|đến|tới)\s*({NUM})(?!\s*/)")
PAIR = re.compile(rf"\s?/\s?({NUM})")
MULT = re.compile(rf"\s*({_MULT_ALT})(?!\w)", re.I)
COMPOUND = re.compile(rf"\s+({NUM})\s*({_MULT_ALT})(?!\w)", re.I)
PCT = re.compile(r"\s?%")
UNIT = re.compile(rf"\s*({_UNIT_ALT})((?:/(?:{_PER_ALT}|[^\W\d_]+))*)(?!\w)", re.I)
LATE_PAIR = re.compile(
    rf"\s*/\s*({NUM})\s*(?:({_MULT_ALT})\s*)?(?:{_UNIT_ALT})?(?:/(?:{_PER_ALT}))*(?!\w)", re.I)
IGNORED_AFTER = re.compile(r"\s*" + _phrases_re(_QUAL["ignored_after"]) + r"(?!\w)", re.I)

_AGAINST = r"(?:" + _alt(_CMP["against"]) + r")"
PLAN_AFTER = re.compile(r"\s*(?:" + _AGAINST + r"\s+)?" + _phrases_re(_PLANS["plans"]) + r"(?!\w)", re.I)
PERIOD_AFTER = re.compile(r"\s*" + _AGAINST + r"\s+(?:" + _alt(_CMP["periods"]) + r"|\d{4})(?!\w)", re.I)
OTHER_AFTER = re.compile(r"\s*" + _AGAINST + r"(?!\w)", re.I)
_VERBS = lexicon.load("fact_verbs")
_PUNCT_END = r"[,;:()\[\]\n]|\.(?:\s|$)"
# Where a phrase after a figure ends: punctuation, a digit (not a year), a word starting the next slot.
PHRASE_END = re.compile(
    _PUNCT_END + r"|(?<!năm )\d|\s" + _phrases_re(_VERBS["slot_starts"]) + r"(?!\w)", re.I)
# Words after a unit that still name what is counted ("46 quần chúng ưu tú vào Đảng").
TRAIL_END_COUNT = re.compile(_PUNCT_END + r"|\d|\s" + _phrases_re(_VERBS["count_trail_stops"]) + r"(?!\w)"
                             + r"|\svà(?=[^,;:()\d]*\d)", re.I)
TRAIL_END_OTHER = re.compile(
    _PUNCT_END + r"|\d|\s" + _phrases_re(_VERBS["measure_trail_stops"]) + r"(?!\w)", re.I)
NOUN_START = re.compile(r"\s+(?!" + _phrases_re(_VERBS["measure_trail_stops"]) + r"(?!\w))[^\W\d_]", re.I)
# A noun phrase may run on over a comma into a piece without figures ("23/49 chi, đảng bộ cơ sở
# đạt trong sạch vững mạnh, bằng 46,9%"), unless that piece starts a new slot.
NEXT_PIECE = re.compile(r",\s*(?!" + _phrases_re(_VERBS["slot_starts"] + _VERBS["lead_ins"]) + r"(?!\w))"
                        r"([^,;:()\[\]\n\d]{1,80}?)(?=[,;:()\]\n]|\.(?:\s|$)|$)", re.I)
ABBR_PAREN = re.compile(r"\s*\([A-ZĐ]{1,8}\)")
PLACE_NAME = re.compile(r"\s+[A-ZĐ][a-zà-ỹđ]")
FALLBACK_NOUN = re.compile(r"\s*([^\W\d_]+)(?!\w)")
MAX_RUN_ON = 2
PLACE_UNITS = frozenset(w.lower() for w in _NON["place_units"])
DEMONSTRATIVE = re.compile(r"\s*" + _phrases_re(_NON["demonstratives"]) + r"(?!\w)", re.I)
STOP_WORD = re.compile(_phrases_re(_VERBS["measure_trail_stops"] + _VERBS["slot_starts"]), re.I)


@dataclass(slots=True)
class Skip:
    end: int


@dataclass(slots=True)
class Atom:
    start: int  # number start
    end: int  # end of number, unit and any phrase read after it
    value: float
    pct: bool = False
    pair: float | None = None
    unit: str | None = None  # as written, multiplier included
    kind: str | None = None  # money / measure / count / pct / None
    noun: str = ""  # unit without multiplier, for the indicator (count units)
    trailing: str = ""  # words after the unit that belong to the indicator
    after: str = ""  # "plan", "period", "other" or ""
    after_text: str = ""
    followed_by_word: bool = False  # a bare number with a noun after it that no unit list knows


def read_atom(text: str, m: re.Match[str], end: int) -> Atom | Skip:
    p, q = m.start(), m.end()
    if _glued(text, p):
        return Skip(q)
    before = tail_words(text, p, 3)
    c = CLOCK.match(text, p, end)
    if c:
        return Skip(c.end())
    d = DATE.match(text, p, end)
    if d and _is_date(d) and not UNIT.match(text, d.end(), end) and not PCT.match(text, d.end(), end):
        return Skip(d.end())
    if before and not LEFT_EXC.suffix(before):
        if LEFT_CUES.suffix(before):
            return Skip(_skip_span(text, q, end))
        if LEFT_TIME.suffix(before) and not _unit_follows(text, q, end):
            return Skip(_skip_span(text, q, end))
    value = parse_number(m.group(0))
    if value is None:
        return Skip(q)
    if CODE_AFTER.match(text, q, end):
        return Skip(_skip_span(text, q, end))
    if RIGHT_CUE.match(text, q, end) and not MULT.match(text, q, end):
        return Skip(_skip_span(text, q, end))
    return _figure(text, p, q, value, end)


def _glued(text: str, p: int) -> bool:
    """The number hangs on a word, a "/" or a code: "COVID-19", "99/GP", "ipv6", "1.2.3"."""
    if p == 0:
        return False
    c = text[p - 1]
    if c.isalnum() or c in "/.,":
        return True
    if c == "-":
        return p >= 2 and text[p - 2].isalpha()
    return False


def _unit_follows(text: str, q: int, end: int) -> bool:
    """A unit, multiplier or "%" right after the number ("cả năm 1.820 ha" is no year)."""
    r = re.compile(r"(?:[.,]\d+)*").match(text, q, end)
    pos = r.end() if r else q
    return bool(PCT.match(text, pos, end) or MULT.match(text, pos, end) or UNIT.match(text, pos, end))


def _is_date(d: re.Match[str]) -> bool:
    return 1 <= int(d.group(1)) <= 31 and 1 <= int(d.group(2)) <= 12


def _skip_span(text: str, q: int, end: int) -> int:
    """A skipped number swallows a glued code or range ("2020 - 2025", "21-KL/TW")."""
    r = re.compile(r"(?:\s?[-/]\s?[\w.]+)*").match(text, q, end)
    return r.end() if r else q


def _figure(text: str, p: int, q: int, value: float, end: int) -> Atom | Skip:
    atom = Atom(p, q, value)
    pos = q
    pr = PAIR.match(text, pos, end)
    if pr:
        atom.pair = parse_number(pr.group(1))
        pos = pr.end()
    rg = RANGE.match(text, pos, end)
    if rg and atom.pair is None:
        pos = rg.end()
        if rg.group(1):
            atom.pct = True
    pos = _multiplier(text, pos, end, atom)
    pc = PCT.match(text, pos, end)
    if pc or atom.pct:
        atom.pct, atom.unit, atom.kind = True, "%", "pct"
        pos = pc.end() if pc else pos
        rg2 = RANGE.match(text, pos, end)
        if rg2 and rg2.group(2):
            pos = rg2.end()
            pc2 = PCT.match(text, pos, end)
            pos = pc2.end() if pc2 else pos
    else:
        if TALLY_AFTER.match(text, pos, end):
            return Skip(pos)
        pos = _unit(text, pos, end, atom)
    if atom.kind == "count" and atom.noun.lower() in PLACE_UNITS and PLACE_NAME.match(text, pos, end):
        return Skip(pos)
    if atom.unit and DEMONSTRATIVE.match(text, pos, end):
        return Skip(pos)
    if atom.unit is None and 1900 <= value <= 2100 and value.is_integer() and atom.pair is None:
        return Skip(pos)
    atom.followed_by_word = atom.unit is None and bool(FALLBACK_NOUN.match(text, pos, end))
    if text[max(0, p - 4):p].rstrip().endswith("từ") and TO_AFTER.match(text, pos, end):
        return Skip(pos)
    ig = IGNORED_AFTER.match(text, pos, end)
    if ig:
        pos = ig.end()
    atom.end = _after(text, pos, end, atom)
    return atom


def _multiplier(text: str, pos: int, end: int, atom: Atom) -> int:
    mu = MULT.match(text, pos, end)
    if not mu:
        return pos
    word = mu.group(1)
    atom.unit = word
    pos = mu.end()
    co = COMPOUND.match(text, pos, end)
    if co:
        minor = parse_number(co.group(1))
        if minor is not None:
            total = compound_value(atom.value, word, minor, co.group(2))
            if total is not None:
                atom.value = round(total, 9)
                pos = co.end()
    return pos


def _unit(text: str, pos: int, end: int, atom: Atom) -> int:
    un = UNIT.match(text, pos, end)
    mult = atom.unit
    if un:
        noun = un.group(1) + un.group(2)
        atom.unit = f"{mult} {noun}" if mult else noun
        atom.kind = UNIT_KIND.get(un.group(1).lower(), "count")
        atom.noun = noun
        pos = un.end()
    elif mult:
        atom.kind = "money" if mult.lower() in ("tỷ", "tỉ") else "count"
    elif atom.pair is not None and not mult:
        fb = FALLBACK_NOUN.match(text, pos, end)
        if fb and not STOP_WORD.fullmatch(fb.group(1)):
            atom.unit = atom.noun = fb.group(1)
            atom.kind = "count"
            pos = fb.end()
    lp = LATE_PAIR.match(text, pos, end)
    if lp and atom.pair is None and atom.unit:
        atom.pair = parse_number(lp.group(1))
        mult2 = lp.group(2)
        if atom.pair is not None and mult2 and mult and mult2.lower() != mult.lower():
            atom.pair = atom.pair * MULTIPLIERS[mult2.lower()] / MULTIPLIERS[mult.lower()]
        pos = lp.end()
    return pos


def _after(text: str, pos: int, end: int, atom: Atom) -> int:
    """Read the plan / period / other phrase after a figure, or the words naming it."""
    for name, rx in (("plan", PLAN_AFTER), ("period", PERIOD_AFTER), ("other", OTHER_AFTER)):
        mm = rx.match(text, pos, end)
        if mm and (name != "plan" or atom.pct):
            stop = PHRASE_END.search(text, mm.end(), end)
            e = stop.start() if stop else end
            atom.after, atom.after_text = name, text[pos:e].strip()
            return e
    if atom.pct:
        if not NOUN_START.match(text, pos, end):
            return pos
        rx = TRAIL_END_COUNT
    elif atom.kind == "count":
        rx = TRAIL_END_COUNT
    elif atom.kind == "measure":
        rx = TRAIL_END_OTHER
    else:
        return pos
    e = _trail_end(text, pos, end, rx)
    if rx is TRAIL_END_COUNT:
        for _ in range(MAX_RUN_ON):
            m = NEXT_PIECE.match(text, e, end)
            if not m:
                break
            e = m.end()
    atom.trailing = text[pos:e].strip()
    return e if atom.trailing else pos


def _trail_end(text: str, pos: int, end: int, rx: re.Pattern[str]) -> int:
    while True:
        stop = rx.search(text, pos, end)
        if not stop:
            return end
        ab = ABBR_PAREN.match(text, stop.start(), end)
        if not ab:
            return stop.start()
        pos = ab.end()
