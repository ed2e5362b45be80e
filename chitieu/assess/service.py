"""The single place where stored rows become judgements (CLI, web, exports).

Contract: /work/notes/service-contract.md. Functions take a SQLAlchemy `Session` from
`store.reading()` / `store.transaction()`; the SQL lives in chitieu.store.repo_assess,
the judgement in the pure functions of chitieu.assess. Judgements are stored in
`fact_status` by `assess_all` so that pages read them with SQL.

Write side: `assess_all`, `set_status`, `accept_fact`, `correct_fact`.
Read side: `scoreboard`, `status_counts`, `overview`, `province_rollup`, `indicator_ranking`,
`trend`, `forecast_misses`, `tracked_items`, `item_history`, `item_links`, `review_queue`.
"Today" is injectable everywhere it matters (`today=`); it defaults to the local date.

Errors: `TrackingError` (refused state change, Vietnamese message), `ItemNotFound`
(also a TrackingError and a LookupError), `FactNotFound` (LookupError), `ReviewError`
(ValueError: a correction naming an unknown field or a value of the wrong type).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from chitieu.assess import DEFAULT, Direction, TaskState, Thresholds, TrackingError, transition
from chitieu.assess.service_facts import CORRECTABLE, Directions, assess_facts, corrected
from chitieu.assess.service_links import link_followups
from chitieu.assess.service_tasks import fill_items, is_overdue, moment, refresh_items
from chitieu.assess.service_views import (
    AssessRun,
    HistoryView,
    LinkView,
    LocalitySummary,
    ProvinceSummary,
    ReviewView,
    ScoreRow,
    TrackedItemView,
    TrendPoint,
)
from chitieu.periods import parse_period
from chitieu.store import repo_assess as repo
from chitieu.store.models import StatusHistoryRow

__all__ = [
    "AssessRun", "FactNotFound", "HistoryView", "ItemNotFound", "LinkView", "LocalitySummary",
    "ProvinceSummary", "ReviewError", "ReviewView", "ScoreRow", "TrackedItemView", "TrackingError",
    "TrendPoint", "accept_fact", "assess_all", "assess_ingested_since", "correct_fact", "forecast_misses",
    "forecasts", "indicator_ranking", "item_history", "item_links", "locality_codes", "overview",
    "province_rollup", "review_queue", "scoreboard", "set_status", "status_counts", "tracked_items", "trend",
]

REVIEW_ACCEPTED, REVIEW_CORRECTED = "accepted", "corrected"


class ItemNotFound(TrackingError, LookupError):
    """No tracked item with that id."""


class FactNotFound(LookupError):
    """No fact with that id."""


class ReviewError(ValueError):
    """A correction that cannot be stored (unknown field, wrong type)."""


# --- write side ----------------------------------------------------------------------------

def assess_all(session: Session, *, document_ids: Sequence[int] | None = None, today: dt.date | None = None,
               thresholds: Thresholds = DEFAULT) -> AssessRun:
    """Judge the facts of `document_ids` (all when None) and of every fact sharing their
    (locality, indicator); fill in new tracked items and move overdue ones; link follow-ups."""
    today = today or dt.date.today()
    now = moment(today)
    ids = None if document_ids is None else sorted(set(document_ids))
    facts = assess_facts(session, ids, now=now, thresholds=thresholds)
    items = fill_items(session, ids, today, now)
    moves = refresh_items(session, today, now)
    links = link_followups(session, ids, now, thresholds)
    return AssessRun(facts=facts, items=items, links=links, moves=moves)


def assess_ingested_since(session: Session, since: dt.datetime, *, today: dt.date | None = None) -> AssessRun:
    """`assess_all` for the documents ingested at or after `since` (what `chitieu ingest` calls)."""
    ids = repo.documents_ingested_since(session, since)
    return assess_all(session, document_ids=ids, today=today) if ids else AssessRun()


def set_status(session: Session, item_id: int, new_status: str, *, who: str, why: str | None,
               when: dt.datetime | dt.date | None = None, deadline: dt.date | None = None) -> TrackedItemView:
    """Move a tracked item to `new_status` (validated; history appended).

    `deadline` sets a new deadline with the move (an extension, "gia hạn").
    Raises TrackingError (ItemNotFound when there is no such item).
    """
    row = repo.item_row(session, item_id)
    if row is None:
        raise ItemNotFound(f"Không có nhiệm vụ số {item_id}.")
    stamp = _when(when)
    if row.status_changed_at is None:  # never processed: fill it in first
        fill_items(session, [row.document_id], stamp.date(), stamp)
        session.refresh(row)
    entry = transition(row.status, new_status, who, stamp, why)
    row.status, row.status_changed_at = str(entry.to_state), stamp
    if deadline is not None:
        row.deadline = deadline
    session.add(StatusHistoryRow(item_id=item_id, old_status=str(entry.from_state),
                                 new_status=str(entry.to_state), who=entry.who, changed_at=stamp,
                                 why=entry.why))
    session.flush()
    return _item_views(session, repo.ItemQuery(item_id=item_id), stamp.date(), 1, 0)[0]


def _when(when: dt.datetime | dt.date | None) -> dt.datetime:
    if when is None:
        return dt.datetime.now(dt.UTC)
    if isinstance(when, dt.datetime):
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    return moment(when)


def accept_fact(session: Session, fact_id: int, *, reviewer: str, note: str | None = None) -> ReviewView:
    """A reviewer accepts a fact as extracted (recorded as a correction without changes)."""
    if not repo.set_review_state(session, fact_id, REVIEW_ACCEPTED):
        raise FactNotFound(f"Không có số liệu số {fact_id}.")
    repo.add_correction(session, fact_id, {}, reviewer=reviewer, note=note, when=dt.datetime.now(dt.UTC))
    return _review_view(session, fact_id)


def correct_fact(session: Session, fact_id: int, changes: dict[str, Any], *, reviewer: str,
                 note: str | None = None, today: dt.date | None = None) -> ReviewView:
    """Store a reviewer's correction beside the fact (the fact row is never changed) and
    judge the fact again with it. A corrected `indicator` without a code gets the catalogue's."""
    clean = _checked(changes)
    document_id = repo.fact_document(session, fact_id)
    if document_id is None:
        raise FactNotFound(f"Không có số liệu số {fact_id}.")
    if "indicator" in clean and "indicator_code" not in clean:
        from chitieu.catalogue import match_indicator

        clean["indicator_code"] = match_indicator(clean["indicator"])
    repo.add_correction(session, fact_id, clean, reviewer=reviewer, note=note, when=dt.datetime.now(dt.UTC))
    repo.set_review_state(session, fact_id, REVIEW_CORRECTED)
    assess_facts(session, [document_id], now=moment(today))
    return _review_view(session, fact_id)


