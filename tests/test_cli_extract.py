"""`chitieu extract` and `chitieu demo` from the outside."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from chitieu.cli import main

REPORT = (
    "Xã Hòa Phong tổng kết năm 2024\n\n"
    "Năm 2024, thu ngân sách xã ước đạt 4.250 triệu đồng, đạt 106,2% dự toán huyện giao, "
    "tăng 8,5% so với năm 2023.\n"
)


def test_json_output_follows_the_contract(tmp_path: Path) -> None:
    f = tmp_path / "xa.txt"
    f.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "--json", str(f)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[0])
    assert data["schema"] == "chitieu.extract/1"
    assert set(data) == {"schema", "document", "facts", "tallies", "references", "people",
                         "directives", "requests"}
    for fact in data["facts"]:
        start, end = fact["span"]
        assert REPORT[start:end] == fact["text"]


def test_out_dir_writes_one_file_per_input_and_reports_failures(tmp_path: Path) -> None:
    good = tmp_path / "in" / "tot.txt"
    bad = tmp_path / "in" / "hong.txt"
    good.parent.mkdir()
    good.write_text(REPORT, encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", "--out", str(out), str(good.parent)])
    assert result.exit_code == 1
    assert (out / "tot.json").is_file()
    assert not (out / "hong.json").exists()
    assert "hong.txt" in result.output


def test_demo_runs_on_the_shipped_sample(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--docs", "2", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "bao-cao-mau-6-thang" in result.output
    assert "Mở http://127.0.0.1:8000 trong trình duyệt" in result.output
