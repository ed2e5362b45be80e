"""Directives and petitions as tracked tasks: the official task states and their moves.

States (the four official ones, plus one for tasks given without a deadline):

- "đang thực hiện trong hạn"     in progress, deadline not passed (today ≤ deadline)
- "đang thực hiện chưa có hạn"   in progress, no deadline stated: it can never be late
- "quá hạn chưa hoàn thành"      in progress, deadline passed
- "hoàn thành đúng hạn"          completed on or before the deadline (or with none)
- "hoàn thành quá hạn"           completed after the deadline

Allowed moves (✓ free, R needs a reason `why`, · refused):

===========================  ========  ========  ========  =========  ========
from \\ to                    trong hạn chưa hạn  quá hạn   xong đúng  xong quá
===========================  ========  ========  ========  =========  ========
đang thực hiện trong hạn     ·         R         ✓         ✓          ✓
đang thực hiện chưa có hạn   ✓         ·         ✓         ✓          ·
quá hạn chưa hoàn thành      R         R         ·         R          ✓
hoàn thành đúng hạn          R         R         R         ·          R
hoàn thành quá hạn           R         R         R         R          ·
===========================  ========  ========  ========  =========  ========

"quá hạn" → "trong hạn" is an extension (gia hạn); a completed task moved back to an
in-progress state is reopened (mở lại); between the two completed states, a correction.

A task without deadline cannot finish late (it must first get a deadline, and go through
"quá hạn"). A stored state may be stale when a completion is recorded: "trong hạn" →
"xong quá hạn" is free, and "quá hạn" → "xong đúng hạn" needs a reason (a completion dated
within the deadline, recorded late). `refresh` walks the shortest allowed path to the
state the facts call for, one history entry per move.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class TaskState(StrEnum):
    IN_TIME = "đang thực hiện trong hạn"
    NO_DEADLINE = "đang thực hiện chưa có hạn"
    OVERDUE = "quá hạn chưa hoàn thành"
    DONE_ON_TIME = "hoàn thành đúng hạn"
    DONE_LATE = "hoàn thành quá hạn"

    @property
    def done(self) -> bool:
        return self in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE)


class TrackingError(ValueError):
    """A refused move; the message is in Vietnamese, for the user."""


_FREE, _REASON = False, True
_S = TaskState
ALLOWED: dict[TaskState, dict[TaskState, bool]] = {
    _S.IN_TIME: {_S.NO_DEADLINE: _REASON, _S.OVERDUE: _FREE, _S.DONE_ON_TIME: _FREE, _S.DONE_LATE: _FREE},
    _S.NO_DEADLINE: {_S.OVERDUE: _FREE, _S.IN_TIME: _FREE, _S.DONE_ON_TIME: _FREE},
    _S.OVERDUE: {_S.IN_TIME: _REASON, _S.NO_DEADLINE: _REASON, _S.DONE_ON_TIME: _REASON,
                 _S.DONE_LATE: _FREE},
    _S.DONE_ON_TIME: {_S.IN_TIME: _REASON, _S.NO_DEADLINE: _REASON, _S.OVERDUE: _REASON,
                      _S.DONE_LATE: _REASON},
    _S.DONE_LATE: {_S.IN_TIME: _REASON, _S.NO_DEADLINE: _REASON, _S.OVERDUE: _REASON,
                   _S.DONE_ON_TIME: _REASON},
}


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    from_state: TaskState
    to_state: TaskState
    who: str
    when: datetime | date
    why: str | None = None


def initial_state(deadline: date | None, today: date) -> TaskState:
    """The state of a task just found: in progress, in time or already overdue."""
    if deadline is None:
        return TaskState.NO_DEADLINE
    return TaskState.IN_TIME if today <= deadline else TaskState.OVERDUE


def derive_state(current: TaskState | str, deadline: date | None, completed_on: date | None,
                 today: date) -> TaskState:
    """The state the facts call for today.

    Completed (`completed_on` given): on time when on or before the deadline or without
    one, late otherwise. Not completed: from the deadline and today — except that a state
    already marked completed (without a completion day) stays as it is.
    """
    current = _state(current)
    if completed_on is not None:
        late = deadline is not None and completed_on > deadline
        return TaskState.DONE_LATE if late else TaskState.DONE_ON_TIME
    if current.done:
        return current
    return initial_state(deadline, today)


def transition(item_state: TaskState | str, new_state: TaskState | str, who: str,
               when: datetime | date, why: str | None = None) -> HistoryEntry:
    """Validate one move and return its history entry; raise TrackingError when refused."""
    old, new = _state(item_state), _state(new_state)
    if not who or not who.strip():
        raise TrackingError("Thiếu người thực hiện thay đổi trạng thái.")
    if old is new:
        raise TrackingError(f"Nhiệm vụ đã ở trạng thái «{old}».")
    if new not in ALLOWED[old]:
        raise TrackingError(f"Không thể chuyển từ «{old}» sang «{new}».")
    reason = (why or "").strip() or None
    if ALLOWED[old][new] and reason is None:
        raise TrackingError(f"Chuyển từ «{old}» sang «{new}» cần nêu lý do.")
    return HistoryEntry(old, new, who.strip(), when, reason)


def refresh(current: TaskState | str, deadline: date | None, completed_on: date | None, today: date,
            who: str = "hệ thống") -> list[HistoryEntry]:
    """The automatic moves `derive_state` calls for (shortest allowed path), [] when it stands."""
    old = _state(current)
    new = derive_state(old, deadline, completed_on, today)
    if deadline is not None:
        why = f"theo hạn {deadline.day}/{deadline.month}/{deadline.year}"
    else:
        why = "theo dữ liệu hoàn thành" if completed_on is not None else "chưa có hạn"
    steps = _path(old, new)
    return [transition(a, b, who, today, why) for a, b in itertools.pairwise(steps)]


def _path(old: TaskState, new: TaskState) -> list[TaskState]:
    """Shortest chain of allowed moves from `old` to `new` (free moves first), [old] if equal."""
    paths: dict[TaskState, list[TaskState]] = {old: [old]}
    frontier = [old]
    while frontier and new not in paths:
        nxt: list[TaskState] = []
        for state in frontier:
            for target, _needs_reason in sorted(ALLOWED[state].items(), key=lambda kv: kv[1]):
                if target not in paths:
                    paths[target] = [*paths[state], target]
                    nxt.append(target)
        frontier = nxt
    return paths[new]


def _state(value: TaskState | str) -> TaskState:
    try:
        return TaskState(value)
    except ValueError:
        raise TrackingError(f"Trạng thái không hợp lệ: «{value}».") from None
