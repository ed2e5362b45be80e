"""Dashboard speed with 1,000,000 facts in SQLite: server-side p95 of the overview and a locality page.

    .venv/bin/python bench/web_speed.py                       # 1,000,000 facts, build + measure
    .venv/bin/python bench/web_speed.py --facts 100000 --db /tmp/web.db
    .venv/bin/python bench/web_speed.py --db /tmp/web.db --reuse   # measure an existing file again

Build: synthetic rows are bulk-inserted straight into a freshly migrated store (no
extraction: this measures the web, not the extractor): every pre-2025 district of the
administrative-units package, 12 report periods (2020-2025, half-year and year), a few
documents per district and period, about 15 facts each with a stored judgement
(`fact_status`), a tally and two directives or petitions per document.

Measure: `chitieu serve` runs in its own process on 127.0.0.1; a load generator (httpx,
one connection per worker) requests the overview and locality pages (random districts,
latest period) for a bounded count and time. The server-side time is read from the
`Server-Timing` header the application sets (time inside the app, rendering included);
the client-side time (loopback round trip) is shown beside it. Target: server-side p95
under 150 ms for the overview and a locality page.

The overview's data is kept between requests until the store changes (chitieu.web.cache,
checked per request with a few index lookups); "overview (no cache)" measures it with
the cache off (CHITIEU_PAGE_CACHE=0), i.e. the first request after new data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

TARGET_MS = 150.0
FACTS_PER_DOC = 15
STATUSES = ("vượt kế hoạch", "đạt", "đúng tiến độ", "chậm tiến độ", "nguy cơ không đạt", "không đạt", None)
STATUS_WEIGHTS = (8, 10, 25, 15, 12, 5, 25)
TASK_STATES = ("đang thực hiện trong hạn", "quá hạn chưa hoàn thành", "hoàn thành đúng hạn",
               "hoàn thành quá hạn", "đang thực hiện chưa có hạn")
TIMING = re.compile(r"app;dur=([\d.]+)")


# --- build ---------------------------------------------------------------------------------

def periods() -> list[tuple[str, str, int, dt.date, dt.date]]:
    out = []
    for year in range(2020, 2026):
        out.append((f"6 tháng đầu năm {year}", "half", year, dt.date(year, 1, 1), dt.date(year, 6, 30)))
        out.append((f"năm {year}", "year", year, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return out


def indicators() -> list[tuple[str, str, str | None]]:
    from chitieu.extract import lexicon

    rows = lexicon.load("indicators")["indicators"]
    return [(r["code"], r["name"], r.get("unit")) for r in rows][:40]


def build(db: Path, n_facts: int, seed: int = 7) -> dict[str, Any]:
    from chitieu.localities import list_units
    from chitieu.store import open_store

    rng = random.Random(seed)
    places = list_units("district")
    spans = periods()
    docs_per = max(1, round(n_facts / (FACTS_PER_DOC * len(places) * len(spans))))
    inds = indicators()
    if db.exists():
        db.unlink()
    start = time.perf_counter()
    store = open_store(db)
    store.close()
    import sqlite3

    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    now = dt.datetime.now(dt.UTC).isoformat(sep=" ")
    doc_id = fact_id = item_id = 0
    facts: list[tuple[Any, ...]] = []
    status: list[tuple[Any, ...]] = []
    for place in places:
        for label, kind, year, begin, end in spans:
            docs, tallies, items = [], [], []
            for k in range(docs_per):
                doc_id += 1
                name = f"{place.level} {place.name}"
                text = (f"Báo cáo {label} của {name}, văn bản {k + 1}. "
                        + " ".join(f"Chỉ tiêu {c} đạt {rng.randint(10, 999)} đơn vị, "
                                   f"đạt {rng.randint(20, 130)}% kế hoạch."
                                   for c, _, _ in inds[:FACTS_PER_DOC]))
                docs.append((doc_id, f"bench/{place.code}/{year}/{kind}/{k}.txt", f"{doc_id:064x}", text,
                             f"Báo cáo {label} của {name}", end.isoformat(), name, place.code,
                             place.province_code, label, kind, year, begin.isoformat(), end.isoformat(),
                             len(text.encode()), now))
                for seq in range(FACTS_PER_DOC):
                    fact_id += 1
                    code, ind_name, unit = inds[(seq + k) % len(inds)]
                    value = round(rng.uniform(5, 5000), 1)
                    pct = round(rng.uniform(20, 130), 2)
                    facts.append((fact_id, doc_id, seq, seq * 10, seq * 10 + 8, f"{ind_name} đạt {value}",
                                  ind_name, code, value, unit, value, unit, None, pct, 0, 0.9, "pending"))
                    st = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
                    reasons = json.dumps(["chưa gắn mã chỉ tiêu"]) if rng.random() < 0.01 else None
                    pace = 50.0 if kind == "half" else 100.0
                    status.append((fact_id, pct, None, None, pace, "tuyến tính", st, None, None, None,
                                   reasons, now))
                tallies.append((doc_id, rng.randint(5, 20), 22, "chỉ tiêu", "… chỉ tiêu đạt", 0, 10))
                for kind_item in ("directive", "request"):
                    item_id += 1
                    items.append((item_id, doc_id, kind_item, f"Nhiệm vụ số {item_id} của {name}", 0, 20,
                                  "Phòng Tài chính - Kế hoạch", (end + dt.timedelta(days=90)).isoformat(),
                                  rng.choice(TASK_STATES), now))
            _insert(con, "documents", DOC_COLUMNS, docs)
            _insert(con, "tallies", TALLY_COLUMNS, tallies)
            _insert(con, "tracked_items", ITEM_COLUMNS, items)
        if len(facts) >= 200_000:
            _flush(con, facts, status)
    _flush(con, facts, status)
    con.commit()
    con.execute("ANALYZE")
    con.close()
    return {"documents": doc_id, "facts": fact_id, "items": item_id, "places": len(places),
            "periods": len(spans), "build_seconds": round(time.perf_counter() - start, 1),
            "db_mb": round(db.stat().st_size / 1e6, 1)}


DOC_COLUMNS = ("id source sha256 text title published locality locality_code province_code period period_kind"
               " period_year period_start period_end size ingested_at")
TALLY_COLUMNS = "document_id achieved total what text span_start span_end"
ITEM_COLUMNS = "id document_id kind text span_start span_end addressee deadline status status_changed_at"
FACT_COLUMNS = ("id document_id seq span_start span_end text indicator indicator_code value unit scaled_value"
                " scaled_unit plan_value plan_pct estimated confidence review_state")
STATUS_COLUMNS = ("fact_id stated_pct recomputed_pct consistent expected_pace pace_method status forecast_pct"
                  " forecast_method forecast_missed reasons assessed_at")


def _insert(con: Any, table: str, columns: str, rows: list[tuple[Any, ...]]) -> None:
    names = columns.split()
    sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    con.executemany(sql, rows)


def _flush(con: Any, facts: list[tuple[Any, ...]], status: list[tuple[Any, ...]]) -> None:
    _insert(con, "facts", FACT_COLUMNS, facts)
    _insert(con, "fact_status", STATUS_COLUMNS, status)
    facts.clear()
    status.clear()


# --- measure -------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, *, cache: bool = True) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    env = {**os.environ, "CHITIEU_SECRET_KEY": "bench", "CHITIEU_PAGE_CACHE": "1" if cache else "0"}
    proc = subprocess.Popen([sys.executable, "-c", "from chitieu.cli import main; main()", "serve", "--db",
                             str(db), "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api.json", timeout=2)
            return proc, base
        except httpx.TransportError:
            if proc.poll() is not None:
                raise SystemExit(proc.stderr.read() if proc.stderr else "server died") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def run_load(base: str, paths: list[str], *, workers: int, count: int, seconds: float) -> dict[str, Any]:
    """Request `paths` round-robin from `workers` threads until `count` requests or `seconds`."""
    server: list[float] = []
    client: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    counter = iter(range(count))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as http:
            while time.monotonic() < stop:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t0 = time.perf_counter()
                r = http.get(paths[i % len(paths)])
                took = (time.perf_counter() - t0) * 1000
                m = TIMING.search(r.headers.get("server-timing", ""))
                with lock:
                    if r.status_code != 200 or not m:
                        errors += 1
                        continue
                    server.append(float(m.group(1)))
                    client.append(took)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"requests": len(server), "errors": errors, "server": summary(server), "client": summary(client)}


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1)

    return {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "max": round(ordered[-1], 1),
            "mean": round(statistics.fmean(values), 1)}


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = " · load average {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return f"{cpu} · {os.cpu_count()} CPU · Python {platform.python_version()} · {platform.system()}{load}"


def measure(db: Path, pages: dict[str, list[str]], args: argparse.Namespace, results: dict[str, Any],
            *, cache: bool) -> None:
    proc, base = start_server(db, cache=cache)
    try:
        for name, paths in pages.items():
            run_load(base, paths[:5], workers=1, count=5, seconds=30)  # warm up (imports, page cache)
            for workers in args.workers:
                res = run_load(base, paths, workers=workers, count=args.count, seconds=args.seconds)
                results["pages"][f"{name} ×{workers}"] = res
                s, c = res["server"], res["client"]
                verdict = "OK" if s and s["p95"] < TARGET_MS else "OVER"
                print(f"{name:24} workers={workers}  n={res['requests']:4}  server p50={s.get('p50')} "
                      f"p95={s.get('p95')} p99={s.get('p99')} ms  client p95={c.get('p95')} ms  "
                      f"p95/target={s.get('p95', 0) / TARGET_MS:.2f}  {verdict}", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=None, help="SQLite file (default: a temporary folder)")
    ap.add_argument("--reuse", action="store_true", help="Measure the existing --db without rebuilding it.")
    ap.add_argument("--count", type=int, default=300, help="Requests per page kind and concurrency.")
    ap.add_argument("--seconds", type=float, default=60.0, help="Time limit per measurement.")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--json", type=Path, default=None, help="Also write the figures to this file.")
    args = ap.parse_args()
    db = args.db or Path(tempfile.mkdtemp(prefix="chitieu-web-")) / "web.db"
    if args.reuse:
        built = {"db_mb": round(db.stat().st_size / 1e6, 1)}
    else:
        print(f"Building {args.facts:,} facts in {db} …", flush=True)
        built = build(db, args.facts)
    print(json.dumps(built, ensure_ascii=False), flush=True)
    from chitieu.localities import list_units

    codes = [u.code for u in list_units("district")]
    rng = random.Random(1)
    pages = {"overview": ["/"], "overview.json": ["/index.json"],
             "locality": [f"/dia-phuong/{rng.choice(codes)}" for _ in range(500)],
             "locality.json": [f"/dia-phuong/{rng.choice(codes)}.json" for _ in range(500)]}
    results: dict[str, Any] = {"date": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                               "build": built, "target_ms": TARGET_MS, "pages": {}}
    measure(db, pages, args, results, cache=True)
    cold = {"overview (no cache)": pages["overview"], "overview.json (no cache)": pages["overview.json"]}
    measure(db, cold, argparse.Namespace(**{**vars(args), "count": min(args.count, 40), "workers": [1]}),
            results, cache=False)
    results["machine"] = machine()  # with the load average at the end
    print(f"{results['date']} · {results['machine']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
