"""Document fields: title, published, locality, period.

- title: the headline, a line near the top that is one sentence without a full
  stop (or with one, when a publication stamp follows it), not a caption
  ("Đồng chí X phát biểu ...") and not a body opening ("Ngày 22/6, ...",
  "(QNO) - ..."); a trailing "(17/06/2024, 13:30)" stamp is cut off.
- published: only from a publication stamp: a labelled date ("Cập nhật
  19/12/2015") or a date with a time of day near the top ("30/08/2017 - 08:19").
- locality: the first unit named with its level word in the title, else in the
  body ("huyện Lắk", "thị xã Bình Long", "Huyện ủy Nông Sơn" → "huyện Nông Sơn"),
  written with a full level word where the text has one; units inside brackets
  or people's titles do not count, nor units below a "toàn tỉnh" the text speaks for.
- period: the first period that the text reports on (see `periods`).
The reader's title and published date win when given.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.capwords import CAP, UPPER_CHARS, Phrases, alternation, cased, lowered
from chitieu.extract.dates import DATE, STAMP_DATE, TIME_OF_DAY, after_label, iso_of_match
from chitieu.extract.normalize import Normalized
from chitieu.extract.people import first_label, name_spans, title_spans
from chitieu.extract.periods import find_period
from chitieu.extract.spans import Cover, line_spans
from chitieu.model import DocumentFields

_WORDS: Final = lexicon.load("document_words")
_ADMIN: Final = lexicon.load("admin_levels")
_LEVELS: Final[dict[str, dict]] = _ADMIN["levels"]
_COMMITTEES: Final[dict[str, str]] = _ADMIN["committees"]
_HONORIFICS: Final = lexicon.load("titles")["honorifics"]

_D: Final = STAMP_DATE
_TIME: Final = TIME_OF_DAY
# A labelled date; the first in a text is found by `people.first_label` (one scan with names).
_LABELLED: Final = re.compile(rf"(?:{alternation(_WORDS['published_labels'])}){after_label('date')}")
_STAMP_LINE: Final = re.compile(rf"^[^\n]{{0,40}}?(?:(?P<date>{_D})[ ,-]*(?:lúc\s+)?{_TIME}"
                         rf"|{_TIME}[ ,-]*(?:ngày\s+)?(?P<date2>{_D}))[^\n]{{0,12}}$")
_TITLE_STAMP: Final = re.compile(rf"\s*\((?:(?:{alternation(_WORDS['published_labels'])})\s*:?\s*)?"
                          rf"(?P<date>{_D})(?:\s*,?\s*{_TIME})?\)\s*$")
_SOURCE_TAG: Final = re.compile(r"\([\w.]{2,20}\)\s*[-:]")
_BODY_OPENER: Final = re.compile(rf"^(?:{alternation(_WORDS['body_openers'])})(?![\w])")
_CAPTION_VERBS: Final = alternation(lexicon.load("directive_markers")["caption_verbs"])
_CAPTION: Final = re.compile(rf"^(?:{alternation(cased(_HONORIFICS))})\s+{CAP}(?:\s+{CAP}){{1,3}}"
                      rf"(?:\s*[,-]|\s+(?:[^\W\d]+\s+){{0,2}}(?:{_CAPTION_VERBS}))")
_FURNITURE: Final = re.compile(rf"(?:{alternation(cased(_WORDS['furniture']))})")
_FURNITURE_PHRASES: Final = Phrases(sorted({w.lower() for w in _WORDS["furniture"]}))
# A sentence end inside a line; the dot of a level's abbreviation ("TP. Huế") is none.
_SENTENCE_INSIDE: Final = re.compile(r"[.!?…]" + "".join(
    rf"(?<!\b{re.escape(k)})" for k in lexicon.load("admin_levels")["levels"] if k.endswith("."))
    + r"\s+[A-ZĐÀ-Ỹ]")
_DIACRITIC: Final = re.compile(r"[^\x00-\x7f]")
_HEAD_LINES: Final = 15
_STAMP_LINES: Final = 6
_MAX_TITLE: Final = 250

# Abbreviations ("TP.", "TP", "H.") have a full form; they are matched as written.
_LEVEL_ALT: Final = alternation(cased([k for k in _LEVELS if "full" not in _LEVELS[k]]))
_ABBREV_ALT: Final = alternation([k for k in _LEVELS if "full" in _LEVELS[k]])
_COMMITTEE_ALT: Final = alternation(cased(list(_COMMITTEES)))
_NAME: Final = rf"(?P<name>{CAP}(?:[ ]{CAP}){{0,3}})(?![\w'])"
_NAMED: Final = re.compile(
    rf"(?:(?P<committee>{_COMMITTEE_ALT})|(?P<abbrev>{_ABBREV_ALT})|(?P<level>{_LEVEL_ALT}))"
    rf"[ ]*(?<=[ .]){_NAME}")
_WHOLE: Final = re.compile(rf"(?:toàn|Toàn)\s+(?P<level>{_LEVEL_ALT})(?![\w])")
# Where a level word or a committee may start ("tỉnh ủy" starts where "tỉnh" does).
_LEVEL_KEYS = sorted({k.lower() for k in list(_LEVELS) + list(_COMMITTEES)})
_LEVEL_KEYS = [k for k in _LEVEL_KEYS if k.split(" ")[0] == k or k.split(" ")[0] not in _LEVEL_KEYS]
_LEVEL_PHRASES: Final = Phrases(_LEVEL_KEYS)



def _key_rests() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """For `_may_name`: the level phrases that a shorter key of `_NAMED` opens (there the
    regex is always tried), and for each level phrase that longer keys open the first
    letters of the rest of these keys ("huyện" → "ủ", "u" of "huyện ủy", "huyện uỷ").
    Keys in lower case, with single spaces (`alternation` reads any spaces)."""
    keys = {" ".join(k.split()).lower() for k in cased(list(_COMMITTEES)) + cased(_LEVEL_WORDS)}
    keys |= {k.lower() for k in _LEVELS if k.endswith(".")}
    shorter = frozenset(v for v in _LEVEL_KEYS if any(v.startswith(k) and k != v for k in keys))
    longer: dict[str, frozenset[str]] = {}
    for v in _LEVEL_KEYS:
        rests = {k[len(v):].lstrip()[:1] for k in keys if k.startswith(v) and k != v}
        if rests:
            longer[v] = frozenset(rests)
    return shorter, longer


_LEVEL_WORDS: Final = [k for k in _LEVELS if not k.endswith(".")]
_SHORTER_KEY, _LONGER_KEY = _key_rests()
_WHOLE_PHRASES: Final = Phrases(["toàn"])
_PLURAL_MARKERS: Final = cased(_ADMIN["plural_markers"] + ["cấp"])
_PLURAL_BEFORE: Final = re.compile(rf"(?:{alternation(_PLURAL_MARKERS)})\s+$")
_PLURAL_ENDS: Final = frozenset(w[-1] for w in _PLURAL_MARKERS)
_BRACKETS: Final = re.compile(r"\([^()\n]*\)")


def find_fields(n: Normalized, *, title: str | None = None, published: str | None = None) -> DocumentFields:
    """The document fields of `n`; the reader's title and published date win."""
    out = DocumentFields(title=title, published=published)
    try:
        lines, head = _head(n.text)
        if out.title is None and head is not None:
            out.title = n.orig_text(*head)
        if out.published is None:
            out.published = _published(n.text, lines)
        out.locality = _locality(n.text, head)
        out.period = find_period(n.text, head)
    except Exception:  # a finder never breaks extraction
        pass
    return out


