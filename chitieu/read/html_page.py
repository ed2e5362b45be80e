"""Web pages: the main article text via trafilatura, with title and date from metadata.

Navigation, footers and other boilerplate are dropped by trafilatura. When it finds
no main text, the page's visible text (scripts, styles, navigation, headers and
footers removed, via lxml) is used; an empty page is refused ("trang không có nội
dung chính"). Pages above `MAX_HTML_MAIN_TEXT` characters skip trafilatura (about
1 MB/s) and go straight to that fallback. Before any parsing, the nesting depth of elements is estimated with
one pass over the tags: a page nested deeper than `MAX_HTML_DEPTH` is refused, so a
hostile page (100,000 nested <div>) cannot exhaust the parser.
"""

from __future__ import annotations

import logging
import re

import lxml.html
import trafilatura

from chitieu.model import Document
from chitieu.read import legacy, limits
from chitieu.read.dates import iso_date
from chitieu.read.errors import ReadError
from chitieu.read.text import decode

log = logging.getLogger(__name__)

NO_CONTENT = "trang không có nội dung chính"

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Elements that never hold children, or whose end tag may be left out.
_NOT_NESTING = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rt", "rp"))
_BOILERPLATE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form")
_MIN_LETTERS = 20


def read_html(data: bytes, source: str, *, charset: str | None = None, url: str | None = None) -> Document:
    html, encoding = decode(data, source, charset or meta_charset(data))
    check_depth(html, source)
    body, title, published = "", None, None
    if len(html) <= limits.MAX_HTML_MAIN_TEXT:
        body, title, published = _main_text(html, url)
    if not body:
        body = _visible_text(html)
    if not _has_letters(body):
        raise ReadError(source, NO_CONTENT)
    old = None if "+" in encoding else legacy.detect(body)
    if old:
        body, encoding = legacy.convert(body, old), f"{encoding}+{old}"
        title = legacy.convert(title, old) if title else title
    return Document(text=body, source=source, title=title, published=published, url=url,
                    media_type="text/html", encoding=encoding)


def meta_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset=...>), if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def check_depth(html: str, source: str) -> None:
    """Refuse pages whose elements nest deeper than `limits.MAX_HTML_DEPTH`."""
    depth = 0
    for m in _TAG.finditer(html):
        closing, name, self_closing = m.groups()
        if self_closing or name.lower() in _NOT_NESTING:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > limits.MAX_HTML_DEPTH:
            raise ReadError(source, f"trang HTML lồng nhau quá sâu (hơn {limits.MAX_HTML_DEPTH} cấp); "
                                    "có thể là dữ liệu độc hại")


def _main_text(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura on hostile markup: fall back to plain text
        log.warning("trafilatura failed on %s: %s", url or "page", exc)
        return "", None, None
    if result is None:
        return "", None, None
    title = (result.title or "").strip() or None
    return (result.text or "").strip(), title, iso_date(result.date)


def _visible_text(html: str) -> str:
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception:  # lxml refuses some inputs (e.g. nothing but a comment)
        return ""
    for el in root.xpath("|".join(f"//{tag}" for tag in _BOILERPLATE)):
        el.drop_tree()
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _has_letters(text: str) -> bool:
    return sum(ch.isalpha() for ch in text[:100_000]) >= _MIN_LETTERS
