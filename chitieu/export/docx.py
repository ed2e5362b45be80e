"""Word (.docx): a draft synthesis report built from the judged targets and open tasks.

Sections: I. Kết quả thực hiện các chỉ tiêu (counts by status, then one table per locality
and period); II. Các chỉ tiêu chậm tiến độ, có nguy cơ không đạt; III. Các kết luận, chỉ
đạo chưa hoàn thành; IV. Các kiến nghị, đề xuất chưa được giải quyết. It is a draft
(DỰ THẢO) for an official to edit: every figure says which document it came from.
"""

from __future__ import annotations

from collections import Counter
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import _Cell

from chitieu.assess.service_views import ScoreRow, TrackedItemView
from chitieu.export.data import ExportData
from chitieu.export.palette import NO_STATUS, SEVERITY, status_colour
from chitieu.export.xmltext import xml_safe
from chitieu.format import vn_number

BEHIND = ("chậm tiến độ", "nguy cơ không đạt", "không đạt")
DONE = ("hoàn thành đúng hạn", "hoàn thành quá hạn")
TABLE_HEADERS = ("TT", "Chỉ tiêu", "Thực hiện", "% kế hoạch", "Đánh giá")


def write_docx(data: ExportData, out: Path | BytesIO) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    _heading_block(doc, data)
    _results(doc, data)
    _behind(doc, data.rows)
    _open_items(doc, "III. CÁC KẾT LUẬN, CHỈ ĐẠO CHƯA HOÀN THÀNH",
                [i for i in data.items if i.kind == "directive" and i.status not in DONE])
    _open_items(doc, "IV. CÁC KIẾN NGHỊ, ĐỀ XUẤT CHƯA ĐƯỢC GIẢI QUYẾT",
                [i for i in data.items if i.kind == "request" and i.status not in DONE])
    doc.save(out)


def _heading_block(doc: Document, data: ExportData) -> None:  # type: ignore[valid-type]
    motto = doc.add_paragraph()
    motto.alignment = WD_ALIGN_PARAGRAPH.CENTER
    motto.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n").bold = True
    motto.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    date = doc.add_paragraph(f"ngày {data.made.day:02d} tháng {data.made.month:02d} năm {data.made.year}")
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date.runs[0].italic = True
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO TỔNG HỢP (DỰ THẢO)\n").bold = True
    scope = xml_safe(data.scope)
    title.add_run(f"Tình hình thực hiện các chỉ tiêu, chỉ đạo và kiến nghị — {scope}").bold = True
    note = doc.add_paragraph("Dự thảo được lập tự động từ các báo cáo đã nạp; mỗi số liệu ghi rõ "
                             "văn bản nguồn để đối chiếu trước khi ban hành.")
    note.runs[0].italic = True


def _results(doc: Document, data: ExportData) -> None:  # type: ignore[valid-type]
    doc.add_heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", level=1)
    counts = Counter(r.status or NO_STATUS for r in data.rows)
    if not data.rows:
        doc.add_paragraph("Chưa có chỉ tiêu nào được đánh giá trong phạm vi này.")
        return
    parts = [f"{vn_number(counts[s])} chỉ tiêu {s}" for s in reversed(SEVERITY) if counts.get(s)]
    if counts.get(NO_STATUS):
        parts.append(f"{vn_number(counts[NO_STATUS])} chỉ tiêu chưa đánh giá được")
    doc.add_paragraph(f"Tổng số {vn_number(len(data.rows))} chỉ tiêu được theo dõi, trong đó: "
                      + "; ".join(parts) + ".")
    for label, rows in data.groups():
        doc.add_heading(xml_safe(label), level=2)
        _score_table(doc, rows)


def _score_table(doc: Document, rows: list[ScoreRow]) -> None:  # type: ignore[valid-type]
    table = doc.add_table(rows=1, cols=len(TABLE_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADERS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for n, r in enumerate(rows, start=1):
        share = r.plan_pct if r.plan_pct is not None else r.recomputed_pct
        cells = table.add_row().cells
        cells[0].text = str(n)
        cells[1].text = xml_safe(r.indicator_name or r.indicator)
        cells[2].text = xml_safe(" ".join(filter(None, (vn_number(r.value), r.unit))))
        cells[3].text = (vn_number(share) + "%") if share is not None else ""
        cells[4].text = r.status or NO_STATUS
        _shade(cells[4], status_colour(r.status).fill)


def _shade(cell: _Cell, fill: str) -> None:
    props = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    props.append(shd)


def _behind(doc: Document, rows: list[ScoreRow]) -> None:  # type: ignore[valid-type]
    doc.add_heading("II. CÁC CHỈ TIÊU CHẬM TIẾN ĐỘ, CÓ NGUY CƠ KHÔNG ĐẠT", level=1)
    behind = [r for r in rows if r.status in BEHIND]
    if not behind:
        doc.add_paragraph("Không có chỉ tiêu nào chậm tiến độ hoặc có nguy cơ không đạt.")
        return
    for r in sorted(behind, key=lambda r: (BEHIND.index(r.status or ""), r.locality or "")):
        share = r.plan_pct if r.plan_pct is not None else r.recomputed_pct
        text = f"{r.locality or r.locality_code or ''} — {r.indicator_name or r.indicator}: "
        text += " ".join(filter(None, (vn_number(r.value), r.unit)))
        if share is not None:
            text += f", đạt {vn_number(share)}% kế hoạch"
        if r.expected_pace is not None:
            text += f" (tiến độ yêu cầu {vn_number(r.expected_pace)}%)"
        if r.forecast_pct is not None:
            text += f"; dự báo cả kỳ {vn_number(r.forecast_pct)}%"
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(xml_safe(text + f" [{r.status}; văn bản {r.document_id}]."))
        p.runs[0].font.color.rgb = RGBColor.from_string("9B1C1C" if r.status != "chậm tiến độ" else "4A3800")


def _open_items(doc: Document, heading: str, items: list[TrackedItemView]) -> None:  # type: ignore[valid-type]
    doc.add_heading(heading, level=1)
    if not items:
        doc.add_paragraph("Không có.")
        return
    for it in items:
        who = ", ".join(filter(None, (it.issuer_name, it.issuer_title, it.issuer_body)))
        line = it.text
        if it.addressee:
            line = f"{it.addressee}: {line}"
        extra = [x for x in (f"người chỉ đạo: {who}" if who else "",
                             f"hạn {it.deadline.day:02d}/{it.deadline.month:02d}/{it.deadline.year}"
                             if it.deadline else "", it.status, f"văn bản {it.document_id}") if x]
        doc.add_paragraph(xml_safe(f"{line} ({'; '.join(extra)})."), style="List Number")
