"""Every query of the assessment, tracking and review side (see chitieu.assess.service).

Functions take a `Session` opened by the caller (`Store.transaction()` / `Store.reading()`).
Queries are SQLAlchemy Core over the models, dialect-neutral (SQLite and PostgreSQL):
no dialect functions, IN lists sent in chunks, bulk writes with executemany.

Conventions: a "fact record" is a row of `FACT_COLUMNS` (the fact, its document's place
and period); a "score record" a row of `SCORE_COLUMNS` (that plus the stored judgement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    case,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    true,
    tuple_,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from chitieu.store.models import (
    DocumentRow,
    FactCorrectionRow,
    FactRow,
    IndicatorRow,
    PersonMentionRow,
    PersonRow,
    ReferenceRow,
    StatusHistoryRow,
    TallyRow,
    TrackedItemRow,
)
from chitieu.store.models_app import FactStatusRow, ItemLinkRow

CHUNK = 500  # ids per IN list / rows per statement
T = TypeVar("T")


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(frozen=True, slots=True)
class PeriodFilter:
    """A period to select documents by: exact start and end, or a year, or a label."""

    start: dt.date | None = None
    end: dt.date | None = None
    year: int | None = None
    label: str | None = None

    def clause(self) -> ColumnElement[bool]:
        if self.start is not None and self.end is not None:
            return and_(DocumentRow.period_start == self.start, DocumentRow.period_end == self.end)
        if self.year is not None:
            return DocumentRow.period_year == self.year
        if self.label is not None:
            return DocumentRow.period == self.label
        return true()


# --- facts to assess ----------------------------------------------------------------

FACT_COLUMNS = (
    FactRow.id, FactRow.document_id, FactRow.indicator, FactRow.indicator_code, FactRow.value,
    FactRow.unit, FactRow.plan_value, FactRow.plan_pct, FactRow.change_pct, FactRow.estimated,
    FactRow.qualifier, FactRow.confidence, DocumentRow.locality_code, DocumentRow.period,
    DocumentRow.published, DocumentRow.period_year,
)


def _facts() -> Select[Any]:
    return select(*FACT_COLUMNS).join(DocumentRow, FactRow.document_id == DocumentRow.id)


def all_facts(session: Session) -> list[Row[Any]]:
    return list(session.execute(_facts().order_by(FactRow.id)))


def facts_of_documents(session: Session, document_ids: Sequence[int]) -> list[Row[Any]]:
    out: list[Row[Any]] = []
    for part in chunks(sorted(set(document_ids))):
        out.extend(session.execute(_facts().where(FactRow.document_id.in_(part))))
    return out


def facts_of_pairs(session: Session, pairs: Iterable[tuple[str, str]]) -> list[Row[Any]]:
    """Facts of every (locality_code, indicator_code) pair, from any document."""
    out: list[Row[Any]] = []
    key = tuple_(DocumentRow.locality_code, FactRow.indicator_code)
    for part in chunks(sorted(set(pairs))):
        out.extend(session.execute(_facts().where(key.in_(list(part)))))
    return out


def documents_ingested_since(session: Session, since: dt.datetime) -> list[int]:
    stmt = select(DocumentRow.id).where(DocumentRow.ingested_at >= since).order_by(DocumentRow.id)
    return list(session.scalars(stmt))


def fact_document(session: Session, fact_id: int) -> int | None:
    return session.scalar(select(FactRow.document_id).where(FactRow.id == fact_id))


def corrections(session: Session, fact_ids: Sequence[int] | None = None) -> dict[int, list[dict[str, Any]]]:
    """fact id → its corrections' `changes`, oldest first (all facts when `fact_ids` is None)."""
    stmt = select(FactCorrectionRow.fact_id, FactCorrectionRow.changes).order_by(FactCorrectionRow.id)
    out: dict[int, list[dict[str, Any]]] = {}
    parts = [None] if fact_ids is None else list(chunks(sorted(set(fact_ids))))
    for part in parts:
        query = stmt if part is None else stmt.where(FactCorrectionRow.fact_id.in_(part))
        for fact_id, changes in session.execute(query):
            out.setdefault(fact_id, []).append(changes or {})
    return out


