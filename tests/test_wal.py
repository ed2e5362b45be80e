"""SQLite in WAL mode: the dashboard keeps answering while an ingest writes the same file.

An ingest subprocess stores a few hundred reports, one transaction each; meanwhile this
test reads the file over and over, through the dashboard (TestClient) and through a
plain sqlite3 connection that does not wait at all (timeout 0): a reader that needed a
lock would fail at once with "database is locked". Every read must succeed, quickly,
and the reads must see the store grow (they ran during the writes, not after).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from chitieu.store import open_store
from chitieu.web import Settings, create_app

CLI = [sys.executable, "-c", "from chitieu.cli import main; main()"]
N = 300
SLOWEST_READ_S = 5.0  # a reader waiting on the writer's lock would take the busy timeout (30 s)


def test_reads_go_on_while_an_ingest_writes(tmp_path: Path, make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(N)
    db = tmp_path / "wal.db"
    with open_store(db) as store, store.engine.connect() as conn:  # migrated before the writer starts
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    writer = subprocess.Popen([*CLI, "ingest", "--quiet", "--db", str(db), str(paths[0].parent)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: list[int] = []
    errors: list[str] = []
    slowest = 0.0
    app = create_app(str(db), Settings(secret_key="khoa-kiem-thu-wal", page_cache=False))
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0)
    try:
        with TestClient(app) as client:
            deadline = time.monotonic() + 300
            while writer.poll() is None and time.monotonic() < deadline:
                for path in ("/index.json", "/van-ban.json"):
                    t0 = time.perf_counter()
                    r = client.get(path)
                    slowest = max(slowest, time.perf_counter() - t0)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code} {r.text[:200]}")
                try:
                    seen.append(raw.execute("SELECT count(*) FROM documents").fetchone()[0])
                    raw.execute("SELECT count(*) FROM facts").fetchone()
                except sqlite3.OperationalError as exc:
                    errors.append(f"sqlite3: {exc}")
    finally:
        raw.close()
        if writer.poll() is None:
            writer.kill()
        _out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert not errors, errors[:5]
    assert slowest < SLOWEST_READ_S
    assert len(seen) >= 10, "too few reads happened during the ingest"
    assert seen == sorted(seen) and seen[0] < seen[-1] <= N, "the reads did not overlap the writes"
    with open_store(db) as store, store.reading() as s:
        assert s.connection().exec_driver_sql("SELECT count(*) FROM documents").scalar() == N
