"""Excel (.xlsx): a 'biểu tổng hợp' of targets per locality and period, with status colours.

Layout, as such tables are usually laid out: a title block (name of the table, scope, date
made), then the header row (TT, Chỉ tiêu, Đơn vị tính, Kế hoạch, Thực hiện, % so với kế
hoạch, Tiến độ yêu cầu, Đánh giá, Dự báo cả kỳ, Ghi chú/nguồn); each locality and period is
a group row numbered I, II, III ... and its targets are numbered 1, 2, 3 ... The status
cell is filled with its colour; a legend follows the table. A second sheet lists the
directives and petitions with their states.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from chitieu.assess.service_views import ScoreRow
from chitieu.export.data import ExportData
from chitieu.export.palette import NO_STATUS, STATUS, TASK, status_colour
from chitieu.export.xmltext import xml_safe

HEADERS = ("TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "% so với kế hoạch",
           "Tiến độ yêu cầu (%)", "Đánh giá", "Dự báo cả kỳ (%)", "Ghi chú (nguồn)")
WIDTHS = (6, 46, 14, 14, 14, 14, 14, 20, 14, 40)
ITEM_HEADERS = ("TT", "Loại", "Nội dung", "Đơn vị chủ trì", "Hạn", "Trạng thái", "Địa phương", "Văn bản")
ITEM_WIDTHS = (6, 12, 70, 28, 12, 26, 24, 10)
STATUS_COL = 8
NUMBER = "number"  # "#,##0" for whole numbers, "#,##0.00" otherwise (see _number_format)
PERCENT = "0.0"
THIN = Side(style="thin", color="9CA3AF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def write_xlsx(data: ExportData, out: Path | BytesIO) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Biểu tổng hợp"
    row = _title_block(ws, data, len(HEADERS))
    row = _header(ws, row, HEADERS, WIDTHS)
    first_data = row
    for group_no, (label, rows) in enumerate(data.groups(), start=1):
        _group_row(ws, row, f"{roman(group_no)}", label, len(HEADERS))
        row += 1
        for n, r in enumerate(rows, start=1):
            _target_row(ws, row, n, r)
            row += 1
    if row == first_data:
        ws.cell(row=row, column=2, value="Chưa có chỉ tiêu nào được đánh giá.")
        row += 1
    ws.freeze_panes = ws.cell(row=first_data, column=3)
    _legend(ws, row + 1)
    _items_sheet(wb.create_sheet("Chỉ đạo - kiến nghị"), data)
    wb.save(out)


def _title_block(ws: Worksheet, data: ExportData, width: int) -> int:
    last = get_column_letter(width)
    lines = [(data.title.upper(), Font(bold=True, size=14)), (f"Phạm vi: {data.scope}", Font(italic=True)),
             (f"Lập ngày {data.made.day:02d}/{data.made.month:02d}/{data.made.year} bằng chitieu "
              "từ các báo cáo đã nạp; số liệu cần được đối chiếu trước khi sử dụng.",
              Font(italic=True, size=9))]
    for i, (text, font) in enumerate(lines, start=1):
        ws.merge_cells(f"A{i}:{last}{i}")
        cell = ws.cell(row=i, column=1, value=xml_safe(text))
        cell.font, cell.alignment = font, CENTER
    return len(lines) + 2


def _header(ws: Worksheet, row: int, headers: tuple[str, ...], widths: tuple[int, ...]) -> int:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font, cell.alignment, cell.border = BOLD, CENTER, BOX
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        ws.column_dimensions[get_column_letter(col)].width = width
    for col in range(1, len(headers) + 1):  # the column numbers under the header, as such tables have
        cell = ws.cell(row=row + 1, column=col, value=f"({col})")
        cell.font, cell.alignment, cell.border = Font(italic=True, size=9), CENTER, BOX
    return row + 2


def _group_row(ws: Worksheet, row: int, number: str, label: str, width: int) -> None:
    ws.cell(row=row, column=1, value=number)
    ws.cell(row=row, column=2, value=xml_safe(label))
    for col in range(1, width + 1):
        cell = ws.cell(row=row, column=col)
        cell.font, cell.border = BOLD, BOX
        cell.fill = PatternFill("solid", fgColor="F3F4F6")


def _target_row(ws: Worksheet, row: int, n: int, r: ScoreRow) -> None:
    share = r.plan_pct if r.plan_pct is not None else r.recomputed_pct
    values = (n, r.indicator_name or r.indicator, r.unit, r.plan_value, r.value, share, r.expected_pace,
              r.status or NO_STATUS, r.forecast_pct, _note(r))
    formats = (None, None, None, NUMBER, NUMBER, PERCENT, PERCENT, None, PERCENT, None)
    for col, (value, fmt) in enumerate(zip(values, formats, strict=True), start=1):
        cell = ws.cell(row=row, column=col, value=xml_safe(value))
        cell.border, cell.alignment = BOX, WRAP
        if fmt and isinstance(value, int | float):
            cell.number_format = _number_format(value) if fmt == NUMBER else fmt
    colour = status_colour(r.status)
    status = ws.cell(row=row, column=STATUS_COL)
    status.fill = PatternFill("solid", fgColor=colour.fill)
    status.font = Font(color=colour.ink, bold=True)


def _number_format(value: float) -> str:
    return "#,##0" if float(value).is_integer() else "#,##0.00"


def _note(r: ScoreRow) -> str:
    parts = [f"văn bản {r.document_id}"]
    if r.estimated:
        parts.append("ước tính")
    if r.consistent is False:
        parts.append("tỷ lệ nêu không khớp số liệu")
    if r.corrected:
        parts.append("đã hiệu chỉnh")
    return "; ".join(parts)


def _legend(ws: Worksheet, row: int) -> None:
    ws.cell(row=row, column=2, value="Chú giải màu (cột Đánh giá):").font = BOLD
    for i, (word, colour) in enumerate(STATUS.items(), start=1):
        cell = ws.cell(row=row + i, column=2, value=word)
        cell.fill = PatternFill("solid", fgColor=colour.fill)
        cell.font = Font(color=colour.ink)


def _items_sheet(ws: Worksheet, data: ExportData) -> None:
    ws.merge_cells(f"A1:{get_column_letter(len(ITEM_HEADERS))}1")
    title = ws.cell(row=1, column=1, value="DANH MỤC CHỈ ĐẠO, KIẾN NGHỊ VÀ TÌNH TRẠNG THỰC HIỆN")
    title.font, title.alignment = Font(bold=True, size=13), CENTER
    row = _header(ws, 3, ITEM_HEADERS, ITEM_WIDTHS)
    kinds = {"directive": "Chỉ đạo", "request": "Kiến nghị"}
    for n, it in enumerate(data.items, start=1):
        values = (n, kinds.get(it.kind, it.kind), it.text, it.addressee, it.deadline, it.status, it.locality,
                  it.document_id)
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=xml_safe(value))
            cell.border, cell.alignment = BOX, WRAP
            if col == 5 and value is not None:
                cell.number_format = "DD/MM/YYYY"
        colour = TASK.get(it.status) or status_colour(None)
        state = ws.cell(row=row, column=6)
        state.fill = PatternFill("solid", fgColor=colour.fill)
        state.font = Font(color=colour.ink)
        row += 1
