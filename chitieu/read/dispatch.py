"""Choose a reader for a byte stream, a file or a URL, and walk many inputs.

Dispatch order for bytes (`read_bytes`):
1. magic numbers: "%PDF-" → PDF; a ZIP → DOCX (refused unless it is a Word file);
2. the declared media type (HTTP Content-Type) or the file suffix: HTML, PDF, DOCX, text;
3. anything else is sniffed: an HTML start → HTML; known binary formats → "định dạng
   không hỗ trợ"; otherwise it is tried as text.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from chitieu.model import Document
from chitieu.read import sniff
from chitieu.read.errors import ReadError
from chitieu.read.html_page import read_html
from chitieu.read.input import Input
from chitieu.read.jsonl import iter_jsonl
from chitieu.read.limits import MAX_BYTES, megabytes
from chitieu.read.pdf import read_pdf
from chitieu.read.text import decode
from chitieu.read.url import is_url, read_url
from chitieu.read.word import read_docx

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
WALKED_SUFFIXES = TEXT_SUFFIXES | frozenset({".html", ".htm", ".docx", ".pdf", ".jsonl"})

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_DOCX_TYPES = frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
UNSUPPORTED = "định dạng không hỗ trợ"


def read_bytes(data: bytes, name: str, media_type: str | None = None, *,
               charset: str | None = None, url: str | None = None) -> Document:
    """Read `data` (named `name`, e.g. a path or URL) into a Document; raises ReadError."""
    if not data:
        raise ReadError(name, "tệp rỗng")
    kind = sniff.kind_of(data)
    if kind == "pdf":
        return _with_url(read_pdf(data, name), url)
    if kind == "zip":
        return _with_url(read_docx(data, name), url)
    declared = _declared_kind(name, media_type, url)
    if declared == "html":
        return read_html(data, name, charset=charset, url=url)
    if declared in ("pdf", "docx"):
        raise ReadError(name, f"tệp {declared.upper()} hỏng: phần đầu tệp không đúng định dạng")
    if declared == "jsonl":
        raise ReadError(name, "tệp JSONL chứa nhiều văn bản; hãy đọc bằng iter_inputs")
    if declared == "text":
        return _text(data, name, charset, url)
    if kind == "html":
        return read_html(data, name, charset=charset, url=url)
    foreign = sniff.foreign_kind(data)
    if foreign:
        raise ReadError(name, f"{UNSUPPORTED}: {foreign}")
    try:
        return _text(data, name, charset, url)
    except ReadError as exc:
        raise ReadError(name, f"{UNSUPPORTED} ({exc.reason})") from exc


def read_path(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read one file; files above `max_bytes` are refused before they are read."""
    p = Path(path)
    return read_bytes(_load(p, max_bytes), str(p))


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int = MAX_BYTES) -> Iterator[Input]:
    """One Input per document under `paths` (files, folders walked recursively in sorted
    order, .jsonl crawls line by line, http(s):// URLs). Never raises on bad input."""
    for raw in paths:
        if is_url(raw):
            yield _attempt(str(raw), lambda url=str(raw): read_url(url))
            continue
        p = Path(raw)
        if p.is_dir():
            for f in _walk(p):
                yield from _file_inputs(f, max_bytes)
        else:
            yield from _file_inputs(p, max_bytes)


def _file_inputs(p: Path, max_bytes: int) -> Iterator[Input]:
    if p.suffix.lower() == ".jsonl" and p.is_file():
        try:
            yield from iter_jsonl(p, max_bytes)
        except Exception as exc:  # a bug must not stop the other inputs
            yield Input(str(p), error=_unexpected(exc))
        return
    yield _attempt(str(p), lambda: read_path(p, max_bytes=max_bytes))


def _attempt(source: str, read: Callable[[], Document]) -> Input:
    try:
        return Input(source, read())
    except ReadError as exc:
        return Input(source, error=exc.reason)
    except Exception as exc:  # a reader bug on hostile input: report it, go on
        return Input(source, error=_unexpected(exc))


def _unexpected(exc: Exception) -> str:
    return f"lỗi không mong đợi khi đọc: {type(exc).__name__}: {exc}"


def _walk(folder: Path) -> list[Path]:
    """Readable files under `folder`, sorted; hidden files and folders are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (Path(root) / f for f in files
                  if not f.startswith(".") and Path(f).suffix.lower() in WALKED_SUFFIXES)
    return sorted(found)


def _load(p: Path, max_bytes: int) -> bytes:
    source = str(p)
    try:
        st = p.stat()
    except FileNotFoundError as exc:
        raise ReadError(source, "không tìm thấy tệp hoặc thư mục") from exc
    except OSError as exc:
        raise ReadError(source, f"không mở được tệp: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(source, "là thư mục, không phải tệp")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(source, "không phải tệp thông thường")
    if st.st_size > max_bytes:
        raise ReadError(source, f"tệp quá lớn ({megabytes(st.st_size)}; giới hạn {megabytes(max_bytes)})")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise ReadError(source, f"không mở được tệp: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:  # the file grew after stat
        raise ReadError(source, f"tệp quá lớn (giới hạn {megabytes(max_bytes)})")
    return data


def _declared_kind(name: str, media_type: str | None, url: str | None) -> str | None:
    mt = (media_type or "").split(";")[0].strip().lower()
    if mt in _HTML_TYPES:
        return "html"
    if mt in _PDF_TYPES:
        return "pdf"
    if mt in _DOCX_TYPES:
        return "docx"
    if mt in _TEXT_TYPES:
        return "text"
    suffix = Path((url or name).split("?")[0].split("#")[0]).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix == ".pdf":
        return "pdf"
    if suffix == ".docx":
        return "docx"
    if suffix == ".jsonl":
        return "jsonl"
    return None


def _text(data: bytes, name: str, charset: str | None, url: str | None) -> Document:
    text, encoding = decode(data, name, charset)
    return Document(text=text, source=name, url=url, media_type="text/plain", encoding=encoding)


def _with_url(doc: Document, url: str | None) -> Document:
    if url is None:
        return doc
    from dataclasses import replace

    return replace(doc, url=url)
