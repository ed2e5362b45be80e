"""Link a later document to earlier conclusions and directives it follows up.

Two kinds of evidence:

- 'số hiệu': a reference number of the later document equals the earlier one's number
  once normalized (`number_key`: letters and digits only, upper case, separators ignored,
  a leading "Số"/"số:" dropped) — "839-KL/TU", "839 - kl/tu", "Số 839/KL-TU" are one key.
  Score 1.0.
- 'nội dung lặp lại': a later clause repeats an earlier directive's text. Similarity is
  the Dice coefficient of the two clauses' syllable bigrams (lower case, NFC, punctuation
  dropped): 2·|A∩B| / (|A|+|B|) over multisets. A link needs similarity ≥
  `followup_min_similarity` (0.6) and at least `followup_min_syllables` (5) syllables on
  both sides. Bigrams rather than single syllables, so that the stock words every
  directive shares ("tập trung", "chỉ đạo") weigh less than repeated wording.

For each earlier item and kind of evidence the best-scoring link is kept.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from chitieu.assess.thresholds import DEFAULT, Thresholds

_TOKEN = re.compile(r"\w+")
_NUMBER_PREFIX = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


class Evidence(StrEnum):
    NUMBER = "số hiệu"
    REPEATED = "nội dung lặp lại"


@dataclass(frozen=True, slots=True)
class Earlier:
    """An earlier conclusion or directive: its document number and/or its text."""

    key: Hashable
    number: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    target: Hashable  # the Earlier.key it links to
    evidence: Evidence
    score: float
    later: str  # the later reference number or clause that carries the evidence


def number_key(number: str | None) -> str | None:
    """Normalized document number: "Số 839 - kl/tu" → "839-KL-TU"; None when empty."""
    if not number:
        return None
    text = _NUMBER_PREFIX.sub("", unicodedata.normalize("NFC", number))
    tokens = _TOKEN.findall(text.upper().replace("_", " "))
    return "-".join(tokens) or None


def syllables(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).casefold().replace("_", " "))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of syllable bigrams (0..1); 0 when either has fewer than 2 syllables."""
    return _dice(_bigrams(syllables(a)), _bigrams(syllables(b)))


def find_followups(earlier: Iterable[Earlier], later_numbers: Iterable[str] = (),
                   later_clauses: Iterable[str] = (), *, thresholds: Thresholds = DEFAULT) -> list[Link]:
    """Links from a later document (its reference numbers and clauses) to earlier items."""
    items = list(earlier)
    best: dict[tuple[Hashable, Evidence], Link] = {}
    numbers = {number_key(n): n for n in later_numbers if number_key(n)}
    for item in items:
        key = number_key(item.number)
        if key is not None and key in numbers:
            best[(item.key, Evidence.NUMBER)] = Link(item.key, Evidence.NUMBER, 1.0, numbers[key])
    clauses = [(c, syllables(c)) for c in later_clauses]
    for item in items:
        link = _best_repeat(item, clauses, thresholds)
        if link is not None:
            best[(item.key, Evidence.REPEATED)] = link
    return list(best.values())


def _best_repeat(item: Earlier, clauses: list[tuple[str, list[str]]], thresholds: Thresholds) -> Link | None:
    if not item.text:
        return None
    mine = syllables(item.text)
    if len(mine) < thresholds.followup_min_syllables:
        return None
    grams = _bigrams(mine)
    found: Link | None = None
    for clause, theirs in clauses:
        if len(theirs) < thresholds.followup_min_syllables:
            continue
        score = _dice(grams, _bigrams(theirs))
        if score >= thresholds.followup_min_similarity and (found is None or score > found.score):
            found = Link(item.key, Evidence.REPEATED, score, clause)
    return found


def _bigrams(tokens: list[str]) -> Counter[tuple[str, str]]:
    return Counter(itertools.pairwise(tokens))


def _dice(a: Counter[tuple[str, str]], b: Counter[tuple[str, str]]) -> float:
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return 0.0
    return 2 * sum((a & b).values()) / total
