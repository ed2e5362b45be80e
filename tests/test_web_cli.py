"""`chitieu user add`, `chitieu demo --no-serve` and `chitieu serve` from the outside."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from click.testing import CliRunner

from chitieu.cli import main
from chitieu.store import open_store
from chitieu.store.repo_web import get_user
from chitieu.web.auth import verify_password


def test_user_add_hashes_the_password(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["user", "add", "chuyen-vien", "--role", "editor", "--password-stdin",
                                       "--db", db], input="mat-khau-rat-dai\n")
    assert result.exit_code == 0, result.output
    with open_store(db) as store, store.reading() as session:
        user = get_user(session, "chuyen-vien")
    assert user is not None and user.role == "editor"
    assert user.password_hash.startswith("$argon2id$") and "mat-khau-rat-dai" not in user.password_hash
    assert verify_password("mat-khau-rat-dai", user.password_hash)
    assert not verify_password("mat-khau-sai-roi", user.password_hash)


def test_user_add_refuses_short_passwords_and_unknown_roles(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    short = CliRunner().invoke(main, ["user", "add", "a", "--password-stdin", "--db", db], input="ngan\n")
    assert short.exit_code != 0 and "ít nhất" in short.output
    role = CliRunner().invoke(main, ["user", "add", "a", "--role", "chu", "--password-stdin", "--db", db],
                              input="mat-khau-rat-dai\n")
    assert role.exit_code != 0


def test_demo_ingests_judges_and_prints_the_address(tmp_path: Path) -> None:
    db = tmp_path / "demo" / "chitieu.db"
    result = CliRunner().invoke(main, ["demo", "--docs", "4", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "Mở http://127.0.0.1:8000 trong trình duyệt" in result.output
    assert len(list((tmp_path / "demo" / "bao-cao").glob("*.txt"))) == 5  # 4 made + the packaged sample
    with open_store(str(db)) as store, store.reading() as session:
        from chitieu.assess.service import overview

        assert overview(session)
    again = CliRunner().invoke(main, ["demo", "--docs", "4", "--db", str(db), "--no-serve"])
    assert "Đã nạp 0 văn bản mới (5 đã có" in again.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_loopback(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "CHITIEU_SECRET_KEY": "k"}
    proc = subprocess.Popen([sys.executable, "-c", "from chitieu.cli import main; main()", "serve",
                             "--db", str(tmp_path / "s.db"), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/index.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["localities"] == []
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"Mở http://127.0.0.1:{port} trong trình duyệt" in out
