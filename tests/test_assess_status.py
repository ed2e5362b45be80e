"""Status, forecast and review of single facts, with hand-worked expectations.

Cases modelled on a district's mid-year report ("6 tháng đầu năm" → linear pace 50 %):
public-investment disbursement at 11,9 % of plan, service-sector value at 53,59 %,
budget revenue at 45,4 %.
"""

from __future__ import annotations

import pytest

from chitieu.assess import (
    AssessInput,
    Direction,
    HistoryPoint,
    Method,
    Status,
    Thresholds,
    assess,
    expected_pace,
    forecast,
    needs_review,
)

MID = 0.5


def _mid(pct: float, **kw) -> AssessInput:
    return AssessInput(plan_pct=pct, elapsed_share=MID, indicator_code="X", **kw)


def test_disbursement_far_behind_is_marked_behind_and_forecast_to_miss() -> None:
    a = assess(_mid(11.9))
    # ratio 11.9 / 50 = 0.238 < 0.9 → nguy cơ không đạt; forecast 11.9 / 0.5 = 23.8 < 100
    assert a.status is Status.AT_RISK
    assert a.behind_pace is True
    assert a.forecast == pytest.approx(23.8)
    assert a.forecast_method is Method.LINEAR
    assert a.forecast_missed is True
    assert a.expected_pace == 50.0 and a.pace_method is Method.LINEAR


def test_service_value_is_on_pace() -> None:
    a = assess(_mid(53.59))
    # ratio 53.59 / 50 = 1.0718 ≥ 1 → đúng tiến độ; forecast 107.18
    assert a.status is Status.ON_PACE
    assert a.behind_pace is False
    assert a.pace_ratio == pytest.approx(1.0718)
    assert a.forecast == pytest.approx(107.18)
    assert a.forecast_missed is False


def test_slightly_behind_is_chậm_tiến_độ() -> None:
    a = assess(_mid(45.4))
    # ratio 45.4 / 50 = 0.908: in [0.9, 1) → chậm tiến độ; forecast 90.8 misses
    assert a.status is Status.BEHIND
    assert a.behind_pace is True
    assert a.forecast == pytest.approx(90.8)
    assert a.forecast_missed is True


def test_behind_threshold_comes_from_thresholds() -> None:
    strict = Thresholds(behind_ratio=0.95)
    assert assess(_mid(45.4), strict).status is Status.AT_RISK  # 0.908 < 0.95


def test_whole_year_plan_already_exceeded_mid_year() -> None:
    a = assess(_mid(104.0))
    assert a.status is Status.EXCEEDED
    assert a.forecast == pytest.approx(208.0) and a.forecast_missed is False


def test_whole_year_plan_exactly_met_mid_year() -> None:
    assert assess(_mid(100.0)).status is Status.MET


@pytest.mark.parametrize(
    ("pct", "estimated", "status"),
    [
        (112.5, False, Status.EXCEEDED),
        (100.0, False, Status.MET),
        (100.0, True, Status.MET),
        (92.0, False, Status.MISSED),
        (92.0, True, Status.AT_RISK),  # "ước cả năm" below plan: still an estimate
    ],
)
def test_year_end_statuses(pct: float, estimated: bool, status: Status) -> None:
    a = assess(AssessInput(plan_pct=pct, elapsed_share=1.0, estimated=estimated))
    assert a.status is status
    assert a.forecast is None and a.forecast_missed is None  # nothing left to forecast
    assert a.behind_pace is None


def test_exceed_margin() -> None:
    a = assess(AssessInput(plan_pct=101.0, elapsed_share=1.0), Thresholds(exceed_margin=2.0))
    assert a.status is Status.MET  # 101 ≤ 100 + 2


@pytest.mark.parametrize(("pct", "status"), [(20.0, Status.AT_RISK), (23.0, Status.BEHIND),
                                             (25.5, Status.ON_PACE)])
def test_first_quarter(pct: float, status: Status) -> None:
    # quý I → pace 25: 20/25 = 0.8, 23/25 = 0.92, 25.5/25 = 1.02
    assert assess(AssessInput(plan_pct=pct, elapsed_share=0.25)).status is status


def test_unknown_period_judges_only_reached_plans() -> None:
    assert assess(AssessInput(plan_pct=80.0)).status is None
    assert assess(AssessInput(plan_pct=105.0)).status is Status.EXCEEDED
    assert assess(AssessInput(plan_pct=80.0)).expected_pace is None


def test_share_recomputed_when_not_stated() -> None:
    # 21.000 / 46.290 = 45.37 % at mid-year: ratio 0.907 → chậm tiến độ
    a = assess(AssessInput(value=21000, plan_value=46290, elapsed_share=MID))
    assert a.stated_pct is None and a.consistent is None
    assert a.achievement == pytest.approx(45.366, abs=1e-3)
    assert a.status is Status.BEHIND


def test_no_share_at_all_is_not_judged() -> None:
    a = assess(AssessInput(value=304.0, unit="tỷ đồng", elapsed_share=MID))
    assert (a.status, a.forecast, a.achievement) == (None, None, None)


# --- direction: lower is better (poverty rate) ---

