"""A folder of hostile files next to good ones, ingested serially and with --workers 2.

Every good document is stored; every bad one is either refused with a clear reason in
`failures` or stored correctly converted (legacy Vietnamese encodings, a few invalid
UTF-8 bytes); the ingest process's peak memory stays bounded although the folder holds
a 200 MB text file and a zip bomb. The corpus is built in a temporary folder at test time.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.documents import blank_pdf, docx_bytes, encrypt_pdf, text_pdf, to_legacy

from chitieu.cli import main
from chitieu.store import open_store, repo
from chitieu.store.models import DocumentRow

PEAK_RSS_LIMIT_MB = 400
HUGE_MB = 200
SENTENCE = "Thu ngân sách trên địa bàn ước đạt 45,2 tỷ đồng, đạt 61% dự toán huyện giao. "
# No uppercase toned letter: TCVN3 has none, so the round trip is exact.
LEGACY = ("Báo cáo tình hình kinh tế - xã hội tháng 6 năm 2025 của xã Hòa Tiến\n"
          "Tổng diện tích gieo trồng đạt 1.250 ha, bằng 97% kế hoạch; năng suất lúa ước đạt 62 tạ/ha.\n")

# name -> a pattern its recorded reason must contain
REFUSED = {
    "bom-nen.docx": "bom nén",
    "qua-lon.txt": "tệp quá lớn",
    "rac-nhi-phan.txt": "không nhận ra bảng mã",
    "long-sau.html": "lồng nhau quá sâu",
    "ma-hoa.pdf": "mã hóa",
    "ban-quet.pdf": "không có lớp văn bản",
}


def _zip_bomb() -> bytes:
    """A Word file whose document.xml inflates 300 times (30 MB of spaces in 100 kB)."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes(["Báo cáo tháng 6."]))) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:-20] + b" " * (30 * 1024 * 1024)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def _huge_text(path: Path) -> None:
    """HUGE_MB of real Vietnamese text, written in 1 MiB chunks."""
    chunk = (SENTENCE * (1024 * 1024 // len(SENTENCE.encode("utf-8")) + 1)).encode("utf-8")[:1024 * 1024]
    with path.open("wb") as fh:
        for _ in range(HUGE_MB):
            fh.write(chunk)


def build_corpus(folder: Path, make_reports: Callable[..., list[Path]]) -> dict[str, Path]:
    """Good files (returned by name) and the hostile ones of REFUSED, side by side."""
    good = {p.name: p for p in make_reports(5, folder=folder.name)}
    files: dict[str, bytes] = {
        "tot.docx": docx_bytes(["Báo cáo quý III năm 2025 của xã Phú Hòa", SENTENCE]),
        "tot.pdf": text_pdf(["Báo cáo 9 tháng năm 2025 của xã Ea Tiêu\n" + SENTENCE]),
        "tot.html": (f"<html><head><title>Tin xã</title></head><body><article><h1>Kết quả tháng 9</h1>"
                     f"<p>{SENTENCE}</p><p>{SENTENCE.replace('45,2', '12,7')}</p></article></body></html>"
                     ).encode(),
        "tcvn3.txt": to_legacy(LEGACY, "tcvn3"),
        "vni.txt": to_legacy(LEGACY.replace("tháng 6", "tháng 7"), "vni"),
        "vai-byte-hong.txt": (LEGACY.encode("utf-8")[:40] + b"\xff\xfe" + LEGACY.encode("utf-8")[40:]
                              + b"\xe1\xba"),
        "bom-nen.docx": _zip_bomb(),
        "rac-nhi-phan.txt": bytes((i * 37 + 11) % 128 + 128 for i in range(600)),
        "long-sau.html": ("<html><body>" + "<div>" * 100_000 + "<p>Một câu.</p>" + "</div>" * 100_000
                          + "</body></html>").encode("utf-8"),
        "ma-hoa.pdf": encrypt_pdf(text_pdf(["Báo cáo mật: thu ngân sách đạt 70% dự toán."]), "mat-khau"),
        "ban-quet.pdf": blank_pdf(2),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
        if name not in REFUSED:
            good[name] = folder / name
    _huge_text(folder / "qua-lon.txt")
    return good


PEAK = ("import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:])\n"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def _ingest_measured(db: str, folder: Path, extra: list[str]) -> tuple[int, float]:
    """Run `chitieu ingest` in a child of a fresh helper process; its exit code and the peak
    resident memory (MB) of it and its workers (the largest one)."""
    cli = [sys.executable, "-c", "from chitieu.cli import main; main()", "ingest", "--quiet", "--db", db,
           *extra, str(folder)]
    out = subprocess.run([sys.executable, "-c", PEAK, *cli], capture_output=True, text=True, timeout=600)
    code, kb = out.stdout.split()[-2:]
    return int(code), int(kb) / 1024


@pytest.mark.parametrize("extra", [[], ["--workers", "2"]], ids=["serial", "workers"])
def test_hostile_files_are_refused_or_converted_and_the_rest_is_stored(
        store_url: str, tmp_path: Path, make_reports: Callable[..., list[Path]], extra: list[str]) -> None:
    folder = tmp_path / "lan-lon"
    good = build_corpus(folder, make_reports)
    code, peak_mb = _ingest_measured(store_url, folder, extra)
    assert code == 1  # some inputs failed
    assert peak_mb < PEAK_RSS_LIMIT_MB, f"peak memory {peak_mb:.0f} MB"

    with open_store(store_url) as store, store.reading() as s:
        stored = {r.source: r for r in s.query(DocumentRow)}
        failures = {f.source: f.reason for f in repo.list_failures(s)}
    assert sorted(stored) == sorted(str(p) for p in good.values())
    for name, pattern in REFUSED.items():
        reason = failures.get(str(folder / name))
        assert reason and pattern in reason, (name, reason)
    assert set(failures) == {str(folder / n) for n in REFUSED}

    tcvn3, vni = stored[str(good["tcvn3.txt"])], stored[str(good["vni.txt"])]
    assert (tcvn3.encoding, tcvn3.text) == ("tcvn3", LEGACY)
    assert (vni.encoding, vni.text) == ("vni", LEGACY.replace("tháng 6", "tháng 7"))
    damaged = stored[str(good["vai-byte-hong.txt"])]
    assert damaged.encoding == "utf-8+replace" and "\ufffd" in damaged.text and "1.250 ha" in damaged.text

    listed = CliRunner().invoke(main, ["failures", "--db", store_url], env={"COLUMNS": "400"})
    assert listed.exit_code == 0
    assert all(name in listed.output for name in REFUSED)


def test_jsonl_crawl_with_hostile_lines(tmp_path: Path) -> None:
    """Lines of a crawl fail one by one; the good lines around them are stored."""
    crawl = tmp_path / "thu-thap.jsonl"
    lines = [json.dumps({"text": LEGACY, "url": "https://xa.example.vn/1"}, ensure_ascii=False),
             '{"text": "mở ngoặc', json.dumps({"html": "<div>" * 5_000 + "x" + "</div>" * 5_000}),
             json.dumps({"text": SENTENCE}, ensure_ascii=False)]
    crawl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "j.db")
    assert CliRunner().invoke(main, ["ingest", "-q", "--db", db, "--workers", "2", str(crawl)]).exit_code == 1
    with open_store(db) as store, store.reading() as s:
        assert sorted(repo.documents_by_source(s)) == [f"{crawl}:1", f"{crawl}:4"]
        reasons = {f.source: f.reason for f in repo.list_failures(s)}
    assert set(reasons) == {f"{crawl}:2", f"{crawl}:3"}
    assert "JSON không hợp lệ" in reasons[f"{crawl}:2"]
