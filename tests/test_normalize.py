"""Normalization keeps a faithful map back to the text as read."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from chitieu.extract.normalize import normalize


def test_identity_fast_path_unifies_spaces_and_dashes() -> None:
    n = normalize("Thu ngân sách\u00a0đạt 45,4% – vượt")
    assert n.text == "Thu ngân sách đạt 45,4% - vượt"
    assert n.orig_span(4, 13) == (4, 13)


def test_decomposed_text_is_composed_and_maps_back() -> None:
    original = unicodedata.normalize("NFD", "Tổng thu ngân sách đạt 45,4%")
    n = normalize(original)
    assert n.text == "Tổng thu ngân sách đạt 45,4%"
    start = n.text.index("ngân")
    assert n.orig_text(start, start + 4) == unicodedata.normalize("NFD", "ngân")


def test_crlf_and_zero_width_are_folded() -> None:
    n = normalize("dòng một\r\n\u200bdòng hai")
    assert n.text == "dòng một\ndòng hai"
    start = n.text.index("hai")
    assert n.orig_text(start, start + 3) == "hai"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_spans_round_trip_for_any_text(text: str) -> None:
    n = normalize(text)
    for start in range(0, len(n.text) + 1, 3):
        end = min(len(n.text), start + 4)
        a, b = n.orig_span(start, end)
        assert 0 <= a <= b <= len(text)
        # Re-normalizing the original slice gives back the normalized slice.
        if end > start:
            assert normalize(text[a:b]).text.startswith(n.text[start:end][:1])
