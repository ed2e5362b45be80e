"""Ingest speed: N synthetic reports into a fresh SQLite file, end to end.

    .venv/bin/python bench/ingest_speed.py              # 1,000 and 10,000 documents
    .venv/bin/python bench/ingest_speed.py --sizes 1000 --db-dir /tmp/bench

For each size the reports are first written as .txt files, then a fresh child process
runs `chitieu.store.ingest.ingest` on the folder (reading, hashing, extracting,
enriching and storing in batches, see chitieu.store.ingest) and reports documents/s,
MB/s, MB/s without the extractor's time (MB/s-x), MB per CPU second of the run
(MB/cpu-s: what a quiet machine gives, steadier than MB/s on a shared one), its peak
memory (ru_maxrss), and where the time of the run went, as shares of it:

- startup: the one-time work done by the first document (grammar tables, locality
  index, catalogue, YAML files loaded lazily; the listing of the folder): for reading,
  extracting and enriching, the first call's time beyond the median of the others;
- read: reading and decoding the inputs (`iter_inputs`), less its startup;
- extract: the extractor, less its startup;
- enrich: building the rows with the enrichment hooks (`rows.build`), less its startup;
- write: the batches' transactions (`ingest._flush`);
- rest: hashing, the lookup of already stored hashes, bookkeeping.

"proc s" is the child's whole life (interpreter start, imports, opening and migrating
the store, the run), for reference; s, docs/s and MB/s are those of the run itself.
Targets: >= 2 MB/s on one core, peak memory flat in N (< 300 MB).

The locality index is loaded from its cache file (chitieu.localities), which this
script makes first when missing, as any earlier run on the machine would have;
`--cold-cache` gives the child an empty cache folder instead (the index is then built:
a first run after installing or upgrading).

Reports come from `chitieu.synth.generate(n, seed)` (name and text of each SynthDoc)
when it exists, else from a small template generator below (our own sentences,
numbers varied).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TARGET_MB_S = 2.0
TARGET_PEAK_MB = 300
SHARES = ("startup", "read", "extract", "enrich", "write", "rest")


# --- reports ---------------------------------------------------------------------------

_PLACES = ["xã Tân Phú", "xã Hòa Bình", "phường Trung Sơn", "thị trấn Phước Long", "huyện Krông Nô",
           "huyện Sơn Hà", "xã Ea Kly", "thành phố Bảo Lộc"]
_PERIODS = ["6 tháng đầu năm {y}", "quý I/{y}", "9 tháng năm {y}", "năm {y}", "quý III năm {y}"]
_SENTENCES = [
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt {a} tỷ đồng, đạt {p}% dự toán tỉnh giao, "
    "tăng {c}% so với cùng kỳ.",
    "Thu cân đối ngân sách địa phương đạt {b} triệu đồng, bằng {p}% kế hoạch năm.",
    "Giá trị sản xuất ngành nông nghiệp ước đạt {a} tỷ đồng, tăng {c}% so với cùng kỳ năm trước.",
    "Tổng diện tích gieo trồng đạt {h} ha, đạt {p}% kế hoạch; năng suất lúa bình quân {q} tạ/ha.",
    "Tỷ lệ hộ nghèo giảm còn {r}%, giảm {s}% so với đầu năm.",
    "Đã giải quyết việc làm cho {n} lao động, đạt {p}% kế hoạch.",
    "Tỷ lệ người dân tham gia bảo hiểm y tế đạt {r2}%.",
    "Giải ngân vốn đầu tư công đạt {b} triệu đồng, bằng {p}% kế hoạch vốn giao.",
    "Có {k}/{t} chỉ tiêu chủ yếu đạt và vượt kế hoạch đề ra.",
    "Tiếp nhận {n} hồ sơ thủ tục hành chính, giải quyết đúng hạn {r2}%.",
    "Kết nạp {m} đảng viên mới, đạt {p}% chỉ tiêu nghị quyết.",
    "Tổng đàn gia súc có {n} con, tăng {m} con so với cùng kỳ.",
]
_CLOSING = [
    "Thực hiện Kết luận số {m}-KL/HU ngày {d}/{mo}/{y} của Ban Thường vụ Huyện ủy, đồng chí {who}, "
    "Chủ tịch Ủy ban nhân dân, yêu cầu các ngành tập trung tháo gỡ khó khăn trong giải phóng mặt bằng.",
    "Địa phương kiến nghị tỉnh sớm bố trí kinh phí nâng cấp tuyến đường giao thông nông thôn.",
    "Đề nghị cấp trên hỗ trợ giống cây trồng cho các hộ bị thiệt hại do mưa lũ.",
]
_NAMES = ["Nguyễn Văn Thành", "Trần Thị Mai", "Lê Quang Huy", "Phạm Thị Hồng", "Đặng Văn Lực"]


def _vn(x: float, decimals: int = 0) -> str:
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fallback_generate(n: int, seed: int) -> Iterator[tuple[str, str, dict]]:
    """`n` distinct reports of 1-4 KB, deterministic in `seed`."""
    for i in range(n):
        r = random.Random(seed * 7_919 + i)
        y = r.randint(2019, 2025)
        place = r.choice(_PLACES)
        head = f"Báo cáo số {i + 1}/BC-UBND kết quả {r.choice(_PERIODS).format(y=y)} của {place}\n\n"
        body = []
        for tmpl in r.sample(_SENTENCES, r.randint(6, len(_SENTENCES))):
            body.append(tmpl.format(
                a=_vn(r.uniform(5, 900), 1), b=_vn(r.randint(500, 90_000)), p=_vn(r.uniform(20, 130), 2),
                c=_vn(r.uniform(0.5, 25), 1), h=_vn(r.randint(100, 20_000)), q=_vn(r.uniform(40, 70), 1),
                r=_vn(r.uniform(0.5, 12), 2), s=_vn(r.uniform(0.1, 2), 2), r2=_vn(r.uniform(80, 99.9), 1),
                n=_vn(r.randint(50, 20_000)), k=r.randint(10, 20), t=20, m=r.randint(5, 300)))
        closing = [c.format(m=r.randint(1, 999), d=r.randint(1, 28), mo=r.randint(1, 12), y=y,
                            who=r.choice(_NAMES)) for c in r.sample(_CLOSING, 2)]
        text = head + "\n".join(body) + "\n\n" + "\n".join(closing) + "\n"
        yield f"bao-cao-{i:06d}", text, {}


def generate(n: int, seed: int) -> tuple[str, Iterator[Any]]:
    try:
        from chitieu.synth import generate as synth_generate
    except ImportError:
        return "bench template", fallback_generate(n, seed)
    return "chitieu.synth", synth_generate(n, seed)


def write_corpus(folder: Path, n: int, seed: int) -> tuple[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    origin, reports = generate(n, seed)
    total = 0
    for i, doc in enumerate(reports):
        # chitieu.synth yields SynthDoc(name, text, gold, meta); the fallback (name, text, gold).
        name, text = (doc.name, doc.text) if hasattr(doc, "text") else doc[:2]
        data = text.encode("utf-8")
        (folder / f"{i:06d}-{Path(name).stem}.txt").write_bytes(data)
        total += len(data)
    return origin, total


# --- the measured child -----------------------------------------------------------------

def child(folder: str, db: str) -> None:
    import statistics

    import chitieu.store.ingest as ingest_mod
    from chitieu.store import open_store

    calls: dict[str, list[float]] = {"read": [], "extract": [], "build": [], "_flush": []}

    def timed(name: str):  # type: ignore[no-untyped-def]
        real = getattr(ingest_mod, name)

        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                calls[name].append(time.perf_counter() - t)

        setattr(ingest_mod, name, wrapper)

    for name in ("extract", "build", "_flush"):
        timed(name)
    real_inputs = ingest_mod.iter_inputs

    def timed_inputs(*args, **kwargs):  # type: ignore[no-untyped-def]
        it = real_inputs(*args, **kwargs)
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                calls["read"].append(time.perf_counter() - t)
            yield item

    ingest_mod.iter_inputs = timed_inputs
    with open_store(db) as store:
        cpu = time.process_time()
        summary = ingest_mod.ingest(store, [folder], progress=False)
        cpu = time.process_time() - cpu
    total = summary.seconds or 1.0

    def startup(name: str) -> float:
        times = calls[name]
        return max(0.0, times[0] - statistics.median(times[1:])) if len(times) > 1 else 0.0

    first = {name: startup(name) for name in ("read", "extract", "build")}
    spent = {name: sum(times) for name, times in calls.items()}
    shares = {
        "startup": sum(first.values()) / total,
        "read": (spent["read"] - first["read"]) / total,
        "extract": (spent["extract"] - first["extract"]) / total,
        "enrich": (spent["build"] - first["build"]) / total,
        "write": spent["_flush"] / total,
    }
    shares["rest"] = 1 - sum(shares.values())
    json.dump({
        "documents": summary.documents, "new": summary.new, "failed": summary.failed,
        "mb": summary.bytes / 1e6, "seconds": summary.seconds, "docs_s": summary.docs_per_second,
        "mb_s": summary.mb_per_second, "extract_s": spent["extract"], "shares": shares,
        "cpu_s": cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sample_failures": summary.failures[:3],
    }, sys.stdout)


def measure(n: int, seed: int, base: Path, *, cold_cache: bool = False) -> dict:
    folder, db = base / f"in-{n}", base / f"bench-{n}.db"
    t = time.perf_counter()
    origin, _ = write_corpus(folder, n, seed)
    gen_s = time.perf_counter() - t
    env = dict(os.environ)
    if cold_cache:
        cache = base / f"cache-{n}"
        shutil.rmtree(cache, ignore_errors=True)
        env["CHITIEU_CACHE_DIR"] = str(cache)
    else:
        from chitieu.localities import _index

        _index()  # the cache file a previous run would have left
    t = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db)],
                         check=True, capture_output=True, text=True, env=env)
    proc_s = time.perf_counter() - t
    result = json.loads(out.stdout)
    result.update(n=n, origin=origin, generate_s=gen_s, proc_s=proc_s, db_mb=db.stat().st_size / 1e6)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--db-dir", type=Path, help="keep the corpora and databases here (default: a temp dir)")
    ap.add_argument("--cold-cache", action="store_true",
                    help="run the child with an empty cache folder (the locality index is built)")
    ap.add_argument("--child", nargs=2, metavar=("FOLDER", "DB"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="chitieu-bench-") as tmp:
        base = args.db_dir or Path(tmp)
        cols = ("docs", "MB", "s", "docs/s", "MB/s", "MB/s-x", "MB/cpu-s", *SHARES, "peak MB", "proc s")
        print(" ".join(f"{c:>8}" for c in cols), " source")
        for n in args.sizes:
            r = measure(n, args.seed, base, cold_cache=args.cold_cache)
            ok = r["mb_s"] >= TARGET_MB_S and r["peak_mb"] < TARGET_PEAK_MB and not r["failed"]
            verdict = "ok" if ok else "BELOW TARGET"
            shares = " ".join(f"{r['shares'][k]:>8.0%}" for k in SHARES)
            print(f"{n:>8} {r['mb']:>8.2f} {r['seconds']:>8.2f} {r['docs_s']:>8.0f} {r['mb_s']:>8.2f} "
                  f"{r['mb'] / max(r['seconds'] - r['extract_s'], 1e-9):>8.2f} "
                  f"{r['mb'] / max(r['cpu_s'], 1e-9):>8.2f} {shares} "
                  f"{r['peak_mb']:>8.0f} {r['proc_s']:>8.2f}  {r['origin']}  [{verdict}]", flush=True)
            if r["failed"]:
                print(f"         {r['failed']} failed, e.g. {r['sample_failures']}", flush=True)


if __name__ == "__main__":
    main()
