"""Accounts, sessions, roles and CSRF for the dashboard.

- Passwords: Argon2id through pwdlib (`PasswordHash.recommended()`); a login for an
  unknown name still runs one hash check, so timing does not tell which names exist.
- Sessions: Starlette's signed cookie (itsdangerous), HttpOnly and SameSite=Lax (set in
  chitieu.web.app); it holds the user name, the role and the CSRF token, nothing else.
- Roles: viewer < editor < admin. Every change needs at least editor (`require_role`),
  which re-reads the account from the store, so a disabled account stops at once.
- CSRF: one random token per session, sent back in every form (`csrf_token` field) or in
  the `X-CSRF-Token` header, compared in constant time on every POST.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache

from fastapi import Request
from pwdlib import PasswordHash

from chitieu.store.models_app import ROLES
from chitieu.store.repo_web import get_user

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
RANK = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True, slots=True)
class CurrentUser:
    username: str
    role: str

    def can(self, role: str) -> bool:
        return RANK.get(self.role, -1) >= RANK[role]


class LoginRequired(Exception):
    """No one is logged in and the page needs someone (401, or a redirect for a browser)."""


class Forbidden(Exception):
    """Logged in, but the role or the CSRF token does not allow this (403)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@cache
def hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    return hasher().hash(password)


@cache
def _dummy_hash() -> str:
    return hasher().hash(secrets.token_urlsafe(16))


def verify_password(password: str, password_hash: str | None) -> bool:
    """True when `password` matches; an absent account costs the same time as a wrong password."""
    if password_hash is None:
        hasher().verify(password, _dummy_hash())
        return False
    try:
        return hasher().verify(password, password_hash)
    except Exception:  # an unreadable stored hash is a failed login, not a crash
        return False


# ---------------------------------------------------------------- sessions
def session_user(request: Request) -> CurrentUser | None:
    data = request.session.get("user")
    if not isinstance(data, dict) or data.get("role") not in RANK:
        return None
    return CurrentUser(username=str(data.get("name")), role=data["role"])


def log_in(request: Request, user: CurrentUser) -> None:
    """Start a fresh session for `user` (a new CSRF token: no fixation)."""
    request.session.clear()
    request.session["user"] = {"name": user.username, "role": user.role}
    request.session["csrf"] = secrets.token_urlsafe(32)


def log_out(request: Request) -> None:
    request.session.clear()


def csrf_token(request: Request) -> str:
    """This session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Raise Forbidden unless the request carries this session's CSRF token."""
    expected = request.session.get("csrf")
    sent = request.headers.get(CSRF_HEADER)
    if not sent:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not secrets.compare_digest(expected, sent):
        raise Forbidden("Phiên làm việc không hợp lệ hoặc đã hết hạn (CSRF). Hãy tải lại trang và thử lại.")


# ---------------------------------------------------------------- dependencies
def check_read_access(request: Request) -> CurrentUser | None:
    """For every page: the user, or LoginRequired when reading needs a login."""
    user = session_user(request)
    if user is None and request.app.state.settings.read_requires_login:
        raise LoginRequired()
    return user


def require_role(role: str, *, csrf: bool = True) -> Callable[[Request], Awaitable[CurrentUser]]:
    """A dependency: a logged-in, active account of at least `role`, and (for changes) CSRF."""
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}")

    async def dependency(request: Request) -> CurrentUser:
        user = session_user(request)
        if user is None:
            raise LoginRequired()
        with request.app.state.store.reading() as session:
            account = get_user(session, user.username)
        if account is None or not account.active:
            log_out(request)
            raise LoginRequired()
        current = CurrentUser(account.username, account.role)
        if not current.can(role):
            raise Forbidden(f"Thao tác này cần vai trò «{ROLE_NAMES[role]}» trở lên.")
        if csrf:
            await check_csrf(request)
        return current

    dependency.required_role = role  # type: ignore[attr-defined]  (read by tests and docs)
    return dependency


ROLE_NAMES = {"viewer": "người xem", "editor": "biên tập viên", "admin": "quản trị viên"}
