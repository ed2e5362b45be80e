"""Calendar dates as written in Vietnamese text → ISO strings.

"08/7/2020", "8-7-2020", "08.7.2020" and "ngày 8 tháng 7 năm 2020" all give
"2020-07-08". Impossible dates give None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

# day / month / year with one kind of separator.
NUMERIC: Final = r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})"
WORDED: Final = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4})"
DATE: Final = re.compile(rf"(?<![\d/.-])(?:{NUMERIC}|{WORDED})(?![\d/])")
# The same shapes without groups, to embed in other patterns (read with `DATE`).
DATE_PLAIN: Final = r"\d{1,2}([/.-])\d{1,2}\1\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
# A date and a time of day as publication stamps write them (no groups, to embed).
STAMP_DATE: Final = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
TIME_OF_DAY: Final = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:SA|CH|AM|PM))?"


def after_label(group: str = "") -> str:
    """What follows a publication label up to its date ("Cập nhật lúc 08:30, ngày
    12/5/2023"); the date is the regex group named `group` when one is given."""
    date = f"(?P<{group}>{STAMP_DATE})" if group else f"(?:{STAMP_DATE})"
    return rf"\s*:?\s*(?:lúc\s+)?(?:{TIME_OF_DAY}\s*,?\s*(?:ngày\s+)?)?{date}"


def iso(day: str | int, month: str | int, year: str | int) -> str | None:
    """ISO date of the parts, or None when they do not make a real date."""
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def iso_of_match(m: re.Match[str]) -> str | None:
    """ISO date of a match of `DATE` (either form)."""
    if m.group("d") is not None:
        return iso(m.group("d"), m.group("m"), m.group("y"))
    return iso(m.group("d2"), m.group("m2"), m.group("y2"))


def find_date(text: str, start: int = 0, end: int | None = None) -> tuple[str, int, int] | None:
    """The first valid date in text[start:end] as (iso, start, end), or None."""
    for m in DATE.finditer(text, start, len(text) if end is None else end):
        value = iso_of_match(m)
        if value:
            return value, m.start(), m.end()
    return None
