"""Tallies of targets or tasks met: "15/17 nhóm chỉ tiêu đạt và vượt".

Only counts of chỉ tiêu, nhóm chỉ tiêu and nhiệm vụ and their close variants
("chỉ tiêu chủ yếu"), listed in tally_words.yaml. Three shapes:
1. "a/b WHAT" with a verb of meeting before or after it
   ("hoàn thành 23/27 chỉ tiêu", "15/17 nhóm chỉ tiêu đạt và vượt");
2. "WHAT đạt a/b" ("số chỉ tiêu đạt 44/57");
3. "a WHAT" with a verb of meeting ("có 18 chỉ tiêu đạt và vượt kế hoạch",
   "vượt 5 chỉ tiêu"); the total comes from "Trong b WHAT" before it in the
   sentence, or from the a/b tally the clause hangs on ("19/19 chỉ tiêu ...,
   trong đó có 12 chỉ tiêu vượt kế hoạch"); else it is None.
Counts of targets missed ("3 chỉ tiêu không đạt") are no tally.
"""

from __future__ import annotations

import re
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.capwords import (
    alternation,
    alternation_with,
    lowered,
    search_word,
    starts_word,
    word_pattern,
)
from chitieu.extract.normalize import Normalized, is_space, words_end
from chitieu.model import Tally

_DATA: Final = lexicon.load("tally_words")
_WHAT_AS: Final[dict[str, str]] = _DATA["what"]
_WHAT: Final = alternation(list(_WHAT_AS))
_MET: Final = alternation(_DATA["met_verbs"])
_MISSED: Final = alternation(_DATA["missed"])
_NUM: Final = r"\d{1,3}"

_WHAT_RE: Final = word_pattern(list(_WHAT_AS))
# The first syllables of the counted things: every match of `_WHAT_RE` starts with one.
_WHAT_FIRSTS: Final = sorted({w.split(" ")[0].lower() for w in _WHAT_AS})
_PAIR_BEFORE: Final = re.compile(rf"(?P<a>{_NUM})\s*/\s*(?P<b>{_NUM})\s+$")
_COUNT_BEFORE: Final = re.compile(rf"(?P<a>{_NUM})\s+$")
_PAIR_AFTER: Final = re.compile(
    rf"(?P<mid>(?:\s+[^\W\d]+){{0,6}}?)\s+(?:{_MET})\s+(?P<a>{_NUM})\s*/\s*(?P<b>{_NUM})(?![\d/])")
# What `_PAIR_AFTER` needs, tested cheaply first: words and spaces, then a "/".
_SLASH_AHEAD: Final = re.compile(r"[\w\s]*/")
_MET_MORE: Final = alternation(_DATA["met_continuations"])
_HAVE: Final = alternation(_DATA["have"])
_MET_BEFORE: Final = re.compile(rf"(?:{_MET})(?:\s+(?:{_MET_MORE}))*\s*$")
_HAVE_BEFORE: Final = re.compile(rf"(?:{_HAVE})\s*$")
_MET_AFTER: Final = re.compile(rf"(?:\s+[^\W\d]+){{0,6}}?\s+(?:cơ bản\s+)?(?:{_MET})(?![\w])")
_MISSED_AFTER: Final = re.compile(rf"(?:\s+[^\W\d]+){{0,6}}?\s+(?:{_MISSED})(?![\w])")
_WITHIN: Final = re.compile(rf"[Tt]rong\s+(?:số\s+)?(?P<b>{_NUM})\s+(?P<what>{_WHAT})(?![\w])")
# "[.;:!?\n]|,\s" and "[.;:!?(\n]|,\s|\s(?:stops)(?![\w])", written to start with one class of
# characters, so that the regex engine skips to where one of them stands.
_CLAUSE_END: Final = re.compile(r"[.;:!?\n,](?:(?<=[.;:!?\n])|(?<=,)\s)")
_TEXT_END: Final = re.compile(
    rf"[.;:!?(\n,\s](?:(?<=[.;:!?(\n])|(?<=,)\s|(?<=\s)(?:{alternation(_DATA['text_stops'])})(?![\w]))")
