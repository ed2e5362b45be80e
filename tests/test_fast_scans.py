"""The fast scans of the grammar find exactly what the plain scans they replace find.

Each test builds many texts from short fragments (written for these tests) glued in
random order, so that words meet across spaces, line breaks and punctuation, and
compares a fast scan with a plain reference written out here.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import capwords, clauses, document, people, periods, references, tallies
from chitieu.extract.capwords import UPPER, alternation, finditer_at, lowered

FRAGMENTS = [
    "Chủ tịch UBND huyện ", "Phó Bí thư Thường trực ", "Nguyễn Văn Hùng", "Trần Thị Mai", "ông ", "bà ",
    "đồng chí ", "xã Tân Lập", "thị xã ", "thị  xã ", "Thị Xã ", "thành\nphố ", "thành phố ", "huyện ", "TP.",
    "H.", "tỉnh ", "Tỉnh ủy ", "đề nghị tỉnh hỗ trợ kinh phí", "kính đề nghị ", "cần phải ", "cần ", "phải ",
    "thời gian tới", "6 tháng cuối năm", "sáu tháng đầu năm 2023", "năm 2022", "quý II/2024", "nhiệm kỳ ",
    "tháng ", "Cập nhật: ", "Ngày đăng ", "lúc 08:30 ", "12/5/2023", "Nghị quyết số 12-NQ/TU", "-KL/", "/KH-",
    "15/20 chỉ tiêu đạt", "nhóm chỉ tiêu ", "Nhóm Chỉ Tiêu ", "CHỈ TIÊU ", "nhiệm vụ trọng tâm", "xnhóm ",
    "toàn ", "địa chỉ ", "Email ", ". ", ", ", "; ", ": ", "! ", "? ", "... ", "\n", "\n\n", "  ", " ", "_",
    "(", ")", '"', "a", "Q", "1",
]



def positions(low: str, words: list[str]) -> list[int]:
    """Reference: sorted start positions of whole-word occurrences of any of `words`
    (lower case) in `low`, by plain substring search."""
    out: list[int] = []
    n = len(low)
    for word in words:
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            ends = j >= n or not word[-1].isalnum() or not low[j].isalnum()
            if ends and (i == 0 or not low[i - 1].isalnum()):
                out.append(i)
            i = low.find(word, i + 1)
    out.sort()
    return out


def _texts(seed: int, count: int, longest: int = 14) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def test_phrases_find_what_a_search_per_phrase_finds() -> None:
    lists = [clauses._TRIGGER_PHRASES, document._LEVEL_PHRASES, document._FURNITURE_PHRASES,
             document._WHOLE_PHRASES, periods._KEYWORD_PHRASES]
    for text in _texts(1, 3000):
        low = lowered(text)
        capwords._INDEX.clear()
        for phrases in lists:
            want = sorted((i, w) for w in phrases.words for i in positions(low, [w]))
            assert sorted(phrases._search(low)) == want, (text, phrases.words[:3])  # the list alone
            assert sorted(capwords._phrase_index(low)[phrases.key]) == want, (text, phrases.words[:3])
            assert phrases.positions(low) == positions(low, phrases.words)


# Where the index scan meets the edges of its word starts: phrases that end in a dot and
# run on ("tp.xã"), phrases inside words and inside other phrases, characters beyond the
# BMP that are letters ("𝐀") or not ("😀"), the underscore, and the start of the text.
_EDGE_FRAGMENTS = [
    "tp.", "TP.", "h.", "tx.", "xã", "thị xã", "thị", "năm", "6 tháng cuối năm", "toàn", "huyện", "quý",
    "x", "a", "1", "_", "𝐀", "😀", "é", " ", "  ", "\n", ".", "-", "(", "/", "“",
]


def test_the_index_scan_finds_every_word_start() -> None:
    lists = [clauses._TRIGGER_PHRASES, document._LEVEL_PHRASES, document._FURNITURE_PHRASES,
             document._WHOLE_PHRASES, periods._KEYWORD_PHRASES]
    rng = random.Random(7)
    found = 0
    for _ in range(5000):
        text = "".join(rng.choice(_EDGE_FRAGMENTS) for _ in range(rng.randint(0, 12)))
        low = lowered(text)
        capwords._INDEX.clear()
        index = capwords._phrase_index(low)
        for phrases in lists:
            want = sorted((i, w) for w in phrases.words for i in positions(low, [w]))
            assert index[phrases.key] == want, (text, phrases.words[:3])
            found += len(want)
    assert found > 3000


def test_finditer_at_is_finditer() -> None:
    for text in _texts(2, 3000):
        want = [m.span() for m in tallies._WHAT_RE.finditer(text)]
        got = [m.span() for m in finditer_at(tallies._WHAT_RE, text, lowered(text), tallies._WHAT_FIRSTS)]
        assert got == want, text


def test_code_marks_are_one_scan_of_both_marks() -> None:
    one = re.compile(rf"[-/](?:{alternation(list(references._TYPE_CODES))})(?=[-/])")
    for text in _texts(3, 3000):
        want = [m.span() for m in one.finditer(text)]
        assert [m.span() for m in references._code_marks(text)] == want, text


# The sentence splitter that `clauses._line_sentences` replaces: the whole text at once.
_SENTENCE_END = re.compile(rf"[\n.!?](?:(?<=\n)(?:[ ]*\n)*|(?<=[.!?])[.!?]*(?=[ ]+[{UPPER}0-9\"'(\[]))")


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        at, end = m.span()
        if text[at] == "\n":
            cut = at
        elif text[at] == "." and clauses._maybe_abbreviation(text, at) and \
                clauses._ABBREVIATION.search(text, max(begin, at - 4), at):
            continue
        else:
            cut = end
        piece = text[begin:cut]
        if piece.strip():
            a = cut - len(piece.lstrip())
            spans.append((a, a + len(piece.strip())))
        begin = end
    piece = text[begin:]
    if piece.strip():
        a = len(text) - len(piece.lstrip())
        spans.append((a, a + len(piece.strip())))
    return spans


def test_sentences_read_line_by_line_are_the_sentences_of_the_text() -> None:
    for text in _texts(4, 3000, longest=20):
        got: list[tuple[int, int]] = []
        a = 0
        while a <= len(text):
            b = text.find("\n", a)
            b = len(text) if b < 0 else b
            got += clauses._line_sentences(text, a, b)
            a = b + 1
        assert got == _sentences(text), text


def test_a_tally_text_is_cut_after_sixteen_words() -> None:
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(["ab", "c", " ", "  ", "\n", "."]) for _ in range(rng.randint(0, 70)))
        end = rng.randint(0, len(text))
        limit = rng.randint(end, len(text))
        words = list(re.finditer(r"\S+", text[end:limit]))
        want = end + words[15].end() if len(words) > 16 else limit
        many = tallies._MORE_WORDS.match(text, end, limit)
        assert (many.end() if many else limit) == want


PLACE_FRAGMENTS = ["ông Lê Văn Tám", "bà Trần Thị Mai", "đồng chí ", "Chủ tịch UBND ", "xã Lê Văn Tám",
                   "xã ", "Xã ", "huyện ", "thị  xã ", "thành\nphố ", "Lê Văn Tám", "Trần Thị Mai",
                   "Hòa Bình", ", ", ". ", "; ", " ", "\n", "a ", "(", ")"]


def test_place_runs_are_those_of_a_scan_of_the_whole_text() -> None:
    rng = random.Random(6)
    texts = ["".join(rng.choice(PLACE_FRAGMENTS) for _ in range(rng.randint(1, 25))) for _ in range(3000)]
    texts += [text * 40 for text in texts[:100]]  # long texts: past its budget the check scans the whole text
    places = 0
    for text in texts:
        marked = people._titled(text) + people._addressed(text)
        starts = {m.start for m in marked}
        runs = {m.group("run") for m in capwords.finditer_words(people._LEVEL_RUN, text)
                if m.start("run") not in starts}
        want = {m.name for m in marked if m.name in runs}
        assert people._place_runs(text, marked) == want, text
        places += bool(want)
    assert places > 50  # the texts do hold names that are places


def _published(text: str, lines: list[tuple[int, int]]) -> str | None:
    """The stamp search that `document._published` shortens: every line, then the text."""
    for a, b in lines[:document._STAMP_LINES]:
        line = text[a:b]
        for find in (document._LABELLED.search, document._stamp_line, document._title_stamp):
            m = find(line)
            if m and document._iso(m):
                return document._iso(m)
    m = document._LABELLED.search(text)
    return document._iso(m) if m else None


def test_the_publication_stamp_is_found_as_before() -> None:
    for text in _texts(8, 3000, longest=10):
        lines = document._head_lines(text)
        assert document._published(text, lines) == _published(text, lines), text


def _period(text: str, head: tuple[int, int] | None) -> str | None:
    """The period search that `periods.find_period` makes lazy: rank every candidate."""
    found = list(periods._phrases(text))
    if head:
        found = [m for m in found if head[0] <= m.start() < head[1]] + \
                [m for m in found if not head[0] <= m.start() < head[1]]
    ranked = [(rank, order, m) for order, m in enumerate(found)
              if (rank := periods._rank(text, m)) is not None]
    if not ranked:
        return None
    return periods._complete(text, min(ranked, key=lambda c: (c[0], c[1]))[2])


def test_the_period_is_found_as_before() -> None:
    rng = random.Random(9)
    for text in _texts(10, 3000, longest=12):
        a, b = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        head = None if rng.random() < 0.3 else (a, b)
        assert periods.find_period(text, head) == _period(text, head), (text, head)
