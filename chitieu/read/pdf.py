"""PDF via pypdf: the text layer, page by page.

An encrypted PDF is opened with the empty password first (many are only protected
against editing); one that needs a real password is refused. A PDF whose pages hold
(almost) no letters is a scan: refused, OCR is needed first. Malformed files are
refused with pypdf's reason. Pages are joined by a blank line. Legacy-font text
(TCVN3, VNI) is converted and marked in `Document.encoding`.
"""

from __future__ import annotations

import io
import logging

from pypdf import PasswordType, PdfReader

from chitieu.model import Document
from chitieu.read import legacy, limits
from chitieu.read.errors import ReadError

MEDIA_TYPE = "application/pdf"
MIN_LETTERS_PER_PAGE = 10  # below this on average, the PDF is taken for a scan

# pypdf logs its repairs of broken files; the reason that matters is in the ReadError.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)


def read_pdf(data: bytes, source: str) -> Document:
    reader = _open(data, source)
    try:
        count = len(reader.pages)
    except Exception as exc:  # a broken page tree
        raise ReadError(source, f"PDF hỏng: {type(exc).__name__}: {exc}") from exc
    if count == 0:
        raise ReadError(source, "PDF không có trang nào")
    if count > limits.MAX_PDF_PAGES:
        raise ReadError(source, f"PDF quá nhiều trang ({count}; giới hạn {limits.MAX_PDF_PAGES})")
    texts, failed = _page_texts(reader)
    text = "\n\n".join(texts)
    letters = sum(ch.isalpha() for ch in text)
    if failed == count:
        raise ReadError(source, "PDF hỏng: không trang nào đọc được")
    if letters < MIN_LETTERS_PER_PAGE * count:
        raise ReadError(source, "PDF không có lớp văn bản (bản quét); cần nhận dạng ký tự (OCR) trước")
    old = legacy.detect(text)
    if old:
        text = legacy.convert(text, old)
    return Document(text=text, source=source, media_type=MEDIA_TYPE, encoding=old)


def _open(data: bytes, source: str) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
    except Exception as exc:  # pypdf raises many kinds on malformed files
        raise ReadError(source, f"PDF hỏng: {type(exc).__name__}: {exc}") from exc
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # unsupported algorithm, missing crypto library
            raise ReadError(source, f"PDF được mã hóa, không giải mã được ({exc})") from exc
        if opened == PasswordType.NOT_DECRYPTED:
            raise ReadError(source, "PDF được mã hóa bằng mật khẩu; hãy gỡ mật khẩu rồi đọc lại")
    return reader


def _page_texts(reader: PdfReader) -> tuple[list[str], int]:
    texts: list[str] = []
    failed = 0
    for page in reader.pages:
        try:
            text = (page.extract_text() or "").strip()
        except Exception:  # one broken page must not lose the others
            failed += 1
            continue
        if text:
            texts.append(text)
    return texts, failed
