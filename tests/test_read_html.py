"""Web pages: main text via trafilatura, metadata, fallbacks and hostile markup."""

from __future__ import annotations

import time
import unicodedata

import pytest
from fixtures.documents import to_cp1258

from chitieu.read import ReadError, read_bytes

ARTICLE = [
    "Sáng nay, Ủy ban nhân dân huyện tổ chức hội nghị sơ kết công tác sáu tháng đầu năm "
    "với sự tham dự của lãnh đạo các phòng, ban và các xã trên địa bàn.",
    "Tổng giá trị sản xuất ước đạt 1.250 tỷ đồng, bằng 52% kế hoạch năm, tăng 8,5% so với "
    "cùng kỳ năm trước; thu ngân sách trên địa bàn đạt 48 tỷ đồng.",
    "Hội nghị đề nghị các xã tiếp tục đẩy mạnh chuyển đổi số và cải cách hành chính "
    "trong những tháng cuối năm, bảo đảm hoàn thành các chỉ tiêu đã đề ra.",
]
NAV = ["Trang chủ", "Giới thiệu", "Tin tức", "Liên hệ"]
FOOTER = "Bản quyền thuộc về Cổng thông tin điện tử huyện, địa chỉ số 1 đường Trung tâm."


def page(head: str = "", charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    links = "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(NAV))
    return (f"<!DOCTYPE html><html><head><meta charset='{charset}'>"
            f"<title>Sơ kết sáu tháng - Cổng thông tin huyện</title>{head}</head><body>"
            f"<nav><ul>{links}</ul></nav>"
            f"<article><h1>Huyện sơ kết công tác sáu tháng đầu năm</h1>{paragraphs}</article>"
            f"<footer><p>{FOOTER}</p></footer></body></html>")


DATED = ('<meta property="og:title" content="Huyện sơ kết công tác sáu tháng đầu năm">'
         '<meta property="article:published_time" content="2024-07-05T08:00:00+07:00">')


def test_main_text_title_and_date() -> None:
    doc = read_bytes(page(DATED).encode("utf-8"), "trang.html")
    for paragraph in ARTICLE:
        assert paragraph in doc.text
    assert "Bản quyền" not in doc.text
    assert "Liên hệ" not in doc.text
    assert doc.title == "Huyện sơ kết công tác sáu tháng đầu năm"
    assert doc.published == "2024-07-05"
    assert (doc.media_type, doc.encoding) == ("text/html", "utf-8")


def test_page_without_date_metadata_has_no_date() -> None:
    doc = read_bytes(page().encode("utf-8"), "trang.htm")
    assert doc.published is None
    assert ARTICLE[1] in doc.text


def test_page_in_windows_1258() -> None:
    doc = read_bytes(to_cp1258(page(charset="windows-1258")), "cu.html")
    assert doc.encoding == "cp1258"
    assert ARTICLE[0] in unicodedata.normalize("NFC", doc.text)


def test_short_page_falls_back_to_its_visible_text() -> None:
    html = ("<html><head><script>var x = 1;</script></head><body>"
            "<div>Xã đã hoàn thành kế hoạch trồng rừng của năm.</div></body></html>")
    doc = read_bytes(html.encode("utf-8"), "ngan.html")
    assert "Xã đã hoàn thành kế hoạch trồng rừng của năm." in doc.text
    assert "var x" not in doc.text


def test_page_without_content_is_refused() -> None:
    html = "<html><head><style>p {color: red}</style></head><body><nav><a href='/'>Về</a></nav></body></html>"
    with pytest.raises(ReadError, match="trang không có nội dung chính"):
        read_bytes(html.encode("utf-8"), "rong.html")


def test_deeply_nested_page_is_refused_quickly() -> None:
    html = "<html><body>" + "<div>" * 100_000 + "<p>Một câu.</p>" + "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    with pytest.raises(ReadError, match="lồng nhau quá sâu"):
        read_bytes(html.encode("utf-8"), "sau.html")
    assert time.perf_counter() - start < 2.0


def test_html_is_sniffed_without_a_suffix() -> None:
    doc = read_bytes(page(DATED).encode("utf-8"), "tai-ve")
    assert doc.media_type == "text/html"
    assert ARTICLE[2] in doc.text


def test_very_large_page_skips_trafilatura_but_keeps_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from chitieu.read import limits

    monkeypatch.setattr(limits, "MAX_HTML_MAIN_TEXT", 1000)
    doc = read_bytes(page(DATED).encode("utf-8"), "lon.html")
    assert ARTICLE[0] in doc.text
    assert "Bản quyền" not in doc.text  # footer dropped by the fallback too
    assert doc.published is None  # no metadata without trafilatura
