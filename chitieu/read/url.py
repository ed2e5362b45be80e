"""Web addresses: fetch with httpx, then read by content type (HTML, PDF, DOCX, text).

Redirects are followed (at most `URL_MAX_REDIRECTS`), each network step has a
timeout, and the body is streamed with a running cap of `max_bytes` (a
Content-Length above it is refused before downloading). The request says
"User-Agent: chitieu/VERSION". Network failures, HTTP errors and oversized bodies
become a ReadError with a reason in Vietnamese.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from chitieu import __version__
from chitieu.model import Document
from chitieu.read import limits
from chitieu.read.errors import ReadError

USER_AGENT = f"chitieu/{__version__}"


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def read_url(url: str, *, max_bytes: int = limits.MAX_URL_BYTES,
             timeout: float = limits.URL_TIMEOUT) -> Document:
    """Fetch `url` and read it; `Document.source` is `url`, `Document.url` the final address."""
    from chitieu.read.dispatch import read_bytes

    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ReadError(url, "địa chỉ web không hợp lệ (cần http:// hoặc https://)")
    data, media_type, charset, final_url = fetch(url, max_bytes=max_bytes, timeout=timeout)
    return read_bytes(data, url, media_type, charset=charset, url=final_url)


def fetch(url: str, *, max_bytes: int, timeout: float) -> tuple[bytes, str | None, str | None, str]:
    """(body, media type, charset, final URL) of a GET of `url`."""
    timeouts = httpx.Timeout(timeout, connect=min(timeout, limits.URL_CONNECT_TIMEOUT))
    try:
        with httpx.Client(follow_redirects=True, max_redirects=limits.URL_MAX_REDIRECTS, timeout=timeouts,
                          headers={"User-Agent": USER_AGENT}) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ReadError(url, f"máy chủ trả về lỗi HTTP {response.status_code} "
                                     f"{response.reason_phrase}".rstrip())
            data = _body(response, url, max_bytes)
            media_type, charset = _content_type(response.headers.get("content-type"))
            return data, media_type, charset, str(response.url)
    except httpx.TooManyRedirects as exc:
        raise ReadError(url, f"chuyển hướng quá nhiều lần (hơn {limits.URL_MAX_REDIRECTS})") from exc
    except httpx.TimeoutException as exc:
        raise ReadError(url, f"hết thời gian chờ máy chủ ({timeout:g} giây)") from exc
    except httpx.ConnectError as exc:
        raise ReadError(url, f"không kết nối được tới máy chủ ({exc})") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ReadError(url, f"lỗi mạng: {type(exc).__name__}: {exc}") from exc


def _body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    too_large = f"nội dung tải về quá lớn (giới hạn {limits.megabytes(max_bytes)})"
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ReadError(url, too_large)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(url, too_large)
        chunks.append(chunk)
    return b"".join(chunks)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset
