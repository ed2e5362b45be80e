"""Records of the service as page dicts, fast.

The service's `to_dict()` turns dates into strings recursively; a page with hundreds of
rows spent more time there than in its SQL. Pages keep dates as `date` objects instead:
the JSON renderer writes them as ISO strings, the templates format them (`vndate`).
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def plain(record: Any, **extra: Any) -> dict[str, Any]:
    """The fields of a dataclass record as a dict (one level), plus `extra`."""
    out = {name: getattr(record, name) for name in _names(type(record))}
    out.update(extra)
    return out
