"""The cheap tests of the facts grammar never skip a pattern that would have matched.

atoms.py runs a phrase pattern at a position only when the word after the spaces there
(`next_word`) starts one of its phrases, or when the next character can start it; these
tests glue short fragments (written for these tests) in random order and check, at every
position, that each skipped pattern indeed finds nothing there.
"""

from __future__ import annotations

import random
import re

from chitieu.extract import atoms, facts, numbers, segment, wordtail
from chitieu.extract import cues as cues_module
from chitieu.extract.cues import lowered
from chitieu.extract.wordtail import Endings, may_end_with

FRAGMENTS = [
    "12", "3,5", "1.250", "07", "2024", " ", "  ", " ", "\u2028", "\x0b", ", ", ". ", "; ", "(",
    ")", "/", "-", " - ", "%", " %", "_", "²", "m²", "m2", "ha", "héc-ta", "tỷ", "Tỷ", "triệu",
    "nghìn", "đồng", "VNĐ", "hộ", "hộ nghèo", "người", "lao động", "năm", "Năm", "tháng", "ngày",
    "lần", "tuổi", "chỉ tiêu", "nhóm chỉ tiêu", "nhiệm vụ", "này", "đó", "nói trên", "trở lên",
    "so với", "so", "gấp", "cùng kỳ", "kế hoạch", "KH", "dự toán", "tỉnh giao", "được giao", "đến",
    "Đến", "tới", "đến5", "tới 9", "xã", "Xã", "thôn", "(DN)", "(HTX)", "tăng", "giảm", "đạt",
    "và", "của", "trong đó", "ước", "hộ_", "nămx", "tháng3", "a", "Q", "sản phẩm",
    "công trình, dự án", "kWh", "km", "tấn/ha", "người/năm", "số", "khóa", "lần thứ", "Điều",
    "quý", "sáng", "hotline", "covid", "tổ",
]


def _texts(seed: int, count: int, longest: int = 12) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, longest))) for _ in range(count)]


WORD_TESTS: list[tuple[re.Pattern[str], frozenset[str]]] = [
    (atoms.RIGHT_CUE, atoms.RIGHT_FIRST),
    (atoms.MULT, atoms.MULT_FIRST),
    (atoms.TALLY_AFTER, atoms.TALLY_FIRST),
    (atoms.UNIT, atoms.UNIT_FIRST),
    (atoms.IGNORED_AFTER, atoms.IGNORED_FIRST),
    (atoms.DEMONSTRATIVE, atoms.DEMONSTRATIVE_FIRST),
    (atoms.AFTER_PCT, atoms.AFTER_PCT_FIRST),
    (atoms.AFTER_AMOUNT, atoms.AFTER_AMOUNT_FIRST),
]


def test_next_word_is_the_word_after_the_spaces() -> None:
    assert atoms.next_word("12  tỷ đồng", 2, 11) == (4, "tỷ")
    assert atoms.next_word("12 m², ha", 2, 9) == (3, "m²")
    assert atoms.next_word("12 (DN)", 2, 7) == (3, "")
    assert atoms.next_word("12 \u2028tỷ", 2, 7) == (3, atoms.UNSURE)
    assert atoms.next_word("12 tỷ", 2, 4) == (3, "t")  # never past the end


