"""Input and output records of the judgement: plain data, no I/O.

The lead builds an `AssessInput` from a stored fact row (plus the catalogue's direction
for its indicator and the stored history of the same locality and indicator) and gets
an `Assessment` back from `chitieu.assess.assess`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Direction(StrEnum):
    """Which way is better for an indicator (from the catalogue)."""

    HIGHER = "higher"  # revenue, output, disbursement: more is better
    LOWER = "lower"  # poverty rate, accidents: less is better


class Status(StrEnum):
    """A fact's status, in the words officials use."""

    EXCEEDED = "vượt kế hoạch"
    MET = "đạt"
    ON_PACE = "đúng tiến độ"
    BEHIND = "chậm tiến độ"
    AT_RISK = "nguy cơ không đạt"
    MISSED = "không đạt"  # only at the end of the period, for a final (not estimated) figure


class Method(StrEnum):
    """How an expected pace or a forecast was obtained."""

    LINEAR = "tuyến tính"  # share of the period elapsed
    SEASONAL = "mùa vụ"  # the locality's own earlier years
    LEVEL = "mức hiện tại"  # a level (rate) compared as it stands, no pace


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One earlier observation of the same locality and indicator.

    `plan_pct` is the share of plan reached at `elapsed_share` of that year;
    `year_end_pct` the share reached at the end of that year, when known.
    """

    year: int
    elapsed_share: float
    plan_pct: float
    year_end_pct: float | None = None


@dataclass(frozen=True, slots=True)
class AssessInput:
    """One fact to judge.

    `elapsed_share` is the share of the plan period elapsed (0.5 for "6 tháng đầu năm",
    1.0 for a year report; None when the period is unknown). `accumulates` says whether
    the amount builds up over the period (revenue, disbursement, output); None means
    "higher is better → accumulates, lower is better → a level such as a rate".
    """

    value: float | None = None
    plan_value: float | None = None
    plan_pct: float | None = None
    change_pct: float | None = None
    unit: str | None = None
    direction: Direction | str = Direction.HIGHER
    elapsed_share: float | None = None
    history: tuple[HistoryPoint, ...] = ()
    year: int | None = None
    estimated: bool = False
    accumulates: bool | None = None
    confidence: float = 1.0
    indicator_code: str | None = None

    def __post_init__(self) -> None:
        Direction(self.direction)  # refuse an unknown direction early

    @property
    def lower_is_better(self) -> bool:
        return Direction(self.direction) is Direction.LOWER

    @property
    def is_cumulative(self) -> bool:
        if self.accumulates is not None:
            return self.accumulates
        return not self.lower_is_better


@dataclass(frozen=True, slots=True)
class Assessment:
    """The judgement of one fact.

    `achievement` is the share of plan used for the status (stated share first, else the
    recomputed one; direction-normalized). `behind_pace` is True for an in-period fact below
    the expected pace, `forecast_missed` for one whose forecast falls short of the plan: a
    report marks both when both hold.
    """

    stated_pct: float | None
    recomputed_pct: float | None
    consistent: bool | None
    achievement: float | None
    expected_pace: float | None
    pace_method: Method | None
    pace_ratio: float | None
    status: Status | None
    behind_pace: bool | None
    forecast: float | None
    forecast_method: Method | None
    forecast_missed: bool | None
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict; enums become their Vietnamese (or method) strings."""
        out = asdict(self)
        for key, val in out.items():
            if isinstance(val, StrEnum):
                out[key] = str(val)
        out["reasons"] = list(self.reasons)
        return out
