"""Readers: bytes, files and web addresses → `Document`, robust against hostile input.

Public API (stable; other layers rely on it):
- `read_path(path, max_bytes=MAX_BYTES) -> Document` raises `ReadError` whose `reason`
  (in Vietnamese) tells the user what is wrong: "tệp rỗng", "dữ liệu nhị phân, ...",
  "PDF được mã hóa ...", "PDF không có lớp văn bản (bản quét) ...", "tệp quá lớn ...".
- `read_bytes(data, name, media_type=None, *, charset=None, url=None) -> Document`.
- `read_url(url, max_bytes=MAX_URL_BYTES) -> Document`: fetch over HTTP(S), then read.
- `iter_inputs(paths, max_bytes=MAX_BYTES) -> Iterator[Input]`: files, folders (walked,
  sorted), .jsonl crawls (one Input per line) and http(s):// addresses, yielding
  `Input(source, document | None, error | None)` so that a bad input never stops the
  others. It never raises.

Formats: plain text (UTF-8, UTF-16, Windows-1258, legacy TCVN3/VNI; text.py), HTML
(trafilatura; html_page.py), DOCX (python-docx; word.py), PDF (pypdf; pdf.py), JSONL
(jsonl.py). `Document.text` is the text as decoded, never NFC-normalized here: the
extractor normalizes it and maps offsets back. Limits live in limits.py.
"""

from chitieu.read.dispatch import iter_inputs, read_bytes, read_path
from chitieu.read.errors import ReadError
from chitieu.read.input import Input
from chitieu.read.limits import MAX_BYTES, MAX_URL_BYTES
from chitieu.read.url import read_url

__all__ = ["MAX_BYTES", "MAX_URL_BYTES", "Input", "ReadError", "iter_inputs", "read_bytes", "read_path",
           "read_url"]