def test_a_skipped_word_pattern_finds_nothing() -> None:
    for text in _texts(7, 1500):
        low = lowered(text)
        for end in {len(low), len(low) // 2}:
            for pos in range(end + 1):
                w = atoms.next_word(low, pos, end)[1]
                for rx, firsts in WORD_TESTS:
                    if w not in firsts:
                        assert rx.match(low, pos, end) is None, (text, pos, end, rx.pattern[:40])


def test_a_skipped_character_pattern_finds_nothing() -> None:
    for text in _texts(8, 1500):
        low = lowered(text)
        for end, pos in ((e, p) for e in {len(text), len(text) // 2} for p in range(e + 1)):
            if not atoms._range_may(text, pos, end):
                assert atoms.RANGE.match(text, pos, end) is None, (text, pos)
            pct = atoms.PCT.match(text, pos, end)
            assert atoms._pct_end(text, pos, end) == (pct.end() if pct else -1), (text, pos)
            if text.find("-", pos, pos + 2) < 0 and text.find("/", pos, pos + 2) < 0:
                assert atoms.GLUED_CODE.match(text, pos, end).end() == pos, (text, pos)
            if not atoms._word_after_spaces(low, pos, end, True):
                assert atoms.COMPOUND.match(low, pos, end) is None, (text, pos)
            if not atoms._word_after_spaces(low, pos, end, False):
                assert atoms.NOUN_START.match(low, pos, end) is None, (text, pos)
            if not atoms._next_is(low, pos, end, 47):
                assert atoms.LATE_PAIR.match(low, pos, end) is None, (text, pos)
            if not atoms._next_is(text, pos, end, 40):
                assert atoms.ABBR_PAREN.match(text, pos, end) is None, (text, pos)
            if not (pos < end and low[pos] == ","):
                assert atoms.NEXT_PIECE.match(low, pos, end) is None, (text, pos)


def test_endings_are_may_end_with() -> None:
    lasts = atoms.LEFT_CUES.last_words + atoms.LEFT_TIME.last_words
    endings = Endings(lasts)
    for text in _texts(9, 1500):
        low = lowered(text)
        for end in range(len(low) + 1):
            assert endings.may_end(low, end) == may_end_with(low, end, lasts), (text, end)


def _ref_year_by_regex(groups: list[str]) -> int:
    """The reference year as the regex version counted it."""
    year = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
    years: dict[int, int] = {}
    for g in groups:
        if len(g) < 4:
            continue
        for r in re.split(r"[.,]", g) if len(g) > 4 else [g]:
            if len(r) == 4 and year.fullmatch(r):
                years[int(r)] = years.get(int(r), 0) + 1
    if not years:
        return 0
    top = max(years.values())
    return max(y for y, c in years.items() if c == top)


def test_the_reference_year_is_counted_as_by_the_regex() -> None:
    rng = random.Random(3)
    digits = "0123456789" * 3 + "٣٤"  # Arabic-Indic digits are digits to "\d" too

    def number() -> str:
        chars = [rng.choice(digits + ".,") for _ in range(rng.randint(0, 8))]
        return rng.choice(digits) + "".join(chars)

    for _ in range(3000):
        text = " ".join(number() for _ in range(rng.randint(1, 6)))
        numbers = facts.NUMBER.findall(text)
        assert facts._ref_year(numbers) == _ref_year_by_regex(numbers), text
    assert facts._ref_year(facts.NUMBER.findall("20,1 và 2023 và 1.2023.5")) == 2023


def test_character_classes_by_code_point_are_the_str_methods() -> None:
    text = "".join(chr(i) for i in range(0x3100)) + "\U0001d7ce\U00010000\u3000\uff10"
    for i, c in enumerate(text):
        assert wordtail.is_alnum(text, i) == c.isalnum(), hex(ord(c))
        assert wordtail.is_space(text, i) == c.isspace(), hex(ord(c))
        assert (i < 0x2000 and wordtail.WORD_CHARS[i] == 1) == (i < 0x2000 and re.match(r"\w", c) is not None)


CUE_FRAGMENTS = [
    "Xã ước đạt 12 tỷ", "dự kiến", "kiến nghị", "cần", "phải", "cần phải", "nước", "trong đó", ". ", "! ",
    "\n", "\n\n", " ", "  ", "(ước", "Đề nghị", "TP. Huế", "năm 2025", ", ", "; ", "mục tiêu", "hiện nay",
]


def test_the_cues_of_sentences_scanned_together_are_those_of_each_sentence() -> None:
    rng = random.Random(6)
    cues = facts.CUES
    for _ in range(3000):
        text = "".join(rng.choice(CUE_FRAGMENTS) for _ in range(rng.randint(0, 16)))
        low = lowered(text)
        spans = [sp for sp in segment.split_sentences(text) if rng.random() < 0.7]
        want: list[tuple[int, int, tuple[str, ...]]] = []
        for a, b in spans:
            for m in cues.rx.finditer(low, a, b):
                if not (m.start() and low[m.start() - 1].isalnum()):
                    want.append((m.start(), m.end(), cues.names[m.group()]))
        assert cues.index(low, spans).every == want, (text, spans)


SENTENCE_FRAGMENTS = [
    "Xã đạt 12 tỷ đồng", ". ", ".", "\n", "\n\n", "! ", "? ", "... ", " ", "TP. Huế", "H. Tây", "Ông A. ",
    "1.250", "3,5", "2024", "năm 2023. Tổng", "(8,7%). ", "Trong đó", '"Chỉ tiêu" ', "[1] ", ".5", "5.",
    "a", "B", "Đ", "  ", ";", ":", "13:30", "١٢", "1,2.3", "\U0001d7ce", "\U0001f600", "２",
]


def test_numbers_and_their_sentences_are_those_of_two_scans() -> None:
    rng = random.Random(2)
    for _ in range(4000):
        text = "".join(rng.choice(SENTENCE_FRAGMENTS) for _ in range(rng.randint(0, 14)))
        spans, starts, ends, texts = segment.number_sentences(text)
        want = list(facts.NUMBER.finditer(text))
        assert starts == [m.start() for m in want], text
        assert ends == [m.end() for m in want], text
        assert texts == [m.group() for m in want], text
        holding = [(s, e) for s, e in segment.split_sentences(text) if any(s <= p < e for p in starts)]
        assert spans == holding, text


def test_ends_at_is_endswith() -> None:
    for text in _texts(11, 800):
        for word in ("năm", "sáng", "số", "a", ""):
            for j in range(len(text) + 1):
                assert wordtail.ends_at(text, word, j) == text.endswith(word, 0, j), (text, j)


def _parse_by_regex(text: str) -> float | None:
    """parse_number as six regexes read it."""
    t = text.strip()
    if len(t) > 32:
        return None
    if t.isdecimal():
        return float(int(t))
    rules = [(numbers._THOUSANDS_DOT, lambda s: float(int(s.replace(".", "")))),
             (numbers._THOUSANDS_DOT_DEC, lambda s: float(s.replace(".", "").replace(",", "."))),
             (numbers._ONE_DOT, float), (numbers._ONE_COMMA, lambda s: float(s.replace(",", "."))),
             (numbers._THOUSANDS_COMMA, lambda s: float(int(s.replace(",", "")))),
             (numbers._THOUSANDS_COMMA_DEC, lambda s: float(s.replace(",", "")))]
    for rx, value in rules:
        if t and rx.fullmatch(t):
            return value(t)
    return None


def test_numbers_are_read_as_the_six_regexes_read_them() -> None:
    rng = random.Random(13)
    pieces = ["1", "12", "123", "1234", "0", "٣", ".", ",", ".", ",", " ", "a", "-", "1.234", "12,5",
              "9007199254740993", "18446744073709551617"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 7)))
        assert numbers.parse_number(text) == _parse_by_regex(text), text


def test_clauses_are_cut_where_the_clause_end_pattern_finds_one() -> None:
    rng = random.Random(14)
    pieces = ["a", "Đạt", " ", ";", ":", "1", "٣", "13:30", ": 5", "x:", ":y", "; ", "  "]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        for start, end in ((0, len(text)), (1, len(text) - 1)):
            if start > end:
                continue
            want: list[tuple[int, int]] = []
            begin = start
            for m in segment._CLAUSE_END.finditer(text, start, end):
                segment._add(text, begin, m.start(), want)
                begin = m.end()
            segment._add(text, begin, end, want)
            assert segment.clauses(text, start, end) == want, (text, start, end)


def _tail_words_by_split(text: str, end: int, limit: int = 4, start: int = 0) -> list[tuple[str, int]]:
    """tail_words as it was written with str.rsplit."""
    lo = max(start, end - wordtail.WIDTH)
    parts = text[lo:end].rsplit(" ", limit + 2)
    out: list[tuple[str, int]] = []
    cur = end
    for i in range(len(parts) - 1, -1, -1):
        tok = parts[i]
        at = cur - len(tok)
        cur = at - 1
        if not tok:
            continue
        if tok.isalpha():
            if i == 0 and lo > start and text[lo - 1].isalpha():
                break
            out.append((tok.lower(), at))
            if len(out) >= limit:
                break
            continue
        j = len(tok)
        while j > 0 and tok[j - 1].isalpha():
            j -= 1
        if j < len(tok):
            out.append((tok[j:].lower(), at + j))
        break
    out.reverse()
    return out


def test_tail_words_are_those_of_rsplit() -> None:
    rng = random.Random(15)
    pieces = [*FRAGMENTS, "  ", "   ", "Tổng", "(tăng", "x5", "đạt", "5,5 tỷ", "a" * 30 + " "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        for end in range(len(text) + 1):
            for limit, start in ((3, 0), (6, 0), (4, end // 3)):
                got = wordtail.tail_words(text, end, limit, start)
                assert got == _tail_words_by_split(text, end, limit, start), (text, end, limit, start)
    assert all(wordtail.is_alpha(chr(i), 0) == chr(i).isalpha() for i in range(0x3100))


def test_the_stops_after_a_figure_are_found_where_the_plain_patterns_find_them() -> None:
    w = atoms._words
    verbs = atoms._VERBS
    plain = [
        (atoms.PHRASE_END,
         atoms._PUNCT_END + r"|(?<!năm )(?<!\d)\d|\s" + w(verbs["slot_starts"]) + r"(?!\w)"),
        (atoms.TRAIL_END_COUNT, atoms._PUNCT_END + r"|\d|\s" + w(verbs["count_trail_stops"]) + r"(?!\w)"
         + r"|\svà(?=[^,;:()\d]*\d)"),
        (atoms.TRAIL_END_OTHER, atoms._PUNCT_END + r"|\d|\s" + w(verbs["measure_trail_stops"]) + r"(?!\w)"),
    ]
    pieces = [*FRAGMENTS, "năm 5", "năm ", "và 5", "và", "\U0001d7ce", "\U0001f600", "\u3000", "\x0c", ". "]
    rng = random.Random(16)
    for _ in range(1500):
        low = lowered("".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))))
        for fast, pattern in plain:
            rx = re.compile(pattern)
            for end in (len(low), len(low) // 2):
                for pos in range(end + 1):
                    a, b = fast.search(low, pos, end), rx.search(low, pos, end)
                    assert (a.start() if a else -1) == (b.start() if b else -1), (low, pos, end, pattern[:30])


def test_the_abbreviation_test_is_the_pattern() -> None:
    rng = random.Random(12)
    for _ in range(3000):
        text = "".join(rng.choice(SENTENCE_FRAGMENTS) for _ in range(rng.randint(0, 6)))
        for a in range(len(text) + 1):
            lo = max(0, a - rng.randint(0, 5))
            want = segment._ABBREV.search(text, lo, a) is not None
            assert segment._abbreviation(text, lo, a) == want, (text, lo, a)


def test_the_cues_between_the_sentences_asked_about_are_left_out() -> None:
    """The cue index of some sentences is that of a scan of each: none from the sentences between."""
    cues = facts.CUES
    near = "Dự kiến thế. "  # a cue between two sentences asked about
    far = "Ông A nói. " * 20 + "Dự kiến thế. "
    text = "Ước đạt 12 tỷ. " + near + "Trong đó 3 tỷ. " + far + "Ước 5 tỷ."
    low = lowered(text)
    spans = [sp for sp in segment.split_sentences(text) if any(c.isdigit() for c in text[sp[0]:sp[1]])]
    want = [(m.start(), m.end(), cues.names[m.group()]) for a, b in spans for m in cues.rx.finditer(low, a, b)
            if not (m.start() and low[m.start() - 1].isalnum())]
    assert [w[2] for w in want] == [("estimate",), ("sub", "inner"), ("estimate",)]
    assert cues.index(low, spans).every == want


TIDY_FRAGMENTS = [
    "6 tháng đầu năm", "năm 2024", "NĂM 2023", "Năm nay", "đến nay", "tính đến 30/6", "quý II", "Quý IV/2024",
    "2021 - 2025", "giai đoạn 2021-2025", "hàng năm", "cả năm", "tổng thu", "ngân sách", "( )", "()", "(",
    ")", ",", " , ", "  ", " ", "\u2028", "đạt", "tăng", "nâng tổng số", "Đưa", "nâng", " đưa", "nay", "12",
    "٣", "-", ".", ";", "từ đầu năm đến nay", "THÁNG", "tháng", "quý", "hộ", "Tỷ lệ", "Quý Iı", "quý ıV",
    "ſau 6 tháng", "sau 6 tháng", "QUÝ İI", "\t", ",,", " ,", ", ,", "\u212a", "Trong Năm", "\u00a0",
]


def _tidy_plain(words: str) -> str:
    if not facts.TIDY_NEEDED.search(words):
        return words.strip(" ,;:-(.")
    w = facts.TIME_INSIDE.sub(" ", words)
    w = facts.PARENS.sub(" ", w)
    w = facts.SPACES.sub(" ", facts.COMMAS.sub(",", w)).strip(" ,;:-(.")
    return w or facts.SPACES.sub(" ", words).strip()


def test_the_subject_tests_are_the_patterns() -> None:
    rng = random.Random(13)
    for _ in range(6000):
        words = "".join(rng.choice(TIDY_FRAGMENTS) for _ in range(rng.randint(0, 7)))
        assert facts._tidy(words) == _tidy_plain(words), words
        if not facts._may_hold_time(words, lowered(words)):
            assert facts.TIME_INSIDE.search(words) is None, words
        assert facts._drop_time(words) == facts.TIME_INSIDE.sub(" ", words), words
        assert facts._commas_change(words) == (facts.COMMAS.sub(",", words) != words), words
        assert facts._spaces_change(words) == (facts.SPACES.sub(" ", words) != words), words
        if not facts._may_continue(words):
            assert facts.CONTINUES.match(words) is None, words
        assert facts._ends_with_paren(words) == words.rstrip().endswith("("), words
        assert facts._has_words(words) == bool(words.strip(" -•*+(")), words
        for limit in (0, 1, 3, 15):
            assert facts._more_words(words, limit) == (len(words.split()) > limit), words


def test_lowered_text_matches_the_letters_of_the_time_phrases_as_ignorecase_does() -> None:
    """TIME_INSIDE_LOW on lowered text finds what TIME_INSIDE (re.I) finds, but for the
    characters of facts._FOLDED_ONLY: checked for every code point and every letter."""
    letters = sorted({c for c in facts._TIME_LOW if c.isalpha()})
    any_letter = re.compile("[" + "".join(letters) + "]", re.I)
    by_letter = {p: re.compile(re.escape(p), re.I) for p in letters}
    for i in range(0x110000):
        c = chr(i)
        if i in facts._FOLDED_ONLY or 0xD800 <= i < 0xE000:
            continue
        low = lowered(c)
        if any_letter.fullmatch(c) or low in by_letter:
            for p, rx in by_letter.items():
                assert (rx.fullmatch(c) is not None) == (low == p), (hex(i), p)


def test_the_stepping_searches_are_bisect() -> None:
    from bisect import bisect_left, bisect_right

    rng = random.Random(15)
    for _ in range(5000):
        xs = sorted(rng.randint(0, 30) for _ in range(rng.randint(0, 12)))
        x = rng.randint(-2, 32)
        for lo in range(len(xs) + 1):
            assert cues_module.first_at(xs, x, lo) == bisect_left(xs, x), (xs, x, lo)
            assert facts._after_last_at(xs, x, lo) == bisect_right(xs, x), (xs, x, lo)
