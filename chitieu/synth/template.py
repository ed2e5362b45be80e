"""Fill "{name}" placeholders and remember where each filled value stands."""

from __future__ import annotations

import re

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, values: dict[str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The filled text and, per placeholder, its [start, end) span in that text."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    last = 0
    for m in _SLOT.finditer(template):
        literal = template[last:m.start()]
        out.append(literal)
        pos += len(literal)
        value = values[m.group(1)]
        spans.setdefault(m.group(1), (pos, pos + len(value)))
        out.append(value)
        pos += len(value)
        last = m.end()
    out.append(template[last:])
    return "".join(out), spans


def slots(template: str) -> set[str]:
    return set(_SLOT.findall(template))


def literal(template: str) -> str:
    """The template without its placeholders."""
    return _SLOT.sub(" ", template)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]
