"""Every language-data file under chitieu/data loads, is NFC, and has no duplicate keys."""

from __future__ import annotations

import unicodedata
from importlib import resources

import pytest
import yaml
from yaml_support import StrictLoader, strings

from chitieu.extract import lexicon

_StrictLoader = StrictLoader

NAMES = lexicon.data_names()


_strings = strings


def test_there_is_language_data() -> None:
    assert NAMES, "chitieu/data holds no YAML files"


@pytest.mark.parametrize("name", NAMES)
def test_data_file_is_strict_yaml_and_nfc(name: str) -> None:
    ref = resources.files("chitieu") / "data" / f"{name}.yaml"
    data = yaml.load(ref.read_text(encoding="utf-8"), Loader=_StrictLoader)
    assert data, f"{name}.yaml is empty"
    bad = [s for s in _strings(data) if unicodedata.normalize("NFC", s) != s]
    assert not bad, f"{name}.yaml has strings not in NFC: {bad[:5]}"


def test_strict_loader_rejects_duplicates() -> None:
    with pytest.raises(yaml.constructor.ConstructorError):
        yaml.load("a: 1\na: 2\n", Loader=_StrictLoader)
