"""`ingest` and `chitieu ingest`: idempotence, crash safety, hostile inputs, concurrency."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from chitieu.cli import main
from chitieu.extract import extract
from chitieu.store import Store, enrich, open_store, repo
from chitieu.store.ingest import ingest

CLI = [sys.executable, "-c", "from chitieu.cli import main; main()"]


def _cli(*args: str) -> list[str]:
    return [*CLI, *args]


def _snapshot(store: Store) -> dict[str, int]:
    with store.reading() as s:
        return repo.row_counts(s)


def _expected_rows(text: str) -> dict[str, int]:
    """What one document must have in each extracted table, from the grammar itself."""
    ex = extract(text)
    return {"facts": len(ex.facts), "tallies": len(ex.tallies), "doc_references": len(ex.references),
            "person_mentions": len(ex.people), "tracked_items": len(ex.directives) + len(ex.requests)}


def _assert_every_document_complete(store: Store) -> int:
    """Every stored document has exactly the rows its text yields; returns how many are stored."""
    with store.reading() as s:
        per_doc = repo.rows_per_document(s)
        texts = dict(repo.document_texts(s))
    assert per_doc.keys() == texts.keys()
    for doc_id, counts in per_doc.items():
        assert counts == _expected_rows(texts[doc_id]), f"document {doc_id} is partial"
    return len(per_doc)


# --- idempotence ---------------------------------------------------------------------

def test_ingest_twice_adds_nothing(store: Store, make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(40)
    first = ingest(store, [paths[0].parent], progress=False)
    assert (first.new, first.unchanged, first.failed, first.documents) == (40, 0, 0, 40)
    assert first.bytes == sum(p.stat().st_size for p in paths)
    before = _snapshot(store)
    second = ingest(store, [paths[0].parent], progress=False)
    assert (second.new, second.unchanged, second.failed) == (0, 40, 0)
    assert _snapshot(store) == before
    assert _assert_every_document_complete(store) == 40


def test_progress_hook_sees_every_input(store: Store, make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(5)
    seen: list[tuple[str, str, int]] = []
    ingest(store, paths, progress=lambda outcome, source, n: seen.append((outcome.value, source, n)))
    assert [s for _, s, _ in seen] == [str(p) for p in paths]
    assert {o for o, _, _ in seen} == {"new"}
    assert all(n == p.stat().st_size for (_, _, n), p in zip(seen, paths, strict=True))


def test_stored_sha256_is_that_of_the_text(store: Store, make_reports: Callable[..., list[Path]]) -> None:
    (path,) = make_reports(1)
    ingest(store, [path], progress=False)
    data = path.read_bytes()
    with store.reading() as s:
        assert repo.document_id_by_sha(s, hashlib.sha256(data).hexdigest()) is not None


# --- crash safety --------------------------------------------------------------------

@pytest.mark.slow
def test_kill_9_midway_leaves_no_partial_document(store_url: str,
                                                  make_reports: Callable[..., list[Path]]) -> None:
    total = 400
    paths = make_reports(total)
    folder = str(paths[0].parent)
    store = open_store(store_url)
    proc = subprocess.Popen(_cli("ingest", "--quiet", "--db", store_url, folder),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            with store.reading() as s:
                if repo.count_documents(s) >= 20:
                    break
            time.sleep(0.01)
        assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()
    stored = _assert_every_document_complete(store)
    assert 20 <= stored < total

    rerun = subprocess.run(_cli("ingest", "--quiet", "--db", store_url, folder), capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert _assert_every_document_complete(store) == total
    with store.reading() as s:
        by_source = repo.documents_by_source(s)
    assert sorted(by_source) == sorted(str(p) for p in paths)
    assert all(len(ids) == 1 for ids in by_source.values())
    store.close()


@pytest.mark.slow
def test_two_processes_at_once_store_each_document_once(store_url: str,
                                                         make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(150)
    open_store(store_url).close()
    procs = [subprocess.Popen(_cli("ingest", "--quiet", "--db", store_url, str(paths[0].parent)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    with open_store(store_url) as store:
        assert _assert_every_document_complete(store) == 150
        with store.reading() as s:
            assert all(len(ids) == 1 for ids in repo.documents_by_source(s).values())


# --- hostile inputs ------------------------------------------------------------------

def _docx_bytes(text: str) -> bytes:
    import io

    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph(text)
    d.save(buf)
    return buf.getvalue()


def _pdf_without_text() -> bytes:
    """A valid one-page PDF with no text layer (as a scanned page would be)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length 22 >>\nstream\n0 0 1 rg 10 10 50 50 re f\nendstream"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _hostile_folder(folder: Path, make_reports: Callable[..., list[Path]]) -> tuple[list[Path], list[Path]]:
    good = make_reports(4, folder=folder.name)
    sub = folder / "thang-6"
    sub.mkdir()
    good.append(sub / "bao-cao-thang-6.txt")
    good[-1].write_text("Tổng kết tháng 6\n\nGiải ngân vốn đầu tư công đạt 61,5% kế hoạch năm.\n",
                        encoding="utf-8")
    bad = {
        "nhi-phan.txt": bytes(range(256)) * 8,
        "rong.txt": b"",
        "chi-khoang-trang.txt": b" \n\r\n\t  \n",
        "sai-utf8.txt": bytes((i * 37 + 11) % 128 + 128 for i in range(600)),
        "cat-ngang.docx": _docx_bytes("Báo cáo tháng 6: thu ngân sách đạt 40% dự toán.")[:700],
        "khong-chu.pdf": _pdf_without_text(),
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return good, [folder / name for name in bad]


def test_hostile_folder_good_ones_stored_bad_ones_listed(store_url: str, tmp_path: Path,
                                                         make_reports: Callable[..., list[Path]]) -> None:
    folder = tmp_path / "lan-lon"
    good, bad = _hostile_folder(folder, make_reports)
    result = CliRunner().invoke(main, ["ingest", "--db", store_url, str(folder)])
    assert result.exit_code == 1, result.output
    assert "Lỗi" in result.output and "Mới" in result.output
    with open_store(store_url) as store, store.reading() as s:
        stored = repo.documents_by_source(s)
        failures = {f.source: f.reason for f in repo.list_failures(s)}
    assert sorted(stored) == sorted(str(p) for p in good)
    missing = [p.name for p in bad if str(p) not in failures]
    assert not missing, f"bad inputs not listed in failures: {missing}"
    assert all(failures[str(p)].strip() for p in bad)

    listed = CliRunner().invoke(main, ["failures", "--db", store_url], env={"COLUMNS": "400"})
    assert listed.exit_code == 0
    for p in bad:
        assert p.name in listed.output


def test_quiet_prints_nothing_and_exit_code_is_zero_when_all_stored(
        tmp_path: Path, make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(3)
    db = tmp_path / "q.db"
    result = subprocess.run(_cli("ingest", "--quiet", "--db", str(db), str(paths[0].parent)),
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    with open_store(db) as store:
        assert _snapshot(store)["documents"] == 3


def test_default_store_is_chitieu_db_in_cwd_or_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   make_reports: Callable[..., list[Path]]) -> None:
    paths = make_reports(2)
    monkeypatch.delenv("CHITIEU_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["ingest", "-q", str(paths[0])]).exit_code == 0
    assert (tmp_path / "chitieu.db").is_file()
    monkeypatch.setenv("CHITIEU_DB", str(tmp_path / "env.db"))
    assert CliRunner().invoke(main, ["ingest", "-q", str(paths[1])]).exit_code == 0
    with open_store(tmp_path / "env.db") as store:
        assert _snapshot(store)["documents"] == 1
    with open_store(tmp_path / "chitieu.db") as store:
        assert _snapshot(store)["documents"] == 1


def test_failures_command_with_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["failures", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 0
    assert "Không có tệp lỗi" in result.output


# --- enrichment hooks ----------------------------------------------------------------

@pytest.fixture
def fake_enrichment(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    catalogue = types.ModuleType("chitieu.catalogue")
    catalogue.match_indicator = lambda text: "thu_ngan_sach" if "ngân sách" in text else None
    localities = types.ModuleType("chitieu.localities")
    place = types.SimpleNamespace(code="24868", province_code="66")
    localities.resolve = lambda name, text, source, when: place
    periods = types.ModuleType("chitieu.periods")
    periods.parse_period = lambda label, published, text: types.SimpleNamespace(
        kind="months", year=2025, start="2025-01-01", end="2025-09-30")
    for mod in (catalogue, localities, periods):
        monkeypatch.setitem(sys.modules, mod.__name__, mod)
    enrich._module.cache_clear()
    enrich.indicator_code.cache_clear()
    yield
    enrich._module.cache_clear()
    enrich.indicator_code.cache_clear()


def test_enrichment_hooks_fill_codes_when_present(store: Store, known_text: str, tmp_path: Path,
                                                  fake_enrichment: None) -> None:
    f = tmp_path / "xa.txt"
    f.write_text(known_text, encoding="utf-8")
    assert ingest(store, [f], progress=False).new == 1
    with store.reading() as s:
        from sqlalchemy import text

        doc = s.execute(text("SELECT locality_code, province_code, period_kind, period_year, period_end "
                             "FROM documents")).one()
        codes = s.execute(text("SELECT indicator_code FROM facts ORDER BY seq")).scalars().all()
    assert tuple(doc[:4]) == ("24868", "66", "months", 2025)
    assert str(doc[4]) == "2025-09-30"
    assert codes == ["thu_ngan_sach", None]


def test_enrichment_hooks_absent_leave_codes_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("chitieu.catalogue", "chitieu.localities", "chitieu.periods"):
        monkeypatch.setitem(sys.modules, name, None)  # makes `import name` fail as if absent
    enrich._module.cache_clear()
    enrich.indicator_code.cache_clear()
    try:
        assert enrich.indicator_code("thu ngân sách") is None
        assert enrich.locality_codes("xã Hòa Tiến", text="", source="x") == (None, None)
        assert enrich.period_fields("năm 2024", None) == {}
    finally:
        enrich._module.cache_clear()
        enrich.indicator_code.cache_clear()
