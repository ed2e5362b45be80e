"""Status of a fact in the officials' words; the scheme is tabled in thresholds.py.

`achievement` is the share of plan reached, already direction-normalized (for a
lower-is-better indicator, 120 means the rate came in below its target).
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.assess.pace import Pace
from chitieu.assess.records import Status
from chitieu.assess.thresholds import DEFAULT, Thresholds


@dataclass(frozen=True, slots=True)
class Judged:
    status: Status | None
    ratio: float | None  # achievement / expected pace, in the period only
    behind_pace: bool | None  # None when no pace applies (period over or unknown)


def judge(achievement: float | None, pace: Pace | None, *, cumulative: bool = True, estimated: bool = False,
          thresholds: Thresholds = DEFAULT) -> Judged:
    """Status, pace ratio and behind-pace flag of one fact.

    `pace` is None when the period is unknown: then only "vượt kế hoạch" and "đạt" can be
    told, anything below the plan is left unjudged (status None).
    """
    if achievement is None:
        return Judged(None, None, None)
    if achievement > thresholds.met_at + thresholds.exceed_margin:
        return _reached(Status.EXCEEDED, achievement, pace, cumulative)
    if achievement >= thresholds.met_at:
        return _reached(Status.MET, achievement, pace, cumulative)
    if pace is None:
        return Judged(None, None, None)
    if pace.at_end:
        return Judged(Status.AT_RISK if estimated else Status.MISSED, None, None)
    ratio = _ratio(achievement, pace, cumulative)
    assert ratio is not None
    if ratio >= thresholds.on_pace_ratio:
        return Judged(Status.ON_PACE, ratio, False)
    if ratio >= thresholds.behind_ratio:
        return Judged(Status.BEHIND, ratio, True)
    return Judged(Status.AT_RISK, ratio, True)


def _reached(status: Status, achievement: float, pace: Pace | None, cumulative: bool) -> Judged:
    ratio = _ratio(achievement, pace, cumulative)
    return Judged(status, ratio, None if ratio is None else False)


def _ratio(achievement: float, pace: Pace | None, cumulative: bool) -> float | None:
    if pace is None or pace.at_end:
        return None
    return achievement / (pace.value if cumulative else 100.0)
