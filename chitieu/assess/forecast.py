"""Forecast of the share of plan at the end of the period, with the method named.

For an accumulating indicator, in the period, with achievement a (percent of plan) and
expected pace p (percent, see pace.py):

    forecast = a / p × 100

which is a / elapsed share for the linear pace ('tuyến tính': 11,9 % at mid-year → 23,8)
and a over the usual seasonal share for the seasonal one ('mùa vụ'). For a level such as
a poverty rate ('mức hiện tại') the forecast is the achievement as it stands. At the end
of the period there is nothing to forecast (None). The forecast misses when it is below
`forecast_target` (100); achievement is direction-normalized, so this holds for
lower-is-better indicators too.
"""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.assess.pace import Pace
from chitieu.assess.records import Method
from chitieu.assess.thresholds import DEFAULT, Thresholds


@dataclass(frozen=True, slots=True)
class Forecast:
    value: float  # percent of plan expected at the end of the period
    method: Method
    missed: bool


def forecast(achievement: float | None, pace: Pace | None, *, cumulative: bool = True,
             thresholds: Thresholds = DEFAULT) -> Forecast | None:
    """The period-end share for an in-period fact; None at period end or without data."""
    if achievement is None or pace is None or pace.at_end:
        return None
    if cumulative:
        value, method = achievement / pace.value * 100, pace.method
    else:
        value, method = achievement, Method.LEVEL
    return Forecast(value, method, value < thresholds.forecast_target)
