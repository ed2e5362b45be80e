"""Tables of the application around the extraction: accounts, stored judgements, links.

- `users`: dashboard accounts with a role (viewer, editor, admin); passwords hashed.
- `fact_status`: the assessment of each fact (chitieu.assess), stored so that the
  dashboard reads judgements with SQL instead of recomputing them per request; it is
  rebuilt by `chitieu.assess.service.assess_all` whenever new documents arrive.
- `item_links`: follow-up evidence tying a later document to a tracked directive or
  request (same conclusion number cited, or the directive repeated).
Created by migration 0002.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chitieu.store.models import Base, JSONType, UTCDateTime

ROLES = ("viewer", "editor", "admin")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), nullable=False, unique=True)
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default="viewer")
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)


class FactStatusRow(Base):
    """One row per assessed fact; `status` uses the officials' words (chitieu.assess)."""

    __tablename__ = "fact_status"

    fact_id: Mapped[int] = mapped_column(
        ForeignKey("facts.id", ondelete="CASCADE"), primary_key=True)
    stated_pct: Mapped[float | None] = mapped_column(Float)
    recomputed_pct: Mapped[float | None] = mapped_column(Float)
    consistent: Mapped[bool | None] = mapped_column(Boolean)
    expected_pace: Mapped[float | None] = mapped_column(Float)
    pace_method: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str | None] = mapped_column(String(64))
    forecast_pct: Mapped[float | None] = mapped_column(Float)
    forecast_method: Mapped[str | None] = mapped_column(String(32))
    forecast_missed: Mapped[bool | None] = mapped_column(Boolean)
    reasons: Mapped[list[str] | None] = mapped_column(JSONType)  # why it is in the review queue
    assessed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)

    __table_args__ = (
        Index(None, "status"),
        Index("ix_fact_status_fact_id_status", "fact_id", "status"),  # migration 0003
        Index("ix_fact_status_assessed_at", "assessed_at"),
    )


class ItemLinkRow(Base):
    """Evidence in a later document that follows up a tracked directive or request."""

    __tablename__ = "item_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("tracked_items.id", ondelete="CASCADE"), nullable=False, index=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True)
    evidence: Mapped[str] = mapped_column(String(32), nullable=False)  # 'số hiệu' | 'nội dung lặp lại'
    score: Mapped[float] = mapped_column(Float, nullable=False, default=1.0)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    text: Mapped[str | None] = mapped_column(Text)
    span_start: Mapped[int | None] = mapped_column(Integer)
    span_end: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), nullable=False)
