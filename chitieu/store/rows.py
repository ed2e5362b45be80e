"""Turn a `Document` and its `Extraction` into row dicts for the store's tables.

Pure functions (plus the optional enrichment hooks): no database access here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chitieu.model import Document, Extraction, Fact
from chitieu.store import enrich
from chitieu.store.units import scale


@dataclass(slots=True)
class DocumentRows:
    """Everything one document adds to the store; `document_id` is filled in on insert."""

    document: dict[str, Any]
    facts: list[dict[str, Any]] = field(default_factory=list)
    tallies: list[dict[str, Any]] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)  # with "name" instead of person_id
    items: list[dict[str, Any]] = field(default_factory=list)


def iso_date(value: str | dt.date | None) -> dt.date | None:
    """A date from an ISO string ("2024-06-17"); None for anything else."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def build(doc: Document, ex: Extraction, *, sha256: str, size: int, now: dt.datetime) -> DocumentRows:
    fields = ex.document
    published = fields.published or doc.published
    code, province = enrich.locality_codes(fields.locality, text=doc.text, source=doc.source,
                                           published=published)
    document = {
        "source": doc.source, "url": doc.url, "sha256": sha256, "text": doc.text,
        "title": fields.title or doc.title, "published": iso_date(published),
        "locality": fields.locality, "locality_code": code, "province_code": province,
        "period": fields.period, "period_kind": None, "period_year": None, "period_start": None,
        "period_end": None, "media_type": doc.media_type, "encoding": doc.encoding, "size": size,
        "ingested_at": now,
    }
    document.update(enrich.period_fields(fields.period, published, text=doc.text))
    return DocumentRows(
        document=document,
        facts=[_fact(i, f) for i, f in enumerate(ex.facts)],
        tallies=[{"achieved": t.achieved, "total": t.total, "what": t.what, "text": t.text, **_span(t.span)}
                 for t in ex.tallies],
        references=[{"kind": r.kind, "number": r.number, "date": iso_date(r.date), "issuer": r.issuer,
                     "text": r.text, **_span(r.span)} for r in ex.references],
        mentions=[{"name": p.name, "title": p.title, **_span(p.span)} for p in ex.people],
        items=[{"kind": kind, "text": c.text, **_span(c.span)}
               for kind, clauses in (("directive", ex.directives), ("request", ex.requests))
               for c in clauses],
    )


def _span(span: tuple[int, int]) -> dict[str, int]:
    return {"span_start": span[0], "span_end": span[1]}


def _fact(seq: int, f: Fact) -> dict[str, Any]:
    scaled_value, scaled_unit = scale(f.value, f.unit)
    return {
        "seq": seq, **_span(f.span), "text": f.text, "indicator": f.indicator,
        "indicator_code": enrich.indicator_code(f.indicator) if f.indicator else None,
        "value": f.value, "unit": f.unit, "scaled_value": scaled_value, "scaled_unit": scaled_unit,
        "plan_value": f.plan_value, "plan_pct": f.plan_pct,
        "plan_pct_other": list(f.plan_pct_other) or None,
        "change_pct": f.change_pct, "change_value": f.change_value, "change_unit": f.change_unit,
        "estimated": bool(f.estimated), "qualifier": f.qualifier, "confidence": f.confidence,
    }
