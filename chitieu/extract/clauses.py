"""Directives and requests: tasks set for others, and petitions sent upward.

The text is read sentence by sentence (segment.split_sentences).

Requests: a verb of asking (request_markers.yaml) used as a verb, not a noun
("Huyện ủy đã kiến nghị Thường vụ Tỉnh ủy ...", "địa phương mong muốn tỉnh ...").
"đề nghị" asks only when an upward addressee follows and the asker before it is
a body or locality. The request is what follows the addressee (or the ":" of a
list), one item per ";" or per ", " before a strong task verb.

Directives come in runs. A run opens at
- a leader's verb: a title, a name or "Lãnh đạo ..." before "đề nghị", "yêu
  cầu", "chỉ đạo", "nhấn mạnh" ... ("Phó Bí thư Thường trực đề nghị Huyện ủy
  cần phân tích rõ ..."), or such a verb before a downward addressee ("đề nghị
  các cấp, các ngành ...");
- the conclusion of a meeting ("Kết luận hội nghị, đồng chí ...");
- a phrase that puts tasks ahead ("Thời gian tới", "Trong 6 tháng cuối năm");
- a subject with "cần" and a task verb ("các đơn vị cần tiếp tục đôn đốc ...").
It goes on over sentences that open with a task verb ("Tập trung xây dựng ...",
"Đồng thời nâng cao ..."), passes over photo captions, and ends at any other
sentence. Narrative verbs ("đã chỉ đạo", "sẽ chỉ đạo") open nothing.
Each task is one item: cut at ";" and at ", " before a strong task verb, and
taken from its task verb on (the addressee and "cần" are left out). An item cut
off by the end of an excerpt is shortened to its last comma, or dropped.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from typing import Final

from mypy_extensions import i64

from chitieu.extract import lexicon
from chitieu.extract.capwords import (
    CAP,
    UPPER,
    UPPER_CHARS,
    Phrases,
    alternation,
    cased,
    lowered,
    match_word,
    starts_word,
    word_pattern,
)
from chitieu.extract.document import headline_span
from chitieu.extract.normalize import Normalized, is_space, words_end
from chitieu.model import Clause

_D: Final = lexicon.load("directive_markers")
_R: Final = lexicon.load("request_markers")
_TITLES: Final = lexicon.load("titles")


def _words(key_list: list[str]) -> re.Pattern[str]:
    """Any of the words, in their usual case variants, ending a word. The start
    boundary is checked by `search_word` and `match_word` (a leading look-behind
    would make the regex engine try every position of a searched window)."""
    return word_pattern(key_list)


def _at_end(key_list: list[str]) -> re.Pattern[str]:
    """Any of the words right before the end of a searched window."""
    return re.compile(rf"(?<![\w])(?:{alternation(cased(key_list))})\s*$")


def _tailed(entries: list[tuple[str, str]]) -> str:
    """A regex of words each followed by its own tail regex, written as one trie (a space
    of a word matches any run of spaces). A position matches when some word and its tail
    match there, as with an alternation of "word tail" pairs; unlike such an alternation
    of groups, the regex engine scans only the positions where a word's first letter stands.
    A branch of the trie whose words all have the same tail is written once with it."""
    trie: dict = {}
    for word, tail in entries:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", {})[tail] = {}

    def tails(node: dict) -> set[str]:
        out = set(node.get("", {}))
        for ch in node:
            if ch:
                out |= tails(node[ch])
        return out

    def piece(ch: str) -> str:
        return r"\s+" if ch == " " else re.escape(ch)

    def plain(node: dict) -> str:  # the words of the branch, their tail left out
        branches = [piece(ch) + plain(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    def walk(node: dict) -> str:
        same = tails(node)
        if len(same) == 1:
            return plain(node) + f"(?:{same.pop()})"
        branches = [piece(ch) + walk(node[ch]) for ch in sorted(k for k in node if k)]
        branches += [f"(?:{tail})" for tail in sorted(node.get("", {}))]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return walk(trie)


# Every word that can open a request or a directive, found in one scan of the text.
_ROLES: Final[dict[str, set[str]]] = {}
for _role, _list in (("request", _R["verbs"]), ("directive", _D["verbs"]), ("future", _D["future"]),
                     ("modal", _D["modals"]), ("conclusion", _D["conclusions"])):
    for _w in _list:
        _ROLES.setdefault(_w.lower(), set()).add(_role)
_TRIGGERS: Final = [(w, frozenset(_ROLES[w])) for w in sorted(_ROLES, key=len, reverse=True)]
_TRIGGER_ROLES: Final = dict(_TRIGGERS)
_TRIGGER_PHRASES: Final = Phrases(list(_TRIGGER_ROLES), alone=True)

# A leader named in a sentence: a title, an honorific or "Lãnh đạo" before a name; found
# with `search_word` (it starts a word), and asked only whether there is one.
_LEADER: Final = re.compile(_tailed(
    [(w, r"(?![\w])") for w in cased(_D["leaders"] + _TITLES["heads"])]
    + [(w, rf"\s+{CAP}") for w in cased(_TITLES["honorifics"])]
    + [("Lãnh", rf" đạo\s+{CAP}")]))  # one space after "Lãnh", as written
_D_NOUN_BEFORE: Final = _at_end(_D["noun_before"])
_D_NOUN_AFTER_WORDS: Final = alternation(cased([w for w in _D["noun_after"] if w[0].isalpha()]))
_D_NOUN_AFTER: Final = re.compile(rf"\s*(?:(?:{_D_NOUN_AFTER_WORDS})(?![\w])|[,.)])")
# "đã quan tâm chỉ đạo": a narrative word up to two words before the verb, not across "và"
# ("ghi nhận kết quả đạt được và đề nghị ..." is a leader's request).
_NARRATIVE: Final = re.compile(
    rf"(?<![\w])(?:{alternation(cased(_D['narrative']))})(?:\s+(?![Vv]à(?!\S))\S+){{0,2}}\s+$")
_PURPOSE: Final = _words(_D["purpose"])
_DOWNWARD: Final = re.compile(rf"\s*(?:{alternation(cased(_D['downward']))})(?![\w])")
_MODAL: Final = _words(_D["modals"])
_NOT_SUBJECT: Final = _at_end(_D["not_subjects"])
_CONNECTOR: Final = re.compile(rf"(?:(?:{alternation(cased(_D['connectors']))})(?![\w])[\s,]*)+")
_LEAD: Final = _words(_D["lead"])
_TASK: Final = _words(_D["lead"] + _D["task"])
_LEAD_AFTER_COMMA: Final = re.compile(rf",\s+(?=(?:{alternation(cased(_D['comma_split']))})(?![\w]))")

_R_NEEDS_UP: Final = {v.lower() for v in _R["verbs_needing_upward"]}
_UPWARD: Final = re.compile(rf"\s*(?:{alternation(cased(_R['upward']))})(?![\w])")
_LEADING_ASK: Final = re.compile(rf"(?:{alternation(cased(_R['verbs']))})(?![\w])")
_ORG_WORD: Final = re.compile(rf"\s+(?:{CAP}|{alternation(lexicon.load('titles')['office_words'])})(?![\w])")
_R_NOUN_BEFORE: Final = _at_end(_R["noun_before"])
_R_NOUN_AFTER: Final = re.compile(
    rf"\s*(?:{alternation(cased([w for w in _R['noun_after'] if w[0].isalpha()]))})(?![\w])|\s*[,.;:]")
_R_NOUN_ITEM: Final = re.compile(
    rf"(?:{alternation(cased(_R['noun_before']))})\s+(?:{alternation(cased(_R['verbs']))})(?![\w])")

_CAPTION_VERB: Final = _words(_D["caption_verbs"])
_HONORIFIC_START: Final = re.compile(rf"(?:{alternation(cased(_TITLES['honorifics']))})\s+{CAP}")
# A body or locality among the words of a subject (found with `search_word`).
_ASKER_WORD: Final = re.compile(rf"(?:{alternation(cased(_R['askers']))})(?![\w])")
# An addressee or a name (a capital starting a word) before a task verb, found with
# `search_word` and asked only whether there is one; the same as searching
# rf"(?<![\w])(?:{alternation(cased(addressees))})(?![\w])|(?<![\w]){CAP}".
_ADDRESSEE_WORD: Final = re.compile(_tailed([(w, r"(?![\w])") for w in cased(_D["addressees"])]
                                            + [(c, "") for c in sorted(UPPER_CHARS)]))


def _firsts(words: list[str], extra: str = "") -> frozenset[str]:
    """The characters a match of any of `words` in its usual case variants (see `cased`),
    or one of `extra`, starts with."""
    return frozenset({w[0] for w in cased(words)} | set(extra))


def _lasts(words: list[str]) -> tuple[str, ...]:
    """The last syllables of `words` in lower case: in the lowered text (`lowered`), a
    match of any of the words in its usual case variants ends with one of them."""
    return tuple(sorted({w.split(" ")[-1].lower() for w in cased(words)}))


def _first_syllables(words: list[str]) -> frozenset[str]:
    """The first syllables of `words` in lower case: a match of any of the words in its usual
    case variants starts with a run of word characters that `_first_word` reads as one."""
    firsts = frozenset(w.split(" ")[0].lower() for w in cased(words))
    if not all(f.isalnum() for f in firsts):  # a syllable with other characters: not a run
        raise ValueError(f"a first syllable that is not a run of letters: {sorted(firsts)}")
    return firsts


# Cheap tests before the patterns: each is necessary for its pattern to match, so the
# pattern runs only where it can, with the same outcome.
_CONNECTOR_FIRSTS: Final = _firsts(_D["connectors"])
_MODAL_FIRSTS: Final = _firsts(_D["modals"])
_LEAD_FIRSTS: Final = _firsts(_D["lead"])
_TASK_FIRSTS: Final = _firsts(_D["lead"] + _D["task"])
_DOWNWARD_FIRSTS: Final = _firsts(_D["downward"])
_D_NOUN_AFTER_FIRSTS: Final = _firsts([w for w in _D["noun_after"] if w[0].isalpha()], ",.)")
_R_NOUN_AFTER_FIRSTS: Final = _firsts([w for w in _R["noun_after"] if w[0].isalpha()], ",.;:")
_UPWARD_FIRSTS: Final = _firsts(_R["upward"])
_BULLET: Final = re.compile(r"\s*(?:\(\d{1,2}\)|\d{1,2}[.)]|[a-zđ]\))\s+")
_UPWARD_OF_DISTRICTS: Final = frozenset(" ".join(w.lower().split()) for w in _R["upward_of_districts"])
_ASK_FIRSTS: Final = _firsts(_R["verbs"])
_R_NOUN_ITEM_FIRSTS: Final = _firsts(_R["noun_before"])
_HONORIFIC_FIRSTS: Final = _firsts(_TITLES["honorifics"])
_MODAL_LASTS: Final = _lasts(_D["modals"])
_CONNECTOR_SYLLABLES: Final = _first_syllables(_D["connectors"])
_MODAL_SYLLABLES: Final = _first_syllables(_D["modals"])
_LEAD_SYLLABLES: Final = _first_syllables(_D["lead"])
_TASK_SYLLABLES: Final = _first_syllables(_D["lead"] + _D["task"])
_LEADER_SYLLABLES: Final = _first_syllables(
    _D["leaders"] + _TITLES["heads"] + _TITLES["honorifics"] + ["Lãnh"])
_CAPTION_SYLLABLES: Final = _first_syllables(_D["caption_verbs"])
_PURPOSE_SYLLABLES: Final = _first_syllables(_D["purpose"])
_D_NOUN_BEFORE_LASTS: Final = _lasts(_D["noun_before"])
_R_NOUN_BEFORE_LASTS: Final = _lasts(_R["noun_before"])
_NOT_SUBJECT_LASTS: Final = _lasts(_D["not_subjects"])
_NARRATIVE_LASTS: Final = _lasts(_D["narrative"])
_END_CHARS: Final = ".!?…;:"
_TRAIL_CHARS: Final = " \t\n.…;,:/"
# A sentence ends at a line break, or at ".", "!", "?" before a space and a capital,
# digit, quote or bracket, except after a one- or two-letter abbreviation ("TP.", "H.").
_STOP_CHARS: Final = ".!?"
_AFTER_STOP: Final = UPPER_CHARS | frozenset("0123456789\"'([")
_ABBREVIATION: Final = re.compile(rf"(?:^|[\s(])[{UPPER}][A-Za-z]?$")
_ASCII_LETTERS: Final = frozenset(string.ascii_letters)
_FIRST_WINDOW: Final = 12
_ITEM_WINDOW: Final = 8
_OPENER_WINDOW: Final = 14
_MIN_WORDS: Final = 3
_MIN_CUT_WORDS: Final = 10
_PAREN_MIN_WORDS: Final = 12


class Hit:
    """A trigger word found in the text and what it can do (a plain class: compiled, it is
    built and read much faster than a named tuple)."""

    def __init__(self, start: int, end: int, word: str, roles: frozenset[str]) -> None:
        self.start = start
        self.end = end
        self.word = word
        self.roles = roles
        # The roles as flags: tested many times per hit, cheaper than set lookups.
        self.request = "request" in roles
        self.directive = "directive" in roles
        self.future = "future" in roles
        self.modal = "modal" in roles
        self.conclusion = "conclusion" in roles


def find_directives(n: Normalized) -> list[Clause]:
    """Each task a leader or body sets for others, one clause per task."""
    try:
        return [_clause(n, a, b) for a, b in _analyze(n.text)[0]]
    except Exception:
        return []


def find_requests(n: Normalized) -> list[Clause]:
    """Each petition a locality addresses to a higher level, one per item."""
    try:
        return [_clause(n, a, b) for a, b in _analyze(n.text)[1]]
    except Exception:
        return []


def _clause(n: Normalized, a: int, b: int) -> Clause:
    # Positional arguments (text, span): calling the model's dataclass is much cheaper so.
    return Clause(n.orig_text(a, b), n.orig_span(a, b))


@lru_cache(maxsize=8)
def _analyze(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    head = headline_span(text)
    low = lowered(text)
    hits = _hits(text, low)
    if not hits:
        return [], []
    directives: list[tuple[int, int]] = []
    requests: list[tuple[int, int]] = []
    zone = False
    i = 0
    count = len(hits)
    size = len(text)
    a = 0  # the start of the next line to read
    # A line break always ends a sentence, so the text is read line by line, and only
    # the lines that hold a trigger word, or that a run of directives reaches, are cut
    # into sentences (`_sentence_end`: the same sentences as `_sentences`), up to the
    # last sentence with a trigger word when no run of directives goes on.
    while a <= size:
        if not zone:
            if i >= count:
                break
            k = text.rfind("\n", a, hits[i].start)
            if k >= 0:
                a = k + 1
        b = text.find("\n", a)
        if b < 0:
            b = size
        if b == a:  # an empty line
            a += 1
            continue
        begin = a
        while begin < b:
            end = _sentence_end(text, begin, b)
            s = begin
            e = end
            begin = end
            while s < e and is_space(ord(text[s])):
                s += 1
            while e > s and is_space(ord(text[e - 1])):
                e -= 1
            if s == e:
                continue
            while i < count and hits[i].start < s:
                i += 1
            j = i
            while j < count and hits[j].end <= e:
                j += 1
            if not (head and s < head[1] and e > head[0]) and (i < j or zone):
                in_sentence = hits[i:j]
                asked, used = _requests_in(text, low, s, e, in_sentence) if in_sentence else ([], [])
                requests.extend(asked)
                found, opens = _directives_in(text, low, s, e, zone, used, in_sentence)
                directives.extend(found)
                if opens:
                    zone = True
                elif zone and not found and not _caption(text, low, s, e):
                    zone = False
            if not zone:
                k = j
                while k < count and hits[k].start < begin:
                    k += 1
                if k >= count or hits[k].start >= b:
                    break  # no trigger word in the rest of the line
        while i < count and hits[i].start < b:
            i += 1
        a = b + 1
    return directives, requests


def _hits(text: str, low: str) -> list[Hit]:
    """Every trigger word of the text as a whole word, longest first where they
    overlap. Found with plain substring search on the lower-cased text, which is
    much faster than one regex over many phrases."""
    found = _TRIGGER_PHRASES.found(low)  # in text order
    out: list[Hit] = []
    end = -1
    k = 0
    count = len(found)
    while k < count:
        i, word = found[k]
        k += 1
        while k < count and found[k][0] == i:  # the longest trigger starting at i
            if len(found[k][1]) > len(word):
                word = found[k][1]
            k += 1
        if i < end:
            continue  # inside a longer trigger ("đề nghị" in "kính đề nghị")
        end = i + len(word)
        out.append(Hit(i, end, text[i:end], _TRIGGER_ROLES[word]))
    return out


def _line_sentences(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The sentences of the line text[a:b] (no line break inside), as `_sentences` cuts them:
    after a run of ".", "!", "?" that spaces and a capital, digit, quote or bracket follow."""
    spans: list[tuple[int, int]] = []
    begin = a
    while begin < b:
        end = _sentence_end(text, begin, b)
        piece = text[begin:end]
        stripped = piece.strip()
        if stripped:
            start = end - len(piece.lstrip())
            spans.append((start, start + len(stripped)))
        begin = end
    return spans


