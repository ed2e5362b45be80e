"""Plain data records shared by every layer.

`Document` is what a reader returns; `Extraction` is what the extractor returns and
what `chitieu extract --json` prints (format `chitieu.extract/1`, see
../shared/spec/extract-format.md). Nothing here does I/O.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "chitieu.extract/1"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded document: `text` is the text as read (offsets of every span point into it)."""

    text: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None
    media_type: str = "text/plain"
    encoding: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Fact:
    indicator: str
    text: str
    span: Span
    value: float | None = None
    unit: str | None = None
    plan_value: float | None = None
    plan_pct: float | None = None
    plan_pct_other: list[float] = field(default_factory=list)
    change_pct: float | None = None
    change_value: float | None = None
    change_unit: str | None = None
    estimated: bool = False
    qualifier: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "indicator": self.indicator,
            "value": _num(self.value),
            "unit": self.unit,
            "plan_value": _num(self.plan_value),
            "plan_pct": _num(self.plan_pct),
            "change_pct": _num(self.change_pct),
            "change_value": _num(self.change_value),
            "change_unit": self.change_unit,
            "estimated": self.estimated,
            "qualifier": self.qualifier,
            "text": self.text,
            "span": list(self.span),
        }
        if self.plan_pct_other:
            out["plan_pct_other"] = [_num(v) for v in self.plan_pct_other]
        return out


@dataclass(slots=True)
class Tally:
    achieved: int
    total: int | None
    what: str
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"achieved": self.achieved, "total": self.total, "what": self.what,
                "text": self.text, "span": list(self.span)}


@dataclass(slots=True)
class Reference:
    kind: str
    number: str | None
    date: str | None  # ISO
    issuer: str | None
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "number": self.number, "date": self.date, "issuer": self.issuer,
                "text": self.text, "span": list(self.span)}


@dataclass(slots=True)
class Person:
    name: str
    title: str | None
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "span": list(self.span)}


@dataclass(slots=True)
class Clause:
    """A directive or a request: a clause copied from the text."""

    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass(slots=True)
class DocumentFields:
    title: str | None = None
    published: str | None = None
    locality: str | None = None
    period: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "published": self.published,
                "locality": self.locality, "period": self.period}


@dataclass(slots=True)
class Extraction:
    document: DocumentFields = field(default_factory=DocumentFields)
    facts: list[Fact] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    directives: list[Clause] = field(default_factory=list)
    requests: list[Clause] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": self.document.to_dict(),
            "facts": [f.to_dict() for f in self.facts],
            "tallies": [t.to_dict() for t in self.tallies],
            "references": [r.to_dict() for r in self.references],
            "people": [p.to_dict() for p in self.people],
            "directives": [d.to_dict() for d in self.directives],
            "requests": [r.to_dict() for r in self.requests],
        }


def _num(v: float | None) -> float | int | None:
    """Whole numbers print as ints (3388, not 3388.0)."""
    if v is None:
        return None
    if float(v).is_integer() and abs(v) < 1e15:
        return int(v)
    return round(float(v), 6)
