"""The dashboard in-process (httpx through the ASGI app): every page as HTML and JSON,
permissions of every write route, CSRF, cookies, search, escaping, number links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from web_support import PASSWORD, csrf_from, fill, login

from chitieu.store import Store
from chitieu.web import Settings, create_app
from chitieu.web.auth import RANK

SETTINGS = Settings(secret_key="khoa-bi-mat-cho-kiem-thu")


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    fill(store, tmp_path / "bao-cao")
    return store


@pytest.fixture
def client(filled: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store=filled, settings=SETTINGS)) as c:
        yield c


def first(client: TestClient, path: str, key: str) -> dict:
    rows = client.get(path).json()[key]
    assert rows, f"{path} has no {key}"
    return rows[0]


def page_paths(client: TestClient) -> dict[str, str]:
    """A concrete address for every page route, from the data itself."""
    overview = client.get("/index.json").json()
    code = next(r["locality_code"] for r in overview["localities"] if r["locality_code"])
    locality = client.get(f"/dia-phuong/{code}.json").json()
    indicator = next(r["indicator_code"] for r in locality["scoreboard"] if r["indicator_code"])
    item = first(client, "/chi-dao.json", "items")
    return {
        "overview": "/", "locality": f"/dia-phuong/{code}", "indicator": f"/chi-tieu/{indicator}",
        "documents": "/van-ban", "document": f"/van-ban/{locality['scoreboard'][0]['document_id']}",
        "search": "/tim-kiem?q=ngân sách", "items": "/chi-dao", "item": f"/chi-dao/{item['id']}",
        "review": "/ra-soat", "exports": "/xuat", "api": "/api", "users": "/nguoi-dung",
    }


def json_of(path: str) -> str:
    base, _, query = path.partition("?")
    return ("/index.json" if base == "/" else base + ".json") + (f"?{query}" if query else "")


# ------------------------------------------------------------------ every page, both renderers
def test_every_page_renders_as_html_and_as_json(client: TestClient) -> None:
    login(client, "admin")  # the accounts page needs an administrator
    paths = page_paths(client)
    registered = {r.name.removesuffix(".json") for r in client.app.routes
                  if isinstance(r, APIRoute) and r.name.endswith(".json")}
    assert registered == set(paths), "a page without a test address (or a stale one)"
    for name, path in paths.items():
        html = client.get(path)
        assert html.status_code == 200, (name, html.text[:300])
        assert html.headers["content-type"].startswith("text/html")
        assert '<html lang="vi">' in html.text
        data = client.get(json_of(path))
        assert data.status_code == 200, (name, data.text[:300])
        body = data.json()
        assert isinstance(body, dict) and body["title"], name
        assert _escaped(body["title"]) in html.text, f"{name}: the HTML does not show the JSON's title"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_locality_page_shows_the_scoreboard_tallies_trends_and_tasks(client: TestClient) -> None:
    data = client.get("/dia-phuong/656.json").json()
    assert data["title"] == "huyện Lắk" and data["period"] == "năm 2024"
    revenue = next(r for r in data["scoreboard"] if r["indicator_code"] == "NS_THU_NSNN")
    assert revenue["value"] == 118_900 and revenue["plan_pct"] == pytest.approx(92.2)
    assert revenue["status"] is not None
    assert [(t["achieved"], t["total"]) for t in data["tallies"]] == [(13, 16)]
    trend = next(t for t in data["trends"] if t["indicator_code"] == "NS_THU_NSNN")
    assert [p["period"] for p in trend["points"]] == ["6 tháng đầu năm 2024", "năm 2024"]
    assert data["directives"] and data["requests"]
    html = client.get("/dia-phuong/656").text
    assert "118.900" in html and "92,2%" in html  # Vietnamese number formatting
    assert "/static/vendor/plotly.min.js" in html and "data-chart=" in html


def test_overview_counts_statuses_and_places_localities_on_the_map(client: TestClient) -> None:
    data = client.get("/index.json").json()
    by_code = {r["locality_code"]: r for r in data["localities"]}
    assert set(by_code) == {"656", "662"}
    assert by_code["662"]["period"] == "9 tháng năm 2025"
    assert sum(data["totals"].values()) == sum(sum(r["counts"].values()) for r in data["localities"])
    assert all(r["latitude"] and r["longitude"] for r in data["localities"])
    html = client.get("/").text
    assert 'id="map"' in html and "huyện Cư Jút" in html


def test_indicator_page_ranks_localities_best_first(client: TestClient) -> None:
    data = client.get("/chi-tieu/NS_THU_NSNN.json").json()
    shares = [r["plan_pct"] for r in data["ranking"]]
    assert shares == sorted(shares, reverse=True) and len(shares) == 4
    assert [r["rank"] for r in data["ranking"]] == [1, 2, 3, 4]


def test_item_board_filters_by_state_owner_and_overdue(client: TestClient) -> None:
    everything = client.get("/chi-dao.json").json()["items"]
    overdue = client.get("/chi-dao.json?qua_han=true").json()["items"]
    assert overdue and len(overdue) < len(everything)
    assert all(i["overdue"] for i in overdue)
    owner = client.get("/chi-dao.json", params={"don_vi": "Ban Quản lý dự án"}).json()["items"]
    assert [i["addressee"] for i in owner] == ["Ban Quản lý dự án huyện"]
    state = "đang thực hiện chưa có hạn"
    same = client.get("/chi-dao.json", params={"trang_thai": state}).json()["items"]
    assert same and {i["status"] for i in same} == {state}
    requests = client.get("/chi-dao.json?loai=request").json()["items"]
    assert requests and {i["kind"] for i in requests} == {"request"}


# ------------------------------------------------------------------ numbers lead to their sentence
VOID = {"meta", "link", "input", "br", "img", "hr", "source", "col", "wbr"}


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, list[str]] = {}
        self.hrefs: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"] or ""] = (a.get("class") or "").split()
        if tag == "a" and "num" in (a.get("class") or "").split():
            self.hrefs.append(a.get("href") or "")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def test_every_number_links_to_a_marked_sentence(client: TestClient) -> None:
    hrefs: set[str] = set()
    for path in ("/dia-phuong/656", "/dia-phuong/662", "/chi-tieu/NS_THU_NSNN", "/ra-soat"):
        parser = _Ids()
        parser.feed(client.get(path).text)
        assert parser.hrefs, path
        hrefs.update(parser.hrefs)
    for href in hrefs:
        m = re.fullmatch(r"/van-ban/(\d+)#([ft]\d+)", href)
        assert m, href
        doc = _Ids()
        doc.feed(client.get(f"/van-ban/{m.group(1)}").text)
        assert m.group(2) in doc.ids, f"{href}: no such mark"
        assert "m" in doc.ids[m.group(2)]


def test_fact_address_redirects_to_its_sentence(client: TestClient) -> None:
    fact = first(client, "/dia-phuong/662.json", "scoreboard")
    r = client.get(f"/so-lieu/{fact['fact_id']}", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == fact["href"]
    assert client.get("/so-lieu/999999", follow_redirects=False).status_code == 404


def test_document_text_is_escaped_and_marks_are_well_formed(client: TestClient) -> None:
    hit = first(client, "/tim-kiem.json?q=ghi chú kỹ thuật", "hits")
    r = client.get(f"/van-ban/{hit['document_id']}")
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in r.text or \
        '&lt;script&gt;alert("xss")&lt;/script&gt;' in r.text
    assert "<script>alert" not in r.text and "<b>đậm</b>" not in r.text
    parser = _Ids()
    parser.feed(r.text)  # asserts every closing tag matches
    assert not parser.stack
    marks = client.get(f"/van-ban/{hit['document_id']}.json").json()["marks"]
    assert {m["kind"] for m in marks} >= {"fact", "person", "directive"}


def test_highlight_parameter_marks_a_span(client: TestClient) -> None:
    r = client.get("/van-ban/1?hl=0-10")
    assert 'id="hl"' in r.text
    assert 'id="hl"' not in client.get("/van-ban/1?hl=5-999999").text  # out of the text: ignored


def test_missing_things_give_404_in_both_renderers(client: TestClient) -> None:
    assert client.get("/van-ban/999999").status_code == 404
    assert "Không có văn bản này" in client.get("/van-ban/999999").text
    assert client.get("/van-ban/999999.json").json()["detail"] == "Không có văn bản này."
    assert client.get("/dia-phuong/khong-co").status_code == 404
    assert client.get("/chi-dao/999999.json").status_code == 404


# ------------------------------------------------------------------ search
HOSTILE = ["'; DROP TABLE documents; --", '" OR 1=1 --', 'ngân sách" NEAR(', "*", "a AND (b OR", "%_\\",
           "NOT", "thu ngân sách' UNION SELECT password_hash FROM users --", "title:*", "^đạt"]


def test_search_with_hostile_input_answers_normally(client: TestClient) -> None:
    for query in HOSTILE:
        r = client.get("/tim-kiem.json", params={"q": query})
        assert r.status_code == 200 and isinstance(r.json()["hits"], list), query
        assert "argon2" not in r.text
        assert client.get("/tim-kiem", params={"q": query}).status_code == 200, query
    assert len(client.get("/van-ban.json").json()["documents"]) == 4  # nothing dropped
    hits = client.get("/tim-kiem.json", params={"q": "ngân sách' OR '1'='1"}).json()["hits"]
    assert {h["title"] for h in hits} <= {d["title"] for d in client.get("/van-ban.json").json()["documents"]}


def test_search_finds_words_with_their_diacritics(client: TestClient) -> None:
    hits = client.get("/tim-kiem.json", params={"q": "cầu treo"}).json()["hits"]
    assert len(hits) == 1 and "Cư Jút" in hits[0]["title"]
    assert any(p["match"] for p in hits[0]["parts"])
    assert client.get("/tim-kiem.json", params={"q": "zzzkhongco"}).json()["hits"] == []


# ------------------------------------------------------------------ accounts, roles, CSRF, cookies
def write_routes(client: TestClient) -> list[APIRoute]:
    return [r for r in client.app.routes if isinstance(r, APIRoute) and set(r.methods) - {"GET", "HEAD"}]


PUBLIC_WRITES = {"login", "logout"}  # they open and close a session; both still check CSRF


def _required_role(route: APIRoute) -> str:
    roles = [getattr(d.call, "required_role", None) for d in route.dependant.dependencies]
    found = [r for r in roles if r]
    assert found, f"{route.path} changes something without require_role"
    return found[0]


def _concrete(path: str, client: TestClient) -> str:
    item = first(client, "/chi-dao.json", "items")["id"]
    fact = first(client, "/ra-soat.json", "facts")["fact_id"]
    return path.replace("{item_id}", str(item)).replace("{fact_id}", str(fact))


FORMS = {  # a valid body for each write route (so that an allowed user gets past validation)
    "change_state": {"trang_thai": "hoàn thành quá hạn", "ly_do": ""},
    "accept_fact": {},
    "correct_fact": {"gia_tri": "46", "ghi_chu": "sửa theo bản gốc"},
    "save_user": {"username": "nguoi-moi", "password": "mat-khau-moi-dai", "role": "viewer"},
}


def test_every_write_route_checks_the_role(filled: Store) -> None:
    app = create_app(store=filled, settings=SETTINGS)
    with TestClient(app) as probe:
        routes = [r for r in write_routes(probe) if r.name not in PUBLIC_WRITES]
        assert {r.name for r in routes} == set(FORMS), "a new write route needs a form in FORMS"
        paths = {r.name: _concrete(r.path, probe) for r in routes}
    for route in routes:
        need = _required_role(route)
        path = paths[route.name]
        for role, rank in RANK.items():
            with TestClient(app) as c:
                token = login(c, role)
                r = c.post(path, data={**FORMS[route.name], "csrf_token": token}, follow_redirects=False)
                if rank < RANK[need]:
                    assert r.status_code == 403, (route.path, role, r.status_code)
                elif role == need:  # the first allowed role makes the change
                    assert r.status_code == 303, (route.path, role, r.status_code, r.text[:300])
                else:  # a higher role passes the check (the change itself may already be made)
                    assert r.status_code not in (401, 403), (route.path, role, r.status_code)
        with TestClient(app) as anonymous:
            token = anonymous.get("/phien.json").json()["csrf_token"]
            r = anonymous.post(path, data={**FORMS[route.name], "csrf_token": token}, follow_redirects=False)
            assert r.status_code == 401, (route.path, r.status_code)


def test_changes_need_the_sessions_csrf_token(client: TestClient) -> None:
    token = login(client, "editor")
    item = first(client, "/chi-dao.json", "items")["id"]
    form = {"trang_thai": "hoàn thành quá hạn"}
    for bad in ({}, {"csrf_token": "gia-mao"}, {"csrf_token": token[:-1]}):
        r = client.post(f"/chi-dao/{item}/trang-thai", data={**form, **bad}, follow_redirects=False)
        assert r.status_code == 403, bad
    unchanged = client.get(f"/chi-dao/{item}.json").json()["history"]
    r = client.post(f"/chi-dao/{item}/trang-thai", data=form, headers={"X-CSRF-Token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    assert len(client.get(f"/chi-dao/{item}.json").json()["history"]) == len(unchanged) + 1


def test_login_needs_csrf_too(client: TestClient) -> None:
    client.get("/dang-nhap")
    r = client.post("/dang-nhap", data={"username": "editor", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 403
    assert client.get("/phien.json").json()["user"] is None


def test_wrong_password_is_refused(client: TestClient) -> None:
    token = csrf_from(client.get("/dang-nhap").text)
    r = client.post("/dang-nhap", data={"username": "editor", "password": "sai", "csrf_token": token})
    assert r.status_code == 401 and "Sai tên đăng nhập hoặc mật khẩu" in r.text
    r = client.post("/dang-nhap", data={"username": "khong-co", "password": "sai", "csrf_token": token})
    assert r.status_code == 401
    assert client.get("/phien.json").json()["user"] is None


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    token = csrf_from(client.get("/dang-nhap").text)
    r = client.post("/dang-nhap", data={"username": "viewer", "password": PASSWORD, "csrf_token": token},
                    follow_redirects=False)
    cookie = r.headers["set-cookie"].lower()
    assert cookie.startswith("chitieu_session=")
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie
    assert PASSWORD not in r.headers["set-cookie"]


def test_secure_cookie_setting(filled: Store) -> None:
    settings = Settings(secret_key="k", secure_cookies=True)
    with TestClient(create_app(store=filled, settings=settings), base_url="https://testserver") as c:
        c.get("/dang-nhap")
        r = c.get("/phien.json")
        assert "secure" in r.headers.get("set-cookie", "").lower() or c.cookies.get("chitieu_session")


def test_login_redirects_only_to_local_pages(client: TestClient) -> None:
    token = csrf_from(client.get("/dang-nhap").text)
    for target, expected in (("/chi-dao", "/chi-dao"), ("https://ac.example", "/"), ("//ac.example", "/")):
        r = client.post("/dang-nhap", data={"username": "viewer", "password": PASSWORD, "csrf_token": token,
                                            "next": target}, follow_redirects=False)
        assert r.headers["location"] == expected
        token = client.get("/phien.json").json()["csrf_token"]


def test_logout_ends_the_session(client: TestClient) -> None:
    token = login(client, "editor")
    assert client.get("/phien.json").json()["user"] == "editor"
    assert client.post("/dang-xuat", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    assert client.get("/phien.json").json()["user"] is None


def test_reading_can_require_a_login(filled: Store) -> None:
    settings = Settings(secret_key="k", read_requires_login=True)
    with TestClient(create_app(store=filled, settings=settings)) as c:
        r = c.get("/dia-phuong/656", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/dang-nhap?next=")
        assert c.get("/index.json").status_code == 401
        assert c.get("/xuat/chi-tieu.csv", follow_redirects=False).status_code == 303
        assert c.get("/dang-nhap").status_code == 200
        login(c, "viewer")
        assert c.get("/dia-phuong/656").status_code == 200
        assert c.get("/index.json").status_code == 200


def test_open_reading_by_default(client: TestClient) -> None:
    assert client.get("/index.json").status_code == 200
    assert client.get("/nguoi-dung.json").status_code == 401  # the accounts page is for administrators


# ------------------------------------------------------------------ changes through the dashboard
def overdue_item(client: TestClient) -> dict:
    items = client.get("/chi-dao.json", params={"trang_thai": "quá hạn chưa hoàn thành"}).json()["items"]
    assert items
    return items[0]


def test_editor_changes_a_directive_state_and_it_is_logged(client: TestClient) -> None:
    item = overdue_item(client)
    token = login(client, "editor")
    r = client.post(f"/chi-dao/{item['id']}/trang-thai",
                    data={"trang_thai": "hoàn thành quá hạn", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    after = client.get(f"/chi-dao/{item['id']}.json").json()
    assert after["item"]["status"] == "hoàn thành quá hạn"
    last = after["history"][-1]
    assert (last["old_status"], last["new_status"], last["who"]) == (
        "quá hạn chưa hoàn thành", "hoàn thành quá hạn", "editor")


def test_a_refused_move_explains_why(client: TestClient) -> None:
    item = overdue_item(client)
    token = login(client, "editor")
    r = client.post(f"/chi-dao/{item['id']}/trang-thai",
                    data={"trang_thai": "hoàn thành đúng hạn", "csrf_token": token})  # needs a reason
    assert r.status_code == 422 and "cần nêu lý do" in r.text
    assert client.get(f"/chi-dao/{item['id']}.json").json()["item"]["status"] == "quá hạn chưa hoàn thành"


def test_review_accept_and_correct(client: TestClient) -> None:
    queue = client.get("/ra-soat.json").json()["facts"]
    assert queue and queue[0]["reasons"]
    token = login(client, "editor")
    fact = queue[0]["fact_id"]
    r = client.post(f"/ra-soat/{fact}/hieu-chinh", data={"gia_tri": "không phải số", "csrf_token": token})
    assert r.status_code == 422
    r = client.post(f"/ra-soat/{fact}/hieu-chinh", data={"gia_tri": "46", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    assert fact not in [f["fact_id"] for f in client.get("/ra-soat.json").json()["facts"]]


def test_admin_adds_an_account(client: TestClient) -> None:
    token = login(client, "admin")
    form = {"username": "can-bo", "password": "mat-khau-du-dai", "role": "editor", "csrf_token": token}
    r = client.post("/nguoi-dung", data=form, follow_redirects=False)
    assert r.status_code == 303
    users = {u["username"]: u["role"] for u in client.get("/nguoi-dung.json").json()["users"]}
    assert users["can-bo"] == "editor"
    assert "password_hash" not in str(client.get("/nguoi-dung.json").json())
    fresh = TestClient(client.app)
    login(fresh, "can-bo", "mat-khau-du-dai")
    assert fresh.get("/phien.json").json()["role"] == "editor"


# ------------------------------------------------------------------ API, assets, offline
def test_openapi_describes_every_json_page(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    json_routes = {r.path for r in client.app.routes if isinstance(r, APIRoute) and r.path.endswith(".json")
                   and r.include_in_schema}
    assert json_routes <= set(spec["paths"])
    assert "/dia-phuong/{code}.json" in spec["paths"]
    assert "/chi-dao/{item_id}/trang-thai" in spec["paths"]


def test_charting_library_is_served_locally_and_pages_need_no_internet(client: TestClient) -> None:
    js = client.get("/static/vendor/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000 and b"plotly" in js.content[:2000].lower()
    for path in ("/", "/dia-phuong/656", "/chi-tieu/NS_THU_NSNN", "/van-ban/1"):
        html = client.get(path).text
        assert not re.search(r'(src|href)="(https?:)?//', html), path


def test_server_timing_header(client: TestClient) -> None:
    r = client.get("/index.json")
    assert re.fullmatch(r"app;dur=\d+\.\d\d", r.headers["server-timing"])


# ------------------------------------------------------------------ the page cache follows the store
def test_overview_cache_is_refreshed_when_the_store_changes(filled: Store, tmp_path: Path) -> None:
    from chitieu.assess.service import assess_all
    from chitieu.store.ingest import ingest

    app = create_app(store=filled, settings=SETTINGS)
    with TestClient(app) as c:
        before = c.get("/index.json").json()
        assert c.get("/index.json").json() == before
        assert app.state.page_cache.hits >= 1
        extra = tmp_path / "them" / "krong-no.txt"
        extra.parent.mkdir()
        extra.write_text("Báo cáo 6 tháng đầu năm 2025 của huyện Krông Nô, tỉnh Đắk Nông\n\n"
                         "Thu ngân sách nhà nước trên địa bàn ước đạt 40.100 triệu đồng, đạt 45,1% dự toán "
                         "tỉnh giao.\n", encoding="utf-8")
        ingest(filled, [extra], progress=False)
        with filled.transaction() as session:
            assess_all(session)
        after = c.get("/index.json").json()
        assert len(after["localities"]) == len(before["localities"]) + 1
        token = login(c, "editor")
        item = overdue_item(c)
        c.get("/index.json")
        misses = app.state.page_cache.misses
        form = {"trang_thai": "hoàn thành quá hạn", "csrf_token": token}
        r = c.post(f"/chi-dao/{item['id']}/trang-thai", data=form, follow_redirects=False)
        assert r.status_code == 303
        c.get("/index.json")
        assert app.state.page_cache.misses == misses + 1  # a state change is a new version of the data


def test_the_cache_can_be_turned_off(filled: Store) -> None:
    app = create_app(store=filled, settings=Settings(secret_key="k", page_cache=False))
    with TestClient(app) as c:
        assert c.get("/index.json").status_code == 200 and c.get("/").status_code == 200
    assert app.state.page_cache.hits == app.state.page_cache.misses == 0


def test_locality_trends_in_one_query_match_the_service(filled: Store) -> None:
    from chitieu.assess.service import trend
    from chitieu.store.repo_web import locality_trends

    with filled.reading() as session:
        for code in ("656", "662"):
            codes = ["NS_THU_NSNN", "KT_DT_GIEO_TRONG", "KT_GTSX_CN", "XH_TY_LE_HO_NGHEO"]
            ours = locality_trends(session, code, codes)
            for ic in codes:
                theirs = [(p.period, p.value, p.plan_pct, p.status, p.fact_id)
                          for p in trend(session, code, ic)]
                mine = [(p["period"], p["value"], p["plan_pct"], p["status"], p["fact_id"]) for p in ours[ic]]
                assert mine == theirs, (code, ic)
            assert any(ours.values())


def test_ids_beyond_the_database_range_are_refused(client: TestClient) -> None:
    huge = 2**63 + 5
    for path in (f"/van-ban/{huge}.json", f"/chi-dao/{huge}.json", f"/so-lieu/{huge}", "/van-ban/0.json"):
        assert client.get(path, follow_redirects=False).status_code == 422, path
    token = login(client, "editor")
    r = client.post(f"/ra-soat/{huge}/chap-nhan", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 422
