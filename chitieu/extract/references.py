"""References to formal documents: "Kết luận số 839-KL/TU ngày 08/7/2020".

A reference starts at a document kind written with a capital ("Nghị quyết",
"Chỉ thị", "Kế hoạch" ... from doc_kinds.yaml) and is read on in this order:
1. a number: after "số", or a coded number right after the kind ("43-NQ/TW"),
   or a bare number followed by a date ("Kế hoạch 437 ngày 10/10/2014");
2. a date after "ngày";
3. an issuer after "của" ("của Bộ Chính trị"), or before "ban hành".
Without a number the kind must be named some other way: "Trung ương 4",
"Đại hội Đảng bộ huyện lần thứ XV", an issuer ("Nghị quyết Huyện ủy",
"Quyết định của UBND tỉnh"), a topic ("Nghị quyết về ..."), or a kind that
names one document by itself ("Điều lệ Đảng"). A kind used as a plan basis
("so với Nghị quyết", "đạt 105% Nghị quyết HĐND huyện giao") is no reference,
nor is a plural or counted kind without a number ("các Kết luận của ...").
A coded number standing alone ("theo 21-KL/TW") is a reference of its code's kind.
Each document is cited once: repeats of a number, or of the same unnumbered
name, are dropped.
"""

from __future__ import annotations

import re
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.capwords import alternation, cased, is_cap, starts_word, syllables
from chitieu.extract.dates import DATE, iso_of_match
from chitieu.extract.normalize import Normalized, is_space
from chitieu.extract.spans import Cover
from chitieu.model import Reference

_DATA: Final = lexicon.load("doc_kinds")
_KINDS: Final[dict[str, dict]] = {k: (v or {}) for k, v in _DATA["kinds"].items()}
_KIND_BY_LOWER: Final = {k.lower(): k for k in _KINDS}
_TYPE_CODES: Final[dict[str, str]] = _DATA["type_codes"]
_OFFICE_WORDS: Final = frozenset(lexicon.load("titles")["office_words"])

# Kinds are cited with a capital: match only the capitalised case variants.
_KIND_WORDS: Final = [w for w in cased(list(_KINDS)) if w[0].isupper()]
_KIND_RE: Final = re.compile(rf"(?:{alternation(_KIND_WORDS)})(?![\w])")
# Cheap tests before `_KIND_RE` (see `_kinds`): the capital a kind starts with, and the
# character after it (none when a kind is one letter, or its second character is a space,
# which the pattern reads as any run of spaces).
_KIND_FIRSTS: Final = "".join(sorted({w[0] for w in _KIND_WORDS}))
_KIND_SECONDS: Final = (frozenset(w[1] for w in _KIND_WORDS)
                        if all(len(w) > 1 and w[1] != " " for w in _KIND_WORDS) else None)
# A stronger test for the places that pass those: the first three characters of a kind, a
# space among them (which the pattern reads as any run of spaces) written as each space
# character (`is_space`, the `\\s` of the pattern). None when a kind is shorter than three
# characters or has a space second.
_SPACE_CHARS: Final = [chr(o) for o in (*range(9, 14), *range(28, 33), 0x85, 0xA0, 0x1680,
                                        *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000)]
_KIND_HEADS: Final = (frozenset(w[:2] + (c if w[2] == " " else w[2])
                                for w in _KIND_WORDS for c in _SPACE_CHARS)
                      if all(len(w) >= 3 and w[1] != " " for w in _KIND_WORDS) else None)
