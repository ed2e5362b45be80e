"""The indicator catalogue: codes, names, units, directions and the wordings of each.

`Catalogue.load()` reads chitieu/data/indicators.yaml plus any user files (entries
override or extend the built-in ones by code). `match_indicator(text)` maps the
indicator words of a fact ("Thu cân đối ngân sách Nhà nước trên địa bàn") to a code
("NS_THU_NSNN") or None:

1. normalize both sides the same way (NFC, lowercase, punctuation and numbers out,
   spelling variants and abbreviations from the data file, leading filler words
   such as "tổng", "kết quả" and trailing place/period words such as "trên địa bàn",
   "năm" dropped);
2. an exact hit on a normalized alias wins;
3. else rapidfuzz `token_sort_ratio` against every normalized alias, best first,
   accepted at `MATCH_THRESHOLD` or above (see the constant for why this scorer
   and this value).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from chitieu.extract import lexicon

AREAS = ("kinh tế", "ngân sách", "xã hội", "xây dựng Đảng", "quốc phòng - an ninh")
DIRECTIONS = ("higher", "lower")

# Scorer and threshold, chosen on the examples in tests/test_catalogue.py (wordings
# written for the test, none of them an alias; 47 positives, 30 negatives):
# `token_sort_ratio` compares the whole normalized phrases with word order ignored,
# so an extra or missing word costs points in proportion to its length. Rejected:
# `token_set_ratio` (8 of 30 negatives matched at any threshold: it scores 100
# whenever one phrase's words are a subset of the other's, so "tuyên truyền phòng
# chống tội phạm" hit the alias "tội phạm") and `WRatio` (same problem through its
# partial ratios: 8 negatives up to 90, 28 at 85). With token_sort_ratio the lowest
# positive scored 85.7 ("kim ngạch xuất khẩu hàng hoá") and the highest negative 80.0
# ("sản phẩm 4 sao"); 85 sits between them (88 lost two positives, 80 let one
# negative in).
MATCH_THRESHOLD = 85.0
SCORER = fuzz.token_sort_ratio  # computed in `match_scored` as fuzz.ratio of word-sorted keys

_NON_WORD = re.compile(r"[^\w\s]+")
_HAS_DIGIT = re.compile(r"\d")


class CatalogueError(ValueError):
    """A catalogue file is malformed (unknown direction or area, missing code...)."""


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    unit: str | None
    direction: str
    area: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Rules:
    """How indicator words are normalized before matching (from the data file)."""

    spellings: dict[str, str] = field(default_factory=dict)
    abbreviations: dict[str, str] = field(default_factory=dict)
    leading: tuple[tuple[str, ...], ...] = ()
    trailing: tuple[tuple[str, ...], ...] = ()


class Catalogue:
    """A set of indicators with a fast matcher over their normalized aliases."""

    def __init__(self, indicators: Iterable[Indicator], rules: _Rules) -> None:
        self._by_code: dict[str, Indicator] = {i.code: i for i in indicators}
        self._rules = rules
        self._keys: dict[str, str] = {}
        for ind in self._by_code.values():
            for phrase in (ind.name, *ind.aliases):
                key = self.normalize(phrase)
                if key:
                    self._keys.setdefault(key, ind.code)
        self._choices = list(self._keys)
        # `token_sort_ratio` is `ratio` of the phrases with their words sorted: the
        # aliases' words are sorted once here, the query's once per match.
        self._sorted_choices = [_sorted_words(k) for k in self._choices]

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra_paths: Iterable[str | Path] = ()) -> Catalogue:
        """The built-in catalogue, then each user file in order (override/extend by code)."""
        data = lexicon.load("indicators")
        rules = _rules_from(data.get("normalize") or {})
        entries: dict[str, Indicator] = {}
        for raw in data["indicators"]:
            ind = _indicator_from(raw, None)
            entries[ind.code] = ind
        for path in extra_paths:
            for raw in _user_entries(Path(path)):
                code = str(raw.get("code", "")).strip()
                ind = _indicator_from(raw, entries.get(code))
                entries[ind.code] = ind
        return cls(entries.values(), rules)

    # ------------------------------------------------------------ access
    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Indicator | None:
        return self._by_code.get(code)

    def direction(self, code: str) -> str | None:
        ind = self._by_code.get(code)
        return ind.direction if ind else None

    def area(self, code: str) -> str | None:
        ind = self._by_code.get(code)
        return ind.area if ind else None

    # ------------------------------------------------------------ matching
    def normalize(self, text: str) -> str:
        """The matching key of `text` (see the module docstring)."""
        words = _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower()).split()
        out: list[str] = []
        for w in words:
            w = self._rules.spellings.get(w, w)
            if _HAS_DIGIT.search(w):
                continue
            out.extend(self._rules.abbreviations.get(w, w).split())
        return " ".join(_strip_edges(out, self._rules))

    def match_scored(self, text: str) -> tuple[str, float] | None:
        """(code, score 0-100) of the best alias for `text`, or None below the threshold."""
        key = self.normalize(text or "")
        if not key:
            return None
        code = self._keys.get(key)
        if code is not None:
            return code, 100.0
        hit = process.extractOne(_sorted_words(key), self._sorted_choices, scorer=fuzz.ratio,
                                 score_cutoff=MATCH_THRESHOLD)
        if hit is None:
            return None
        return self._keys[self._choices[hit[2]]], float(hit[1])

    def match(self, text: str) -> str | None:
        hit = self.match_scored(text)
        return hit[0] if hit else None


# ---------------------------------------------------------------- module API
@cache
def default_catalogue() -> Catalogue:
    """The built-in catalogue (loaded once)."""
    return Catalogue.load()


def match_indicator(text: str, catalogue: Catalogue | None = None) -> str | None:
    """The catalogue code for the indicator words `text`, or None when nothing is close."""
    return (catalogue or default_catalogue()).match(text)


def direction(code: str) -> str | None:
    """'higher' or 'lower' (which way is better) for a built-in code, None if unknown."""
    return default_catalogue().direction(code)


def area(code: str) -> str | None:
    """The policy area of a built-in code, None if unknown."""
    return default_catalogue().area(code)


# ---------------------------------------------------------------- helpers
def _sorted_words(key: str) -> str:
    """A normalized key with its words sorted, as `token_sort_ratio` compares them."""
    return " ".join(sorted(key.split()))


def _strip_edges(words: list[str], rules: _Rules) -> list[str]:
    """Drop leading filler and trailing place/period phrases, never down to nothing."""
    changed = True
    while changed:
        changed = False
        for phrase in rules.leading:
            n = len(phrase)
            if len(words) > n and tuple(words[:n]) == phrase:
                words, changed = words[n:], True
                break
        for phrase in rules.trailing:
            n = len(phrase)
            if len(words) > n and tuple(words[-n:]) == phrase:
                words, changed = words[:-n], True
                break
    return words


def _phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    """Word tuples, longest first so that "trên địa bàn huyện" wins over "trên địa bàn"."""
    tuples = {tuple(_nfc(s).lower().split()) for s in items}
    return tuple(sorted(tuples, key=lambda t: (-len(t), t)))


def _rules_from(raw: dict[str, Any]) -> _Rules:
    return _Rules(
        spellings={_nfc(k).lower(): _nfc(v).lower() for k, v in (raw.get("spellings") or {}).items()},
        abbreviations={_nfc(k).lower(): _nfc(v).lower() for k, v in (raw.get("abbreviations") or {}).items()},
        leading=_phrases(raw.get("leading_fillers") or ()),
        trailing=_phrases(raw.get("trailing_words") or ()),
    )


def _indicator_from(raw: dict[str, Any], base: Indicator | None) -> Indicator:
    if not isinstance(raw, dict) or not str(raw.get("code", "")).strip():
        raise CatalogueError(f"indicator entry without a code: {raw!r}")
    code = str(raw["code"]).strip()
    if base is None:
        missing = [k for k in ("name", "direction", "area") if not raw.get(k)]
        if missing:
            raise CatalogueError(f"indicator {code}: missing {', '.join(missing)}")
        base = Indicator(code=code, name="", unit=None, direction="higher", area=AREAS[0])
    aliases = tuple(dict.fromkeys((*base.aliases, *(_nfc(a) for a in raw.get("aliases") or ()))))
    ind = replace(
        base,
        name=_nfc(raw.get("name") or base.name),
        unit=_nfc(raw["unit"]) if raw.get("unit") else base.unit,
        direction=raw.get("direction") or base.direction,
        area=_nfc(raw.get("area") or base.area),
        aliases=aliases,
    )
    if ind.direction not in DIRECTIONS:
        raise CatalogueError(
            f"indicator {code}: direction must be one of {DIRECTIONS}, not {ind.direction!r}")
    if ind.area not in AREAS:
        raise CatalogueError(f"indicator {code}: area must be one of {AREAS}, not {ind.area!r}")
    return ind


def _user_entries(path: Path) -> list[dict[str, Any]]:
    """Entries of a user catalogue file: a list, or a mapping with an `indicators` list."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("indicators")
    if not isinstance(data, list):
        raise CatalogueError(f"{path}: expected a list of indicators (or an `indicators:` list)")
    return data


def _nfc(text: Any) -> str:
    return unicodedata.normalize("NFC", str(text)).strip()
