"""Text that Office files can hold: XML 1.0 forbids most control characters.

A report (or a filter typed by a user) may carry them; openpyxl and python-docx refuse
them with an error, so every string written to a workbook or a document passes here.
"""

from __future__ import annotations

import re
from typing import Any

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: Any) -> Any:
    """`value` without the characters XML cannot hold (non-strings unchanged)."""
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value