_CODE: Final = r"[\wĐđ]+"
_NUMBER: Final = rf"\d[\w]*(?:[-/.]{_CODE})*"
_NUM_AFTER_SO: Final = re.compile(rf"\s*số\s*:?\s*(?P<num>{_NUMBER})")
_NUM_BARE: Final = re.compile(rf"\s+(?P<num>{_NUMBER})")
_DATE_AFTER: Final = re.compile(r"\s*,?\s*(?:ban hành\s+)?ngày\s+")
_OF: Final = re.compile(r"\s*,?\s*của\s+")
_ABOUT: Final = re.compile(r"\s+về\s+")
_TOPIC_END: Final = re.compile(r"[,.;:!?()\"\n]|…")
_TERM: Final = re.compile(r"\s*\((?:khóa|khoá)\s+[IVXLC]+\)")
_CENTRAL: Final = re.compile(r"\s+Trung ương\s+(?:\d+|[IVXLC]+)(?![\w])")
_CONGRESS: Final = re.compile(r"\s+Đại hội(?![\w])")
_ISSUER_HEAD: Final = re.compile(rf"(?:{alternation(_DATA['issuers'])})(?![\w])")
_BAN_HANH: Final = re.compile(r"(?:đã\s+)?ban hành\s*$")
_ARTICLE_BEFORE: Final = re.compile(r"Điều\s+\d+\s+$")
_COUNT_BEFORE: Final = re.compile(rf"(?:\b(?:{alternation(cased(_DATA['counters']))})|\d+)\s+$")
_BASIS_BEFORE: Final = re.compile(rf"(?:{alternation(_DATA['plan_basis_before'])})\s*$")
_BASIS_AFTER: Final = re.compile(rf"\s+(?:{alternation(_DATA['plan_basis_after'])})(?![\w])")
# Cheap tests before `_BASIS_BEFORE` and `_BASIS_AFTER`: how their words end and start.
_BASIS_ENDS: Final = tuple(sorted({w.split(" ")[-1] for w in _DATA["plan_basis_before"]}))
_BASIS_AFTER_FIRSTS: Final = "".join(sorted({w[0] for w in _DATA["plan_basis_after"]}))
# A type code between "-" or "/" ("-KL/", "/KH-"): one pattern per leading mark, each of
# which the regex engine scans for fast (a class of both would be tried at every character).
# Two matches never overlap while no code holds a "-" or "/"; else one pattern does it all.
_CODE_MARKS: Final = (
    [re.compile(rf"{re.escape(c)}(?:{alternation(list(_TYPE_CODES))})(?=[-/])") for c in "-/"]
    if not any("-" in c or "/" in c for c in _TYPE_CODES)
    else [re.compile(rf"[-/](?:{alternation(list(_TYPE_CODES))})(?=[-/])")])
# The first letters of the type codes: a cheap test of the character after a "-" or "/".
_CODE_FIRSTS: Final = frozenset(c[0] for c in _TYPE_CODES)
_CODED: Final = re.compile(
    rf"\d+(?:/\d{{4}})?[-/](?P<code>{alternation(list(_TYPE_CODES))})(?:[-/]{_CODE})+")
_YEAR: Final = re.compile(r"(?:19|20)\d\d")
_CONGRESS_WORDS: Final = frozenset(_DATA["congress_words"])
_MAX_TOPIC_WORDS: Final = 40
# The case variants of each kind as `_KIND_RE` finds them → the kind's name in `_KINDS`
# (what `_canonical` works out for any other spacing).
_CANONICAL: Final[dict[str, str]] = {w: _KIND_BY_LOWER.get(" ".join(w.lower().split()), w)
                                     for w in cased(list(_KINDS))}


def find_references(n: Normalized) -> list[Reference]:
    """Every document cited in `n`, once each, in text order."""
    try:
        return _find(n)
    except Exception:  # a finder never breaks extraction
        return []


def _find(n: Normalized) -> list[Reference]:
    text = n.text
    found: list[tuple[int, int, str, str | None, str | None, str | None]] = []
    taken: list[tuple[int, int]] = []
    for m in _kinds(text):
        if not starts_word(text, m.start()):
            continue
        ref = _read_reference(text, m)
        if ref:
            found.append(ref)
            taken.append((ref[0], ref[1]))
    cover = Cover(taken)
    for m in _coded_numbers(text):
        if m.start() in cover:
            continue
        found.append((m.start(), m.end(), _TYPE_CODES[m.group("code")], m.group(0), None, None))
    found.sort(key=lambda r: r[0])
    return _dedupe(n, found)


