"""Several `chitieu ingest` processes on one PostgreSQL at once, on overlapping inputs.

Each document (by the SHA-256 of its text) is stored once with all its rows, each person
once, the shared bad file is counted once per process in `failures`, every process exits
0 (or 1 only for its bad file) and none reports a deadlock. Nothing in Python locks: the
store relies on unique constraints with INSERT ... ON CONFLICT (see chitieu.store.repo).
Needs $CHITIEU_TEST_PG_URL; every run lives in a private schema (conftest.pg_url).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chitieu.extract import extract
from chitieu.store import open_store, repo
from chitieu.store.models import DocumentRow, PersonRow

pytestmark = pytest.mark.postgres

CLI = [sys.executable, "-c", "from chitieu.cli import main; main()"]
N = 90


def _expected_rows(text: str) -> dict[str, int]:
    ex = extract(text)
    return {"facts": len(ex.facts), "tallies": len(ex.tallies), "doc_references": len(ex.references),
            "person_mentions": len(ex.people), "tracked_items": len(ex.directives) + len(ex.requests)}


def test_overlapping_ingests_store_each_document_once(pg_url: str, tmp_path: Path,
                                                      make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(N)
    copy = tmp_path / "in" / "ban-sao-cua-0.txt"  # the same text as report 0, under another name
    copy.write_bytes(paths[0].read_bytes())
    bad = tmp_path / "in" / "hong.txt"
    bad.write_bytes(b"")
    open_store(pg_url).close()  # migrate once, so that the processes race on data only

    slices = {  # overlapping subsets, in different orders, serial and with workers
        "a": ([*paths[:60], bad], []),
        "b": ([*reversed(paths[30:]), copy, bad], []),
        "c": ([*paths[::-1], bad], []),
        "d": ([copy, *paths[15:75], bad], ["--workers", "2"]),
    }
    procs = {name: subprocess.Popen([*CLI, "ingest", "--quiet", "--db", pg_url, *extra, *map(str, files)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for name, (files, extra) in slices.items()}
    outputs = {name: p.communicate(timeout=600) for name, p in procs.items()}
    for name, p in procs.items():
        err = outputs[name][1]
        assert p.returncode == 1, (name, err)  # 1 only because of the empty file
        assert err.strip() == "1 tệp lỗi (xem: chitieu failures)", (name, err)
        assert "deadlock" not in err.lower()

    with open_store(pg_url) as store, store.reading() as s:
        per_doc = repo.rows_per_document(s)
        texts = dict(repo.document_texts(s))
        shas = s.execute(select(DocumentRow.sha256, func.count()).group_by(DocumentRow.sha256)).all()
        names = s.execute(select(PersonRow.name, func.count()).group_by(PersonRow.name)).all()
        failures = {f.source: f for f in repo.list_failures(s)}
    assert len(per_doc) == N
    assert all(n == 1 for _, n in shas) and len(shas) == N
    assert names and all(n == 1 for _, n in names)
    for doc_id, counts in per_doc.items():
        assert counts == _expected_rows(texts[doc_id]), f"document {doc_id} is partial"
    assert set(failures) == {str(bad)}
    assert failures[str(bad)].count == len(slices)  # the upsert counted every process
