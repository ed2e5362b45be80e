"""The store's tables as SQLAlchemy 2 declarative models.

Every row an extraction produces points back to its document and keeps the span and
the exact text it came from. Corrections live beside the raw extraction
(`fact_corrections`), never over it. Migrations in `chitieu/store/migrations` create
these tables; a new column means a new migration there.

Conventions: ids are integers; `span_start`/`span_end` are character offsets into
`documents.text` (the text as read); timestamps are UTC; dates are `Date`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that migrations can refer to them on every backend.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# None is stored as SQL NULL (not JSON 'null'), so `IS NULL` finds it.
JSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and read back timezone-aware on every backend (SQLite too)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

# Default state of a directive or request (the official task states, see design.md).
STATUS_IN_PROGRESS = "đang thực hiện trong hạn"
REVIEW_PENDING = "pending"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _doc_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, unique=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    locality: Mapped[str | None] = mapped_column(Text)
    # Indexed by ix_documents_locality_code_period (first column), see migration 0004.
    locality_code: Mapped[str | None] = mapped_column(String(32))
    province_code: Mapped[str | None] = mapped_column(String(32), index=True)
    period: Mapped[str | None] = mapped_column(Text)
    period_kind: Mapped[str | None] = mapped_column(String(64))
    period_year: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[dt.date | None] = mapped_column(Date)
    period_end: Mapped[dt.date | None] = mapped_column(Date)
    media_type: Mapped[str | None] = mapped_column(String(255))
    encoding: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, nullable=False)  # UTF-8 bytes of `text`
    ingested_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)

    __table_args__ = (
        Index(None, "period_year", "period_kind"),
        Index(None, "period_end"),
        # Dashboard reads (migration 0003): each place at its latest period; a locality's period.
        Index("ix_documents_place_period_end", func.coalesce(locality_code, locality), period_end),
        Index("ix_documents_locality_code_period", "locality_code", "period_start", "period_end"),
    )


class FactRow(Base):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    seq: Mapped[int] = mapped_column(Integer, nullable=False)  # order in the document
    span_start: Mapped[int] = mapped_column(Integer, nullable=False)
    span_end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    indicator: Mapped[str] = mapped_column(Text, nullable=False)
    # Indexed by ix_facts_indicator_code_document_id (first column), see migration 0004.
    indicator_code: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    scaled_value: Mapped[float | None] = mapped_column(Float)  # value in scaled_unit
    scaled_unit: Mapped[str | None] = mapped_column(Text)  # unit without its multiplier word
    plan_value: Mapped[float | None] = mapped_column(Float)
    plan_pct: Mapped[float | None] = mapped_column(Float)
    plan_pct_other: Mapped[list[float] | None] = mapped_column(JSONType)
    change_pct: Mapped[float | None] = mapped_column(Float)
    change_value: Mapped[float | None] = mapped_column(Float)
    change_unit: Mapped[str | None] = mapped_column(Text)
    estimated: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    qualifier: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=1.0)
    review_state: Mapped[str] = mapped_column(
        String(32), nullable=False, default=REVIEW_PENDING, server_default=REVIEW_PENDING, index=True)

    __table_args__ = (Index("ix_facts_indicator_code_document_id", "indicator_code", "document_id"),)


class FactCorrectionRow(Base):
    """A reviewer's correction of some fields of a fact; the fact row itself is never changed."""

    __tablename__ = "fact_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fact_id: Mapped[int] = mapped_column(
        ForeignKey("facts.id", ondelete="CASCADE"), nullable=False, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSONType, nullable=False)  # field -> corrected value
    reviewer: Mapped[str | None] = mapped_column(String(128))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)


class TallyRow(Base):
    __tablename__ = "tallies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    achieved: Mapped[int] = mapped_column(Integer, nullable=False)
    total: Mapped[int | None] = mapped_column(Integer)
    what: Mapped[str] = mapped_column(Text, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    span_start: Mapped[int] = mapped_column(Integer, nullable=False)
    span_end: Mapped[int] = mapped_column(Integer, nullable=False)


class ReferenceRow(Base):
    """A formal document cited by a report (Nghị quyết, Kết luận, Quyết định ...)."""

    __tablename__ = "doc_references"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    kind: Mapped[str] = mapped_column(Text, nullable=False)
    number: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    span_start: Mapped[int] = mapped_column(Integer, nullable=False)
    span_end: Mapped[int] = mapped_column(Integer, nullable=False)

    __table_args__ = (Index(None, "kind", "number"),)


class PersonRow(Base):
    """A named person, once; `person_mentions` says where and with which title."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False, unique=True)


class PersonMentionRow(Base):
    __tablename__ = "person_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), nullable=False, index=True)
    document_id: Mapped[int] = _doc_fk()
    title: Mapped[str | None] = mapped_column(Text)  # the role as given next to the name
    span_start: Mapped[int] = mapped_column(Integer, nullable=False)
    span_end: Mapped[int] = mapped_column(Integer, nullable=False)


class TrackedItemRow(Base):
    """A directive (chỉ đạo) or a request (kiến nghị), tracked to its end."""

    __tablename__ = "tracked_items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = _doc_fk()
    kind: Mapped[str] = mapped_column(String(16), nullable=False)  # 'directive' | 'request'
    text: Mapped[str] = mapped_column(Text, nullable=False)
    span_start: Mapped[int] = mapped_column(Integer, nullable=False)
    span_end: Mapped[int] = mapped_column(Integer, nullable=False)
    issuer_person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    issuer_title: Mapped[str | None] = mapped_column(Text)
    issuer_body: Mapped[str | None] = mapped_column(Text)
    addressee: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(
        String(64), nullable=False, default=STATUS_IN_PROGRESS, server_default=STATUS_IN_PROGRESS)
    status_changed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index(None, "kind", "status"), Index(None, "deadline"))


class StatusHistoryRow(Base):
    __tablename__ = "status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("tracked_items.id", ondelete="CASCADE"), nullable=False, index=True)
    old_status: Mapped[str | None] = mapped_column(String(64))
    new_status: Mapped[str] = mapped_column(String(64), nullable=False)
    who: Mapped[str | None] = mapped_column(String(128))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    why: Mapped[str | None] = mapped_column(Text)


class LocalityRow(Base):
    """An administrative unit; codes before and after the 2025 reorganisation coexist."""

    __tablename__ = "localities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False, index=True)
    level: Mapped[str] = mapped_column(String(32), nullable=False)  # tỉnh, huyện, xã ...
    province_code: Mapped[str | None] = mapped_column(String(32), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(32))
    scheme: Mapped[str] = mapped_column(String(32), nullable=False)  # 'pre2025' | 'post2025'

    __table_args__ = (UniqueConstraint("scheme", "code"),)


class PeriodRow(Base):
    __tablename__ = "periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)  # year, half, quarter, months, term ...
    year: Mapped[int | None] = mapped_column(Integer)
    start_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    end_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    label: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("kind", "start_date", "end_date"),)


class IndicatorRow(Base):
    """The indicator catalogue: facts point here through `facts.indicator_code`."""

    __tablename__ = "indicators"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    unit: Mapped[str | None] = mapped_column(Text)
    direction: Mapped[str] = mapped_column(String(8), nullable=False, default="higher")  # 'higher' | 'lower'
    area: Mapped[str | None] = mapped_column(String(64))
    aliases: Mapped[list[str] | None] = mapped_column(JSONType)


class FailureRow(Base):
    """A source that could not be ingested, once per source; `count` grows on every retry."""

    __tablename__ = "failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(Text, nullable=False, unique=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    first_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    last_seen: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
    count: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
