"""Expected pace: the share of the plan one should have reached by now (percent).

Linear ('tuyến tính'): the share of the plan period elapsed × 100 (6 tháng đầu năm → 50,
quý I → 25, 9 tháng → 75, năm → 100).

Seasonal ('mùa vụ'), from the same locality's and indicator's earlier years. For the
elapsed share s, take every earlier year y (before `year` when given) that has a point at
s (within `seasonal_share_tolerance`) and a known year-end share E_y > 0; with P_y the
share reached at s that year:

    seasonal pace(s) = mean over those years of (P_y / E_y) × 100, capped at seasonal_max_pace

i.e. the part of its final result the indicator usually has by that time of year (budget
revenue at 45 % of plan by mid-year and 105 % by year end → 42,86). At least
`seasonal_min_years` such years are required, otherwise the pace is linear. At the end of
the period both methods give 100.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import fmean

from chitieu.assess.records import HistoryPoint, Method
from chitieu.assess.thresholds import DEFAULT, Thresholds


@dataclass(frozen=True, slots=True)
class Pace:
    value: float  # percent of the plan expected by now
    method: Method
    years: tuple[int, ...] = ()  # the earlier years a seasonal pace rests on
    at_end: bool = False  # the period is over: nothing left to pace or forecast


def linear_pace(elapsed_share: float) -> float:
    check_share(elapsed_share)
    return elapsed_share * 100


def seasonal_ratios(elapsed_share: float, history: Iterable[HistoryPoint], *, year: int | None = None,
                    thresholds: Thresholds = DEFAULT) -> dict[int, float]:
    """Per earlier year: share reached at `elapsed_share` / share reached at year end × 100."""
    ratios: dict[int, float] = {}
    for point in sorted(history, key=lambda p: (p.year, abs(p.elapsed_share - elapsed_share))):
        if year is not None and point.year >= year:
            continue
        if point.year in ratios or point.year_end_pct is None or point.year_end_pct <= 0:
            continue
        if abs(point.elapsed_share - elapsed_share) <= thresholds.seasonal_share_tolerance:
            ratios[point.year] = point.plan_pct / point.year_end_pct * 100
    return ratios


def expected_pace(elapsed_share: float, history: Iterable[HistoryPoint] = (), *, year: int | None = None,
                  thresholds: Thresholds = DEFAULT) -> Pace:
    """Seasonal pace when enough earlier years exist, else linear."""
    check_share(elapsed_share)
    if elapsed_share >= 1:
        return Pace(100.0, Method.LINEAR, at_end=True)
    ratios = seasonal_ratios(elapsed_share, history, year=year, thresholds=thresholds)
    if len(ratios) >= thresholds.seasonal_min_years:
        value = min(fmean(ratios.values()), thresholds.seasonal_max_pace)
        if value > 0:
            return Pace(value, Method.SEASONAL, tuple(sorted(ratios)))
    return Pace(linear_pace(elapsed_share), Method.LINEAR)


def check_share(elapsed_share: float) -> None:
    if not 0 < elapsed_share <= 1:
        raise ValueError(f"elapsed share must be in (0, 1], got {elapsed_share!r}")
