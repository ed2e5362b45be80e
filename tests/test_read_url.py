"""Reading web addresses, against a local HTTP server in a thread (no outside network)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fixtures.documents import docx_bytes, text_pdf, to_cp1258

from chitieu import __version__
from chitieu.read import ReadError, iter_inputs, read_url

ARTICLE = ("Chiều qua, huyện tổ chức lễ khởi công xây dựng cầu mới bắc qua sông, tổng vốn đầu tư "
           "45 tỷ đồng, dự kiến hoàn thành trong năm tới. Công trình giúp người dân hai xã đi lại "
           "thuận tiện hơn, nhất là vào mùa mưa lũ.")
HTML = (f"<html><head><title>Khởi công cầu mới</title></head><body><nav>Trang chủ | Tin tức</nav>"
        f"<article><h1>Khởi công cầu mới</h1><p>{ARTICLE}</p></article></body></html>").encode()
NOTE = "Ghi chú: xã đã hoàn thành kế hoạch tiêm phòng cho đàn gia súc."
PDF_TEXT = "Báo cáo nhanh về tình hình thiệt hại do mưa lớn gây ra trên địa bàn."
DOCX_TEXT = "Kế hoạch tổ chức hội thi tìm hiểu pháp luật năm nay."

ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/bai-viet": (200, "text/html; charset=utf-8", HTML),
    "/ghi-chu.txt": (200, "text/plain; charset=windows-1258", to_cp1258(NOTE)),
    "/tai-lieu": (200, "application/pdf", text_pdf([PDF_TEXT])),
    "/van-ban": (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 docx_bytes([DOCX_TEXT])),
    "/anh": (200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
}
SEEN_AGENTS: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        SEEN_AGENTS.append(self.headers.get("User-Agent", ""))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route()

    def _route(self) -> None:
        if self.path in ROUTES:
            status, ctype, body = ROUTES[self.path]
            self._send(status, ctype, body)
        elif self.path == "/chuyen":
            self.send_response(302)
            self.send_header("Location", "/bai-viet")
            self.end_headers()
        elif self.path == "/vong":
            self.send_response(302)
            self.send_header("Location", "/vong")
            self.end_headers()
        elif self.path == "/lon-khai-bao":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(b"a" * 1000)
        elif self.path == "/lon-dong-chay":  # no Content-Length: streamed until the server closes
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"chu " * 4096)
        elif self.path == "/cham":
            time.sleep(1.5)
            self._send(200, "text/plain", b"muon")
        else:
            self._send(404, "text/plain", b"khong co")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_html_page(server: str) -> None:
    doc = read_url(f"{server}/bai-viet")
    assert ARTICLE in doc.text
    assert "Trang chủ" not in doc.text
    assert doc.title == "Khởi công cầu mới"
    assert (doc.source, doc.url, doc.media_type) == (f"{server}/bai-viet", f"{server}/bai-viet", "text/html")
    assert SEEN_AGENTS[-1] == f"chitieu/{__version__}"


def test_declared_charset_is_used(server: str) -> None:
    doc = read_url(f"{server}/ghi-chu.txt")
    assert doc.encoding == "cp1258"
    assert doc.text == to_cp1258(NOTE).decode("cp1258")


@pytest.mark.parametrize(("path", "expected", "media_type"), [
    ("/tai-lieu", PDF_TEXT, "application/pdf"),
    ("/van-ban", DOCX_TEXT, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
], ids=["pdf", "docx"])
def test_pdf_and_docx_by_content_type(server: str, path: str, expected: str, media_type: str) -> None:
    doc = read_url(server + path)
    assert doc.text.strip() == expected
    assert doc.media_type == media_type
    assert doc.url == server + path


def test_redirect_is_followed_and_the_final_address_kept(server: str) -> None:
    doc = read_url(f"{server}/chuyen")
    assert ARTICLE in doc.text
    assert doc.source == f"{server}/chuyen"
    assert doc.url == f"{server}/bai-viet"


@pytest.mark.parametrize(("path", "reason"), [
    ("/khong-co", "lỗi HTTP 404"),
    ("/vong", "chuyển hướng quá nhiều lần"),
    ("/lon-khai-bao", "quá lớn"),
    ("/lon-dong-chay", "quá lớn"),
    ("/anh", "định dạng không hỗ trợ: ảnh PNG"),
])
def test_failures_have_a_reason(server: str, path: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_url(server + path, max_bytes=200_000)


def test_timeout(server: str) -> None:
    start = time.perf_counter()
    with pytest.raises(ReadError, match="hết thời gian chờ"):
        read_url(f"{server}/cham", timeout=0.3)
    assert time.perf_counter() - start < 1.4


def test_connection_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(ReadError, match="không kết nối được"):
        read_url(f"http://127.0.0.1:{port}/bai-viet")


def test_not_a_web_address() -> None:
    with pytest.raises(ReadError, match="không hợp lệ"):
        read_url("http://")


def test_urls_among_paths(server: str, tmp_path: Path) -> None:
    f = tmp_path / "ghi.txt"
    f.write_text(NOTE, encoding="utf-8")
    items = list(iter_inputs([f"{server}/bai-viet", str(f), f"{server}/khong-co"]))
    assert [i.source for i in items] == [f"{server}/bai-viet", str(f), f"{server}/khong-co"]
    assert items[0].document is not None and ARTICLE in items[0].document.text
    assert items[1].document is not None and items[1].document.text == NOTE
    assert items[2].document is None and "404" in (items[2].error or "")
    assert items[0].stem == "bai-viet"
