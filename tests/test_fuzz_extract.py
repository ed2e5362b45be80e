"""Extraction fuzz: a seeded generator of report-like and random text, with no safety net.

Every finder's public function catches its own exceptions (a bug must not stop an
ingest), which would hide a crash from a fuzzer. So each input goes through the finders'
inner functions directly (`strict_extract`) as well as through `extract`; both must
succeed and agree, every span must point at the text it copies (original coordinates)
and the result must serialize to strict JSON.

    CHITIEU_FUZZ_N=100000 .venv/bin/pytest -q tests/test_fuzz_extract.py   # a long run
    CHITIEU_FUZZ_SEED=7 ...                                                # other inputs

Case i of seed s is rebuilt by `fuzz_text(random.Random(f"{s}:{i}"))`: a failure names both.
"""

from __future__ import annotations

import json
import os
import random
from typing import Any

import pytest

from chitieu.extract import clauses, document, extract, people, references, tallies
from chitieu.extract import facts as facts_mod
from chitieu.extract.normalize import Normalized, normalize
from chitieu.extract.periods import find_period
from chitieu.model import Clause, Extraction, Person

N = int(os.environ.get("CHITIEU_FUZZ_N", "2000"))
SEED = int(os.environ.get("CHITIEU_FUZZ_SEED", "0"))

# Our own report language, in pieces, so that random text reaches deep into the grammar.
FRAGMENTS = [
    "Báo cáo tình hình kinh tế - xã hội 6 tháng đầu năm 2025 của xã Tân Lập\n",
    "Tổng thu ngân sách nhà nước trên địa bàn", " ước đạt ", " đạt ", " bằng ", " tăng ", " giảm ",
    " giảm còn ", " so với cùng kỳ", " năm trước", " kế hoạch", " KH", " dự toán tỉnh giao", " NQ",
    " chỉ tiêu", " đảng viên mới", " hộ nghèo", " lao động", " ha", " tấn", " con", " km", " tạ/ha",
    " tỷ đồng", " triệu đồng", " nghìn tỷ", " USD", "%", " phần trăm", " chiếm ", " vượt ", " hơn ",
    " gần ", " trên ", " khoảng ", " dự kiến ", " phấn đấu ", " mục tiêu ", " trong đó ", " gồm ",
    "Đồng chí Nguyễn Văn An, Chủ tịch UBND xã, ", " yêu cầu ", " đề nghị ", " kiến nghị ", " chỉ đạo ",
    "các phòng, ban chuyên môn ", "hoàn thành trước ngày 30/9/2025", "Thực hiện Nghị quyết số 12-NQ/HU ",
    "Kết luận số 27-KL/ĐU ngày 05/8/2025 ", "Quyết định 1234/QĐ-UBND ", "của Ban Thường vụ Huyện ủy",
    "có 11/14 chỉ tiêu đạt và vượt", " quý I/2024", " 9 tháng năm 2023", " nhiệm kỳ 2020 - 2025",
    "Đồng chí Trần Minh Phúc, Chủ tịch UBND huyện, yêu cầu các xã đẩy nhanh tiến độ giải ngân vốn. ",
    "Xã kiến nghị huyện hỗ trợ kinh phí sửa chữa trường tiểu học thôn 3. ",
    "Thu ngân sách ước đạt 45,2 tỷ đồng, đạt 61% dự toán, tăng 8% so với cùng kỳ. ",
    "Giao Phòng Kinh tế chủ trì, phối hợp với các đơn vị rà soát diện tích lúa bị hạn. ",
    "\n- ", "\n+ ", "\n1. ", "\na) ", "• ", "* ", "; ", ", ", ". ", ": ", " (", ") ", " - ", " – ", " — ",
    "…", "\u201c", "\u201d", "\"", "'", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\ufeff",
]
NUMBERS = [
    "3.388", "3,388", "53,59", "53.59", "1.234.567,89", "1,234,567.89", "12.5", "0,5", "00012", "1e5",
    "9.999.999.999.999.999.999.999", "0,000001", "-5", "+7", "10-15", "10 - 15", "từ 30 - 35", "1/2",
    "21.000/46.290", "537 tỷ 271 triệu", "2 nghìn", "17/6/2025", "01-02-2024", "2.5.2024", "1.2.3.4",
    "12%%", "%%", "½", "²", "١٢٣", "１２３", "Ⅻ", "100,", ",100", "3.", ".5", "999999999999999999999999",
    "1" * 400, "0" * 50 + "1", "12,5%/năm", "6/2025", "năm 2019", "3 - 4 lần", "x2", "2x",
]
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"


