"""Publication dates from metadata → ISO "YYYY-MM-DD", or None when not a real date."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s].*)?\s*$")
_VN = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?\s*$")  # day/month/year


def iso_date(value: object) -> str | None:
    """'2024-07-05', '2024-07-05T08:00:00+07:00' and '05/07/2024' → '2024-07-05'."""
    if not isinstance(value, str):
        return None
    if m := _ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _VN.match(value):
        day, month, year = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
