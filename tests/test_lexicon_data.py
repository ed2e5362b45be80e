"""The language data of the tally, reference, people, clause and document-field finders."""

from __future__ import annotations

import unicodedata
from importlib import resources
from typing import Any

import pytest
import yaml
from yaml_support import StrictLoader, lists, strings

from chitieu.extract import lexicon

_StrictLoader = StrictLoader

KEYS = {
    "titles": {"heads", "ranks", "honorifics", "office_words", "abbreviations", "byline_labels",
               "not_name_words"},
    "surnames": {"surnames"},
    "doc_kinds": {"kinds", "type_codes", "issuer_codes", "issuers", "plan_basis_before", "plan_basis_after",
                  "congress_words", "counters"},
    "directive_markers": {"verbs", "leaders", "conclusions", "future", "noun_before", "noun_after",
                          "narrative", "downward", "modals", "not_subjects", "connectors", "comma_split",
                          "addressees", "lead", "task", "caption_verbs", "purpose"},
    "request_markers": {"verbs", "verbs_needing_upward", "upward", "upward_of_districts", "noun_before",
                        "noun_after", "askers"},
    "admin_levels": {"levels", "committees", "plural_markers", "provinces"},
    "period_words": {"result_cues", "forward_cues", "comparison_cues", "openers", "month_parts",
                     "number_words", "keywords"},
    "tally_words": {"what", "met_verbs", "missed", "text_stops", "future", "met_continuations", "have"},
    "document_words": {"published_labels", "body_openers", "furniture"},
}


def _raw(name: str) -> Any:
    text = (resources.files("chitieu") / "data" / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_StrictLoader)


_strings = strings


_lists = lists


@pytest.mark.parametrize("name", sorted(KEYS))
def test_loads_strictly_with_the_expected_keys(name: str) -> None:
    data = _raw(name)
    assert isinstance(data, dict)
    assert set(data) == KEYS[name]
    assert lexicon.load(name) == data
    assert all(v for v in data.values()), f"{name}.yaml has an empty section"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_no_duplicate_entries(name: str) -> None:
    for path, items in _lists(_raw(name)):
        seen = [str(x) for x in items]
        dupes = sorted({x for x in seen if seen.count(x) > 1})
        assert not dupes, f"{name}.yaml{path} repeats {dupes}"


@pytest.mark.parametrize("name", sorted(KEYS))
def test_all_strings_are_nfc_and_trimmed(name: str) -> None:
    for s in _strings(_raw(name)):
        assert unicodedata.normalize("NFC", s) == s, f"{name}.yaml: {s!r} is not NFC"
        assert s == s.strip() and "  " not in s, f"{name}.yaml: {s!r} has stray spaces"


def test_strict_loader_refuses_a_repeated_key() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("heads: [a]\nheads: [b]\n", Loader=_StrictLoader)


def test_data_is_consistent_across_files() -> None:
    titles = lexicon.load("titles")
    assert set(titles["ranks"]) <= set(titles["heads"])
    requests = lexicon.load("request_markers")
    assert set(requests["verbs_needing_upward"]) <= set(requests["verbs"])
    kinds = lexicon.load("doc_kinds")
    assert set(kinds["type_codes"].values()) <= set(kinds["kinds"])
    admin = lexicon.load("admin_levels")
    assert set(admin["committees"].values()) <= set(admin["levels"])
    assert all(isinstance(v["rank"], int) and 1 <= v["rank"] <= 3 for v in admin["levels"].values())
    surnames = lexicon.load("surnames")["surnames"]
    assert all(s[:1].isupper() and " " not in s for s in surnames)
