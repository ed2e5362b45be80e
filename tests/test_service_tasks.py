"""Directives and requests in the store: filled in at assessment, walked through their
states with history, and linked to later documents that follow them up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from service_support import Report, item_ids, put

from chitieu.assess import TrackingError, service
from chitieu.store import Store

CONCLUSION = ("Thực hiện Kết luận số 15-KL/HU ngày 10/5/2024 của Ban Thường vụ Huyện ủy, đồng chí Nguyễn "
              "Văn An, Chủ tịch UBND huyện, yêu cầu các xã hoàn thành rà soát hộ nghèo trước ngày 30/9/2024.")
REFORM = ("Ban Thường vụ Huyện ủy đề nghị các cơ quan, đơn vị tập trung cải thiện chỉ số cải cách hành "
          "chính của huyện.")
ROAD = "Huyện kiến nghị tỉnh bổ sung vốn sửa chữa đường liên xã trước quý IV/2024."

REVIEW_TASK = "hoàn thành rà soát hộ nghèo trước ngày 30/9/2024"
REFORM_TASK = "tập trung cải thiện chỉ số cải cách hành chính của huyện"
ROAD_TASK = "bổ sung vốn sửa chữa đường liên xã trước quý IV/2024"


def first_report() -> Report:
    return Report(
        title="Báo cáo sơ kết 6 tháng đầu năm 2024 của huyện Lắk", locality="huyện Lắk",
        period="6 tháng đầu năm 2024", published="2024-06-20", lines=[CONCLUSION, REFORM, ROAD],
        directives=[REVIEW_TASK, REFORM_TASK], requests=[ROAD_TASK],
        references=[("Kết luận", "15-KL/HU", "Kết luận số 15-KL/HU ngày 10/5/2024")],
        people=[("Nguyễn Văn An", "Chủ tịch UBND huyện")],
    )


def later_report() -> Report:
    cited = "Triển khai Kết luận số 15 - KL/HU, các xã đã cơ bản xong việc rà soát danh sách hộ nghèo."
    repeated = ("Ban Thường vụ Huyện ủy tiếp tục đề nghị các cơ quan, đơn vị tập trung cải thiện chỉ số cải "
                "cách hành chính của huyện.")
    other = "Ủy ban nhân dân huyện yêu cầu các phòng chuyên môn đôn đốc thu nợ thuế đất."
    return Report(
        title="Báo cáo tổng kết năm 2024 của huyện Lắk", locality="huyện Lắk", period="năm 2024",
        published="2024-12-10", lines=[cited, repeated, other],
        directives=[REFORM_TASK, "đôn đốc thu nợ thuế đất"],
        references=[("Kết luận", "15 - KL/HU", "Kết luận số 15 - KL/HU")],
    )


@pytest.fixture
def tasks(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, dict[str, int]]:
    [doc] = put(store, tmp_path / "in", monkeypatch, first_report())
    with store.transaction() as s:
        run = service.assess_all(s, document_ids=[doc], today=dt.date(2024, 7, 1))
    assert (run.items, run.moves) == (3, 0)
    return store, item_ids(store, doc)


def _views(store: Store, **kw) -> dict[int, service.TrackedItemView]:
    with store.reading() as s:
        return {v.id: v for v in service.tracked_items(s, **kw)}


def test_items_are_filled_in(tasks) -> None:
    store, ids = tasks
    views = _views(store, today=dt.date(2024, 7, 1))
    review, reform, road = views[ids[REVIEW_TASK]], views[ids[REFORM_TASK]], views[ids[ROAD_TASK]]
    assert (review.issuer_name, review.issuer_title, review.addressee) == (
        "Nguyễn Văn An", "Chủ tịch UBND huyện", "các xã")
    assert (review.deadline, review.status, review.overdue) == (
        dt.date(2024, 9, 30), "đang thực hiện trong hạn", False)
    assert (reform.issuer_body, reform.addressee, reform.deadline) == (
        "Ban Thường vụ Huyện ủy", "các cơ quan, đơn vị", None)
    assert reform.status == "đang thực hiện chưa có hạn"
    assert (road.kind, road.deadline) == ("request", dt.date(2024, 12, 31))  # quý IV → 31/12
    with store.reading() as s:
        [first] = service.item_history(s, ids[REVIEW_TASK])
    assert (first.old_status, first.new_status, first.who) == (None, "đang thực hiện trong hạn", "hệ thống")
    assert "30/9/2024" in (first.why or "")


def test_directive_walks_through_its_states_with_history(tasks) -> None:
    store, ids = tasks
    item = ids[REVIEW_TASK]
    with store.transaction() as s:
        run = service.assess_all(s, today=dt.date(2024, 10, 5))  # the deadline 30/9 has passed
    assert run.moves == 1
    overdue = _views(store, overdue=True, today=dt.date(2024, 10, 5))
    assert set(overdue) == {item}
    assert overdue[item].status == "quá hạn chưa hoàn thành"
    with store.transaction() as s:
        view = service.set_status(s, item, "hoàn thành quá hạn", who="Trần Thị Lan",
                                  why="các xã đã nộp kết quả rà soát", when=dt.date(2024, 10, 20))
    assert (view.status, view.overdue) == ("hoàn thành quá hạn", False)
    with store.transaction() as s, pytest.raises(TrackingError, match="lý do"):
        service.set_status(s, item, "đang thực hiện trong hạn", who="Trần Thị Lan", why=None)
    with store.transaction() as s, pytest.raises(service.ItemNotFound):
        service.set_status(s, 999_999, "hoàn thành đúng hạn", who="Trần Thị Lan", why=None)
    with store.reading() as s:
        history = service.item_history(s, item)
    assert [(h.old_status, h.new_status, h.who) for h in history] == [
        (None, "đang thực hiện trong hạn", "hệ thống"),
        ("đang thực hiện trong hạn", "quá hạn chưa hoàn thành", "hệ thống"),
        ("quá hạn chưa hoàn thành", "hoàn thành quá hạn", "Trần Thị Lan"),
    ]
    assert history[1].when.date() == dt.date(2024, 10, 5)
    assert history[2].when.date() == dt.date(2024, 10, 20)
    assert history[2].why == "các xã đã nộp kết quả rà soát"
    assert history[1].why == "theo hạn 30/9/2024"


def test_request_completed_on_time_and_extension(tasks) -> None:
    store, ids = tasks
    with store.transaction() as s:
        done = service.set_status(s, ids[ROAD_TASK], "hoàn thành đúng hạn", who="Phạm Quốc Hải", why=None,
                                  when=dt.date(2024, 11, 2))
    assert done.status == "hoàn thành đúng hạn"
    item = ids[REVIEW_TASK]
    with store.transaction() as s:
        service.assess_all(s, today=dt.date(2024, 10, 5))
        view = service.set_status(s, item, "đang thực hiện trong hạn", who="Nguyễn Văn An",
                                  why="gia hạn đến 31/10", when=dt.date(2024, 10, 6),
                                  deadline=dt.date(2024, 10, 31))
    assert (view.status, view.deadline) == ("đang thực hiện trong hạn", dt.date(2024, 10, 31))
    with store.transaction() as s:
        assert service.assess_all(s, today=dt.date(2024, 10, 10)).moves == 0  # the new deadline holds
    assert _views(store, overdue=True, today=dt.date(2024, 10, 10)) == {}
    assert set(_views(store, overdue=True, today=dt.date(2024, 11, 1))) == {item}
    assert set(_views(store, kind="request")) == {ids[ROAD_TASK]}
    assert set(_views(store, owner="Các Xã")) == {item}


def _links(store: Store, item: int) -> list[tuple[str, int, float, str | None]]:
    with store.reading() as s:
        return [(ln.evidence, ln.document_id, ln.score, ln.text) for ln in service.item_links(s, item)]


def test_later_document_is_linked_by_number_and_by_repeated_text(tasks, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    store, ids = tasks
    [later] = put(store, tmp_path / "later", monkeypatch, later_report())
    with store.transaction() as s:
        run = service.assess_all(s, document_ids=[later], today=dt.date(2024, 12, 15))
    assert run.links == 2
    assert _links(store, ids[REVIEW_TASK]) == [("số hiệu", later, 1.0, "Kết luận số 15 - KL/HU")]
    assert _links(store, ids[REFORM_TASK]) == [("nội dung lặp lại", later, 1.0, REFORM_TASK)]
    assert _links(store, ids[ROAD_TASK]) == []
    later_items = item_ids(store, later)
    assert all(_links(store, i) == [] for i in later_items.values())  # nothing later than it
    assert _views(store, today=dt.date(2024, 12, 15))[ids[REVIEW_TASK]].links == 1
    with store.transaction() as s:
        assert service.assess_all(s, today=dt.date(2024, 12, 15)).links == 2  # idempotent, not doubled
    assert len(_links(store, ids[REVIEW_TASK])) == 1


def test_link_follows_published_dates_not_ingest_order(store: Store, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    [later] = put(store, tmp_path / "a", monkeypatch, later_report())
    [first] = put(store, tmp_path / "b", monkeypatch, first_report())  # ingested after, published before
    with store.transaction() as s:
        service.assess_all(s, document_ids=[later], today=dt.date(2024, 12, 15))
        run = service.assess_all(s, document_ids=[first], today=dt.date(2024, 12, 15))
    assert run.links == 2
    ids = item_ids(store, first)
    assert [e for e, *_ in _links(store, ids[REVIEW_TASK])] == ["số hiệu"]
    assert [e for e, *_ in _links(store, ids[REFORM_TASK])] == ["nội dung lặp lại"]
    assert all(_links(store, i) == [] for i in item_ids(store, later).values())