def _kinds(text: str) -> list[re.Match[str]]:
    """`_KIND_RE.finditer(text)`, tried only where a capital that starts a kind stands before a
    character that follows it in a kind. Each capital is found with `str.find` (for one
    character, much faster than the regex engine's scan for the first letters), and the pattern
    is tried only where the first three characters are those of a kind."""
    starts: list[int] = []
    n = len(text)
    seconds = _KIND_SECONDS
    for c in _KIND_FIRSTS:
        i = text.find(c)
        while i >= 0:
            if seconds is None or (i + 1 < n and text[i + 1] in seconds):
                starts.append(i)
            i = text.find(c, i + 1)
    starts.sort()
    out: list[re.Match[str]] = []
    pos = 0
    heads = _KIND_HEADS
    for i in starts:
        if i < pos:
            continue  # inside the last match: finditer goes on after it
        if heads is not None and text[i:i + 3] not in heads:
            continue  # no kind starts so ("Thường", "Chủ tịch", "Quang"): no match here
        m = _KIND_RE.match(text, i)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


def _coded_numbers(text: str) -> list[re.Match[str]]:
    """Coded numbers ("21-KL/TW", "3341/KH-UBND"), found from their type code."""
    out: list[re.Match[str]] = []
    for mark in _code_marks(text):
        j = mark.start()
        while j > 0 and (text[j - 1].isdigit() or text[j - 1] == "/"):
            j -= 1
        if j == mark.start() or (j > 0 and (text[j - 1].isalnum() or text[j - 1] in "-/")):
            continue
        m = _CODED.match(text, j)
        if m and m.end() > mark.start() and (not out or out[-1].start() != m.start()):
            out.append(m)
    return out


def _code_marks(text: str) -> list[re.Match[str]]:
    """The type codes of the text in order: the matches of `_CODE_MARKS` (no two of
    them overlap, so they are what one scan of "[-/]CODE" finds). Each "-" and "/" is
    found with `str.find` (much faster than a regex scan) and the pattern tried there."""
    if len(_CODE_MARKS) != 2:
        return list(_CODE_MARKS[0].finditer(text))
    dash_mark, slash_mark = _CODE_MARKS
    out: list[re.Match[str]] = []
    dash = text.find("-")
    slash = text.find("/")
    n = len(text)
    while dash >= 0 or slash >= 0:
        m: re.Match[str] | None = None
        if slash < 0 or 0 <= dash < slash:
            if dash + 1 < n and text[dash + 1] in _CODE_FIRSTS:
                m = dash_mark.match(text, dash)
            dash = text.find("-", dash + 1)
        else:
            if slash + 1 < n and text[slash + 1] in _CODE_FIRSTS:
                m = slash_mark.match(text, slash)
            slash = text.find("/", slash + 1)
        if m is not None:
            out.append(m)
    return out


def _read_reference(text: str, m: re.Match[str]) -> tuple | None:
    kind_written = _canonical(m.group(0))
    info = _KINDS[kind_written]
    kind = info.get("kind", kind_written)
    start, pos = m.start(), m.end()
    number, pos = _read_number(text, pos)
    date, pos = _read_date(text, pos) if number else (None, pos)
    issuer = None
    if number:
        issuer, pos = _read_of_issuer(text, pos)
        issuer = issuer or _issuer_before(text, start)
        return start, pos, kind, number, date, issuer
    if info.get("needs_number"):
        return None
    if _ends_with(text, max(0, start - 12), start, _BASIS_ENDS) and _BASIS_BEFORE.search(
            text, max(0, start - 12), start):
        return None
    if info.get("standalone"):
        art = _ARTICLE_BEFORE.search(text, max(0, start - 12), start)
        return (art.start() if art else start), pos, kind, None, None, None
    counted = bool(_COUNT_BEFORE.search(text, max(0, start - 12), start))
    end, issuer, topical = _read_name(text, pos, named=bool(info.get("named")))
    if end is None or (counted and not topical):
        return None
    if _next_is(text, end, _BASIS_AFTER_FIRSTS) and _BASIS_AFTER.match(text, end):
        return None
    return start, end, kind, None, None, issuer or _issuer_before(text, start)


