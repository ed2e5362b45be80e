"""Shared fixtures.

Store fixtures run each test on SQLite and on PostgreSQL. PostgreSQL comes from
$CHITIEU_TEST_PG_URL (scripts/test.sh sets it from scripts/postgres.sh); without it the
PostgreSQL variants are skipped with that reason. Each PostgreSQL test gets its own
fresh schema (via search_path in the URL), dropped afterwards, so tests never see each
other's rows, even when several test runs share one server.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from store_support import private_schemas

from chitieu.model import Clause, DocumentFields, Extraction, Fact, Person, Reference, Tally
from chitieu.store import Store, open_store, resolve_url

PG_ENV = "CHITIEU_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    raw = os.environ.get(PG_ENV)
    if not raw:
        pytest.skip(f"PostgreSQL tests need ${PG_ENV} (scripts/test.sh sets it via scripts/postgres.sh)")
    engine = create_engine(resolve_url(raw), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_admin: Engine) -> Iterator[str]:
    """A URL whose connections live in a fresh, private schema."""
    with private_schemas(pg_admin, 1) as urls:
        yield urls[0]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL (or path) for an empty store, on each backend in turn."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s


# --- synthetic Vietnamese reports (our own sentences, numbers varied) ---------------

_LOCALITIES = ["xã Tân Lập", "xã Phú Hòa", "phường Đông Xuyên", "xã Ea Tiêu", "thị trấn Long Điền"]
_SURNAMES = ["Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Quốc", "Hoàng Thị"]
_GIVEN = ["An", "Bình", "Cường", "Dung", "Hải", "Lan", "Minh", "Phúc"]


def report_text(i: int, *, seed: int = 0) -> str:
    """A short report of a commune, different for every `i`."""
    r = random.Random(seed * 1_000_003 + i)
    year = 2020 + i % 6
    where = _LOCALITIES[i % len(_LOCALITIES)]
    person = f"{r.choice(_SURNAMES)} {r.choice(_GIVEN)}"
    budget = f"{r.randint(800, 9_000):,}".replace(",", ".")
    return (
        f"Báo cáo số {i + 1}/BC-UBND tình hình kinh tế - xã hội 6 tháng đầu năm {year} của {where}\n\n"
        f"Thu ngân sách xã ước đạt {budget} triệu đồng, đạt {r.randint(30, 99)},{r.randint(1, 9)}% "
        f"dự toán huyện giao, tăng {r.randint(2, 25)}% so với cùng kỳ năm {year - 1}.\n"
        f"Diện tích gieo trồng lúa vụ đông xuân đạt {r.randint(120, 900)} ha, bằng "
        f"{r.randint(90, 110)}% kế hoạch.\n"
        f"Tỷ lệ hộ nghèo giảm còn {r.randint(1, 9)},{r.randint(10, 99)}%; giải quyết việc làm cho "
        f"{r.randint(20, 300)} lao động.\n"
        f"Đến nay có {r.randint(8, 14)}/15 chỉ tiêu đạt và vượt kế hoạch.\n"
        f"Thực hiện Nghị quyết số {r.randint(1, 99):02d}-NQ/ĐU ngày {r.randint(1, 28)}/{r.randint(1, 12)}/"
        f"{year} "
        f"của Ban Chấp hành Đảng bộ xã, đồng chí {person}, Chủ tịch Ủy ban nhân dân xã, yêu cầu các "
        f"thôn tập trung đẩy nhanh tiến độ thu thuế sử dụng đất phi nông nghiệp.\n"
        f"Xã kiến nghị huyện hỗ trợ {r.randint(200, 900)} triệu đồng để sửa chữa tuyến đường liên thôn "
        f"số {r.randint(1, 9)}.\n"
    )


@pytest.fixture
def make_reports(tmp_path: Path) -> Callable[..., list[Path]]:
    """`make_reports(n, folder="in", seed=0)` writes n distinct .txt reports and returns their paths."""

    def make(n: int, folder: str = "in", seed: int = 0) -> list[Path]:
        base = tmp_path / folder
        base.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(n):
            p = base / f"bao-cao-{i:05d}.txt"
            p.write_text(report_text(i, seed=seed), encoding="utf-8")
            paths.append(p)
        return paths

    return make


# --- one report with a known extraction (rows independent of the grammar) -----------

TEXT = (
    "Báo cáo của Ủy ban nhân dân xã Hòa Tiến về kết quả 9 tháng năm 2025\n"
    "Thu ngân sách trên địa bàn ước đạt 12,5 tỷ đồng, đạt 81% dự toán tỉnh giao, đạt 76% dự toán xã, "
    "tăng 9,4% so với cùng kỳ.\n"
    "Có 11/14 chỉ tiêu đạt kế hoạch. Theo Kết luận số 27-KL/ĐU ngày 05/8/2025 của Đảng ủy xã, "
    "đồng chí Võ Thị Hạnh, Bí thư Đảng ủy xã, yêu cầu rà soát các công trình chậm tiến độ. "
    "Xã đề nghị huyện bố trí vốn xây dựng nhà văn hóa thôn Đông.\n"
)


def _span(sub: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(sub, start)
    return i, i + len(sub)


def handmade_extraction() -> Extraction:
    fact_text = ("Thu ngân sách trên địa bàn ước đạt 12,5 tỷ đồng, đạt 81% dự toán tỉnh giao, "
                 "đạt 76% dự toán xã")
    return Extraction(
        document=DocumentFields(title="Báo cáo của Ủy ban nhân dân xã Hòa Tiến", published="2025-09-30",
                                locality="xã Hòa Tiến", period="9 tháng năm 2025"),
        facts=[Fact(indicator="Thu ngân sách trên địa bàn", text=fact_text, span=_span(fact_text), value=12.5,
                    unit="tỷ đồng", plan_pct=81, plan_pct_other=[76], change_pct=9.4, estimated=True),
               Fact(indicator="chỉ tiêu", text="11/14 chỉ tiêu", span=_span("11/14 chỉ tiêu"), value=11,
                    plan_value=14, unit="%", confidence=0.6)],
        tallies=[Tally(achieved=11, total=14, what="chỉ tiêu", text="11/14 chỉ tiêu đạt kế hoạch",
                       span=_span("11/14 chỉ tiêu đạt kế hoạch"))],
        references=[Reference(kind="Kết luận", number="27-KL/ĐU", date="2025-08-05", issuer="Đảng ủy xã",
                              text="Kết luận số 27-KL/ĐU ngày 05/8/2025",
                              span=_span("Kết luận số 27-KL/ĐU ngày 05/8/2025"))],
        people=[Person(name="Võ Thị Hạnh", title="Bí thư Đảng ủy xã", span=_span("Võ Thị Hạnh"))],
        directives=[Clause(text="rà soát các công trình chậm tiến độ",
                           span=_span("rà soát các công trình chậm tiến độ"))],
        requests=[Clause(text="bố trí vốn xây dựng nhà văn hóa thôn Đông",
                         span=_span("bố trí vốn xây dựng nhà văn hóa thôn Đông"))],
    )


@pytest.fixture
def known_text(monkeypatch: pytest.MonkeyPatch) -> str:
    """A report whose extraction is fixed (`handmade_extraction`) for every text ingest
    sees, so that stored rows do not depend on the grammar. Returns the report's text."""
    ex = handmade_extraction()
    monkeypatch.setattr("chitieu.store.ingest.extract", lambda *a, **k: ex)
    return TEXT
