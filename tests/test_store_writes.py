"""The ingest's fast forms of writing rows give what the plain SQLAlchemy forms give.

- `repo.insert_rows` on a Core connection builds its parameters by hand (`_PlainInsert`):
  the rows stored must be those of `conn.execute(table.insert(), rows)`, value and
  storage type, on random rows of every table the ingest writes (None, floats, ints,
  dates, JSON lists, booleans, Vietnamese text, defaults left out).
- `repo.insert_documents` inserts many documents in one statement: the same ids, in the
  same order, as one statement per document; documents already stored are left out.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from chitieu.store import Store, open_store, repo
from chitieu.store.models import (
    DocumentRow,
    FactRow,
    PersonMentionRow,
    PersonRow,
    ReferenceRow,
    TallyRow,
    TrackedItemRow,
)

_WORDS = ["thu", "ngân", "sách", "đạt", "kế", "hoạch", "xã", "Ủy", "ban", "ó'\"%?", ""]


def _text(r: random.Random) -> str:
    return " ".join(r.choice(_WORDS) for _ in range(r.randint(1, 8)))


def _maybe(r: random.Random, value: Any) -> Any:
    return None if r.random() < 0.3 else value


def _fact(r: random.Random, doc_id: int) -> dict[str, Any]:
    return {"document_id": doc_id, "seq": r.randint(0, 50), "span_start": r.randint(0, 99),
            "span_end": r.randint(100, 999), "text": _text(r), "indicator": _text(r),
            "indicator_code": _maybe(r, "thu_ngan_sach"), "value": _maybe(r, r.uniform(-1e9, 1e9)),
            "unit": _maybe(r, "tỷ đồng"), "scaled_value": _maybe(r, r.choice([0, 3, 2.5, 1e15])),
            "scaled_unit": _maybe(r, "đồng"), "plan_value": _maybe(r, r.randint(-5, 10**12)),
            "plan_pct": _maybe(r, r.uniform(0, 200)),
            "plan_pct_other": r.choice([None, [], [r.uniform(0, 200)], [1, 2.5]]),
            "change_pct": _maybe(r, r.uniform(-50, 50)), "change_value": _maybe(r, r.uniform(0, 9)),
            "change_unit": _maybe(r, "ha"), "estimated": r.choice([True, False]),
            "qualifier": _maybe(r, "ước"), "confidence": r.choice([1.0, 0.6, 1])}


def _rows(r: random.Random, doc_ids: list[int], person_ids: list[int]) -> dict[type, list[dict[str, Any]]]:
    span = {"span_start": 1, "span_end": 9}
    return {
        FactRow: [_fact(r, r.choice(doc_ids)) for _ in range(60)],
        TallyRow: [{"document_id": r.choice(doc_ids), "achieved": r.randint(0, 30),
                    "total": _maybe(r, r.randint(0, 30)), "what": _text(r), "text": _text(r), **span}
                   for _ in range(20)],
        ReferenceRow: [{"document_id": r.choice(doc_ids), "kind": "Nghị quyết",
                        "number": _maybe(r, "12-NQ/TU"),
                        "date": _maybe(r, dt.date(2020, 1, 1) + dt.timedelta(days=r.randint(0, 3000))),
                        "issuer": _maybe(r, "Tỉnh ủy"), "text": _text(r), **span} for _ in range(20)],
        TrackedItemRow: [{"document_id": r.choice(doc_ids), "kind": r.choice(["directive", "request"]),
                          "text": _text(r), **span} for _ in range(20)],
        PersonMentionRow: [{"person_id": r.choice(person_ids), "document_id": r.choice(doc_ids),
                            "title": _maybe(r, "Chủ tịch"), **span} for _ in range(20)],
    }


def _documents(n: int, start: int = 0) -> list[dict[str, Any]]:
    now = dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC)
    return [{"source": f"bao-cao-{i}.txt", "url": None, "sha256": f"{i:064d}", "text": f"Báo cáo {i}",
             "title": f"Báo cáo số {i}" if i % 2 else None, "published": dt.date(2024, 1 + i % 12, 1),
             "locality": "xã Tân Lập", "locality_code": None, "province_code": None, "period": None,
             "period_kind": None, "period_year": None, "period_start": None, "period_end": None,
             "media_type": "text/plain", "encoding": None, "size": 10 + i, "ingested_at": now}
            for i in range(start, start + n)]


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    out = {}
    with store.engine.connect() as conn:
        for model in (FactRow, TallyRow, ReferenceRow, TrackedItemRow, PersonMentionRow):
            table = model.__table__
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(table.c.id))]
            if store.dialect == "sqlite":  # the storage class of every value, too
                cols = ", ".join(f"typeof({c.name})" for c in table.c)
                out[table.name + " types"] = [tuple(r) for r in conn.execute(
                    text(f"SELECT {cols} FROM {table.name} ORDER BY id"))]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_plain_inserts_store_what_sqlalchemy_stores(tmp_path: Path, seed: int) -> None:
    stores = [open_store(tmp_path / f"{name}.db") for name in ("plain", "sqlalchemy")]
    try:
        for store in stores:
            with store.engine.begin() as conn:
                ids = repo.insert_documents(conn, _documents(5))
                pids = repo.person_ids_in_order(conn, ["Nguyễn Văn An", "Trần Thị Bình"])
            r = random.Random(seed)
            for model, rows in _rows(r, sorted(ids.values()), sorted(pids.values())).items():
                with store.engine.begin() as conn:
                    if store is stores[0]:
                        repo.insert_rows(conn, model, rows)
                        assert repo._plain_insert(conn.dialect, model.__table__, tuple(rows[0])) is not None
                    else:
                        conn.execute(model.__table__.insert(), rows)
        plain, usual = (_dump(s) for s in stores)
        assert plain == usual
        assert len(plain["facts"]) == 60
    finally:
        for store in stores:
            store.close()


def test_many_documents_in_one_statement_get_the_ids_of_separate_inserts(store: Store) -> None:
    docs = _documents(7)
    with store.engine.begin() as conn:
        repo.insert_document(conn, docs[2])  # already stored: left out
        ids = repo.insert_documents(conn, docs[:2] + docs[3:] + _documents(1, 2))
    assert ids == {d["sha256"]: i for i, d in enumerate(docs[:2] + docs[3:], start=2)}
    with store.reading() as s:
        stored = s.execute(select(DocumentRow.id, DocumentRow.sha256).order_by(DocumentRow.id)).all()
        assert [sha for _, sha in stored] == [docs[i]["sha256"] for i in (2, 0, 1, 3, 4, 5, 6)]
        assert s.scalar(select(PersonRow.id)) is None
    with store.engine.begin() as conn:
        assert repo.insert_documents(conn, docs) == {}
        assert repo.insert_documents(conn, []) == {}
