"""The charting library's JavaScript, served from the installed `plotly` package.

plotly (PyPI) ships plotly.min.js in its package data; `pip install chitieu` brings it,
so the dashboard draws charts with no internet and no separate download step.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse

PLOTLY_URL = "/static/vendor/plotly.min.js"
ONE_WEEK = 7 * 24 * 3600

@cache
def plotly_js() -> Path | None:
    """The path of plotly.min.js inside the installed plotly package, or None."""
    try:
        path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def register(router: APIRouter) -> None:
    router.add_api_route(PLOTLY_URL, plotly_script, methods=["GET"], include_in_schema=False)


def plotly_script() -> FileResponse:
    path = plotly_js()
    if path is None:
        raise HTTPException(404, "Thiếu gói plotly (pip install plotly).")
    return FileResponse(path, media_type="text/javascript",
                        headers={"Cache-Control": f"public, max-age={ONE_WEEK}"})
