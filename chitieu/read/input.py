"""`Input`: one document found by `iter_inputs`, read or not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from chitieu.model import Document

_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class Input:
    """`source` is a path, a URL or "FILE.jsonl:LINE"; exactly one of `document`, `error` is set."""

    source: str
    document: Document | None = None
    error: str | None = None

    @property
    def stem(self) -> str:
        """A file-name stem for what is written about this input: "bao-cao" for
        "dir/bao-cao.txt", "crawl-12" for "dir/crawl.jsonl:12", the last path segment
        (or the host) of a URL."""
        if self.source.startswith(("http://", "https://")):
            parts = urlsplit(self.source)
            name = PurePosixPath(parts.path).stem or parts.hostname or ""
            return _UNSAFE.sub("-", name).strip("-") or "trang"
        path, sep, line = self.source.rpartition(":")
        if sep and line.isdigit() and path.endswith(".jsonl"):
            return f"{Path(path).stem}-{line}"
        return Path(self.source).stem
