"""A short run of bench/soak.py: the dashboard under a fixed request rate on loopback while
an ingest writes the same SQLite file; zero errors. The full run (120 s at 20 requests/s)
is `.venv/bin/python bench/soak.py`; its figures are in the README."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SOAK = Path(__file__).resolve().parents[1] / "bench" / "soak.py"


@pytest.mark.slow
def test_short_soak_has_no_errors_while_an_ingest_writes(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    run = subprocess.run([sys.executable, str(SOAK), "--seconds", "8", "--rate", "10", "--prefill", "60",
                          "--ingest-docs", "2000", "--per-ingest", "1000", "--json", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["requests"] == 80 and result["errors"] == 0
    assert result["stored_during_soak"] > 0  # the ingest really wrote meanwhile
    assert result["p99_ms"] < 5000
