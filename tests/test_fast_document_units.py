"""The shortcuts of the document-field and people finders give what the plain forms give:
the phrase index tries only the inner word starts where a phrase may start, a unit named
with a level word keeps its name and positions as read from its match, and the walk
over an office stops before its step regex where no space follows.

Texts are glued at random from the phrases of every `Phrases` list (so that phrases
overlap and hold one another's words), names, titles and every kind of separator.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import capwords, document, people
from chitieu.extract.capwords import lowered

_SEPARATORS = [" ", "  ", "\n", ".", ", ", "-", "(", ")", "_", "x", "1", "é", "𝐀", "😀", "", ""]
_NAMES = ["Krông Pắc", "Ea Tân", "Nguyễn Văn Hùng", "Trần Thị Mai", "Lắk", "A", "HÒA BÌNH", "TP. "]
_OFFICE = ["Chủ tịch ", "Bí thư ", "Phó Chủ tịch ", "UBND ", "tỉnh ", "Kinh tế - Ngân sách ", "Ủy ban ",
           "nhân dân ", "ông ", "đồng chí ", "phát biểu ", "thường trực ", "huyện ", " - ", " -", "ban "]


def _phrase_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for words in capwords._LISTS for w in words})
    pool = words + [w.upper() for w in words] + _SEPARATORS + _NAMES
    return ["".join(rng.choice(pool) + rng.choice(_SEPARATORS) for _ in range(rng.randint(0, 10)))
            for _ in range(count)]


def _index_plain(low: str) -> list[list[tuple[int, str]]]:
    """Reference: every phrase of every list found with `str.find` at every word start."""
    n = len(low)
    out: list[list[tuple[int, str]]] = []
    for words in capwords._LISTS:
        found = []
        for w in words:
            i = low.find(w)
            while i >= 0:
                j = i + len(w)
                closed = not w[-1].isalnum() or j >= n or not low[j].isalnum()
                if (i == 0 or not low[i - 1].isalnum()) and closed:
                    found.append((i, w))
                i = low.find(w, i + 1)
        out.append(sorted(found))
    return out


def test_the_index_skips_only_inner_starts_where_no_phrase_may_start() -> None:
    capwords._union()
    inner = capwords._UNION["inner"]
    skipped = 0
    for w, kept in inner.items():  # type: ignore[union-attr]
        every = [j for j in range(1, len(w) + 1) if not w[j - 1].isalnum()]
        skipped += len(every) - len(kept)
        for j in every:
            if j not in kept:  # no phrase agrees with the rest of w there
                assert all(not (v.startswith(w[j:]) or w[j:].startswith(v)) for v in inner), (w, j)
    assert skipped > 0
    found = 0
    for text in _phrase_texts(5, 4000):
        low = lowered(text)
        capwords._INDEX.clear()
        want = _index_plain(low)
        assert [sorted(x) for x in capwords._phrase_index(low)] == want, text
        found += sum(map(len, want))
    assert found > 5000


def test_units_keep_what_their_matches_say() -> None:
    rng = random.Random(3)
    pool = ["huyện ", "Huyện ", "xã ", "thị xã ", "Thị Xã ", "Huyện ủy ", "TP.", "TP. ", "tỉnh ", "các xã ",
            ". ", ".", " ", "\n", "(", ")", *_NAMES]
    units = 0
    for _ in range(4000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        got = document._units(text)
        assert [u.match.span() for u in got] == [m.span() for m in document._named(text)]
        for u in got:
            m = u.match
            want = (m.start(), m.end(), m.group("name"), m.start("name"))
            assert (u.start, u.end, u.name, u.name_start) == want
            assert document._plural_at(text, u.start) == document._plural(text, m)
        units += len(got)
    assert units > 3000


def _walk_office_plain(text: str, pos: int) -> int:
    """Reference: the walk as it was, with the step regex tried after every run."""
    end = pos
    while True:
        run = people._OFFICE_RUN.match(text, end)
        if run is not None:
            end = run.end()
        w = people._OFFICE_STEP.match(text, end)
        if not w:
            return end
        word = w.group(1)
        if not (word[0].isupper() or word.lower() in people._OFFICE_WORDS):
            return end
        end = w.end()


def test_the_office_walk_is_as_before() -> None:
    rng = random.Random(9)
    pool = _OFFICE + _NAMES + [" ", "  ", ",", "\n", "x", "Ω", "ÉCOLE ", "-"]
    moved = 0
    for _ in range(6000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        for pos in range(len(text) + 1):
            want = _walk_office_plain(text, pos)
            assert people._walk_office(text, pos) == want, (text, pos)
            moved += want > pos
    assert moved > 10000


def test_a_title_and_a_name_are_read_as_before() -> None:
    """`_titled` and `_addressed` spell their arguments out; their mentions are unchanged."""
    text = ("Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng, ông Trần Thị Mai - Bí thư Huyện ủy, "
            "đồng chí Lê Minh An phát biểu.")
    got = [(m.name, m.title) for m in people._titled(text) + people._addressed(text)]
    assert got == [("Nguyễn Văn Hùng", "Phó Chủ tịch UBND tỉnh"), ("Trần Thị Mai", "Bí thư Huyện ủy"),
                   ("Lê Minh An", None)]


def test_the_cheap_test_before_the_unit_regex_drops_no_unit() -> None:
    rng = random.Random(21)
    pool = ["huyện", "Huyện", "HUYỆN", "huyện ủy", "Huyện Ủy", "HUYỆN UỶ", "tỉnh", "Tỉnh", "quận", "xã",
            "Xã", "thị xã", "thành phố", "TP.", "Tp.", "H.", "phường", "thị trấn", "cấp", "các", "Krông",
            "Ea",
            "Ủy", "ủy", "uỷ", "Uỷ", "đã", "Đà", "É", "A", "x", "1", "'", " ", " ", "  ", "\n", "\t", "\u00a0",
            ".", ". ", ",", "(", "-"]
    gaps = ["", " ", " ", "\n", "  "]
    skipped = 0
    for _ in range(6000):
        text = "".join(rng.choice(pool) + rng.choice(gaps) for _ in range(rng.randint(0, 10)))
        for i, phrase in document._LEVEL_PHRASES.found(lowered(text)):
            if not document._may_name(text, i, phrase):
                assert document._NAMED.match(text, i) is None, (text, i, phrase)
                skipped += 1
    assert skipped > 3000


def test_a_stamp_line_needs_a_time_of_day() -> None:
    rng = random.Random(4)
    pool = ["1", "12", "9", "٣", ":", ": ", "/", "-", "2023", "30/08/2017", "08:19", " ", "lúc ", "ngày ",
            "SA", "Ảnh", "x", ",", "tháng", "năm", "\u00b2", "12:3", ":45"]
    stamps = 0
    for _ in range(20000):
        line = "".join(rng.choice(pool) for _ in range(rng.randint(0, 9)))
        want = document._STAMP_LINE.match(line) if ":" in line else None
        got = document._stamp_line(line)
        assert (got and got.span()) == (want and want.span()), line
        if want is not None:
            assert document._has_time(line)
            stamps += 1
    assert stamps > 300


def test_spans_answer_as_a_cover() -> None:
    from chitieu.extract.spans import Cover

    rng = random.Random(8)
    for _ in range(3000):
        spans = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randint(0, 40)
            spans.append((a, a + rng.randint(-2, 8)))
        cover = Cover(spans)
        for asks in (1, 10_000):  # one by one, and through a Cover
            few = document._Spans(spans, asks)
            for p in range(-2, 52):
                assert few.holds(p) == (p in cover), (spans, p)
                for b in range(p + 1, p + 6):
                    assert few.overlaps(p, b) == cover.overlaps(p, b), (spans, p, b)


def _closed_trie_plain(words: list[str]) -> str:
    """Reference: `capwords._closed_trie` with its branches in code-point order."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict, last: str) -> str:
        branches = [re.escape(ch) + walk(node[ch], ch) for ch in sorted(k for k in node if k)]
        if "" in node:
            branches.append(r"(?![^\W_])" if last.isalnum() else "")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return walk(trie, "")


def test_trie_branches_in_letter_order_match_as_in_code_order() -> None:
    words = sorted({w for words in capwords._LISTS for w in words})
    fast = re.compile(capwords._closed_trie(words))
    plain = re.compile(_closed_trie_plain(words))
    assert fast.pattern != plain.pattern
    for text in _phrase_texts(6, 2000):
        low = lowered(text)
        for i in range(len(low) + 1):
            a, b = fast.match(low, i), plain.match(low, i)
            assert (a and a.span()) == (b and b.span()), (low, i)
