"""Follow-up links: a later document that cites an earlier item's conclusion number, or
repeats its directive, gets an `item_links` row (evidence 'số hiệu' / 'nội dung lặp lại').

- Earlier and later: by published date when both documents have one and they differ,
  else by ingest order (document id). A document never follows up itself.
- Only documents of the same province are linked (province code, else locality code;
  documents with neither form one group): conclusion numbers such as "15-KL/HU" are
  numbered per party committee, and stock wording recurs everywhere.
- An item's numbers: the numbered references (`doc_references`) inside the item's
  sentence ("Thực hiện Kết luận số 27-KL/ĐU ..., đồng chí ... yêu cầu ..."), and the
  document's own number (a reference whose number appears in the document title).
  Numbers are compared by `chitieu.assess.number_key`.
- A later document's evidence: the numbers of all its references, and the text of its
  own directives and requests, compared by `chitieu.assess.find_followups` (syllable-
  bigram Dice ≥ `followup_min_similarity`). Candidate pairs for the text comparison are
  found through an index of distinct syllable bigrams per province: a pair is compared
  only when the Dice of its distinct bigrams, counting every bigram too common to index
  (in more than `_COMMON` clauses) as shared, reaches the threshold less `_SLACK`. So a
  run never compares every clause with every other; a repeat made only of very common
  bigrams can be missed.
- Only pairs touching the documents of the run are (re)computed; their old links are
  replaced.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from chitieu.assess import DEFAULT, Earlier, Evidence, Link, Thresholds, find_followups, number_key
from chitieu.assess.followup import syllables
from chitieu.assess.service_tasks import sentence_bounds
from chitieu.store import repo_assess as repo

_SLACK = 0.1  # the candidate bound runs this far below the similarity threshold
_COMMON = 2000  # bigrams in more clauses of a province than this are not indexed


@dataclass(slots=True)
class _Doc:
    id: int
    published: dt.date | None
    title: str
    province: str | None
    numbers: list[Any] = field(default_factory=list)  # reference rows with a number
    items: list[Any] = field(default_factory=list)  # item rows

    def before(self, other: _Doc) -> bool:
        if self.published and other.published and self.published != other.published:
            return self.published < other.published
        return self.id < other.id


def link_followups(session: Session, document_ids: Sequence[int] | None, now: dt.datetime,
                   thresholds: Thresholds = DEFAULT) -> int:
    """Recompute the links touching `document_ids` (all when None); returns links stored."""
    docs = _documents(session)
    run = set(docs) if document_ids is None else set(document_ids) & set(docs)
    if not run:
        return 0
    numbers = _item_numbers(session, docs, run)
    pairs = _number_pairs(docs, numbers, run)
    for item_id, doc_id in _text_pairs(docs, run, thresholds.followup_min_similarity - _SLACK):
        pairs.setdefault(doc_id, set()).add(item_id)
    items = {i.id: i for d in docs.values() for i in d.items}
    rows = []
    for doc_id, item_ids in pairs.items():
        later = docs[doc_id]
        earlier = [e for i in sorted(item_ids) for e in _earlier(items[i], numbers.get(i, ()))]
        found = find_followups(earlier, [r.number for r in later.numbers], [i.text for i in later.items],
                               thresholds=thresholds)
        rows.extend(_link_row(link, later, now) for link in found)
    item_ids_run = [i.id for d in run for i in docs[d].items]
    repo.replace_links(session, rows, document_ids=None if document_ids is None else sorted(run),
                       item_ids=item_ids_run)
    return len(rows)


def _documents(session: Session) -> dict[int, _Doc]:
    docs = {r.id: _Doc(r.id, r.published, r.title or "", r.province) for r in repo.document_order(session)}
    for ref in repo.all_references(session):
        if _key(ref.number):
            docs[ref.document_id].numbers.append(ref)
    for item in repo.all_items(session):
        docs[item.document_id].items.append(item)
    return docs


def _item_numbers(session: Session, docs: dict[int, _Doc], run: set[int]) -> dict[int, set[str]]:
    """item id → the number keys it carries, for the items that can matter in this run."""
    run_keys = {(docs[d].province, _key(r.number)) for d in run for r in docs[d].numbers}
    citing = {d.id for d in docs.values() if any((d.province, _key(r.number)) in run_keys for r in d.numbers)}
    out: dict[int, set[str]] = {}
    near: list[int] = []
    for doc in (docs[d] for d in run | citing):
        own = {k for r in doc.numbers if r.number in doc.title and (k := _key(r.number))}
        for item in doc.items:
            out[item.id] = set(own)
            if any(_close(r, item) for r in doc.numbers):
                near.append(item.id)
    for row in repo.items_by_id_with_window(session, near) if near else []:
        doc = docs[row.document_id]
        start, end = row.span_start - row.window_start, row.span_end - row.window_start
        s_start, s_end = sentence_bounds(row.window or "", start, end)
        lo, hi = row.window_start + s_start, row.window_start + s_end
        inside = (r for r in doc.numbers if lo <= r.span_start and r.span_end <= hi)
        out[row.id] |= {k for r in inside if (k := _key(r.number))}
    return out


def _close(ref: Any, item: Any) -> bool:
    """A reference within the text window read around an item (so maybe in its sentence)."""
    lo, hi = item.span_start - repo.WINDOW_BEFORE, item.span_end + repo.WINDOW_AFTER
    return lo <= ref.span_start and ref.span_end <= hi


@lru_cache(maxsize=65536)
def _key(number: str | None) -> str | None:
    return number_key(number)


def _number_pairs(docs: dict[int, _Doc], numbers: dict[int, set[str]], run: set[int]) -> dict[int, set[int]]:
    """later document id → earlier item ids sharing a number with it."""
    citing: dict[tuple[str | None, str], set[int]] = defaultdict(set)
    for doc in docs.values():
        for ref in doc.numbers:
            citing[(doc.province, _key(ref.number) or "")].add(doc.id)
    items = {i.id: i for d in docs.values() for i in d.items}
    pairs: dict[int, set[int]] = {}
    for item_id, keys in numbers.items():
        mine = docs[items[item_id].document_id]
        for later_id in {d for k in keys for d in citing.get((mine.province, k), ())}:
            later = docs[later_id]
            if mine.before(later) and (mine.id in run or later.id in run):
                pairs.setdefault(later_id, set()).add(item_id)
    return pairs


def _bigrams(text: str) -> set[tuple[str, str]]:
    return set(itertools.pairwise(syllables(text)))


def _text_pairs(docs: dict[int, _Doc], run: set[int], bound: float) -> set[tuple[int, int]]:
    """(earlier item id, later document id) pairs worth comparing by text."""
    provinces = {docs[d].province for d in run}
    grams = {i.id: _bigrams(i.text) for d in docs.values() if d.province in provinces for i in d.items}
    doc_of = {i.id: i.document_id for d in docs.values() for i in d.items}
    index: dict[tuple[str | None, tuple[str, str]], list[int]] = defaultdict(list)
    for item_id, gs in grams.items():
        province = docs[doc_of[item_id]].province
        for g in gs:
            index[(province, g)].append(item_id)
    pairs: set[tuple[int, int]] = set()
    for item_id in (i.id for d in run for i in docs[d].items):
        for other in _similar(item_id, docs[doc_of[item_id]].province, grams, index, bound):
            a, b = docs[doc_of[item_id]], docs[doc_of[other]]
            if a.id == b.id:
                continue
            pairs.add((other, a.id) if b.before(a) else (item_id, b.id))
    return pairs


def _similar(item_id: int, province: str | None, grams: dict[int, set[tuple[str, str]]],
             index: dict[tuple[str | None, tuple[str, str]], list[int]], bound: float) -> list[int]:
    """Items whose distinct-bigram Dice with `item_id` may reach `bound` (see the docstring)."""
    mine = grams[item_id]
    if not mine:
        return []
    shared: Counter[int] = Counter()
    common = 0
    for g in mine:
        posting = index.get((province, g), ())
        if len(posting) > _COMMON:
            common += 1
        else:
            shared.update(posting)
    return [other for other, n in shared.items()
            if other != item_id and 2 * (n + common) >= bound * (len(mine) + len(grams[other]))]


def _earlier(item: Any, keys: set[str]) -> list[Earlier]:
    return [Earlier(item.id, text=item.text), *(Earlier(item.id, number=k) for k in sorted(keys))]


def _link_row(link: Link, later: _Doc, now: dt.datetime) -> dict[str, Any]:
    row: dict[str, Any] = {"item_id": link.target, "document_id": later.id, "evidence": str(link.evidence),
                           "score": link.score, "created_at": now}
    if link.evidence is Evidence.NUMBER:
        ref = next(r for r in later.numbers if r.number == link.later)
        return {**row, "detail": {"number": ref.number, "reference_id": ref.id}, "text": ref.text,
                "span_start": ref.span_start, "span_end": ref.span_end}
    clause = next(i for i in later.items if i.text == link.later)
    return {**row, "detail": {"item_id": clause.id}, "text": clause.text,
            "span_start": clause.span_start, "span_end": clause.span_end}