def indicator_rows(session: Session) -> dict[str, tuple[str, str | None]]:
    """Catalogue entries stored in the `indicators` table: code → (direction, name)."""
    stmt = select(IndicatorRow.code, IndicatorRow.direction, IndicatorRow.name)
    return {code: (direction, name) for code, direction, name in session.execute(stmt)}


def replace_fact_status(session: Session, rows: Sequence[dict[str, Any]],
                        fact_ids: Sequence[int] | None) -> None:
    """Replace the stored judgements of `fact_ids` (of every fact when None) by `rows`.

    Empty review reasons are stored as SQL NULL (the column is left out of the insert), so
    that the review queue selects with `reasons IS NOT NULL` on every backend.
    """
    if fact_ids is None:
        session.execute(delete(FactStatusRow))
    else:
        for part in chunks(sorted(set(fact_ids))):
            session.execute(delete(FactStatusRow).where(FactStatusRow.fact_id.in_(part)))
    with_reasons = [r for r in rows if r.get("reasons")]
    without = [{k: v for k, v in r.items() if k != "reasons"} for r in rows if not r.get("reasons")]
    for batch in (with_reasons, without):
        _insert_many(session, FactStatusRow, batch)


def _insert_many(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Core executemany (the ORM bulk path would split rows by their None pattern)."""
    for part in chunks(rows, 5000):
        session.execute(insert(model.__table__), list(part))


# --- review -----------------------------------------------------------------------------

def set_review_state(session: Session, fact_id: int, state: str) -> bool:
    result = session.execute(update(FactRow).where(FactRow.id == fact_id).values(review_state=state))
    return bool(result.rowcount)


def add_correction(session: Session, fact_id: int, changes: dict[str, Any], *, reviewer: str | None,
                   note: str | None, when: dt.datetime) -> None:
    session.execute(insert(FactCorrectionRow).values(
        fact_id=fact_id, changes=changes, reviewer=reviewer, note=note, created_at=when))


# --- the scoreboard ----------------------------------------------------------------------

ACHIEVEMENT = func.coalesce(FactStatusRow.stated_pct, FactStatusRow.recomputed_pct)

SCORE_COLUMNS = (
    FactRow.id.label("fact_id"), FactRow.document_id, DocumentRow.locality, DocumentRow.locality_code,
    DocumentRow.province_code, DocumentRow.period, DocumentRow.period_year, DocumentRow.period_end,
    FactRow.indicator, FactRow.indicator_code, FactRow.unit, FactRow.value, FactRow.plan_value,
    FactRow.plan_pct, FactStatusRow.recomputed_pct, FactStatusRow.consistent, FactStatusRow.expected_pace,
    FactStatusRow.pace_method, FactStatusRow.status, FactStatusRow.forecast_pct,
    FactStatusRow.forecast_method, FactStatusRow.forecast_missed, FactRow.estimated, FactRow.qualifier,
    FactRow.text, FactRow.span_start, FactRow.span_end, FactRow.confidence, FactRow.review_state,
    FactStatusRow.reasons,
)


@dataclass(frozen=True, slots=True)
class ScoreQuery:
    """What a scoreboard page selects; None means any."""

    locality_code: str | None = None
    locality: str | None = None  # the locality as written in the documents (any case)
    period: PeriodFilter | None = None
    indicator_code: str | None = None
    status: str | None = None
    document_id: int | None = None
    judged_only: bool = False
    forecast_only: bool = False
    forecast_missed: bool | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.locality_code is not None:
            out.append(DocumentRow.locality_code == self.locality_code)
        if self.locality is not None:
            out.append(func.lower(DocumentRow.locality).in_(_case_variants(self.locality)))
        if self.period is not None:
            out.append(self.period.clause())
        if self.indicator_code is not None:
            out.append(FactRow.indicator_code == self.indicator_code)
        if self.status is not None:
            out.append(FactStatusRow.status == self.status)
        if self.document_id is not None:
            out.append(FactRow.document_id == self.document_id)
        if self.judged_only:
            out.append(FactStatusRow.status.is_not(None))
        if self.forecast_only:
            out.append(FactStatusRow.forecast_pct.is_not(None))
        if self.forecast_missed is not None:
            out.append(FactStatusRow.forecast_missed == (true() if self.forecast_missed else false()))
        return out


def _case_variants(text: str) -> list[str]:
    """Lower-case forms `lower()` may give on either backend (SQLite lowers ASCII only)."""
    words = " ".join(text.split())
    low = words.lower()
    ascii_low = "".join(c.lower() if c.isascii() else c for c in words)
    return sorted({low, ascii_low})


def _scores() -> Select[Any]:
    return (select(*SCORE_COLUMNS)
            .join(DocumentRow, FactRow.document_id == DocumentRow.id)
            .outerjoin(FactStatusRow, FactStatusRow.fact_id == FactRow.id))


def scores(session: Session, query: ScoreQuery, *, limit: int | None = 200,
           offset: int = 0) -> list[Row[Any]]:
    """Score records, the latest period first, then locality, document and order in it."""
    stmt = (_scores().where(*query.clauses())
            .order_by(DocumentRow.period_end.desc().nulls_last(), DocumentRow.locality, FactRow.document_id,
                      FactRow.seq)
            .limit(limit).offset(offset))
    return list(session.execute(stmt))


def ranked_scores(session: Session, query: ScoreQuery, *, lower_is_better: bool, limit: int | None = 200,
                  offset: int = 0) -> list[Row[Any]]:
    """Score records best first: the highest share of plan, then (no share) by value."""
    by_value = FactRow.value.asc() if lower_is_better else FactRow.value.desc()
    stmt = (_scores().where(*query.clauses())
            .order_by(ACHIEVEMENT.is_(None), ACHIEVEMENT.desc(), FactRow.value.is_(None), by_value,
                      FactRow.id)
            .limit(limit).offset(offset))
    return list(session.execute(stmt))


def status_counts(session: Session, query: ScoreQuery) -> dict[str | None, int]:
    """status → number of facts selected by `query` (None: facts without a status)."""
    stmt = (select(FactStatusRow.status, func.count())
            .select_from(FactRow)
            .join(DocumentRow, FactRow.document_id == DocumentRow.id)
            .outerjoin(FactStatusRow, FactStatusRow.fact_id == FactRow.id)
            .where(*query.clauses()).group_by(FactStatusRow.status))
    return {status: n for status, n in session.execute(stmt)}


def trend_scores(session: Session, locality_code: str, indicator_code: str) -> list[Row[Any]]:
    stmt = (_scores().add_columns(DocumentRow.period_start)
            .where(DocumentRow.locality_code == locality_code, FactRow.indicator_code == indicator_code)
            .order_by(DocumentRow.period_end.is_(None), DocumentRow.period_end, FactRow.document_id,
                      FactRow.seq))
    return list(session.execute(stmt))


def review_rows(session: Session, *, limit: int | None = 200, offset: int = 0,
                fact_id: int | None = None) -> list[Row[Any]]:
    """Facts waiting for review (pending and with reasons), or the one fact `fact_id`."""
    stmt = _scores()
    if fact_id is not None:
        stmt = stmt.where(FactRow.id == fact_id)
    else:
        stmt = stmt.where(FactRow.review_state == "pending", FactStatusRow.reasons.is_not(None))
    return list(session.execute(stmt.order_by(FactRow.document_id, FactRow.seq).limit(limit).offset(offset)))


# --- roll-ups -----------------------------------------------------------------------------

PLACE = func.coalesce(DocumentRow.locality_code, DocumentRow.locality)
PROVINCE = func.coalesce(DocumentRow.province_code, DocumentRow.locality_code)


def _latest() -> Any:
    """Each place's latest period end (a subquery: place, end)."""
    return (select(PLACE.label("place"), func.max(DocumentRow.period_end).label("end"))
            .where(PLACE.is_not(None)).group_by(PLACE).subquery())


_NO_END = dt.date(1, 1, 1)  # stands for "no period end" in the join below (no OR: indexes stay usable)


def _at_latest(last: Any) -> ColumnElement[bool]:
    """A document of its place's latest period (undated ones only when nothing is dated)."""
    same_end = func.coalesce(DocumentRow.period_end, _NO_END) == func.coalesce(last.c.end, _NO_END)
    return and_(last.c.place == PLACE, same_end)


def _latest_documents() -> Any:
    """(id, place) of each place's latest documents (a subquery)."""
    last = _latest()
    return select(DocumentRow.id, last.c.place).join(last, _at_latest(last)).subquery()


def _document_tallies() -> Any:
    """Per document its tally of targets met: the largest achieved and total it states."""
    return (select(TallyRow.document_id, func.max(TallyRow.achieved).label("achieved"),
                   func.max(TallyRow.total).label("total"))
            .group_by(TallyRow.document_id).subquery())


def latest_places(session: Session) -> list[Row[Any]]:
    """Per place at its latest period: name, codes, period, documents and tallies."""
    last, tally = _latest(), _document_tallies()
    stmt = (select(last.c.place, func.max(DocumentRow.locality).label("locality"),
                   func.max(DocumentRow.locality_code).label("locality_code"),
                   func.max(DocumentRow.province_code).label("province_code"),
                   func.max(DocumentRow.period).label("period"),
                   func.max(DocumentRow.period_year).label("period_year"),
                   func.max(DocumentRow.period_end).label("period_end"),
                   func.count(DocumentRow.id).label("documents"),
                   func.coalesce(func.sum(tally.c.achieved), 0).label("achieved"),
                   func.coalesce(func.sum(tally.c.total), 0).label("total"))
            .select_from(DocumentRow)
            .join(last, _at_latest(last))
            .outerjoin(tally, tally.c.document_id == DocumentRow.id)
            .group_by(last.c.place).order_by(last.c.place))
    return list(session.execute(stmt))


def latest_status_counts(session: Session) -> list[tuple[str, str | None, int]]:
    """(place, status, facts) over each place's latest period."""
    latest = _latest_documents()
    stmt = (select(latest.c.place, FactStatusRow.status, func.count())
            .select_from(latest)
            .join(FactRow, FactRow.document_id == latest.c.id)
            .outerjoin(FactStatusRow, FactStatusRow.fact_id == FactRow.id)
            .group_by(latest.c.place, FactStatusRow.status))
    return [(p, s, n) for p, s, n in session.execute(stmt)]


_PERIOD_KEY = (DocumentRow.period_year, DocumentRow.period_start, DocumentRow.period_end)


def province_status_counts(session: Session, *, period_year: int | None = None) -> list[Row[Any]]:
    """(province, period_year, period_start, period_end, status, n) over every document."""
    stmt = (select(PROVINCE.label("province"), *_PERIOD_KEY, FactStatusRow.status, func.count().label("n"))
            .select_from(FactRow)
            .join(DocumentRow, FactRow.document_id == DocumentRow.id)
            .outerjoin(FactStatusRow, FactStatusRow.fact_id == FactRow.id)
            .where(*_province_where(period_year))
            .group_by(PROVINCE, *_PERIOD_KEY, FactStatusRow.status))
    return list(session.execute(stmt))


def province_periods(session: Session, *, period_year: int | None = None) -> list[Row[Any]]:
    """Per (province, period): a label, places, documents and summed tallies."""
    tally = _document_tallies()
    stmt = (select(PROVINCE.label("province"), *_PERIOD_KEY, func.max(DocumentRow.period).label("period"),
                   func.count(func.distinct(PLACE)).label("localities"),
                   func.count(DocumentRow.id).label("documents"),
                   func.coalesce(func.sum(tally.c.achieved), 0).label("achieved"),
                   func.coalesce(func.sum(tally.c.total), 0).label("total"))
            .select_from(DocumentRow)
            .outerjoin(tally, tally.c.document_id == DocumentRow.id)
            .where(*_province_where(period_year))
            .group_by(PROVINCE, *_PERIOD_KEY)
            .order_by(PROVINCE, DocumentRow.period_end.is_(None), DocumentRow.period_end.desc()))
    return list(session.execute(stmt))


def _province_where(period_year: int | None) -> list[ColumnElement[bool]]:
    where = [PROVINCE.is_not(None)]
    if period_year is not None:
        where.append(DocumentRow.period_year == period_year)
    return where


# --- tracked items: filling in and refreshing -----------------------------------------------

IN_PROGRESS = ("đang thực hiện trong hạn", "đang thực hiện chưa có hạn", "quá hạn chưa hoàn thành")


# Text around an item read with it: enough for its sentence and the references near it.
WINDOW_BEFORE, WINDOW_AFTER = 600, 300
_WINDOW_START = case((TrackedItemRow.span_start > WINDOW_BEFORE, TrackedItemRow.span_start - WINDOW_BEFORE),
                     else_=0)
_WINDOW = func.substr(DocumentRow.text, _WINDOW_START + 1,
                      TrackedItemRow.span_end - _WINDOW_START + WINDOW_AFTER)
ITEM_COLUMNS = (
    TrackedItemRow.id, TrackedItemRow.document_id, TrackedItemRow.kind, TrackedItemRow.text,
    TrackedItemRow.span_start, TrackedItemRow.span_end, TrackedItemRow.status,
    TrackedItemRow.issuer_person_id, TrackedItemRow.issuer_title, TrackedItemRow.issuer_body,
    TrackedItemRow.addressee, TrackedItemRow.deadline,
    DocumentRow.published, _WINDOW_START.label("window_start"), _WINDOW.label("window"),
)


def _items_with_window() -> Select[Any]:
    return select(*ITEM_COLUMNS).join(DocumentRow, TrackedItemRow.document_id == DocumentRow.id)


def unstarted_items(session: Session, document_ids: Sequence[int] | None) -> list[Row[Any]]:
    """Items never processed (no state recorded yet), with the text around them."""
    stmt = _items_with_window().where(TrackedItemRow.status_changed_at.is_(None))
    return _in_chunks(session, stmt, TrackedItemRow.document_id, document_ids)


def items_by_id_with_window(session: Session, item_ids: Sequence[int]) -> list[Row[Any]]:
    """The items `item_ids`, with the text around each."""
    return _in_chunks(session, _items_with_window(), TrackedItemRow.id, item_ids)


def _in_chunks(session: Session, stmt: Select[Any], column: Any, ids: Sequence[int] | None) -> list[Row[Any]]:
    """Item rows of `stmt` where `column` is in `ids` (every row when None), in item order."""
    if ids is None:
        return list(session.execute(stmt.order_by(TrackedItemRow.id)))
    out: list[Row[Any]] = []
    for part in chunks(sorted(set(ids))):
        out.extend(session.execute(stmt.where(column.in_(part)).order_by(TrackedItemRow.id)))
    return out


def mentions_of(session: Session, document_ids: Sequence[int]) -> dict[int, list[Row[Any]]]:
    """document id → person mentions (person_id, name, title, span_start, span_end) in order."""
    out: dict[int, list[Row[Any]]] = {}
    for part in chunks(sorted(set(document_ids))):
        stmt = (select(PersonMentionRow.document_id, PersonMentionRow.person_id, PersonRow.name,
                       PersonMentionRow.title, PersonMentionRow.span_start, PersonMentionRow.span_end)
                .join(PersonRow, PersonMentionRow.person_id == PersonRow.id)
                .where(PersonMentionRow.document_id.in_(part))
                .order_by(PersonMentionRow.document_id, PersonMentionRow.span_start))
        for row in session.execute(stmt):
            out.setdefault(row.document_id, []).append(row)
    return out


def update_items(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """Bulk update of tracked items; every dict has `item_id` and the same other keys."""
    if not changes:
        return
    keys = [k for k in changes[0] if k != "item_id"]
    table = TrackedItemRow.__table__
    stmt = (update(table).where(table.c.id == bindparam("item_id"))
            .values({k: bindparam(f"new_{k}") for k in keys}))
    params = [{"item_id": c["item_id"], **{f"new_{k}": c[k] for k in keys}} for c in changes]
    for part in chunks(params, 5000):
        session.connection().execute(stmt, list(part))


def add_history(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    _insert_many(session, StatusHistoryRow, rows)


def items_to_refresh(session: Session, today: dt.date) -> list[Row[Any]]:
    """In-progress items whose stored state may no longer fit their deadline and today."""
    stale = or_(
        and_(TrackedItemRow.status == IN_PROGRESS[0], TrackedItemRow.deadline < today),
        and_(TrackedItemRow.status == IN_PROGRESS[0], TrackedItemRow.deadline.is_(None)),
        and_(TrackedItemRow.status == IN_PROGRESS[1], TrackedItemRow.deadline.is_not(None)),
        and_(TrackedItemRow.status == IN_PROGRESS[2], TrackedItemRow.deadline >= today),
    )
    stmt = (select(TrackedItemRow.id, TrackedItemRow.status, TrackedItemRow.deadline)
            .where(TrackedItemRow.status_changed_at.is_not(None), stale).order_by(TrackedItemRow.id))
    return list(session.execute(stmt))


def item_row(session: Session, item_id: int) -> TrackedItemRow | None:
    return session.get(TrackedItemRow, item_id)


# --- follow-up links -------------------------------------------------------------------------

def document_order(session: Session) -> list[Row[Any]]:
    """(id, published, title, province) of every document, for telling earlier from later."""
    stmt = (select(DocumentRow.id, DocumentRow.published, DocumentRow.title, PROVINCE.label("province"))
            .order_by(DocumentRow.id))
    return list(session.execute(stmt))


def all_items(session: Session) -> list[Row[Any]]:
    """(id, document_id, text, span_start, span_end) of every tracked item."""
    stmt = select(TrackedItemRow.id, TrackedItemRow.document_id, TrackedItemRow.text,
                  TrackedItemRow.span_start, TrackedItemRow.span_end).order_by(TrackedItemRow.id)
    return list(session.execute(stmt))


def all_references(session: Session) -> list[Row[Any]]:
    """(id, document_id, number, text, span_start, span_end) of references with a number."""
    stmt = (select(ReferenceRow.id, ReferenceRow.document_id, ReferenceRow.number, ReferenceRow.text,
                   ReferenceRow.span_start, ReferenceRow.span_end)
            .where(ReferenceRow.number.is_not(None))
            .order_by(ReferenceRow.document_id, ReferenceRow.span_start))
    return list(session.execute(stmt))


def replace_links(session: Session, rows: Sequence[dict[str, Any]], *, document_ids: Sequence[int] | None,
                  item_ids: Sequence[int]) -> None:
    """Drop the links into `document_ids` or of `item_ids` (all when None) and insert `rows`."""
    if document_ids is None:
        session.execute(delete(ItemLinkRow))
    else:
        for part in chunks(sorted(set(document_ids))):
            session.execute(delete(ItemLinkRow).where(ItemLinkRow.document_id.in_(part)))
        for part in chunks(sorted(set(item_ids))):
            session.execute(delete(ItemLinkRow).where(ItemLinkRow.item_id.in_(part)))
    _insert_many(session, ItemLinkRow, rows)


def item_ids_of_documents(session: Session, document_ids: Sequence[int]) -> list[int]:
    out: list[int] = []
    for part in chunks(sorted(set(document_ids))):
        out.extend(session.scalars(select(TrackedItemRow.id).where(TrackedItemRow.document_id.in_(part))))
    return out


# --- tracked items: reading ----------------------------------------------------------------

def _links_count() -> Any:
    return (select(func.count()).select_from(ItemLinkRow)
            .where(ItemLinkRow.item_id == TrackedItemRow.id).correlate(TrackedItemRow).scalar_subquery())


@dataclass(frozen=True, slots=True)
class ItemQuery:
    kind: str | None = None
    status: str | None = None
    overdue_on: dt.date | None = None  # only items overdue on that day
    owner: str | None = None  # part of the addressee
    locality_code: str | None = None
    item_id: int | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if self.item_id is not None:
            out.append(TrackedItemRow.id == self.item_id)
        if self.kind is not None:
            out.append(TrackedItemRow.kind == self.kind)
        if self.status is not None:
            out.append(TrackedItemRow.status == self.status)
        if self.overdue_on is not None:
            out.append(overdue_clause(self.overdue_on))
        if self.owner is not None:
            out.append(or_(*(func.lower(TrackedItemRow.addressee).contains(v)
                             for v in _case_variants(self.owner))))
        if self.locality_code is not None:
            out.append(DocumentRow.locality_code == self.locality_code)
        return out


def overdue_clause(today: dt.date) -> ColumnElement[bool]:
    """Overdue: marked so, or in progress in time with a deadline already passed."""
    return or_(TrackedItemRow.status == IN_PROGRESS[2],
               and_(TrackedItemRow.status == IN_PROGRESS[0], TrackedItemRow.deadline < today))


def items(session: Session, query: ItemQuery, *, limit: int | None = 200, offset: int = 0) -> list[Row[Any]]:
    stmt = (select(TrackedItemRow.id, TrackedItemRow.kind, TrackedItemRow.text, TrackedItemRow.document_id,
                   TrackedItemRow.span_start, TrackedItemRow.span_end, PersonRow.name.label("issuer_name"),
                   TrackedItemRow.issuer_title, TrackedItemRow.issuer_body, TrackedItemRow.addressee,
                   TrackedItemRow.deadline, TrackedItemRow.status, _links_count().label("links"),
                   DocumentRow.locality, DocumentRow.locality_code, DocumentRow.published)
            .join(DocumentRow, TrackedItemRow.document_id == DocumentRow.id)
            .outerjoin(PersonRow, TrackedItemRow.issuer_person_id == PersonRow.id)
            .where(*query.clauses())
            .order_by(TrackedItemRow.deadline.is_(None), TrackedItemRow.deadline, TrackedItemRow.id)
            .limit(limit).offset(offset))
    return list(session.execute(stmt))


def history(session: Session, item_id: int) -> list[Row[Any]]:
    stmt = (select(StatusHistoryRow.id, StatusHistoryRow.item_id, StatusHistoryRow.old_status,
                   StatusHistoryRow.new_status, StatusHistoryRow.who, StatusHistoryRow.changed_at,
                   StatusHistoryRow.why)
            .where(StatusHistoryRow.item_id == item_id).order_by(StatusHistoryRow.id))
    return list(session.execute(stmt))


def links(session: Session, item_id: int) -> list[Row[Any]]:
    stmt = (select(ItemLinkRow.id, ItemLinkRow.item_id, ItemLinkRow.document_id, ItemLinkRow.evidence,
                   ItemLinkRow.score, ItemLinkRow.text, ItemLinkRow.span_start, ItemLinkRow.span_end,
                   ItemLinkRow.detail, ItemLinkRow.created_at, DocumentRow.title, DocumentRow.published,
                   DocumentRow.locality)
            .join(DocumentRow, ItemLinkRow.document_id == DocumentRow.id)
            .where(ItemLinkRow.item_id == item_id).order_by(ItemLinkRow.id))
    return list(session.execute(stmt))


def locality_codes_named(session: Session, name: str) -> list[str]:
    """Locality codes of documents whose locality is written `name` (any case)."""
    stmt = (select(DocumentRow.locality_code).distinct()
            .where(func.lower(DocumentRow.locality).in_(_case_variants(name)),
                   DocumentRow.locality_code.is_not(None)))
    return sorted(session.scalars(stmt))