def _sentence_end(text: str, begin: int, b: int) -> int:
    """Where the sentence that starts at `begin` on the line text[:b] ends: after the first
    run of ".", "!", "?" that spaces and a capital, digit, quote or bracket follow (b when
    none does)."""
    # The next ".", "!" and "?" (b when there is none); most lines hold no "!" or "?".
    dot = text.find(".", begin, b)
    bang = text.find("!", begin, b)
    ask = text.find("?", begin, b)
    dot = b if dot < 0 else dot
    bang = b if bang < 0 else bang
    ask = b if ask < 0 else ask
    at = _first(dot, bang, ask)
    while at < b:
        end = at + 1
        while end < b and text[end] in _STOP_CHARS:
            end += 1
        after = end
        while after < b and text[after] == " ":
            after += 1
        if after > end and after < b and text[after] in _AFTER_STOP and not (
                text[at] == "." and _maybe_abbreviation(text, at)
                and _ABBREVIATION.search(text, max(begin, at - 4), at)):
            return end
        if dot < end:
            dot = text.find(".", end, b)
            dot = b if dot < 0 else dot
        if bang < end:
            bang = text.find("!", end, b)
            bang = b if bang < 0 else bang
        if ask < end:
            ask = text.find("?", end, b)
            ask = b if ask < 0 else ask
        at = _first(dot, bang, ask)
    return b


