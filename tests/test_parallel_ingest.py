"""Parallel ingest (`--workers N`, `--dask ADDRESS`) stores exactly what a serial run stores.

The same folder (synthetic reports, a JSONL crawl with good, blank and broken lines, a
duplicate text and unreadable files) goes into three fresh stores: serially, with
`chitieu ingest --workers 2`, and with `chitieu ingest --dask ADDRESS` on a Dask
LocalCluster of two worker processes. Every row of every table must be the same, ids
included; only timestamps differ.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_support import dump, empty_stores

from chitieu.cli import main
from chitieu.read import Input
from chitieu.store import open_store
from chitieu.store.ingest import ingest
from chitieu.store.parallel import WORKER_DIED, Prepared, Unit, ordered_results, prepare, units
from chitieu.synth import generate

N_REPORTS = 30


def write_corpus(folder: Path) -> list[str]:
    """Reports and awkward inputs; returns the sources in the order ingest sees them."""
    folder.mkdir(parents=True)
    docs = list(generate(N_REPORTS, seed=11))
    for d in docs:
        (folder / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
    (folder / "zz-ban-sao.txt").write_text(docs[3].text, encoding="utf-8")  # same text: unchanged
    (folder / "rong.txt").write_bytes(b"")
    (folder / "nhi-phan.txt").write_bytes(bytes(range(256)) * 4)
    crawled = {"text": docs[5].text + "\nBổ sung: đã hoàn thành 3/4 công trình.",
               "url": "https://ubnd.example.vn/tin/1", "title": "Tin tổng hợp"}
    page = {"html": "<html><body><p>Thu ngân sách đạt 51% dự toán huyện giao.</p></body></html>"}
    lines = [json.dumps(crawled, ensure_ascii=False), "", "{không phải json", json.dumps(page), "[1, 2]"]
    (folder / "thu-thap.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [u.source for u in units([folder])]


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def three_stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    """Three empty stores on one backend."""
    with empty_stores(request, tmp_path, ["serial", "workers", "dask"]) as urls:
        yield urls


def test_serial_workers_and_dask_store_the_same_rows(three_stores: list[str], dask_address: str,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    write_corpus(folder)
    serial_url, workers_url, dask_url = three_stores
    runs = {
        serial_url: [],
        workers_url: ["--workers", "2"],
        dask_url: ["--dask", dask_address],
    }
    for url, extra in runs.items():
        result = CliRunner().invoke(main, ["ingest", "--quiet", "--db", url, *extra, str(folder)])
        assert result.exit_code == 1, result.output  # the unreadable inputs make it 1
    dumps = []
    for url in runs:
        with open_store(url) as store:
            dumps.append(dump(store))
    serial_rows, workers_rows, dask_rows = dumps
    assert len(serial_rows["documents"]) == N_REPORTS + 2  # reports, the JSONL text line, the HTML line
    assert len(serial_rows["facts"]) > N_REPORTS
    assert {r[1] for r in serial_rows["failures"]} == {
        str(folder / "rong.txt"), str(folder / "nhi-phan.txt"), f"{folder}/thu-thap.jsonl:3",
        f"{folder}/thu-thap.jsonl:5"}
    for name, rows in serial_rows.items():
        assert workers_rows[name] == rows, f"--workers 2 differs in {name}"
        assert dask_rows[name] == rows, f"--dask differs in {name}"


def test_units_follow_the_serial_order_and_sources(tmp_path: Path) -> None:
    from chitieu.read import iter_inputs

    folder = tmp_path / "bao-cao"
    sources = write_corpus(folder)
    assert sources == [i.source for i in iter_inputs([folder])]
    assert len(sources) == N_REPORTS + 3 + 4  # blank JSONL line skipped, like iter_inputs


def test_a_rerun_adds_nothing_and_workers_skip_known_documents(tmp_path: Path) -> None:
    from chitieu.store.parallel import ingest_parallel

    folder = tmp_path / "bao-cao"
    write_corpus(folder)
    with open_store(tmp_path / "s.db") as store:
        first = ingest(store, [folder], progress=False)
        before = dump(store)
        again = ingest_parallel(store, [folder], workers=2, progress=False)
        assert (again.new, again.unchanged, again.failed) == (0, first.new + first.unchanged, first.failed)
        assert dump(store)["documents"] == before["documents"]
        known = prepare(Unit(str(folder / "synth-11-00000.txt"), "path"), store.url)
        fresh = prepare(Unit(str(folder / "synth-11-00000.txt"), "path"), None)
    assert known.item.document is not None and known.rows is None  # not extracted again
    assert fresh.rows is not None and fresh.rows.facts


class _FakePool:
    """A pool whose first future fails as if its process had died."""

    workers = 1

    def __init__(self) -> None:
        self.calls = 0
        self.recovered = 0

    def submit(self, batch: list[Unit]) -> Future[list[Prepared]]:
        self.calls += 1
        fut: Future[list[Prepared]] = Future()
        if self.calls == 1 or batch[0].source == "chet":
            fut.set_exception(BrokenProcessPool("worker died"))
        else:
            fut.set_result([Prepared(Input(u.source, error="đã đọc")) for u in batch])
        return fut

    def recover(self, exc: BaseException) -> bool:
        self.recovered += 1
        return isinstance(exc, BrokenProcessPool)

    def close(self) -> None:
        pass


def test_a_dead_worker_is_retried_once_then_its_inputs_fail_with_a_reason() -> None:
    pool = _FakePool()
    tasks = [[Unit("a", "error")], [Unit("chet", "error")], [Unit("b", "error")]]
    got = list(ordered_results(pool, tasks, window=2))
    assert [p.item.source for p in got] == ["a", "chet", "b"]
    assert got[0].item.error == "đã đọc"  # retried on a fresh pool and read
    assert got[1].item.error is not None and got[1].item.error.startswith(WORKER_DIED)
    assert got[2].item.error == "đã đọc"


def test_workers_and_dask_together_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--db", str(tmp_path / "x.db"), "--workers", "2",
                                       "--dask", "tcp://127.0.0.1:1", str(tmp_path)])
    assert result.exit_code == 2
    assert "--workers" in result.output and "--dask" in result.output
