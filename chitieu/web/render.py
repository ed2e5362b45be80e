"""The Jinja2 environment of the dashboard and the HTML renderer of a page dict.

Filters: `vn` (3.388; 53,59), `pct` (53,59%), `vndate` (05/08/2025), `status_css`,
`task_css`. Globals: `csrf_token()` for forms, `user` (or None), `json_url` (the page's
JSON address). Autoescaping is on for every template.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from chitieu.export.palette import STATUS, TASK, status_colour
from chitieu.format import vn_number
from chitieu.web.auth import csrf_token, session_user
from chitieu.web.charts import map_chart, ranking_chart, trend_chart
from chitieu.web.highlight import Span, highlight

TEMPLATES = Path(__file__).resolve().parent / "templates"


def _vn(value: float | None, decimals: int | None = None) -> str:
    """vn_number, with a shortcut for the small whole numbers that fill the pages (counts)."""
    if type(value) is int and -1000 < value < 1000 and decimals is None:
        return str(value)
    return vn_number(value, decimals)


def _pct(value: float | None, decimals: int | None = None) -> str:
    return "" if value is None else _vn(value, decimals) + "%"


def _vndate(value: dt.date | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _highlighted(text: str, marks: list[dict[str, Any]], target: dict[str, int] | None) -> Markup:
    spans = [Span(m["kind"], m["anchor"], m["start"], m["end"], m.get("label") or "") for m in marks]
    if target:
        spans.append(Span("hl", "hl", target["start"], target["end"], "đoạn được chọn"))
    return highlight(text, spans)


def _badges(counts: dict[str, int] | None) -> Markup:
    """The count of each status as coloured badges (a hot path: the overview has one per locality)."""
    if not counts:
        return Markup("")
    parts = [f'<span class="badge st-{colour.css}" title="{word}">{_vn(counts[word])}</span>'
             for word, colour in STATUS.items() if counts.get(word)]
    return Markup('<span class="counts">' + "".join(parts) + "</span>")


def _vntime(value: dt.datetime | str | None) -> str:
    """A moment as dd/mm/yyyy hh:mm (UTC, as stored)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return f"{_vndate(value.date())} {value.hour:02d}:{value.minute:02d}"


def _status_css(status: str | None) -> str:
    return "st-" + status_colour(status).css


def _make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters.update(vn=_vn, pct=_pct, vndate=_vndate, vntime=_vntime, status_css=_status_css,
                       task_css=_status_css)
    env.globals.update(STATUS_WORDS=list(STATUS), TASK_WORDS=list(TASK), highlighted=_highlighted,
                       badges=_badges, map_chart=map_chart, trend_chart=trend_chart,
                       ranking_chart=ranking_chart)
    return templates


templates = _make_templates()


def render(request: Request, template: str, page: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    path = request.url.path
    context = {
        "page": page,
        "user": session_user(request),
        "csrf_token": lambda: csrf_token(request),
        "json_url": None if path.endswith(".json") else ("/index.json" if path == "/" else path + ".json")
        + (("?" + request.url.query) if request.url.query else ""),
        "path": path,
        "settings": request.app.state.settings,
    }
    return templates.TemplateResponse(request, template, context, status_code=status_code)
