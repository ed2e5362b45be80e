"""The real seed report, through the real grammar, ingest and judgement.

../shared/corpus/seeds/lak-2024-06.txt is a mid-year (6 tháng đầu năm 2024) report of
huyện Lắk: public-investment disbursement at 11,9 % of plan must come out behind pace
and forecast to miss; the service-sector value at 53,59 % on pace; the budget revenue
21.000/46.290 triệu đồng stated as 45,4 % consistent. The file is read where it lies,
never copied into the project.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from chitieu.assess import service
from chitieu.store import Store
from chitieu.store.ingest import ingest

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds" / "lak-2024-06.txt"

pytestmark = pytest.mark.skipif(not SEED.exists(), reason=f"the shared corpus is not here ({SEED})")


@pytest.fixture
def rows(store: Store) -> dict[str, list[service.ScoreRow]]:
    summary = ingest(store, [SEED], progress=False)
    assert summary.new == 1
    with store.transaction() as s:
        service.assess_all(s, today=dt.date(2024, 7, 1))
    with store.reading() as s:
        found: dict[str, list[service.ScoreRow]] = {}
        for row in service.scoreboard(s, limit=None):
            found.setdefault(row.indicator_code or "", []).append(row)
    return found


def test_disbursement_behind_pace_and_forecast_to_miss(rows) -> None:
    [row] = [r for r in rows["DT_GIAI_NGAN_DTC"] if r.plan_pct == 11.9]
    assert (row.period, row.locality_code) == ("6 tháng đầu năm 2024", "656")
    assert row.expected_pace == 50.0 and row.plan_pct < row.expected_pace  # behind pace
    assert row.status == "nguy cơ không đạt"  # 11,9 / 50 = 0,238, far below 0,9 of pace
    assert row.forecast_pct == pytest.approx(23.8)
    assert (row.forecast_method, row.forecast_missed) == ("tuyến tính", True)


def test_service_sector_on_pace(rows) -> None:
    [row] = [r for r in rows["KT_GTSX_DV"] if r.plan_pct == 53.59]
    assert row.status == "đúng tiến độ"  # 53,59 / 50 = 1,07
    assert row.forecast_missed is False


def test_budget_share_is_consistent(rows) -> None:
    [row] = [r for r in rows["NS_THU_NSNN"] if r.value == 21000]
    assert row.plan_value == 46290 and row.plan_pct == 45.4
    assert row.recomputed_pct == pytest.approx(45.366, abs=1e-3)
    assert row.consistent is True
