"""Soak: a fixed request rate against the dashboard while an ingest writes the same SQLite file.

    .venv/bin/python bench/soak.py                       # 20 requests/s for 120 s
    .venv/bin/python bench/soak.py --seconds 10 --rate 10 --ingest-docs 3000 --json out.json

1. A SQLite store is filled with synthetic reports (and judged), so every page has data.
2. `chitieu serve` runs it with uvicorn in a child process on 127.0.0.1 (a free port).
3. `chitieu ingest` runs in other child processes on the same file, one after the other,
   over folders of reports generated beforehand, enough to keep writing for the whole soak
   (the report says when they ran out early).
4. Requests go out open-loop at `--rate` per second (a request is sent at its scheduled
   time whatever the others do; at most `--concurrency` in flight) to the overview, a
   locality, a document, the search, the directives board and their JSON twins, for
   `--seconds`. Latency is measured from the scheduled time, so a stalled server shows.
5. Reported: requests, errors (an exception or any status other than 200), p50/p95/p99/max
   latency, and how many documents the ingest stored during the soak. Exit code 1 on any
   error.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

CLI = [sys.executable, "-c", "from chitieu.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_reports(folder: Path, n: int, seed: int) -> None:
    from chitieu.synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    for doc in generate(n, seed):
        (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")


@contextmanager
def server(db: Path, port: int) -> Iterator[str]:
    env = {**os.environ, "CHITIEU_SECRET_KEY": "khoa-bi-mat-cho-soak"}
    proc = subprocess.Popen([*CLI, "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/index.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"the dashboard did not start: {proc.stderr.read() if proc.stderr else ''}")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Writer:
    """`chitieu ingest` on the prepared folders, one after the other, until stopped."""

    def __init__(self, db: Path, folders: list[Path]) -> None:
        self.db, self.folders = db, folders
        self.runs: list[int] = []  # exit codes of the runs that ended on their own
        self.ran_out = False  # every folder was ingested before the soak ended
        self._stop = threading.Event()
        self._proc: subprocess.Popen[str] | None = None
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
        self._thread.join(timeout=60)

    def _loop(self) -> None:
        for folder in self.folders:
            if self._stop.is_set():
                return
            self._proc = subprocess.Popen([*CLI, "ingest", "--quiet", "--db", str(self.db), str(folder)],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
            code = self._proc.wait()
            if not self._stop.is_set():
                self.runs.append(code)
        self.ran_out = bool(self.folders) and not self._stop.is_set()


def prepare_folders(base: Path, total: int, per_folder: int) -> list[Path]:
    """The reports the ingest will write, generated before the soak (not during it)."""
    folders = []
    for k, start in enumerate(range(0, total, per_folder)):
        folder = base / f"ingest-{k:03d}"
        write_reports(folder, min(per_folder, total - start), 1000 + k)
        folders.append(folder)
    return folders


def count_documents(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def targets(base: str) -> list[str]:
    """Addresses to cycle through, taken from the data itself."""
    overview = httpx.get(base + "/index.json", timeout=30).json()
    code = next(r["locality_code"] for r in overview["localities"] if r.get("locality_code"))
    doc = httpx.get(base + "/van-ban.json", params={"limit": 1}, timeout=30).json()["documents"][0]["id"]
    pages = ["/", f"/dia-phuong/{code}", f"/van-ban/{doc}", "/tim-kiem?q=ngân sách", "/chi-dao", "/van-ban"]
    return pages + ["/index.json" if p == "/" else p.replace("?", ".json?") if "?" in p else p + ".json"
                    for p in pages]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def soak(base: str, rate: float, seconds: float, concurrency: int) -> dict[str, Any]:
    paths = targets(base)
    latencies: list[float] = []
    by_path: dict[str, list[float]] = {p: [] for p in paths}
    errors: list[str] = []
    lock = threading.Lock()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=base, timeout=30, limits=limits) as client, \
            ThreadPoolExecutor(max_workers=concurrency) as pool:

        def one(path: str, scheduled: float) -> None:
            try:
                r = client.get(path)
                problem = None if r.status_code == 200 else f"{path}: HTTP {r.status_code}"
            except httpx.HTTPError as exc:
                problem = f"{path}: {type(exc).__name__}: {exc}"
            with lock:
                latencies.append(time.perf_counter() - scheduled)
                by_path[path].append((time.perf_counter() - scheduled) * 1000)
                if problem:
                    errors.append(problem)

        start = time.perf_counter()
        total = int(rate * seconds)
        for i in range(total):
            scheduled = start + i / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, paths[i % len(paths)], scheduled)
    ms = [x * 1000 for x in latencies]
    return {"requests": len(ms), "errors": len(errors), "error_samples": errors[:10],
            "p50_ms": percentile(ms, 50), "p95_ms": percentile(ms, 95), "p99_ms": percentile(ms, 99),
            "max_ms": max(ms, default=0.0),
            "per_path": {p: {"p50_ms": percentile(v, 50), "p99_ms": percentile(v, 99)}
                         for p, v in by_path.items()}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--rate", type=float, default=20, help="requests per second")
    ap.add_argument("--concurrency", type=int, default=32, help="requests in flight at most")
    ap.add_argument("--prefill", type=int, default=200, help="reports stored before the soak")
    ap.add_argument("--ingest-docs", type=int, default=24000,
                    help="reports prepared for the ingest (enough to keep it writing the whole soak)")
    ap.add_argument("--per-ingest", type=int, default=2000, help="reports per ingest run")
    ap.add_argument("--no-ingest", action="store_true", help="no writer: the baseline latency")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="chitieu-soak-") as tmp:
        base_dir = Path(tmp)
        db = base_dir / "soak.db"
        write_reports(base_dir / "prefill", args.prefill, 1)
        subprocess.run([*CLI, "ingest", "--quiet", "--db", str(db), str(base_dir / "prefill")], check=True)
        folders = [] if args.no_ingest else prepare_folders(base_dir, args.ingest_docs, args.per_ingest)
        writer = Writer(db, folders)
        with server(db, free_port()) as base:
            before = count_documents(db)
            writer.start()
            time.sleep(2)  # the ingest is past its start-up and writing
            result = soak(base, args.rate, args.seconds, args.concurrency)
            during = count_documents(db) - before
            writer.stop()
    result.update({"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "seconds": args.seconds,
                   "rate": args.rate, "stored_during_soak": during, "ingest_exit_codes": writer.runs,
                   "ingest_ran_out": writer.ran_out,
                   "cpus": os.cpu_count()})
    print(f"soak {args.seconds:.0f} s at {args.rate:g} req/s on 127.0.0.1 ({os.cpu_count()} CPUs), "
          f"SQLite WAL, ingest writing: {during} documents stored meanwhile"
          + (" (the prepared reports ran out before the end)" if writer.ran_out else ""))
    print(f"requests {result['requests']}, errors {result['errors']}; latency p50 {result['p50_ms']:.1f} ms, "
          f"p95 {result['p95_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.1f} ms")
    for path, stats in result["per_path"].items():
        print(f"  {path:<40} p50 {stats['p50_ms']:8.1f} ms   p99 {stats['p99_ms']:8.1f} ms")
    for sample in result["error_samples"]:
        print("  error:", sample)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return 1 if result["errors"] or any(writer.runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
