"""Log in, log out, and the accounts page of an administrator."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from chitieu.store import repo_web
from chitieu.store.models_app import ROLES
from chitieu.web.auth import (
    ROLE_NAMES,
    CurrentUser,
    check_csrf,
    csrf_token,
    hash_password,
    log_in,
    log_out,
    require_role,
    session_user,
    verify_password,
)
from chitieu.web.deps import db
from chitieu.web.pages import add_page
from chitieu.web.render import render

MIN_PASSWORD = 8


def safe_next(target: str | None) -> str:
    """A local path to go back to after logging in (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def login_form(request: Request, next: str = "/") -> Response:
    page = {"title": "Đăng nhập", "next": safe_next(next), "error": None}
    return render(request, "login.html", page)


async def login(request: Request, session: Annotated[Session, Depends(db)],
                username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
                next: Annotated[str, Form()] = "/") -> Response:
    await check_csrf(request)
    account = repo_web.get_user(session, username.strip())
    ok = verify_password(password, account.password_hash if account and account.active else None)
    if not ok or account is None:
        page = {"title": "Đăng nhập", "next": safe_next(next), "error": "Sai tên đăng nhập hoặc mật khẩu."}
        return render(request, "login.html", page, status_code=401)
    log_in(request, CurrentUser(account.username, account.role))
    return RedirectResponse(safe_next(next), status_code=303)


async def logout(request: Request) -> Response:
    if session_user(request) is not None:
        await check_csrf(request)
    log_out(request)
    return RedirectResponse("/", status_code=303)


def users_page(session: Annotated[Session, Depends(db)],
               user: Annotated[CurrentUser, Depends(require_role("admin", csrf=False))]) -> dict[str, Any]:
    """Accounts and their roles (administrators only)."""
    return {"title": "Tài khoản", "roles": {r: ROLE_NAMES[r] for r in ROLES},
            "users": [u.to_dict() for u in repo_web.list_users(session)]}


async def save_user(request: Request, user: Annotated[CurrentUser, Depends(require_role("admin"))],
                    username: Annotated[str, Form()], password: Annotated[str, Form()],
                    role: Annotated[str, Form()] = "viewer") -> Response:
    name = username.strip()
    if not name or role not in ROLES or len(password) < MIN_PASSWORD:
        message = f"Cần tên đăng nhập, vai trò hợp lệ và mật khẩu từ {MIN_PASSWORD} ký tự."
        return render(request, "error.html", {"title": "Không lưu được", "message": message}, status_code=422)
    with request.app.state.store.transaction() as session:
        repo_web.save_user(session, name, hash_password(password), role)
    return RedirectResponse("/nguoi-dung", status_code=303)


def session_info(request: Request) -> dict[str, Any]:
    """Who is logged in, and the CSRF token a change must carry (csrf_token field or X-CSRF-Token)."""
    user = session_user(request)
    return {"user": user.username if user else None, "role": user.role if user else None,
            "csrf_token": csrf_token(request)}


def register(router: APIRouter) -> None:
    router.add_api_route("/phien.json", session_info, methods=["GET"], name="session",
                         summary="Phiên làm việc: người dùng và mã CSRF")
    router.add_api_route("/dang-nhap", login_form, methods=["GET"], name="login_form",
                         include_in_schema=False)
    router.add_api_route("/dang-nhap", login, methods=["POST"], name="login", summary="Đăng nhập")
    router.add_api_route("/dang-xuat", logout, methods=["POST"], name="logout", summary="Đăng xuất")
    add_page(router, "/nguoi-dung", "users.html", users_page, name="users", summary="Tài khoản (quản trị)")
    router.add_api_route("/nguoi-dung", save_user, methods=["POST"], name="save_user",
                         summary="Thêm hoặc sửa tài khoản (quản trị)")