def _random_unicode(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.3:
        return "".join(chr(rng.randint(0x20, 0x24F)) for _ in range(rng.randint(1, 8)))
    if pick < 0.5:
        return "".join(rng.choice(TONE_MARKS) for _ in range(rng.randint(1, 4)))
    if pick < 0.6:
        return chr(rng.choice([0xD800, 0xDBFF, 0xDC00, 0xDFFF]))  # a lone surrogate (JSON "\ud800")
    if pick < 0.8:
        return chr(rng.randint(0x0, 0x1F))
    return "".join(chr(rng.randint(0x80, 0x10FFFF)) for _ in range(rng.randint(1, 4))
                   ).encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _variant(rng: random.Random, piece: str) -> str:
    roll = rng.random()
    if roll < 0.05:
        return piece.upper()
    if roll < 0.08:
        import unicodedata

        return unicodedata.normalize("NFD", piece)
    if roll < 0.10:
        return piece.replace(" ", rng.choice(["  ", "\n", "\u00a0", ""]))
    return piece


def fuzz_text(rng: random.Random) -> str:
    """One input: mostly report fragments and numbers, some punctuation and random unicode."""
    parts = []
    for _ in range(rng.choice([0, 1, 3, 8, 20, 40, 80])):
        roll = rng.random()
        if roll < 0.5:
            parts.append(_variant(rng, rng.choice(FRAGMENTS)))
        elif roll < 0.8:
            parts.append(rng.choice(NUMBERS))
        elif roll < 0.9:
            parts.append(rng.choice(",.;:()[]{}-/%+*#@&|<>=!?~`^$\\\n "))
        else:
            parts.append(_random_unicode(rng))
    if rng.random() < 0.02:  # a long document: the same paragraph many times
        parts *= rng.randint(5, 30)
    return "".join(parts)


def strict_extract(n: Normalized) -> dict[str, Any]:
    """What `extract` computes, through the finders' inner functions (exceptions surface)."""
    lines, head = document._head(n.text)
    document._published(n.text, lines)
    document._locality(n.text, head)
    find_period(n.text, head)
    directive_spans, request_spans = clauses._analyze(n.text)[:2]
    out: dict[str, Any] = {
        "directives": [clauses._clause(n, a, b) for a, b in directive_spans],
        "requests": [clauses._clause(n, a, b) for a, b in request_spans],
        "tallies": tallies._find(n),
        "references": references._find(n),
        "people": [Person(name=n.orig_text(m.start, m.end), title=people._orig_title(n, m),
                          span=n.orig_span(m.start, m.end)) for m in people.people_mentions(n.text)],
    }
    exclude = [c.span for c in out["directives"] + out["requests"]] + [t.span for t in out["tallies"]]
    out["facts"] = facts_mod._find(n, sorted(exclude))
    return out


def check(text: str) -> None:
    """Raises (AssertionError or the finder's own exception) when `text` breaks a rule."""
    n = normalize(text)
    strict = strict_extract(n)
    ex: Extraction = extract(text)
    for name, items in strict.items():
        assert getattr(ex, name) == items, f"{name}: a finder's safety net fired"
        for item in items:
            a, b = item.span
            assert 0 <= a <= b <= len(text), f"{name}: span {item.span} outside the text"
            copied = item.name if isinstance(item, Person) else item.text
            if isinstance(item, Person | Clause) or copied is not None:
                assert text[a:b] == copied, f"{name}: span {item.span} holds {text[a:b]!r}, not {copied!r}"
    if ex.document.title is not None:
        assert ex.document.title in text
    json.dumps(ex.to_dict(), allow_nan=False)


def test_fuzz_extract_never_raises_and_spans_hold() -> None:
    failures: list[str] = []
    for i in range(N):
        text = fuzz_text(random.Random(f"{SEED}:{i}"))
        try:
            check(text)
        except Exception as exc:
            failures.append(f"seed {SEED} case {i}: {type(exc).__name__}: {exc} -- text {text[:300]!r}")
            if len(failures) >= 5:
                break
    assert not failures, "\n".join(failures)


def test_the_generator_reaches_the_grammar() -> None:
    """The inputs are not all noise: many of them yield facts, people and directives."""
    found = {"facts": 0, "people": 0, "directives": 0, "requests": 0, "references": 0, "tallies": 0}
    for i in range(300):
        ex = extract(fuzz_text(random.Random(f"{SEED}:{i}")))
        for name in found:
            found[name] += bool(getattr(ex, name))
    assert found["facts"] >= 100 and all(v >= 5 for v in found.values()), found


# Cases of the 100,000-input run (seed 0) that crashed chitieu/extract/document.py's locality
# reading (a committee name split by spaces or a line break; a name that lowercases to a
# longer string), kept as regressions.
DOCUMENT_CRASHES = [40667, 44321, 70048, 83004, 84219]


@pytest.mark.parametrize("case", DOCUMENT_CRASHES)
def test_known_document_field_crashes(case: int) -> None:
    check(fuzz_text(random.Random(f"0:{case}")))