# --- title and publication stamp -----------------------------------------------------

def headline_span(text: str) -> tuple[int, int] | None:
    """Span of the headline in normalized `text`, or None when it has none."""
    try:
        return _head(text)[1]
    except Exception:  # a finder never breaks extraction
        return None


@lru_cache(maxsize=8)
def _head(text: str) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """The first lines and the headline span (cached: the clause finder asks too)."""
    lines = _head_lines(text)
    return lines, _headline(text, lines)


def _head_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the first non-empty lines, stripped."""
    return list(line_spans(text)[:_HEAD_LINES])


def _headline(text: str, lines: list[tuple[int, int]]) -> tuple[int, int] | None:
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if _skippable(line):
            continue
        tag = _SOURCE_TAG.search(line)
        if tag and tag.start() > 0 and len(line[:tag.start()].split(None, 5)) >= 5:
            b = a + len(line[:tag.start()].rstrip(" -"))
            line = text[a:b]
        elif tag or _BODY_OPENER.match(line) or _CAPTION.match(line) or len(line) > _MAX_TITLE:
            return None
        stamp = _title_stamp(line)
        if stamp:
            b = a + stamp.start()
            line = text[a:b]
        if _SENTENCE_INSIDE.search(line) or ";" in line:
            return None
        if line.endswith((".", "…")):
            next_line = text[lines[i + 1][0]:lines[i + 1][1]] if i + 1 < len(lines) else ""
            if not (_LABELLED.search(next_line) or _stamp_line(next_line)) or line.endswith("…"):
                return None
            b -= 1
        return a, b
    return None


def _skippable(line: str) -> bool:
    """Page furniture, stamps, bylines and alt texts before the headline."""
    words = line.split(None, 5)  # at most six parts: enough to count five words
    return (len(words) < 5 or "•" in line or line.endswith(":") or _FURNITURE.match(line) is not None
            or _stamp_line(line) is not None or not _DIACRITIC.search(line))


def _stamp_line(line: str) -> re.Match[str] | None:
    """A line that is a date with a time of day (every such line holds one: see `_has_time`)."""
    return _STAMP_LINE.match(line) if _has_time(line) else None


def _has_time(line: str) -> bool:
    """A cheap test before `_STAMP_LINE`: its time of day puts a digit, ":" and two digits
    in the line (a digit as `\\d` reads it: `str.isdecimal`). Most lines with a ":" are
    no stamps ("Ảnh: Hồng Thi"), and the regex tries each of their first 40 positions."""
    i = line.find(":")
    while i >= 0:
        if 0 < i < len(line) - 2 and line[i - 1].isdecimal() and line[i + 1].isdecimal() \
                and line[i + 2].isdecimal():
            return True
        i = line.find(":", i + 1)
    return False


def _title_stamp(line: str) -> re.Match[str] | None:
    """A bracketed stamp that ends the line."""
    return _TITLE_STAMP.search(line) if line.rstrip().endswith(")") else None


def _published(text: str, lines: list[tuple[int, int]]) -> str | None:
    # A labelled date inside a line is one in the whole text too, so no line before the
    # text's first one can hold one (the search of each line is skipped there).
    at = first_label(text)
    first = _LABELLED.match(text, at) if at >= 0 else None
    for a, b in lines[:_STAMP_LINES]:
        line = text[a:b]
        finders = _LINE_FINDERS if first is not None and b > first.start() else _LINE_FINDERS[1:]
        for find in finders:
            m = find(line)
            if m:
                value = _iso(m)
                if value:
                    return value
    return _iso(first) if first else None


_LINE_FINDERS: Final = (_LABELLED.search, _stamp_line, _title_stamp)


def _iso(m: re.Match[str]) -> str | None:
    for group in ("date", "date2"):
        if group in m.re.groupindex and m.group(group):
            d = DATE.match(m.group(group))
            if d:
                return iso_of_match(d)
    return None


# --- locality --------------------------------------------------------------------------

class _Unit:
    """A unit named with a level word: a match of `_NAMED` with the positions and the name
    that every mention is asked for kept as fields (each a call to the match otherwise);
    the level word is read from the match for the few that need it."""

    __slots__ = ("end", "match", "name", "name_start", "start")

    def __init__(self, m: re.Match[str], start: int, end: int, name: str) -> None:
        self.match = m
        self.start = start
        self.end = end
        self.name = name
        self.name_start = end - len(name)  # the name ends the match (a look-ahead follows)


def _locality(text: str, head: tuple[int, int] | None) -> str | None:
    name_list = name_spans(text)
    units = _units(text)
    names = _Spans(name_list, len(units))
    every: list[_Unit] = []
    for u in units:
        i = u.start
        if i > 0 and text[i - 1] == ".":
            continue
        if _plural_at(text, i):
            continue
        if not names.overlaps(u.name_start, u.end):
            every.append(u)
    if not every:
        return None
    skip = _Spans(title_spans(text) + _brackets(text) + _furniture_spans(text), len(every))
    mentions = [u for u in every if not skip.holds(u.name_start)]
    if not mentions:
        return None
    chosen = None
    if head:
        chosen = next((u for u in mentions if head[0] <= u.start < head[1]), None)
        if chosen is None:
            chosen = _bare_in_title(text, head, mentions)
    if chosen is None:
        chosen = _first_in_body(text, mentions, head)
    return _written_form(chosen, every) if chosen is not None else None


class _Spans:
    """The questions of a `Cover` ("does a span meet [a, b)?", "does one hold p?") for a
    few questions about a few spans: asked of the spans one by one then, cheaper than
    sorting and merging them into a `Cover` (made when `asks` times the spans is many)."""

    __slots__ = ("cover", "spans")

    def __init__(self, spans: list[tuple[int, int]], asks: int) -> None:
        self.spans = spans
        self.cover: Cover | None = Cover(spans) if asks * len(spans) > _FEW_ASKS else None

    def overlaps(self, a: int, b: int) -> bool:
        """Some non-empty span meets [a, b) (for a < b)."""
        if self.cover is not None:
            return self.cover.overlaps(a, b)
        return any(s < b and e > a and e > s for s, e in self.spans)

    def holds(self, p: int) -> bool:
        """Some span holds p."""
        if self.cover is not None:
            return p in self.cover
        return any(s <= p < e for s, e in self.spans)


_FEW_ASKS: Final = 256


def _named(text: str) -> list[re.Match[str]]:
    """Units named with a level word, found from the level words' positions."""
    return [u.match for u in _units(text)]


