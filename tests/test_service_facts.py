"""Store-level judgement of facts (chitieu.assess.service): every status, the consistency
check, direction, seasonality from two earlier years, roll-ups and the review queue.

Every expectation below is worked by hand; the reports are written for these tests.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from service_support import Report, fact_ids, put
from sqlalchemy import select

from chitieu.assess import service
from chitieu.store import Store
from chitieu.store.models import FactCorrectionRow, FactRow
from chitieu.store.models_app import FactStatusRow

LAK = "huyện Lắk"  # resolves to locality code 656, province 66 (Đắk Lắk)


def mid_year_report() -> Report:
    lines = [
        "Thu ngân sách nhà nước trên địa bàn được 21.000/46.290 triệu đồng, đạt 45,4% dự toán.",
        "Theo bảng tổng hợp của Chi cục Thuế, thu ngân sách được 21.000/46.290 triệu đồng, đạt 54% dự toán.",
        "Giá trị ngành dịch vụ ước đạt 304 tỷ đồng, bằng 53,59% kế hoạch năm.",
        "Giải ngân vốn đầu tư công mới đạt 11,9% kế hoạch vốn giao.",
        "Giải quyết việc làm mới cho 1.750 lao động, đạt 116% kế hoạch.",
        "Kết nạp đảng viên mới 60 đồng chí, đạt 100% chỉ tiêu.",
        "Tỷ lệ hộ nghèo còn 2,5%, mục tiêu cả năm là 3%.",
        "Tổng số đảng viên toàn huyện là 3.388 đồng chí.",
        "Tổ chức 12 buổi sinh hoạt câu lạc bộ dưỡng sinh cho người cao tuổi.",
        "Đến nay có 11/14 chỉ tiêu chủ yếu đạt và vượt tiến độ.",
    ]
    return Report(
        title="Báo cáo kinh tế - xã hội 6 tháng đầu năm 2024 của huyện Lắk", locality=LAK,
        period="6 tháng đầu năm 2024", published="2024-06-20", lines=lines,
        facts=[
            ("Thu ngân sách nhà nước trên địa bàn", lines[0],
             {"value": 21000, "unit": "triệu đồng", "plan_value": 46290, "plan_pct": 45.4}),
            ("Thu ngân sách theo số liệu của Chi cục Thuế", lines[1],
             {"value": 21000, "unit": "triệu đồng", "plan_value": 46290, "plan_pct": 54}),
            ("Giá trị ngành dịch vụ", lines[2], {"value": 304, "unit": "tỷ đồng", "plan_pct": 53.59,
                                                "estimated": True}),
            ("Giải ngân vốn đầu tư công", lines[3], {"plan_pct": 11.9}),
            ("Giải quyết việc làm mới", lines[4], {"value": 1750, "unit": "lao động", "plan_pct": 116}),
            ("Kết nạp đảng viên mới", lines[5], {"value": 60, "unit": "đồng chí", "plan_pct": 100}),
            ("Tỷ lệ hộ nghèo", lines[6], {"value": 2.5, "unit": "%", "plan_value": 3.0}),
            ("Tổng số đảng viên", lines[7], {"value": 3388, "unit": "đồng chí"}),
            ("Số buổi sinh hoạt câu lạc bộ dưỡng sinh", lines[8], {"value": 12, "unit": "buổi",
                                                                   "confidence": 0.5}),
        ],
        tallies=[(11, 14, "11/14 chỉ tiêu chủ yếu đạt")],
    )


@pytest.fixture
def judged(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, dict[str, int]]:
    [doc] = put(store, tmp_path / "in", monkeypatch, mid_year_report())
    with store.transaction() as s:
        run = service.assess_all(s, today=dt.date(2024, 7, 1))
    assert run.facts == 9
    return store, fact_ids(store, doc)


def _status(store: Store, fact_id: int) -> FactStatusRow:
    with store.reading() as s:
        row = s.get(FactStatusRow, fact_id)
        assert row is not None
        s.expunge(row)
        return row


def test_consistent_share_21000_of_46290_stated_45_4(judged) -> None:
    store, ids = judged
    row = _status(store, ids["Thu ngân sách nhà nước trên địa bàn"])
    # 21.000 / 46.290 = 0,45366… → 45,37 %; stated 45,4 % agrees to its one decimal
    assert row.recomputed_pct == pytest.approx(45.366, abs=1e-3)
    assert row.stated_pct == 45.4
    assert row.consistent is True
    # 45,4 / 50 = 0,908: below pace but within 90 % of it
    assert (row.expected_pace, row.pace_method, row.status) == (50.0, "tuyến tính", "chậm tiến độ")
    assert row.forecast_pct == pytest.approx(90.8)
    assert row.forecast_missed is True
    assert row.reasons is None  # not in the review queue


def test_stated_54_percent_is_flagged_and_queued(judged) -> None:
    store, ids = judged
    fact_id = ids["Thu ngân sách theo số liệu của Chi cục Thuế"]
    row = _status(store, fact_id)
    assert row.consistent is False
    assert row.status == "đúng tiến độ"  # the stated share is judged: 54 / 50 = 1,08
    with store.reading() as s:
        queue = {r.fact_id: r for r in service.review_queue(s)}
    assert "tỷ lệ % KH không khớp" in queue[fact_id].reasons
    assert queue[fact_id].recomputed_pct == pytest.approx(45.366, abs=1e-3)


@pytest.mark.parametrize(("indicator", "status", "forecast", "missed"), [
    ("Giải ngân vốn đầu tư công", "nguy cơ không đạt", 23.8, True),  # 11,9 / 50 = 0,238
    ("Giá trị ngành dịch vụ", "đúng tiến độ", 107.18, False),  # 53,59 / 50 = 1,0718
    ("Giải quyết việc làm mới", "vượt kế hoạch", 232.0, False),  # 116 > 100 already
    ("Kết nạp đảng viên mới", "đạt", 200.0, False),  # exactly 100
])
def test_every_status(judged, indicator: str, status: str, forecast: float, missed: bool) -> None:
    store, ids = judged
    row = _status(store, ids[indicator])
    assert row.status == status
    assert row.forecast_pct == pytest.approx(forecast)
    assert row.forecast_method == "tuyến tính"
    assert row.forecast_missed is missed


def test_poverty_rate_below_its_target_is_vượt(judged) -> None:
    store, ids = judged
    row = _status(store, ids["Tỷ lệ hộ nghèo"])
    # lower is better: plan 3 % / actual 2,5 % × 100 = 120 → beat the plan
    assert row.recomputed_pct == pytest.approx(120.0)
    assert row.status == "vượt kế hoạch"
    assert row.pace_method == "mức hiện tại"  # a rate is compared as it stands, no pace


def test_fact_without_plan_has_no_status(judged) -> None:
    store, ids = judged
    row = _status(store, ids["Tổng số đảng viên"])
    assert (row.status, row.expected_pace, row.forecast_pct) == (None, 50.0, None)


def test_review_queue_reasons(judged) -> None:
    store, ids = judged
    with store.reading() as s:
        queue = {r.fact_id: r.reasons for r in service.review_queue(s)}
    club = ids["Số buổi sinh hoạt câu lạc bộ dưỡng sinh"]
    assert queue[club] == ["độ tin cậy thấp", "chưa gắn mã chỉ tiêu"]
    assert ids["Thu ngân sách nhà nước trên địa bàn"] not in queue
    assert ids["Giải ngân vốn đầu tư công"] not in queue


def test_scoreboard_rows(judged) -> None:
    store, ids = judged
    with store.reading() as s:
        found = service.scoreboard(s, locality_code="656", period="6 tháng đầu năm 2024")
        rows = {r.fact_id: r for r in found}
        none_of_2023 = service.scoreboard(s, period="6 tháng đầu năm 2023")
        by_name = service.scoreboard(s, locality="Huyện Lắk", status="đạt")
    assert len(rows) == 9 and none_of_2023 == []
    row = rows[ids["Giải ngân vốn đầu tư công"]]
    assert (row.indicator_code, row.indicator_name) == ("DT_GIAI_NGAN_DTC", "Giải ngân vốn đầu tư công")
    assert (row.locality_code, row.province_code, row.period_year) == ("656", "66", 2024)
    assert row.to_dict()["period_end"] == "2024-06-30"
    assert [r.indicator for r in by_name] == ["Kết nạp đảng viên mới"]


def test_forecast_misses(judged) -> None:
    store, _ = judged
    with store.reading() as s:
        missed = {r.indicator for r in service.forecast_misses(s, locality_code="656")}
    assert missed == {"Thu ngân sách nhà nước trên địa bàn", "Giải ngân vốn đầu tư công"}


def test_overview_and_province_rollup(judged) -> None:
    store, _ = judged
    with store.reading() as s:
        [place] = service.overview(s)
        [province] = service.province_rollup(s, period_year=2024)
        assert service.province_rollup(s, period_year=2023) == []
    assert (place.locality_code, place.period) == ("656", "6 tháng đầu năm 2024")
    assert (place.facts, place.judged) == (9, 7)
    assert place.counts == {"chậm tiến độ": 1, "nguy cơ không đạt": 1, "vượt kế hoạch": 2, "đạt": 1,
                            "đúng tiến độ": 2}
    assert (place.achieved, place.total) == (11, 14)
    assert place.latitude is not None and place.longitude is not None
    assert (province.province_code, province.localities, province.counts) == ("66", 1, place.counts)


def test_indicator_ranking_is_direction_aware(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    def poverty(place: str, rate: float) -> Report:
        line = f"Tỷ lệ hộ nghèo của {place} còn {rate}%, mục tiêu 3%."
        return Report(f"Báo cáo năm 2024 của {place}", place, "năm 2024", "2024-12-15", [line],
                      facts=[("Tỷ lệ hộ nghèo", line, {"value": rate, "unit": "%", "plan_value": 3.0})])

    put(store, tmp_path / "in", monkeypatch, poverty("huyện Lắk", 2.8), poverty("huyện Krông Bông", 2.4),
        poverty("huyện Ea Súp", 3.2))
    with store.transaction() as s:
        service.assess_all(s)
    with store.reading() as s:
        ranked = service.indicator_ranking(s, "XH_TY_LE_HO_NGHEO")
    # 3 / 2,4 = 125 % > 3 / 2,8 = 107,1 % > 3 / 3,2 = 93,75 %: the lowest rate ranks first
    assert [r.value for r in ranked] == [2.4, 2.8, 3.2]
    assert [r.status for r in ranked] == ["vượt kế hoạch", "vượt kế hoạch", "không đạt"]


# --- seasonality ----------------------------------------------------------------------------------

def _budget(period: str, published: str, pct: float) -> Report:
    line = f"Thu ngân sách nhà nước trên địa bàn {period} đạt {pct}% dự toán."
    return Report(f"Báo cáo {period} của huyện Lắk", LAK, period, published, [line],
                  facts=[("Thu ngân sách nhà nước trên địa bàn", line, {"plan_pct": pct})])


def test_seasonal_pace_from_two_earlier_years(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    [now] = put(store, tmp_path / "a", monkeypatch, _budget("6 tháng đầu năm 2024", "2024-06-25", 47))
    with store.transaction() as s:
        service.assess_all(s, document_ids=[now])
    fact = next(iter(fact_ids(store, now).values()))
    before = _status(store, fact)
    assert (before.pace_method, before.expected_pace, before.status) == ("tuyến tính", 50.0, "chậm tiến độ")

    earlier = put(store, tmp_path / "b", monkeypatch,
                  _budget("6 tháng đầu năm 2022", "2022-06-25", 45), _budget("năm 2022", "2022-12-20", 105),
                  _budget("6 tháng đầu năm 2023", "2023-06-25", 48), _budget("năm 2023", "2023-12-20", 96))
    with store.transaction() as s:
        run = service.assess_all(s, document_ids=earlier)  # the 2024 fact is judged again too
    assert run.facts == 5
    after = _status(store, fact)
    # 2022: 45 / 105 × 100 = 42,857; 2023: 48 / 96 × 100 = 50; mean 46,429
    assert after.pace_method == "mùa vụ"
    assert after.expected_pace == pytest.approx(46.429, abs=1e-3)
    assert after.status == "đúng tiến độ"  # 47 / 46,429 = 1,012
    assert after.forecast_pct == pytest.approx(47 / 46.42857 * 100, abs=1e-3)
    assert after.forecast_method == "mùa vụ"
    with store.reading() as s:
        year_ends = {r.period: r.status for r in service.scoreboard(s, locality_code="656")
                     if r.period.startswith("năm")}
    assert year_ends == {"năm 2022": "vượt kế hoạch", "năm 2023": "không đạt"}


# --- review: accept and correct -------------------------------------------------------------------

def test_correction_is_stored_beside_the_fact(judged) -> None:
    store, ids = judged
    fact_id = ids["Thu ngân sách theo số liệu của Chi cục Thuế"]
    with store.transaction() as s:
        view = service.correct_fact(s, fact_id, {"plan_pct": 45.4}, reviewer="Lê Thị Mai", note="gõ nhầm 54")
    assert view.review_state == "corrected"
    assert view.plan_pct == 54  # the view shows the raw extraction ...
    assert view.corrections == [{"plan_pct": 45.4}]  # ... and the correction beside it
    with store.reading() as s:
        raw = s.get(FactRow, fact_id)
        assert raw is not None and raw.plan_pct == 54  # never overwritten
        [fix] = s.scalars(select(FactCorrectionRow).where(FactCorrectionRow.fact_id == fact_id)).all()
        assert (fix.reviewer, fix.note, fix.changes) == ("Lê Thị Mai", "gõ nhầm 54", {"plan_pct": 45.4})
        behind = {r.fact_id: r for r in service.scoreboard(s, status="chậm tiến độ", period="2024")}
        queue = {r.fact_id for r in service.review_queue(s)}
    assert fact_id not in queue
    assert behind[fact_id].plan_pct == 45.4 and behind[fact_id].corrected is True  # corrections on top
    judged_again = _status(store, fact_id)
    assert (judged_again.consistent, judged_again.status) == (True, "chậm tiến độ")


def test_accept_takes_a_fact_out_of_the_queue(judged) -> None:
    store, ids = judged
    fact_id = ids["Số buổi sinh hoạt câu lạc bộ dưỡng sinh"]
    with store.transaction() as s:
        view = service.accept_fact(s, fact_id, reviewer="Lê Thị Mai")
    assert view.review_state == "accepted" and view.corrections == []
    with store.reading() as s:
        assert fact_id not in {r.fact_id for r in service.review_queue(s)}
        [row] = [r for r in service.scoreboard(s) if r.fact_id == fact_id]
    assert row.corrected is False


def test_bad_corrections_are_refused(judged) -> None:
    store, ids = judged
    fact_id = ids["Giải ngân vốn đầu tư công"]
    with store.transaction() as s:
        with pytest.raises(service.ReviewError, match="span_start"):
            service.correct_fact(s, fact_id, {"span_start": 3}, reviewer="x")
        with pytest.raises(service.ReviewError, match="số"):
            service.correct_fact(s, fact_id, {"plan_pct": "nhiều"}, reviewer="x")
        with pytest.raises(service.FactNotFound):
            service.accept_fact(s, 999_999, reviewer="x")


def test_corrected_indicator_gets_its_code(judged) -> None:
    store, ids = judged
    fact_id = ids["Số buổi sinh hoạt câu lạc bộ dưỡng sinh"]
    with store.transaction() as s:
        view = service.correct_fact(s, fact_id, {"indicator": "Trồng rừng tập trung"}, reviewer="x")
    assert view.corrections == [{"indicator": "Trồng rừng tập trung", "indicator_code": "KT_TRONG_RUNG"}]
    with store.reading() as s:
        [row] = [r for r in service.scoreboard(s) if r.fact_id == fact_id]
    assert (row.indicator, row.indicator_code) == ("Trồng rừng tập trung", "KT_TRONG_RUNG")
    assert row.corrected is True


def test_trend_one_point_per_period(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(store, tmp_path / "in", monkeypatch, _budget("6 tháng đầu năm 2023", "2023-06-25", 48),
        _budget("năm 2023", "2023-12-20", 96), _budget("6 tháng đầu năm 2024", "2024-06-25", 47))
    with store.transaction() as s:
        service.assess_all(s)
    with store.reading() as s:
        points = service.trend(s, "656", "NS_THU_NSNN")
    assert [(p.period, p.plan_pct) for p in points] == [
        ("6 tháng đầu năm 2023", 48), ("năm 2023", 96), ("6 tháng đầu năm 2024", 47)]
    assert points[1].status == "không đạt"


def test_assess_all_is_set_based(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The number of SQL statements does not grow with the number of documents and facts."""
    from sqlalchemy import event

    def statements(reports: list[Report]) -> int:
        ids = put(store, tmp_path / f"in{len(reports)}", monkeypatch, *reports)
        seen: list[str] = []

        def listener(_conn, _cursor, statement: str, *_rest) -> None:
            seen.append(statement)

        event.listen(store.engine, "before_cursor_execute", listener)
        try:
            with store.transaction() as s:
                run = service.assess_all(s, document_ids=ids, today=dt.date(2025, 1, 1))
        finally:
            event.remove(store.engine, "before_cursor_execute", listener)
        assert run.facts == 2 * len(reports)
        return len(seen)

    def report(i: int, year: int) -> Report:
        lines = [f"Thu ngân sách nhà nước trên địa bàn đạt {40 + i}% dự toán.",
                 f"Giải ngân vốn đầu tư công đạt {20 + i}% kế hoạch."]
        facts = [("Thu ngân sách nhà nước trên địa bàn", lines[0], {"plan_pct": 40 + i}),
                 ("Giải ngân vốn đầu tư công", lines[1], {"plan_pct": 20 + i})]
        return Report(f"Báo cáo số {i} năm {year} của huyện Lắk", "huyện Lắk", f"6 tháng đầu năm {year}",
                      f"{year}-06-20", lines, facts=facts)

    few = statements([report(i, 2023) for i in range(3)])
    many = statements([report(i, 2024) for i in range(3, 40)])
    assert many == few
