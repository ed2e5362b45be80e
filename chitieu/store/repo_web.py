"""The dashboard's own reads that are not judgements: documents, their items, search, users.

Judgements (scoreboards, overviews, tracked items) come from chitieu.assess.service.
Everything here uses bound parameters only; search uses SQLite FTS5 (`documents_fts`,
migration 0002) or PostgreSQL full-text search (`to_tsvector('simple', ...)`, the
expression of the GIN index of migration 0002, so the index serves the query).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select, text
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
from chitieu.store.models_app import ROLES, FactStatusRow, ItemLinkRow, UserRow

SNIPPET_TOKENS = 24
# Around each matched word in a snippet (private-use characters, never in a report).
MATCH_OPEN, MATCH_CLOSE = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class DocumentView:
    id: int
    title: str | None
    source: str
    url: str | None
    published: dt.date | None
    locality: str | None
    locality_code: str | None
    period: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Mark:
    """One extracted item of a document: where it is and what it is."""

    kind: str  # fact | tally | reference | person | directive | request
    id: int
    start: int
    end: int
    label: str

    @property
    def anchor(self) -> str:
        return f"{ANCHOR_PREFIX[self.kind]}{self.id}"

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "anchor": self.anchor}


# Anchors in the document page: /van-ban/12#f345 is fact 345.
ANCHOR_PREFIX = {"fact": "f", "tally": "t", "reference": "r", "person": "p", "directive": "c", "request": "c"}


@dataclass(frozen=True, slots=True)
class SearchHit:
    document_id: int
    title: str | None
    locality: str | None
    period: str | None
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class DocumentBrief:
    id: int
    title: str | None
    locality: str | None
    period: str | None
    published: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class UserView:
    id: int
    username: str
    role: str
    active: bool
    password_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "role": self.role, "active": self.active}


# ---------------------------------------------------------------- documents
def get_document(session: Session, document_id: int) -> DocumentView | None:
    row = session.get(DocumentRow, document_id)
    if row is None:
        return None
    return DocumentView(id=row.id, title=row.title, source=row.source, url=row.url, published=row.published,
                        locality=row.locality, locality_code=row.locality_code, period=row.period,
                        text=row.text)


def document_marks(session: Session, document_id: int) -> list[Mark]:
    """Every extracted item of a document with its span, in text order."""
    marks: list[Mark] = []
    for r in session.execute(select(FactRow.id, FactRow.span_start, FactRow.span_end, FactRow.indicator)
                             .where(FactRow.document_id == document_id)):
        marks.append(Mark("fact", r.id, r.span_start, r.span_end, r.indicator))
    for r in session.execute(select(TallyRow.id, TallyRow.span_start, TallyRow.span_end, TallyRow.what)
                             .where(TallyRow.document_id == document_id)):
        marks.append(Mark("tally", r.id, r.span_start, r.span_end, r.what))
    for r in session.execute(select(ReferenceRow.id, ReferenceRow.span_start, ReferenceRow.span_end,
                                    ReferenceRow.kind, ReferenceRow.number)
                             .where(ReferenceRow.document_id == document_id)):
        label = " ".join(filter(None, (r.kind, r.number)))
        marks.append(Mark("reference", r.id, r.span_start, r.span_end, label))
    people = (select(PersonMentionRow.id, PersonMentionRow.span_start, PersonMentionRow.span_end,
                     PersonRow.name, PersonMentionRow.title)
              .join(PersonRow, PersonRow.id == PersonMentionRow.person_id)
              .where(PersonMentionRow.document_id == document_id))
    for r in session.execute(people):
        label = ", ".join(filter(None, (r.name, r.title)))
        marks.append(Mark("person", r.id, r.span_start, r.span_end, label))
    for r in session.execute(select(TrackedItemRow.id, TrackedItemRow.kind, TrackedItemRow.span_start,
                                    TrackedItemRow.span_end, TrackedItemRow.status)
                             .where(TrackedItemRow.document_id == document_id)):
        marks.append(Mark(r.kind, r.id, r.span_start, r.span_end, r.status))
    marks.sort(key=lambda m: (m.start, -m.end))
    return marks


def recent_documents(session: Session, *, locality_code: str | None = None,
                     limit: int = 50) -> list[DocumentBrief]:
    q = select(DocumentRow.id, DocumentRow.title, DocumentRow.locality, DocumentRow.period,
               DocumentRow.published)
    if locality_code is not None:
        q = q.where(DocumentRow.locality_code == locality_code)
    q = q.order_by(DocumentRow.period_end.desc().nulls_last(), DocumentRow.id.desc()).limit(limit)
    return [DocumentBrief(r.id, r.title, r.locality, r.period, r.published) for r in session.execute(q)]


def locality_name(session: Session, locality_code: str) -> str | None:
    """The name a report gave the locality with this code (the most recent report)."""
    q = (select(DocumentRow.locality).where(DocumentRow.locality_code == locality_code,
                                            DocumentRow.locality.is_not(None))
         .order_by(DocumentRow.id.desc()).limit(1))
    return session.execute(q).scalar()


def count_documents(session: Session) -> int:
    return session.execute(select(func.count()).select_from(DocumentRow)).scalar_one()


# ---------------------------------------------------------------- search
def search_documents(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """Documents matching the words of `query`, best first, with a snippet.

    The query is reduced to its words (letters and digits), each quoted, so that no
    search syntax from the user reaches FTS5; PostgreSQL gets them through plainto_tsquery.
    """
    words = _WORD.findall(query or "")
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _search_sqlite(session, words, limit)
    return _search_postgres(session, " ".join(words), limit)


def _search_sqlite(session: Session, words: list[str], limit: int) -> list[SearchHit]:
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    sql = text(
        "SELECT d.id, d.title, d.locality, d.period,"
        " snippet(documents_fts, 1, :open, :close, '…', :tokens) AS snip"
        " FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid"
        " WHERE documents_fts MATCH :match ORDER BY bm25(documents_fts) LIMIT :limit")
    rows = session.execute(sql, {"match": match, "limit": limit, "tokens": SNIPPET_TOKENS,
                               "open": MATCH_OPEN, "close": MATCH_CLOSE})
    return [SearchHit(r.id, r.title, r.locality, r.period, r.snip or "") for r in rows]


def _search_postgres(session: Session, query: str, limit: int) -> list[SearchHit]:
    sql = text(
        "SELECT d.id, d.title, d.locality, d.period,"
        " ts_headline('simple', d.text, q, :opts) AS snip"
        " FROM documents d, plainto_tsquery('simple', :q) q"
        " WHERE to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text) @@ q"
        " ORDER BY ts_rank(to_tsvector('simple', coalesce(d.title, '') || ' ' || d.text), q) DESC"
        " LIMIT :limit")
    opts = f"StartSel={MATCH_OPEN}, StopSel={MATCH_CLOSE}, MaxWords=30, MinWords=12"
    rows = session.execute(sql, {"q": query, "limit": limit, "opts": opts})
    return [SearchHit(r.id, r.title, r.locality, r.period, r.snip or "") for r in rows]


# ---------------------------------------------------------------- users
def get_user(session: Session, username: str) -> UserView | None:
    row = session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
    return _user(row) if row is not None else None


def list_users(session: Session) -> list[UserView]:
    return [_user(r) for r in session.execute(select(UserRow).order_by(UserRow.username)).scalars()]


def save_user(session: Session, username: str, password_hash: str, role: str) -> UserView:
    """Create the account, or set the password and role of an existing one."""
    if role not in ROLES:
        raise ValueError(f"vai trò phải là một trong {', '.join(ROLES)}")
    row = session.execute(select(UserRow).where(UserRow.username == username)).scalar_one_or_none()
    if row is None:
        row = UserRow(username=username, password_hash=password_hash, role=role, active=True,
                      created_at=dt.datetime.now(dt.UTC))
        session.add(row)
    else:
        row.password_hash, row.role, row.active = password_hash, role, True
    session.flush()
    return _user(row)


def _user(row: UserRow) -> UserView:
    return UserView(id=row.id, username=row.username, role=row.role, active=row.active,
                    password_hash=row.password_hash)


# ---------------------------------------------------------------- a locality's periods and tallies
@dataclass(frozen=True, slots=True)
class PeriodBrief:
    period: str | None
    period_year: int | None
    period_end: dt.date | None
    documents: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class TallyView:
    id: int
    document_id: int
    achieved: int
    total: int | None
    what: str
    text: str
    period: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def locality_periods(session: Session, locality_code: str) -> list[PeriodBrief]:
    """The report periods of a locality, the latest first."""
    q = (select(DocumentRow.period, DocumentRow.period_year, DocumentRow.period_end, func.count())
         .where(DocumentRow.locality_code == locality_code)
         .group_by(DocumentRow.period, DocumentRow.period_year, DocumentRow.period_end)
         .order_by(DocumentRow.period_end.desc().nulls_last(), DocumentRow.period))
    return [PeriodBrief(p, y, e, n) for p, y, e, n in session.execute(q)]


def locality_tallies(session: Session, locality_code: str, period: str | None = None,
                     *, limit: int = 100) -> list[TallyView]:
    """Tallies ("16/22 chỉ tiêu đạt") of a locality's reports (of one period label when given)."""
    q = (select(TallyRow.id, TallyRow.document_id, TallyRow.achieved, TallyRow.total, TallyRow.what,
                TallyRow.text, DocumentRow.period)
         .join(DocumentRow, DocumentRow.id == TallyRow.document_id)
         .where(DocumentRow.locality_code == locality_code))
    if period is not None:
        q = q.where(DocumentRow.period == period)
    q = q.order_by(DocumentRow.period_end.desc().nulls_last(), TallyRow.document_id, TallyRow.span_start)
    return [TallyView(*r) for r in session.execute(q.limit(limit))]


