"""A locality: scoreboard of its targets for a period, tallies, trends, directives and petitions."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.orm import Session

from chitieu.assess import service
from chitieu.store import repo_web
from chitieu.web.deps import db
from chitieu.web.links import fact_href, indicator_href, item_href, item_source_href, tally_href
from chitieu.web.pages import add_page
from chitieu.web.plain import plain

MAX_TRENDS = 8  # charts per page: the judged targets first
MAX_ROWS = 500


def locality_page(code: str, session: Annotated[Session, Depends(db)],
                  ky: Annotated[str | None, Query(description="Kỳ báo cáo (mặc định: kỳ mới nhất)")] = None,
                  ) -> dict[str, Any]:
    """One locality: its targets in a period with status, tallies, trend per indicator, tasks."""
    periods = repo_web.locality_periods(session, code)
    if not periods:
        raise HTTPException(404, "Không có báo cáo nào của địa phương này.")
    period = ky if ky is not None else periods[0].period
    rows = [_score(r) for r in service.scoreboard(session, locality_code=code, period=period, limit=MAX_ROWS)]
    items = service.tracked_items(session, locality_code=code, limit=200)
    return {
        "title": repo_web.locality_name(session, code) or code,
        "locality_code": code,
        "period": period,
        "periods": [p.to_dict() for p in periods],
        "counts": dict(Counter(r["status"] for r in rows if r["status"])),
        "scoreboard": rows,
        "tallies": [{**t.to_dict(), "href": tally_href(t.document_id, t.id)}
                    for t in repo_web.locality_tallies(session, code, period)],
        "trends": _trends(session, code, rows),
        "directives": [_item(i) for i in items if i.kind == "directive"],
        "requests": [_item(i) for i in items if i.kind == "request"],
    }


def _score(r: Any) -> dict[str, Any]:
    return {**plain(r), "href": fact_href(r.document_id, r.fact_id),
            "indicator_href": indicator_href(r.indicator_code)}


def _item(i: Any) -> dict[str, Any]:
    return {**plain(i), "href": item_href(i.id), "source": item_source_href(i.document_id, i.id)}


def _trends(session: Session, code: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["status"] is None):
        ic = r.get("indicator_code")
        if ic and ic not in seen and len(seen) < MAX_TRENDS:
            seen[ic] = {"indicator_code": ic, "name": r.get("indicator_name") or r.get("indicator"),
                        "unit": r.get("unit")}
    points = repo_web.locality_trends(session, code, list(seen))
    return [{**head, "points": [{**p, "href": fact_href(p["document_id"], p["fact_id"])} for p in points[ic]]}
            for ic, head in seen.items()]


def register(router: APIRouter) -> None:
    add_page(router, "/dia-phuong/{code}", "locality.html", locality_page, name="locality",
             summary="Một địa phương: bảng chỉ tiêu, kết quả đếm, xu hướng, chỉ đạo và kiến nghị")
