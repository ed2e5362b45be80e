"""The store: opening, schema, rows written for one document, failures, units."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, inspect, select, text
from sqlalchemy.exc import IntegrityError

from chitieu.model import Document
from chitieu.read import Input
from chitieu.store import Store, open_store, repo, resolve_url
from chitieu.store.ingest import Outcome, ingest_input
from chitieu.store.models import (
    STATUS_IN_PROGRESS,
    DocumentRow,
    FactRow,
    PersonMentionRow,
    PersonRow,
    ReferenceRow,
    TallyRow,
    TrackedItemRow,
)
from chitieu.store.units import scale, split_unit

# The tables of migration 0001 (later migrations add more).
TABLES = {"documents", "facts", "fact_corrections", "tallies", "doc_references", "persons", "person_mentions",
          "tracked_items", "status_history", "localities", "periods", "indicators", "failures",
          "alembic_version"}



def _input(text: str, source: str = "xa-hoa-tien.txt") -> Input:
    return Input(source, Document(text=text, source=source, media_type="text/plain", encoding="utf-8"))


# --- opening -------------------------------------------------------------------------

def _head() -> str:
    from alembic.script import ScriptDirectory

    from chitieu.store.db import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_memory_store_has_every_table() -> None:
    with open_store(":memory:") as s:
        assert set(inspect(s.engine).get_table_names()) >= TABLES
        with s.reading() as session:
            assert repo.count_documents(session) == 0


def test_store_has_every_table_on_each_backend(store: Store) -> None:
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    with store.reading() as session:
        version = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == _head()


def test_migrations_match_the_models(store: Store) -> None:
    """A model changed without a migration (or the reverse) fails here."""
    from alembic import command

    from chitieu.store.db import alembic_config

    with store.engine.connect() as conn:
        command.check(alembic_config(conn))


def test_reopening_keeps_rows_and_schema(store_url: str, known_text: str) -> None:
    with open_store(store_url) as s:
        assert ingest_input(s, _input(known_text))[0] is Outcome.NEW
    with open_store(store_url) as s, s.reading() as session:
        assert repo.count_documents(session) == 1


def test_resolve_url_forms(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CHITIEU_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'chitieu.db'}"
    monkeypatch.setenv("CHITIEU_DB", str(tmp_path / "other.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url(":memory:") == "sqlite://"
    assert resolve_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_sqlite_file_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    with open_store(tmp_path / "x.db") as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


# --- one document, all its rows ------------------------------------------------------

def test_document_and_all_rows_are_stored(store: Store, known_text: str) -> None:
    outcome, size = ingest_input(store, _input(known_text))
    assert outcome is Outcome.NEW
    assert size == len(known_text.encode("utf-8"))
    with store.reading() as s:
        doc = s.scalars(select(DocumentRow)).one()
        assert doc.text == known_text
        assert doc.locality == "xã Hòa Tiến" and doc.period == "9 tháng năm 2025"
        assert doc.published == dt.date(2025, 9, 30)
        assert doc.ingested_at.tzinfo is not None
        facts = s.scalars(select(FactRow).order_by(FactRow.seq)).all()
        assert [f.seq for f in facts] == [0, 1]
        budget = facts[0]
        assert known_text[budget.span_start:budget.span_end] == budget.text
        assert budget.scaled_value == pytest.approx(12.5e9) and budget.scaled_unit == "đồng"
        assert budget.plan_pct_other == [76] and budget.estimated is True
        assert budget.review_state == "pending"
        assert facts[1].plan_pct_other is None and facts[1].confidence == pytest.approx(0.6)
        tally = s.scalars(select(TallyRow)).one()
        assert (tally.achieved, tally.total, tally.document_id) == (11, 14, doc.id)
        ref = s.scalars(select(ReferenceRow)).one()
        assert (ref.number, ref.date) == ("27-KL/ĐU", dt.date(2025, 8, 5))
        mention = s.scalars(select(PersonMentionRow)).one()
        assert s.get(PersonRow, mention.person_id).name == "Võ Thị Hạnh"
        assert known_text[mention.span_start:mention.span_end] == "Võ Thị Hạnh"
        items = s.scalars(select(TrackedItemRow).order_by(TrackedItemRow.kind)).all()
        assert [(i.kind, i.status) for i in items] == [("directive", STATUS_IN_PROGRESS),
                                                        ("request", STATUS_IN_PROGRESS)]


def test_same_text_twice_is_unchanged(store: Store, known_text: str) -> None:
    assert ingest_input(store, _input(known_text, source="a.txt"))[0] is Outcome.NEW
    assert ingest_input(store, _input(known_text, source="copy-of-a.txt"))[0] is Outcome.UNCHANGED
    with store.reading() as s:
        counts = repo.row_counts(s)
    assert counts["documents"] == 1 and counts["facts"] == 2 and counts["person_mentions"] == 1


def test_a_person_named_in_two_documents_is_one_person(store: Store, known_text: str) -> None:
    ingest_input(store, _input(known_text))
    ingest_input(store, _input(known_text + "\nPhụ lục kèm theo.", source="b.txt"))
    with store.reading() as s:
        assert s.scalar(select(PersonRow.id).where(PersonRow.name == "Võ Thị Hạnh")) is not None
        counts = repo.row_counts(s)
    assert counts["persons"] == 1 and counts["person_mentions"] == 2 and counts["documents"] == 2


def test_a_failing_row_leaves_no_partial_document(store: Store, known_text: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    real = repo.insert_rows

    def broken(session, model, rows):  # type: ignore[no-untyped-def]
        real(session, model, rows)
        if model is TallyRow:
            raise IntegrityError("INSERT INTO tallies", {}, Exception("simulated constraint failure"))

    monkeypatch.setattr(repo, "insert_rows", broken)
    outcome, _ = ingest_input(store, _input(known_text))
    assert outcome is Outcome.FAILED
    with store.reading() as s:
        counts = repo.row_counts(s)
        fails = repo.list_failures(s)
    assert {k: v for k, v in counts.items() if k != "failures"} == dict.fromkeys(
        ("documents", "facts", "tallies", "doc_references", "person_mentions", "tracked_items", "persons"), 0)
    assert [f.source for f in fails] == ["xa-hoa-tien.txt"]
    assert "simulated constraint failure" in fails[0].reason


def test_deleting_a_document_removes_its_rows(store: Store, known_text: str) -> None:
    ingest_input(store, _input(known_text))
    with store.transaction() as s:
        s.execute(delete(DocumentRow))
    with store.reading() as s:
        counts = repo.row_counts(s)
    assert counts["facts"] == counts["tallies"] == counts["tracked_items"] == counts["person_mentions"] == 0


# --- failures ------------------------------------------------------------------------

def test_failures_are_counted_per_source_and_cleared_on_success(store: Store,
                                                                 known_text: str) -> None:
    bad = Input("hong.txt", None, "không đọc được: tệp nhị phân")
    assert ingest_input(store, bad)[0] is Outcome.FAILED
    assert ingest_input(store, bad)[0] is Outcome.FAILED
    assert ingest_input(store, _input(" \n\t ", source="rong.txt"))[0] is Outcome.FAILED
    assert ingest_input(store, _input("Số liệu\x00hỏng", source="nul.txt"))[0] is Outcome.FAILED
    with store.reading() as s:
        fails = {f.source: f for f in repo.list_failures(s)}
    assert set(fails) == {"hong.txt", "rong.txt", "nul.txt"}
    assert fails["hong.txt"].count == 2 and fails["hong.txt"].last_seen >= fails["hong.txt"].first_seen
    assert "rỗng" in fails["rong.txt"].reason and "NUL" in fails["nul.txt"].reason
    # The same source later readable: stored, and its failure forgotten.
    assert ingest_input(store, _input(known_text, source="hong.txt"))[0] is Outcome.NEW
    with store.reading() as s:
        assert {f.source for f in repo.list_failures(s)} == {"rong.txt", "nul.txt"}


# --- catalogues ----------------------------------------------------------------------

def test_catalogue_upserts_replace_by_key(store: Store) -> None:
    with store.transaction() as s:
        repo.upsert_indicators(s, [{"code": "thu_ns", "name": "Thu ngân sách", "unit": "tỷ đồng",
                                    "direction": "higher", "area": "tài chính", "aliases": ["thu NSNN"]}])
        repo.upsert_localities(s, [{"code": "24868", "name": "xã Hòa Tiến", "level": "xã",
                                    "province_code": "66", "parent_code": "643", "scheme": "pre2025"}])
    with store.transaction() as s:
        repo.upsert_indicators(s, [{"code": "thu_ns", "name": "Tổng thu ngân sách", "unit": "tỷ đồng",
                                    "direction": "higher", "area": "tài chính",
                                    "aliases": ["thu NSNN", "thu NS"]}])
        repo.upsert_localities(s, [{"code": "24868", "name": "xã Hòa Tiến", "level": "xã",
                                    "province_code": "66", "parent_code": "644", "scheme": "pre2025"},
                                   {"code": "24868", "name": "xã Hòa Tiến", "level": "xã",
                                    "province_code": "66", "parent_code": None, "scheme": "post2025"}])
    with store.reading() as s:
        rows = s.execute(text("SELECT name, aliases FROM indicators")).all()
        localities = s.execute(text("SELECT scheme, parent_code FROM localities ORDER BY scheme")).all()
    assert len(rows) == 1 and rows[0][0] == "Tổng thu ngân sách"
    assert [tuple(r) for r in localities] == [("post2025", None), ("pre2025", "644")]


# --- units ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "unit", "expected"), [
    (12.5, "tỷ đồng", (12.5e9, "đồng")),
    (1250, "triệu đồng", (1.25e9, "đồng")),
    (3.2, "nghìn tỷ đồng", (3.2e12, "đồng")),
    (4.5, "nghìn ha", (4500, "ha")),
    (53.59, "%", (53.59, "%")),
    (61, "tạ/ha", (61, "tạ/ha")),
    (2, "triệu đồng/người/năm", (2e6, "đồng/người/năm")),
    (350, "trđ", (3.5e8, "đồng")),
    (None, "tỷ đồng", (None, "đồng")),
    (7, None, (7, None)),
])
def test_scale(value: float | None, unit: str | None, expected: tuple) -> None:
    got = scale(value, unit)
    assert got[1] == expected[1]
    assert got[0] == pytest.approx(expected[0]) if expected[0] is not None else got[0] is None


def test_unit_scale_data_has_known_keys_and_numbers() -> None:
    from chitieu.extract import lexicon

    data = lexicon.load("unit_scale")
    assert set(data) == {"multipliers", "abbreviations"}
    assert all(isinstance(v, int) and v > 1 for v in data["multipliers"].values())
    for entry in data["abbreviations"].values():
        assert set(entry) == {"factor", "unit"} and entry["factor"] > 1 and entry["unit"]


def test_split_unit_keeps_units_without_multiplier() -> None:
    assert split_unit("lao động") == (1.0, "lao động")
    assert split_unit("tỷ") == (1e9, None)
