"""Directives and requests, on passages written for these tests."""

from __future__ import annotations

import pytest

from chitieu.extract.clauses import find_directives, find_requests
from chitieu.extract.normalize import normalize


def directives(text: str) -> list[str]:
    return [c.text for c in find_directives(normalize(text))]


def requests(text: str) -> list[str]:
    return [c.text for c in find_requests(normalize(text))]


def test_a_leaders_tasks_one_per_item() -> None:
    text = ("Kết luận buổi làm việc, Phó Chủ tịch UBND tỉnh Hà Văn Khải đề nghị huyện cần tập trung "
            "giải ngân vốn đầu tư công; đẩy mạnh thu ngân sách trên địa bàn; rà soát các dự án chậm tiến độ.")
    assert directives(text) == [
        "tập trung giải ngân vốn đầu tư công",
        "đẩy mạnh thu ngân sách trên địa bàn",
        "rà soát các dự án chậm tiến độ",
    ]


def test_the_run_goes_on_over_task_sentences_and_captions() -> None:
    text = ("Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy yêu cầu Huyện ủy nâng cao chất lượng "
            "sinh hoạt chi bộ.\n"
            "Đồng chí Bí thư Tỉnh ủy phát biểu tại buổi làm việc\n"
            "Đồng thời tăng cường công tác quản lý đất đai, tài nguyên trên địa bàn.\n"
            "Tại buổi làm việc, lãnh đạo các sở đã trao đổi nhiều nội dung.\n"
            "Chú trọng công tác giáo dục.")
    assert directives(text) == [
        "nâng cao chất lượng sinh hoạt chi bộ",
        "tăng cường công tác quản lý đất đai, tài nguyên trên địa bàn",
    ]


def test_tasks_set_for_the_coming_months() -> None:
    text = ("Trong 6 tháng cuối năm, Ban Thường vụ Huyện ủy tập trung chỉ đạo thu hoạch vụ mùa; "
            "chú trọng công tác phòng chống dịch bệnh cho đàn gia súc.")
    assert directives(text) == [
        "tập trung chỉ đạo thu hoạch vụ mùa",
        "chú trọng công tác phòng chống dịch bệnh cho đàn gia súc",
    ]


def test_addressees_and_modal_are_left_out() -> None:
    text = ("Lãnh đạo Huyện ủy yêu cầu Phòng Nông nghiệp bám sát kế hoạch gieo trồng; "
            "các hội, đoàn thể cùng chung tay hỗ trợ hội viên phát triển sản xuất.")
    assert directives(text) == [
        "bám sát kế hoạch gieo trồng",
        "cùng chung tay hỗ trợ hội viên phát triển sản xuất",
    ]


def test_downward_request_is_a_directive() -> None:
    text = ("Hội nghị đề nghị các cấp, các ngành trong huyện tiếp tục thực hiện tốt công tác "
            "cải cách hành chính.")
    assert directives(text) == ["tiếp tục thực hiện tốt công tác cải cách hành chính"]


def test_a_request_after_praise_joined_by_va_is_no_narrative() -> None:
    # "được" ends the praise ("kết quả đạt được"), "và" opens the leader's request.
    text = ("Bà Hồ Thị Lan, Phó Bí thư Huyện ủy biểu dương những kết quả đạt được và đề nghị "
            "Đảng ủy thị trấn tiếp tục củng cố tổ chức cơ sở đảng.")
    assert directives(text) == ["tiếp tục củng cố tổ chức cơ sở đảng"]


def test_a_task_may_open_with_quyet_liet() -> None:
    text = "Chủ tịch UBND huyện đề nghị các xã cần quyết liệt hơn trong giải phóng mặt bằng."
    assert directives(text) == ["quyết liệt hơn trong giải phóng mặt bằng"]


@pytest.mark.parametrize("text", [
    "Năm 2023, Ban Thường vụ Huyện ủy đã chỉ đạo các xã làm tốt công tác thu ngân sách.",
    "Dưới sự lãnh đạo, chỉ đạo sát sao của cấp ủy, kinh tế của huyện tăng trưởng khá.",
    "Ban Thường vụ Tỉnh ủy sẽ chỉ đạo các ngành tháo gỡ khó khăn cho huyện.",
    "Các đại biểu thảo luận những nhiệm vụ cần đẩy nhanh tiến độ trong thời gian tới.",
    "Huyện Ea Súp cần tập trung cải thiện chỉ số năng lực cạnh tranh\n\nNgày 5/3, đoàn công tác làm việc.",
])
def test_not_directives(text: str) -> None:
    assert directives(text) == []


