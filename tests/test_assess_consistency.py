"""Share of plan: recomputed from value and plan value, checked against the stated share."""

from __future__ import annotations

import pytest

from chitieu.assess import AssessInput, Thresholds, agrees, assess, recompute_pct
from chitieu.assess.consistency import check, stated_decimals


def test_recomputed_share_of_the_issue_example() -> None:
    # 21.000 of 46.290 = 0,453661... → 45,37 %
    assert recompute_pct(21000, 46290) == pytest.approx(45.3662, abs=1e-4)


@pytest.mark.parametrize(("stated", "decimals"), [(45.4, 1), (54.0, 0), (53.59, 2), (100, 0), (7.125, 3)])
def test_decimals_as_written(stated: float, decimals: int) -> None:
    assert stated_decimals(stated) == decimals


@pytest.mark.parametrize(
    ("stated", "ok"),
    [
        (45.4, True),  # rounded to 1 decimal: |45.4 - 45.366| = 0.034 <= 0.05
        (45.37, True),  # rounded to 2 decimals
        (45.0, True),  # written as an integer: tolerance 0.5
        (45.3, True),  # cut off at 1 decimal (truncation)
        (45.5, False),  # 0.134 away, neither rounding nor truncation
        (54.0, False),  # the issue's flagged case
        (46.0, False),  # integer, 0.634 away
    ],
)
def test_stated_share_against_21000_of_46290(stated: float, ok: bool) -> None:
    _, consistent = check(stated, 21000, 46290)
    assert consistent is ok


def test_floor_tolerance_applies_to_many_decimals() -> None:
    # 2 decimals alone would allow 0.005; the floor allows 0.05
    assert agrees(45.32, 45.3662)
    assert not agrees(45.32, 45.3662, thresholds=Thresholds(consistency_floor=0.0))


def test_nothing_to_compare_is_none() -> None:
    assert check(45.4, None, 46290) == (None, None)
    assert check(None, 21000, 46290)[1] is None
    assert check(50.0, 10, 0) == (None, None)


def test_lower_is_better_recomputes_as_achievement() -> None:
    # poverty rate: plan 3 %, actual 2.5 % → 3 / 2.5 = 120 % of plan (beat it)
    assert recompute_pct(2.5, 3.0, lower_is_better=True) == pytest.approx(120.0)


def test_lower_is_better_accepts_a_share_of_the_reduction() -> None:
    # reduction planned 3 points, achieved 4.34 → 4.34 / 3 = 144.67 %, stated "đạt 145% KH"
    recomputed, ok = check(145.0, 4.34, 3.0, lower_is_better=True)
    assert recomputed == pytest.approx(69.12, abs=0.01)  # the level reading
    assert ok is True  # accepted by the reduction reading
    assert check(160.0, 4.34, 3.0, lower_is_better=True)[1] is False


def test_assess_flags_the_mismatch_and_queues_it() -> None:
    good = assess(AssessInput(value=21000, plan_value=46290, plan_pct=45.4, indicator_code="THU_NS"))
    bad = assess(AssessInput(value=21000, plan_value=46290, plan_pct=54, indicator_code="THU_NS"))
    assert good.consistent is True and good.reasons == ()
    assert bad.consistent is False
    assert bad.reasons == ("tỷ lệ % KH không khớp",)
    assert bad.recomputed_pct == pytest.approx(45.366, abs=1e-3)
    assert bad.stated_pct == 54
