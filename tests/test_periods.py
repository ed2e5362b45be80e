"""Reporting periods: phrases → kind, year, start, end and the share of the plan year elapsed."""

from __future__ import annotations

from datetime import date

import pytest

from chitieu.extract import lexicon
from chitieu.periods import parse_period

D = date
TABLE = [
    # label, published, kind, year, start, end, elapsed_share, length_share
    ("6 tháng đầu năm 2024", None, "half", 2024, D(2024, 1, 1), D(2024, 6, 30), 0.5, 0.5),
    ("6 tháng cuối năm", "2024-06-17", "half", 2024, D(2024, 7, 1), D(2024, 12, 31), 1.0, 0.5),
    ("quý I/2023", None, "quarter", 2023, D(2023, 1, 1), D(2023, 3, 31), 0.25, 0.25),
    ("quý 2 năm 2022", None, "quarter", 2022, D(2022, 4, 1), D(2022, 6, 30), 0.5, 0.25),
    ("Quý III năm 2021", None, "quarter", 2021, D(2021, 7, 1), D(2021, 9, 30), 0.75, 0.25),
    ("quý IV/2020", None, "quarter", 2020, D(2020, 10, 1), D(2020, 12, 31), 1.0, 0.25),
    ("9 tháng đầu năm 2019", None, "nine_months", 2019, D(2019, 1, 1), D(2019, 9, 30), 0.75, 0.75),
    ("9 tháng năm 2023", None, "nine_months", 2023, D(2023, 1, 1), D(2023, 9, 30), 0.75, 0.75),
    ("năm 2020", None, "year", 2020, D(2020, 1, 1), D(2020, 12, 31), 1.0, 1.0),
    ("cả năm", "2023-12-20", "year", 2023, D(2023, 1, 1), D(2023, 12, 31), 1.0, 1.0),
    ("nhiệm kỳ 2020 - 2025", None, "term", 2025, D(2021, 1, 1), D(2025, 12, 31), 1.0, 5.0),
    ("giai đoạn 2021–2025", None, "term", 2025, D(2021, 1, 1), D(2025, 12, 31), 1.0, 5.0),
    ("tháng 10/2023", None, "month", 2023, D(2023, 10, 1), D(2023, 10, 31), 0.8333, 0.0833),
    ("tháng 3 năm 2021", None, "month", 2021, D(2021, 3, 1), D(2021, 3, 31), 0.25, 0.0833),
    ("10 tháng", "2022-11-02", "months", 2022, D(2022, 1, 1), D(2022, 10, 31), 0.8333, 0.8333),
    ("sáu tháng đầu năm 2018", None, "half", 2018, D(2018, 1, 1), D(2018, 6, 30), 0.5, 0.5),
    ("3 tháng đầu năm 2021", None, "quarter", 2021, D(2021, 1, 1), D(2021, 3, 31), 0.25, 0.25),
    ("6 tháng đầu năm", "2024-06-17", "half", 2024, D(2024, 1, 1), D(2024, 6, 30), 0.5, 0.5),
    ("báo cáo kết quả 9 tháng đầu năm 2022 của huyện", None, "nine_months", 2022, D(2022, 1, 1),
     D(2022, 9, 30), 0.75, 0.75),
]


@pytest.mark.parametrize(("label", "published", "kind", "year", "start", "end", "elapsed", "length"), TABLE)
def test_period_table(label, published, kind, year, start, end, elapsed, length) -> None:
    p = parse_period(label, published)
    assert p is not None
    assert (p.kind, p.year, p.start, p.end) == (kind, year, start, end)
    assert p.elapsed_share == pytest.approx(elapsed, abs=1e-3)
    assert p.length_share == pytest.approx(length, abs=1e-3)
    assert p.plan_year == year and p.fraction_of_year == p.elapsed_share


def test_label_is_the_phrase_as_written() -> None:
    assert parse_period("báo cáo kết quả 9 tháng đầu năm 2022 của huyện").label == "9 tháng đầu năm 2022"
    assert parse_period("quý I/2023").label == "quý I/2023"


def test_year_from_text_when_no_label_year_and_no_published() -> None:
    text = "So với cùng kỳ năm 2022, kết quả năm 2023 khả quan; kế hoạch năm 2023 đề ra ..."
    p = parse_period("6 tháng đầu năm", None, text)
    assert p is not None and p.year == 2023


def test_no_year_anywhere_gives_none() -> None:
    assert parse_period("6 tháng đầu năm") is None
    assert parse_period(None) is None
    assert parse_period("") is None
    assert parse_period("hội nghị thường kỳ") is None


def test_term_elapsed_at_publication() -> None:
    p = parse_period("nhiệm kỳ 2020 - 2025", "2023-01-01")
    assert p.kind == "term" and p.first_year == 2021
    assert p.elapsed_share == pytest.approx(2 / 5, abs=0.01)


def test_invalid_numbers_are_not_periods() -> None:
    assert parse_period("quý 5/2023") is None
    assert parse_period("tháng 13/2023") is None
    assert parse_period("nhiệm kỳ 2025 - 2020") is None


def test_period_terms_file_has_known_keys() -> None:
    data = lexicon.load("period_terms")
    assert set(data) == {"number_words", "roman", "words"}
    assert set(data["words"]) == {"month", "quarter", "year", "first_part", "last_part", "whole_year",
                                  "term", "congress_term"}
    assert sorted(data["roman"].values()) == [1, 2, 3, 4]
    assert set(data["words"]["congress_term"]) <= set(data["words"]["term"])
