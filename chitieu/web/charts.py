"""Chart specifications (Plotly data + layout) built from page dicts, for the templates.

The map is a plain scatter of longitude/latitude (no map tiles, no internet), one trace
per status so that the legend explains the colours; the trend is value per period with
the share of plan on a second axis. Every point carries the link to open on click.
"""

from __future__ import annotations

from typing import Any

from chitieu.export.palette import NO_STATUS, SEVERITY, status_colour
from chitieu.format import vn_number


def map_chart(localities: list[dict[str, Any]]) -> dict[str, Any]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for loc in localities:
        if loc.get("latitude") is None or loc.get("longitude") is None:
            continue
        groups.setdefault(loc.get("worst") or NO_STATUS, []).append(loc)
    data, links = [], []
    for status in [*SEVERITY, NO_STATUS]:
        members = groups.get(status)
        if not members:
            continue
        data.append({
            "type": "scatter", "mode": "markers", "name": status,
            "x": [m["longitude"] for m in members], "y": [m["latitude"] for m in members],
            "text": [_label(m) for m in members], "hoverinfo": "text",
            "marker": {"size": 11, "color": "#" + status_colour(status).fill,
                       "line": {"width": 1, "color": "#374151"}},
        })
        links.append([m.get("href") for m in members])
    layout = {"xaxis": {"title": {"text": "kinh độ"}, "scaleanchor": "y", "zeroline": False},
              "yaxis": {"title": {"text": "vĩ độ"}, "zeroline": False},
              "legend": {"orientation": "h"}, "hovermode": "closest"}
    return {"data": data, "layout": layout, "links": links}


def _label(loc: dict[str, Any]) -> str:
    counts = ", ".join(f"{k}: {v}" for k, v in (loc.get("counts") or {}).items() if v)
    return f"{loc.get('locality') or loc.get('locality_code')} — {loc.get('period') or ''}<br>{counts}"


def trend_chart(trend: dict[str, Any]) -> dict[str, Any]:
    points = trend.get("points") or []
    x = [p.get("period") or "" for p in points]
    value = {"type": "bar", "name": f"giá trị ({trend.get('unit') or ''})".replace(" ()", ""),
             "x": x, "y": [p.get("value") for p in points],
             "marker": {"color": ["#" + status_colour(p.get("status")).fill for p in points]},
             "text": [vn_number(p.get("value")) for p in points], "hoverinfo": "x+text"}
    share = {"type": "scatter", "mode": "lines+markers", "name": "% kế hoạch", "yaxis": "y2",
             "x": x, "y": [p.get("plan_pct") for p in points], "line": {"color": "#0f4c81"}}
    layout = {"title": {"text": trend.get("name") or "", "font": {"size": 12}},
              "yaxis2": {"overlaying": "y", "side": "right", "ticksuffix": "%", "showgrid": False},
              "showlegend": False, "xaxis": {"type": "category"},
              "margin": {"l": 50, "r": 45, "t": 30, "b": 40}}
    links = [[p.get("href") for p in points]] * 2
    return {"data": [value, share], "layout": layout, "links": links}


def ranking_chart(rows: list[dict[str, Any]], limit: int = 40) -> dict[str, Any]:
    """Horizontal bars of the share of plan, the best at the top."""
    top = [r for r in rows if _share(r) is not None][:limit][::-1]
    share = [_share(r) for r in top]
    bars = {"type": "bar", "orientation": "h", "x": share,
            "y": [f"{r.get('locality') or r.get('locality_code') or '?'} · {r.get('period') or ''}"
                  for r in top],
            "marker": {"color": ["#" + status_colour(r.get("status")).fill for r in top]},
            "text": [vn_number(v) + "%" for v in share], "hoverinfo": "y+text"}
    layout = {"xaxis": {"ticksuffix": "%"}, "margin": {"l": 220}, "height": 120 + 22 * len(top)}
    return {"data": [bars], "layout": layout, "links": [[r.get("href") for r in top]]}


def _share(r: dict[str, Any]) -> float | None:
    return r["plan_pct"] if r.get("plan_pct") is not None else r.get("recomputed_pct")
