"""Indexes for the dashboard's aggregated reads (overview, locality, indicator pages).

- documents (coalesce(locality_code, locality), period_end): "each place at its latest
  period" joins documents to their place's latest end on exactly this expression; without
  it every place scanned all documents of the same end (quadratic in places).
- documents (locality_code, period_start, period_end): a locality's facts of one period.
- facts (indicator_code, document_id): an indicator across localities, a trend.
- fact_status (fact_id, status): status counts read from the index alone.
- fact_status (assessed_at): the latest judgement time, part of the dashboard's cheap
  "has anything changed" check (chitieu.store.repo_web.data_version).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_place_period_end", "documents",
                    [sa.text("coalesce(locality_code, locality)"), "period_end"])
    op.create_index("ix_documents_locality_code_period", "documents",
                    ["locality_code", "period_start", "period_end"])
    op.create_index("ix_facts_indicator_code_document_id", "facts", ["indicator_code", "document_id"])
    op.create_index("ix_fact_status_fact_id_status", "fact_status", ["fact_id", "status"])
    op.create_index("ix_fact_status_assessed_at", "fact_status", ["assessed_at"])


def downgrade() -> None:
    op.drop_index("ix_fact_status_assessed_at", table_name="fact_status")
    op.drop_index("ix_fact_status_fact_id_status", table_name="fact_status")
    op.drop_index("ix_facts_indicator_code_document_id", table_name="facts")
    op.drop_index("ix_documents_locality_code_period", table_name="documents")
    op.drop_index("ix_documents_place_period_end", table_name="documents")
