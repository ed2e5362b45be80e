"""The facts grammar: the phrase corpus (tests/phrases/facts.yaml) and direct checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chitieu.extract.facts import find_facts
from chitieu.extract.normalize import normalize
from chitieu.model import Fact

PHRASES = yaml.safe_load((Path(__file__).parent / "phrases" / "facts.yaml").read_text(encoding="utf-8"))
CASES = PHRASES["cases"]


def _facts(text: str, exclude: list[tuple[int, int]] | None = None) -> list[Fact]:
    return find_facts(normalize(text), exclude=exclude)


def _check(expected: dict[str, Any], got: Fact) -> list[str]:
    errors = []
    data = got.to_dict()
    for key, want in expected.items():
        if key == "indicator":
            ok = got.indicator.lower() == want.lower()
        elif key == "indicator_has":
            ok = want.lower() in got.indicator.lower()
        elif key == "plan_pct_other":
            ok = list(got.plan_pct_other) == want
        else:
            ok = data.get(key) == want
        if not ok:
            errors.append(f"{key}: want {want!r}, got {data.get(key, got.indicator)!r}")
    return errors


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_phrase(case: dict[str, Any]) -> None:
    got = _facts(case["text"])
    assert len(got) == len(case["facts"]), [f.to_dict() for f in got]
    errors = [e for want, fact in zip(case["facts"], got, strict=True) for e in _check(want, fact)]
    assert not errors, errors


def test_phrase_corpus_has_positives_and_negatives() -> None:
    assert sum(1 for c in CASES if c["facts"]) >= 30
    assert sum(1 for c in CASES if not c["facts"]) >= 10


def test_spans_point_into_the_original() -> None:
    text = "Thu\u00a0ngân sách  ước đạt 12,5 tỷ đồng, đạt 101% dự toán; kết nạp 7 đảng viên mới."
    facts = _facts(text)
    assert len(facts) == 2
    for f in facts:
        a, b = f.span
        assert text[a:b] == f.text
    assert "12,5" in facts[0].text and facts[0].plan_pct == 101


def test_spans_survive_decomposed_text() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo giảm còn 2,5%.")
    (fact,) = _facts(text)
    assert text[fact.span[0]:fact.span[1]] == fact.text
    assert fact.value == 2.5 and fact.unit == "%"


def test_excluded_spans_give_no_fact() -> None:
    text = "Kết nạp 20 đảng viên mới. Đề xuất hỗ trợ xây 3 cầu treo cho 4 xã vùng cao."
    assert len(_facts(text)) == 1
    start = text.index("Kết")
    assert _facts(text, exclude=[(start, start + 25)]) == []


def test_confidence_is_lower_for_borrowed_subjects() -> None:
    own, borrowed = _facts("Xây mới 40 nhà văn hóa, 12 phòng học.")
    assert 0 < borrowed.confidence < own.confidence <= 1


def test_two_plans_keep_the_second_aside() -> None:
    text = "Tổng thu ngân sách ước đạt 90 tỷ đồng, bằng 110% dự toán tỉnh giao và 95% dự toán huyện."
    (f,) = _facts(text)
    assert f.plan_pct == 110 and f.plan_pct_other == [95] and f.estimated


def test_nothing_in_text_without_digits() -> None:
    assert _facts("Tình hình an ninh chính trị ổn định, đời sống nhân dân được cải thiện.") == []


ODD = ["", "%", "1", "đạt 5%", "/ 12", "1/1/1/1", "((((", "0" * 500, "tăng 5 . , ; :"]


@pytest.mark.parametrize("text", ODD)
def test_odd_inputs_do_not_raise(text: str) -> None:
    for f in _facts(text):
        assert text[f.span[0]:f.span[1]] == f.text


@pytest.mark.parametrize(("text", "ends_with"), [
    ("Sản lượng chè búp tươi đạt 4.300 tấn, tăng 6% so với năm 2022.", "so với năm 2022"),
    ("Thu ngân sách xã ước đạt 2,6 tỷ đồng, tăng 9% so với cùng kỳ năm 2021", "cùng kỳ năm 2021"),
    ("Tỷ lệ hộ nghèo còn 3,1%, giảm 0,9% so với cuối năm 2023; hộ cận nghèo còn 4,2%.",
     "so với cuối năm 2023"),
])
def test_fact_text_keeps_the_whole_year_of_a_comparison(text: str, ends_with: str) -> None:
    # The phrase after a change ends at the next number, but a year after "năm" belongs to it:
    # every digit of it, not only the first.
    first = _facts(text)[0]
    assert first.text.endswith(ends_with), first.text
    assert text[first.span[0]:first.span[1]] == first.text
