"""People named in a report, each once, with the title next to the name.

A person's name is a surname (surnames.yaml) and 1-3 more capitalised syllables.
Names are taken only where the text marks them as people:
1. after a word of address: "đồng chí Nguyễn Đình Trung", "ông Trần Minh Tâm";
2. after a title and its office: "Phó Chủ tịch UBND tỉnh Võ Văn Cảnh" (here the
   name has at least three syllables, so "Bí thư Huyện ủy Đất Đỏ" names no one;
   straight after the title two will do: "Tổng Bí thư Tô Lâm");
3. in a byline or photo credit: "Ảnh: Hồng Thi", "CTV: Khánh Linh - Dương Hoan",
   or a line that holds nothing but a name near the start or end of the text.
The title is the one after the name ("..., Thứ trưởng Bộ Công an"), else the one
before it; a military rank before a name gives way to a title after it.
Capitalised runs that name places ("xã Đào Hữu Cảnh", "tỉnh Lâm Đồng") and
business names ("Cơ sở Nguyễn Thị A") are not taken, having neither mark.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.capwords import (
    CAP,
    CAP_RUN,
    UPPER,
    UPPER_CHARS,
    alternation,
    alternation_with,
    cased,
    finditer_words,
    is_cap,
)
from chitieu.extract.dates import after_label
from chitieu.extract.normalize import Normalized
from chitieu.extract.spans import line_spans
from chitieu.model import Person

_TITLES: Final = lexicon.load("titles")
_SURNAMES: Final = frozenset(lexicon.load("surnames")["surnames"])
_ADMIN: Final = lexicon.load("admin_levels")
# Provinces by their first word, longest first: "Bình Long Hoàng Thị Hồng Vân".
_PROVINCES: Final[dict[str, list[list[str]]]] = {}
for _p in sorted(_ADMIN["provinces"], key=len, reverse=True):
    _PROVINCES.setdefault(_p.split(" ")[0], []).append(_p.split(" "))
_RANKS: Final = frozenset(_TITLES["ranks"])
_OFFICE_WORDS: Final = frozenset(_TITLES["office_words"])
_NOT_NAME: Final = frozenset(_TITLES["not_name_words"])
_LEVEL_WORDS: Final = [k for k in _ADMIN["levels"] if not k.endswith(".")]

# Title heads open with a capital ("Phó Chủ tịch", "Phó chủ tịch", "Bí Thư").
_HEAD_WORDS: Final = [w for w in cased(_TITLES["heads"]) if w[0].isupper()]
_HEAD: Final = re.compile(rf"(?:{alternation(_HEAD_WORDS)})(?![\w])")
_HONORIFIC: Final = re.compile(rf"(?:{alternation(cased(_TITLES['honorifics']))})[ ]+(?={CAP})")
# Publication labels with their date, as `document` reads them ("Cập nhật: 12/5/2023").
_PUBLISHED_LABELS: Final = lexicon.load("document_words")["published_labels"]
# Title heads, words of address and publication labels in one scan: none of them holds
# another's word or starts inside one, so no kind of match hides one of another kind
# (a head hides words of address only inside words: "Trưởng Công An"). A match of a
# word of address ends with the spaces after it, that of a label with a digit of its
# date, that of a head with its last letter.
_MARKS: Final = re.compile(alternation_with(
    {**{w: r"(?![\w])" for w in _HEAD_WORDS},
     **{w: rf"[ ]+(?=[{UPPER}])" for w in cased(_TITLES["honorifics"])},
     **{w: after_label() for w in _PUBLISHED_LABELS}}))
_LEVEL_BEFORE: Final = re.compile(rf"(?:{alternation(cased(_LEVEL_WORDS))})[ ]+$")
_LEVEL_LAST: Final = frozenset(w[-1] for w in cased(_LEVEL_WORDS))  # their last letters
# How far before a name `_is_place` looks for a mark to scan from.
_PLACE_WINDOW: Final = 400
# Marks that no match of `_LEVEL_RUN` holds (its level words hold none of them).
_RUN_BREAKS: Final = [c for c in ".,;:" if not any(c in w for w in _LEVEL_WORDS)]
# The last syllable of each level word, lower case ("phố" of "thành phố").
_LEVEL_ENDS: Final = frozenset(w.split(" ")[-1].lower() for w in _LEVEL_WORDS)
_LEVEL_RUN: Final = re.compile(rf"(?:{alternation(cased(_LEVEL_WORDS))})[ ]+(?P<run>{CAP_RUN.pattern})")
_SYLLABLE: Final = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SEP: Final = re.compile(r"[ ]*(?:\([^()\n]{1,60}\)[ ]*)?(?:,|-)[ ]*")
_NEXT_SEGMENT: Final = re.compile(r"[ ]*(?:,|/|[ ]-)[ ]*")
# The next word of an office, after spaces or after " - " before a capital ("Kinh tế - Ngân sách").
_OFFICE_STEP: Final = re.compile(rf"(?:[ ]-(?=[ ]{CAP}))?[ ]+([^\W_]+)")
# Steps that `_walk_office` takes for sure, many at once: a word with a capital from
# UPPER, or an office word as listed (lower case); any other word is judged step by step.
_LISTED_OFFICE: Final = alternation(sorted(w for w in _OFFICE_WORDS if w == w.lower()))
_OFFICE_RUN: Final = re.compile(
    rf"(?:(?:[ ]-(?=[ ]{CAP}))?[ ]+(?:[{UPPER}][^\W_]*|(?:{_LISTED_OFFICE}))(?![^\W_]))*")

_INITIAL: Final = r"[A-ZĐ][a-z]?\."
_NAME_TOKEN: Final = rf"(?:{_INITIAL}|{CAP})"
_BYLINE_NAME: Final = rf"{_NAME_TOKEN}(?:[ ]{_NAME_TOKEN}){{1,3}}"
_BYLINE_NAMES: Final = rf"(?P<names>{_BYLINE_NAME}(?:[ ]*(?:-|,|và)[ ]*{_BYLINE_NAME}){{0,3}})"
_LABEL: Final = alternation(_TITLES["byline_labels"])
_STAMP: Final = (r"(?:[ ]*\([^()\n]{1,60}\))?(?:[ ]*\|)?"
          r"(?:[ ]+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:[ ,-]+\d{1,2}:\d{2}(?::\d{2})?)?)?")
# A whole line (matched from its first to its last character) that is a labelled or a
# plain byline; a labelled one opens with the first word of a label.
_LABELLED_LINE: Final = re.compile(rf"(?:{_LABEL})[ ]*:?[ ]*{_BYLINE_NAMES}{_STAMP}[ .]*$")
_PLAIN_LINE: Final = re.compile(rf"{_BYLINE_NAMES}{_STAMP}[ .]*$")
_LABEL_STARTS: Final = tuple(sorted({w.split(" ")[0] for w in _TITLES["byline_labels"]}))
_LABEL_PREFIXES: Final = frozenset(w[:2] for w in _LABEL_STARTS)  # their first two characters
_PHOTO: Final = re.compile(rf"Ảnh[ ]*:[ ]*(?P<names>{_BYLINE_NAME})(?=[ ]*(?:$|\n|[.,;)]))", re.MULTILINE)
_SPLIT_NAMES: Final = re.compile(r"[ ]*(?:-|,|(?<![\w])và(?![\w]))[ ]*")
_VN_SYLLABLE: Final = re.compile(
    r"^(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$")
_EDGE_LINES: Final = 10
_TOP_LINES: Final = 3


class Mention:
    """A person found in the text: name and title with their normalized spans.
    (A plain class: mypyc builds it natively, where a dataclass runs its generated
    `__init__` as Python code.)"""

    __slots__ = ("end", "name", "rank_only", "start", "title", "title_end", "title_start")

    def __init__(self, name: str, start: int, end: int, title: str | None = None,
                 title_start: int | None = None, title_end: int | None = None,
                 rank_only: bool = False) -> None:
        self.name = name
        self.start = start
        self.end = end
        self.title = title
        self.title_start = title_start
        self.title_end = title_end
        self.rank_only = rank_only

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mention) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return (f"Mention(name={self.name!r}, start={self.start!r}, end={self.end!r}, "
                f"title={self.title!r}, title_start={self.title_start!r}, title_end={self.title_end!r}, "
                f"rank_only={self.rank_only!r})")

    def _fields(self) -> tuple[str, int, int, str | None, int | None, int | None, bool]:
        return (self.name, self.start, self.end, self.title, self.title_start, self.title_end, self.rank_only)


def find_people(n: Normalized) -> list[Person]:
    """Each person named in `n` once, in order of first mention."""
    try:
        return [Person(name=n.orig_text(m.start, m.end), title=_orig_title(n, m),
                       span=n.orig_span(m.start, m.end)) for m in people_mentions(n.text)]
    except Exception:  # a finder never breaks extraction
        return []


def _orig_title(n: Normalized, m: Mention) -> str | None:
    if m.title is None or m.title_start is None or m.title_end is None:
        return None
    return n.orig_text(m.title_start, m.title_end)


def people_mentions(text: str) -> list[Mention]:
    """People of `text` (normalized), one mention each with its best title."""
    return _analysis(text)[1]


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the names of people marked by a title or a word of address."""
    return [(m.start, m.end) for m in _analysis(text)[0]]


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the names and titles of people (used to skip them elsewhere)."""
    out: list[tuple[int, int]] = []
    for m in _analysis(text)[0]:
        out.append((m.start, m.end))
        if m.title_start is not None and m.title_end is not None:
            out.append((m.title_start, m.title_end))
    return out


@lru_cache(maxsize=8)
def _analysis(text: str) -> tuple[tuple[Mention, ...], list[Mention]]:
    """(people marked by a title or a word of address, as found; the final list).
    Cached: the document-field finder asks for the same text again."""
    heads, honorifics, _ = _marks(text)
    marked = _titled(text, heads) + _addressed(text, honorifics)
    spans = tuple(Mention(m.name, m.start, m.end, m.title, m.title_start, m.title_end) for m in marked)
    places = _place_runs(text, marked)
    mentions = [m for m in marked if m.name not in places]
    mentions += _bylines(text)
    mentions.sort(key=lambda m: m.start)
    return spans, _merge(mentions)


@lru_cache(maxsize=8)
def _marks(text: str) -> tuple[list[re.Match[str]], list[re.Match[str]], int]:
    """The matches of `_HEAD` and of `_HONORIFIC` over the text, and where the first
    publication label with its date starts (-1: none), from one scan (cached: the
    document-field finder asks for the label first)."""
    heads: list[re.Match[str]] = []
    honorifics: list[re.Match[str]] = []
    label = -1
    for m in _MARKS.finditer(text):
        last = text[m.end() - 1]
        if last == " ":
            honorifics.append(m)
        elif last.isdigit():
            if label < 0:
                label = m.start()
        else:
            heads.append(m)
    return heads, honorifics, label


def first_label(text: str) -> int:
    """Where the first publication label followed by its date starts in `text`, or -1
    (where `document._LABELLED.search` would find it)."""
    return _marks(text)[2]


# --- names after a title -------------------------------------------------------

def _titled(text: str, heads: list[re.Match[str]] | None = None) -> list[Mention]:
    out: list[Mention] = []
    for h in _marks(text)[0] if heads is None else heads:
        i, h_end = h.span()
        if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
            continue  # not at the start of a word (`finditer_words`)
        end = _walk_office(text, h_end)
        run = _trailing_run(text, h_end, end)
        if not run:
            continue
        # Right after the head no office intervenes, so a two-syllable name is no place.
        # (Arguments spelled out: a starred call goes through the generic, slow call path.)
        split = _split_name(text, run[0], run[1], min_len=2 if run[0] == h_end + 1 else 3)
        if not split:
            continue
        start, stop = split
        title_end = _strip_end(text, i, start)
        m = Mention(text[start:stop], start, stop, text[i:title_end], i, title_end,
                    rank_only=title_end == h_end and text[i:h_end] in _RANKS)
        _title_after(text, m)
        out.append(m)
    return out


def _walk_office(text: str, pos: int) -> int:
    """End of an office phrase after a title head: capitalised words, office
    words, syllables completing a capitalised word, "Kinh tế - Ngân sách"."""
    end = pos
    while True:
        if text[end:end + 1] != " ":
            return end  # both regexes open with a space (`_OFFICE_RUN` would match "")
        run = _OFFICE_RUN.match(text, end)  # the plain steps at once (it matches at least "")
        if run is not None:
            end = run.end()
        if text[end:end + 1] != " ":
            return end  # `_OFFICE_STEP` opens with a space
        w = _OFFICE_STEP.match(text, end)
        if not w:
            return end
        word = w.group(1)
        if not (word[0].isupper() or word.lower() in _OFFICE_WORDS):
            return end
        end = w.end()


def _trailing_run(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last run of capitalised syllables that ends exactly at `hi`."""
    if hi <= lo:
        return None
    if text.find("'", lo, hi) >= 0:
        return _trailing_run_syllables(text, lo, hi)
    # Without an apostrophe a syllable is a run of letters and digits: read them backwards.
    i = hi
    start = -1
    while True:
        a = i
        while a > lo and text[a - 1].isalnum():
            a -= 1
        if a == i:
            break
        word = text[a:i]
        if not word[0].isupper() or (len(word) > 1 and word.isupper()):
            break
        start = a
        i = a - 1
        if i < lo or text[i] != " ":
            break
    return (start, hi) if start >= 0 else None