def _first(x: int, y: int, z: int) -> int:
    """The least of three offsets (the builtin `min` is a slow generic call when compiled)."""
    if y < x:
        x = y
    return z if z < x else x


def _maybe_abbreviation(text: str, at: int) -> bool:
    """Cheap test before `_ABBREVIATION`: a capital, or a capital and a letter, before `at`."""
    c = text[at - 1] if at else ""
    return c in UPPER_CHARS or (c in _ASCII_LETTERS and at > 1 and text[at - 2] in UPPER_CHARS)


# --- requests --------------------------------------------------------------------------

def _requests_in(text: str, low: str, s: int, e: int,
                 hits: list[Hit]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Request items of sentence [s, e), and the spans of the verbs used for them."""
    items: list[tuple[int, int]] = []
    used: list[tuple[int, int]] = []
    for m in hits:
        if not m.request or (items and m.start < items[-1][1]):
            continue
        if not _verb_use(text, low, s, m):
            continue
        pos = m.end
        up = _UPWARD.match(text, pos) if _spaced_starts_with(text, pos, len(text), _UPWARD_FIRSTS) else None
        if m.word.lower() in _R_NEEDS_UP and not (up and (_asker_before(text, s, m.start) or (
                _opens_sentence(text, s, m.start)
                and up.group().strip().lower() in _UPWARD_OF_DISTRICTS))):
            continue
        if up:
            pos = up.end()
        pos = _after_colon(text, pos, e)
        got = _split_items(text, low, pos, e, directive=False)
        if got:
            items += got
            used.append((m.start, m.end))
    return items, used


def _verb_use(text: str, low: str, s: int, m: Hit) -> bool:
    """A verb of asking used as a verb ("đã kiến nghị tỉnh ..."), not a noun."""
    lo = max(s, m.start - 14)
    if (_may_end_with(text, low, lo, m.start, _R_NOUN_BEFORE_LASTS)
            and _R_NOUN_BEFORE.search(text, lo, m.start)):
        return False
    if _spaced_starts_with(text, m.end, len(text), _R_NOUN_AFTER_FIRSTS) and _R_NOUN_AFTER.match(text, m.end):
        # A heading ("Kiến nghị: ..."), unless a body or locality asks and lists its
        # requests after the colon ("Huyện kiến nghị: (1) ...").
        return _colon_at(text, m.end) and _asker_before(text, s, m.start)
    return True


def _opens_sentence(text: str, s: int, at: int) -> bool:
    """Nothing but spaces stands before `at` in its sentence, or after a colon there
    ("Kiến nghị: Đề nghị tỉnh ..."); after a comma the verb continues a narrative."""
    colon = text.rfind(":", s, at)
    return _blank(text, s if colon < 0 else colon + 1, at)


def _colon_at(text: str, pos: int) -> bool:
    """A ":" comes next after the spaces at `pos`."""
    while pos < len(text) and is_space(ord(text[pos])):
        pos += 1
    return pos < len(text) and ord(text[pos]) == 58


def _asker_before(text: str, s: int, at: int) -> bool:
    """"đề nghị" has a body or locality as its subject, and no leader."""
    start = _clause_start(text, s, at)  # the subject is text[start:at]
    return (not _blank(text, start, at) and _search_from(_ASKER_WORD, text, start, at) is not None
            and not _search_from(_LEADER, text, start, at))


def _clause_start(text: str, s: int, at: int) -> int:
    """Start of the clause that holds `at`: after the last ",", ";" or ":" of text[s:at]."""
    last = max(text.rfind(",", s, at), text.rfind(";", s, at), text.rfind(":", s, at))
    return s if last < 0 else last + 1


def _after_colon(text: str, pos: int, e: int) -> int:
    """Start after "như:" when the items are listed after a colon."""
    colon = text.find(":", pos, min(e, pos + 90))
    semi = text.find(";", pos, e)
    if colon >= 0 and (semi < 0 or colon < semi):
        return colon + 1
    return pos


# --- directives ------------------------------------------------------------------------

def _directives_in(text: str, low: str, s: int, e: int, zone: bool, used: list[tuple[int, int]],
                   hits: list[Hit]) -> tuple[list[tuple[int, int]], bool]:
    """Directive items of sentence [s, e), and whether the sentence opens a run."""
    if zone and _starts_with_lead(text, low, s, e):
        return _split_items(text, low, s, e, directive=True, window=_ITEM_WINDOW), True
    if not hits:
        return [], False
    opens = False
    for h in hits:
        if h.conclusion:
            opens = _search_words(_LEADER, text, low, s, e, _LEADER_SYLLABLES) is not None
            break
    asked_at = used[0][0] if used else e  # `used` is in text order
    before_ask = [h for h in hits if h.start < asked_at] if used else hits
    for m in before_ask:
        if not m.directive or not _directive_verb(text, low, s, m, zone):
            continue
        opens = True
        items = _split_items(text, low, m.end, e, directive=True, window=_FIRST_WINDOW)
        if items:
            return items, True
    future: Hit | None = None
    for h in before_ask:
        if h.future:
            future = h
            break
    if future is not None:
        start = _task_after(text, low, future.end, e)
        if start is None:
            return [], True
        return _split_items(text, low, start, e, directive=True, window=2), True
    modal = _modal_task(text, low, s, [h for h in before_ask if h.modal])
    if modal is not None:
        return _split_items(text, low, modal, e, directive=True, window=_FIRST_WINDOW), True
    return [], opens


def _directive_verb(text: str, low: str, s: int, m: Hit, zone: bool) -> bool:
    """A leader's verb that sets tasks: not a noun, not narrative, said by a
    leader (or within a run, or to a downward addressee)."""
    lo = max(s, m.start - 16)
    if _may_end_with(text, low, lo, m.start, _D_NOUN_BEFORE_LASTS) and _D_NOUN_BEFORE.search(
            text, lo, m.start):
        return False
    size = len(text)
    if _spaced_starts_with(text, m.end, size, _D_NOUN_AFTER_FIRSTS) and _D_NOUN_AFTER.match(text, m.end):
        return False
    if _narrative_before(text, low, max(s, m.start - 24), m.start):
        return False
    if zone or _search_words(_LEADER, text, low, s, m.start, _LEADER_SYLLABLES):
        return True
    return _spaced_starts_with(text, m.end, size, _DOWNWARD_FIRSTS) and bool(_DOWNWARD.match(text, m.end))


def _narrative_before(text: str, low: str, a: int, b: int) -> bool:
    """"đã", "sẽ" ... among the last words of text[a:b] (`_NARRATIVE`)."""
    return _has_any(low, a, b, _NARRATIVE_LASTS) and _NARRATIVE.search(text, a, b) is not None


def _task_after(text: str, low: str, pos: int, e: int) -> int | None:
    """The first lead verb after a future phrase, within a few words, not narrative."""
    limit = words_end(text, pos, e, _OPENER_WINDOW)
    limit = pos if limit is None else limit
    m = _search_words(_LEAD, text, low, pos, limit, _LEAD_SYLLABLES)
    if not m or _narrative_before(text, low, max(pos, m.start() - 16), m.start()):
        return None
    return m.start()


def _modal_task(text: str, low: str, s: int, modals: list[Hit]) -> int | None:
    """"X cần <task>": a subject, a modal, then a task verb."""
    for m in modals:
        at = m.end + 1
        if not (text[m.end:at] == " " and _starts_with(text, at, len(text), _TASK_FIRSTS)
                and match_word(_TASK, text, at)):
            continue
        start = _clause_start(text, s, m.start)
        subject = text[start:m.start].strip()
        if not subject or subject.lower().endswith("được"):
            continue
        if not (_may_end_with(text, low, start, m.start, _NOT_SUBJECT_LASTS)
                and _NOT_SUBJECT.search(subject)):
            return m.start
    return None


def _starts_with_lead(text: str, low: str, s: int, e: int) -> bool:
    # Each pattern is tried only where the first word is the first word of one of its words.
    first = _first_word(text, low, s, e)
    c = _CONNECTOR.match(text, s, e) if first in _CONNECTOR_SYLLABLES else None
    pos = c.end() if c else s
    if pos and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        return False  # not at the start of a word: no modal, no lead verb here
    size = len(text)
    if c:
        first = _first_word(text, low, pos, size)
    mod = _MODAL.match(text, pos) if first in _MODAL_SYLLABLES else None
    if mod:
        pos = mod.end() + 1
        if pos > size:  # a modal ends the text: no lead verb follows it
            return False
        first = _first_word(text, low, pos, size)
    return first in _LEAD_SYLLABLES and bool(match_word(_LEAD, text, pos))


def _caption(text: str, low: str, s: int, e: int) -> bool:
    """A photo caption or a short label line (sentence [s, e)), which a run of directives
    passes over."""
    # [s, e) is stripped, and a space, a line break or nothing stands before s: read in
    # place, the sentence reads as it would copied out.
    punct = e > s and text[e - 1] in _END_CHARS
    starts_with_person = (_starts_with(text, s, e, _HONORIFIC_FIRSTS)
                          and _HONORIFIC_START.match(text, s, e) is not None)
    if punct and not starts_with_person:
        return False
    if starts_with_person or _search_words(_CAPTION_VERB, text, low, s, e, _CAPTION_SYLLABLES):
        return True
    return _fewer_words(text, s, e, 13)


# --- items ---------------------------------------------------------------------------------

def _split_items(text: str, low: str, a: int, b: int, *, directive: bool,
                 window: int = _ITEM_WINDOW) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for p_start, p_end in _semicolon_pieces(text, a, b):
        pieces += _comma_pieces(text, low, p_start, p_end)
    out: list[tuple[int, int]] = []
    for i, (p, q) in enumerate(pieces):
        span = _trim(text, low, p, q, directive=directive, window=window if i == 0 else _ITEM_WINDOW)
        if span:
            out.append(span)
    return out


def _comma_pieces(text: str, low: str, a: int, b: int) -> list[tuple[int, int]]:
    """Cut at ", " before a strong task verb, unless the comma ends a short
    enumeration ("kiểm tra, giám sát, xử lý") or a purpose clause ("để ...") runs."""
    if text.find(",", a, b) < 0:
        return [(a, b)]
    out = []
    last = a
    for c in _LEAD_AFTER_COMMA.finditer(text, a, b):
        prev_comma = text.rfind(",", last, c.start())
        if (_fewer_words(text, prev_comma + 1 if prev_comma >= 0 else last, c.start(), 4)
                or _search_words(_PURPOSE, text, low, last, c.start(), _PURPOSE_SYLLABLES)):
            continue
        out.append((last, c.start()))
        last = c.end()
    out.append((last, b))
    return out


def _semicolon_pieces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    last = a
    i = text.find(";", a, b)
    while i >= 0:
        out.append((last, i))
        last = i + 1
        i = text.find(";", last, b)
    out.append((last, b))
    return out


def _trim(text: str, low: str, a: int, b: int, *, directive: bool, window: int) -> tuple[int, int] | None:
    while a < b and text[a] in " ,:-":
        a += 1
    # The pattern only where the first word is the first word of a connector: it starts
    # few items, and a failed regex call costs several times the word test.
    c = (_CONNECTOR.match(text, a, b) if _starts_with(text, a, b, _CONNECTOR_FIRSTS)
         and _first_word(text, low, a, b) in _CONNECTOR_SYLLABLES else None)
    if c:
        a = c.end()
    if directive:
        start = _task_start(text, low, a, b, window)
        if start is None:
            return None
        a = start
    elif _starts_with(text, a, b, _R_NOUN_ITEM_FIRSTS) and _R_NOUN_ITEM.match(text, a, b):
        return None
    else:
        a = _after_leading_ask(text, a, b)
        a = _after_bullet_and_addressee(text, a, b)
    cut = _cut_end(text, a, b)
    if cut is None or _fewer_words(text, a, cut, _MIN_WORDS):
        return None
    b = cut
    return a, b


def _after_leading_ask(text: str, a: int, b: int) -> int:
    """An item that repeats the asking ("đề nghị Sở Tài chính hướng dẫn ...")
    starts after the verb and its addressee."""
    ask = _LEADING_ASK.match(text, a, b) if _starts_with(text, a, b, _ASK_FIRSTS) else None
    if not ask:
        return a
    pos = ask.end()
    up = _UPWARD.match(text, pos, b)
    if up:
        pos = up.end()
    while True:
        w = _ORG_WORD.match(text, pos, b)
        if not w or not (w.group(0).strip()[0].isupper() or pos > ask.end()):
            break
        pos = w.end()
    return pos + 1 if pos < b and text[pos] == " " else pos


def _after_bullet_and_addressee(text: str, a: int, b: int) -> int:
    """A listed request starts after its number ("(1) ", "2. ", "a) ") and after the level
    it is addressed to when a lower-case word follows ("Tỉnh sớm phê duyệt ...")."""
    bullet = _BULLET.match(text, a, b)
    if bullet:
        a = bullet.end()
    up = _UPWARD.match(text, a, b) if _spaced_starts_with(text, a, b, _UPWARD_FIRSTS) else None
    if up and up.end() + 1 < b and text[up.end()] == " " and text[up.end() + 1].islower():
        a = up.end() + 1
    return a


def _fewer_words(text: str, a: int, b: int, count: int) -> bool:
    """`len(text[a:b].split()) < count`, counting no further than needed."""
    return _word_count(text, a, b, count) < count


def _word_count(text: str, a: i64, b: i64, most: i64) -> i64:
    """The number of words (runs of non-space characters) of text[a:b], counted up to `most`.
    (The character loops here count in i64: machine integers when compiled, plain ints in
    Python; mypyc's `int` checks for a boxed value at every step.)"""
    n: i64 = 0
    inside = False
    i: i64 = a
    while i < b:
        if is_space(ord(text[i])):
            inside = False
        elif not inside:
            inside = True
            n += 1
            if n >= most:
                return n
        i += 1
    return n


def _first_word(text: str, low: str, pos: i64, end: i64) -> str:
    """The run of word characters (`\\w`) of text[pos:end] that starts at pos, in lower case
    ("" when there is none)."""
    j: i64 = pos
    while j < end:
        o: i64 = ord(text[j])
        if o < 128:
            if not (97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57 or o == 95):
                break
        elif not text[j].isalnum():
            break
        j += 1
    return low[pos:j]


def _has_any(low: str, a: int, b: int, words: tuple[str, ...]) -> bool:
    """Whether any of `words` occurs in low[a:b]."""
    for w in words:  # noqa: SIM110 (a loop compiles to plainer code than any() of a generator)
        if low.find(w, a, b) >= 0:
            return True
    return False


def _may_end_with(text: str, low: str, a: int, b: int, lasts: tuple[str, ...]) -> bool:
    """Whether text[a:b], trailing spaces aside, ends with one of `lasts` (lowered text `low`)."""
    while b > a and is_space(ord(text[b - 1])):
        b -= 1
    return low.endswith(lasts, a, b)


def _starts_with(text: str, pos: int, end: int, firsts: frozenset[str]) -> bool:
    """Whether text[pos:end] starts with one of `firsts`."""
    return pos < end and text[pos] in firsts


def _spaced_starts_with(text: str, pos: int, end: int, firsts: frozenset[str]) -> bool:
    """Whether text[pos:end], leading spaces aside, starts with one of `firsts`."""
    while pos < end:
        c = text[pos]
        if c in firsts:
            return True
        if not is_space(ord(c)):
            return False
        pos += 1
    return False


def _task_start(text: str, low: str, a: int, b: int, window: int) -> int | None:
    """Where the task of piece [a, b) starts: at the task verb right after a modal ("cần")
    of its first `window` words, else at the first task verb of those words (after an
    addressee or nothing)."""
    limit = words_end(text, a, b, window)
    if limit is None:
        return None
    if _has_any(low, a, limit, _MODAL_LASTS):
        modal = _search_words(_MODAL, text, low, a, limit, _MODAL_SYLLABLES)
        if modal:
            # A task verb right after the modal and its spaces: as a search of the next 30
            # characters whose first match has only spaces before it.
            end = modal.end()
            bound = min(b, end + 30)
            at = end
            while at < bound and is_space(ord(text[at])):
                at += 1
            if (at > end and _first_word(text, low, at, bound) in _TASK_SYLLABLES
                    and _TASK.match(text, at, bound)):
                return at
    task = _search_words(_TASK, text, low, a, limit, _TASK_SYLLABLES)
    if task is None:
        return None
    start = task.start()
    if start > a and not _blank(text, a, start) and not _search_from(_ADDRESSEE_WORD, text, a, start):
        return None  # "kết quả giải ngân ... còn thấp": a subject, not an addressee
    return start


def _blank(text: str, a: int, b: int) -> bool:
    """`not text[a:b].strip()`, without the copy."""
    while a < b:
        if not is_space(ord(text[a])):
            return False
        a += 1
    return True


def _is_word_char(text: str, i: i64) -> bool:
    """Whether text[i] is a word character (`\\w`: a letter, a digit or "_"), as `starts_word`
    tells; the letters of Vietnamese are told from their codes (no one-character string)."""
    o: i64 = ord(text[i])
    if o < 128:
        return 97 <= o <= 122 or 65 <= o <= 90 or 48 <= o <= 57 or o == 95
    if 0xC0 <= o <= 0x24F:  # Latin-1 letters and Latin Extended-A and -B: all letters but × and ÷
        return o != 0xD7 and o != 0xF7
    if 0x1E00 <= o <= 0x1EFF:  # Latin Extended Additional ("ạ", "ế", "ự" ...): all letters
        return True
    return text[i].isalnum()


def _search_words(pattern: re.Pattern[str], text: str, low: str, a: i64, b: i64,
                  syllables: frozenset[str]) -> re.Match[str] | None:
    """`search_word(pattern, text, a, b)` for a pattern whose every match starts with a run of
    word characters that is, lowered, one of `syllables` (see `_first_syllables`): the pattern
    is tried only at the starts of words whose run of word characters is one of them."""
    i: i64 = a
    inside = a > 0 and _is_word_char(text, a - 1)  # `a` continues a word: no word starts there
    while i < b:
        if not _is_word_char(text, i):
            inside = False
            i += 1
            continue
        j: i64 = i + 1
        while j < b and _is_word_char(text, j):
            j += 1
        if not inside and low[i:j] in syllables:
            m = pattern.match(text, i, b)
            if m is not None:
                return m
        inside = True
        i = j
    return None


def _search_from(pattern: re.Pattern[str], text: str, a: int, b: int) -> re.Match[str] | None:
    """`search_word(pattern, text[a:b])` read in place (a word starts at `a` in the copy),
    for a pattern that looks at no character before its match."""
    m = pattern.search(text, a, b)
    while m is not None and m.start() > a and not starts_word(text, m.start()):
        m = pattern.search(text, m.start() + 1, b)
    return m


def _cut_end(text: str, a: int, b: int) -> int | None:
    """Trim trailing punctuation, a long parenthesis, and an excerpt's cut-off end."""
    paren = text.find(" (", a, b)
    if paren >= 0 and not _fewer_words(text, a, paren, _PAREN_MIN_WORDS):
        b = paren
    if len(text) - b <= 64 and _cut_off(text, b):
        comma = text.rfind(", ", a, b)
        if comma < 0 or _fewer_words(text, a, comma, _MIN_CUT_WORDS):
            return None
        b = comma
    while b > a and text[b - 1] in _TRAIL_CHARS:
        b -= 1
    return b if b > a else None


def _cut_off(text: str, b: int) -> bool:
    """The excerpt ends at b in the middle of a word (it was cut off there)."""
    if len(text) - b > 64:
        return False
    tail = text[b:]
    return not tail.strip() and text.rstrip()[-1:].isalpha()
