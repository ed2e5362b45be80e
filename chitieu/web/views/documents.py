"""Documents: the list, one document with every extracted item marked, and full-text search."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.orm import Session

from chitieu.store import repo_web
from chitieu.web.deps import RowId, db
from chitieu.web.pages import add_page

KIND_NAMES = {"fact": "số liệu", "tally": "kết quả đếm", "reference": "văn bản dẫn chiếu",
              "person": "người", "directive": "chỉ đạo", "request": "kiến nghị"}
_HL = re.compile(r"^(\d{1,9})-(\d{1,9})$")


def document_page(document_id: RowId, session: Annotated[Session, Depends(db)],
                  hl: Annotated[str | None, Query(description="Đoạn cần tô sáng: đầu-cuối (vị trí ký tự)")]
                  = None) -> dict[str, Any]:
    """One report: its text and every item extracted from it, with spans."""
    doc = repo_web.get_document(session, document_id)
    if doc is None:
        raise HTTPException(404, "Không có văn bản này.")
    marks = repo_web.document_marks(session, document_id)
    counts = [{"kind": kind, "name": name, "n": sum(1 for m in marks if m.kind == kind)}
              for kind, name in KIND_NAMES.items()]
    return {"title": doc.title or doc.source, "document": doc.to_dict(),
            "marks": [m.to_dict() for m in marks], "counts": counts, "highlight": _span(hl, len(doc.text))}


def _span(raw: str | None, size: int) -> dict[str, int] | None:
    m = _HL.match(raw or "")
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return {"start": start, "end": end} if 0 <= start < end <= size else None


def documents_page(session: Annotated[Session, Depends(db)],
                   dia_phuong: Annotated[str | None, Query(description="Mã địa phương")] = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 100) -> dict[str, Any]:
    """The most recent reports (of one locality when `dia_phuong` is given)."""
    docs = repo_web.recent_documents(session, locality_code=dia_phuong, limit=limit)
    return {"title": "Văn bản", "total": repo_web.count_documents(session), "locality_code": dia_phuong,
            "documents": [d.to_dict() for d in docs]}


def search_page(session: Annotated[Session, Depends(db)],
                q: Annotated[str, Query(max_length=200, description="Từ cần tìm")] = "",
                limit: Annotated[int, Query(ge=1, le=200)] = 50) -> dict[str, Any]:
    """Full-text search over the reports (SQLite FTS5 or PostgreSQL full-text search)."""
    hits = repo_web.search_documents(session, q, limit=limit) if q.strip() else []
    return {"title": "Tìm kiếm", "q": q,
            "hits": [{**h.to_dict(), "parts": snippet_parts(h.snippet)} for h in hits]}


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A snippet with matched words marked → [{"text", "match"}] pieces."""
    parts: list[dict[str, Any]] = []
    for i, piece in enumerate(snippet.split(repo_web.MATCH_OPEN)):
        matched, _, rest = piece.partition(repo_web.MATCH_CLOSE) if i else ("", "", piece)
        if matched:
            parts.append({"text": matched, "match": True})
        if rest:
            parts.append({"text": rest, "match": False})
    return parts


def register(router: APIRouter) -> None:
    add_page(router, "/van-ban", "documents.html", documents_page, name="documents",
             summary="Danh sách văn bản")
    add_page(router, "/van-ban/{document_id}", "document.html", document_page, name="document",
             summary="Một văn bản, các mục trích xuất được tô sáng")
    add_page(router, "/tim-kiem", "search.html", search_page, name="search", summary="Tìm kiếm toàn văn")