def _checked(changes: dict[str, Any]) -> dict[str, Any]:
    if not changes:
        raise ReviewError("Chưa nêu trường nào cần sửa.")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        kind = CORRECTABLE.get(name)
        if kind is None:
            fields = ", ".join(CORRECTABLE)
            raise ReviewError(f"Không sửa được trường «{name}»; các trường sửa được: {fields}.")
        out[name] = _typed(name, value, kind)
    return out


def _typed(name: str, value: Any, kind: type) -> Any:
    if value is None or (kind is str and isinstance(value, str)):
        return value
    if kind is bool and isinstance(value, bool):
        return value
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise ReviewError(f"Giá trị của «{name}» phải là {_KIND_WORDS[kind]}.")


_KIND_WORDS = {str: "chữ", float: "số", bool: "đúng/sai"}


# --- read side: facts ------------------------------------------------------------------------

def period_filter(period: str | None) -> repo.PeriodFilter | None:
    """A period as written ("6 tháng đầu năm 2024", "quý I/2025", "2024") → a filter."""
    if period is None or not period.strip():
        return None
    text = period.strip()
    if text.isdigit() and len(text) == 4:
        return repo.PeriodFilter(year=int(text))
    found = parse_period(text)
    if found is None:
        return repo.PeriodFilter(label=text)
    return repo.PeriodFilter(start=found.start, end=found.end)


