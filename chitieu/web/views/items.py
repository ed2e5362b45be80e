"""Directives and petitions: the board (filter by state, owner, overdue), one item, changing its state."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from chitieu.assess import TaskState, TrackingError, service
from chitieu.assess.service_tasks import is_overdue
from chitieu.assess.service_views import TrackedItemView
from chitieu.store import repo_assess
from chitieu.web.auth import CurrentUser, require_role
from chitieu.web.deps import RowId, db
from chitieu.web.links import item_href, item_source_href, locality_href
from chitieu.web.pages import add_page
from chitieu.web.plain import plain
from chitieu.web.render import render

KINDS = {"directive": "Chỉ đạo", "request": "Kiến nghị"}
STATES = [str(s) for s in TaskState]


def item_dict(i: TrackedItemView) -> dict[str, Any]:
    return {**plain(i), "kind_name": KINDS.get(i.kind, i.kind), "href": item_href(i.id),
            "source": item_source_href(i.document_id, i.id), "locality_href": locality_href(i.locality_code)}


def board_page(session: Annotated[Session, Depends(db)],
               loai: Annotated[str | None, Query(description="directive hoặc request")] = None,
               trang_thai: Annotated[str | None, Query(description="Trạng thái")] = None,
               don_vi: Annotated[str | None, Query(max_length=200, description="Đơn vị chủ trì")] = None,
               qua_han: Annotated[bool, Query(description="Chỉ các nhiệm vụ quá hạn")] = False,
               dia_phuong: Annotated[str | None, Query(description="Mã địa phương")] = None,
               limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    """Directives and petitions with their states, the nearest deadline first."""
    kind = loai if loai in KINDS else None
    status = trang_thai if trang_thai in STATES else None
    rows = service.tracked_items(session, kind=kind, status=status, overdue=qua_han, owner=(don_vi or None),
                                 locality_code=dia_phuong or None, limit=limit)
    return {"title": "Chỉ đạo và kiến nghị", "kinds": KINDS, "states": STATES,
            "filters": {"loai": kind, "trang_thai": status, "don_vi": don_vi or "", "qua_han": qua_han,
                        "dia_phuong": dia_phuong or ""},
            "items": [item_dict(i) for i in rows]}


def one_item(session: Session, item_id: int) -> TrackedItemView | None:
    """One tracked item as the service shows items (the service lists; this picks one by id)."""
    today = dt.date.today()
    rows = repo_assess.items(session, repo_assess.ItemQuery(item_id=item_id), limit=1)
    if not rows:
        return None
    r = rows[0]
    return TrackedItemView(
        id=r.id, kind=r.kind, text=r.text, document_id=r.document_id, span_start=r.span_start,
        span_end=r.span_end, issuer_name=r.issuer_name, issuer_title=r.issuer_title,
        issuer_body=r.issuer_body, addressee=r.addressee, deadline=r.deadline, status=r.status,
        overdue=is_overdue(r.status, r.deadline, today), links=r.links or 0, locality=r.locality,
        locality_code=r.locality_code, published=r.published)


def item_page(item_id: RowId, session: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    """One directive or petition: its text, state, history of changes and follow-ups."""
    item = one_item(session, item_id)
    if item is None:
        raise HTTPException(404, "Không có nhiệm vụ này.")
    return {"title": f"{KINDS.get(item.kind, item.kind)} số {item.id}", "item": item_dict(item),
            "states": [s for s in STATES if s != item.status],
            "history": [plain(h) for h in service.item_history(session, item_id)],
            "links": [{**plain(link), "href": f"/van-ban/{link.document_id}"
                       + (f"?hl={link.span_start}-{link.span_end}" if link.span_start is not None else "")}
                      for link in service.item_links(session, item_id)]}


async def change_state(request: Request, item_id: RowId,
                       user: Annotated[CurrentUser, Depends(require_role("editor"))],
                       trang_thai: Annotated[str, Form()], ly_do: Annotated[str, Form()] = "",
                       han_moi: Annotated[str, Form()] = "") -> Response:
    """Move a directive or petition to another state (editors; reason required for some moves)."""
    try:
        deadline = dt.date.fromisoformat(han_moi) if han_moi.strip() else None
        with request.app.state.store.transaction() as session:
            service.set_status(session, item_id, trang_thai, who=user.username, why=ly_do or None,
                               deadline=deadline)
    except service.ItemNotFound as exc:
        raise HTTPException(404, str(exc)) from exc
    except (TrackingError, ValueError) as exc:
        page = {"title": "Không đổi được trạng thái", "message": str(exc), "back": item_href(item_id)}
        return render(request, "error.html", page, status_code=422)
    return RedirectResponse(item_href(item_id) + "?da_luu=1", status_code=303)


def register(router: APIRouter) -> None:
    add_page(router, "/chi-dao", "items.html", board_page, name="items",
             summary="Bảng chỉ đạo và kiến nghị (lọc theo trạng thái, đơn vị, quá hạn)")
    add_page(router, "/chi-dao/{item_id}", "item.html", item_page, name="item",
             summary="Một chỉ đạo hoặc kiến nghị, lịch sử và các lần nhắc lại")
    router.add_api_route("/chi-dao/{item_id}/trang-thai", change_state, methods=["POST"], name="change_state",
                         summary="Đổi trạng thái (biên tập viên)")