def _units(text: str) -> list[_Unit]:
    """The matches of `_named`, each read once."""
    out: list[_Unit] = []
    last_end = 0
    for i, phrase in _LEVEL_PHRASES.found(lowered(text)):
        if i < last_end or not _may_name(text, i, phrase):
            continue
        m = _NAMED.match(text, i)
        if m is not None:
            end = m.end()  # the end of the name
            name = m.group("name")
            if not (text[end:end + 1] == "." and name.isupper()):
                out.append(_Unit(m, i, end, name))  # "Thành ủy TP. X" is read from "TP." on
                last_end = end
    return out


def _may_name(text: str, i: int, phrase: str) -> bool:
    """False where `_NAMED` cannot match at i, where the level phrase `phrase` stands (a
    cheap test: nearly half of the level words name no unit, "cấp huyện", "các xã đã").
    A key of the regex that matches there is `phrase` itself, unless a shorter or longer
    key shares its beginning (`_key_rests`); after it come spaces, a space or the dot of
    an abbreviation, and a capital of `UPPER`. After a longer key's beginning, white
    space (`\\s+` in the key) and the first letter of its rest in some case."""
    if phrase in _SHORTER_KEY:
        return True
    n = len(text)
    j = i + len(phrase)
    q = j
    while q < n and text[q] == " ":
        q += 1
    if q < n and text[q] in UPPER_CHARS and text[q - 1] in " .":
        return True
    rests = _LONGER_KEY.get(phrase)
    if rests is None:
        return False
    q = j
    while q < n and text[q].isspace():
        q += 1
    return text[q:q + 1].lower() in rests


