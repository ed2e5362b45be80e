"""People and their titles, on sentences written for these tests."""

from __future__ import annotations

import pytest

from chitieu.extract.normalize import normalize
from chitieu.extract.people import find_people


def people(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.title) for p in find_people(normalize(text))]


@pytest.mark.parametrize("text,expected", [
    ("Dự hội nghị có đồng chí Phan Văn Hùng - Phó Bí thư Thường trực Tỉnh ủy.",
     [("Phan Văn Hùng", "Phó Bí thư Thường trực Tỉnh ủy")]),
    ("Phó Chủ tịch UBND tỉnh Lê Thị Mai Hoa chủ trì buổi làm việc.",
     [("Lê Thị Mai Hoa", "Phó Chủ tịch UBND tỉnh")]),
    ("Chủ tịch UBND huyện Krông Búk Nguyễn Hữu Đạt phát biểu tại hội nghị.",
     [("Nguyễn Hữu Đạt", "Chủ tịch UBND huyện Krông Búk")]),
    ("Theo ông Trần Quốc Bảo, Giám đốc Sở Tài chính, nguồn thu tăng khá.",
     [("Trần Quốc Bảo", "Giám đốc Sở Tài chính")]),
    ("Bà Đinh Thị Thu - Ủy viên Ban Thường vụ Huyện ủy, Trưởng ban Dân vận Huyện ủy báo cáo tại hội nghị.",
     [("Đinh Thị Thu", "Ủy viên Ban Thường vụ Huyện ủy, Trưởng ban Dân vận Huyện ủy")]),
    ("Tổng Bí thư Tô Lâm nhấn mạnh yêu cầu đổi mới.", [("Tô Lâm", "Tổng Bí thư")]),
    ("Bí thư Huyện ủy Đất Đỏ phát biểu khai mạc.", []),
    # Offices whose second syllables are lower case: "Tổ chức", "Liên hiệp Phụ nữ", "Xã hội".
    ("Ông Hà Văn Quý, Trưởng Ban Tổ chức Huyện ủy trình bày báo cáo.",
     [("Hà Văn Quý", "Trưởng Ban Tổ chức Huyện ủy")]),
    ("Bà Lò Thị Xuân, Chủ tịch Hội Liên hiệp Phụ nữ huyện dự buổi lễ.",
     [("Lò Thị Xuân", "Chủ tịch Hội Liên hiệp Phụ nữ huyện")]),
    ("Ông Vi Văn Tài - Trưởng phòng Lao động - Thương binh và Xã hội huyện báo cáo.",
     [("Vi Văn Tài", "Trưởng phòng Lao động - Thương binh và Xã hội huyện")]),
    ("Anh Đoàn Minh Khôi, Bí thư Đoàn Thanh niên xã trao quà cho học sinh.",
     [("Đoàn Minh Khôi", "Bí thư Đoàn Thanh niên xã")]),
    # Abbreviated heads: "UVBTV" (Ủy viên Ban Thường vụ), "HUV" (Huyện ủy viên).
    ("Đồng chí Mai Văn Lực - UVBTV, Trưởng Ban Dân vận Huyện ủy dự hội nghị.",
     [("Mai Văn Lực", "UVBTV, Trưởng Ban Dân vận Huyện ủy")]),
    ("Dự có đồng chí Tạ Thị Nga - HUV, Bí thư Đảng ủy xã.", [("Tạ Thị Nga", "HUV, Bí thư Đảng ủy xã")]),
    # A verb right after the name ends the title before it ("kiểm tra" is no office).
    ("Phó Chủ tịch UBND tỉnh Mạc Văn Tiến kiểm tra tiến độ dự án.",
     [("Mạc Văn Tiến", "Phó Chủ tịch UBND tỉnh")]),
])
def test_names_with_titles(text: str, expected: list) -> None:
    assert people(text) == expected


def test_title_after_the_name_wins_over_a_rank() -> None:
    text = "Đại tá Hồ Sĩ Tân, Giám đốc Công an tỉnh cùng đoàn công tác làm việc với huyện."
    assert people(text) == [("Hồ Sĩ Tân", "Giám đốc Công an tỉnh")]


def test_each_person_once_with_the_first_title() -> None:
    text = ("Đồng chí Vũ Đức Minh - Bí thư Huyện ủy chủ trì hội nghị. Kết luận hội nghị, "
            "đồng chí Vũ Đức Minh đề nghị các xã tập trung thu ngân sách.")
    assert people(text) == [("Vũ Đức Minh", "Bí thư Huyện ủy")]


@pytest.mark.parametrize("text,names", [
    ("Ông Lò Văn Pấng phát biểu.\n\nHoàng Yến", ["Lò Văn Pấng", "Hoàng Yến"]),
    ("Toàn cảnh kỳ họp. Ảnh: Minh Trí\n\nThu ngân sách tăng khá.", ["Minh Trí"]),
    ("Tin: Ngọc Hà\n\nHuyện tổ chức hội nghị tổng kết.", ["Ngọc Hà"]),
    ("Huyện tổ chức hội nghị tổng kết năm.\n\nCTV: Thu Hằng - Văn Toàn (Đài huyện)",
     ["Thu Hằng", "Văn Toàn"]),
    ("PHẠM AN\n\nHuyện tổ chức hội nghị tổng kết năm.", ["PHẠM AN"]),
])
def test_bylines_and_photo_credits(text: str, names: list[str]) -> None:
    found = people(text)
    assert [n for n, _ in found] == names
    assert all(title is None for n, title in found if n not in ("Lò Văn Pấng",))


@pytest.mark.parametrize("text", [
    "Sản phẩm miến dong của Cơ sở Nguyễn Văn Bình, xã Ea Tu được xếp hạng 3 sao.",
    "HĐND xã Lê Lợi tổ chức kỳ họp thứ 8. Chủ tịch UBND xã Lê Lợi phát biểu.",
    "UBND tỉnh Lâm Đồng tổ chức hội nghị; Chủ tịch UBND tỉnh Lâm Đồng phát biểu.",
    "Người dân ven sông Krông Nô gặp khó khăn.",
    "Hội nghị có sự tham dự của bà con nhân dân.",
    "Thu ngân sách đạt khá.\n\nTRANG CHỦ TIN TỨC",
    "Thu ngân sách đạt khá.\n\nQuang cảnh hội nghị",
])
def test_not_people(text: str) -> None:
    assert people(text) == []


def test_spans_point_into_the_original() -> None:
    text = "Dự họp có ông\u00a0Nguyễn Văn An – Chủ tịch UBND huyện."
    (p,) = find_people(normalize(text))
    a, b = p.span
    assert text[a:b] == p.name == "Nguyễn Văn An"
    assert p.title == "Chủ tịch UBND huyện"


@pytest.mark.parametrize("text", ["", "ông", "Bí thư", "Ảnh:", "đồng chí Nguyễn", "\n\n\n", "A B C D E F G"])
def test_never_raises(text: str) -> None:
    assert isinstance(find_people(normalize(text)), list)
