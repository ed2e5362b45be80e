"""Stored facts → `fact_status` rows: share of plan, consistency, pace, status, forecast.

For each fact an `AssessInput` is built from its row, with a reviewer's corrections
applied on top (later corrections win, field by field):

- elapsed share of the period: `chitieu.periods.parse_period(documents.period,
  documents.published)` — the same function the store used to fill the period columns at
  ingest, so the label, the stored dates and the pace can never disagree. A label without
  a year and no published date is read with the stored `period_year`.
- direction: the store's `indicators` table (a user catalogue) first, else
  `chitieu.catalogue.direction(code)`, else "higher".
- seasonal history: every other fact of the same locality_code and indicator_code, as
  (year, elapsed share, share of plan) points, with that year's year-end share when a
  year report exists. Term periods ("nhiệm kỳ") are neither history nor given any.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from chitieu import catalogue
from chitieu.assess import DEFAULT, AssessInput, Direction, HistoryPoint, Thresholds, assess, recompute_pct
from chitieu.periods import Period, parse_period
from chitieu.store import repo_assess as repo

# Fields a reviewer may correct, with the type each value must have.
CORRECTABLE: dict[str, type] = {
    "indicator": str, "indicator_code": str, "value": float, "unit": str, "plan_value": float,
    "plan_pct": float, "change_pct": float, "estimated": bool, "qualifier": str,
}
_AT_END = 1 - 1e-9


@lru_cache(maxsize=8192)
def period_of(label: str | None, published: dt.date | None, year: int | None) -> Period | None:
    """The period of a document, read from its stored label (see the module docstring)."""
    iso = published.isoformat() if published else None
    return parse_period(label, iso, text=str(year) if year else "")


def elapsed_share(period: Period | None) -> float | None:
    """The share of the plan year elapsed at the period's end; None when unusable."""
    if period is None or not 0 < period.elapsed_share <= 1:
        return None
    return period.elapsed_share


class Directions:
    """Which way is better per indicator code: the stored catalogue, then the built-in one."""

    def __init__(self, stored: dict[str, tuple[str, str | None]]) -> None:
        self._stored = stored

    def __call__(self, code: str | None) -> Direction:
        if not code:
            return Direction.HIGHER
        found = self._stored.get(code, (None, None))[0] or catalogue.direction(code)
        return Direction.LOWER if found == Direction.LOWER else Direction.HIGHER

    def name(self, code: str | None) -> str | None:
        if not code:
            return None
        stored = self._stored.get(code, (None, None))[1]
        if stored:
            return stored
        found = catalogue.default_catalogue().get(code)
        return found.name if found else None


def corrected(row: Any, changes: Sequence[dict[str, Any]] = ()) -> Mapping[str, Any]:
    """The fact record as a mapping, with corrections applied in order."""
    if not any(changes):
        return row._mapping if hasattr(row, "_mapping") else row
    record = row._asdict() if hasattr(row, "_asdict") else dict(row)
    for change in changes:
        record.update({k: v for k, v in change.items() if k in CORRECTABLE})
    return record


def assess_facts(session: Session, document_ids: Sequence[int] | None, *, now: dt.datetime,
                 thresholds: Thresholds = DEFAULT) -> int:
    """(Re)compute fact_status for the facts of `document_ids` (all when None) and for the
    facts of the same (locality, indicator) pairs in later years, whose seasonal history
    they change; returns the number of facts judged."""
    if document_ids is None:
        rows = repo.all_facts(session)
        targets, fact_ids = {r.id for r in rows}, None
    else:
        own = repo.facts_of_documents(session, document_ids)
        first_year: dict[tuple[str, str], int] = {}
        for r in own:
            if r.locality_code and r.indicator_code and r.period_year is not None:
                key = (r.locality_code, r.indicator_code)
                first_year[key] = min(first_year.get(key, r.period_year), r.period_year)
        same_pairs = repo.facts_of_pairs(session, first_year) if first_year else []
        rows = list({r.id: r for r in [*own, *same_pairs]}.values())
        targets = {r.id for r in own} | {
            r.id for r in same_pairs
            if r.period_year is not None and r.period_year > first_year[(r.locality_code, r.indicator_code)]}
        fact_ids = sorted(targets)
    fixes = repo.corrections(session, [r.id for r in rows] if fact_ids is not None else None)
    records = sorted((corrected(r, fixes.get(r.id, ())) for r in rows), key=lambda r: r["id"])
    directions = Directions(repo.indicator_rows(session))
    history = History(build_history(records, directions), thresholds)
    out = [status_row(rec, directions, history, now, thresholds) for rec in records if rec["id"] in targets]
    repo.replace_fact_status(session, out, fact_ids)
    return len(out)


