"""What an export contains: the judged targets of some localities and periods, and open tasks.

`gather(session, locality_code=None, period=None)`: with a locality (and/or a period label)
the targets of those; with neither, every locality at its latest period (from the overview).
Only facts that are targets (a plan, a share of plan, or a status) are kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from chitieu.assess import service
from chitieu.assess.service_views import ScoreRow, TrackedItemView

MAX_ROWS = 50_000
MAX_ITEMS = 5_000
PER_LOCALITY = 2_000


@dataclass(frozen=True)
class ExportData:
    title: str
    scope: str  # "xã X, 6 tháng đầu năm 2025" or "toàn bộ địa phương, kỳ mới nhất"
    made: dt.date
    rows: list[ScoreRow] = field(default_factory=list)
    items: list[TrackedItemView] = field(default_factory=list)

    def groups(self) -> list[tuple[str, list[ScoreRow]]]:
        """Rows grouped by (locality, period), in order of first appearance."""
        out: dict[str, list[ScoreRow]] = {}
        for r in self.rows:
            key = " — ".join(filter(None, (r.locality or r.locality_code or "Không rõ địa phương", r.period)))
            out.setdefault(key, []).append(r)
        return list(out.items())


def is_target(r: ScoreRow) -> bool:
    return r.status is not None or r.plan_pct is not None or r.plan_value is not None


def gather(session: Session, *, locality_code: str | None = None, period: str | None = None,
           today: dt.date | None = None) -> ExportData:
    made = today or dt.date.today()
    if locality_code or period:
        rows = service.scoreboard(session, locality_code=locality_code, period=period, limit=MAX_ROWS)
        scope = ", ".join(filter(None, (_place(rows, locality_code), period)))
    else:
        rows = []
        for loc in service.overview(session):
            if loc.locality_code is None or len(rows) >= MAX_ROWS:
                continue
            rows.extend(service.scoreboard(session, locality_code=loc.locality_code, period=loc.period,
                                           limit=PER_LOCALITY))
        scope = "các địa phương, kỳ báo cáo mới nhất"
    items = service.tracked_items(session, locality_code=locality_code, limit=MAX_ITEMS)
    return ExportData(title="Biểu tổng hợp kết quả thực hiện các chỉ tiêu", scope=scope, made=made,
                      rows=[r for r in rows if is_target(r)], items=list(items))


def _place(rows: list[ScoreRow], code: str | None) -> str | None:
    for r in rows:
        if r.locality:
            return r.locality
    return code