def test_poverty_rate_below_target_is_exceeded() -> None:
    # plan: bring the rate down to 3 %; actual 2.5 % → 3 / 2.5 = 120 % of plan
    a = assess(AssessInput(value=2.5, plan_value=3.0, unit="%", direction=Direction.LOWER, elapsed_share=1.0))
    assert a.achievement == pytest.approx(120.0)
    assert a.status is Status.EXCEEDED


def test_poverty_reduction_stated_as_share_of_plan() -> None:
    # "giảm 4,34 %, đạt 145 % KH": the stated share is already an achievement
    a = assess(AssessInput(value=4.34, plan_value=3.0, plan_pct=145.0, direction="lower", elapsed_share=1.0))
    assert a.status is Status.EXCEEDED
    assert a.consistent is True


def test_poverty_rate_above_target_at_year_end_is_missed() -> None:
    # plan 3 %, actual 3.6 % → 3 / 3.6 = 83.3 %
    a = assess(AssessInput(value=3.6, plan_value=3.0, direction="lower", elapsed_share=1.0))
    assert a.achievement == pytest.approx(83.333, abs=1e-3)
    assert a.status is Status.MISSED


@pytest.mark.parametrize(("rate", "status"), [(3.1, Status.BEHIND), (3.5, Status.AT_RISK),
                                              (3.0, Status.MET)])
def test_poverty_rate_mid_year_is_a_level_without_pace(rate: float, status: Status) -> None:
    # a rate is not cumulated over the year: it is compared with its target as it stands
    # 3 / 3.1 = 96.8 % → ratio 0.968 (chậm); 3 / 3.5 = 85.7 % → 0.857 (nguy cơ)
    a = assess(AssessInput(value=rate, plan_value=3.0, direction="lower", elapsed_share=MID))
    assert a.status is status
    assert a.pace_method is Method.LEVEL
    if status is not Status.MET:
        assert a.forecast == pytest.approx(300 / rate)
        assert a.forecast_method is Method.LEVEL
        assert a.forecast_missed is True


def test_accumulates_can_be_overridden() -> None:
    # a higher-is-better coverage rate (not cumulative): 95 % of target mid-year is 0.95
    a = assess(AssessInput(plan_pct=95.0, elapsed_share=MID, accumulates=False))
    assert a.status is Status.BEHIND
    # the same figure, cumulated, would be far ahead of a 50 % pace
    assert assess(AssessInput(plan_pct=95.0, elapsed_share=MID)).status is Status.ON_PACE


def test_unknown_direction_is_refused() -> None:
    with pytest.raises(ValueError):
        assess(AssessInput(plan_pct=50.0, direction="sideways"))


# --- seasonal pace in the judgement ---

# 2022: 45 → 105 (42.857); 2023: 48 → 96 (50.0); pace at mid-year 46.429 (see test_assess_pace)
HISTORY = (HistoryPoint(2022, 0.5, 45.0, 105.0), HistoryPoint(2023, 0.5, 48.0, 96.0))


def test_seasonal_pace_changes_the_verdict() -> None:
    seasonal = assess(_mid(47.0, history=HISTORY, year=2024))
    # 47 / 46.429 = 1.0123 → on pace; forecast 47 / 46.429 × 100 = 101.23
    assert seasonal.pace_method is Method.SEASONAL
    assert seasonal.status is Status.ON_PACE
    assert seasonal.forecast == pytest.approx(101.23, abs=0.01)
    assert seasonal.forecast_method is Method.SEASONAL
    assert seasonal.forecast_missed is False
    linear = assess(_mid(47.0))
    # 47 / 50 = 0.94 → behind; forecast 94
    assert linear.status is Status.BEHIND
    assert linear.forecast == pytest.approx(94.0) and linear.forecast_missed is True


def test_forecast_function() -> None:
    pace = expected_pace(0.75)
    fc = forecast(60.0, pace)
    assert fc is not None
    assert (fc.value, fc.method, fc.missed) == (pytest.approx(80.0), Method.LINEAR, True)
    assert forecast(60.0, expected_pace(1.0)) is None
    assert forecast(None, pace) is None


# --- review queue ---

@pytest.mark.parametrize(
    ("confidence", "code", "consistent", "reasons"),
    [
        (0.95, "THU_NS", True, []),
        (0.5, "THU_NS", None, ["độ tin cậy thấp"]),
        (0.95, None, None, ["chưa gắn mã chỉ tiêu"]),
        (0.95, " ", None, ["chưa gắn mã chỉ tiêu"]),
        (0.3, None, False, ["độ tin cậy thấp", "chưa gắn mã chỉ tiêu", "tỷ lệ % KH không khớp"]),
        (0.7, "THU_NS", True, []),  # exactly at the threshold is not low
    ],
)
def test_needs_review(confidence: float, code: str | None, consistent: bool | None,
                      reasons: list[str]) -> None:
    assert [str(r) for r in needs_review(confidence, code, consistent)] == reasons


def test_review_threshold_comes_from_thresholds() -> None:
    assert needs_review(0.8, "X", None, thresholds=Thresholds(review_confidence_below=0.9))


def test_assessment_to_dict_is_plain() -> None:
    d = assess(_mid(11.9)).to_dict()
    assert d["status"] == "nguy cơ không đạt" and type(d["status"]) is str
    assert d["pace_method"] == "tuyến tính" and d["forecast_missed"] is True
    assert d["reasons"] == []