# How the words that `_PREFIX` ends with end (a cheap test before it).
_PREFIX_ENDS: Final = tuple(sorted({w.split(" ")[-1] for w in _DATA["have"] + _DATA["met_verbs"]
                                    + _DATA["met_continuations"] + ["số"]}))
# The verb or "có" a tally's text widens to, ending right before it: the same as
# rf"(?:(?:[Tt]rong đó\s+)?(?:{_HAVE})\s+|(?:{_MET})(?:\s+(?:{_MET_MORE}))*\s+|số\s+)$",
# written as one trie of words each with its own tail, so that every branch starts with a
# letter: the regex engine then tries only the positions of those first letters (the
# alternation above begins with an optional group, which makes it try every position).
_PREFIX_TAILS: Final[dict[str, str]] = {
    **{w: r"\s+$" for w in _DATA["have"]},
    **{w: rf"(?:\s+(?:{_MET_MORE}))*\s+$" for w in _DATA["met_verbs"]},
    "số": r"\s+$",
    **{w: rf" đó\s+(?:{_HAVE})\s+$" for w in ("Trong", "trong")},  # one space, as written
}
if len(_PREFIX_TAILS) != len(_DATA["have"]) + len(_DATA["met_verbs"]) + 3:
    raise ValueError("a word of tally_words.yaml in two lists of the prefix: one tail would be lost")
_PREFIX: Final = re.compile(alternation_with(_PREFIX_TAILS))
_MAX_TEXT_WORDS: Final = 16
# The first _MAX_TEXT_WORDS words of a window that holds more.
_MORE_WORDS: Final = re.compile(rf"\s*(?:\S+\s+){{{_MAX_TEXT_WORDS - 1}}}\S+(?=\s+\S)")
_FUTURE: Final = word_pattern(_DATA["future"])


def find_tallies(n: Normalized) -> list[Tally]:
    """Every tally in `n`, in text order."""
    try:
        return _find(n)
    except Exception:  # a finder never breaks extraction
        return []


def _find(n: Normalized) -> list[Tally]:
    text = n.text
    found: list[tuple[int, int, int, int | None, str]] = []
    for w in _whats(text):
        if not starts_word(text, w.start()):
            continue
        tally = _tally_at(text, w, found)
        if tally:
            found.append(tally)
    found = [f for f in found if not _future(text, f[0])]
    found.sort()
    return [_to_tally(n, *_extend(text, f)) for f in found]


def _whats(text: str) -> list[re.Match[str]]:
    """`_WHAT_RE.finditer(text)`: the pattern is tried only where the lowered text holds the
    first syllable of one of the counted things (each match starts with one)."""
    low = lowered(text)
    starts: list[int] = []
    for first in _WHAT_FIRSTS:  # as `capwords.finditer_at`, without a generator (cheaper compiled)
        i = low.find(first)
        while i >= 0:
            starts.append(i)
            i = low.find(first, i + 1)
    starts.sort()
    out: list[re.Match[str]] = []
    pos = 0
    for i in starts:
        if i < pos:
            continue  # inside the last match: finditer goes on after it
        m = _WHAT_RE.match(text, i)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def _tally_at(text: str, w: re.Match[str], found: list[tuple]) -> tuple | None:
    """The tally around one mention of WHAT: "a/b WHAT", "WHAT đạt a/b" or "a WHAT"."""
    ws, we = w.start(), w.end()
    number_before = _number_before(text, ws)
    pair = _PAIR_BEFORE.search(text, max(0, ws - 16), ws) if number_before else None
    if pair and _number_starts(text, pair.start()):
        return pair.start(), we, int(pair.group("a")), int(pair.group("b")), w.group(0)
    after = _PAIR_AFTER.match(text, we) if _SLASH_AHEAD.match(text, we) else None
    if after:
        return ws, after.end(), int(after.group("a")), int(after.group("b")), w.group(0)
    count = _COUNT_BEFORE.search(text, max(0, ws - 8), ws) if number_before else None
    if count and _number_starts(text, count.start()):
        return _count_tally(text, count.start(), we, int(count.group("a")), w.group(0), found)
    return None


