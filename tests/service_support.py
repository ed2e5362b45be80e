"""Build small reports with a fixed extraction and put them in a store (for the service tests).

Every sentence here is written for the tests. `Report.extraction()` gives the rows the
grammar would give, with spans computed from the text, so that the stored facts do not
depend on the grammar; `put(store, tmp_path, monkeypatch, *reports)` ingests them and
returns their document ids (in the order given).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from chitieu.model import Clause, DocumentFields, Extraction, Fact, Person, Reference, Tally
from chitieu.store import Store
from chitieu.store.ingest import ingest
from chitieu.store.models import DocumentRow, FactRow, TrackedItemRow

_counter = itertools.count(1)


@dataclass
class Report:
    """A report: its lines of text and what the extraction finds in them."""

    title: str
    locality: str
    period: str
    published: str
    lines: list[str] = field(default_factory=list)
    facts: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # indicator, snippet, fields
    directives: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    references: list[tuple[str, str, str]] = field(default_factory=list)  # kind, number, snippet
    people: list[tuple[str, str | None]] = field(default_factory=list)  # name, title
    tallies: list[tuple[int, int | None, str]] = field(default_factory=list)  # achieved, total, snippet

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.lines]) + "\n"

    def _span(self, snippet: str) -> tuple[int, int]:
        at = self.text.index(snippet)
        return at, at + len(snippet)

    def extraction(self) -> Extraction:
        return Extraction(
            document=DocumentFields(title=self.title, published=self.published, locality=self.locality,
                                    period=self.period),
            facts=[Fact(indicator=ind, text=snip, span=self._span(snip), **kw)
                   for ind, snip, kw in self.facts],
            tallies=[Tally(achieved=a, total=t, what="chỉ tiêu", text=snip, span=self._span(snip))
                     for a, t, snip in self.tallies],
            references=[Reference(kind=k, number=n, date=None, issuer=None, text=snip, span=self._span(snip))
                        for k, n, snip in self.references],
            people=[Person(name=n, title=t, span=self._span(n)) for n, t in self.people],
            directives=[Clause(text=c, span=self._span(c)) for c in self.directives],
            requests=[Clause(text=c, span=self._span(c)) for c in self.requests],
        )


def put(store: Store, folder: Path, monkeypatch: pytest.MonkeyPatch, *reports: Report) -> list[int]:
    """Ingest `reports` (each with its own extraction) and return their document ids."""
    table = {r.title: r.extraction() for r in reports}
    monkeypatch.setattr("chitieu.store.ingest.extract",
                        lambda text, **_: table[text.split("\n", 1)[0].strip()])
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r in reports:
        path = folder / f"bao-cao-{next(_counter):04d}.txt"
        path.write_text(r.text, encoding="utf-8")
        paths.append(path)
    summary = ingest(store, paths, progress=False)
    assert summary.new == len(reports), summary.failures
    with store.reading() as s:
        ids = dict(s.execute(select(DocumentRow.title, DocumentRow.id)).all())
    return [ids[r.title] for r in reports]


def fact_ids(store: Store, document_id: int) -> dict[str, int]:
    """indicator as written → fact id, for one document."""
    with store.reading() as s:
        rows = s.execute(select(FactRow.indicator, FactRow.id).where(FactRow.document_id == document_id))
        return dict(rows.all())


def item_ids(store: Store, document_id: int) -> dict[str, int]:
    """item text → item id, for one document."""
    with store.reading() as s:
        rows = s.execute(select(TrackedItemRow.text, TrackedItemRow.id)
                         .where(TrackedItemRow.document_id == document_id))
        return dict(rows.all())