def indicator_name(session: Session, code: str) -> tuple[str | None, str | None]:
    """(name, unit) of an indicator of the catalogue; (None, None) when unknown."""
    row = session.get(IndicatorRow, code)
    return (row.name, row.unit) if row is not None else (None, None)


def indicator_periods(session: Session, code: str, *, limit: int = 40) -> list[str]:
    """Period labels of the reports with a fact of this indicator, the latest first."""
    last_end = func.max(DocumentRow.period_end)
    q = (select(DocumentRow.period, last_end)
         .join(FactRow, FactRow.document_id == DocumentRow.id)
         .where(FactRow.indicator_code == code, DocumentRow.period.is_not(None))
         .group_by(DocumentRow.period).order_by(last_end.desc().nulls_last()).limit(limit))
    return [p for p, _ in session.execute(q)]


def fact_document(session: Session, fact_id: int) -> int | None:
    return session.execute(select(FactRow.document_id).where(FactRow.id == fact_id)).scalar()


# ---------------------------------------------------------------- has anything changed?
def data_version(session: Session) -> tuple[Any, ...]:
    """A cheap fingerprint of everything the judgements depend on (each part an index lookup).

    It changes when a document is added or removed, facts are judged again, a correction is
    made, a task changes state (a history row), or a follow-up link is made.
    """
    latest = [select(func.max(col)).scalar_subquery() for col in (
        FactStatusRow.assessed_at, FactCorrectionRow.id, StatusHistoryRow.id, ItemLinkRow.id)]
    q = select(func.max(DocumentRow.id), func.count(), *latest).select_from(DocumentRow)
    return tuple(session.execute(q).one())


