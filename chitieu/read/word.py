"""Word documents (.docx) via python-docx: paragraphs and table cells in document order.

The ZIP container is checked before python-docx opens it: a truncated or malformed
archive, one that is not a Word document, and a zip bomb (declared uncompressed size
above `MAX_UNZIPPED`, or a large member compressed more than `MAX_ZIP_RATIO` times)
are refused with a reason. Python's zipfile never inflates a member beyond its
declared size (it stops there and fails the CRC check), so the declared sizes bound
the memory used.

Text layout: one line per paragraph; a table row is one line with its cells joined
by a tab (paragraphs inside a cell on their own lines); merged cells appear once.
Text typed in legacy fonts (TCVN3 .VnTime, VNI-Times) is converted and marked in
`Document.encoding`; otherwise `encoding` is None (the XML is Unicode).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from chitieu.model import Document
from chitieu.read import legacy, limits
from chitieu.read.errors import ReadError

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (
    qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"))
BOMB = "có thể là bom nén (zip bomb)"
MAX_MEMBERS = 10_000


def read_docx(data: bytes, source: str) -> Document:
    check_zip(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_blocks(document.element.body, document))
    except Exception as exc:  # python-docx, lxml and zipfile raise many kinds on bad files
        raise ReadError(source, f"tệp DOCX hỏng: {type(exc).__name__}: {exc}") from exc
    if not text.strip():
        raise ReadError(source, "tệp DOCX không có chữ nào")
    old = legacy.detect(text)
    if old:
        text = legacy.convert(text, old)
    return Document(text=text, source=source, media_type=MEDIA_TYPE, encoding=old)


def check_zip(data: bytes, source: str) -> None:
    """Refuse a malformed archive, a non-Word archive or a zip bomb, before inflating anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError (bad version), OSError, ...
        raise ReadError(source, f"tệp DOCX hỏng hoặc bị cắt cụt (cấu trúc ZIP không đọc được: {exc})") \
            from exc
    if len(infos) > MAX_MEMBERS:
        raise ReadError(source, f"tệp ZIP có quá nhiều thành phần ({len(infos)}); {BOMB}")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ReadError(source, "định dạng không hỗ trợ: tệp ZIP không phải văn bản Word (.docx)")
    total = sum(i.file_size for i in infos)
    if total > limits.MAX_UNZIPPED:
        raise ReadError(source, f"tệp DOCX khi giải nén quá lớn ({limits.megabytes(total)}; giới hạn "
                                f"{limits.megabytes(limits.MAX_UNZIPPED)}); {BOMB}")
    for i in infos:
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size > limits.ZIP_RATIO_MIN_SIZE and ratio > limits.MAX_ZIP_RATIO:
            raise ReadError(source, f"tỷ lệ nén bất thường ở {i.filename} ({ratio:.0f} lần); {BOMB}")


def _blocks(parent: BaseOxmlElement, document: WordDocument) -> Iterator[str]:
    """Lines of text of the paragraphs and tables directly under `parent`, in order."""
    for child in parent.iterchildren():
        if child.tag == _P:
            text = Paragraph(child, document).text.strip()
            if text:
                yield text
        elif child.tag == _TBL:
            yield from _table(child, document)
        elif child.tag == _SDT:
            for content in child.iterchildren(_SDT_CONTENT):
                yield from _blocks(content, document)


def _table(tbl: BaseOxmlElement, document: WordDocument) -> Iterator[str]:
    for tr in tbl.iterchildren(_TR):
        cells = ["\n".join(_blocks(tc, document)) for tc in tr.iterchildren(_TC)]
        row = "\t".join(c for c in cells if c)
        if row:
            yield row
