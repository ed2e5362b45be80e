"""Extraction speed: the whole `extract()` on >= 20 MB of report text, against underthesea.

    .venv/bin/python bench/extract_speed.py                 # 20 MB, underthesea on 1 MB
    .venv/bin/python bench/extract_speed.py --mb 5 --ut-mb 0.5
    .venv/bin/python bench/extract_speed.py --corpus shared --source-too   # real reports too

The corpus is built at run time and never stored: report articles from
`chitieu.synth.generate` (our own templates) when that module exists, else the small
template texts below; they are repeated with their digits rotated (each repetition
shifts every digit by one), so that no two copies carry the same figures.

`extract()` runs over every document in this one process; the figure is MB of UTF-8
text per second of CPU time. Its one-time start-up (the first call) is timed and printed
apart, as underthesea's model load is kept out of its rate. underthesea's `word_tokenize` (an optional extra,
`pip install -e .[bench]`) is slow, so it is measured on a subset (--ut-mb) of the same
texts in the same run, and both rates are printed. Targets: >= 5 MB/s, and >= 25x the
rate of underthesea.

The grammar runs as built by `scripts/setup.sh` (compiled with mypyc; the header line
says which build ran). `--source-too` also times the Python source (CHITIEU_PURE=1) on
the same corpus in a child process, so the gain of the compiled build is a ratio from
one run. `--corpus shared` repeats the real reports of ../shared/corpus instead of the
synthetic articles (read at run time, never stored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from chitieu.extract import BUILD, extract

TARGET_MB_S = 5.0
TARGET_RATIO = 25.0

_FALLBACK = [
    "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 456,8 tỷ đồng, đạt 101,5% dự toán tỉnh giao, "
    "tăng 9,2% so với cùng kỳ năm 2022. Giá trị sản xuất nông nghiệp đạt 210 tỷ đồng; năng suất lúa "
    "bình quân 6,1 tấn/ha. Toàn xã có 1.856/2.010 hộ đạt danh hiệu gia đình văn hóa, chiếm 92,3%.",
    "Ngày 18/12, HĐND xã khóa XII, nhiệm kỳ 2021 - 2026 tổ chức kỳ họp thứ 8. Tỷ lệ hộ nghèo giảm còn "
    "2,6%; giải quyết việc làm cho 180 lao động; kết nạp 12 đảng viên mới, đạt 120% chỉ tiêu huyện giao.",
    "Tình hình an ninh chính trị ổn định, trật tự an toàn xã hội được giữ vững. Đại biểu đề nghị tỉnh "
    "hỗ trợ kinh phí xây dựng 02 cây cầu; phấn đấu năm 2024 thu ngân sách đạt 60 tỷ đồng.",
]


def base_texts(n: int) -> list[str]:
    """Up to `n` report texts: synthetic articles when the generator exists."""
    try:
        from chitieu.synth import generate
    except ImportError:
        return _FALLBACK
    return [d.text for d in generate(n, seed=2024)]


def corpus(target_bytes: int, base: list[str]) -> Iterator[str]:
    """Documents until `target_bytes` of UTF-8 are reached, digits rotated per repetition."""
    total, k = 0, 0
    while total < target_bytes:
        table = str.maketrans("0123456789", "".join(str((d + k) % 10) for d in range(10)))
        for text in base:
            doc = text.translate(table)
            total += len(doc.encode("utf-8"))
            yield doc
            if total >= target_bytes:
                return
        k += 1


def rate(docs: list[str], fn: Callable[[str], object]) -> tuple[float, float]:
    """(MB, CPU seconds) for running `fn` over every document."""
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    start = time.process_time()
    for d in docs:
        fn(d)
    return mb, time.process_time() - start


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def shared_texts() -> list[str]:
    """The real report texts of ../shared/corpus when it is beside the project (read at
    run time, never stored), else an empty list."""
    root = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    return [p.read_text(encoding="utf-8") for p in sorted(root.glob("*/*.txt"))]


def source_rate(args: argparse.Namespace) -> float | None:
    """MB/s of the Python-source build (CHITIEU_PURE=1) on the same corpus, in a child."""
    cmd = [sys.executable, __file__, "--mb", str(args.mb), "--base-docs", str(args.base_docs),
           "--corpus", args.corpus, "--rate-only"]
    run = subprocess.run(cmd, env={**os.environ, "CHITIEU_PURE": "1"}, capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stderr, file=sys.stderr)
        return None
    return float(run.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="size of the extract() corpus in MB")
    ap.add_argument("--ut-mb", type=float, default=1.0, help="size of the underthesea subset in MB")
    ap.add_argument("--base-docs", type=int, default=1500, help="distinct synthetic articles to repeat")
    ap.add_argument("--corpus", choices=("synth", "shared"), default="synth",
                    help="synth: our synthetic articles; shared: the real reports of ../shared/corpus")
    ap.add_argument("--source-too", action="store_true",
                    help="also time the Python-source build (CHITIEU_PURE=1) in a child process")
    ap.add_argument("--rate-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    base = shared_texts() if args.corpus == "shared" else base_texts(args.base_docs)
    if not base:
        print("no ../shared/corpus beside the project; use --corpus synth")
        return 2
    docs = list(corpus(int(args.mb * 1e6), base))
    # One-time work (importing the finders, compiling their patterns, loading the word
    # lists) is timed apart, as underthesea's model load is below: the rates compare
    # throughput, and the start-up is printed on its own line.
    start = time.process_time()
    extract(_FALLBACK[0])
    startup = time.process_time() - start
    mb, secs = rate(docs, extract)
    ours = mb / secs
    if args.rate_only:
        print(f"{ours:.4f}")
        return 0
    print(f"date: {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"machine: {cpu_model()}; python {platform.python_version()}; grammar: {BUILD}")
    print(f"corpus: {args.corpus}")
    print(f"extract(): {mb:.1f} MB in {len(docs)} documents, {secs:.2f} s CPU -> {ours:.2f} MB/s "
          f"(target >= {TARGET_MB_S:.0f} MB/s)")
    print(f"start-up (first call: finders imported, patterns compiled, word lists loaded): "
          f"{startup:.3f} s CPU, not counted above")
    if args.source_too:
        src = source_rate(args)
        if src:
            print(f"extract() from Python source (CHITIEU_PURE=1, same corpus): {src:.2f} MB/s; "
                  f"this build is {ours / src:.2f}x that")

    try:
        from underthesea import word_tokenize
    except ImportError:
        print("underthesea: not installed (pip install -e .[bench]); no comparison made")
        return 0 if ours >= TARGET_MB_S else 1
    subset = list(corpus(int(args.ut_mb * 1e6), docs))
    word_tokenize(subset[0][:200])  # load the model before timing
    ut_mb, ut_secs = rate(subset, word_tokenize)
    theirs = ut_mb / ut_secs
    ratio = ours / theirs
    print(f"underthesea word_tokenize (subset of {ut_mb:.1f} MB of the same texts): {ut_secs:.2f} s CPU -> "
          f"{theirs:.3f} MB/s")
    print(f"ratio: {ratio:.1f}x underthesea (target >= {TARGET_RATIO:.0f}x)")
    ok = ours >= TARGET_MB_S and ratio >= TARGET_RATIO
    print("result:", "targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