# ---------------------------------------------------------------- a locality's trends, in one query
def locality_trends(session: Session, locality_code: str,
                    indicator_codes: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per indicator one point per period, oldest first, for several indicators at once.

    The same choice as chitieu.assess.service.trend (the fact that states a share of plan,
    else the first of the period; a reviewer's corrections of value, unit and share on top),
    in one query instead of one per indicator.
    """
    from chitieu.store.repo_assess import corrections

    if not indicator_codes:
        return {}
    q = (select(FactRow.id, FactRow.document_id, FactRow.indicator_code, FactRow.value, FactRow.unit,
                FactRow.plan_pct, FactStatusRow.status, DocumentRow.period, DocumentRow.period_year,
                DocumentRow.period_start, DocumentRow.period_end)
         .join(DocumentRow, FactRow.document_id == DocumentRow.id)
         .outerjoin(FactStatusRow, FactStatusRow.fact_id == FactRow.id)
         .where(DocumentRow.locality_code == locality_code, FactRow.indicator_code.in_(indicator_codes))
         .order_by(DocumentRow.period_end.is_(None), DocumentRow.period_end, FactRow.document_id,
                   FactRow.seq))
    best: dict[str, dict[Any, Any]] = {code: {} for code in indicator_codes}
    for r in session.execute(q):
        key = (r.period_start, r.period_end, None if r.period_end else r.period)
        chosen = best[r.indicator_code]
        if key not in chosen or (chosen[key].plan_pct is None and r.plan_pct is not None):
            chosen[key] = r
    fixes = corrections(session, [r.id for points in best.values() for r in points.values()])
    return {code: [_trend_point(r, fixes.get(r.id, [])) for r in points.values()]
            for code, points in best.items()}


def _trend_point(r: Any, changes: list[dict[str, Any]]) -> dict[str, Any]:
    point = {"period": r.period, "period_end": r.period_end, "period_year": r.period_year, "value": r.value,
             "plan_pct": r.plan_pct, "unit": r.unit, "status": r.status, "fact_id": r.id,
             "document_id": r.document_id}
    for change in changes:
        point.update({k: v for k, v in change.items() if k in ("value", "plan_pct", "unit")})
    return point
