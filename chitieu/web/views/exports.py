"""Downloads: the Excel 'biểu tổng hợp', the Word draft report, CSV; and the page that offers them."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from chitieu.export import gather, write_docx, write_xlsx
from chitieu.export.csv_file import csv_text
from chitieu.web.auth import check_read_access
from chitieu.web.deps import db
from chitieu.web.pages import add_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
Locality = Annotated[str | None, Query(description="Mã địa phương (mặc định: mọi địa phương)")]
Period = Annotated[str | None, Query(description="Kỳ báo cáo (mặc định: kỳ mới nhất của từng địa phương)")]


def _download(body: bytes, media_type: str, stem: str, ext: str) -> Response:
    name = f"{stem}-{dt.date.today().isoformat()}.{ext}"
    disposition = f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


def xlsx_download(session: Annotated[Session, Depends(db)], dia_phuong: Locality = None,
                  ky: Period = None) -> Response:
    """Biểu tổng hợp (Excel) of the targets per locality and period, with status colours."""
    buf = BytesIO()
    write_xlsx(gather(session, locality_code=dia_phuong or None, period=ky or None), buf)
    return _download(buf.getvalue(), XLSX, "bieu-tong-hop", "xlsx")


def docx_download(session: Annotated[Session, Depends(db)], dia_phuong: Locality = None,
                  ky: Period = None) -> Response:
    """Draft synthesis report (Word): results, targets behind pace, open directives and petitions."""
    buf = BytesIO()
    write_docx(gather(session, locality_code=dia_phuong or None, period=ky or None), buf)
    return _download(buf.getvalue(), DOCX, "bao-cao-tong-hop-du-thao", "docx")


def csv_download(session: Annotated[Session, Depends(db)], dia_phuong: Locality = None,
                 ky: Period = None) -> Response:
    """The judged targets as CSV (UTF-8 with BOM)."""
    text = csv_text(gather(session, locality_code=dia_phuong or None, period=ky or None))
    return _download(text.encode("utf-8"), "text/csv; charset=utf-8", "chi-tieu", "csv")


def exports_page() -> dict[str, Any]:
    """The downloads on offer."""
    return {"title": "Xuất dữ liệu", "files": [
        {"href": "/xuat/bieu-tong-hop.xlsx", "name": "Biểu tổng hợp chỉ tiêu (Excel)"},
        {"href": "/xuat/bao-cao.docx", "name": "Dự thảo báo cáo tổng hợp (Word)"},
        {"href": "/xuat/chi-tieu.csv", "name": "Bảng chỉ tiêu (CSV)"},
    ]}


def register(router: APIRouter) -> None:
    read = [Depends(check_read_access)]
    add_page(router, "/xuat", "exports.html", exports_page, name="exports", summary="Các tệp xuất")
    for path, endpoint, name in (("/xuat/bieu-tong-hop.xlsx", xlsx_download, "export_xlsx"),
                                 ("/xuat/bao-cao.docx", docx_download, "export_docx"),
                                 ("/xuat/chi-tieu.csv", csv_download, "export_csv")):
        router.add_api_route(path, endpoint, methods=["GET"], name=name, dependencies=read,
                             response_class=Response)
