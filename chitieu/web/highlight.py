"""A document's text as HTML with every extracted item wrapped in a <mark>.

The text is HTML-escaped piece by piece (markup inside a report shows as text). Spans
may nest (a fact inside a directive) or cross; crossing marks are closed and reopened,
so the HTML is always well formed, and only the first piece of a mark carries its id
(the anchor that links elsewhere in the dashboard point to: #f12 is fact 12).
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class Span:
    kind: str  # css class suffix: fact, tally, reference, person, directive, request, hl
    anchor: str  # element id of the first piece
    start: int
    end: int
    label: str = ""


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    opening: dict[int, list[Span]] = defaultdict(list)
    for s in valid:
        opening[s.start].append(s)
    for group in opening.values():
        group.sort(key=lambda s: -s.end)  # the longer one outside
    cuts = sorted({0, len(text)} | {s.start for s in valid} | {s.end for s in valid})
    out: list[str] = []
    stack: list[Span] = []
    for pos, nxt in zip(cuts, [*cuts[1:], None], strict=True):
        _close_ending(stack, pos, out)
        for s in opening.get(pos, ()):
            out.append(_open(s, first=True))
            stack.append(s)
        if nxt is not None:
            out.append(html.escape(text[pos:nxt], quote=False))
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


def _close_ending(stack: list[Span], pos: int, out: list[str]) -> None:
    ending = [i for i, s in enumerate(stack) if s.end <= pos]
    if not ending:
        return
    lowest = ending[0]
    popped = stack[lowest:]
    del stack[lowest:]
    out.append("</mark>" * len(popped))
    for s in popped:
        if s.end > pos:  # crossed by one that ended: continue it
            out.append(_open(s, first=False))
            stack.append(s)


def _open(s: Span, *, first: bool) -> str:
    ident = f' id="{html.escape(s.anchor)}"' if first and s.anchor else ""
    title = f' title="{html.escape(s.label)}"' if s.label else ""
    return f'<mark class="m m-{html.escape(s.kind)}"{ident} data-anchor="{html.escape(s.anchor)}"{title}>'
