"""`assess(AssessInput) -> Assessment`: share of plan, consistency, pace, status, forecast, review."""

from __future__ import annotations

from chitieu.assess import consistency, review
from chitieu.assess.forecast import forecast
from chitieu.assess.pace import Pace, check_share, expected_pace
from chitieu.assess.records import AssessInput, Assessment, Method
from chitieu.assess.status import judge
from chitieu.assess.thresholds import DEFAULT, Thresholds


def assess(inp: AssessInput, thresholds: Thresholds = DEFAULT) -> Assessment:
    """Judge one fact.

    The achievement is the stated share when there is one (reports state it as
    achievement, also for lower-is-better indicators: "đạt 145% KH" beat the plan), else
    the share recomputed from value and plan value (direction-aware, see consistency.py).
    """
    lower = inp.lower_is_better
    recomputed, consistent = consistency.check(inp.plan_pct, inp.value, inp.plan_value,
                                               lower_is_better=lower, thresholds=thresholds)
    achievement = inp.plan_pct if inp.plan_pct is not None else recomputed
    pace = _pace(inp, thresholds)
    judged = judge(achievement, pace, cumulative=inp.is_cumulative, estimated=inp.estimated,
                   thresholds=thresholds)
    fc = forecast(achievement, pace, cumulative=inp.is_cumulative, thresholds=thresholds)
    reasons = review.needs_review(inp.confidence, inp.indicator_code, consistent, thresholds=thresholds)
    return Assessment(
        stated_pct=inp.plan_pct,
        recomputed_pct=recomputed,
        consistent=consistent,
        achievement=achievement,
        expected_pace=None if pace is None else pace.value,
        pace_method=None if pace is None else pace.method,
        pace_ratio=judged.ratio,
        status=judged.status,
        behind_pace=judged.behind_pace,
        forecast=None if fc is None else fc.value,
        forecast_method=None if fc is None else fc.method,
        forecast_missed=None if fc is None else fc.missed,
        reasons=tuple(str(r) for r in reasons),
    )


def _pace(inp: AssessInput, thresholds: Thresholds) -> Pace | None:
    if inp.elapsed_share is None:
        return None
    if not inp.is_cumulative:
        check_share(inp.elapsed_share)
        return Pace(100.0, Method.LEVEL, at_end=inp.elapsed_share >= 1)
    return expected_pace(inp.elapsed_share, inp.history, year=inp.year, thresholds=thresholds)
