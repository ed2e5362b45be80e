"""The review queue: facts the extractor was unsure of; an editor accepts or corrects them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from chitieu.assess import service
from chitieu.web.auth import CurrentUser, require_role
from chitieu.web.deps import RowId, db
from chitieu.web.links import fact_href
from chitieu.web.pages import add_page
from chitieu.web.plain import plain
from chitieu.web.render import render

# Form field → correctable field of the service (numbers come from <input type="number">).
NUMBER_FIELDS = {"gia_tri": "value", "ke_hoach": "plan_value", "ty_le": "plan_pct"}
TEXT_FIELDS = {"chi_tieu": "indicator", "don_vi": "unit"}


def review_page(session: Annotated[Session, Depends(db)],
                limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    """Facts waiting for a reviewer, with the reasons."""
    rows = service.review_queue(session, limit=limit)
    return {"title": "Rà soát số liệu",
            "facts": [{**plain(r), "href": fact_href(r.document_id, r.fact_id)} for r in rows]}


async def accept(request: Request, fact_id: RowId,
                 user: Annotated[CurrentUser, Depends(require_role("editor"))]) -> Response:
    """Accept a fact as extracted (editors)."""
    try:
        with request.app.state.store.transaction() as session:
            service.accept_fact(session, fact_id, reviewer=user.username)
    except service.FactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    return RedirectResponse("/ra-soat", status_code=303)


async def correct(request: Request, fact_id: RowId,
                  user: Annotated[CurrentUser, Depends(require_role("editor"))]) -> Response:
    """Record a correction of some fields of a fact (editors); the extracted row stays as it was."""
    form = await request.form()
    try:
        changes = _changes({k: v for k, v in form.items() if isinstance(v, str)})
        with request.app.state.store.transaction() as session:
            service.correct_fact(session, fact_id, changes, reviewer=user.username,
                                 note=str(form.get("ghi_chu") or "") or None)
    except service.FactNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except ValueError as exc:
        page = {"title": "Không lưu được hiệu chỉnh", "message": str(exc), "back": "/ra-soat"}
        return render(request, "error.html", page, status_code=422)
    return RedirectResponse("/ra-soat", status_code=303)


def _changes(form: dict[str, str]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    for name, field in TEXT_FIELDS.items():
        if form.get(name, "").strip():
            changes[field] = form[name].strip()
    for name, field in NUMBER_FIELDS.items():
        raw = form.get(name, "").strip()
        if raw:
            try:
                changes[field] = float(raw)
            except ValueError:
                raise ValueError(f"«{raw}» không phải là số.") from None
    return changes


def register(router: APIRouter) -> None:
    add_page(router, "/ra-soat", "review.html", review_page, name="review",
             summary="Hàng chờ rà soát số liệu")
    router.add_api_route("/ra-soat/{fact_id}/chap-nhan", accept, methods=["POST"], name="accept_fact",
                         summary="Chấp nhận số liệu (biên tập viên)")
    router.add_api_route("/ra-soat/{fact_id}/hieu-chinh", correct, methods=["POST"], name="correct_fact",
                         summary="Hiệu chỉnh số liệu (biên tập viên)")