def _plural(text: str, m: re.Match[str]) -> bool:
    return _plural_at(text, m.start())


def _plural_at(text: str, i: int) -> bool:
    """A plural marker and spaces stand right before the unit that starts at i."""
    if i == 0 or not text[i - 1].isspace():
        return False
    # The marker's last letter stands right before the spaces (a cheap test first).
    lo = max(0, i - 8)
    j = i - 1
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j == lo or text[j - 1] not in _PLURAL_ENDS:
        return False
    return _PLURAL_BEFORE.search(text, lo, i) is not None


def _brackets(text: str) -> list[tuple[int, int]]:
    if "(" not in text:
        return []  # most texts have none: `str.find` is cheaper than the regex scan
    return [m.span() for m in _BRACKETS.finditer(text)]


def _furniture_spans(text: str) -> list[tuple[int, int]]:
    """The lines that hold page furniture (footers, counters)."""
    out: list[tuple[int, int]] = []
    for i in _FURNITURE_PHRASES.positions(lowered(text)):
        if out and i < out[-1][1]:
            continue
        a = text.rfind("\n", 0, i) + 1
        b = text.find("\n", i)
        out.append((a, len(text) if b < 0 else b))
    return out


def _rank(m: re.Match[str]) -> int:
    if m.group("committee"):
        level = _COMMITTEES[_canonical(m.group("committee"), _COMMITTEE_KEYS)]
    elif m.group("abbrev"):
        info = _LEVELS.get(_canonical(m.group("abbrev"), _LEVEL_KEY_CASES), {})
        level = str(info.get("full", m.group("abbrev")))
    else:
        level = m.group("level").lower()
    return int(_LEVELS.get(level, {}).get("rank", 2))


