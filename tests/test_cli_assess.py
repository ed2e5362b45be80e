"""The assessment commands: assess, report, forecast, directives, directive, review."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from service_support import fact_ids, item_ids, put
from test_service_facts import mid_year_report
from test_service_tasks import REVIEW_TASK, first_report

from chitieu.cli import main
from chitieu.cli.assess_cmd import parse_changes
from chitieu.store import Store

WIDE = {"COLUMNS": "300", "NO_COLOR": "1"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def loaded(store: Store, store_url: str, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> tuple[str, dict[str, int], dict[str, int]]:
    facts_doc, tasks_doc = put(store, tmp_path / "in", monkeypatch, mid_year_report(), first_report())
    return store_url, fact_ids(store, facts_doc), item_ids(store, tasks_doc)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env or WIDE, catch_exceptions=False)
    return result


def test_assess_then_report(loaded) -> None:
    db, _, _ = loaded
    out = run("assess", "--db", db, "--today", "2024-07-01")
    assert out.exit_code == 0, out.output
    assert "Đã đánh giá 9 số liệu; 3 nhiệm vụ mới" in out.output
    out = run("report", "--db", db, "--locality", "huyện Lắk", "--period", "6 tháng đầu năm 2024")
    assert out.exit_code == 0, out.output
    text = out.output
    for word in ("nguy cơ không đạt", "chậm tiến độ", "đúng tiến độ", "vượt kế hoạch", "đạt"):
        assert word in text
    assert "45,4%" in text and "45,37%" in text  # stated, and recomputed the Vietnamese way
    assert "54%" in text and "không khớp" in text
    assert "21.000 triệu đồng" in text and "3.388 đồng chí" in text
    assert "23,8% (tuyến tính)" in text
    assert "vượt kế hoạch 2" in text and "chưa đánh giá 2" in text


def test_report_by_code_and_status(loaded) -> None:
    db, _, _ = loaded
    run("assess", "--db", db, "--today", "2024-07-01")
    out = run("report", "--db", db, "--locality", "656", "--status", "đạt")
    assert "Kết nạp đảng viên mới" in out.output and "Giải ngân" not in out.output
    out = run("report", "--db", db, "--period", "năm 2023")
    assert "Không có số liệu nào phù hợp." in out.output


def test_report_colours_by_status(loaded) -> None:
    db, _, _ = loaded
    run("assess", "--db", db, "--today", "2024-07-01")
    out = run("report", "--db", db, "--judged", env={"COLUMNS": "300", "FORCE_COLOR": "1", "TERM": "xterm"})
    statuses = "nguy cơ không đạt|chậm tiến độ|đúng tiến độ|vượt kế hoạch"
    found = re.finditer(rf"\x1b\[([0-9;]+)m({statuses}) *\x1b\[0m", out.output)
    styled = {m.group(2): m.group(1) for m in found}
    assert styled["nguy cơ không đạt"] == "1;31"  # bold red
    assert styled["chậm tiến độ"] == "33"  # yellow
    assert styled["đúng tiến độ"] == "36"  # cyan
    assert styled["vượt kế hoạch"] == "1;32"  # bold green
    assert "Tổng số đảng viên" not in ANSI.sub("", out.output)  # --judged: facts with a status only


def test_forecast(loaded) -> None:
    db, _, _ = loaded
    run("assess", "--db", db, "--today", "2024-07-01")
    out = run("forecast", "--db", db, "--missed")
    assert "Chỉ tiêu dự báo không đạt (2)" in out.output
    assert "Giải ngân vốn đầu tư công" in out.output and "Giá trị ngành dịch vụ" not in out.output
    out = run("forecast", "--db", db)
    assert "Dự báo cuối kỳ" in out.output and "107,18%" in out.output


def test_directives_walk(loaded) -> None:
    db, _, items = loaded
    item = items[REVIEW_TASK]
    run("assess", "--db", db, "--today", "2024-07-01")
    out = run("directives", "--db", db, "--today", "2024-07-01")
    assert "30/09/2024" in out.output and "Nguyễn Văn An" in out.output
    assert "đang thực hiện trong hạn" in out.output
    out = run("directives", "--db", db, "--overdue", "--today", "2024-10-05")
    assert REVIEW_TASK in out.output and "(đã quá hạn)" in out.output
    assert run("directives", "--db", db, "--overdue", "--today", "2024-07-01").output.startswith("Không có")
    out = run("directive", "set-status", str(item), "done-late", "--note", "đã xong", "--who", "Trần Thị Lan",
              "--db", db, "--when", "2024-10-20")
    assert out.exit_code == 0, out.output
    assert f"Nhiệm vụ {item}: hoàn thành quá hạn" in out.output
    out = run("directive", "set-status", str(item), "đang thực hiện trong hạn", "--who", "An", "--db", db)
    assert out.exit_code == 1 and "cần nêu lý do" in out.output
    out = run("directive", "set-status", str(item), "xong rồi", "--db", db)
    assert out.exit_code == 2 and "trạng thái không hợp lệ" in out.output
    out = run("directive", "show", str(item), "--db", db)
    assert "Trần Thị Lan" in out.output and "đã xong" in out.output and "hệ thống" in out.output
    out = run("directives", "--db", db, "--status", "hoàn thành quá hạn")
    assert REVIEW_TASK in out.output and "Nhiệm vụ (1)" in out.output


def test_review_accept_and_correct(loaded) -> None:
    db, facts, _ = loaded
    run("assess", "--db", db, "--today", "2024-07-01")
    out = run("review", "--db", db)
    assert "Số liệu chờ rà soát (2)" in out.output and "tỷ lệ % KH không khớp" in out.output
    mismatch = facts["Thu ngân sách theo số liệu của Chi cục Thuế"]
    out = run("review", "--db", db, "--correct", str(mismatch), "plan_pct=45,4", "--note", "gõ nhầm",
              "--who", "Lê Thị Mai")
    assert out.exit_code == 0, out.output
    assert "trạng thái: chậm tiến độ" in out.output
    out = run("review", "--db", db, "--accept", str(facts["Số buổi sinh hoạt câu lạc bộ dưỡng sinh"]))
    assert out.exit_code == 0 and "Đã chấp nhận" in out.output
    assert "Không có số liệu nào chờ rà soát." in run("review", "--db", db).output
    out = run("review", "--db", db, "--correct", str(mismatch), "span_start=3")
    assert out.exit_code == 1 and "span_start" in out.output


def test_parse_changes_reads_vietnamese_numbers() -> None:
    assert parse_changes(["value=21.000", "plan_pct=45,4", "plan_value=46290", "estimated=có",
                          "unit=triệu đồng", "qualifier="]) == {
        "value": 21000.0, "plan_pct": 45.4, "plan_value": 46290.0, "estimated": True, "unit": "triệu đồng",
        "qualifier": None}
    assert parse_changes(["value=1.234.567,5"]) == {"value": 1234567.5}


def test_ingest_judges_what_it_stores(store_url: str, make_reports) -> None:
    from sqlalchemy import func, select

    from chitieu.store import open_store
    from chitieu.store.models import TrackedItemRow
    from chitieu.store.models_app import FactStatusRow

    paths = make_reports(3)
    out = run("ingest", "--db", store_url, "--quiet", *map(str, paths))
    assert out.exit_code == 0, out.output
    with open_store(store_url) as st, st.reading() as s:
        judged = s.scalar(select(func.count()).select_from(FactStatusRow))
        waiting = s.scalar(select(func.count()).select_from(TrackedItemRow)
                           .where(TrackedItemRow.status_changed_at.is_(None)))
        items = s.scalar(select(func.count()).select_from(TrackedItemRow))
    assert judged and judged > 0  # fact_status filled by the ingest command itself
    assert items and waiting == 0  # every directive and request got its first state
