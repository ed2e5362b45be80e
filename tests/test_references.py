"""References to formal documents, on sentences written for these tests."""

from __future__ import annotations

import pytest

from chitieu.extract.normalize import normalize
from chitieu.extract.references import find_references


def refs(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    return [(r.kind, r.number, r.date, r.issuer) for r in find_references(normalize(text))]


@pytest.mark.parametrize("text,expected", [
    ("Các cấp ủy tiếp tục thực hiện Chỉ thị số 12-CT/TW ngày 05/4/2022 của Ban Bí thư về công tác dân vận.",
     [("Chỉ thị", "12-CT/TW", "2022-04-05", "Ban Bí thư")]),
    ("Xã thực hiện Thông báo kết luận số 318-TB/HU ngày 14/2/2023 của Ban Thường vụ Huyện ủy.",
     [("Thông báo", "318-TB/HU", "2023-02-14", "Ban Thường vụ Huyện ủy")]),
    ("Triển khai Kế hoạch 215 ngày 3/9/2019 của huyện về chuyển đổi số.",
     [("Kế hoạch", "215", "2019-09-03", None)]),
    ("UBND huyện ban hành Quyết định số 1520/QĐ-UBND ngày 10/6/2021 phê duyệt đề án.",
     [("Quyết định", "1520/QĐ-UBND", "2021-06-10", "UBND huyện")]),
    ("Thực hiện Thông báo số 07-TB/HU, ngày 14/02/2023 của Ban Thường vụ Huyện ủy.",
     [("Thông báo", "07-TB/HU", "2023-02-14", "Ban Thường vụ Huyện ủy")]),
    ("Chi bộ học tập Chỉ thị số 05 của Bộ Chính trị.", [("Chỉ thị", "05", None, "Bộ Chính trị")]),
    ("Đảng ủy quán triệt 35-KL/TW đến toàn thể đảng viên.", [("Kết luận", "35-KL/TW", None, None)]),
    ("Huyện ủy xây dựng Đề án số 03-ĐA/HU về phát triển cây ăn quả.", [("Đề án", "03-ĐA/HU", None, None)]),
])
def test_numbered_references(text: str, expected: list) -> None:
    assert refs(text) == expected


@pytest.mark.parametrize("text,kind", [
    ("Việc thực hiện Nghị quyết Trung ương 8 khóa XIII có nhiều chuyển biến.", "Nghị quyết"),
    ("Kết quả thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII đạt khá.", "Nghị quyết"),
    ("Hội nghị công bố Quyết định của UBND tỉnh về công nhận xã đạt chuẩn.", "Quyết định"),
    ("Kỳ họp thông qua Nghị quyết về dự toán ngân sách năm 2024.", "Nghị quyết"),
    ("Cấp ủy kiểm tra 12 đảng viên theo Điều 30 Điều lệ Đảng.", "Điều lệ"),
])
def test_unnumbered_references(text: str, kind: str) -> None:
    found = refs(text)
    assert [(k, num) for k, num, _, _ in found] == [(kind, None)]


def test_issuer_of_an_unnumbered_reference() -> None:
    assert refs("Tỷ lệ kết nạp bằng 120% chỉ tiêu Nghị quyết Huyện ủy đề ra.")[0][3] == "Huyện ủy"


@pytest.mark.parametrize("text", [
    "Tổng thu ngân sách đạt 104% so với Nghị quyết.",
    "Thu ngân sách bằng 98% Nghị quyết HĐND huyện giao.",
    "Huyện triển khai Đề án phát triển du lịch cộng đồng.",
    "Khu vực này đã được xác định tại Quy hoạch tỉnh.",
    "Huyện báo cáo kết quả thực hiện các Kết luận của Ban Thường vụ Tỉnh ủy.",
    "Kết luận hội nghị, đồng chí Bí thư đề nghị các xã tập trung thu ngân sách.",
    "HĐND huyện thông qua 7 nghị quyết quan trọng.",
    "Việc học tập Nghị quyết Đại hội đảng các cấp được tổ chức nghiêm túc.",
])
def test_not_references(text: str) -> None:
    assert refs(text) == []


def test_each_document_once() -> None:
    text = ("Thực hiện Kết luận số 12-KL/TU ngày 02/3/2020. Qua kiểm tra việc thực hiện Kết luận "
            "số 12-KL/TU, huyện đã khắc phục hạn chế. Nghị quyết Đại hội Đảng bộ huyện lần thứ XV được "
            "triển khai; kết quả thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XV, "
            "nhiệm kỳ 2020 - 2025 khá.")
    assert [(k, n) for k, n, _, _ in refs(text)] == [("Kết luận", "12-KL/TU"), ("Nghị quyết", None)]


def test_text_and_span_are_original() -> None:
    text = "Theo “Kế hoạch số 88/KH-UBND ngày 01/02/2024” của tỉnh."
    (r,) = find_references(normalize(text))
    a, b = r.span
    assert text[a:b] == r.text
    assert r.text.startswith("Kế hoạch số 88/KH-UBND")


@pytest.mark.parametrize("text", ["", "Nghị quyết", "Nghị quyết số", "Kế hoạch số 1/", "của", "\ufeff" * 3])
def test_never_raises(text: str) -> None:
    assert isinstance(find_references(normalize(text)), list)