def _by_lower(table: dict) -> dict[str, str]:
    """Keys of `table` by their lower case (the first key of each)."""
    out: dict[str, str] = {}
    for key in table:
        out.setdefault(key.lower(), key)
    return out


_COMMITTEE_KEYS: Final = _by_lower(_COMMITTEES)
_LEVEL_KEY_CASES: Final = _by_lower(_LEVELS)


def _canonical(written: str, keys: dict[str, str]) -> str:
    """The key written as `written` in any case and spacing (see `_by_lower`)."""
    return keys.get(" ".join(written.split()).lower(), written)


def _bare_in_title(text: str, head: tuple[int, int], mentions: list[_Unit]) -> _Unit | None:
    """A unit the title names without its level word ("Hoằng Hóa: ...")."""
    title = text[head[0]:head[1]]
    best = None
    for m in mentions:
        at = title.find(m.name)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, m)
    return best[1] if best else None


def _first_in_body(text: str, mentions: list[_Unit], head: tuple[int, int] | None) -> _Unit | None:
    whole = []
    for i in _WHOLE_PHRASES.positions(lowered(text)):
        w = _WHOLE.match(text, i)
        if w:
            whole.append((i, int(_LEVELS.get(w.group("level").lower(), {}).get("rank", 2))))
    whole.sort()
    k, highest = 0, 9
    for m in mentions:
        while k < len(whole) and whole[k][0] < m.start:
            highest = min(highest, whole[k][1])
            k += 1
        if (head and head[0] <= m.start < head[1]) or _rank(m.match) > highest:
            continue
        return m
    return None


def _extends(name: str, key: str) -> bool:
    """`name` is `key` or `key` followed by more words (both lowercased)."""
    return name.startswith(key) and (len(name) == len(key) or name[len(key)] == " ")


def _written_form(chosen: _Unit, mentions: list[_Unit]) -> str:
    """The chosen unit as written with a full level word where the text has one
    (the longest such name: "Chư prông" in a title, "Chư Prông" in the body; the first
    of the longest), else with an abbreviated one, else as its committee names it."""
    name = chosen.name
    key = name.lower()
    level = abbrev = None
    level_size = abbrev_size = -1
    for u in mentions:
        other = u.name
        if len(other) <= level_size:
            continue  # it cannot replace the level mention found, and then no abbreviation counts
        if not _extends(other.lower(), key):
            continue
        m = u.match
        if m.group("level"):
            if len(other) > level_size:
                level, level_size = m, len(other)
        elif m.group("abbrev") and len(other) > abbrev_size:
            abbrev, abbrev_size = m, len(other)
    if level is not None:
        return f"{level.group('level').lower()} {level.group('name')}"
    if abbrev is not None:
        return f"{abbrev.group('abbrev')} {abbrev.group('name')}"
    return f"{_COMMITTEES[_canonical(chosen.match.group('committee'), _COMMITTEE_KEYS)]} {name}"
