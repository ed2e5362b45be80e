"""Marking extracted items in a document's text: escaped, well formed, anchors once."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from chitieu.web.highlight import Span, highlight


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.depth > 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text += data


def test_nested_and_crossing_spans() -> None:
    text = "Thu ngân sách đạt 12,5 tỷ đồng <b>"
    spans = [Span("directive", "c1", 0, 22), Span("fact", "f2", 4, 30), Span("person", "p3", 18, 22)]
    html = highlight(text, spans)
    assert html.count('id="f2"') == html.count('id="c1"') == html.count('id="p3"') == 1
    assert "&lt;b&gt;" in html and "<b>" not in html
    parser = _Balance()
    parser.feed(str(html))
    assert parser.depth == 0 and parser.text == text


def test_spans_outside_the_text_are_dropped() -> None:
    assert highlight("abc", [Span("fact", "f1", 2, 9), Span("fact", "f2", 2, 2)]) == "abc"


@given(st.text(alphabet="ab<&>đ ", max_size=30),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6))
def test_any_spans_give_well_formed_html_with_the_text_intact(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [Span("fact", f"f{i}", a, b) for i, (a, b) in enumerate(raw)]
    html = str(highlight(text, spans))
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.depth == 0 and parser.text == text
    for i, (a, b) in enumerate(raw):
        assert len(re.findall(f'id="f{i}"', html)) == (1 if 0 <= a < b <= len(text) else 0)