def _canonical(written: str) -> str:
    known = _CANONICAL.get(written)
    if known is not None:
        return known
    key = " ".join(written.lower().split())
    return _KIND_BY_LOWER.get(key, written)


def _next_char(text: str, pos: int) -> int:
    """The first position from pos on that holds no space (len(text) when none does)."""
    n = len(text)
    while pos < n and is_space(ord(text[pos])):
        pos += 1
    return pos


def _next_is(text: str, pos: int, chars: str) -> bool:
    """Whether the first character after the spaces at pos is one of `chars` (a cheap test
    before a pattern that starts with spaces and then one of them)."""
    j = _next_char(text, pos)
    return j < len(text) and text[j] in chars


def _ends_with(text: str, a: int, b: int, ends: tuple[str, ...]) -> bool:
    """Whether text[a:b], trailing spaces aside, ends with one of `ends`."""
    while b > a and is_space(ord(text[b - 1])):
        b -= 1
    return text.endswith(ends, a, b)


def _read_number(text: str, pos: int) -> tuple[str | None, int]:
    j = _next_char(text, pos)
    if j >= len(text):
        return None, pos
    c = text[j]
    if c == "s":  # "số"
        m = _NUM_AFTER_SO.match(text, pos)
        return (m.group("num"), m.end()) if m else (None, pos)
    if j == pos or not c.isdecimal():
        return None, pos
    m = _NUM_BARE.match(text, pos)
    if not m:
        return None, pos
    num = m.group("num")
    coded = "-" in num or "/" in num
    dated = _next_is(text, m.end(), ",bn") and bool(_DATE_AFTER.match(text, m.end()))
    if coded or (dated and not _YEAR.fullmatch(num)):
        return num, m.end()
    return None, pos


def _read_date(text: str, pos: int) -> tuple[str | None, int]:
    m = _DATE_AFTER.match(text, pos) if _next_is(text, pos, ",bn") else None
    if not m:
        return None, pos
    d = DATE.match(text, m.end())
    if not d:
        return None, pos
    return iso_of_match(d), d.end()


def _read_of_issuer(text: str, pos: int) -> tuple[str | None, int]:
    m = _OF.match(text, pos) if _next_is(text, pos, ",c") else None
    if not m:
        return None, pos
    got = _issuer_at(text, m.end())
    if not got:
        return None, pos
    term = _TERM.match(text, got[1]) if _next_is(text, got[1], "(") else None
    return got[0], (term.end() if term else got[1])


def _issuer_at(text: str, pos: int) -> tuple[str, int] | None:
    """The issuer phrase starting exactly at `pos` ("Ban Chấp hành Trung ương Đảng")."""
    m = _ISSUER_HEAD.match(text, pos)
    if not m:
        return None
    end = _run_office(text, m.end())
    if m.group(0) in ("Bộ", "Sở", "Cục", "Tổng cục") and end == m.end():
        return None
    return text[pos:end], end


def _run_office(text: str, pos: int) -> int:
    """Extend an office name over capitalised words, office words, and lower-case
    syllables that complete the capitalised word before them ("Chấp hành")."""
    # Word by word as r"[ ]+([^\\W_]+)" reads them, from the characters (cheaper, compiled).
    end = pos
    limit = min(len(text), pos + 160)
    while True:
        i = end
        while i < limit and text[i] == " ":
            i += 1
        j = i
        while j < limit and text[j].isalnum():
            j += 1
        if i == end or j == i:
            break
        word = text[i:j]
        if not (is_cap(word) or word.lower() in _OFFICE_WORDS):
            break
        end = j
    return end


