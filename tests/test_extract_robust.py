"""extract() never raises, and every span it returns points at the text it copied."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chitieu.extract import extract
from chitieu.extract.facts import find_facts
from chitieu.extract.normalize import normalize

# Pieces of report language, so that random text reaches deep into the grammar.
PIECES = [
    "Tổng thu ngân sách", " ước đạt ", " đạt ", " bằng ", " tăng ", " giảm còn ", " so với cùng kỳ",
    " năm 2023", " 6 tháng đầu năm", "12,5", "3.388", "21.000/46.290", " tỷ ", " triệu đồng", "%", " KH",
    " kế hoạch", " dự toán tỉnh giao", ", ", "; ", ". ", "\n", "(", ")", " hơn ", " gần ", " trên ",
    " đảng viên", " hộ nghèo", " xã", " chiếm ", " vượt ", " phấn đấu ", " trong đó ", " số ", "ngày 17/6",
    " Đề nghị ", "537 tỷ 271 triệu", " - ", "\u00a0", "e\u0301", "\r\n", "02", "/", " từ 30 - 35 ",
]
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)


def _check_spans(text: str, items: list) -> None:
    for item in items:
        span = getattr(item, "span", None)
        if span is None:
            continue
        a, b = span
        assert 0 <= a <= b <= len(text)
        copied = getattr(item, "text", None)
        if copied is not None:
            assert text[a:b] == copied


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_facts_never_raise_and_spans_hold(text: str) -> None:
    n = normalize(text)
    from chitieu.extract import facts as module

    facts = module._find(n, [])  # the inner grammar, without the safety net of find_facts
    _check_spans(text, facts)
    assert find_facts(n) == facts


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_extract_never_raises_and_spans_hold(text: str) -> None:
    out = extract(text)
    for name in ("facts", "tallies", "references", "people", "directives", "requests"):
        _check_spans(text, getattr(out, name))
    out.to_dict()
