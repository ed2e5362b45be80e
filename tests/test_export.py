"""Exports read back: the Excel summary table, the Word draft report, CSV; from the
library, the dashboard and the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_support import TODAY, fill

from chitieu.cli import main
from chitieu.export import gather, write_csv, write_docx, write_xlsx
from chitieu.export.palette import STATUS, status_colour
from chitieu.export.xlsx import HEADERS, roman
from chitieu.store import Store
from chitieu.web import Settings, create_app


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    fill(store, tmp_path / "bao-cao")
    return store


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        if [c.value for c in row[:2]] == ["TT", "Chỉ tiêu"]:
            return row[0].row
    raise AssertionError("no header row")


def test_xlsx_is_a_summary_table_with_status_colours(filled: Store, tmp_path: Path) -> None:
    with filled.reading() as session:
        data = gather(session, today=TODAY)
    out = tmp_path / "bieu.xlsx"
    write_xlsx(data, out)
    wb = openpyxl.load_workbook(out)
    ws = wb["Biểu tổng hợp"]
    assert "BIỂU TỔNG HỢP" in ws["A1"].value
    head = _header_row(ws)
    assert tuple(c.value for c in ws[head]) == HEADERS
    assert ws.cell(row=head + 1, column=1).value == "(1)"  # column numbers under the header
    groups = [r for r in ws.iter_rows(min_row=head + 2) if r[0].value in (roman(1), roman(2))]
    assert sorted(g[1].value for g in groups) == ["huyện Cư Jút — 9 tháng năm 2025", "huyện Lắk — năm 2024"]
    targets = [r for r in ws.iter_rows(min_row=head + 2) if isinstance(r[0].value, int)]
    assert len(targets) == len(data.rows) > 0
    for r in targets:
        status = r[7].value
        assert status in STATUS
        assert r[7].fill.fgColor.rgb[-6:] == status_colour(status).fill
    revenue = next(r for r in targets if r[4].value == 118_900)
    assert revenue[5].value == pytest.approx(92.2) and revenue[2].value == "triệu đồng"
    items = wb["Chỉ đạo - kiến nghị"]
    assert items.max_row - 4 == len(data.items)


def test_docx_has_the_four_sections(filled: Store, tmp_path: Path) -> None:
    with filled.reading() as session:
        data = gather(session, today=TODAY)
    out = tmp_path / "bao-cao.docx"
    write_docx(data, out)
    d = docx.Document(str(out))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"
    for section in ("II. CÁC CHỈ TIÊU CHẬM TIẾN ĐỘ, CÓ NGUY CƠ KHÔNG ĐẠT",
                    "III. CÁC KẾT LUẬN, CHỈ ĐẠO CHƯA HOÀN THÀNH",
                    "IV. CÁC KIẾN NGHỊ, ĐỀ XUẤT CHƯA ĐƯỢC GIẢI QUYẾT"):
        assert section in headings
    text = "\n".join(p.text for p in d.paragraphs)
    assert "BÁO CÁO TỔNG HỢP (DỰ THẢO)" in text
    assert f"Tổng số {len(data.rows)} chỉ tiêu" in text
    assert "Ban Quản lý dự án huyện" in text  # an open directive, with its owner
    assert len(d.tables) == 2  # one per locality and period
    assert any("118.900" in c.text for t in d.tables for row in t.rows for c in row.cells)


def test_csv_parses_back(filled: Store) -> None:
    with filled.reading() as session:
        data = gather(session, locality_code="656", period="năm 2024", today=TODAY)
    buf = io.StringIO()
    write_csv(data, buf)
    text = buf.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert rows and {r["locality_code"] for r in rows} == {"656"}
    revenue = next(r for r in rows if r["indicator_code"] == "NS_THU_NSNN")
    assert float(revenue["value"]) == 118_900 and float(revenue["plan_pct"]) == pytest.approx(92.2)
    assert revenue["locality"] == "huyện Lắk"


def test_downloads_from_the_dashboard(filled: Store) -> None:
    with TestClient(create_app(store=filled, settings=Settings(secret_key="k"))) as c:
        x = c.get("/xuat/bieu-tong-hop.xlsx", params={"dia_phuong": "662"})
        assert x.status_code == 200 and "bieu-tong-hop" in x.headers["content-disposition"]
        ws = openpyxl.load_workbook(io.BytesIO(x.content))["Biểu tổng hợp"]
        assert "huyện Cư Jút" in ws["A2"].value
        w = c.get("/xuat/bao-cao.docx")
        assert w.status_code == 200 and docx.Document(io.BytesIO(w.content)).paragraphs
        s = c.get("/xuat/chi-tieu.csv", params={"dia_phuong": "656", "ky": "6 tháng đầu năm 2024"})
        rows = list(csv.DictReader(io.StringIO(s.content.decode("utf-8-sig"))))
        assert rows and {r["period"] for r in rows} == {"6 tháng đầu năm 2024"}


def test_export_command(filled: Store, tmp_path: Path) -> None:
    for kind in ("xlsx", "docx", "csv"):
        out = tmp_path / f"ra.{kind}"
        result = CliRunner().invoke(main, ["export", kind, "--out", str(out), "--db", filled.url])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and "Đã ghi" in result.output
    assert openpyxl.load_workbook(tmp_path / "ra.xlsx").sheetnames == ["Biểu tổng hợp", "Chỉ đạo - kiến nghị"]


def test_control_characters_do_not_break_the_office_files(filled: Store) -> None:
    with TestClient(create_app(store=filled, settings=Settings(secret_key="k"))) as c:
        for path in ("/xuat/bieu-tong-hop.xlsx", "/xuat/bao-cao.docx", "/xuat/chi-tieu.csv"):
            r = c.get(path, params={"dia_phuong": "656\x01", "ky": "năm\x0b 2024\x1f"})
            assert r.status_code == 200, path
            # A NUL is no valid filter on any backend: refused before it reaches the store.
            assert c.get(path, params={"ky": "năm 2024\x00"}).status_code == 400, path
        x = c.get("/xuat/bieu-tong-hop.xlsx", params={"ky": "năm\x0b 2024"})
        assert "năm 2024" in openpyxl.load_workbook(io.BytesIO(x.content))["Biểu tổng hợp"]["A2"].value
