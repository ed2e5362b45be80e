"""Readers: bytes or paths → `Document`.

Public API (stable; other layers rely on it):
- `read_path(path) -> Document` raises `ReadError` with a reason a user can act on.
- `read_bytes(data, name, media_type=None) -> Document`.
- `iter_inputs(paths) -> Iterator[Input]`: walks folders (and .jsonl crawls, one
  document per line), yielding `Input(source, document | None, error | None)` so
  that a bad file never stops the others.
"""

from chitieu.read.errors import ReadError
from chitieu.read.dispatch import Input, iter_inputs, read_bytes, read_path

__all__ = ["Input", "ReadError", "iter_inputs", "read_bytes", "read_path"]
