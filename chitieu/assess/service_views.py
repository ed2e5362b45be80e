"""What chitieu.assess.service returns: plain frozen records with `.to_dict()` for JSON.

Dates and timestamps become ISO strings in `to_dict()`; everything else is already plain
(numbers, strings, booleans, None, lists and dicts of those).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


class _Plain:
    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class AssessRun(_Plain):
    """What one `assess_all` did: facts judged, items filled or moved, links made."""

    facts: int = 0
    items: int = 0
    links: int = 0
    moves: int = 0  # automatic state changes (each with a history entry)


@dataclass(frozen=True, slots=True)
class ScoreRow(_Plain):
    """One fact with its stored judgement (a reviewer's corrections applied on top)."""

    fact_id: int
    document_id: int
    locality: str | None
    locality_code: str | None
    province_code: str | None
    period: str | None
    period_year: int | None
    period_end: dt.date | None
    indicator: str
    indicator_code: str | None
    indicator_name: str | None
    unit: str | None
    value: float | None
    plan_value: float | None
    plan_pct: float | None
    recomputed_pct: float | None
    consistent: bool | None
    expected_pace: float | None
    pace_method: str | None
    status: str | None
    forecast_pct: float | None
    forecast_method: str | None
    forecast_missed: bool | None
    estimated: bool
    qualifier: str | None
    text: str
    span_start: int
    span_end: int
    corrected: bool = False


@dataclass(frozen=True, slots=True)
class LocalitySummary(_Plain):
    """A place at its latest period: facts by status and the tallies of targets met."""

    locality: str | None
    locality_code: str | None
    province_code: str | None
    period: str | None
    period_year: int | None
    period_end: dt.date | None
    counts: dict[str, int]
    facts: int
    judged: int
    achieved: int
    total: int
    documents: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True, slots=True)
class ProvinceSummary(_Plain):
    """A province and one period: its own facts and its districts' (and communes') together."""

    province_code: str
    province: str | None
    period: str | None
    period_year: int | None
    period_start: dt.date | None
    period_end: dt.date | None
    counts: dict[str, int]
    facts: int
    judged: int
    achieved: int
    total: int
    localities: int
    documents: int


@dataclass(frozen=True, slots=True)
class TrendPoint(_Plain):
    period: str | None
    period_end: dt.date | None
    value: float | None
    plan_pct: float | None
    status: str | None
    period_year: int | None = None
    unit: str | None = None
    fact_id: int | None = None


@dataclass(frozen=True, slots=True)
class TrackedItemView(_Plain):
    id: int
    kind: str
    text: str
    document_id: int
    span_start: int
    span_end: int
    issuer_name: str | None
    issuer_title: str | None
    issuer_body: str | None
    addressee: str | None
    deadline: dt.date | None
    status: str
    overdue: bool
    links: int
    locality: str | None
    locality_code: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class HistoryView(_Plain):
    id: int
    item_id: int
    old_status: str | None
    new_status: str
    who: str | None
    when: dt.datetime
    why: str | None


@dataclass(frozen=True, slots=True)
class LinkView(_Plain):
    """A later document's evidence that it follows up a tracked item."""

    id: int
    item_id: int
    document_id: int
    evidence: str  # 'số hiệu' | 'nội dung lặp lại'
    score: float
    text: str | None
    span_start: int | None
    span_end: int | None
    document_title: str | None
    published: dt.date | None
    locality: str | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReviewView(_Plain):
    """A fact in (or out of) the review queue: what was extracted and why it needs a look."""

    fact_id: int
    document_id: int
    locality: str | None
    period: str | None
    indicator: str
    indicator_code: str | None
    value: float | None
    unit: str | None
    plan_value: float | None
    plan_pct: float | None
    recomputed_pct: float | None
    consistent: bool | None
    status: str | None
    confidence: float
    text: str
    span_start: int
    span_end: int
    reasons: list[str]
    review_state: str
    corrections: list[dict[str, Any]] = field(default_factory=list)
