"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright).

The dashboard runs with uvicorn on 127.0.0.1 in a thread; the browser opens the overview,
drills into a locality, clicks a number and sees its sentence emphasised, logs in,
changes a directive's state, and downloads the Excel table, which is read back.
Screenshots go to test-artifacts/. Skipped, with the reason, when no Chromium or no
Playwright is available (scripts/browser.sh installs Debian's chromium).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import openpyxl
import pytest
from web_support import PASSWORD, fill

from chitieu.store import open_store
from chitieu.web import Settings, create_app

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright is not installed (pip install -e .[dev])")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for cand in (os.environ.get("CHITIEU_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                 shutil.which("chromium")):
        if cand and os.access(cand, os.X_OK):
            return cand
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    base = tmp_path_factory.mktemp("e2e")
    store = open_store(base / "chitieu.db")
    fill(store, base / "bao-cao")
    app = create_app(store=store, settings=Settings(secret_key="khoa-e2e"))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium (scripts/browser.sh installs Debian's chromium; or set CHITIEU_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str, request: pytest.FixtureRequest) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, accept_downloads=True,
                                  base_url=server, locale="vi-VN")
    pg = context.new_page()
    pg.hosts = set()  # every host the page asked for
    pg.on("request", lambda req: pg.hosts.add(urlparse(req.url).netloc))
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_locality_and_a_number_to_its_sentence(page, server: str) -> None:
    page.goto("/")
    page.wait_for_selector("#map .main-svg")  # Plotly drew the map from the local script
    assert page.locator("#map .scatterlayer .point").count() == 2
    shot(page, "01-tong-quan")
    page.get_by_role("link", name="huyện Lắk").first.click()
    page.wait_for_url("**/dia-phuong/656")
    assert page.locator("h1").inner_text() == "huyện Lắk"
    page.wait_for_selector(".chart .main-svg")
    assert page.locator("#scoreboard tbody tr").count() >= 2
    shot(page, "02-dia-phuong")
    number = page.locator("#scoreboard a.num", has_text="118.900")
    href = number.get_attribute("href")
    number.click()
    page.wait_for_url("**/van-ban/**")
    anchor = href.split("#", 1)[1]
    target = page.locator(f"mark#{anchor}")
    page.wait_for_function("id => document.getElementById(id).classList.contains('is-target')", arg=anchor)
    assert "118.900 triệu đồng" in target.inner_text()
    assert target.is_visible() and _in_viewport(page, anchor)
    assert page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).outlineStyle") == "solid"
    shot(page, "03-van-ban-so-lieu")
    assert page.hosts == {urlparse(server).netloc}, "the dashboard asked another host"
    assert not page.errors


def _in_viewport(pg, anchor: str) -> bool:
    return pg.evaluate("""id => { const r = document.getElementById(id).getBoundingClientRect();
                          return r.top >= 0 && r.bottom <= window.innerHeight; }""", anchor)


def test_log_in_and_change_a_directive_state(page) -> None:
    page.goto("/chi-dao?qua_han=true")
    first = page.locator("table.items tbody tr").first
    first.locator("a").first.click()
    page.wait_for_url("**/chi-dao/*")
    assert page.locator("#state-form").count() == 0  # anonymous: no form
    page.get_by_role("link", name="Đăng nhập").first.click()
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_selector("#state-form")
    assert "quá hạn chưa hoàn thành" in page.locator("#item-status").inner_text()
    shot(page, "04-dang-nhap-chi-dao")
    page.select_option("#state-form select[name=trang_thai]", "hoàn thành quá hạn")
    page.click("#state-form button[type=submit]")
    page.wait_for_selector(".notice")
    assert page.locator("#item-status").inner_text().strip() == "hoàn thành quá hạn"
    assert "editor" in page.locator("#history").inner_text()
    shot(page, "05-da-doi-trang-thai")
    assert not page.errors


def test_download_the_excel_table_and_read_it_back(page, tmp_path: Path) -> None:
    page.goto("/xuat")
    page.fill("input[name=dia_phuong]", "656")
    with page.expect_download() as info:
        page.click("a.download[data-href='/xuat/bieu-tong-hop.xlsx']")
    download = info.value
    name = download.suggested_filename
    assert name.startswith("bieu-tong-hop-") and name.endswith(".xlsx")
    out = tmp_path / download.suggested_filename
    download.save_as(str(out))
    ws = openpyxl.load_workbook(out)["Biểu tổng hợp"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Chỉ tiêu" in values and "huyện Lắk — năm 2024" in values
    assert 118_900 in values
    shot(page, "06-xuat-du-lieu")