def _score_query(**kw: Any) -> repo.ScoreQuery:
    kw["period"] = period_filter(kw.get("period"))
    return repo.ScoreQuery(**kw)


def scoreboard(session: Session, *, locality_code: str | None = None, period: str | None = None,
               indicator_code: str | None = None, status: str | None = None, document_id: int | None = None,
               locality: str | None = None, judged_only: bool = False, limit: int | None = 200,
               offset: int = 0) -> list[ScoreRow]:
    """Facts with their judgements, the latest period first."""
    query = _score_query(locality_code=locality_code, period=period, indicator_code=indicator_code,
                         status=status, document_id=document_id, locality=locality, judged_only=judged_only)
    return _score_rows(session, repo.scores(session, query, limit=limit, offset=offset))


def status_counts(session: Session, *, locality_code: str | None = None, period: str | None = None,
                  locality: str | None = None, document_id: int | None = None) -> dict[str, int]:
    """status → number of facts in the selection ("" for facts without a status)."""
    query = _score_query(locality_code=locality_code, period=period, locality=locality,
                         document_id=document_id)
    return {status or "": n for status, n in repo.status_counts(session, query).items()}


def forecast_misses(session: Session, *, locality_code: str | None = None, period: str | None = None,
                    locality: str | None = None, limit: int | None = 200, offset: int = 0) -> list[ScoreRow]:
    """In-period facts whose forecast share at period end falls short of the plan."""
    query = _score_query(locality_code=locality_code, period=period, locality=locality, forecast_missed=True)
    return _score_rows(session, repo.scores(session, query, limit=limit, offset=offset))


def forecasts(session: Session, *, locality_code: str | None = None, period: str | None = None,
              locality: str | None = None, limit: int | None = 200, offset: int = 0) -> list[ScoreRow]:
    """Every in-period fact with a forecast (met or missed)."""
    query = _score_query(locality_code=locality_code, period=period, locality=locality, forecast_only=True)
    return _score_rows(session, repo.scores(session, query, limit=limit, offset=offset))


def indicator_ranking(session: Session, indicator_code: str, *, period: str | None = None,
                      limit: int | None = 200, offset: int = 0) -> list[ScoreRow]:
    """Facts of one indicator, best first: highest share of plan (direction-normalized),
    then, without a share, by value (lowest first for a lower-is-better indicator)."""
    lower = Directions(repo.indicator_rows(session))(indicator_code) is Direction.LOWER
    query = _score_query(indicator_code=indicator_code, period=period)
    return _score_rows(session, repo.ranked_scores(session, query, lower_is_better=lower, limit=limit,
                                                   offset=offset))


def trend(session: Session, locality_code: str, indicator_code: str) -> list[TrendPoint]:
    """One point per period (oldest first): the fact that states a share of plan, else the first."""
    best: dict[Any, Any] = {}
    for row in repo.trend_scores(session, locality_code, indicator_code):
        key = (row.period_start, row.period_end, None if row.period_end else row.period)
        if key not in best or (best[key].plan_pct is None and row.plan_pct is not None):
            best[key] = row
    views = _score_rows(session, list(best.values()))
    return [TrendPoint(v.period, v.period_end, v.value, v.plan_pct, v.status, v.period_year, v.unit,
                       v.fact_id) for v in views]