def test_requests_one_per_item() -> None:
    text = ("Tại buổi làm việc, UBND huyện kiến nghị tỉnh sớm hỗ trợ kinh phí xây dựng trường học; "
            "bố trí vốn nâng cấp đường liên xã Ea Nuôl.")
    assert requests(text) == [
        "sớm hỗ trợ kinh phí xây dựng trường học",
        "bố trí vốn nâng cấp đường liên xã Ea Nuôl",
    ]
    assert directives(text) == []


def test_requests_listed_after_a_colon_and_split_at_a_new_task() -> None:
    text = ("Huyện ủy đã đề nghị tỉnh quan tâm các nội dung như: tháo gỡ vướng mắc trong giải phóng mặt "
            "bằng dự án hồ chứa nước, quan tâm bố trí vốn cho chương trình nông thôn mới.")
    assert requests(text) == [
        "tháo gỡ vướng mắc trong giải phóng mặt bằng dự án hồ chứa nước",
        "quan tâm bố trí vốn cho chương trình nông thôn mới",
    ]


def test_numbered_requests_after_the_askers_colon() -> None:
    text = ("UBND xã kiến nghị: (1) Huyện sớm phân bổ vốn sửa chữa trường mầm non; "
            "(2) hỗ trợ cây giống cho các hộ trồng lại rừng.")
    assert requests(text) == [
        "sớm phân bổ vốn sửa chữa trường mầm non",
        "hỗ trợ cây giống cho các hộ trồng lại rừng",
    ]


def test_a_request_opening_the_sentence_to_the_province() -> None:
    text = "Kiến nghị, đề xuất: Đề nghị UBND tỉnh bổ sung kinh phí nạo vét kênh mương nội đồng."
    assert requests(text) == ["bổ sung kinh phí nạo vét kênh mương nội đồng"]


def test_a_commune_asking_its_district() -> None:
    assert requests("Xã đề nghị huyện hỗ trợ xi măng để bê tông hóa đường nội đồng.") == [
        "hỗ trợ xi măng để bê tông hóa đường nội đồng"]


@pytest.mark.parametrize("text", [
    "Kiến nghị: sớm sửa chữa cầu tràn.",  # a heading with no asker
    "Huyện ủy xét kết nạp 20 đảng viên, đề nghị UBND tỉnh tặng Bằng khen cho 2 tập thể.",  # narrative
])
def test_no_request_without_an_asker_or_after_a_narrative_comma(text: str) -> None:
    assert requests(text) == []


def test_a_wish_addressed_upward() -> None:
    assert requests("Địa phương mong muốn tỉnh hỗ trợ xây dựng nhà văn hóa cho các thôn.") == [
        "hỗ trợ xây dựng nhà văn hóa cho các thôn"]


@pytest.mark.parametrize("text", [
    "Các kiến nghị của cử tri đã được giải quyết kịp thời.",
    "Chủ tịch UBND xã kiến nghị, đề xuất tại buổi làm việc.",
    "Năm qua, huyện khen thưởng 12 tập thể, đề nghị UBND tỉnh tặng Bằng khen cho 2 cá nhân.",
    "Phó Chủ tịch UBND tỉnh đề nghị các xã hoàn thành thu ngân sách.",
])
def test_not_requests(text: str) -> None:
    assert requests(text) == []


def test_an_item_cut_off_by_the_excerpt_is_dropped() -> None:
    text = ("Kết luận hội nghị, đồng chí Chủ tịch UBND huyện đề nghị các xã tập trung thu ngân sách; "
            "đẩy nhanh tiến độ giải phóng mặt bằng các côn")
    assert directives(text) == ["tập trung thu ngân sách"]


def test_spans_point_into_the_original() -> None:
    text = "Kết luận, ông\u00a0Lê Văn Ba – Bí thư Huyện ủy đề nghị các xã “đẩy mạnh chuyển đổi số”."
    (c,) = find_directives(normalize(text))
    a, b = c.span
    assert text[a:b] == c.text
    assert c.text.startswith("đẩy mạnh chuyển đổi số")


@pytest.mark.parametrize("text", ["", "đề nghị", "kiến nghị tỉnh", "Kết luận,", ";;;", "cần " * 200])
def test_never_raises(text: str) -> None:
    n = normalize(text)
    assert isinstance(find_directives(n), list)
    assert isinstance(find_requests(n), list)


def test_a_modal_word_ending_the_text_does_not_lose_the_directives() -> None:
    """A text cut right after "Cần" (a modal that may open the next directive of a run):
    the directives before it are still found."""
    text = ("Kết luận hội nghị, đồng chí Chủ tịch UBND huyện yêu cầu các xã tập trung "
            "thu ngân sách. Cần")
    assert [c.text for c in find_directives(normalize(text))] == ["tập trung thu ngân sách"]