def _issuer_before(text: str, start: int) -> str | None:
    window_start = max(0, start - 100)
    if not _ends_with(text, window_start, start, ("hành",)):
        return None  # no "ban hành" just before: `_BAN_HANH` cannot match
    window = text[window_start:start]
    bh = _BAN_HANH.search(window)
    if not bh:
        return None
    best = None
    head = window[:bh.start()].rstrip()
    for h in _ISSUER_HEAD.finditer(head):
        got = _issuer_at(head, h.start())
        if got and got[1] == len(head):
            best = got[0]
            break
    return best


def _read_name(text: str, pos: int, *, named: bool) -> tuple[int | None, str | None, bool]:
    """How an unnumbered kind is named: returns (end, issuer, by_topic)."""
    j = _next_char(text, pos)
    c = text[j] if pos < j < len(text) else ""  # the first letter after spaces
    m = _CENTRAL.match(text, pos) if c == "T" else None
    if m:
        return m.end(), None, False
    m = _CONGRESS.match(text, pos) if c == "Đ" else None
    if m:
        end = _congress_end(text, m.end())
        return (end, None, False) if end else (None, None, False)
    got = _issuer_at(text, pos + 1) if text[pos:pos + 1] == " " else None
    if got:
        return got[1], got[0], False
    m = _OF.match(text, pos) if _next_is(text, pos, ",c") else None
    if m:
        got = _issuer_at(text, m.end())
        if got:
            return got[1], got[0], False
    m = _ABOUT.match(text, pos) if c == "v" else None
    if m:
        return _topic_end(text, m.end()), None, True
    if named:
        end = _run_office(text, pos)
        if end > pos:
            return end, None, False
    return None, None, False


def _congress_end(text: str, pos: int) -> int | None:
    end = pos
    for w in re.finditer(r"[ ]+([^\W_]+)", text[pos:pos + 120]):
        if w.start() != end - pos:
            break
        word = w.group(1)
        if word.lower() in ("các", "những"):
            return None
        if is_cap(word) or word.lower() in _CONGRESS_WORDS:
            end = pos + w.end()
            continue
        break
    return end if end > pos else None


def _topic_end(text: str, pos: int) -> int:
    m = _TOPIC_END.search(text, pos, min(len(text), pos + 400))
    end = m.start() if m else min(len(text), pos + 400)
    words = list(re.finditer(r"\S+", text[pos:end]))
    if len(words) > _MAX_TOPIC_WORDS:
        end = pos + words[_MAX_TOPIC_WORDS - 1].end()
    while end > pos and text[end - 1].isspace():
        end -= 1
    return end


def _truncated(text: str, end: int) -> bool:
    """The excerpt was cut inside this reference (text ends mid-word right after it)."""
    if len(text) - end > 64:
        return False
    return not text[end:].strip() and bool(text) and text.rstrip()[-1].isalpha()


def _dedupe(n: Normalized, found: list[tuple]) -> list[Reference]:
    out: list[Reference] = []
    numbers: set[str] = set()
    unnumbered: list[tuple[str, set[str]]] = []
    for start, end, kind, number, date, issuer in found:
        if _truncated(n.text, end):
            continue
        if number:
            key = "".join(number.lower().split())
            if key in numbers:
                continue
            numbers.add(key)
        else:
            words = set(w.lower() for w in syllables(n.text[start:end]))
            if any(k == kind and _dice(words, w) >= 0.6 for k, w in unnumbered):
                continue
            unnumbered.append((kind, words))
        # Positional arguments, in the model's field order: a much cheaper call than keywords.
        out.append(Reference(kind, number, date, issuer, n.orig_text(start, end), n.orig_span(start, end)))
    return out


def _dice(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))
