"""The overview: every locality at its latest period, counts by status, on a map and as a list."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from chitieu.assess import service
from chitieu.export.palette import SEVERITY, worst
from chitieu.web.cache import PageCache
from chitieu.web.deps import db, page_cache
from chitieu.web.links import locality_href
from chitieu.web.pages import add_page
from chitieu.web.plain import plain


def overview_page(session: Annotated[Session, Depends(db)],
                  cache: Annotated[PageCache, Depends(page_cache)]) -> dict[str, Any]:
    """Localities with their latest period and the number of targets in each status."""
    return cache.get(session, "overview", lambda: overview_data(session))


def overview_data(session: Session) -> dict[str, Any]:
    localities = []
    totals: Counter[str] = Counter()
    for s in service.overview(session):
        row = plain(s)
        counts = {k: v for k, v in (row.get("counts") or {}).items() if k and v}
        totals.update(counts)
        row.update(counts=counts, worst=worst(counts), href=locality_href(s.locality_code))
        localities.append(row)
    localities.sort(key=_severity_key)
    return {
        "title": "Tổng quan",
        "statuses": list(reversed(SEVERITY)),
        "totals": dict(totals),
        "localities": localities,
        "with_coordinates": sum(1 for r in localities if r.get("latitude") is not None),
    }


def _severity_key(row: dict[str, Any]) -> tuple[int, int, str]:
    counts = row["counts"]
    rank = SEVERITY.index(row["worst"]) if row["worst"] in SEVERITY else len(SEVERITY)
    bad = counts.get(SEVERITY[0], 0) + counts.get(SEVERITY[1], 0) + counts.get(SEVERITY[2], 0)
    return rank, -bad, row.get("locality") or ""


def register(router: APIRouter) -> None:
    add_page(router, "/", "overview.html", overview_page, name="overview",
             summary="Tổng quan: các địa phương, kỳ báo cáo mới nhất")
