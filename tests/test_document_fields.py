"""Title, published date, locality and period, on pages written for these tests."""

from __future__ import annotations

import pytest

from chitieu.extract.document import find_fields
from chitieu.extract.normalize import normalize


def fields(text: str, **kw: str | None) -> dict:
    return find_fields(normalize(text), **kw).to_dict()


PAGE = """Huyện Krông Pắc thu ngân sách 6 tháng đầu năm đạt 62% dự toán (12/07/2023, 09:15)

Ngày 10/7, Huyện ủy Krông Pắc tổ chức hội nghị sơ kết 6 tháng đầu năm, triển khai nhiệm vụ
6 tháng cuối năm 2023.
Báo cáo cho biết, 6 tháng đầu năm 2023, tổng thu ngân sách trên địa bàn đạt 95 tỷ đồng.

Thanh Hương
"""


def test_headline_stamp_locality_and_period() -> None:
    got = fields(PAGE)
    assert got == {
        "title": "Huyện Krông Pắc thu ngân sách 6 tháng đầu năm đạt 62% dự toán",
        "published": "2023-07-12",
        "locality": "huyện Krông Pắc",
        "period": "6 tháng đầu năm 2023",
    }


def test_the_readers_title_and_date_win() -> None:
    got = fields(PAGE, title="Tiêu đề của trang", published="2023-07-13")
    assert (got["title"], got["published"]) == ("Tiêu đề của trang", "2023-07-13")


def test_labelled_stamp_and_a_title_with_a_full_stop() -> None:
    text = ("HĐND xã Ea Tân tổ chức kỳ họp thứ 9.\n\nCập nhật ngày: 21/12/2022 15:40:10\n\n"
            "Ngày 20/12/2022, HĐND xã Ea Tân tổ chức kỳ họp đánh giá kết quả thực hiện nhiệm vụ năm 2022.")
    got = fields(text)
    assert got["title"] == "HĐND xã Ea Tân tổ chức kỳ họp thứ 9"
    assert got["published"] == "2022-12-21"
    assert got["locality"] == "xã Ea Tân"
    assert got["period"] == "năm 2022"


def test_meeting_dates_are_not_publication_dates() -> None:
    text = ("Ngày 15/01/2024, Ban Chấp hành Đảng bộ huyện Cư Jút tổ chức hội nghị tổng kết công tác "
            "năm 2023, triển khai phương hướng, nhiệm vụ năm 2024.")
    got = fields(text)
    assert got["title"] is None
    assert got["published"] is None
    assert got["locality"] == "huyện Cư Jút"
    assert got["period"] == "năm 2023"


@pytest.mark.parametrize("text,locality", [
    ("Sáng 3/4, Huyện ủy Ea Súp làm việc với các xã về công tác giảm nghèo năm 2023.", "huyện Ea Súp"),
    ("Sáng 3/4, Ban Thường vụ Thành ủy TP. Buôn Ma Thuột họp phiên thường kỳ.", "TP. Buôn Ma Thuột"),
    ("Sáng 3/4, Đảng bộ TP. Buôn Ma Thuột tổng kết. Chủ tịch HĐND thành phố Buôn Ma Thuột phát biểu.",
     "thành phố Buôn Ma Thuột"),
    ("Sáng 3/4, UBND tỉnh họp với các huyện. Toàn tỉnh có 120 xã đạt chuẩn, trong đó huyện Cư Kuin có 8 xã.",
     None),
    ("Sáng 3/4, hội nghị diễn ra tại Trung tâm hội nghị (thôn 3, xã Hòa Phú).", None),
    ("Sáng 3/4, UBND TP Vị Thanh sơ kết công tác quý I năm 2024.", "TP Vị Thanh"),
    ("Chiều 5/6, TX Ba Đồn tổng kết công tác dân vận.", "TX Ba Đồn"),
])
def test_locality(text: str, locality: str | None) -> None:
    assert fields(text)["locality"] == locality


@pytest.mark.parametrize("text,period", [
    ("Tình hình kinh tế - xã hội quý II/2022 của huyện tiếp tục ổn định.", "quý II/2022"),
    ("Trong 9 tháng đầu năm 2021, thu ngân sách tăng 12%.", "9 tháng đầu năm 2021"),
    ("Tính đến cuối năm 2020, toàn huyện có 15 xã đạt chuẩn nông thôn mới.", "cuối năm 2020"),
    ("So với năm 2019, thu ngân sách năm 2020 tăng khá.", "năm 2020"),
    ("Huyện phấn đấu đến năm 2025 có thêm 5 xã đạt chuẩn nông thôn mới.", None),
    ("Kết nạp 120 đảng viên, đạt 80% chỉ tiêu năm 2024.", None),
    ("Sáng ngày 15 tháng 6 năm 2023, đoàn công tác làm việc với huyện.", None),
])
def test_period(text: str, period: str | None) -> None:
    assert fields(text)["period"] == period


@pytest.mark.parametrize("text", ["", "\n\n\n", "(QNO) -", "Cập nhật ngày: 99/99/2020 10:00", "tỉnh " * 300])
def test_never_raises(text: str) -> None:
    assert set(fields(text)) == {"title", "published", "locality", "period"}


def test_the_dot_of_an_abbreviated_level_ends_no_sentence_of_the_title() -> None:
    text = "TP. Vị Thanh: Thu ngân sách quý I đạt 28% dự toán\n\nNgày 2/4, UBND thành phố họp."
    got = fields(text)
    assert got["title"] == "TP. Vị Thanh: Thu ngân sách quý I đạt 28% dự toán"
    assert got["locality"] == "TP. Vị Thanh"
