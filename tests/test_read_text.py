"""Plain-text reading: encodings, binary data, empty files, broken UTF-8."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from fixtures.documents import to_cp1258

from chitieu.read import ReadError, read_bytes, read_path

REPORT = ("Báo cáo của Ủy ban nhân dân xã về kết quả sáu tháng đầu năm.\n"
          "Thu ngân sách trên địa bàn ước đạt 3.120 triệu đồng, tăng 6,4% so với cùng kỳ; "
          "tỷ lệ hộ nghèo giảm còn 2,1%, người dân được hưởng lợi từ nhiều công trình mới.\n")


def test_utf8_file_is_read_as_is(tmp_path: Path) -> None:
    f = tmp_path / "bao-cao.txt"
    f.write_bytes(REPORT.encode("utf-8"))
    doc = read_path(f)
    assert doc.text == REPORT
    assert (doc.source, doc.encoding, doc.media_type) == (str(f), "utf-8", "text/plain")


def test_text_is_not_normalized_by_the_reader() -> None:
    nfd = unicodedata.normalize("NFD", REPORT)
    doc = read_bytes(nfd.encode("utf-8"), "nfd.txt")
    assert doc.text == nfd != REPORT


def test_utf8_bom_is_dropped() -> None:
    doc = read_bytes(b"\xef\xbb\xbf" + REPORT.encode("utf-8"), "bom.txt")
    assert doc.text == REPORT
    assert doc.encoding == "utf-8"


@pytest.mark.parametrize(("codec", "label"), [
    ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
    ("utf-32", "utf-32-le"),
])
def test_utf16_and_utf32_with_bom(codec: str, label: str) -> None:
    doc = read_bytes(REPORT.encode(codec), "u.txt")
    assert doc.text == REPORT
    assert doc.encoding == label


def test_utf16_big_endian_bom() -> None:
    doc = read_bytes(b"\xfe\xff" + REPORT.encode("utf-16-be"), "be.txt")
    assert (doc.text, doc.encoding) == (REPORT, "utf-16-be")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_found_by_its_nul_pattern(codec: str) -> None:
    doc = read_bytes(REPORT.encode(codec), "no-bom.txt")
    assert (doc.text, doc.encoding) == (REPORT, codec)


def test_windows_1258_round_trip_keeps_the_decoded_combining_marks() -> None:
    data = to_cp1258(REPORT)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = read_bytes(data, "cu.txt")
    assert doc.encoding == "cp1258"
    assert doc.text == data.decode("cp1258")  # as decoded: tone marks stay separate
    assert doc.text != REPORT
    assert unicodedata.normalize("NFC", doc.text) == REPORT


def test_windows_1258_punctuation_only() -> None:
    doc = read_bytes(b"Bao cao \x93so lieu\x94 \x96 nam nay", "ascii.txt")
    assert doc.encoding == "cp1258"
    assert doc.text == "Bao cao “so lieu” – nam nay"


def test_mostly_utf8_with_a_broken_byte_is_read_with_a_replacement_character() -> None:
    raw = REPORT.encode("utf-8")
    cut = raw.index("triệu".encode()) + 3  # in the middle of "ệ"
    doc = read_bytes(raw[:cut] + b"\xff" + raw[cut:], "hong.txt")
    assert doc.encoding == "utf-8+replace"
    assert "\ufffd" in doc.text
    assert doc.text.startswith("Báo cáo của Ủy ban nhân dân xã")
    assert doc.text.endswith("nhiều công trình mới.\n")


def test_bytes_in_no_vietnamese_encoding_are_refused_clearly() -> None:
    junk = bytes((37 * i) % 96 + 0xA0 for i in range(400))  # high bytes, no text shape
    with pytest.raises(ReadError, match="không nhận ra bảng mã"):
        read_bytes(junk, "rac.txt")
    french = "Le café était très bon à côté de la gare où nous étions.".encode("cp1252")
    with pytest.raises(ReadError, match="không nhận ra bảng mã"):
        read_bytes(french, "khac.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(40),
    b"\x7fELF\x02\x01\x01" + bytes(60),
    b"abc\x00def\x00ghi" * 20,
    bytes(range(1, 9)) * 50 + b"mot it chu",
])
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match="dữ liệu nhị phân, không phải văn bản"):
        read_bytes(data, "anh.txt")


def test_empty_and_blank_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    with pytest.raises(ReadError, match="tệp rỗng"):
        read_path(empty)
    with pytest.raises(ReadError, match="không có chữ nào"):
        read_bytes(b" \r\n\t \n", "trang.txt")


def test_a_few_stray_control_characters_are_tolerated() -> None:
    data = REPORT.replace("\n", "\x0b", 1).encode("utf-8") + b"\x1a"  # Word line break, DOS end mark
    doc = read_bytes(data, "cu.txt")
    assert doc.text.endswith("\x1a")
    assert doc.text.startswith("Báo cáo")
