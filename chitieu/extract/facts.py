"""Quantitative facts: "Giá trị ngành dịch vụ ước đạt 304 tỷ đồng, đạt 53,59% KH, tăng 26% ...".

The grammar, per sentence (segment.py cuts sentences and clauses):

1. CUES. A directive or request cue ("đề nghị", "yêu cầu", "kiến nghị"...) ends the
   reading of its sentence; spans in `exclude` (directives, requests, tallies found by the
   other finders) are skipped too. A target cue ("phấn đấu", "mục tiêu", or "dự kiến" with
   a year after the report's own) turns the rest of the sentence into targets.
2. FIGURES. atoms.py reads every number of a clause with its qualifier, unit and the phrase
   after it, and drops dates, years, periods, ordinals, codes, phones and tallies.
3. ROLE. Each figure gets a role from `PERCENT_RULES` or `AMOUNT_RULES` (ordered, first match
   wins), looking at the verb right before it (fact_verbs.yaml), the phrase after it (plan,
   comparison period, other) and the open fact of the clause.
4. ATTACH. A figure with nothing but verbs between it and the open fact fills a slot of that
   fact (plan_pct, change_pct, change_value, plan_value, or its missing value); otherwise it
   opens a new fact. A share ("chiếm 35%", "(8,77%)") always opens its own fact.
5. INDICATOR. The subject words before the figure with lead-ins, time phrases and verbs
   removed, plus the counted noun and the words after it where the number comes first
   ("kết nạp 46 đảng viên mới" → "kết nạp đảng viên mới"). A figure with no subject of its
   own ("..., 2 HTX, 18 DN") borrows the subject of the fact before it.

Speed: the numbers and the sentence ends of a document are found in one scan
(segment.number_sentences), and only the sentences holding a number are cut into clauses
and searched for cues. Phrase patterns run on a lowercased copy of the text (no
case-insensitive matching); atoms.py runs a pattern only when the word after the figure
can start it. The reading of the words before a figure, which repeats from figure to
figure (", đạt ", ", tăng "), is kept (`Reading`). Draft, Ctx and the atoms are plain
classes: mypyc compiles their __init__ (a dataclass's is interpreted).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import lru_cache
from typing import Final

from chitieu.extract import lexicon
from chitieu.extract.atoms import Atom, Skip, read_atom
from chitieu.extract.cues import CueIndex, CuePhrases, first_at, lowered, trie_pattern
from chitieu.extract.normalize import Normalized
from chitieu.extract.segment import clauses, number_sentences
from chitieu.extract.wordtail import PhraseTable, is_space, tail_words
from chitieu.model import Fact, Span

_VERBS: Final = lexicon.load("fact_verbs")
_PLANS: Final = lexicon.load("plan_words")
_QUAL: Final = lexicon.load("qualifiers")
_NON: Final = lexicon.load("non_fact")


def _alt(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) + ")"


def _words(words: list[str]) -> str:
    """Any of `words`, case-folded, as a trie: for patterns run on lowercased text."""
    return "(?:" + trie_pattern({w.lower() for w in words}) + ")"


def _lower_pattern(pattern: str) -> str:
    """`pattern` for lowercased text: its letters lowercased, its escapes ("\\d") kept."""
    return re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group()[0] == "\\" else m.group().lower(), pattern)


_B: Final = r"(?:^|(?<=[\s,(:;]))"  # a word starts here
_E: Final = r"(?![\w])"  # a word ends here
_ROLE_ORDER: Final = ("level", "rate", "share", "up", "down", "exceed", "ratio", "value")
# A phrase listed under several roles takes the first role of _ROLE_ORDER.
VERB_ROLE: Final = PhraseTable((w, r) for r in _ROLE_ORDER for w in _VERBS["roles"][r])
_QUAL_WORDS: Final = list(_QUAL["qualifiers"]) + list(_QUAL["aliases"])
QUALIFIER: Final = PhraseTable([(w, w.lower()) for w in _QUAL["qualifiers"]] + list(_QUAL["aliases"].items()))
TRAILING: Final = PhraseTable.of(_VERBS["trailing"] + _QUAL_WORDS)
TIME_ENDERS: Final = frozenset(w.lower() for w in _NON["time_enders"])
_TIME: Final = "(?:" + "|".join(_NON["time_phrases"]) + ")"
# LEAD and TAIL_PHRASE run on the lowercased subject (see _clean).
_TIME_LOW: Final = _lower_pattern(_TIME)
_AGAINST_LOW: Final = _words(lexicon.load("comparisons")["against"])
LEAD: Final = re.compile(
    r"(?:" + _TIME_LOW + _E + r"|[\s,;:.()\[\]\-•*+/%\d]+|" + _words(_VERBS["lead_ins_to_comma"])
    + r" [^,]{0,60},|" + _AGAINST_LOW + r" [^,]{0,40},|" + _AGAINST_LOW + " "
    + _words(lexicon.load("comparisons")["periods"]) + r"(?: \d{4})?" + _E
    + "|" + _words(_VERBS["lead_ins"]) + _E + ")")
# "giảm từ 3,8% xuống còn" before the figure that ends the move, or a time phrase.
TAIL_PHRASE: Final = re.compile(_B + r"(?:(?:\w+ )?từ \S+ " + _words(_NON["from_to"]) + "|" + _TIME_LOW
                                + r")$")
TIDY_NEEDED: Final = re.compile(r"\d|năm|tháng|quý|nay|\(|,")
TIME_INSIDE: Final = re.compile(_B + _TIME + _E, re.I)
CONTINUES: Final = re.compile(r"^\s*" + _alt(_VERBS["continuations"]) + _E, re.I)


# The names that shadow a cue word inside them; those written with punctuation ("Tài chính -
# Kế hoạch") hold no cue word and would keep the cue index from its fast scan.
_NAME_CUES: Final = [w for w in _PLANS["names"] if all(p.isalnum() for p in w.split())]
CUES: Final = CuePhrases({
    "estimate": _PLANS["estimates"], "target": _PLANS["targets"], "future": _PLANS["future"],
    "reset": _PLANS["resets"], "sub": _VERBS["sub_items"], "inner": _VERBS["inner_lead_ins"],
    "directive": _NON["directive_cues"], "award": _NON["award_cues"], "name": _NAME_CUES,
})
PLAN_NAMES: Final = sorted({" ".join(w.lower().split()) for w in _PLANS["names"]}, key=len, reverse=True)
# PLAN_SUBJECT, RATE_CUE, AMOUNT_CUE and TALLY_SUBJECT run on the lowercased subject (cached).
PLAN_SUBJECT: Final = re.compile(_B + _words(_PLANS["subjects"]) + _E)
PLAN_ONLY: Final = re.compile(r"^\s*" + _alt(_PLANS["subjects"]) + r"\s*$", re.I)
RATE_CUE: Final = re.compile(_B + _words(_PLANS["rate_cues"]) + _E)
AMOUNT_CUE: Final = re.compile(_B + _words(_PLANS["amount_cues"]) + _E)
YEAR: Final = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
NUMBER: Final = re.compile(r"\d\d*(?:[.,]\d+)*")  # atoms.NUM, starting with one digit: a faster scan


CHANGE_SUBJECT: Final = re.compile(r"^(tăng|giảm)" + _E, re.I)
SPACES: Final = re.compile(r"\s+")
TALLY_SUBJECT: Final = re.compile(_words(_NON["tally_units"]) + r"(?:\s+\S+){0,2}\s*$")
PARENS: Final = re.compile(r"\(\s*\)")
COMMAS: Final = re.compile(r"(?:\s*,)+")
MAX_SUBJECT_WORDS: Final = 18
_NONE: set[str] = set()
WINDOW: Final = 40  # characters before a figure searched for its verb, qualifier or trailing words


# Plain classes, not dataclasses: mypyc compiles an explicit __init__, while the one a
# dataclass generates runs as interpreted Python (a Ctx is built for every figure).
class Draft:
    def __init__(self, start: int, end: int, stem: str, indicator: str, kind: str | None = None,
                 value: float | None = None, unit: str | None = None) -> None:
        self.start = start
        self.end = end
        self.stem = stem
        self.indicator = indicator
        self.kind = kind
        self.value = value
        self.unit = unit
        self.plan_value: float | None = None
        self.plan_pct: float | None = None
        self.plan_pct_other: list[float] = []
        self.change_pct: float | None = None
        self.change_value: float | None = None
        self.change_unit: str | None = None
        self.estimated = False
        self.amount_qual: str | None = None
        self.other_qual: str | None = None
        self.confidence = 0.9
        self.side = False  # "vượt 333 hộ": a fact beside the open one, never its host


class Ctx:
    def __init__(self, atom: Atom, r: Reading, subject_start: int, host: Draft | None, target: bool,
                 estimate: bool, sub_item: bool) -> None:
        self.atom = atom
        self.r = r  # the reading of the words before the figure
        self.verb: str | None = r.verb
        self.verb_word: str = r.verb_word
        self.qualifier: str | None = r.qualifier
        self.subject: str = r.subject
        self.subject_start = subject_start
        self.host = host
        self.paren: bool = r.paren
        self.plan_subject: bool = r.plan_subject
        self.target = target
        self.estimate = estimate
        self.sub_item = sub_item
        self.fresh = False  # a clause of its own ("; có 11 sản phẩm"): borrows no subject

    @property
    def continues(self) -> bool:
        return not self.subject and self.host is not None and not self.sub_item


Before = tuple[str | None, str | None, str, int]


class Reading:
    """What the words before a figure say: `raw` runs from the end of the previous figure
    (or the clause start) to the figure, and the subject starts after raw[:inner_end].
    Everything here is a pure function of (raw, inner_end); the same short phrases
    (", đạt ", ", tăng ", " và ") come back figure after figure, so readings are kept
    (`_reading`) and the tests of the subject run once, when a rule first asks."""

    def __init__(self, raw: str, inner_end: int, before: Before) -> None:
        self.before = before
        self.qualifier: str | None = before[0]
        self.verb: str | None = before[1]  # its role
        self.verb_word: str = before[2]
        self.body_end: int = before[3]  # where the subject may end
        a, b = _clean(raw, inner_end, self.body_end)
        self.start: int = a  # of the subject in raw
        self.subject: str = raw[a:b]
        self.paren: bool = _ends_with_paren(raw)  # raw.rstrip().endswith("(")
        self.words: bool = _has_words(raw)  # something stands before the figure
        self.plan_subject: bool = _plan_subject(self.subject)
        self._tidy: str | None = None
        self._change: str | None = None
        self._tests = 0  # bit 2k: test k was run, bit 2k+1: its answer (see _test)

    def tidy(self) -> str:
        if self._tidy is None:
            self._tidy = _tidy(self.subject)
        return self._tidy

    def change(self) -> str:
        """"tăng" or "giảm" when the subject starts with one, else ""."""
        if self._change is None:
            m = CHANGE_SUBJECT.match(self.subject)
            self._change = m.group(1).lower() if m else ""
        return self._change

    def _test(self, k: int, rx: re.Pattern[str], lower: bool) -> bool:
        """Test k of the subject, run once: `rx` searched in the lowered subject (`lower`),
        or matched at its start."""
        if not self._tests >> (2 * k) & 1:
            found = _has(rx, self.subject) if lower else rx.match(self.subject) is not None
            self._tests |= (1 | (2 if found else 0)) << (2 * k)
        return bool(self._tests >> (2 * k + 1) & 1)

    def rate(self) -> bool:
        return self._test(0, RATE_CUE, True)

    def amount(self) -> bool:
        return self._test(1, AMOUNT_CUE, True)

    def tally(self) -> bool:
        return self._test(2, TALLY_SUBJECT, True)

    def continuation(self) -> bool:
        return _may_continue(self.subject) and self._test(3, CONTINUES, False)

    def plan_only(self) -> bool:
        return self._test(4, PLAN_ONLY, False)


def _ends_with_paren(raw: str) -> bool:
    """raw.rstrip().endswith("("), without the copy."""
    j = len(raw)
    while j and is_space(raw, j - 1):
        j -= 1
    return j > 0 and ord(raw[j - 1]) == 40


_BULLETS: Final = frozenset(ord(c) for c in " -•*+(")


def _has_words(raw: str) -> bool:
    """bool(raw.strip(" -•*+(")): some other character stands in raw."""
    return any(ord(raw[k]) not in _BULLETS for k in range(len(raw)))


MAX_READINGS: Final = 8192
_READINGS: Final[dict[str, Reading]] = {}
_INNER_READINGS: Final[dict[tuple[str, int], Reading]] = {}


def _reading(raw: str, left: int, near: list[tuple[int, int, tuple[str, ...]]], found: set[str]) -> Reading:
    """The reading of `raw` = text[left:figure]; `near`: the cues in it, `found`: their names."""
    r = _READINGS.get(raw)
    if r is None:
        if len(_READINGS) >= MAX_READINGS:
            _READINGS.clear()
        r = _READINGS[raw] = Reading(raw, 0, _before(raw))
    if "inner" not in found:
        return r
    inner_end = 0  # the subject starts after the last inner lead-in ("như", "trong đó")
    for _, j, names in near:
        if "inner" in names and j <= left + r.body_end:
            inner_end = j - left
    if not inner_end:
        return r
    key = (raw, inner_end)
    ri = _INNER_READINGS.get(key)
    if ri is None:
        if len(_INNER_READINGS) >= MAX_READINGS:
            _INNER_READINGS.clear()
        ri = _INNER_READINGS[key] = Reading(raw, inner_end, r.before)
    return ri


@lru_cache(maxsize=8192)
def _has(rx: re.Pattern[str], words: str) -> bool:
    """`rx` (a pattern for lowercased text) is found in `words`."""
    return rx.search(lowered(words)) is not None


def _may_continue(subject: str) -> bool:
    """False when CONTINUES surely does not match: its words start with "n" or "đ" (any case)."""
    i = 0
    while i < len(subject) and is_space(subject, i):
        i += 1
    return i < len(subject) and ord(subject[i]) in _CONTINUE_FIRST


_CONTINUE_FIRST: Final = frozenset(ord(c) for w in _VERBS["continuations"]
                                   for c in (w[0].lower(), w[0].upper()))


def _host_counts(c: Ctx) -> bool:
    return c.host is not None and c.host.value is not None and c.host.kind == "count"


Rule = tuple[str, Callable[[Ctx], bool], str]

PERCENT_RULES: list[Rule] = [
    ("plan_subject", lambda c: c.plan_subject and c.verb not in ("ratio", "rate", "exceed")
     and c.atom.after != "plan", "plan_value"),
    ("exceed_plan", lambda c: c.verb == "exceed", "plan_pct_over"),
    ("plan_after", lambda c: c.atom.after == "plan", "plan_pct"),
    ("ratio_to_period", lambda c: c.atom.after == "period" and c.verb not in ("up", "down"), "change_ratio"),
    ("change", lambda c: c.verb in ("up", "down"), "change_pct"),
    ("change_subject", lambda c: c.r.change() != "" and c.verb in ("value", None), "change_pct"),
    ("level", lambda c: c.verb == "level", "value"),
    ("change_paren", lambda c: c.paren and c.verb is None and c.host is not None
     and c.host.change_value is not None and c.host.change_pct is None, "change_pct"),
    ("share_verb", lambda c: c.verb == "share" or c.atom.after == "other", "share"),
    ("share_paren", lambda c: c.paren and c.verb is None and _host_counts(c), "share"),
    ("share_equal", lambda c: c.verb_word == "bằng" and c.continues and _host_counts(c), "share"),
    ("share_rate", lambda c: c.verb == "rate" and c.continues and _host_counts(c)
     and c.host is not None and c.host.plan_value is None, "share"),
    ("of_noun", lambda c: bool(c.atom.trailing), "value"),
    ("of_host_amount", lambda c: c.continues and c.host is not None
     and (c.host.value is not None or c.host.plan_value is not None), "plan_pct"),
    ("rate_subject", lambda c: c.r.rate() and c.atom.value <= 100, "value"),
    ("amount_subject", lambda c: c.atom.value > 100 or c.r.amount(), "plan_pct"),
    ("default", lambda c: True, "value"),
]

AMOUNT_RULES: list[Rule] = [
    ("pair", lambda c: c.atom.pair is not None, "pair"),
    ("change", lambda c: c.verb in ("up", "down"), "change_value"),
    ("plan_subject", lambda c: c.plan_subject and c.verb not in ("ratio", "rate", "exceed"), "plan_value"),
    ("exceed", lambda c: c.verb == "exceed", "new_value"),
    ("tally_subject", lambda c: c.atom.unit is None and c.r.tally(), "skip"),
    ("bare_number", lambda c: c.atom.unit is None and (c.verb not in ("value", "ratio", "level")
                                                        or c.atom.followed_by_word), "skip"),
    ("default", lambda c: True, "value"),
]


def find_facts(n: Normalized, *, exclude: list[Span] | None = None) -> list[Fact]:
    """Every quantitative fact of `n`, in reading order; never raises."""
    try:
        return _find(n, sorted(exclude or []))
    except Exception:  # the grammar must never break extraction of the other lists
        return []


class Page:
    """One document as the grammar reads it: every number found in one pass, and the cues
    of the sentences that hold one."""

    def __init__(self, n: Normalized, low: str, exclude: list[Span], numbers: Numbers, ref_year: int,
                 cues: CueIndex) -> None:
        self.n = n
        self.low = low  # the text lowercased, same offsets
        self.ex_starts = [a for a, _ in exclude]  # `exclude` is sorted
        self.ex_ends = [b for _, b in exclude]
        self.numbers = numbers
        self.ref_year = ref_year
        self.cues = cues
        # Where the last look-ups ended (`first_at`, `_after_last_at`): sentences and figures
        # come in reading order, so the next answer is usually a step or two further.
        self.number_at = 0
        self.excluded_at = 0


def _find(n: Normalized, exclude: list[Span]) -> list[Fact]:
    text = n.text
    spans, starts, ends, texts = number_sentences(text)  # NUMBER and the sentences holding one
    if not starts:
        return []
    numbers = Numbers(starts, ends, texts)
    low = n.low()  # made once per document, shared with the other finders
    page = Page(n, low, exclude, numbers, _ref_year(numbers.texts), CUES.index(low, spans))
    out: list[Fact] = []
    for s, e in spans:
        for d in _sentence(page, s, e):
            out.append(_to_fact(d, n))
    return out


class Numbers:
    """Every match of NUMBER in a text: where each starts and ends, and its text."""

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.texts = texts


def _ref_year(numbers: list[str]) -> int:
    """The year written most often (the latest on a tie): 4-digit runs of the numbers."""
    years: dict[int, int] = {}
    for g in numbers:
        if len(g) < 4:
            continue
        if len(g) == 4:
            if g.isdecimal():  # no separator: four digits (as "\d" reads them)
                _count_year(g, years)
        elif "20" in g or "19" in g:  # a year among the digit runs starts so
            for r in g.replace(",", ".").split("."):
                if len(r) == 4:
                    _count_year(r, years)
    if not years:
        return 0
    top = max(years.values())
    return max(y for y, c in years.items() if c == top)


def _count_year(r: str, years: dict[int, int]) -> None:
    """Count `r` (four digits) when it is a year, as `YEAR.fullmatch(r)` would, without the regex."""
    if r.startswith("20") or (r.startswith("19") and r[2] in "56789"):
        y = int(r)
        years[y] = years.get(y, 0) + 1


def _excluded(page: Page, a: int, b: int) -> bool:
    """[a, b) overlaps the excluded span that starts last at or before it, or the next one."""
    starts = page.ex_starts
    if not starts:
        return False
    n = page.n
    oa, ob = (a, b) if n.starts is None else n.orig_span(a, b)  # None: the identity map
    i = page.excluded_at = _after_last_at(starts, oa, page.excluded_at)
    i -= 1
    ends = page.ex_ends
    if i >= 0 and starts[i] < ob and oa < ends[i]:
        return True
    i += 1
    return i < len(starts) and starts[i] < ob and oa < ends[i]


def _directive_at(cues: CueIndex, s: int, e: int) -> int:
    """Where a directive or request cue starts in the sentence (e when there is none)."""
    for a, b in cues.all("directive", s, e):
        if not cues.within("award", b, min(e, b + 40)):
            return a
    return e


def _sentence(page: Page, s: int, e: int) -> list[Draft]:
    text, low, cues, numbers = page.n.text, page.low, page.cues, page.numbers
    starts = numbers.starts
    stop = _directive_at(cues, s, e)
    drafts: list[Draft] = []
    target = False
    host: Draft | None = None
    i = first_at(starts, s, page.number_at)
    for cs, ce in clauses(text, s, min(e, stop)):
        left = cs
        pos = cs
        while i < len(starts) and starts[i] < cs:  # bisect_left(starts, cs, i)
            i += 1
        while i < len(starts) and starts[i] < ce:
            p = starts[i]
            i += 1
            if p < pos:
                continue
            got = read_atom(text, low, p, numbers.ends[i - 1], numbers.texts[i - 1], ce)
            pos = got.end
            if isinstance(got, Skip) or _excluded(page, got.start, got.end):
                continue
            near = cues.between(left, got.start)
            found = {name for _, _, names in near for name in names} if near else _NONE
            target = _target_state(text, left, got.start, found, target, page.ref_year)
            r = _reading(text[left:got.start], left, near, found)
            ctx = Ctx(got, r, left + r.start, host, target, "estimate" in found, "sub" in found)
            # A clause of its own: words before its first figure, or a percentage of a noun
            # after a semicolon ("; 100% chi bộ sinh hoạt chuyên đề"), which names itself.
            ctx.fresh = left == cs and (
                r.words or (got.pct and got.trailing != "" and _after_semicolon(text, cs)))
            made = _apply(ctx, drafts)
            if made is not None and made.kind != "pct-share" and not made.side:
                host = made
            left = got.end
    page.number_at = i
    return drafts


def _after_semicolon(text: str, cs: int) -> bool:
    """The clause starting at `cs` follows a semicolon (spaces between)."""
    k = cs - 1
    while k >= 0 and is_space(text, k):
        k -= 1
    return k >= 0 and ord(text[k]) == 59


def _after_last_at(xs: list[int], x: int, lo: int) -> int:
    """bisect_right(xs, x) (`xs` sorted), read on from `lo` when no answer lies before it
    (the items before `lo` are at most x), else by bisection."""
    if lo > 0 and xs[lo - 1] > x:
        return bisect_right(xs, x)
    while lo < len(xs) and xs[lo] <= x:
        lo += 1
    return lo


def _target_state(text: str, a: int, b: int, found: set[str], target: bool, ref_year: int) -> bool:
    """`found`: the names of the cues inside [a, b)."""
    if "target" in found:
        return True
    if "future" in found and any(int(y) > ref_year for y in YEAR.findall(text, a, b)):
        return True
    if target and "reset" in found:
        return False
    return target


def _before(raw: str) -> Before:
    """(qualifier, verb role, verb words, where the subject may end) read back from the figure."""
    qualifier = None
    words = tail_words(raw, len(raw), 6)
    body_end = len(raw)
    k = VERB_ROLE.suffix(words)
    if k > 1 and QUALIFIER.suffix(words):  # "cao hơn 0,3 điểm": a verb that ends in "hơn"
        return None, VERB_ROLE.value(words, k), " ".join(w for w, _ in words[-k:]), body_end
    for _ in range(2):  # "khoảng gần 44": the word next to the number wins
        k = QUALIFIER.suffix(words)
        if not k:
            break
        qualifier = qualifier or QUALIFIER.value(words, k)
        body_end = words[-k][1]
        words = words[:-k]
    k = VERB_ROLE.suffix(words) if body_end == len(raw) or raw[body_end - 1] == " " else 0
    verb = VERB_ROLE.value(words, k) if k else None
    verb_word = " ".join(w for w, _ in words[-k:]) if k else ""
    return qualifier, verb, verb_word, body_end


def _plan_subject(subject: str) -> bool:
    last = subject.rsplit(",", 1)[-1]
    return _has(PLAN_SUBJECT, last) and _has(PLAN_SUBJECT, _without_names(last))


def _without_names(words: str) -> str:
    """`words` lowercased, with the names that hold a plan word ("Chương trình mục tiêu
    quốc gia", "Phòng Tài chính - Kế hoạch") blanked out."""
    low = lowered(words)
    for name in PLAN_NAMES:
        if name in low:
            low = low.replace(name, " " * len(name))
    return low


def _clean(raw: str, a: int, b: int) -> tuple[int, int]:
    """The subject inside raw[a:b]: lead-ins, verbs, qualifiers and time phrases trimmed."""
    raw = lowered(raw)  # the patterns are written for lowercased text; offsets are kept
    while a < b:
        m = LEAD.match(raw, a, b)
        if not m or m.end() == a:
            break
        a = m.end()
    while b > a:
        nb = _trim_tail(raw, a, b)
        if nb >= b:
            break
        b = nb
    if b - a < 2 * MAX_SUBJECT_WORDS + 1:  # more words need more characters (one and a space each)
        return a, b
    words = raw[a:b].split()
    if len(words) > MAX_SUBJECT_WORDS:
        tail = " ".join(words[-MAX_SUBJECT_WORDS:])
        a = b - len(tail) if raw[a:b].endswith(tail) else a
    return a, b


def _trim_tail(raw: str, a: int, b: int) -> int:
    """Trim the end of a subject: punctuation, verbs, qualifiers, a time phrase."""
    while b > a and raw[b - 1] in " ,;:([-":
        b -= 1
    words = tail_words(raw, b, 6, start=a)
    popped = False
    while words:
        k = TRAILING.suffix(words)
        if not k:
            break
        b, words, popped = words[-k][1], words[:-k], True
    if popped or b <= a:
        return b
    c = raw[b - 1]
    if c.isdigit() or c == "%" or (words and words[-1][0] in TIME_ENDERS):
        m = TAIL_PHRASE.search(raw, max(a, b - WINDOW), b)
        if m and m.start() < b:
            return m.start()
    return b


def _role(ctx: Ctx) -> tuple[str, str]:
    rules = PERCENT_RULES if ctx.atom.pct else AMOUNT_RULES
    for name, test, role in rules:
        if test(ctx):
            return name, role
    return "default", "value"


def _apply(ctx: Ctx, drafts: list[Draft]) -> Draft | None:
    """Give the figure its role and put it in a fact; returns the fact it went into."""
    if ctx.atom.pct and _ratio_of_host(ctx):
        host = ctx.host
        assert host is not None
        host.plan_pct = ctx.atom.value
        _qual(host, ctx, amount=False)
        _extend(host, ctx)
        return host
    _, role = _role(ctx)
    if role == "skip":
        return None
    if ctx.target and role in ("value", "new_value", "pair", "change_value"):
        role = "target"
    host, a = ctx.host, ctx.atom
    if role == "share":
        return _new(ctx, drafts, share=True)
    empty_host = host is not None and host.value is None and host.plan_value is None
    if role in ("value", "pair") and ctx.continues and host and empty_host:
        _fill_amount(host, ctx, role)
        return host
    if role in ("value", "pair", "new_value"):
        d = _new(ctx, drafts)
        d.side = role == "new_value"
        _fill_amount(d, ctx, role)
        return d
    if role == "target" or role == "plan_value":
        beside = role == "plan_value" and (ctx.paren or ctx.r.plan_only())
        attach = host is not None and host.plan_value is None and (ctx.continues or beside)
        d = host if attach and host else _new(ctx, drafts)
        d.plan_value = a.pair if (role == "target" and a.pair is not None) else a.value
        if d.value is None and d.unit is None:
            d.unit, d.kind = a.unit, a.kind
        _qual(d, ctx, amount=True)
        _extend(d, ctx)
        return d
    d = host if ctx.continues and host is not None else _new(ctx, drafts)
    if role == "change_value" and d is host:
        d = _same_unit(drafts, a) or d
    _fill_slot(d, ctx, role)
    _extend(d, ctx)
    return d


def _ratio_of_host(ctx: Ctx) -> bool:
    """A percentage after words of their own that is the share of plan of the amount just
    read: "giải ngân 145,7/210 tỷ đồng vốn đầu tư công, đạt 69,4%" (145,7/210 = 69,4%).
    The words are the amount's complement, not a new subject. Counts keep their share as a
    fact of its own ("16/49 chi bộ ..., bằng 32,7%"); an empty subject continues the
    host by the rules anyway."""
    host = ctx.host
    if (host is None or not ctx.subject or ctx.verb not in ("ratio", None) or ctx.sub_item
            or host.kind not in ("money", "measure") or host.plan_pct is not None
            or host.value is None or host.plan_value is None or host.plan_value <= 0
            or ctx.atom.after not in ("", "plan")):
        return False
    share = 100 * host.value / host.plan_value
    x = ctx.atom.value
    return abs(share - x) <= (0.5 if x == int(x) else 0.06)


def _same_unit(drafts: list[Draft], a: Atom) -> Draft | None:
    """The latest fact in the sentence counted in the unit of this change, still without a change."""
    if not a.unit:
        return None
    for d in reversed(drafts):
        if d.unit and d.unit.lower() == a.unit.lower():
            return d if d.change_value is None else None
    return None


def _fill_amount(d: Draft, ctx: Ctx, role: str) -> None:
    a = ctx.atom
    d.value, d.unit, d.kind = a.value, a.unit, a.kind
    if role == "pair":
        d.plan_value = a.pair
    _qual(d, ctx, amount=True)
    if d.indicator == "" or (a.kind == "count" and not d.indicator.endswith(a.noun)):
        d.indicator = _indicator(d.stem, a)
    _extend(d, ctx)


def _fill_slot(d: Draft, ctx: Ctx, role: str) -> None:
    a, x = ctx.atom, ctx.atom.value
    if role in ("plan_pct", "plan_pct_over"):
        pct = 100 + x if role == "plan_pct_over" else x
        if d.plan_pct is None:
            d.plan_pct = pct
        else:
            d.plan_pct_other.append(pct)
    elif role in ("change_pct", "change_ratio"):
        if d.change_pct is None:
            d.change_pct = _change_pct(ctx, role)
    elif role == "change_value":
        sign = -1 if _is_down(ctx) else 1
        d.change_value = sign * x
        if d.value is None and d.unit is None:
            d.unit, d.kind = a.unit, a.kind
        elif a.unit and d.unit and a.unit.lower() != d.unit.lower():
            d.change_unit = a.unit
    _qual(d, ctx, amount=False)


def _is_down(ctx: Ctx) -> bool:
    if ctx.verb == "down":
        return True
    if ctx.verb is None and ctx.paren and ctx.host is not None and ctx.host.change_value is not None:
        return ctx.host.change_value < 0
    return ctx.r.change() == "giảm"


def _change_pct(ctx: Ctx, role: str) -> float:
    x = ctx.atom.value
    if role == "change_ratio":
        return round(x - 100, 6)
    return -x if _is_down(ctx) else x


def _qual(d: Draft, ctx: Ctx, *, amount: bool) -> None:
    if amount:
        d.amount_qual = ctx.qualifier
    elif d.other_qual is None:
        d.other_qual = ctx.qualifier or ""


def _extend(d: Draft, ctx: Ctx) -> None:
    d.end = max(d.end, ctx.atom.end)
    d.estimated = d.estimated or ctx.estimate


def _new(ctx: Ctx, drafts: list[Draft], *, share: bool = False) -> Draft:
    a, host = ctx.atom, ctx.host
    start = ctx.subject_start if ctx.subject else a.start
    if ctx.subject:
        stem, conf = ctx.r.tidy(), 0.9
    elif host is not None and not ctx.fresh:
        stem, conf = host.stem, 0.7
    else:
        stem, conf = "", 0.4
    if share:
        base = ctx.r.tidy() if ctx.subject else (host.indicator if host else "")
        indicator = base if _has(RATE_CUE, base[:8]) else f"tỷ lệ {base}".strip()
        d = Draft(start, a.end, stem=base, indicator=indicator, kind="pct-share", value=a.value, unit="%")
        _qual(d, ctx, amount=True)
    else:
        d = Draft(start, a.end, stem=stem, indicator=_indicator(stem, a))
    d.confidence = conf
    inherits = not ctx.subject and host is not None and not ctx.sub_item and not ctx.fresh
    continues = host is not None and ctx.r.continuation()
    d.estimated = ctx.estimate or ((inherits or continues) and host is not None and host.estimated)
    drafts.append(d)
    return d


def _indicator(stem: str, a: Atom) -> str:
    return _indicator_of(stem, a.kind, a.noun, a.trailing)


@lru_cache(maxsize=4096)
def _indicator_of(stem: str, kind: str | None, noun: str, trailing: str) -> str:
    parts = [stem]
    if kind == "count" and noun and noun.lower() not in stem.lower():
        parts.append(noun)
    if trailing:
        parts.append(trailing)
    return _tidy(" ".join(p for p in parts if p))


# Every phrase of TIME_INSIDE holds a digit or one of these words (in any case: none of
# their letters has a case variant beyond its capital, see re._casefix).
_TIME_WORDS: Final = ("năm", "tháng", "nay", "quý")


def _may_hold_time(words: str, low: str) -> bool:
    """False when TIME_INSIDE surely finds nothing in `words` (`low`: lowered)."""
    for w in _TIME_WORDS:
        if w in low:
            return True
    return any(_is_digit(words, k) for k in range(len(words)))


# TIME_INSIDE for lowered text, without re.I (which tries every phrase letter by letter in
# both cases): the same matches, except where a character matches a letter of the
# pattern only by re.I's case folding, not by str.lower(): "ı", "ſ" (case variants of "i"
# and "s") and "İ" (lowered to two characters). Checked for every code point in the tests.
TIME_INSIDE_LOW: Final = re.compile(_B + _TIME_LOW + _E)
_FOLDED_ONLY: Final = frozenset((0x130, 0x131, 0x17F))


def _drop_time(words: str) -> str:
    """TIME_INSIDE.sub(" ", words)."""
    low = lowered(words)
    if not _may_hold_time(words, low):
        return words
    if any(ord(words[k]) in _FOLDED_ONLY for k in range(len(words))):
        return TIME_INSIDE.sub(" ", words)
    pieces: list[str] = []
    last = 0
    for m in TIME_INSIDE_LOW.finditer(low):
        a, b = m.span()
        pieces.append(words[last:a])
        pieces.append(" ")
        last = b
    if not pieces:
        return words
    pieces.append(words[last:])
    return "".join(pieces)


def _commas_change(w: str) -> bool:
    """COMMAS.sub(",", w) != w: some comma has spaces before it, or another comma after it
    (with spaces between or not); otherwise every match is a lone comma."""
    i = w.find(",")
    while i >= 0:
        if i and is_space(w, i - 1):
            return True
        j = i + 1
        while j < len(w) and is_space(w, j):
            j += 1
        if j < len(w) and ord(w[j]) == 44:
            return True
        i = w.find(",", i + 1)
    return False


def _spaces_change(w: str) -> bool:
    """SPACES.sub(" ", w) != w: two spaces in a row, or a space character other than " "."""
    if "  " in w:
        return True
    return any(ord(w[k]) != 32 and is_space(w, k) for k in range(len(w)))


def _is_digit(s: str, k: int) -> bool:
    """s[k] matches "\\d"."""
    c = ord(s[k])
    return 48 <= c <= 57 if c < 128 else s[k].isdecimal()


@lru_cache(maxsize=4096)
def _tidy(words: str) -> str:
    if not TIDY_NEEDED.search(words):
        return words.strip(" ,;:-(.")
    w = _drop_time(words)
    if "(" in w:
        w = PARENS.sub(" ", w)
    if _commas_change(w):
        w = COMMAS.sub(",", w)
    if _spaces_change(w):
        w = SPACES.sub(" ", w)
    w = w.strip(" ,;:-(.")
    return w or SPACES.sub(" ", words).strip()


# Fact is an interpreted dataclass: built with its fields in order, as a call by keyword
# costs twice as much. The order is checked once here.
_FACT_FIELDS: Final = ("indicator", "text", "span", "value", "unit", "plan_value", "plan_pct",
                       "plan_pct_other", "change_pct", "change_value", "change_unit", "estimated",
                       "qualifier", "confidence")
if tuple(f.name for f in fields(Fact)) != _FACT_FIELDS:
    raise RuntimeError("chitieu.model.Fact changed its fields: update facts._to_fact")
_ROUNDED: dict[float, float] = {}  # confidence -> round(confidence, 2): a handful of values
_TRAILING_MARKS: Final = frozenset(ord(c) for c in " ,;:(")


def _more_words(s: str, limit: int) -> bool:
    """len(s.split()) > limit, without the list: the runs of non-space characters."""
    words = 0
    inside = False
    for k in range(len(s)):
        if is_space(s, k):
            inside = False
        elif not inside:
            inside = True
            words += 1
            if words > limit:
                return True
    return False


def _to_fact(d: Draft, n: Normalized) -> Fact:
    end = d.end
    text = n.text
    while end > d.start and ord(text[end - 1]) in _TRAILING_MARKS:
        end -= 1
    qualifier = d.amount_qual or (d.other_qual or None)
    confidence = d.confidence
    if d.value is None and d.plan_value is None:
        confidence -= 0.1
    indicator = d.indicator
    if len(indicator) > 2 * 15 and _more_words(indicator, 15):  # 16 words need 31 characters
        confidence -= 0.1
    confidence = max(0.1, min(1.0, confidence))
    rounded = _ROUNDED.get(confidence)
    if rounded is None:
        rounded = _ROUNDED[confidence] = round(confidence, 2)
    span = n.orig_span(d.start, end)
    return Fact(indicator, n.original[span[0]:span[1]], span, d.value, d.unit, d.plan_value,
                d.plan_pct, d.plan_pct_other, d.change_pct, d.change_value, d.change_unit, d.estimated,
                qualifier, rounded)
