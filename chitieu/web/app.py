"""The FastAPI application: `create_app(store_url=None, settings=None)`.

Pages are registered by the view modules in chitieu/web/views (each page both as HTML and
as JSON, see chitieu.web.pages); static files (CSS, JS, and the charting library's
plotly.min.js read from the installed `plotly` package) are served locally, so the
dashboard works with no internet. Every response carries a `Server-Timing` header with
the time spent in the application (read by bench/web_speed.py).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from chitieu import __version__
from chitieu.store import Store, open_store
from chitieu.web import vendor
from chitieu.web.auth import Forbidden, LoginRequired
from chitieu.web.cache import PageCache
from chitieu.web.render import render
from chitieu.web.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "chitieu_session"
DESCRIPTION = (
    "Bảng theo dõi chỉ tiêu và chỉ đạo từ báo cáo của chính quyền địa phương. "
    "Mỗi trang HTML có dữ liệu JSON ở cùng địa chỉ thêm đuôi `.json`."
)


def create_app(store_url: str | None = None, settings: Settings | None = None,
               *, store: Store | None = None) -> FastAPI:
    """The dashboard over the store at `store_url` (or settings.store_url, or $CHITIEU_DB).

    `store`: an already open store to use (it is then not closed with the app).
    """
    settings = settings or Settings.from_env(store_url)
    if store_url is not None and settings.store_url is None:
        settings = Settings(**{**settings.__dict__, "store_url": store_url})
    settings = settings.with_secret()
    own_store = store is None
    store = store or open_store(settings.store_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            store.close()

    app = FastAPI(title="chitieu", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # their viewers load scripts from the internet
    app.state.store = store
    app.state.settings = settings
    app.state.page_cache = PageCache(enabled=settings.page_cache)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key or "", session_cookie=SESSION_COOKIE,
                       max_age=settings.session_seconds, same_site="lax", https_only=settings.secure_cookies)
    app.middleware("http")(_server_timing)
    app.middleware("http")(_refuse_nul)
    vendor.register(app.router)  # before the mount, which would answer /static/vendor/... first
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    _add_views(app)
    return app


def _add_views(app: FastAPI) -> None:
    from chitieu.web.views import register_all

    register_all(app)


async def _refuse_nul(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """A NUL character is no valid filter or search word (and PostgreSQL refuses it in text)."""
    if b"%00" in request.scope.get("query_string", b"") or "\x00" in request.url.path:
        return JSONResponse({"detail": "Tham số chứa ký tự NUL không hợp lệ."}, status_code=400)
    return await call_next(request)


async def _server_timing(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    start = time.perf_counter()
    response = await call_next(request)
    response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - start) * 1000:.2f}"
    return response


def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc: LoginRequired) -> Response:
        if _wants_json(request) or request.method != "GET":
            return JSONResponse({"detail": "Cần đăng nhập."}, status_code=401)
        target = request.url.path + (("?" + request.url.query) if request.url.query else "")
        return RedirectResponse(f"/dang-nhap?{_next_query(target)}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request) or request.method != "GET" or exc.status_code < 400:
            return await http_exception_handler(request, exc)
        title = "Không tìm thấy" if exc.status_code == 404 else "Có lỗi"
        detail = exc.detail if isinstance(exc.detail, str) else title
        return render(request, "error.html", {"title": title, "message": detail}, status_code=exc.status_code)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.message}, status_code=403)
        return render(request, "error.html", {"title": "Không được phép", "message": exc.message},
                      status_code=403)


def _next_query(target: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": target})