def _score_rows(session: Session, rows: Sequence[Any]) -> list[ScoreRow]:
    fixes = repo.corrections(session, [r.fact_id for r in rows]) if rows else {}
    names = Directions(repo.indicator_rows(session)) if rows else None
    out = []
    for row in rows:
        changes = fixes.get(row.fact_id, [])
        rec = corrected(row, changes)
        out.append(ScoreRow(
            **{k: rec[k] for k in _SCORE_FIELDS},
            indicator_name=names.name(rec["indicator_code"]) if names else None,
            estimated=bool(rec["estimated"]), corrected=any(changes)))
    return out


_SCORE_FIELDS = (
    "fact_id", "document_id", "locality", "locality_code", "province_code", "period", "period_year",
    "period_end", "indicator", "indicator_code", "unit", "value", "plan_value", "plan_pct", "recomputed_pct",
    "consistent", "expected_pace", "pace_method", "status", "forecast_pct", "forecast_method",
    "forecast_missed", "qualifier", "text", "span_start", "span_end",
)


def locality_codes(session: Session, text: str) -> list[str]:
    """Locality codes for a code or a name as written ("656", "huyện Lắk")."""
    text = " ".join(text.split())
    if text.isdigit():
        return [text]
    found = repo.locality_codes_named(session, text)
    if found:
        return found
    try:
        from chitieu.localities import resolve
    except ImportError:  # pragma: no cover - the package is a dependency
        return []
    unit = resolve(text)
    return [unit.code] if unit is not None else []


# --- read side: roll-ups ---------------------------------------------------------------------

def _counts(rows: Sequence[tuple[Any, str | None, int]]) -> dict[Any, dict[str | None, int]]:
    out: dict[Any, dict[str | None, int]] = {}
    for key, status, n in rows:
        out.setdefault(key, {})[status] = out.get(key, {}).get(status, 0) + n
    return out


def _judged(counts: dict[str | None, int]) -> dict[str, int]:
    return {s: n for s, n in sorted(counts.items(), key=lambda kv: str(kv[0])) if s is not None}


def overview(session: Session) -> list[LocalitySummary]:
    """Each place at its latest period: facts by status and tallies of targets met."""
    counts = _counts(repo.latest_status_counts(session))
    out = []
    for p in repo.latest_places(session):
        by_status = counts.get(p.place, {})
        judged = _judged(by_status)
        lat, lon = _coordinates(p.locality_code)
        out.append(LocalitySummary(
            locality=p.locality, locality_code=p.locality_code, province_code=p.province_code,
            period=p.period, period_year=p.period_year, period_end=p.period_end, counts=judged,
            facts=sum(by_status.values()), judged=sum(judged.values()), achieved=int(p.achieved),
            total=int(p.total), documents=p.documents, latitude=lat, longitude=lon))
    return out


def province_rollup(session: Session, *, period_year: int | None = None) -> list[ProvinceSummary]:
    """Per province and period: its districts' and communes' facts added to its own."""
    counts = _counts([((r.province, r.period_year, r.period_start, r.period_end), r.status, r.n)
                      for r in repo.province_status_counts(session, period_year=period_year)])
    out = []
    for p in repo.province_periods(session, period_year=period_year):
        by_status = counts.get((p.province, p.period_year, p.period_start, p.period_end), {})
        judged = _judged(by_status)
        out.append(ProvinceSummary(
            province_code=p.province, province=_unit_name(p.province, "province"), period=p.period,
            period_year=p.period_year, period_start=p.period_start, period_end=p.period_end, counts=judged,
            facts=sum(by_status.values()), judged=sum(judged.values()), achieved=int(p.achieved),
            total=int(p.total), localities=p.localities, documents=p.documents))
    return out


def _unit(code: str | None, ranks: Sequence[str] = ("district", "commune", "province")) -> Any:
    if not code:
        return None
    try:
        from chitieu import localities
    except ImportError:  # pragma: no cover - the package is a dependency
        return None
    for scheme in (localities.PRE2025, localities.POST2025):
        for rank in ranks:
            found = localities.get(code, rank=rank, scheme=scheme)
            if found is not None:
                return found
    return None


