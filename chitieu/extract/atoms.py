"""Figures as the facts grammar reads them: a number with its qualifier, pair, range,
multiplier, unit, and the plan or comparison phrase written after it.

`read_atom(text, low, p, q, number, end)` looks around the number text[p:q] (normalized
text, and `low`, the same lowercased) and returns an `Atom`, or a `Skip` (the number is
no fact: a date, year, period, ordinal, code, phone, address, tally) that still says how
far the skipped figure reaches.

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
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.cues import trie_pattern
from chitieu.extract.numbers import MULTIPLIERS, compound_value, parse_number
from chitieu.extract.wordtail import (
    MAY_BE_DIGIT,
    SPACES,
    WORD_CHARS,
    Endings,
    PhraseTable,
    is_alnum,
    is_space,
    starts_at,
    tail_words,
)

NUM: Final = r"\d+(?:[.,]\d+)*"


def _words(words: list[str]) -> str:
    """Any of `words`, case-folded, as a trie (matched on the lowercased copy of the text)."""
    return "(?:" + trie_pattern({w.lower() for w in words}) + ")"


_UNITS: Final = lexicon.load("units")
_NON: Final = lexicon.load("non_fact")
_PLANS: Final = lexicon.load("plan_words")
_CMP: Final = lexicon.load("comparisons")
_QUAL: Final = lexicon.load("qualifiers")
_VERBS: Final = lexicon.load("fact_verbs")

UNIT_KIND: dict[str, str] = {}
for _kind, _words_of_kind in _UNITS["kinds"].items():
    for _w in _words_of_kind:
        UNIT_KIND[_w.lower()] = _kind

_MULT: Final = _words(list(MULTIPLIERS))
_UNIT: Final = _words(list(UNIT_KIND))
_PER: Final = _words(_UNITS["per"])
_AGAINST: Final = _words(_CMP["against"])
_PUNCT_END: Final = r"[,;:()\[\]\n]|\.(?:\s|$)"

# Patterns run on `text`: digits, signs, and the capitals of codes and names.
CLOCK: Final = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
DATE: Final = re.compile(r"(\d{1,2})[/-](\d{1,2})(?:[/-]\d{2,4})?(?![\d%])")
CODE_AFTER: Final = re.compile(r"\s?[/-]\s?[A-ZĐ]")
RANGE: Final = re.compile(rf"\s*(%?)\s*(?:-|đến|tới)\s*({NUM})(?!\s*/)")
PAIR: Final = re.compile(rf"\s?/\s?({NUM})")
PCT: Final = re.compile(r"\s?%")  # read by _pct_end
ABBR_PAREN: Final = re.compile(r"\s*\([A-ZĐ]{1,8}\)")
PLACE_NAME: Final = re.compile(r"\s+[A-ZĐ][a-zà-ỹđ]")
FALLBACK_NOUN: Final = re.compile(r"\s*([^\W\d_]+)(?!\w)")
DECIMALS: Final = re.compile(r"(?:[.,]\d+)*")
GLUED_CODE: Final = re.compile(r"(?:\s?[-/]\s?[\w.]+)*")

# Patterns of words, run on `low` (the text lowercased, same offsets) so that they need no
# case-insensitive matching; what they capture is copied from `text`.
TO_AFTER: Final = re.compile(r"\s*" + _words(_NON["from_to"]) + r"\s*(?:mức\s*)?\d")
RIGHT_CUE: Final = re.compile(r"\s*" + _words(_NON["right"]) + r"(?!\w)")
TALLY_AFTER: Final = re.compile(r"\s*" + _words(_NON["tally_units"]) + r"(?!\w)")
MULT: Final = re.compile(rf"\s*({_MULT})(?!\w)")
COMPOUND: Final = re.compile(rf"\s+({NUM})\s*({_MULT})(?!\w)")
UNIT: Final = re.compile(rf"\s*({_UNIT})((?:/(?:{_PER}|[^\W\d_]+))*)(?!\w)")
LATE_PAIR: Final = re.compile(rf"\s*/\s*({NUM})\s*(?:({_MULT})\s*)?(?:{_UNIT})?(?:/(?:{_PER}))*(?!\w)")
IGNORED_AFTER: Final = re.compile(r"\s*" + _words(_QUAL["ignored_after"]) + r"(?!\w)")
# The phrase after a figure, the first that applies: a plan (percentages only), a period, other.
_PLAN: Final = r"(?P<plan>\s*(?:" + _AGAINST + r"\s+)?" + _words(_PLANS["plans"]) + r"(?!\w))"
_PERIOD: Final = r"(?P<period>\s*" + _AGAINST + r"\s+(?:" + _words(_CMP["periods"]) + r"|\d{4})(?!\w))"
_OTHER: Final = r"(?P<other>\s*" + _AGAINST + r"(?!\w))"
AFTER_PCT: Final = re.compile(f"{_PLAN}|{_PERIOD}|{_OTHER}")
AFTER_AMOUNT: Final = re.compile(f"{_PERIOD}|{_OTHER}")
# The stops below are searched for from a figure on; only where each starts counts. Written
# as one character class first (punctuation, digits, spaces, spelled out: a bitmap test),
# then what that character must be, so that the engine skips ahead to candidates.
_STOP_FIRST: Final = r"[,;:()\[\]\n." + MAY_BE_DIGIT + SPACES + "]"
_AT_PUNCT_END: Final = r"(?<=[,;:()\[\]\n])|(?<=\.)(?:\s|$)"  # _PUNCT_END, its first character read
# Where a phrase after a figure ends: punctuation, a number (not a year after "năm": every digit
# of "năm 2023" stays in the phrase), a word starting the next slot:
# _PUNCT_END|(?<!năm )(?<!\d)\d|\s(?:SLOT_STARTS)(?!\w)
PHRASE_END: Final = re.compile(_STOP_FIRST + "(?:" + _AT_PUNCT_END + r"|(?<=\d)(?<!\d\d)(?<!năm \d)|(?<=\s)"
                               + _words(_VERBS["slot_starts"]) + r"(?!\w))")
# Words after a unit that still name what is counted ("46 quần chúng ưu tú vào Đảng"), up to:
# _PUNCT_END|\d|\s(?:COUNT_TRAIL_STOPS)(?!\w)|\svà(?=[^,;:()\d]*\d)
TRAIL_END_COUNT: Final = re.compile(_STOP_FIRST + "(?:" + _AT_PUNCT_END + r"|(?<=\d)|(?<=\s)"
                                    + _words(_VERBS["count_trail_stops"]) + r"(?!\w)"
                                    + r"|(?<=\s)và(?=[^,;:()\d]*\d))")
# _PUNCT_END|\d|\s(?:MEASURE_TRAIL_STOPS)(?!\w)
TRAIL_END_OTHER: Final = re.compile(_STOP_FIRST + "(?:" + _AT_PUNCT_END + r"|(?<=\d)|(?<=\s)"
                                    + _words(_VERBS["measure_trail_stops"]) + r"(?!\w))")
NOUN_START: Final = re.compile(r"\s+(?!" + _words(_VERBS["measure_trail_stops"]) + r"(?!\w))[^\W\d_]")
# A noun phrase may run on over a comma into a piece without figures ("23/49 chi, đảng bộ cơ sở
# đạt trong sạch vững mạnh, bằng 46,9%"), unless that piece starts a new slot.
NEXT_PIECE: Final = re.compile(r",\s*(?!" + _words(_VERBS["slot_starts"] + _VERBS["lead_ins"]) + r"(?!\w))"
                        r"([^,;:()\[\]\n\d]{1,80}?)(?=[,;:()\]\n]|\.(?:\s|$)|$)")
DEMONSTRATIVE: Final = re.compile(r"\s*" + _words(_NON["demonstratives"]) + r"(?!\w)")
STOP_WORD: Final = re.compile(_words(_VERBS["measure_trail_stops"] + _VERBS["slot_starts"]))

# Cheap tests before a pattern "\s*WORDS..." runs at a position: the run of word characters
# after the spaces there (`next_word`) must be the first run of one of the phrases
# (`_firsts`), or the pattern cannot match. Most figures are followed by words that start
# none of them, and a failed regex costs far more than a set look-up.
UNSURE: Final = "\x00"  # another kind of space follows, which "\s*" would pass: every pattern runs


def next_word(low: str, pos: int, end: int) -> tuple[int, str]:
    """(j, w): j is `pos` moved over the spaces " " there; w the run of word characters
    (regex "\\w") at j, "" for none, or UNSURE when another space character stands at j."""
    j = pos
    while j < end and ord(low[j]) == 32:
        j += 1
    k = j
    while k < end:
        c = ord(low[k])
        if c < 0x2000:
            if not WORD_CHARS[c]:
                break
        elif not low[k].isalnum():
            break
        k += 1
    if k == j and j < end and is_space(low, j):
        return j, UNSURE
    return j, low[j:k]


def _firsts(words: list[str]) -> frozenset[str]:
    """The first run of word characters of each phrase (lowercased, as the trie matches
    them), and UNSURE: `next_word` must give one of these for the phrase to follow."""
    out = {UNSURE}
    for w in words:
        w = w.lower()
        if not w or w[0].isspace():
            raise ValueError(f"a phrase starts with a space: {w!r}")
        k = 0
        while k < len(w) and (w[k].isalnum() or w[k] == "_"):
            k += 1
        out.add(w[:k])
    return frozenset(out)


RIGHT_FIRST: Final = _firsts(_NON["right"])
MULT_FIRST: Final = _firsts(list(MULTIPLIERS))
TALLY_FIRST: Final = _firsts(_NON["tally_units"])
UNIT_FIRST: Final = _firsts(list(UNIT_KIND))
IGNORED_FIRST: Final = _firsts(_QUAL["ignored_after"])
DEMONSTRATIVE_FIRST: Final = _firsts(_NON["demonstratives"])
AFTER_PCT_FIRST: Final = _firsts(_CMP["against"] + _PLANS["plans"])
AFTER_AMOUNT_FIRST: Final = _firsts(_CMP["against"])

LEFT_CUES: Final = PhraseTable.of(_NON["left"])
LEFT_TIME: Final = PhraseTable.of(_NON["left_time"])
LEFT_EXC: Final = PhraseTable.of(_NON["left_exceptions"])
LEFT_LAST: Final = Endings(LEFT_CUES.last_words + LEFT_TIME.last_words)
MAX_RUN_ON: Final = 2
PLACE_UNITS: Final = frozenset(w.lower() for w in _NON["place_units"])


# Plain classes, not dataclasses: mypyc compiles an explicit __init__, while the one a
# dataclass generates runs as interpreted Python (these are built for every figure).
class Skip:
    def __init__(self, end: int) -> None:
        self.end = end


class Atom:
    def __init__(self, start: int, end: int, value: float) -> None:
        self.start = start  # number start
        self.end = end  # end of number, unit and any phrase read after it
        self.value = value
        self.pct = False
        self.pair: float | None = None
        self.unit: str | None = None  # as written, multiplier included
        self.kind: str | None = None  # money / measure / count / pct / None
        self.noun = ""  # unit without multiplier, for the indicator (count units)
        self.trailing = ""  # words after the unit that belong to the indicator
        self.after = ""  # "plan", "period", "other" or ""
        self.after_text = ""
        self.followed_by_word = False  # a bare number with a noun after it that no unit list knows


def read_atom(text: str, low: str, p: int, q: int, number: str, end: int) -> Atom | Skip:
    """The figure of the number text[p:q] (`number`) in `text` (`low`: the same text
    lowercased), read up to the clause end `end`."""
    if p and _glued(text, p):
        return Skip(q)
    nxt = ord(text[q]) if q < end else 0
    # A clock or a date starts with one or two digits right before ":", or "/" or "-".
    if nxt == 58:  # ":"
        c = CLOCK.match(text, p, end)
        if c:
            return Skip(c.end())
    elif nxt == 47 or nxt == 45:  # "/" or "-"
        d = DATE.match(text, p, end)
        if d and _is_date(d) and not _unit_at(low, d.end(), end) and _pct_end(text, d.end(), end) < 0:
            return Skip(d.end())
    if LEFT_LAST.may_end(low, p):
        before = tail_words(text, p, 3)
        if before and not LEFT_EXC.suffix(before):
            if LEFT_CUES.suffix(before):
                return Skip(_skip_span(text, q, end))
            if LEFT_TIME.suffix(before) and not _unit_follows(text, low, q, end):
                return Skip(_skip_span(text, q, end))
    value = parse_number(number)
    if value is None:
        return Skip(q)
    if (text.find("/", q, q + 2) >= 0 or text.find("-", q, q + 2) >= 0) and CODE_AFTER.match(text, q, end):
        return Skip(_skip_span(text, q, end))
    j, w = next_word(low, q, end)
    if w in RIGHT_FIRST and RIGHT_CUE.match(low, q, end) \
            and not (w in MULT_FIRST and MULT.match(low, q, end)):
        return Skip(_skip_span(text, q, end))
    return _figure(text, low, p, q, value, end, j, w)


def _glued(text: str, p: int) -> bool:
    """The number hangs on a word, a "/" or a code: "COVID-19", "99/GP", "ipv6", "1.2.3"."""
    c = ord(text[p - 1])
    if c == 47 or c == 46 or c == 44 or is_alnum(text, p - 1):  # "/", ".", ","
        return True
    if c == 45:  # "-"
        return p >= 2 and text[p - 2].isalpha()
    return False


def _unit_follows(text: str, low: str, q: int, end: int) -> bool:
    """A unit, multiplier or "%" right after the number ("cả năm 1.820 ha" is no year)."""
    r = DECIMALS.match(text, q, end) if q < end and (ord(text[q]) == 46 or ord(text[q]) == 44) else None
    pos = r.end() if r else q
    if _pct_end(text, pos, end) >= 0:
        return True
    w = next_word(low, pos, end)[1]
    return bool(w in MULT_FIRST and MULT.match(low, pos, end)) or _unit_at(low, pos, end, w)


def _unit_at(low: str, pos: int, end: int, w: str = UNSURE) -> bool:
    """A unit starts at `pos` (`w`: `next_word(low, pos, end)[1]` when known)."""
    if w == UNSURE:
        w = next_word(low, pos, end)[1]
    return w in UNIT_FIRST and UNIT.match(low, pos, end) is not None


def _pct_end(text: str, pos: int, end: int) -> int:
    """Where PCT ("\\s?%") matches at `pos` ends, -1 when it does not: without the regex."""
    if pos < end:
        if ord(text[pos]) == 37:  # "%"
            return pos + 1
        if pos + 1 < end and ord(text[pos + 1]) == 37 and is_space(text, pos):
            return pos + 2
    return -1


def _range_may(text: str, pos: int, end: int) -> bool:
    """RANGE may match at `pos`: after the spaces (and a "%") comes "-", "đến" or "tới"."""
    j = pos
    while j < end and ord(text[j]) == 32:
        j += 1
    if j < end and ord(text[j]) == 37:  # "%"
        j += 1
        while j < end and ord(text[j]) == 32:
            j += 1
    if j >= end:
        return False
    c = ord(text[j])
    if c == 45:  # "-"
        return True
    if c == 0x111:  # "đ"
        return starts_at(text, "đến", j, end)
    if c == 116:  # "t"
        return starts_at(text, "tới", j, end)
    return is_space(text, j)


def _word_after_spaces(low: str, pos: int, end: int, digit: bool) -> bool:
    """Spaces (at least one) at `pos`, then a digit (`digit`) or a letter: what "\\s+\\d" or
    "\\s+[^\\W\\d_]" need."""
    k = pos
    while k < end and is_space(low, k):
        k += 1
    if k == pos or k >= end:
        return False
    c = low[k]
    return c.isdecimal() if digit else c.isalnum() and not c.isdecimal()


def _is_date(d: re.Match[str]) -> bool:
    return 1 <= int(d.group(1)) <= 31 and 1 <= int(d.group(2)) <= 12


def _skip_span(text: str, q: int, end: int) -> int:
    """A skipped number swallows a glued code or range ("2020 - 2025", "21-KL/TW")."""
    if text.find("-", q, q + 2) < 0 and text.find("/", q, q + 2) < 0:
        return q  # GLUED_CODE starts with "-" or "/", after at most one space
    r = GLUED_CODE.match(text, q, end)
    return r.end() if r else q


def _figure(text: str, low: str, p: int, q: int, value: float, end: int, j: int, w: str) -> Atom | Skip:
    """`j, w`: `next_word(low, q, end)`; both are read again whenever `pos` moves (`at`)."""
    atom = Atom(p, q, value)
    pos = at = q
    pr = PAIR.match(text, pos, end) if text.find("/", pos, pos + 2) >= 0 else None
    if pr:
        atom.pair = parse_number(pr.group(1))
        pos = pr.end()
    if pos != at:
        at = pos
        j, w = next_word(low, pos, end)
    if atom.pair is None and (w == UNSURE or _range_may(text, pos, end)):
        rg = RANGE.match(text, pos, end)
        if rg:
            pos = rg.end()
            if rg.group(1):
                atom.pct = True
    if pos != at:
        at = pos
        j, w = next_word(low, pos, end)
    if w in MULT_FIRST:
        pos = _multiplier(text, low, pos, end, atom, j, w)
    pe = _pct_end(text, pos, end)
    if pe >= 0 or atom.pct:
        atom.pct, atom.unit, atom.kind = True, "%", "pct"
        pos = pe if pe >= 0 else pos
        rg2 = RANGE.match(text, pos, end) if _range_may(text, pos, end) else None
        if rg2 and rg2.group(2):
            pos = rg2.end()
            pe = _pct_end(text, pos, end)
            pos = pe if pe >= 0 else pos
    else:
        if pos != at:
            at = pos
            j, w = next_word(low, pos, end)
        if w in TALLY_FIRST and TALLY_AFTER.match(low, pos, end):
            return Skip(pos)
        pos = _unit(text, low, pos, end, atom, j, w)
    if atom.kind == "count" and atom.noun.lower() in PLACE_UNITS and PLACE_NAME.match(text, pos, end):
        return Skip(pos)
    if pos != at:
        at = pos
        j, w = next_word(low, pos, end)
    if atom.unit and w in DEMONSTRATIVE_FIRST and DEMONSTRATIVE.match(low, pos, end):
        return Skip(pos)
    if atom.unit is None and 1900 <= value <= 2100 and value.is_integer() and atom.pair is None:
        return Skip(pos)
    atom.followed_by_word = atom.unit is None and bool(FALLBACK_NOUN.match(text, pos, end))
    if text.find("từ", max(0, p - 4), p) >= 0 and text[max(0, p - 4):p].rstrip().endswith("từ") \
            and TO_AFTER.match(low, pos, end):
        return Skip(pos)
    if w in IGNORED_FIRST:
        ig = IGNORED_AFTER.match(low, pos, end)
        if ig:
            pos = ig.end()
            j, w = next_word(low, pos, end)
    atom.end = _after(text, low, pos, end, atom, w)
    return atom


def _multiplier(text: str, low: str, pos: int, end: int, atom: Atom, j: int, w: str) -> int:
    """`j, w`: `next_word(low, pos, end)`: the word starts at j unless w is UNSURE."""
    mu = MULT.match(low, pos, end)
    if not mu:
        return pos
    e = mu.end()  # the end of the word too: nothing follows it in MULT
    word = text[j if w != UNSURE else mu.start(1):e]
    atom.unit = word
    pos = e
    co = COMPOUND.match(low, pos, end) if _word_after_spaces(low, pos, end, True) else None
    if co:
        minor = parse_number(co.group(1))
        if minor is not None:
            total = compound_value(atom.value, word, minor, co.group(2))
            if total is not None:
                atom.value = round(total, 9)
                pos = co.end()
    return pos


def _unit(text: str, low: str, pos: int, end: int, atom: Atom, j: int, w: str) -> int:
    """`j, w`: `next_word(low, pos, end)`: the unit starts at j unless w is UNSURE."""
    un = UNIT.match(low, pos, end) if w in UNIT_FIRST else None
    mult = atom.unit
    if un:
        start = j if w != UNSURE else un.start(1)
        e = un.end()  # the end of group 2 too: only a lookahead follows it
        noun = text[start:e]
        atom.unit = f"{mult} {noun}" if mult else noun
        atom.kind = UNIT_KIND.get(low[start:un.end(1)], "count")
        atom.noun = noun
        pos = e
    elif mult:
        atom.kind = "money" if mult.lower().endswith(("tỷ", "tỉ")) else "count"
    elif atom.pair is not None and not mult:
        fb = FALLBACK_NOUN.match(text, pos, end)
        if fb and not STOP_WORD.fullmatch(low, fb.start(1), fb.end(1)):
            atom.unit = atom.noun = fb.group(1)
            atom.kind = "count"
            pos = fb.end()
    late = atom.pair is None and atom.unit and _next_is(low, pos, end, 47)
    lp = LATE_PAIR.match(low, pos, end) if late else None
    if lp:
        atom.pair = parse_number(lp.group(1))
        mult2 = lp.group(2)
        if atom.pair is not None and mult2 and mult and mult2 != mult.lower():
            atom.pair = atom.pair * MULTIPLIERS[mult2] / MULTIPLIERS[mult.lower()]
        pos = lp.end()
    return pos


def _after(text: str, low: str, pos: int, end: int, atom: Atom, w: str) -> int:
    """Read the plan / period / other phrase after a figure, or the words naming it
    (`w`: `next_word(low, pos, end)`)."""
    if atom.pct:
        mm = AFTER_PCT.match(low, pos, end) if w in AFTER_PCT_FIRST else None
    else:
        mm = AFTER_AMOUNT.match(low, pos, end) if w in AFTER_AMOUNT_FIRST else None
    if mm:
        stop = PHRASE_END.search(low, mm.end(), end)
        e = stop.start() if stop else end
        atom.after, atom.after_text = mm.lastgroup or "", text[pos:e].strip()
        return e
    if atom.pct:
        if not (_word_after_spaces(low, pos, end, False) and NOUN_START.match(low, pos, end)):
            return pos
        rx = TRAIL_END_COUNT
    elif atom.kind == "count":
        rx = TRAIL_END_COUNT
    elif atom.kind == "measure":
        rx = TRAIL_END_OTHER
    else:
        return pos
    e = _trail_end(text, low, pos, end, rx)
    if rx is TRAIL_END_COUNT:
        for _ in range(MAX_RUN_ON):
            m = NEXT_PIECE.match(low, e, end) if e < end and ord(low[e]) == 44 else None
            if not m:
                break
            e = m.end()
    atom.trailing = text[pos:e].strip()
    return e if atom.trailing else pos


def _next_is(s: str, pos: int, end: int, c: int) -> bool:
    """`c` may come next after the spaces at `pos` (a cheap test before a pattern "\\s*c...")."""
    while pos < end and ord(s[pos]) == 32:
        pos += 1
    return pos < end and (ord(s[pos]) == c or is_space(s, pos))


def _trail_end(text: str, low: str, pos: int, end: int, rx: re.Pattern[str]) -> int:
    while True:
        stop = rx.search(low, pos, end)
        if not stop:
            return end
        ab = ABBR_PAREN.match(text, stop.start(), end) if _next_is(text, stop.start(), end, 40) else None
        if not ab:
            return stop.start()
        pos = ab.end()
