"""Expected pace: linear from the period, seasonal from the locality's earlier years."""

from __future__ import annotations

import pytest

from chitieu.assess import HistoryPoint, Method, Thresholds, expected_pace
from chitieu.assess.pace import seasonal_ratios
from chitieu.periods import parse_period


@pytest.mark.parametrize(
    ("period", "pace"),
    [("6 tháng đầu năm 2025", 50.0), ("quý I/2025", 25.0), ("9 tháng năm 2025", 75.0), ("năm 2025", 100.0)],
)
def test_linear_pace_of_a_report_period(period: str, pace: float) -> None:
    # the wiring path: the period label → chitieu.periods → elapsed share → pace
    parsed = parse_period(period)
    assert parsed is not None
    assert expected_pace(parsed.elapsed_share).value == pytest.approx(pace)


@pytest.mark.parametrize(("share", "pace"), [(0.5, 50.0), (0.25, 25.0), (0.75, 75.0), (1.0, 100.0)])
def test_linear_pace(share: float, pace: float) -> None:
    got = expected_pace(share)
    assert got.value == pytest.approx(pace)
    assert got.method is Method.LINEAR


def test_bad_elapsed_share_is_refused() -> None:
    with pytest.raises(ValueError):
        expected_pace(0)
    with pytest.raises(ValueError):
        expected_pace(1.5)


# Two earlier years of budget revenue for one district, at mid-year and at year end:
#   2022: 45 % of plan by 30/6, 105 % at year end → 45 / 105 × 100 = 42.857
#   2023: 48 % of plan by 30/6,  96 % at year end → 48 /  96 × 100 = 50.000
#   seasonal pace at mid-year = (42.857 + 50.000) / 2 = 46.429
HISTORY = (
    HistoryPoint(2022, 0.5, 45.0, 105.0),
    HistoryPoint(2022, 0.75, 70.0, 105.0),  # another time of year: not used for 0.5
    HistoryPoint(2023, 0.5, 48.0, 96.0),
    HistoryPoint(2024, 0.5, 30.0, None),  # the year being judged: never its own history
)


def test_seasonal_ratios_by_hand() -> None:
    ratios = seasonal_ratios(0.5, HISTORY, year=2024)
    assert ratios == {2022: pytest.approx(42.857, abs=1e-3), 2023: pytest.approx(50.0)}


def test_seasonal_pace_from_two_earlier_years() -> None:
    pace = expected_pace(0.5, HISTORY, year=2024)
    assert pace.method is Method.SEASONAL
    assert pace.value == pytest.approx(46.429, abs=1e-3)
    assert pace.years == (2022, 2023)


def test_one_earlier_year_falls_back_to_linear() -> None:
    one = [p for p in HISTORY if p.year != 2023]
    pace = expected_pace(0.5, one, year=2024)
    assert (pace.method, pace.value) == (Method.LINEAR, 50.0)
    # ... unless one year is declared enough
    relaxed = expected_pace(0.5, one, year=2024, thresholds=Thresholds(seasonal_min_years=1))
    assert relaxed.method is Method.SEASONAL
    assert relaxed.value == pytest.approx(42.857, abs=1e-3)


def test_year_end_unknown_or_later_years_do_not_count() -> None:
    # without `year`, 2024 is taken as history too, but its year end is unknown
    assert set(seasonal_ratios(0.5, HISTORY)) == {2022, 2023}
    assert expected_pace(0.5, HISTORY, year=2023).method is Method.LINEAR  # only 2022 before 2023


def test_points_near_the_same_time_of_year_count() -> None:
    # 0.52 is within half a month (1/24 ≈ 0.042) of 0.5; 0.6 is not
    near = (HistoryPoint(2021, 0.52, 40.0, 100.0), HistoryPoint(2022, 0.6, 55.0, 100.0),
            HistoryPoint(2023, 0.5, 44.0, 100.0))
    assert set(seasonal_ratios(0.5, near)) == {2021, 2023}


def test_seasonal_pace_is_capped() -> None:
    # a level that is usually above its year-end value by mid-year: 120/100 → capped at 100
    odd = (HistoryPoint(2022, 0.5, 120.0, 100.0), HistoryPoint(2023, 0.5, 110.0, 100.0))
    assert expected_pace(0.5, odd, year=2024).value == 100.0


def test_period_end_is_always_100() -> None:
    pace = expected_pace(1.0, HISTORY, year=2024)
    assert (pace.value, pace.method, pace.at_end) == (100.0, Method.LINEAR, True)
