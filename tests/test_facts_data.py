"""The language data of the facts grammar: known keys, no duplicate entries, NFC, usable."""

from __future__ import annotations

import re
import unicodedata

import pytest
from yaml_support import lists

from chitieu.extract import lexicon

KEYS: dict[str, set[str]] = {
    "units": {"multipliers", "kinds", "per"},
    "fact_verbs": {"roles", "trailing", "lead_ins", "lead_ins_to_comma", "continuations", "slot_starts",
                   "count_trail_stops", "measure_trail_stops", "sub_items", "inner_lead_ins"},
    "plan_words": {"plans", "subjects", "targets", "future", "estimates", "rate_cues", "amount_cues",
                   "resets", "names"},
    "qualifiers": {"qualifiers", "aliases", "ignored_after"},
    "comparisons": {"against", "periods"},
    "non_fact": {"left", "left_time", "from_to", "left_exceptions", "right", "tally_units", "directive_cues",
                 "award_cues", "time_phrases", "time_enders", "place_units", "demonstratives"},
}
ROLES = {"level", "up", "down", "share", "rate", "ratio", "exceed", "value"}
UNIT_KINDS = {"money", "measure", "count"}


_lists = lists


@pytest.mark.parametrize("name", sorted(KEYS))
def test_known_keys(name: str) -> None:
    assert set(lexicon.load(name)) == KEYS[name]


@pytest.mark.parametrize("name", sorted(KEYS))
def test_lists_hold_unique_nfc_words(name: str) -> None:
    for path, items in _lists(lexicon.load(name)):
        assert items, f"{name}{path} is empty"
        assert all(isinstance(w, str) and w.strip() == w and w for w in items), f"{name}{path}"
        assert all(unicodedata.is_normalized("NFC", w) for w in items), f"{name}{path}"
        seen = [w.lower() for w in items]
        dups = sorted({w for w in seen if seen.count(w) > 1})
        assert not dups, f"{name}{path} repeats {dups}"


def test_roles_and_unit_kinds_are_known() -> None:
    assert set(lexicon.load("fact_verbs")["roles"]) == ROLES
    assert set(lexicon.load("units")["kinds"]) == UNIT_KINDS


def test_multipliers_scale_by_powers_of_ten() -> None:
    multipliers = lexicon.load("units")["multipliers"]
    for word, factor in multipliers.items():
        assert factor in (1e3, 1e6, 1e9, 1e12), word
        # A two-word multiplier scales as its words do ("nghìn tỷ" = nghìn × tỷ).
        parts = word.split()
        if len(parts) > 1:
            assert factor == multipliers[parts[0]] * multipliers[parts[1]], word


def test_unit_words_have_one_kind() -> None:
    kinds = lexicon.load("units")["kinds"]
    owner: dict[str, str] = {}
    for kind, words in kinds.items():
        for w in words:
            assert owner.setdefault(w.lower(), kind) == kind, f"{w} is both {owner[w.lower()]} and {kind}"


def test_time_phrases_are_regexes_without_groups() -> None:
    for pattern in lexicon.load("non_fact")["time_phrases"]:
        assert re.compile(pattern).groups == 0, pattern


def test_qualifier_aliases_point_to_qualifiers() -> None:
    q = lexicon.load("qualifiers")
    assert set(q["aliases"].values()) <= set(q["qualifiers"])
