"""CSV: one line per judged target, for other tools.

UTF-8 with a byte-order mark (so that spreadsheet programs read the diacritics right),
comma-separated, numbers written with a "." decimal point (machine-readable), field names
as in the JSON API.
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from chitieu.export.data import ExportData

FIELDS = ("locality", "locality_code", "period", "period_end", "indicator", "indicator_code", "unit", "value",
          "plan_value", "plan_pct", "recomputed_pct", "expected_pace", "status", "forecast_pct",
          "forecast_missed", "estimated", "consistent", "document_id", "fact_id", "text")
BOM = "\ufeff"


def write_csv(data: ExportData, out: TextIO) -> None:
    out.write(BOM)
    writer = csv.DictWriter(out, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for r in data.rows:
        writer.writerow({k: ("" if v is None else v) for k, v in r.to_dict().items()})


def csv_text(data: ExportData) -> str:
    buf = io.StringIO()
    write_csv(data, buf)
    return buf.getvalue()
