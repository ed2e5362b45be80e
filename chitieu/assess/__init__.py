"""The judgement: stored rows → share of plan, pace, status, forecast, task states.

Pure functions, no database and no I/O beyond the language data under chitieu/data.
Every threshold lives in `thresholds.py` (`Thresholds`, `DEFAULT`).

Facts: build an `AssessInput` per fact and call `assess()` → `Assessment`.
The elapsed share of a report period comes from `chitieu.periods.parse_period(label).elapsed_share`.
Directives and petitions: `initial_state`, `derive_state`, `transition`, `refresh`
(tracking.py); `parse_deadline` (deadline.py); `task_hints` (hints.py).
Follow-ups: `find_followups` (followup.py). Roll-ups: `roll_up`, `roll_up_to_provinces`.
"""

from __future__ import annotations

from chitieu.assess.consistency import agrees, recompute_pct
from chitieu.assess.deadline import Deadline, find_deadline, parse_deadline
from chitieu.assess.followup import Earlier, Evidence, Link, find_followups, number_key, similarity
from chitieu.assess.forecast import Forecast, forecast
from chitieu.assess.hints import TaskHints, addressee, issuer, task_hints
from chitieu.assess.judge import assess
from chitieu.assess.pace import Pace, expected_pace, linear_pace
from chitieu.assess.records import AssessInput, Assessment, Direction, HistoryPoint, Method, Status
from chitieu.assess.review import Reason, needs_review
from chitieu.assess.rollup import (
    AssessedItem,
    RollUp,
    count_by_status,
    roll_up,
    roll_up_to_provinces,
    sum_tallies,
)
from chitieu.assess.thresholds import DEFAULT, Thresholds
from chitieu.assess.tracking import (
    HistoryEntry,
    TaskState,
    TrackingError,
    derive_state,
    initial_state,
    refresh,
    transition,
)

__all__ = [
    "DEFAULT",
    "AssessInput",
    "AssessedItem",
    "Assessment",
    "Deadline",
    "Direction",
    "Earlier",
    "Evidence",
    "Forecast",
    "HistoryEntry",
    "HistoryPoint",
    "Link",
    "Method",
    "Pace",
    "Reason",
    "RollUp",
    "Status",
    "TaskHints",
    "TaskState",
    "Thresholds",
    "TrackingError",
    "addressee",
    "agrees",
    "assess",
    "count_by_status",
    "derive_state",
    "expected_pace",
    "find_deadline",
    "find_followups",
    "forecast",
    "initial_state",
    "issuer",
    "linear_pace",
    "needs_review",
    "number_key",
    "parse_deadline",
    "recompute_pct",
    "refresh",
    "roll_up",
    "roll_up_to_provinces",
    "similarity",
    "sum_tallies",
    "task_hints",
    "transition",
]
