"""Tallies of targets met, on sentences written for these tests."""

from __future__ import annotations

import pytest

from chitieu.extract.normalize import normalize
from chitieu.extract.tallies import find_tallies


def tallies(text: str) -> list[tuple[int, int | None, str]]:
    return [(t.achieved, t.total, t.what) for t in find_tallies(normalize(text))]


@pytest.mark.parametrize("text,expected", [
    ("Năm 2023, huyện Ea Kar hoàn thành 21/24 chỉ tiêu chủ yếu đề ra.", [(21, 24, "chỉ tiêu")]),
    ("Kết quả có 14/16 nhóm chỉ tiêu đạt và vượt so với kế hoạch.", [(14, 16, "nhóm chỉ tiêu")]),
    ("Đảng ủy xã đã hoàn thành 27/30 nhiệm vụ được giao trong năm.", [(27, 30, "nhiệm vụ")]),
    ("Về xây dựng nông thôn mới, số chỉ tiêu đạt 40/52.", [(40, 52, "chỉ tiêu")]),
    ("Toàn xã có 12 chỉ tiêu đạt và vượt kế hoạch.", [(12, None, "chỉ tiêu")]),
    ("Tỉnh vượt 6 chỉ tiêu so với kế hoạch đề ra", [(6, None, "chỉ tiêu")]),
])
def test_tallies_of_each_shape(text: str, expected: list) -> None:
    assert tallies(text) == expected


def test_total_from_a_group_named_before() -> None:
    text = "Trong 18 nhóm chỉ tiêu của Nghị quyết, có 11 nhóm chỉ tiêu cơ bản hoàn thành."
    assert tallies(text) == [(11, 18, "nhóm chỉ tiêu")]


def test_total_from_the_tally_a_clause_hangs_on() -> None:
    text = "Huyện thực hiện đạt 16/20 chỉ tiêu, trong đó có 9 chỉ tiêu vượt kế hoạch."
    assert tallies(text) == [(16, 20, "chỉ tiêu"), (9, 20, "chỉ tiêu")]


@pytest.mark.parametrize("text", [
    "Còn 3 chỉ tiêu không đạt kế hoạch do thời tiết bất lợi.",
    "Xã đã đạt 12/19 tiêu chí nông thôn mới.",
    "Chi bộ kết nạp 45/50 đảng viên theo kế hoạch.",
    "Năm tới, huyện phấn đấu hoàn thành 5 nhiệm vụ trọng tâm.",
    "Nghị quyết đề ra 20 chỉ tiêu, đến nay nhiều chỉ tiêu đạt khá.",
])
def test_not_tallies(text: str) -> None:
    assert tallies(text) == []


def test_text_and_span_point_into_the_original() -> None:
    text = "Năm qua, thị xã\u00a0hoàn thành 8/10 chỉ tiêu về kinh tế."
    found = find_tallies(normalize(text))
    assert len(found) == 1
    a, b = found[0].span
    assert text[a:b] == found[0].text
    assert "8/10 chỉ tiêu" in found[0].text


@pytest.mark.parametrize("text", ["", "chỉ tiêu", "/ chỉ tiêu", "999999/1 nhiệm vụ", "\x00" * 10, "1/" * 500])
def test_never_raises(text: str) -> None:
    assert isinstance(find_tallies(normalize(text)), list)


def test_targets_forecast_hard_to_meet_are_no_tally() -> None:
    text = "Sáu tháng qua, có 15/18 chỉ tiêu đạt yêu cầu; 3 chỉ tiêu dự báo khó đạt."
    assert tallies(text) == [(15, 18, "chỉ tiêu")]
