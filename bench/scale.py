"""Ingest throughput with 1 and 2 worker processes, the single writer's rate, and an
extrapolation to a cluster.

    .venv/bin/python bench/scale.py                     # 600 synthetic reports, SQLite
    .venv/bin/python bench/scale.py --docs 2000 --pg postgresql://postgres@127.0.0.1/chitieu_test

Each run is a fresh child process ingesting the same folder into a fresh store:
`serial` (chitieu.store.ingest.ingest), `workers=1` and `workers=2`
(chitieu.store.parallel.ingest_parallel). Reported per run: wall time, documents/s and
MB/s over the whole run and over the steady part (from the first document stored to the
last: the one-off warm-up of the grammar and of the locality index is left out), and the
peak memory of the writer and of each worker (RSS, and USS: the pages a worker does not
share with its siblings), sampled every 0.2 s with psutil.

The writer's rate is measured apart: rows are built in memory first, then only the
per-document write path (`ingest._ingest_one`, one transaction per document) is timed.

Extrapolation to a cluster of W workers (stated in the output):
    rate(W) = min(W x r1 x e, w)
where r1 is the steady rate of one worker, e = r2 / (2 x r1) the parallel efficiency
measured with two workers on this machine (the writer shares its CPUs), and w the
writer's rate: one writer caps any cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CLUSTER_SIZES = (4, 8, 16, 32)


def write_corpus(folder: Path, n: int, seed: int) -> int:
    from chitieu.synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for doc in generate(n, seed):
        data = doc.text.encode("utf-8")
        (folder / f"{doc.name}.txt").write_bytes(data)
        total += len(data)
    return total


# --- the child: one ingest, timed and watched ------------------------------------------

class Watcher:
    """Peak RSS and USS of this process and of every descendant, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peaks: dict[int, dict[str, Any]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Watcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    info = proc.memory_full_info()
                    cmd = " ".join(proc.cmdline())[:80]
                    parent = proc.ppid()
                except Exception:
                    continue
                peak = self.peaks.setdefault(
                    proc.pid, {"rss_mb": 0.0, "uss_mb": 0.0, "cmd": cmd, "ppid": parent})
                peak["rss_mb"] = max(peak["rss_mb"], info.rss / 2**20)
                peak["uss_mb"] = max(peak["uss_mb"], info.uss / 2**20)


def child(mode: str, folder: str, db: str) -> None:
    from chitieu.store import open_store
    from chitieu.store.ingest import ingest
    from chitieu.store.parallel import ingest_parallel

    stamps: list[float] = []
    with open_store(db) as store, Watcher() as watch:
        start = time.perf_counter()

        def hook(_outcome: Any, _source: str, _n: int) -> None:
            stamps.append(time.perf_counter() - start)

        if mode == "serial":
            summary = ingest(store, [folder], progress=hook)
        else:
            summary = ingest_parallel(store, [folder], workers=int(mode.split("=")[1]), progress=hook)
    me = watch.me.pid
    # the forkserver is a child of this process; the workers are its children
    servers = {pid for pid, p in watch.peaks.items() if p["ppid"] == me and "forkserver" in p["cmd"]}
    workers = [p for p in watch.peaks.values() if p["ppid"] in servers]
    print(json.dumps({
        "mode": mode, "docs": summary.documents, "new": summary.new, "failed": summary.failed,
        "bytes": summary.bytes, "seconds": summary.seconds,
        "first_stored_s": stamps[0] if stamps else None, "last_stored_s": stamps[-1] if stamps else None,
        "writer_rss_mb": watch.peaks.get(me, {}).get("rss_mb"),
        "worker_rss_mb": sorted(round(p["rss_mb"], 1) for p in workers),
        "worker_uss_mb": sorted(round(p["uss_mb"], 1) for p in workers),
    }))


def write_rate(folder: str, db: str, n: int) -> None:
    """Documents/s of the write path alone (rows built beforehand)."""
    from chitieu.read import iter_inputs
    from chitieu.store import ingest as serial
    from chitieu.store import open_store

    prepared = []
    for item in iter_inputs([folder]):
        if item.document is None:
            continue
        data = item.document.text.encode("utf-8")
        import hashlib

        rows = serial.document_rows(item.document, hashlib.sha256(data).hexdigest(), len(data))
        prepared.append((item, rows))
        if len(prepared) >= n:
            break
    with open_store(db) as store, store.engine.connect() as conn:
        run = serial._Run(conn, serial.IngestSummary(), set())
        start = time.perf_counter()
        for item, rows in prepared:
            serial._ingest_one(run, item, lambda _d, _s, _z, rows=rows: rows)
        seconds = time.perf_counter() - start
    print(json.dumps({"docs": len(prepared), "seconds": seconds, "docs_per_s": len(prepared) / seconds}))


# --- the parent -------------------------------------------------------------------------

def run_child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_store(base: Path, name: str, pg: str | None) -> str:
    if not pg:
        return str(base / f"{name}.db")
    import uuid

    from sqlalchemy import create_engine, text

    from chitieu.store import resolve_url

    schema = f"bench_{name.replace('=', '')}_{uuid.uuid4().hex[:8]}"
    engine = create_engine(resolve_url(pg), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    SCHEMAS.append((engine, schema))
    return engine.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)


SCHEMAS: list[Any] = []


def drop_schemas() -> None:
    from sqlalchemy import text

    for engine, schema in SCHEMAS:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def steady(r: dict[str, Any]) -> float:
    span = (r["last_stored_s"] or 0) - (r["first_stored_s"] or 0)
    return (r["docs"] - 1) / span if span > 0 else 0.0


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), "0")
    return (f"{cpu}, {os.cpu_count()} CPUs, {int(mem) / 2**20:.1f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--pg", help="also a PostgreSQL URL: the stores go into private schemas, dropped after")
    ap.add_argument("--json", type=Path, help="write the figures here as well")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="chitieu-scale-") as tmp:
        base = Path(tmp)
        folder = base / "in"
        size = write_corpus(folder, args.docs, args.seed)
        print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} — {machine()}")
        print(f"# corpus: {args.docs} synthetic reports (chitieu.synth, seed {args.seed}), "
              f"{size / 1e6:.2f} MB")
        backends = ["sqlite"] + (["pg"] if args.pg else [])
        try:
            report = {"machine": machine(), "docs": args.docs, "mb": size / 1e6,
                      "backends": {b: measure(base, folder, b, args.pg) for b in backends}}
        finally:
            drop_schemas()
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


def measure(base: Path, folder: Path, backend: str, pg: str | None) -> dict[str, Any]:
    use_pg = pg if backend == "pg" else None
    runs = {mode: run_child(["--child", mode, str(folder), fresh_store(base, f"{backend}-{mode}", use_pg)])
            for mode in ("serial", "workers=1", "workers=2")}
    writer = run_child(["--write-rate", str(folder), fresh_store(base, f"{backend}-write", use_pg), "400"])
    print(f"\n## {backend}")
    print(f"{'mode':<10} {'wall s':>7} {'docs/s':>7} {'MB/s':>6} {'steady docs/s':>14} {'steady MB/s':>12} "
          f"{'writer RSS MB':>14} {'worker RSS MB':>16} {'worker USS MB':>16}")
    for mode, r in runs.items():
        mb_doc = r["bytes"] / 1e6 / r["docs"]
        print(f"{mode:<10} {r['seconds']:7.1f} {r['docs'] / r['seconds']:7.1f} "
              f"{r['bytes'] / 1e6 / r['seconds']:6.3f} "
              f"{steady(r):14.1f} {steady(r) * mb_doc:12.3f} {r['writer_rss_mb'] or 0:14.0f} "
              f"{'/'.join(f'{x:.0f}' for x in r['worker_rss_mb']) or '-':>16} "
              f"{'/'.join(f'{x:.0f}' for x in r['worker_uss_mb']) or '-':>16}")
        assert r["new"] == r["docs"], r
    r1, r2 = steady(runs["workers=1"]), steady(runs["workers=2"])
    eff = r2 / (2 * r1) if r1 else 0.0
    w = writer["docs_per_s"]
    mb_doc = runs["serial"]["bytes"] / 1e6 / runs["serial"]["docs"]
    print(f"writer alone: {w:.0f} docs/s ({w * mb_doc:.2f} MB/s), one transaction per document")
    print(f"extrapolation rate(W) = min(W x r1 x e, w) with r1 = {r1:.1f} docs/s, e = {eff:.2f}, "
          f"w = {w:.0f} docs/s:")
    cluster = {}
    for size in CLUSTER_SIZES:
        rate = min(size * r1 * eff, w)
        cluster[size] = rate
        bound = " (writer-bound)" if rate >= w else ""
        print(f"  {size:>3} workers: {rate:7.0f} docs/s, {rate * mb_doc:6.2f} MB/s{bound}")
    return {"runs": runs, "writer": writer, "r1": r1, "r2": r2, "efficiency": eff, "cluster": cluster}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:5])
    elif len(sys.argv) > 1 and sys.argv[1] == "--write-rate":
        write_rate(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main()
