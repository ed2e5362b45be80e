"""PDF: text layer, encryption, scans and malformed files."""

from __future__ import annotations

import pytest
from fixtures.documents import blank_pdf, encrypt_pdf, text_pdf

from chitieu.read import ReadError, read_bytes

PAGES = [
    "Báo cáo tình hình kinh tế xã hội quý III.\nSản lượng lương thực ước đạt 9.800 tấn.",
    "Trang cuối: đề nghị tỉnh hỗ trợ kinh phí sửa chữa đường giao thông nông thôn.",
]


def test_text_layer_page_by_page() -> None:
    doc = read_bytes(text_pdf(PAGES), "quy3.pdf")
    assert doc.text.split("\n\n") == PAGES
    assert (doc.media_type, doc.encoding) == ("application/pdf", None)


def test_pdf_protected_only_against_editing_is_read() -> None:
    doc = read_bytes(encrypt_pdf(text_pdf(PAGES), user_password=""), "khoa-sua.pdf")
    assert PAGES[1] in doc.text


def test_pdf_with_a_password_is_refused() -> None:
    with pytest.raises(ReadError, match="PDF được mã hóa"):
        read_bytes(encrypt_pdf(text_pdf(PAGES), user_password="mat-khau"), "khoa.pdf")


def test_scanned_pdf_without_text_is_refused() -> None:
    with pytest.raises(ReadError, match=r"PDF không có lớp văn bản \(bản quét\).*OCR"):
        read_bytes(blank_pdf(pages=2), "quet.pdf")


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\nkhong phai pdf that",
    text_pdf(PAGES)[:400],
])
def test_malformed_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="PDF hỏng"):
        read_bytes(data, "hong.pdf")


def test_pdf_is_sniffed_whatever_the_suffix() -> None:
    doc = read_bytes(text_pdf(PAGES), "tai-ve.bin")
    assert doc.media_type == "application/pdf"
