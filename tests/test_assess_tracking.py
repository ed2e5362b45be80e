"""Directives and petitions as tracked tasks: states, moves, deadlines, who asks whom."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chitieu.assess import (
    TaskState,
    TrackingError,
    derive_state,
    find_deadline,
    initial_state,
    parse_deadline,
    refresh,
    task_hints,
    transition,
)
from chitieu.extract import lexicon

S = TaskState
DEADLINE = date(2025, 6, 30)


@pytest.mark.parametrize(
    ("deadline", "today", "state"),
    [
        (DEADLINE, date(2025, 5, 1), S.IN_TIME),
        (DEADLINE, DEADLINE, S.IN_TIME),  # the deadline day itself is still in time
        (DEADLINE, date(2025, 7, 1), S.OVERDUE),
        (None, date(2025, 7, 1), S.NO_DEADLINE),
    ],
)
def test_initial_state(deadline: date | None, today: date, state: TaskState) -> None:
    assert initial_state(deadline, today) is state


@pytest.mark.parametrize(
    ("current", "deadline", "completed", "today", "state"),
    [
        (S.IN_TIME, DEADLINE, None, date(2025, 7, 2), S.OVERDUE),
        (S.IN_TIME, DEADLINE, date(2025, 6, 30), date(2025, 7, 2), S.DONE_ON_TIME),
        (S.OVERDUE, DEADLINE, date(2025, 7, 15), date(2025, 7, 20), S.DONE_LATE),
        (S.NO_DEADLINE, None, date(2026, 1, 5), date(2026, 1, 5), S.DONE_ON_TIME),
        (S.DONE_ON_TIME, DEADLINE, None, date(2025, 12, 1), S.DONE_ON_TIME),  # stays completed
        ("đang thực hiện trong hạn", DEADLINE, None, date(2025, 6, 1), S.IN_TIME),
    ],
)
def test_derive_state(current, deadline, completed, today, state) -> None:
    assert derive_state(current, deadline, completed, today) is state


def test_state_walk_with_history() -> None:
    # A task given on 1/3/2025 with deadline 30/6/2025, late, extended, then completed.
    history = []
    state = initial_state(DEADLINE, date(2025, 3, 1))
    assert state is S.IN_TIME
    history += refresh(state, DEADLINE, None, date(2025, 7, 1))
    state = history[-1].to_state
    assert state is S.OVERDUE and history[-1].who == "hệ thống"
    assert history[-1].why == "theo hạn 30/6/2025"
    # the standing committee extends the deadline to 30/9/2025: needs a reason
    history.append(transition(state, S.IN_TIME, "Văn phòng Huyện ủy", datetime(2025, 7, 3, 9, 30),
                              "gia hạn đến 30/9/2025"))
    state = history[-1].to_state
    history += refresh(state, date(2025, 9, 30), date(2025, 9, 12), date(2025, 9, 15))
    assert [e.to_state for e in history] == [S.OVERDUE, S.IN_TIME, S.DONE_ON_TIME]
    assert [e.from_state for e in history] == [S.IN_TIME, S.OVERDUE, S.IN_TIME]
    assert history[1].why == "gia hạn đến 30/9/2025"
    assert refresh(history[-1].to_state, date(2025, 9, 30), date(2025, 9, 12), date(2025, 10, 1)) == []


def test_refresh_walks_through_allowed_states() -> None:
    # no deadline was stored; now one is known and the work finished after it:
    # "chưa có hạn" → "quá hạn" → "hoàn thành quá hạn" (never straight to late)
    steps = refresh(S.NO_DEADLINE, DEADLINE, date(2025, 7, 10), date(2025, 7, 11))
    assert [(e.from_state, e.to_state) for e in steps] == [(S.NO_DEADLINE, S.OVERDUE),
                                                           (S.OVERDUE, S.DONE_LATE)]


@pytest.mark.parametrize(
    ("old", "new", "why", "message"),
    [
        (S.NO_DEADLINE, S.DONE_LATE, None, "Không thể chuyển"),
        (S.IN_TIME, S.IN_TIME, None, "đã ở trạng thái"),
        (S.OVERDUE, S.IN_TIME, None, "cần nêu lý do"),  # an extension needs a reason
        (S.DONE_ON_TIME, S.IN_TIME, "  ", "cần nêu lý do"),  # reopening needs a reason
        ("xong rồi", S.IN_TIME, None, "Trạng thái không hợp lệ"),
    ],
)
def test_refused_moves(old, new, why, message) -> None:
    with pytest.raises(TrackingError, match=message):
        transition(old, new, "chuyên viên", date(2025, 7, 1), why)


def test_move_needs_someone() -> None:
    with pytest.raises(TrackingError, match="Thiếu người"):
        transition(S.IN_TIME, S.DONE_ON_TIME, " ", date(2025, 6, 1))


def test_free_move_keeps_its_details() -> None:
    entry = transition("đang thực hiện trong hạn", "hoàn thành đúng hạn", " Phòng Nội vụ ",
                       date(2025, 6, 20))
    assert (entry.from_state, entry.to_state, entry.who, entry.why) == (
        S.IN_TIME, S.DONE_ON_TIME, "Phòng Nội vụ", None)
    assert str(entry.to_state) == "hoàn thành đúng hạn"


# --- deadlines (sentences written for these tests) ---

ISSUED = date(2025, 7, 10)


@pytest.mark.parametrize(
    ("clause", "day"),
    [
        ("hoàn thành việc chi trả trợ cấp trước ngày 30/6/2026", date(2026, 6, 30)),
        ("Trong quý III/2025, rà soát toàn bộ các hộ cận nghèo", date(2025, 9, 30)),
        ("báo cáo kết quả về Ban Thường vụ trước 31/12/2025", date(2025, 12, 31)),
        ("phấn đấu hoàn thành trong năm 2026 việc xây dựng nhà văn hóa", date(2026, 12, 31)),
        ("chậm nhất là ngày 15 tháng 8 năm 2025 phải có phương án", date(2025, 8, 15)),
        ("đến hết tháng 9/2025 hoàn thành cấp giấy chứng nhận", date(2025, 9, 30)),
        ("nộp hồ sơ trong quý 4 năm 2025", date(2025, 12, 31)),
        ("hoàn thành trong 6 tháng cuối năm 2025", date(2025, 12, 31)),
        ("giải ngân đạt 60% trong 6 tháng đầu năm 2026", date(2026, 6, 30)),
        ("Hạn chót: 20-10-2025", date(2025, 10, 20)),
        ("đưa vào sử dụng vào cuối năm 2027", date(2027, 12, 31)),
    ],
)
def test_deadline_with_year(clause: str, day: date) -> None:
    assert parse_deadline(clause) == day
    assert parse_deadline(clause, ISSUED) == day


@pytest.mark.parametrize(
    ("clause", "day"),
    [
        ("trả lời cử tri trong vòng 15 ngày", date(2025, 7, 25)),
        ("trong thời hạn 3 tháng phải khắc phục xong", date(2025, 10, 10)),
        ("trong 2 tuần tổ chức kiểm tra", date(2025, 7, 24)),
        ("hoàn thành trước ngày 30/9", date(2025, 9, 30)),  # the year of issue
        ("hoàn thành trước ngày 15/3", date(2026, 3, 15)),  # already past in 2025: next year
        ("xong trong quý IV", date(2025, 12, 31)),
    ],
)
def test_deadline_needing_the_issue_date(clause: str, day: date) -> None:
    assert parse_deadline(clause, ISSUED) == day
    assert parse_deadline(clause) is None


@pytest.mark.parametrize(
    "clause",
    [
        "tiếp tục tập trung chỉ đạo thu ngân sách",
        "thực hiện theo Kế hoạch số 45 ngày 12/3/2025 của Huyện ủy",  # a dated reference
        "trước 31/2/2025 phải nộp",  # no such day
    ],
)
def test_no_deadline(clause: str) -> None:
    assert parse_deadline(clause, ISSUED) is None


def test_first_deadline_wins_and_keeps_its_words() -> None:
    found = find_deadline("trình phương án trước ngày 15/8/2025, hoàn thành trong quý IV/2025")
    assert found is not None
    assert found.day == date(2025, 8, 15)
    assert found.text == "trước ngày 15/8/2025"


# --- who asks whom (sentences written for these tests) ---

def test_addressee_after_the_request_verb() -> None:
    hints = task_hints("đề nghị Huyện ủy Lắk tập trung lãnh đạo thu ngân sách")
    assert (hints.issuer, hints.verb, hints.addressee) == (None, "đề nghị", "Huyện ủy Lắk")


def test_issuer_and_addressee_from_the_sentence() -> None:
    sentence = ("Tại buổi làm việc, Ban Thường vụ Tỉnh ủy cũng đề nghị Đảng ủy xã Ea Tiêu: "
                "khẩn trương rà soát hộ nghèo; đẩy nhanh giải ngân vốn.")
    hints = task_hints("đẩy nhanh giải ngân vốn", sentence)
    assert hints.issuer == "Ban Thường vụ Tỉnh ủy"
    assert hints.addressee == "Đảng ủy xã Ea Tiêu"


@pytest.mark.parametrize(
    ("clause", "issuer", "addressee"),
    [
        ("Cử tri thôn 3 kiến nghị UBND huyện sớm sửa chữa cầu treo", "Cử tri thôn 3", "UBND huyện"),
        ("đồng chí Chủ tịch UBND tỉnh yêu cầu các sở, ngành phối hợp chặt chẽ", "đồng chí Chủ tịch UBND tỉnh",
         "các sở, ngành"),
        ("giao cho Phòng Tài chính - Kế hoạch chủ trì thẩm định", None, "Phòng Tài chính - Kế hoạch"),
        ("đề nghị Ban Chỉ đạo 138 huyện tăng cường kiểm tra", None, "Ban Chỉ đạo 138 huyện"),
        ("đề nghị tiếp tục quan tâm đầu tư hệ thống thủy lợi", None, None),
        ("vì vậy yêu cầu các xã tổ chức tuyên truyền", None, "các xã"),
    ],
)
def test_task_hints(clause: str, issuer: str | None, addressee: str | None) -> None:
    hints = task_hints(clause)
    assert (hints.issuer, hints.addressee) == (issuer, addressee)


def test_no_request_verb_no_hints() -> None:
    hints = task_hints("tập trung thu ngân sách")
    assert (hints.issuer, hints.verb, hints.addressee) == (None, None, None)


# --- the data files ---

def test_deadline_words_file() -> None:
    data = lexicon.load("deadline_words")
    assert set(data) == {"markers", "fillers", "day", "week", "month", "quarter", "year", "first_part",
                         "last_part", "roman", "number_words", "relative_units"}
    for key in ("markers", "fillers"):
        assert len(data[key]) == len(set(data[key])), key
    assert set(data["relative_units"].values()) <= {"days", "weeks", "months"}
    assert sorted(data["roman"].values()) == [1, 2, 3, 4]


def test_task_words_file() -> None:
    data = lexicon.load("task_words")
    assert set(data) == {"request_verbs", "action_verbs", "issuer_heads", "issuer_trailing", "max_syllables"}
    for key in ("request_verbs", "action_verbs", "issuer_heads", "issuer_trailing"):
        words = data[key]
        assert words and len(words) == len(set(words)), key
        assert all(w == w.lower() for w in words), key  # matched in lower case
