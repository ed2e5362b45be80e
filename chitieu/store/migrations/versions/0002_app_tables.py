"""Accounts, stored assessments, follow-up links, and full-text search over documents.

Full-text search: SQLite gets an FTS5 table `documents_fts` kept in step with
`documents` by triggers (external content); PostgreSQL gets a GIN index on
to_tsvector('simple', title || text) — the 'simple' configuration keeps Vietnamese
syllables and their diacritics as they are.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
UTC_TIME = sa.DateTime(timezone=True)

SQLITE_FTS = [
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id',"
    " tokenize='unicode61 remove_diacritics 0')",
    "INSERT INTO documents_fts(rowid, title, text) SELECT id, coalesce(title, ''), text FROM documents",
    "CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
    "CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    " VALUES ('delete', old.id, coalesce(old.title, ''), old.text); END",
    "CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN"
    " INSERT INTO documents_fts(documents_fts, rowid, title, text)"
    " VALUES ('delete', old.id, coalesce(old.title, ''), old.text);"
    " INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text); END",
]
PG_FTS = ("CREATE INDEX ix_documents_fts ON documents USING GIN "
          "(to_tsvector('simple', coalesce(title, '') || ' ' || text))")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(128), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "fact_status",
        sa.Column("fact_id", sa.Integer(), nullable=False),
        sa.Column("stated_pct", sa.Float()),
        sa.Column("recomputed_pct", sa.Float()),
        sa.Column("consistent", sa.Boolean()),
        sa.Column("expected_pace", sa.Float()),
        sa.Column("pace_method", sa.String(32)),
        sa.Column("status", sa.String(64)),
        sa.Column("forecast_pct", sa.Float()),
        sa.Column("forecast_method", sa.String(32)),
        sa.Column("forecast_missed", sa.Boolean()),
        sa.Column("reasons", JSON),
        sa.Column("assessed_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["fact_id"], ["facts.id"], name="fk_fact_status_fact_id_facts",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("fact_id", name="pk_fact_status"),
    )
    op.create_index("ix_fact_status_status", "fact_status", ["status"])
    op.create_table(
        "item_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.String(32), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("detail", JSON),
        sa.Column("text", sa.Text()),
        sa.Column("span_start", sa.Integer()),
        sa.Column("span_end", sa.Integer()),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["tracked_items.id"], name="fk_item_links_item_id_tracked_items",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_item_links_document_id_documents",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_item_links"),
    )
    op.create_index("ix_item_links_item_id", "item_links", ["item_id"])
    op.create_index("ix_item_links_document_id", "item_links", ["document_id"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for stmt in SQLITE_FTS:
            op.execute(stmt)
    elif bind.dialect.name == "postgresql":
        op.execute(PG_FTS)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trig in ("documents_fts_ai", "documents_fts_ad", "documents_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trig}")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_fts")
    op.drop_table("item_links")
    op.drop_table("fact_status")
    op.drop_table("users")
