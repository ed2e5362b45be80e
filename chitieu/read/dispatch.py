"""Choose a reader by file type and walk inputs. (Minimal version; readers grow here.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from chitieu.model import Document
from chitieu.read.errors import ReadError

TEXT_SUFFIXES = {".txt", ".text"}
MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Input:
    source: str
    document: Document | None = None
    error: str | None = None


def read_bytes(data: bytes, name: str, media_type: str | None = None) -> Document:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(name, "binary data, not a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc
    return Document(text=text, source=name, encoding="utf-8")


def read_path(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(str(p), f"cannot open: {exc.strerror or exc}") from exc
    return read_bytes(data, str(p))


def _walk(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        else:
            yield p


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input]:
    for p in _walk(paths):
        try:
            yield Input(str(p), read_path(p))
        except ReadError as exc:
            yield Input(str(p), None, exc.reason)
