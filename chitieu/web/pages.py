"""One dict per page, two renderers: HTML through a Jinja2 template, or JSON.

`add_page(router, "/dia-phuong/{code}", "locality.html", view)` registers the view twice:
`/dia-phuong/{code}` renders the template with the dict as `page`, and
`/dia-phuong/{code}.json` returns the same dict as JSON (the JSON route is the one in the
OpenAPI description). The view is an ordinary FastAPI endpoint function (path and query
parameters, dependencies) that returns a dict; it never knows which renderer runs.
Every page checks read access (`CHITIEU_READ_REQUIRES_LOGIN`).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse, Response

from chitieu.web.auth import check_read_access
from chitieu.web.render import render

View = Callable[..., dict[str, Any]]


def json_path(path: str) -> str:
    """The JSON address of a page: the same path plus ".json" ("/" → "/index.json")."""
    return "/index.json" if path == "/" else path + ".json"


def add_page(router: APIRouter, path: str, template: str, view: View, *, name: str, summary: str) -> None:
    read = [Depends(check_read_access)]
    # The .json route first: "/x/{code}" would otherwise take "/x/12.json" as code "12.json".
    router.add_api_route(json_path(path), _as_json(view), methods=["GET"], name=f"{name}.json",
                         summary=summary, dependencies=read, response_class=JSONResponse)
    router.add_api_route(path, _as_html(view, template), methods=["GET"], name=name,
                         include_in_schema=False, dependencies=read, response_class=HTMLResponse)


def _as_json(view: View) -> Callable[..., Response]:
    wants_request = "request" in inspect.signature(view).parameters

    @functools.wraps(view)
    def endpoint(**kwargs: Any) -> Response:
        if not wants_request:
            kwargs.pop("request", None)
        return Response(to_json(view(**kwargs)), media_type="application/json")

    endpoint.__signature__ = _with_request(view)  # type: ignore[attr-defined]
    return endpoint


def to_json(data: Any) -> bytes:
    """UTF-8 JSON of a page dict (dates as ISO strings); faster than jsonable_encoder on big pages."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return jsonable_encoder(value)


def _as_html(view: View, template: str) -> Callable[..., Response]:
    wants_request = "request" in inspect.signature(view).parameters

    @functools.wraps(view)
    def endpoint(**kwargs: Any) -> Response:
        request: Request = kwargs["request"] if wants_request else kwargs.pop("request")
        return render(request, template, view(**kwargs))

    endpoint.__signature__ = _with_request(view)  # type: ignore[attr-defined]
    return endpoint


def _with_request(view: View) -> inspect.Signature:
    sig = inspect.signature(view)
    if "request" in sig.parameters:
        return sig
    extra = inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY, annotation=Request)
    return sig.replace(parameters=[*sig.parameters.values(), extra])
