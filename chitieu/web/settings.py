"""Settings of the dashboard: where the store is, whether reading needs a login, the secret key.

From the environment:
- `CHITIEU_DB`: the store (as `chitieu.store.open_store` reads it);
- `CHITIEU_READ_REQUIRES_LOGIN`: "1"/"true"/"yes" → every page needs a login (default: open);
- `CHITIEU_SECRET_KEY`: signs the session cookie. When missing, a random key is made once and
  kept in a file readable by its owner only: beside a SQLite store (`<db>.secret`), else in
  `$XDG_CONFIG_HOME/chitieu/secret-key` (~/.config/...). An in-memory store gets a key for
  the life of the process. The key is never written in the code.
- `CHITIEU_SECURE_COOKIES`: "1" → the session cookie is sent over HTTPS only.
- `CHITIEU_PAGE_CACHE`: "0" → no page cache (see chitieu.web.cache; default on).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import make_url

from chitieu.store.db import resolve_url

TRUE_WORDS = frozenset({"1", "true", "yes", "on", "có"})
SESSION_HOURS = 12


@dataclass(frozen=True)
class Settings:
    store_url: str | None = None
    read_requires_login: bool = False
    secret_key: str | None = None
    secure_cookies: bool = False
    session_seconds: int = SESSION_HOURS * 3600
    page_cache: bool = True

    @classmethod
    def from_env(cls, store_url: str | None = None) -> Settings:
        env = os.environ
        return cls(
            store_url=store_url or env.get("CHITIEU_DB"),
            read_requires_login=_flag(env.get("CHITIEU_READ_REQUIRES_LOGIN")),
            secret_key=env.get("CHITIEU_SECRET_KEY") or None,
            secure_cookies=_flag(env.get("CHITIEU_SECURE_COOKIES")),
            page_cache=env.get("CHITIEU_PAGE_CACHE", "1").strip().lower() not in ("0", "false", "no", "off"),
        )

    def with_secret(self) -> Settings:
        """These settings with a secret key (found or made and kept, see the module doc)."""
        if self.secret_key:
            return self
        return replace(self, secret_key=persisted_secret(secret_file(self.store_url)))


def _flag(raw: str | None) -> bool:
    return (raw or "").strip().lower() in TRUE_WORDS


def secret_file(store_url: str | None) -> Path | None:
    """Where the generated key of this store is kept; None for an in-memory store."""
    url = make_url(resolve_url(store_url))
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        return Path(url.database + ".secret")
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "chitieu" / "secret-key"


def persisted_secret(path: Path | None) -> str:
    """The key stored at `path`, made (and stored, mode 0600) when there is none yet."""
    if path is None:
        return secrets.token_urlsafe(48)
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(48)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
