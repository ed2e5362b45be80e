"""Recognize a byte stream's kind from its first bytes (magic numbers).

`kind_of(data)` answers "pdf", "zip", "html" or None (nothing recognizable: maybe
text). `foreign_kind(data)` names binary formats no reader handles (images,
archives, programs, old Office files), for a clear refusal.
"""

from __future__ import annotations

import re

# (prefix, offset, user-facing name) of formats that are certainly not text.
_FOREIGN: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "ảnh PNG"),
    (b"\xff\xd8\xff", 0, "ảnh JPEG"),
    (b"GIF87a", 0, "ảnh GIF"),
    (b"GIF89a", 0, "ảnh GIF"),
    (b"II*\x00", 0, "ảnh TIFF"),
    (b"MM\x00*", 0, "ảnh TIFF"),
    (b"WEBP", 8, "ảnh WebP"),
    (b"ftyp", 4, "tệp video/âm thanh MP4"),
    (b"ID3", 0, "tệp âm thanh MP3"),
    (b"\x1f\x8b", 0, "tệp nén gzip"),
    (b"BZh", 0, "tệp nén bzip2"),
    (b"\xfd7zXZ\x00", 0, "tệp nén xz"),
    (b"7z\xbc\xaf\x27\x1c", 0, "tệp nén 7z"),
    (b"Rar!\x1a\x07", 0, "tệp nén RAR"),
    (b"\x7fELF", 0, "chương trình (ELF)"),
    (b"\xca\xfe\xba\xbe", 0, "chương trình (Java/Mach-O)"),
    (b"\xcf\xfa\xed\xfe", 0, "chương trình (Mach-O)"),
    (b"SQLite format 3\x00", 0, "cơ sở dữ liệu SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0,
     "tệp Office đời cũ (.doc/.xls); hãy lưu lại thành .docx hoặc PDF"),
    (b"{\\rtf", 0, "tệp RTF; hãy lưu lại thành .docx hoặc PDF"),
)

_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)


def kind_of(data: bytes) -> str | None:
    """'pdf', 'zip' or 'html' when the first bytes say so, else None."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-":
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    return None


def foreign_kind(data: bytes) -> str | None:
    """The name of a binary format that is not a document we read, if recognized."""
    for prefix, offset, name in _FOREIGN:
        if data[offset:offset + len(prefix)] == prefix:
            return name
    if data[:2] == b"MZ" and b"\x00" in data[:64]:
        return "chương trình Windows (.exe/.dll)"
    return None
