"""JSON Lines crawls: one document per line.

Each line is a JSON object with "text" (or, failing that, "html": a whole page read
like any web page) and optional "url", "title", "published". Every non-blank line
yields its own `Input` with source "FILE:LINE" (1-based); a malformed line yields an
Input with the reason and the next lines are still read. The file is streamed, never
loaded whole; a line longer than `max_bytes` is skipped with a reason.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from chitieu.model import Document
from chitieu.read.dates import iso_date
from chitieu.read.errors import ReadError
from chitieu.read.html_page import read_html
from chitieu.read.input import Input
from chitieu.read.limits import MAX_BYTES, megabytes

MEDIA_TYPE = "text/plain"


def iter_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Input]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield Input(str(path), error=f"không mở được tệp: {exc.strerror or exc}")
        return
    with fh:
        yield from _lines(fh, str(path), max_bytes)


def _lines(fh: BinaryIO, name: str, max_bytes: int) -> Iterator[Input]:
    number = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        source = f"{name}:{number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            _skip_rest_of_line(fh)
            yield Input(source, error=f"dòng quá dài (hơn {megabytes(max_bytes)})")
            continue
        if not raw.strip():
            continue
        try:
            yield Input(source, parse_line(raw, source))
        except ReadError as exc:
            yield Input(source, error=exc.reason)


def _skip_rest_of_line(fh: BinaryIO) -> None:
    while True:
        chunk = fh.readline(1024 * 1024)
        if not chunk or chunk.endswith(b"\n"):
            return


def parse_line(raw: bytes, source: str) -> Document:
    """The document of one JSONL line; raises ReadError with the reason."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(source, f"dòng không phải UTF-8 (byte lỗi ở vị trí {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise ReadError(source, f"JSON không hợp lệ: {exc.msg} (cột {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ReadError(source, "dòng JSON không phải là một đối tượng {...}")
    url = _string(record.get("url"))
    title = _string(record.get("title"))
    published = iso_date(record.get("published"))
    text = record.get("text")
    if isinstance(text, str) and text.strip():
        return Document(text=text, source=source, title=title, published=published, url=url,
                        media_type=MEDIA_TYPE, encoding="utf-8")
    html = record.get("html")
    if isinstance(html, str) and html.strip():
        page = read_html(html.encode("utf-8"), source, charset="utf-8", url=url)
        return Document(text=page.text, source=source, title=title or page.title,
                        published=published or page.published, url=url,
                        media_type=page.media_type, encoding=page.encoding)
    raise ReadError(source, 'dòng thiếu trường "text" (chuỗi không rỗng)')


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
