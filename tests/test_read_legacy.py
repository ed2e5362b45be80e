"""Legacy Vietnamese font encodings (TCVN3, VNI): the data table and the conversion."""

from __future__ import annotations

import unicodedata

import pytest
from fixtures.documents import docx_bytes, to_legacy

from chitieu.extract import lexicon
from chitieu.read import legacy, read_bytes

TEXT = ("Cộng hòa xã hội chủ nghĩa Việt Nam. Ủy ban nhân dân tỉnh Đắk Lắk báo cáo: "
        "thu ngân sách ước đạt kế hoạch, người dân được hưởng lợi, trường học mới khánh thành; "
        "những ý kiến đóng góp quý báu đã được tiếp thu đầy đủ, kỹ lưỡng và kịp thời.")

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
ALL_LETTERS = {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES} | {"đ"}


def _table(name: str) -> dict[str, str]:
    return lexicon.load("legacy_encodings")[name]


def test_data_file_has_the_known_keys_only() -> None:
    data = lexicon.load("legacy_encodings")
    assert set(data) == {"tcvn3", "vni", "syllable"}
    assert set(data["syllable"]) == {"onsets", "vowels", "codas"}


@pytest.mark.parametrize("name", ["tcvn3", "vni"])
def test_tables_map_latin1_characters_to_single_vietnamese_letters(name: str) -> None:
    for src, letter in _table(name).items():
        assert 1 <= len(src) <= 2 and all(ch.isascii() or 0xA0 <= ord(ch) <= 0xFF for ch in src), src
        assert unicodedata.normalize("NFC", letter) == letter and len(letter) == 1, letter
        assert letter.lower() in ALL_LETTERS, letter


def test_tcvn3_covers_every_lowercase_letter() -> None:
    plain = set("aeiouy")
    assert set(_table("tcvn3").values()) >= ALL_LETTERS - plain
    assert all(len(src) == 1 for src in _table("tcvn3"))


def test_vni_covers_every_letter_in_both_cases() -> None:
    written_as_is = set("aeiouyAEIOUY") | {"ì", "í", "Ì", "Í"}
    needed = ALL_LETTERS | {ch.upper() for ch in ALL_LETTERS}
    assert set(_table("vni").values()) >= needed - written_as_is


@pytest.mark.parametrize(("encoding", "expected"), [
    ("vni", TEXT),
    ("tcvn3", TEXT.replace("Ủy", "ủy")),  # TCVN3 has no uppercase toned letters
])
def test_legacy_bytes_are_detected_and_converted(encoding: str, expected: str) -> None:
    data = to_legacy(TEXT, encoding)
    doc = read_bytes(data, f"{encoding}.txt")
    assert doc.encoding == encoding
    assert doc.text == expected


def test_legacy_characters_inside_utf8_are_converted() -> None:
    """VNI text pasted from an old document into a UTF-8 file."""
    pasted = to_legacy(TEXT, "vni").decode("cp1252")
    doc = read_bytes(pasted.encode("utf-8"), "dan.txt")
    assert doc.encoding == "utf-8+vni"
    assert doc.text == TEXT


@pytest.mark.parametrize("text", [
    TEXT,
    TEXT.upper(),
    "Hội nghị tổng kết công tác năm; đồng chí Bí thư phát biểu chỉ đạo.",
    "Ông Nguyễn Văn Ân và bà Trần Thị Ý đã dự buổi gặp mặt ở Hà Nội.",
])
def test_unicode_vietnamese_is_never_converted(text: str) -> None:
    assert legacy.detect(text) is None
    assert read_bytes(text.encode("utf-8"), "u.txt").encoding == "utf-8"


def test_docx_typed_in_a_tcvn3_font_is_converted() -> None:
    sentences = ["Ủy ban nhân dân xã tổ chức hội nghị tổng kết.",
                 "Các đại biểu đã thảo luận về những kết quả đạt được trong năm qua."]
    typed = [to_legacy(s, "tcvn3").decode("cp1252") for s in sentences]
    doc = read_bytes(docx_bytes(typed), "cu.docx")
    assert doc.encoding == "tcvn3"
    assert doc.text == "\n".join(sentences).replace("Ủy", "ủy")


def test_a_legacy_text_under_a_unicode_heading_is_still_converted() -> None:
    """The quick Unicode check counts characters beyond Windows-1252: a short heading
    typed in Unicode does not make a legacy body pass for Unicode."""
    heading = "Báo cáo của Ủy ban nhân dân xã"
    body = to_legacy(TEXT + " " + TEXT, "vni").decode("cp1252")
    mixed = heading + "\n" + body
    non_ascii = sum(not ch.isascii() for ch in mixed)
    beyond = sum(not ch.isascii() and not _in_cp1252(ch) for ch in mixed)
    assert 0 < beyond < legacy.BEYOND_SHARE * non_ascii
    assert legacy.detect(mixed) == "vni"


def test_unicode_text_is_known_by_its_letters_beyond_windows_1252(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_word_check(text: str) -> tuple[float, int]:
        raise AssertionError("the words were read")

    monkeypatch.setattr(legacy, "vietnamese_share", no_word_check)
    assert legacy.detect(TEXT) is None
    with pytest.raises(AssertionError, match="words were read"):
        legacy.detect(to_legacy(TEXT, "vni").decode("cp1252"))


def _in_cp1252(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True
