"""The Vietnamese grammar: `Document` text → `Extraction` (chitieu.extract/1).

Pure functions, no I/O and no database. `extract(text)` runs each finder over one
normalized copy of the text; every span it returns points into `text` as given.
"""

from __future__ import annotations

from chitieu.extract import _native

# Before any grammar module loads: the mypyc build, or the source when the build is stale.
COMPILED, BUILD = _native.choose()

from chitieu.extract.normalize import normalize  # noqa: E402
from chitieu.model import Extraction  # noqa: E402


def extract(text: str, *, title: str | None = None, published: str | None = None) -> Extraction:
    """Extract every fact, tally, reference, person, directive and request of `text`.

    `title` and `published` come from the reader's metadata when it has them (an
    HTML page's <title> or date); the text's own headline and stamp are used otherwise.
    Never raises on any string.
    """
    from chitieu.extract import clauses, document, facts, people, references, tallies

    n = normalize(text)
    out = Extraction()
    out.document = document.find_fields(n, title=title, published=published)
    out.directives = clauses.find_directives(n)
    out.requests = clauses.find_requests(n)
    out.tallies = tallies.find_tallies(n)
    out.references = references.find_references(n)
    out.people = people.find_people(n)
    exclude = [c.span for c in out.directives] + [c.span for c in out.requests]
    exclude += [t.span for t in out.tallies]
    out.facts = facts.find_facts(n, exclude=exclude)
    return out