class History:
    """The history points a fact may use: earlier years, about the same time of year.

    `expected_pace` filters the same way; handing it only these points (cached per pair,
    year and share) keeps a large store from sorting every pair's whole history per fact.
    """

    def __init__(self, points: dict[tuple[str, str], tuple[HistoryPoint, ...]],
                 thresholds: Thresholds = DEFAULT) -> None:
        self._points, self._tolerance = points, thresholds.seasonal_share_tolerance
        self._cache: dict[tuple[tuple[str, str], int | None, float], tuple[HistoryPoint, ...]] = {}

    def near(self, key: tuple[str, str], year: int | None, share: float | None) -> tuple[HistoryPoint, ...]:
        if share is None or key not in self._points:
            return ()
        cache_key = (key, year, share)
        if cache_key not in self._cache:
            self._cache[cache_key] = tuple(
                p for p in self._points[key]
                if (year is None or p.year < year) and abs(p.elapsed_share - share) <= self._tolerance + 1e-9)
        return self._cache[cache_key]


def build_history(records: Iterable[Mapping[str, Any]], directions: Directions
                  ) -> dict[tuple[str, str], tuple[HistoryPoint, ...]]:
    """(locality_code, indicator_code) → the history points of that pair."""
    shares: dict[tuple[str, str], dict[int, dict[float, float]]] = defaultdict(lambda: defaultdict(dict))
    for rec in records:
        key = (rec["locality_code"], rec["indicator_code"])
        period = period_of(rec["period"], rec["published"], rec["period_year"])
        share = elapsed_share(period)
        pct = achievement(rec, directions(rec["indicator_code"]))
        if not all(key) or period is None or period.kind == "term" or share is None or pct is None:
            continue
        shares[key][period.year][round(share, 4)] = pct  # records are in id order: the latest wins
    return {key: _points(years) for key, years in shares.items()}


def _points(years: dict[int, dict[float, float]]) -> tuple[HistoryPoint, ...]:
    points: list[HistoryPoint] = []
    for year, by_share in sorted(years.items()):
        year_end = next((pct for share, pct in by_share.items() if share >= _AT_END), None)
        points.extend(HistoryPoint(year, share, pct, year_end)
                      for share, pct in sorted(by_share.items()) if share < _AT_END)
    return tuple(points)


def achievement(rec: Mapping[str, Any], direction: Direction) -> float | None:
    """The share of plan a fact reached: stated, else recomputed (direction-aware)."""
    if rec["plan_pct"] is not None:
        return float(rec["plan_pct"])
    return recompute_pct(rec["value"], rec["plan_value"], lower_is_better=direction is Direction.LOWER)


def assess_input(rec: Mapping[str, Any], directions: Directions, history: History) -> AssessInput:
    period = period_of(rec["period"], rec["published"], rec["period_year"])
    share = elapsed_share(period)
    year = period.year if period else rec["period_year"]
    seasonal = period is not None and period.kind != "term"
    return AssessInput(
        value=_float(rec["value"]), plan_value=_float(rec["plan_value"]), plan_pct=_float(rec["plan_pct"]),
        change_pct=_float(rec["change_pct"]), unit=rec["unit"], direction=directions(rec["indicator_code"]),
        elapsed_share=share,
        history=history.near((rec["locality_code"], rec["indicator_code"]), year, share) if seasonal else (),
        year=year, estimated=bool(rec["estimated"]),
        confidence=1.0 if rec["confidence"] is None else float(rec["confidence"]),
        indicator_code=rec["indicator_code"],
    )


def status_row(rec: Mapping[str, Any], directions: Directions, history: History, now: dt.datetime,
               thresholds: Thresholds = DEFAULT) -> dict[str, Any]:
    """The fact_status row of one fact record."""
    got = assess(assess_input(rec, directions, history), thresholds)
    return {
        "fact_id": rec["id"], "stated_pct": got.stated_pct, "recomputed_pct": got.recomputed_pct,
        "consistent": got.consistent, "expected_pace": got.expected_pace,
        "pace_method": _str(got.pace_method), "status": _str(got.status), "forecast_pct": got.forecast,
        "forecast_method": _str(got.forecast_method), "forecast_missed": got.forecast_missed,
        "reasons": list(got.reasons), "assessed_at": now,
    }


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _str(value: Any) -> str | None:
    return None if value is None else str(value)