def _number_before(text: str, ws: int) -> bool:
    """A digit, then spaces up to ws: what "a/b WHAT" and "a WHAT" need (a cheap test first)."""
    i = ws
    while i > 0 and is_space(ord(text[i - 1])):
        i -= 1
    return i < ws and i > 0 and text[i - 1].isdigit()


def _number_starts(text: str, i: int) -> bool:
    """The number at i is whole: no digit, slash, dot or comma glued before it."""
    return i == 0 or text[i - 1] not in "0123456789/.,"


def _future(text: str, start: int) -> bool:
    """A target set for later ("phấn đấu hoàn thành 5 nhiệm vụ")."""
    return search_word(_FUTURE, text, max(_sentence_start(text, start), start - 30), start) is not None


def _count_tally(text: str, start: int, end: int, a: int, what: str, found: list[tuple]) -> tuple | None:
    """A tally "a WHAT" when a verb of meeting goes with it; the total from context."""
    before = text[max(0, start - 40):start]
    met_before = _MET_BEFORE.search(before)
    clause_end = _clause_end(text, end)
    if _MISSED_AFTER.match(text, end, clause_end):
        return None
    met_after = _MET_AFTER.match(text, end, clause_end)
    if not (met_before or (met_after and (_HAVE_BEFORE.search(before) or _starts_clause(text, start)))):
        return None
    total = _context_total(text, start, what, found)
    t_start = start - (len(before) - met_before.start()) if met_before else start
    return t_start, end, a, total, what


def _starts_clause(text: str, start: int) -> bool:
    head = text[max(0, start - 3):start]
    return start == 0 or bool(re.search(r"(?:^|[.;:\n]\s*|\n)$", head))


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


def _context_total(text: str, start: int, what: str, found: list[tuple]) -> int | None:
    s_start = _sentence_start(text, start)
    within = None
    for w in _WITHIN.finditer(text, s_start, start):
        if _same_what(w.group("what"), what):
            within = int(w.group("b"))
    if within is not None:
        return within
    if re.search(r"trong đó", text[s_start:start], re.IGNORECASE):
        for s, _e, _a, b, w in found:
            if s_start <= s < start and b is not None and _same_what(w, what):
                return b
    return None


def _sentence_start(text: str, pos: int) -> int:
    i = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    return 0 if i < 0 else i + 1


def _same_what(a: str, b: str) -> bool:
    """The same thing counted ("chỉ tiêu chủ yếu" and "chỉ tiêu" are both chỉ tiêu)."""
    return _recorded(a) == _recorded(b)


def _recorded(what: str) -> str:
    written = " ".join(what.lower().split())
    return _WHAT_AS.get(written, written)


def _extend(text: str, f: tuple) -> tuple:
    """Widen a tally's text to its clause: the verb or "có" before it, and the
    words after it up to a comma, a stop word or the clause end."""
    start, end, a, b, what = f
    pre = _PREFIX.search(text, max(0, start - 40), start) if _prefix_may_end(text, start) else None
    if pre:
        start = pre.start()
    stop = _TEXT_END.search(text, end)
    limit = stop.start() if stop else len(text)
    many = _more_words(text, end, limit)
    if many >= 0:  # more than _MAX_TEXT_WORDS words: cut after that many
        limit = many
    return start, max(end, limit), a, b, what


def _more_words(text: str, a: int, b: int) -> int:
    """Where `_MORE_WORDS` matches text[a:b] to: the end of its first _MAX_TEXT_WORDS words
    when more follow, else -1 (read from the character codes: much cheaper, compiled)."""
    end = words_end(text, a, b, _MAX_TEXT_WORDS)
    return end if end is not None and words_end(text, end, b, 1) is not None else -1


def _prefix_may_end(text: str, start: int) -> bool:
    """Whether `_PREFIX` can match before start: spaces, and one of its words before them."""
    j = start
    while j > 0 and is_space(ord(text[j - 1])):
        j -= 1
    return j < start and text.endswith(_PREFIX_ENDS, max(0, start - 40), j)


def _to_tally(n: Normalized, start: int, end: int, a: int, b: int | None, what: str) -> Tally:
    # Positional arguments (achieved, total, what, text, span): a much cheaper call than keywords.
    return Tally(a, b, _recorded(what), n.orig_text(start, end), n.orig_span(start, end))
