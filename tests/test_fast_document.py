"""The fast readings of document fields and people find exactly what the plain readings
they replace find.

As in test_fast_scans, each test glues short fragments (written for these tests) in
random order, so that level words, names, titles, brackets and line breaks meet in
every way, and compares the finder with a plain reference written out here.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import document
from chitieu.extract.document import (
    _COMMITTEE_KEYS,
    _COMMITTEES,
    _NAMED,
    _PLURAL_BEFORE,
    _WHOLE,
    _canonical,
    _furniture_spans,
    _rank,
)
from chitieu.extract.people import name_spans, title_spans
from chitieu.extract.spans import Cover

FRAGMENTS = [
    "huyện ", "Huyện ", "HUYỆN ", "xã ", "Xã ", "thị xã ", "Thị Xã ", "thị  xã ", "thị\nxã ", "tỉnh ",
    "Tỉnh ủy ", "tỉnh ủy ", "Huyện ủy ", "huyện\nủy ", "Huyện Ủy ", "Thành ủy ", "thành phố ", "TP.", "TP. ",
    "Tp.", "H.", "TX. ", "phường ", "thị trấn ", "đặc khu ", "quận ", "Quận ", "toàn tỉnh ", "toàn huyện ",
    "Toàn xã ", "các xã ", "những huyện ", "cấp huyện ", "mỗi xã ", "xã hội ", "huyện đã ",
    "Krông Pắc", "Ea Tân", "Chư Prông", "Chư prông", "Nông Sơn", "Đất Đỏ", "Hòa Bình", "HÒA BÌNH", "Lắk",
    "A", "Bình Long Hoàng Thị Hồng Vân", "Nguyễn Văn Hùng", "Trần Thị Mai",
    "ông ", "bà ", "đồng chí ", "Chủ tịch UBND ", "Bí thư ", "Phó Chủ tịch ", "Địa chỉ: ", "Email ",
    "(", ")", ". ", ".", ", ", ": ", "; ", "\n", "\n\n", " ", "  ", "-", "'", "1", "năm 2023 ",
]


def _texts(seed: int, count: int, longest: int = 16) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _named_plain(text: str) -> list[re.Match[str]]:
    """Reference: `_NAMED` tried at every level phrase, as before `_may_name`."""
    out: list[re.Match[str]] = []
    last_end = 0
    for i in document._LEVEL_PHRASES.positions(document.lowered(text)):
        if i < last_end:
            continue
        m = _NAMED.match(text, i)
        if m and not (m.group("name").isupper() and text[m.end("name"):m.end("name") + 1] == "."):
            out.append(m)
            last_end = m.end()
    return out


def _plural_plain(text: str, m: re.Match[str]) -> bool:
    i = m.start()
    return i > 0 and text[i - 1].isspace() and _PLURAL_BEFORE.search(text, max(0, i - 8), i) is not None


def _brackets_plain(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\([^()\n]*\)", text)]


def _written_form_plain(chosen: re.Match[str], mentions: list[re.Match[str]]) -> str:
    name = chosen.group("name")
    key = name.lower()
    same = [m for m in mentions
            if m.group("name").lower() == key or m.group("name").lower().startswith(key + " ")]
    same.sort(key=lambda m: -len(m.group("name")))
    for m in same:
        if m.group("level"):
            return f"{m.group('level').lower()} {m.group('name')}"
    for m in same:
        if m.group("abbrev"):
            return f"{m.group('abbrev')} {m.group('name')}"
    return f"{_COMMITTEES[_canonical(chosen.group('committee'), _COMMITTEE_KEYS)]} {name}"


def _locality_plain(text: str, head: tuple[int, int] | None) -> str | None:
    """Reference: the locality with every check made on every unit named."""
    names = Cover(name_spans(text))
    every = [m for m in _named_plain(text)
             if (m.start() == 0 or text[m.start() - 1] != ".") and not _plural_plain(text, m)
             and not names.overlaps(m.start("name"), m.end("name"))]
    if not every:
        return None
    skip = Cover(title_spans(text) + _brackets_plain(text) + _furniture_spans(text))
    mentions = [m for m in every if m.start("name") not in skip]
    if not mentions:
        return None
    chosen = None
    if head:
        chosen = next((m for m in mentions if head[0] <= m.start() < head[1]), None)
        if chosen is None:
            title = text[head[0]:head[1]]
            best = None
            for m in mentions:
                at = title.find(m.group("name"))
                if at >= 0 and (best is None or at < best[0]):
                    best = (at, m)
            chosen = best[1] if best else None
    if chosen is None:
        whole = []
        for w in _WHOLE.finditer(text):
            if w.start() == 0 or not text[w.start() - 1].isalnum():
                rank = int(document._LEVELS.get(w.group("level").lower(), {}).get("rank", 2))
                whole.append((w.start(), rank))
        k, highest = 0, 9
        for m in mentions:
            while k < len(whole) and whole[k][0] < m.start():
                highest = min(highest, whole[k][1])
                k += 1
            if (head and head[0] <= m.start() < head[1]) or _rank(m) > highest:
                continue
            chosen = m
            break
    return _written_form_plain(chosen, every) if chosen is not None else None


def test_named_units_are_those_of_a_match_at_every_level_word() -> None:
    found = 0
    for text in _texts(11, 4000):
        want = [m.span() for m in _named_plain(text)]
        assert [m.span() for m in document._named(text)] == want, text
        found += bool(want)
    assert found > 1000


def test_plural_markers_are_found_as_by_the_regex() -> None:
    plural = 0
    for text in _texts(19, 4000):
        for m in _named_plain(text):
            want = _plural_plain(text, m)
            assert document._plural(text, m) == want, (text, m.start())
            plural += want
    assert plural > 300


def test_the_locality_is_found_as_before() -> None:
    rng = random.Random(12)
    chosen = 0
    for text in _texts(13, 4000):
        a, b = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        head = None if rng.random() < 0.3 else (a, b)
        want = _locality_plain(text, head)
        assert document._locality(text, head) == want, (text, head)
        chosen += want is not None
    assert chosen > 1000



MARK_FRAGMENTS = [
    "Chủ tịch ", "Phó Chủ tịch ", "PHÓ CHỦ TỊCH ", "Bí thư ", "Bí  thư ", "Bí\nthư ", "Tổng Bí thư ",
    "Trưởng Công An ", "Công an ", "Thiếu tướng ", "PBT ", "ông ", "Ông ", "ÔNG ", "bà ", "Bà ", "BÀ ",
    "đồng chí ", "Đồng chí ", "Đồng Chí ", "đồng  chí ", "không ", "Không ", "X", "_", "1", "Nguyễn Văn An",
    "Lê Thị Bà", "Ông Bà", "Ông ", " ", "  ", "\n", ", ", ". ", "a", "B", "Bà Rịa", "ChủTịch ",
    "Cập nhật: ", "Cập nhật lúc ", "Ngày đăng ", "Đăng ngày", "xĐăng lúc ", "Thời gian đăng: ", "Published ",
    "12/5/2023", "08:30, ", "1 tháng 2 năm 2024", "Ngày ", "Xuất bản ",
]


def test_heads_and_honorifics_are_found_in_one_scan() -> None:
    """The matches that start a word (the only ones read) are those of a scan of each kind;
    one kind hides only matches of the other inside words ("Trưởng Công An")."""
    from chitieu.extract import people

    def starting_words(text: str, matches: list[re.Match[str]]) -> list[tuple[int, int]]:
        return [m.span() for m in matches
                if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")]

    rng = random.Random(16)
    both = 0
    for _ in range(5000):
        text = "".join(rng.choice(MARK_FRAGMENTS) for _ in range(rng.randint(0, 20)))
        heads, honorifics, _ = people._marks(text)
        assert starting_words(text, heads) == starting_words(text, list(people._HEAD.finditer(text))), text
        assert starting_words(text, honorifics) == \
            starting_words(text, list(people._HONORIFIC.finditer(text))), text
        label = document._LABELLED.search(text)
        assert people.first_label(text) == (label.start() if label else -1), text
        both += bool(heads) and bool(honorifics) and label is not None
    assert both > 150


RUN_FRAGMENTS = ["Nguyễn", "Văn", "An", "UBND", "A", "H'Mông", "R'Lan", "a'b'C", "tỉnh", "Bình Long", "Thị",
                 "Hồng", "Vân", " ", " ", " ", "  ", "-", ",", "1", "Đ", "ĐỒNG", "x", "_"]


def test_trailing_runs_are_read_backwards_as_from_the_syllables() -> None:
    from chitieu.extract import people
    rng = random.Random(17)
    runs = 0
    for _ in range(20000):
        text = "".join(rng.choice(RUN_FRAGMENTS) for _ in range(rng.randint(0, 12)))
        lo, hi = sorted((rng.randint(0, len(text)), rng.randint(0, len(text))))
        want = people._trailing_run_syllables(text, lo, hi) if hi > lo else None
        assert people._trailing_run(text, lo, hi) == want, (text, lo, hi)
        runs += want is not None
        if want is not None:
            words = [(m.start(), m.end(), m.group(0)) for m in re.compile(r"\S+").finditer(text, *want)]
            got = []
            at = want[0]
            for word in text[want[0]:want[1]].split(" "):
                got.append((at, at + len(word), word))
                at += len(word) + 1
            assert got == words, (text, want)
    assert runs > 5000


LINE_FRAGMENTS = [
    "Bài và ảnh: ", "Bài, ảnh: ", "Bài  và\tảnh ", "Ảnh: ", "Tin: ", "CTV: ", "PV ", "Nhóm PV", "T/h", "TH ",
    "Phóng viên ", "Nguyễn Văn Hùng", "Trần Thị Mai", "Hồng Thi", "N.V.A", "Kh. Linh", " - ", ", ", " và ",
    "(Báo Nhân Dân)", " | ", " 12/5/2023", " 08:30", "Bí thư Lê Văn Tám", "ông Lê Văn Tám", "Thanh Hương",
    "xã Tân Lập", "\n", "\n\n", "\n \n", " ", "  ", "\t", ".", ". ", "a", "B", "Tin tức", "Bài viết hay",
    "Tinh",
]


def _bylines_plain(text: str) -> list[tuple[str, int, int]]:
    """Reference: each line cut out of the text and matched from its start to its end."""
    from chitieu.extract import people
    from chitieu.extract.capwords import UPPER_CHARS, finditer_words
    from chitieu.extract.spans import line_spans
    labelled_line = re.compile("^" + people._LABELLED_LINE.pattern)
    plain_line = re.compile("^" + people._PLAIN_LINE.pattern)
    label_first = frozenset(w[0] for w in people._TITLES["byline_labels"])
    out = []
    lines = line_spans(text)
    bottom = len(lines) - people._EDGE_LINES
    for idx, (lead, end) in enumerate(lines):
        first = text[lead]
        labelled = first in label_first
        edge = idx < people._TOP_LINES or idx >= bottom
        if not (labelled or edge):
            continue
        line = text[lead:end]
        m = labelled_line.match(line) if labelled else None
        if not m and edge and first in UPPER_CHARS:
            space = text.find(" ", lead, end)
            if lead < space < end - 1 and text[space + 1] in UPPER_CHARS:
                m = plain_line.match(line)
        if m:
            out += people._names_of(line, m.start("names"), m.end("names"), lead)
    for m in finditer_words(people._PHOTO, text):
        out += people._names_of(text, m.start("names"), m.end("names"), 0)
    return [(p.name, p.start, p.end) for p in out]


def test_bylines_are_found_as_on_each_line_cut_out() -> None:
    from chitieu.extract import people
    rng = random.Random(14)
    found = 0
    for _ in range(6000):
        text = "".join(rng.choice(LINE_FRAGMENTS) for _ in range(rng.randint(0, 40)))
        want = _bylines_plain(text)
        assert [(p.name, p.start, p.end) for p in people._bylines(text)] == want, text
        found += bool(want)
    assert found > 300


def test_lines_are_the_matches_of_the_line_pattern() -> None:
    from chitieu.extract import spans
    rng = random.Random(18)
    pieces = ["a", "Bình", " ", "  ", "\n", "\n\n", "\t", "\r", "\x0b", "\x1c", "\x85", "\xa0", "\u2028",
              "\u3000", ".", "!", "~", "\x00", "\x1f", "đ", "1"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        want = tuple(m.span() for m in spans._LINE.finditer(text))
        assert spans.line_spans.__wrapped__(text) == want, repr(text)


TITLE_FRAGMENTS = ["Nguyễn Văn An", ", ", " - ", "-", " (Báo Mới) ", "(x)", "Bí thư Tỉnh ủy", "Chủ tịch UBND",
                   " tỉnh", " / ", ",", " ", "  ", "xã ", "huyện  ", "Huyện ", "thị  xã ", "ông ", "bà ",
                   "Đồng chí ", "Hồ Chí Minh", "\n", "phố ", "a", "."]


def _title_after_plain(text: str, at: int) -> tuple[str, int, int] | None:
    """Reference: the title read after a name that ends at `at`, without the cheap test."""
    from chitieu.extract import people
    sep = people._SEP.match(text, at)
    if not sep:
        return None
    first = pos = sep.end()
    end = None
    while True:
        h = people._HEAD.match(text, pos)
        if not h:
            break
        end = people._walk_office(text, h.end())
        nxt = people._NEXT_SEGMENT.match(text, end)
        if not nxt:
            break
        pos = nxt.end()
    if end is None:
        return None
    end = people._strip_end(text, first, end)
    return (text[first:end], first, end) if end > first else None


def test_cheap_tests_before_the_title_and_level_regexes() -> None:
    from chitieu.extract import people
    rng = random.Random(20)
    titles = levels = 0
    for _ in range(20000):
        before = "".join(rng.choice(TITLE_FRAGMENTS) for _ in range(rng.randint(0, 5)))
        after = (rng.choice([", ", " - ", "-", " (Báo Mới), ", "(x) -", "  ,", "", " "])
                 + rng.choice(["Bí thư Tỉnh ủy", "Chủ tịch UBND", "Phó Chủ tịch", "ông ", "Hồ Chí Minh", ""])
                 + "".join(rng.choice(TITLE_FRAGMENTS[1:]) for _ in range(rng.randint(0, 4))))
        text = before + "Nguyễn Văn An" + after
        i = len(text) - len(after) if rng.random() < 0.7 else rng.randint(0, len(text))
        if i and text[i - 1].isspace():
            want = people._LEVEL_BEFORE.search(text, max(0, i - 12), i) is not None
            assert people._after_level_word_end(text, i) == want, (text, i)
            levels += want
        m = people.Mention("X", i, i)
        people._title_after(text, m)
        got = (m.title, m.title_start, m.title_end) if m.title is not None else None
        assert got == _title_after_plain(text, i), (text, i)
        titles += got is not None
    assert titles > 1000 and levels > 100


def test_numbers_before_a_period_word_pass_the_cheap_test() -> None:
    from chitieu.extract import periods
    rng = random.Random(21)
    pieces = ["6", "12", " ", "  ", "\n", "ba", "Sáu", "MƯỜI", "chín", "cuối", "Cuối", "đầu", "của", "x", ".",
              "tháng", "năm", "quý"]
    found = 0
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for i in range(len(text) + 1):
            lo = max(0, i - 8)
            if periods._NUMBER_BEFORE.search(text, lo, i) or periods._LATE_BEFORE.search(text, lo, i):
                assert periods._number_before(text, i), (text, i)
                found += 1
    assert found > 5000


def test_plain_bylines_pass_the_cheap_test() -> None:
    from chitieu.extract import people
    rng = random.Random(22)
    names = ["Nguyễn Văn An", "Kh. Linh", "N. Mai", "R'Lan Hà", "Hồng Thi", "Lê Thị Bé Ba", "Xuân Mai",
             "An tin"]
    seps = [" - ", ", ", " và ", "-", ",", "và", " ,", "  "]
    stamps = ["", " (Báo nhân dân)", "(tin, ảnh)", " | 12/5/2023", " 12/5/2023 08:30", " |",
              " 1/1/2024, 7:05"]
    found = 0
    for _ in range(20000):
        parts = [rng.choice(names)]
        for _ in range(rng.randint(0, 3)):
            parts += [rng.choice(seps), rng.choice(names)]
        line = ("".join(parts) + rng.choice(stamps) + rng.choice(["", ".", " .", " "])).strip()
        if line and people._PLAIN_LINE.match(line, 0, len(line)):
            assert people._may_be_plain(line, 0, len(line)), line
            found += 1
    assert found > 5000