def _coordinates(code: str | None) -> tuple[float | None, float | None]:
    unit = _unit(code)
    return (unit.latitude, unit.longitude) if unit is not None else (None, None)


def _unit_name(code: str | None, rank: str) -> str | None:
    unit = _unit(code, (rank,))
    return unit.full_name if unit is not None else None


# --- read side: tracked items ----------------------------------------------------------------

def tracked_items(session: Session, *, kind: str | None = None, status: str | None = None,
                  overdue: bool = False, owner: str | None = None, locality_code: str | None = None,
                  limit: int | None = 200, offset: int = 0,
                  today: dt.date | None = None) -> list[TrackedItemView]:
    """Directives ('directive') and requests ('request'), the nearest deadline first."""
    today = today or dt.date.today()
    query = repo.ItemQuery(kind=kind, status=status, overdue_on=today if overdue else None, owner=owner,
                           locality_code=locality_code)
    return _item_views(session, query, today, limit, offset)


def _item_views(session: Session, query: repo.ItemQuery, today: dt.date, limit: int | None,
                offset: int) -> list[TrackedItemView]:
    return [TrackedItemView(
        id=r.id, kind=r.kind, text=r.text, document_id=r.document_id, span_start=r.span_start,
        span_end=r.span_end, issuer_name=r.issuer_name, issuer_title=r.issuer_title,
        issuer_body=r.issuer_body,
        addressee=r.addressee, deadline=r.deadline, status=r.status,
        overdue=is_overdue(r.status, r.deadline, today), links=r.links or 0, locality=r.locality,
        locality_code=r.locality_code, published=r.published)
        for r in repo.items(session, query, limit=limit, offset=offset)]


def item_history(session: Session, item_id: int) -> list[HistoryView]:
    return [HistoryView(r.id, r.item_id, r.old_status, r.new_status, r.who, r.changed_at, r.why)
            for r in repo.history(session, item_id)]


def item_links(session: Session, item_id: int) -> list[LinkView]:
    return [LinkView(r.id, r.item_id, r.document_id, r.evidence, r.score, r.text, r.span_start, r.span_end,
                     r.title, r.published, r.locality, dict(r.detail or {}))
            for r in repo.links(session, item_id)]


TASK_STATES = tuple(str(s) for s in TaskState)


# --- read side: review -----------------------------------------------------------------------

def review_queue(session: Session, *, limit: int | None = 200, offset: int = 0) -> list[ReviewView]:
    """Facts waiting for a reviewer: low confidence, no indicator code, or a share that disagrees."""
    rows = repo.review_rows(session, limit=limit, offset=offset)
    fixes = repo.corrections(session, [r.fact_id for r in rows]) if rows else {}
    return [_review(r, fixes.get(r.fact_id, [])) for r in rows]


def _review_view(session: Session, fact_id: int) -> ReviewView:
    rows = repo.review_rows(session, fact_id=fact_id, limit=1)
    if not rows:
        raise FactNotFound(f"Không có số liệu số {fact_id}.")
    return _review(rows[0], repo.corrections(session, [fact_id]).get(fact_id, []))


def _review(row: Any, changes: list[dict[str, Any]]) -> ReviewView:
    return ReviewView(
        fact_id=row.fact_id, document_id=row.document_id, locality=row.locality, period=row.period,
        indicator=row.indicator, indicator_code=row.indicator_code, value=row.value, unit=row.unit,
        plan_value=row.plan_value, plan_pct=row.plan_pct, recomputed_pct=row.recomputed_pct,
        consistent=row.consistent, status=row.status, confidence=row.confidence, text=row.text,
        span_start=row.span_start, span_end=row.span_end, reasons=list(row.reasons or []),
        review_state=row.review_state, corrections=[c for c in changes if c])
