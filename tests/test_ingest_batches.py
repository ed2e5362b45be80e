"""`ingest` writes several documents per transaction (chitieu.store.ingest, "Batches").

What must not change with batches: the rows (ids included, on a fresh store) are those
of one transaction per document; a document the database refuses fails alone and the
rest of its batch is stored whole; every input is reported once, in input order, soon
after it was read; a batch is bounded in inputs, characters and seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from store_support import dump, empty_stores
from test_ingest import _assert_every_document_complete

import chitieu.store.ingest as ingest_mod
from chitieu.model import Document
from chitieu.read import Input, iter_inputs
from chitieu.store import Store, open_store, repo
from chitieu.store.ingest import Outcome, ingest, ingest_input
from chitieu.store.models import DocumentRow, TallyRow


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def two_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty stores on one backend."""
    with empty_stores(request, tmp_path, ["batched", "one-by-one"]) as (batched, single):
        yield batched, single


def _corpus(make_reports: Callable[..., list[Path]]) -> tuple[Path, list[Path]]:
    """23 reports (their officials repeat from report to report), the same text under a
    second name, and two unreadable files; returns the folder and the reports."""
    paths = make_reports(23)
    folder = paths[0].parent
    (folder / "bao-cao-00004-ban-sao.txt").write_bytes(paths[4].read_bytes())
    (folder / "bao-cao-00010-rong.txt").write_bytes(b"")
    (folder / "bao-cao-00017-nhi-phan.txt").write_bytes(bytes(range(256)) * 4)
    return folder, paths


