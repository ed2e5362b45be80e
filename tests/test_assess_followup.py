"""Follow-up links from a later document to earlier conclusions and directives.

All directive texts below were written for these tests.
"""

from __future__ import annotations

import pytest

from chitieu.assess import Earlier, Evidence, Thresholds, find_followups, number_key, similarity

EARLIER = [
    Earlier("KL-839", number="839-KL/TU"),
    Earlier("CT-12", number="12-CT/HU"),
    Earlier("D1", number="839-KL/TU",
            text=("Tập trung chỉ đạo đẩy nhanh tiến độ giải phóng mặt bằng dự án "
                  "đường tránh phía Tây thị trấn")),
    Earlier("D2", text="Rà soát, đánh giá thực chất kết quả xây dựng xã nông thôn mới nâng cao"),
    Earlier("D3", text="Làm tốt"),  # too short to compare
]


@pytest.mark.parametrize(
    "written",
    ["839-KL/TU", "839 - KL/TU", "839-kl/tu", "Số 839/KL-TU", "số: 839–KL/TU", "839‐KL / TU"],
)
def test_number_key_ignores_spaces_case_and_dashes(written: str) -> None:
    assert number_key(written) == "839-KL-TU"


def test_number_keys_that_differ() -> None:
    assert number_key("839-KL/TU") != number_key("839-KL/HU")
    assert number_key("839-KL/TU") != number_key("893-KL/TU")
    assert number_key("") is None and number_key(None) is None
    assert number_key("15-NQ/HĐND") == "15-NQ-HĐND"


def test_link_by_number() -> None:
    links = find_followups(EARLIER, later_numbers=["Số 839 - KL/TU", "45-KH/UBND"])
    got = {(link.target, link.evidence, link.score) for link in links}
    assert got == {("KL-839", Evidence.NUMBER, 1.0), ("D1", Evidence.NUMBER, 1.0)}
    assert all(link.later == "Số 839 - KL/TU" for link in links)


# Hand check, syllable bigrams: D1 has 20 syllables (19 bigrams); the later clause adds
# "tiếp tục" in front: 22 syllables (21 bigrams), all 19 of D1's among them:
# Dice = 2 × 19 / (19 + 21) = 0.95 (≥ 0.6).
LATER_REPEAT = ("tiếp tục tập trung chỉ đạo đẩy nhanh tiến độ giải phóng mặt bằng dự án "
                "đường tránh phía Tây thị trấn")
LATER_OTHER = "Tập trung chỉ đạo đẩy nhanh tiến độ giải ngân vốn đầu tư công năm 2025"


def test_similarity_by_hand() -> None:
    assert similarity(EARLIER[2].text or "", LATER_REPEAT) == pytest.approx(2 * 19 / (19 + 21))
    assert similarity("một hai", "một hai") == 1.0
    assert similarity("một", "một") == 0.0  # no bigram


def test_link_by_repeated_text() -> None:
    links = find_followups(EARLIER, later_clauses=[LATER_OTHER, LATER_REPEAT, "Làm tốt"])
    assert [(link.target, link.evidence) for link in links] == [("D1", Evidence.REPEATED)]
    assert links[0].later == LATER_REPEAT
    assert links[0].score >= 0.6


def test_shared_stock_words_are_not_a_repeat() -> None:
    # "tập trung chỉ đạo đẩy nhanh tiến độ giải ..." is shared, the object is not
    assert similarity(EARLIER[2].text or "", LATER_OTHER) < 0.6
    assert find_followups(EARLIER, later_clauses=[LATER_OTHER]) == []


def test_best_repeat_per_item_and_both_evidences() -> None:
    # D1 without "tập trung chỉ đạo": 16 syllables, 15 bigrams all shared with D1:
    # Dice = 2 × 15 / (19 + 15) = 0.882, below the 0.95 of LATER_REPEAT
    shorter = "Đẩy nhanh tiến độ giải phóng mặt bằng dự án đường tránh phía Tây thị trấn"
    assert similarity(EARLIER[2].text or "", shorter) == pytest.approx(30 / 34)
    links = find_followups(EARLIER, later_numbers=["839-KL/TU"], later_clauses=[shorter, LATER_REPEAT])
    repeats = [link for link in links if link.evidence is Evidence.REPEATED]
    assert len(repeats) == 1
    assert repeats[0].later == LATER_REPEAT  # the closer of the two clauses
    assert repeats[0].score == pytest.approx(0.95)
    assert {link.evidence for link in links if link.target == "D1"} == {Evidence.NUMBER, Evidence.REPEATED}


def test_similarity_threshold_comes_from_thresholds() -> None:
    loose = Thresholds(followup_min_similarity=0.4)
    links = find_followups(EARLIER, later_clauses=[LATER_OTHER], thresholds=loose)
    assert [link.target for link in links] == ["D1"]
