"""Word documents: text in order, broken archives and zip bombs."""

from __future__ import annotations

import io
import zipfile

import pytest
from fixtures.documents import docx_bytes

from chitieu.read import ReadError, limits, read_bytes

PARAGRAPHS = [
    "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế xã hội năm nay.",
    "Năm qua, toàn xã trồng mới 45 ha rừng, đạt 112% kế hoạch.",
]
TABLE = [["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
         ["Thu ngân sách (triệu đồng)", "4.000", "4.250"]]


def test_paragraphs_and_table_cells_in_order() -> None:
    doc = read_bytes(docx_bytes(PARAGRAPHS, TABLE), "bao-cao.docx")
    assert doc.text.split("\n") == [
        *PARAGRAPHS,
        "Chỉ tiêu\tKế hoạch\tThực hiện",
        "Thu ngân sách (triệu đồng)\t4.000\t4.250",
        "Hết bảng.",
    ]
    assert doc.media_type.endswith("wordprocessingml.document")
    assert doc.encoding is None


def test_merged_cells_appear_once() -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Biểu tổng hợp các chỉ tiêu chủ yếu"
    table.cell(1, 0).text = "Số hộ nghèo"
    table.cell(1, 1).text = "120"
    out = io.BytesIO()
    document.save(out)
    doc = read_bytes(out.getvalue(), "gop.docx")
    assert doc.text == "Biểu tổng hợp các chỉ tiêu chủ yếu\nSố hộ nghèo\t120"


def test_truncated_docx_is_refused() -> None:
    data = docx_bytes(PARAGRAPHS)
    with pytest.raises(ReadError, match="DOCX hỏng"):
        read_bytes(data[: len(data) // 2], "cut.docx")


def test_corrupted_member_is_refused() -> None:
    data = bytearray(docx_bytes(PARAGRAPHS))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A
    with pytest.raises(ReadError, match="DOCX hỏng"):
        read_bytes(bytes(data), "hong.docx")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def test_zip_bomb_by_compression_ratio_is_refused_before_inflating() -> None:
    real = docx_bytes(PARAGRAPHS)
    with zipfile.ZipFile(io.BytesIO(real)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:-20] + b" " * (30 * 1024 * 1024)
    bomb = _zip(members)
    assert len(bomb) < 200_000
    with pytest.raises(ReadError, match="bom nén"):
        read_bytes(bomb, "bom.docx")


def test_zip_bomb_by_total_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNZIPPED", 10_000)
    with pytest.raises(ReadError, match=r"quá lớn.*bom nén"):
        read_bytes(docx_bytes(PARAGRAPHS), "to.docx")


def test_zip_that_is_not_a_word_document() -> None:
    with pytest.raises(ReadError, match="định dạng không hỗ trợ"):
        read_bytes(_zip({"xl/workbook.xml": b"<workbook/>"}), "bang.xlsx")


def test_docx_suffix_on_other_bytes() -> None:
    with pytest.raises(ReadError, match="DOCX hỏng"):
        read_bytes("Đây không phải tệp Word.".encode(), "gia.docx")