def _trailing_run_syllables(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """`_trailing_run` read from the syllables of text[lo:hi] ("H'Mông" is one)."""
    i = hi
    start = None
    for w in reversed(list(_SYLLABLE.finditer(text, lo, hi))):
        a, b = w.start(), w.end()
        if b != i or not is_cap(w.group(0)) or (w.group(0).isupper() and len(w.group(0)) > 1):
            break
        start = a
        i = a - 1
        if i < lo or text[i] != " ":
            break
    return (start, hi) if start is not None else None


def _split_name(text: str, start: int, end: int, *, min_len: int) -> tuple[int, int] | None:
    """Where the person's name begins inside a capitalised run (a place may come
    first: "Bình Long Hoàng Thị Hồng Vân"). Prefers a three-syllable name."""
    # The run's syllables stand one space apart: its words are those between the spaces.
    words: list[tuple[int, int, str]] = []
    at = start
    for word in text[start:end].split(" "):
        words.append((at, at + len(word), word))
        at += len(word) + 1
    words = _drop_province(words)
    best = None
    for want in (3, 4, 2):
        if want < min_len:
            continue
        i = len(words) - want
        if i >= 0 and words[i][2] in _SURNAMES and all(_plain_syllable(w[2]) for w in words[i:]):
            best = (words[i][0], words[-1][1])
            break
    return best


def _drop_province(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words after a province name that opens them (the longest such name)."""
    for p in _PROVINCES.get(words[0][2], ()) if words else ():
        if len(p) <= len(words) and [w[2] for w in words[:len(p)]] == p:
            return words[len(p):]
    return words


def _plain_syllable(word: str) -> bool:
    return word.isalpha() and not (word.isupper() and len(word) > 1 and not _VN_SYLLABLE.match(word.lower()))


def _strip_end(text: str, lo: int, hi: int) -> int:
    while hi > lo and text[hi - 1] in " ,-":
        hi -= 1
    return hi


# --- names after a word of address ---------------------------------------------

def _addressed(text: str, honorifics: list[re.Match[str]] | None = None) -> list[Mention]:
    out: list[Mention] = []
    for h in _marks(text)[1] if honorifics is None else honorifics:
        i = h.start()
        if i and (text[i - 1].isalnum() or text[i - 1] == "_"):
            continue  # not at the start of a word (`finditer_words`)
        if i and text[i - 1].isspace() and _after_level_word_end(text, i):
            continue
        run = CAP_RUN.match(text, h.end())
        if not run:
            continue
        start, end = run.span()
        name_end = _cut_at_head(text, start, end)
        words = text[start:name_end].split()
        if not 2 <= len(words) <= 4 or not all(_plain_syllable(w) for w in words):
            continue
        m = Mention(text[start:name_end], start, name_end)
        _title_after(text, m)
        if words[0] in _SURNAMES or m.title:
            out.append(m)
    return out


def _after_level_word_end(text: str, i: int) -> bool:
    """`_LEVEL_BEFORE` matches text[i - 12:i]: a level word and spaces end at i ("xã ông
    Ba" names a place); first a cheap test of the letter before the spaces."""
    lo = max(0, i - 12)
    j = i
    while j > lo and text[j - 1] == " ":
        j -= 1
    if j < i and (j == lo or text[j - 1] not in _LEVEL_LAST):
        return False  # ("$" also matches before a last line break: that is left to the regex)
    return _LEVEL_BEFORE.search(text, lo, i) is not None


def _cut_at_head(text: str, start: int, end: int) -> int:
    h = _HEAD.search(text, start, end)
    if h and h.start() > start:
        return _strip_end(text, start, h.start())
    # The end of the run's fourth syllable (they stand one space apart), or of the run.
    at = start
    for _ in range(4):
        space = text.find(" ", at, end)
        if space < 0:
            return end
        at = space + 1
    return at - 1


# --- titles after a name ---------------------------------------------------------

def _title_after(text: str, m: Mention) -> None:
    """Read "NAME - Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh" and set the title."""
    k = m.end  # `_SEP` needs a comma, a dash or a bracket after the spaces
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text) or text[k] not in ",-(":
        return
    sep = _SEP.match(text, m.end)
    if not sep:
        return
    first = pos = sep.end()
    end = None
    while True:
        h = _HEAD.match(text, pos)
        if not h:
            break
        end = _walk_office(text, h.end())
        nxt = _NEXT_SEGMENT.match(text, end)
        if not nxt:
            break
        pos = nxt.end()
    if end is None:
        return
    end = _strip_end(text, first, end)
    if end > first:
        m.title, m.title_start, m.title_end, m.rank_only = text[first:end], first, end, False


# --- places shaped like names ------------------------------------------------------

def _place_runs(text: str, mentions: list[Mention]) -> set[str]:
    """The names of `mentions` that are also runs written after a level word where no
    title names a person there ("HĐND xã Đào Hữu Cảnh")."""
    if not mentions:
        return set()
    marked = {m.start for m in mentions}
    budget = [len(text)]  # text read by the checks near each name; past it, one scan is cheaper
    places: set[str] = set()
    for name in {m.name for m in mentions}:
        found = _is_place(text, name, marked, budget)
        if found is None:
            every = {m.group("run") for m in finditer_words(_LEVEL_RUN, text) if m.start("run") not in marked}
            return {m.name for m in mentions if m.name in every}
        if found:
            places.add(name)
    return places


def _is_place(text: str, name: str, marked: set[int], budget: list[int]) -> bool | None:
    """`name` is the whole run of some match of `_LEVEL_RUN` (as `finditer_words` finds
    them over the text) whose run does not start at a marked position. Only occurrences
    of `name` that follow spaces after a word ending a level word can be one; each is
    checked by scanning from the last of `_RUN_BREAKS` before it, which no match spans,
    so the scan there finds the same matches as one over the whole text.
    None when these checks would read more than `budget` characters in all."""
    at = text.find(name)
    while at >= 0:
        if at not in marked and _after_level_word(text, at):
            lo = max(0, at - _PLACE_WINDOW)
            start = max([text.rfind(mark, lo, at) for mark in _RUN_BREAKS], default=-1) + 1
            if start == 0 and lo > 0:
                return None  # no such mark near: scan the whole text instead
            budget[0] -= 2 * (at - lo) + len(name)
            if budget[0] < 0:
                return None
            for m in finditer_words(_LEVEL_RUN, text, start):
                if m.start("run") >= at:
                    if m.start("run") == at and m.group("run") == name:
                        return True
                    break
        at = text.find(name, at + 1)
    return False


def _after_level_word(text: str, at: int) -> bool:
    """Spaces, and before them a word that ends a level word, stand before `at`."""
    q = at
    while q > 0 and text[q - 1] == " ":
        q -= 1
    if q == at:
        return False
    p = q
    while p > 0 and text[p - 1].isalnum():
        p -= 1
    return text[p:q].lower() in _LEVEL_ENDS


# --- bylines and photo credits -----------------------------------------------------

def _bylines(text: str) -> list[Mention]:
    out: list[Mention] = []
    lines = line_spans(text)
    bottom = len(lines) - _EDGE_LINES
    for idx, (lead, end) in enumerate(lines):
        labelled = text[lead:lead + 2] in _LABEL_PREFIXES and text.startswith(_LABEL_STARTS, lead)
        edge = idx < _TOP_LINES or idx >= bottom
        if not (labelled or edge):
            continue
        m = _LABELLED_LINE.match(text, lead, end) if labelled else None
        if m is None and edge and text[lead] in UPPER_CHARS:
            # A byline opens with two capitalised words one space apart (a cheap test first).
            space = text.find(" ", lead, end)
            if lead < space < end - 1 and text[space + 1] in UPPER_CHARS and _may_be_plain(text, lead, end):
                m = _PLAIN_LINE.match(text, lead, end)
        if m is not None:
            out += _names_of(text, m.start("names"), m.end("names"), 0)
    for m in finditer_words(_PHOTO, text):
        out += _names_of(text, m.start("names"), m.end("names"), 0)
    return out


def _may_be_plain(text: str, lead: int, end: int) -> bool:
    """False where `_PLAIN_LINE` cannot match text[lead:end]: until its stamp (a bracket,
    a bar or a digit) a byline's words open with a capital, a separator ("-", ",", "và")
    or a dot; so a word of letters in lower case among the first ones ends the test."""
    for word in text[lead:end].split(" ", 4):
        if not word:
            continue
        if not word.isalpha():
            return True  # punctuation, digits, a bracket: the regex decides
        if word[0] not in UPPER_CHARS and not word.startswith("và"):
            return False
    return True


def _names_of(text: str, start: int, end: int, offset: int) -> list[Mention]:
    out: list[Mention] = []
    pos = start
    for part in _SPLIT_NAMES.split(text[start:end]):
        at = text.find(part, pos, end)
        pos = at + len(part)
        if at >= 0 and _byline_name(part):
            out.append(Mention(part, offset + at, offset + at + len(part)))
    return out


def _byline_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 4:
        return False
    for w in words:
        if w.endswith("."):
            continue
        if w.capitalize() in _NOT_NAME or w in _NOT_NAME or not _VN_SYLLABLE.match(w.lower()):
            return False
    return True


# --- one entry per person ----------------------------------------------------------

def _merge(mentions: list[Mention]) -> list[Mention]:
    by_name: dict[str, Mention] = {}
    for m in mentions:
        key = " ".join(m.name.lower().replace(".", " ").split())
        first = by_name.get(key)
        if first is None:
            by_name[key] = m
        elif (first.title is None or first.rank_only) and m.title and not m.rank_only:
            first.title, first.title_start, first.title_end, first.rank_only = \
                m.title, m.title_start, m.title_end, False
    return list(by_name.values())
