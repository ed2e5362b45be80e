"""Optional enrichment hooks, used only when their modules are installed.

- `chitieu.catalogue.match_indicator(text) -> code | None`
- `chitieu.localities.resolve(locality_text, text=..., source=..., when=published)
  -> obj(.code, .province_code) | None`
- `chitieu.periods.parse_period(label, published, text=...) -> obj(.kind, .year, .start, .end) | None`

`published` is the ISO date string of the report (or None).

Each module is imported lazily, once; when it does not exist the hook gives nothing.
An import error *inside* an existing module is not hidden.
"""

from __future__ import annotations

import datetime as dt
import importlib
from functools import cache, lru_cache
from types import ModuleType
from typing import Any


@cache
def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return None
        raise


def _hook(module: str, func: str) -> Any:
    mod = _module(module)
    return getattr(mod, func, None) if mod is not None else None


@lru_cache(maxsize=65536)
def indicator_code(indicator: str) -> str | None:
    """The catalogue code of an indicator as written, when the catalogue knows it."""
    match = _hook("chitieu.catalogue", "match_indicator")
    return match(indicator) if match else None


def locality_codes(locality: str | None, *, text: str, source: str,
                   published: str | None = None) -> tuple[str | None, str | None]:
    """(locality_code, province_code) of the document's locality."""
    resolve = _hook("chitieu.localities", "resolve")
    if resolve is None or not locality:
        return None, None
    found = resolve(locality, text=text, source=source, when=published)
    if found is None:
        return None, None
    return _str(getattr(found, "code", None)), _str(getattr(found, "province_code", None))


def period_fields(label: str | None, published: str | None, *, text: str = "") -> dict[str, Any]:
    """The document columns period_kind/year/start/end for a period label."""
    parse = _hook("chitieu.periods", "parse_period")
    if parse is None or not label:
        return {}
    found = parse(label, published, text=text)
    if found is None:
        return {}
    return {
        "period_kind": _str(getattr(found, "kind", None)),
        "period_year": getattr(found, "year", None),
        "period_start": _date(getattr(found, "start", None)),
        "period_end": _date(getattr(found, "end", None)),
    }


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _date(v: Any) -> dt.date | None:
    if v is None or (isinstance(v, dt.date) and not isinstance(v, dt.datetime)):
        return v
    if isinstance(v, dt.datetime):
        return v.date()
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        return None