def test_batches_store_what_one_transaction_per_document_stores(
        two_stores: tuple[str, str], make_reports: Callable[..., list[Path]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_mod, "BATCH_DOCS", 7)  # several batches, some with failures
    folder, paths = _corpus(make_reports)
    earlier = Input(str(paths[12]), error="không mở được tệp: thử lại sau")  # failed before, readable now
    batched_url, single_url = two_stores
    with open_store(batched_url) as batched, open_store(single_url) as single:
        for store in (batched, single):
            assert ingest_input(store, earlier)[0] is Outcome.FAILED
        seen: list[tuple[Outcome, str, int]] = []
        summary = ingest(batched, [folder], progress=lambda o, s, n: seen.append((o, s, n)))
        one_by_one = [(*ingest_input(single, item), item.source) for item in iter_inputs([folder])]
        assert [(o, s, n) for o, n, s in one_by_one] == seen
        assert (summary.new, summary.unchanged, summary.failed) == (23, 1, 2)
        rows = dump(batched)
        assert rows == dump(single)
    assert len(rows["documents"]) == 23 and len(rows["facts"]) > 23
    assert len(rows["persons"]) < len(rows["person_mentions"])  # a person named in several reports
    assert sorted(r[1] for r in rows["failures"]) == [
        str(folder / "bao-cao-00010-rong.txt"), str(folder / "bao-cao-00017-nhi-phan.txt")]


def test_a_document_the_database_refuses_fails_alone(store: Store, make_reports: Callable[..., list[Path]],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    paths = make_reports(12)
    refused = str(paths[5])
    real = repo.insert_rows

    def refusing(db, model, rows):  # type: ignore[no-untyped-def]
        ids = {r["document_id"] for r in rows}
        sources = set(db.execute(select(DocumentRow.source).where(DocumentRow.id.in_(ids))).scalars())
        if model is TallyRow and refused in sources:
            raise IntegrityError("INSERT INTO tallies", {}, Exception("simulated constraint failure"))
        real(db, model, rows)

    monkeypatch.setattr(repo, "insert_rows", refusing)
    seen: list[tuple[str, str]] = []
    summary = ingest(store, [paths[0].parent], progress=lambda o, s, n: seen.append((o.value, s)))
    assert seen == [("failed" if str(p) == refused else "new", str(p)) for p in paths]
    assert (summary.new, summary.failed) == (11, 1)
    assert summary.failures[0][0] == refused and "simulated constraint failure" in summary.failures[0][1]
    assert _assert_every_document_complete(store) == 11
    with store.reading() as s:
        assert refused not in repo.documents_by_source(s)
        assert [f.source for f in repo.list_failures(s)] == [refused]
    monkeypatch.setattr(repo, "insert_rows", real)
    again = ingest(store, [paths[0].parent], progress=False)  # the rerun stores it and forgets the failure
    assert (again.new, again.unchanged, again.failed) == (1, 11, 0)
    assert _assert_every_document_complete(store) == 12
    with store.reading() as s:
        assert repo.list_failures(s) == []


def test_progress_comes_after_each_batch_not_at_the_end(store: Store, make_reports: Callable[..., list[Path]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_mod, "BATCH_DOCS", 5)
    paths = make_reports(17)
    read = 0
    real_inputs = ingest_mod.iter_inputs

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        nonlocal read
        for item in real_inputs(*args, **kwargs):
            read += 1
            yield item

    monkeypatch.setattr(ingest_mod, "iter_inputs", counting)
    read_when_reported: list[int] = []
    stored_when_reported: list[int] = []

    def hook(_outcome: Outcome, _source: str, _n: int) -> None:
        read_when_reported.append(read)
        with store.reading() as s:  # reported only once its batch is committed
            stored_when_reported.append(repo.count_documents(s))

    ingest(store, [paths[0].parent], progress=hook)
    assert read_when_reported == [min(5 * (i // 5 + 1), 17) for i in range(17)]
    assert stored_when_reported == [min(5 * (i // 5 + 1), 17) for i in range(17)]


def _doc_input(n: int, chars: int = 10) -> Input:
    return Input(f"t-{n}.txt", Document(text="a" * chars, source=f"t-{n}.txt"))


def test_read_ahead_is_bounded_in_inputs_characters_and_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_mod, "BATCH_DOCS", 4)
    monkeypatch.setattr(ingest_mod, "BATCH_BYTES", 25)
    items = [_doc_input(0), Input("hong.txt", error="tệp rỗng"), _doc_input(1), _doc_input(2, chars=30),
             _doc_input(3), _doc_input(4), _doc_input(5), _doc_input(6), _doc_input(7)]
    chunks = list(ingest_mod._read_ahead(iter(items)))
    assert [[i.source for i in c] for c in chunks] == [
        ["t-0.txt", "hong.txt", "t-1.txt", "t-2.txt"],  # 4 inputs
        ["t-3.txt", "t-4.txt", "t-5.txt"],  # 30 characters >= 25
        ["t-6.txt", "t-7.txt"]]
    monkeypatch.setattr(ingest_mod, "BATCH_SECONDS", 0.0)  # a slow reader: one input at a time
    assert [len(c) for c in ingest_mod._read_ahead(iter(items))] == [1] * len(items)


def test_startup_objects_are_frozen_during_the_run_only(store: Store, make_reports: Callable[..., list[Path]],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`ingest` freezes what is alive after its first batch (gc.freeze) and unfreezes it
    at the end, even when the run fails; a caller's own freeze is left as it was."""
    import gc

    paths = make_reports(6)
    monkeypatch.setattr(ingest_mod, "BATCH_DOCS", 2)
    counts: list[int] = []
    real = ingest_mod._ingest_chunk

    def chunk(*args):  # type: ignore[no-untyped-def]
        counts.append(gc.get_freeze_count())
        real(*args)

    monkeypatch.setattr(ingest_mod, "_ingest_chunk", chunk)
    assert gc.get_freeze_count() == 0
    ingest(store, [paths[0].parent], progress=False)
    assert counts[0] == 0 and all(n > 0 for n in counts[1:]) and len(counts) == 3
    assert gc.get_freeze_count() == 0

    def failing(*args):  # type: ignore[no-untyped-def]
        chunk(*args)
        if len(counts) > 4:
            raise RuntimeError("boom")

    monkeypatch.setattr(ingest_mod, "_ingest_chunk", failing)
    with pytest.raises(RuntimeError):
        ingest(store, [paths[0].parent], progress=False)
    assert gc.get_freeze_count() == 0

    monkeypatch.setattr(ingest_mod, "_ingest_chunk", chunk)
    calls: list[str] = []
    monkeypatch.setattr(gc, "get_freeze_count", lambda: 12)  # the caller froze objects
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze"))
    ingest(store, [paths[0].parent], progress=False)
    assert calls == []
