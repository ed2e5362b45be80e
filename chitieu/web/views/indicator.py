"""An indicator: every locality compared and ranked (best first, by the indicator's direction)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import RedirectResponse
from sqlalchemy.orm import Session

from chitieu.assess import service
from chitieu.store import repo_web
from chitieu.web.deps import RowId, db
from chitieu.web.links import fact_href, locality_href
from chitieu.web.pages import add_page
from chitieu.web.plain import plain


def indicator_page(code: str, session: Annotated[Session, Depends(db)],
                   ky: Annotated[str | None, Query(description="Kỳ báo cáo (mặc định: mọi kỳ)")] = None,
                   ) -> dict[str, Any]:
    """The localities' values of one indicator, ranked."""
    name, unit = repo_web.indicator_name(session, code)
    ranking = service.indicator_ranking(session, code, period=ky or None)
    rows = [{**plain(r), "rank": n, "href": fact_href(r.document_id, r.fact_id),
             "locality_href": locality_href(r.locality_code)} for n, r in enumerate(ranking, start=1)]
    return {"title": name or (rows[0]["indicator"] if rows else code), "indicator_code": code, "unit": unit,
            "period": ky, "periods": repo_web.indicator_periods(session, code), "ranking": rows}


def fact_redirect(fact_id: RowId, session: Annotated[Session, Depends(db)]) -> RedirectResponse:
    """A fact's sentence: redirects to its document, at the fact."""
    document_id = repo_web.fact_document(session, fact_id)
    if document_id is None:
        raise HTTPException(404, "Không có số liệu này.")
    return RedirectResponse(fact_href(document_id, fact_id) or "/", status_code=307)


def register(router: APIRouter) -> None:
    add_page(router, "/chi-tieu/{code}", "indicator.html", indicator_page, name="indicator",
             summary="Một chỉ tiêu: các địa phương so sánh và xếp hạng")
    router.add_api_route("/so-lieu/{fact_id}", fact_redirect, methods=["GET"], name="fact",
                         include_in_schema=False)
