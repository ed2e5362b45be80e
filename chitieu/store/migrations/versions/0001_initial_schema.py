"""Initial schema: documents and everything extracted from them, catalogues, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC_TIME = sa.DateTime(timezone=True)
STATUS_IN_PROGRESS = "đang thực hiện trong hạn"


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer(), nullable=False)


def _document_id(table: str) -> sa.Column:
    fk = sa.ForeignKey("documents.id", name=f"fk_{table}_document_id_documents", ondelete="CASCADE")
    return sa.Column("document_id", sa.Integer(), fk, nullable=False)


def _span() -> list[sa.Column]:
    return [sa.Column("span_start", sa.Integer(), nullable=False),
            sa.Column("span_end", sa.Integer(), nullable=False)]


def _table(name: str, *cols: sa.Column | sa.Constraint, pk: str = "id") -> None:
    op.create_table(name, *cols, sa.PrimaryKeyConstraint(pk, name=f"pk_{name}"))


def _index(table: str, *columns: str) -> None:
    op.create_index(f"ix_{table}_{'_'.join(columns)}", table, list(columns))


def upgrade() -> None:
    _catalogues()
    _documents()
    _extracted()
    _tracking()


def _catalogues() -> None:
    _table("indicators",
           sa.Column("code", sa.String(64), nullable=False),
           sa.Column("name", sa.Text(), nullable=False),
           sa.Column("unit", sa.Text()),
           sa.Column("direction", sa.String(8), nullable=False),
           sa.Column("area", sa.String(64)),
           sa.Column("aliases", JSON),
           pk="code")
    _table("localities", _id(),
           sa.Column("code", sa.String(32), nullable=False),
           sa.Column("name", sa.Text(), nullable=False),
           sa.Column("level", sa.String(32), nullable=False),
           sa.Column("province_code", sa.String(32)),
           sa.Column("parent_code", sa.String(32)),
           sa.Column("scheme", sa.String(32), nullable=False),
           sa.UniqueConstraint("scheme", "code", name="uq_localities_scheme_code"))
    _index("localities", "name")
    _index("localities", "province_code")
    _table("periods", _id(),
           sa.Column("kind", sa.String(32), nullable=False),
           sa.Column("year", sa.Integer()),
           sa.Column("start_date", sa.Date(), nullable=False),
           sa.Column("end_date", sa.Date(), nullable=False),
           sa.Column("label", sa.Text()),
           sa.UniqueConstraint("kind", "start_date", "end_date", name="uq_periods_kind_start_date_end_date"))
    _table("persons", _id(),
           sa.Column("name", sa.Text(), nullable=False),
           sa.UniqueConstraint("name", name="uq_persons_name"))
    _table("failures", _id(),
           sa.Column("source", sa.Text(), nullable=False),
           sa.Column("reason", sa.Text(), nullable=False),
           sa.Column("size", sa.Integer()),
           sa.Column("sha256", sa.String(64)),
           sa.Column("first_seen", UTC_TIME, nullable=False),
           sa.Column("last_seen", UTC_TIME, nullable=False),
           sa.Column("count", sa.Integer(), nullable=False),
           sa.UniqueConstraint("source", name="uq_failures_source"))


def _documents() -> None:
    _table("documents", _id(),
           sa.Column("source", sa.Text(), nullable=False),
           sa.Column("url", sa.Text()),
           sa.Column("sha256", sa.String(64), nullable=False),
           sa.Column("text", sa.Text(), nullable=False),
           sa.Column("title", sa.Text()),
           sa.Column("published", sa.Date()),
           sa.Column("locality", sa.Text()),
           sa.Column("locality_code", sa.String(32)),
           sa.Column("province_code", sa.String(32)),
           sa.Column("period", sa.Text()),
           sa.Column("period_kind", sa.String(64)),
           sa.Column("period_year", sa.Integer()),
           sa.Column("period_start", sa.Date()),
           sa.Column("period_end", sa.Date()),
           sa.Column("media_type", sa.String(255)),
           sa.Column("encoding", sa.String(64)),
           sa.Column("size", sa.Integer(), nullable=False),
           sa.Column("ingested_at", UTC_TIME, nullable=False),
           sa.UniqueConstraint("sha256", name="uq_documents_sha256"))
    for cols in (("source",), ("locality_code",), ("province_code",), ("period_year", "period_kind"),
                 ("period_end",)):
        _index("documents", *cols)


def _extracted() -> None:
    _table("facts", _id(), _document_id("facts"),
           sa.Column("seq", sa.Integer(), nullable=False),
           *_span(),
           sa.Column("text", sa.Text(), nullable=False),
           sa.Column("indicator", sa.Text(), nullable=False),
           sa.Column("indicator_code", sa.String(64)),
           sa.Column("value", sa.Float()),
           sa.Column("unit", sa.Text()),
           sa.Column("scaled_value", sa.Float()),
           sa.Column("scaled_unit", sa.Text()),
           sa.Column("plan_value", sa.Float()),
           sa.Column("plan_pct", sa.Float()),
           sa.Column("plan_pct_other", JSON),
           sa.Column("change_pct", sa.Float()),
           sa.Column("change_value", sa.Float()),
           sa.Column("change_unit", sa.Text()),
           sa.Column("estimated", sa.Boolean(), nullable=False),
           sa.Column("qualifier", sa.Text()),
           sa.Column("confidence", sa.Float(), nullable=False),
           sa.Column("review_state", sa.String(32), server_default="pending", nullable=False))
    for col in ("document_id", "indicator_code", "review_state"):
        _index("facts", col)
    _table("fact_corrections", _id(),
           sa.Column("fact_id", sa.Integer(),
                     sa.ForeignKey("facts.id", name="fk_fact_corrections_fact_id_facts", ondelete="CASCADE"),
                     nullable=False),
           sa.Column("changes", JSON, nullable=False),
           sa.Column("reviewer", sa.String(128)),
           sa.Column("note", sa.Text()),
           sa.Column("created_at", UTC_TIME, nullable=False))
    _index("fact_corrections", "fact_id")
    _table("tallies", _id(), _document_id("tallies"),
           sa.Column("achieved", sa.Integer(), nullable=False),
           sa.Column("total", sa.Integer()),
           sa.Column("what", sa.Text(), nullable=False),
           sa.Column("text", sa.Text(), nullable=False),
           *_span())
    _index("tallies", "document_id")
    _table("doc_references", _id(), _document_id("doc_references"),
           sa.Column("kind", sa.Text(), nullable=False),
           sa.Column("number", sa.Text()),
           sa.Column("date", sa.Date()),
           sa.Column("issuer", sa.Text()),
           sa.Column("text", sa.Text(), nullable=False),
           *_span())
    _index("doc_references", "document_id")
    _index("doc_references", "kind", "number")
    _table("person_mentions", _id(),
           sa.Column("person_id", sa.Integer(),
                     sa.ForeignKey("persons.id", name="fk_person_mentions_person_id_persons",
                                   ondelete="CASCADE"),
                     nullable=False),
           _document_id("person_mentions"),
           sa.Column("title", sa.Text()),
           *_span())
    _index("person_mentions", "document_id")
    _index("person_mentions", "person_id")


def _tracking() -> None:
    _table("tracked_items", _id(), _document_id("tracked_items"),
           sa.Column("kind", sa.String(16), nullable=False),
           sa.Column("text", sa.Text(), nullable=False),
           *_span(),
           sa.Column("issuer_person_id", sa.Integer(),
                     sa.ForeignKey("persons.id", name="fk_tracked_items_issuer_person_id_persons",
                                   ondelete="SET NULL")),
           sa.Column("issuer_title", sa.Text()),
           sa.Column("issuer_body", sa.Text()),
           sa.Column("addressee", sa.Text()),
           sa.Column("deadline", sa.Date()),
           sa.Column("status", sa.String(64), server_default=STATUS_IN_PROGRESS, nullable=False),
           sa.Column("status_changed_at", UTC_TIME))
    _index("tracked_items", "document_id")
    _index("tracked_items", "kind", "status")
    _index("tracked_items", "deadline")
    _table("status_history", _id(),
           sa.Column("item_id", sa.Integer(),
                     sa.ForeignKey("tracked_items.id", name="fk_status_history_item_id_tracked_items",
                                   ondelete="CASCADE"),
                     nullable=False),
           sa.Column("old_status", sa.String(64)),
           sa.Column("new_status", sa.String(64), nullable=False),
           sa.Column("who", sa.String(128)),
           sa.Column("changed_at", UTC_TIME, nullable=False),
           sa.Column("why", sa.Text()))
    _index("status_history", "item_id")


def downgrade() -> None:
    for name in ("status_history", "tracked_items", "person_mentions", "doc_references", "tallies",
                 "fact_corrections", "facts", "documents", "failures", "persons", "periods", "localities",
                 "indicators"):
        op.drop_table(name)
