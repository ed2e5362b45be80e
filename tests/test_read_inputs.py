"""Walking inputs, dispatching by suffix and content, size limits; the CLI on top."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.documents import docx_bytes, text_pdf
from hypothesis import given, settings
from hypothesis import strategies as st

from chitieu.cli import main
from chitieu.read import MAX_BYTES, Input, ReadError, iter_inputs, read_bytes, read_path

SENTENCE = "Thôn đã bê tông hóa thêm 1,2 km đường nội đồng trong quý này."


def _tree(root: Path) -> None:
    (root / "b" / "c").mkdir(parents=True)
    (root / ".an").mkdir()
    (root / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (root / "b" / "trang.html").write_text(
        f"<html><body><article><p>{SENTENCE}</p></article></body></html>", encoding="utf-8")
    (root / "b" / "c" / "van-ban.docx").write_bytes(docx_bytes([SENTENCE]))
    (root / "b" / "c" / "bao-cao.pdf").write_bytes(text_pdf([SENTENCE]))
    (root / "b" / "ghi-chu.md").write_text(SENTENCE, encoding="utf-8")  # not walked
    (root / ".an" / "an.txt").write_text(SENTENCE, encoding="utf-8")  # hidden: not walked
    (root / "b" / "thu.jsonl").write_text(json.dumps({"text": SENTENCE}) + "\n", encoding="utf-8")


def test_folders_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = list(iter_inputs([tmp_path]))
    names = [i.source.removeprefix(f"{tmp_path}{os.sep}") for i in items]
    assert names == ["a.txt", "b/c/bao-cao.pdf", "b/c/van-ban.docx", "b/thu.jsonl:1", "b/trang.html"]
    for item in items:
        assert item.error is None and item.document is not None, item
        assert SENTENCE in item.document.text
    assert [i.document.media_type for i in items if i.document] == [
        "text/plain", "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain", "text/html"]


def test_explicit_files_of_any_suffix_are_tried(tmp_path: Path) -> None:
    md = tmp_path / "ghi-chu.md"
    md.write_text(SENTENCE, encoding="utf-8")
    png = tmp_path / "anh.dat"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    noise = tmp_path / "rac.bin"
    noise.write_bytes(bytes(range(256)) * 4)
    items = {Path(i.source).name: i for i in iter_inputs([md, png, noise, tmp_path / "khong-co.txt"])}
    assert items["ghi-chu.md"].document is not None and items["ghi-chu.md"].document.text == SENTENCE
    assert items["anh.dat"].error == "định dạng không hỗ trợ: ảnh PNG"
    assert (items["rac.bin"].error or "").startswith("định dạng không hỗ trợ")
    assert items["khong-co.txt"].error == "không tìm thấy tệp hoặc thư mục"


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "lon.txt"
    with big.open("wb") as fh:  # sparse: 200 MB that take no disk and no time
        fh.truncate(200 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(ReadError, match=r"tệp quá lớn \(200 MB; giới hạn 50 MB\)"):
        read_path(big)
    assert time.perf_counter() - start < 0.5
    assert MAX_BYTES == 50 * 1024 * 1024


def test_size_limit_can_be_overridden(tmp_path: Path) -> None:
    f = tmp_path / "vua.txt"
    f.write_text(SENTENCE * 10, encoding="utf-8")
    [item] = iter_inputs([f], max_bytes=100)
    assert item.document is None and "tệp quá lớn" in (item.error or "")
    [item] = iter_inputs([f], max_bytes=10_000)
    assert item.document is not None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_special_files_are_not_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.txt"
    os.mkfifo(fifo)
    [item] = iter_inputs([fifo])  # would block forever if it were opened
    assert item.error == "không phải tệp thông thường"


def test_iter_inputs_never_raises_on_a_reader_bug(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from chitieu.read import dispatch

    def broken(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(dispatch, "read_pdf", broken)
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(text_pdf([SENTENCE]))
    txt = tmp_path / "y.txt"
    txt.write_text(SENTENCE, encoding="utf-8")
    items = list(iter_inputs([pdf, txt]))
    assert "RecursionError" in (items[0].error or "")
    assert items[1].document is not None


@pytest.mark.parametrize(("source", "stem"), [
    ("du-lieu/bao-cao.txt", "bao-cao"),
    ("du-lieu/crawl.jsonl:12", "crawl-12"),
    ("https://xa.example/tin-tuc/khoi-cong.html?id=3", "khoi-cong"),
    ("https://xa.example/", "xa.example"),
])
def test_input_stem(source: str, stem: str) -> None:
    assert Input(source, error="x").stem == stem


def test_cli_extract_reads_a_crawl_and_writes_one_file_per_line(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    lines = [{"text": SENTENCE}, {"text": "Xã có 3 trường học đạt chuẩn quốc gia."}]
    crawl.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", "--out", str(out), str(crawl)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["crawl-1.json", "crawl-2.json"]
    assert json.loads((out / "crawl-2.json").read_text(encoding="utf-8"))["schema"] == "chitieu.extract/1"


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(
    st.binary(max_size=600),
    st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=300).map(lambda b: b"%PDF-1.4\n" + b),
    st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
    st.binary(max_size=300).map(lambda b: b"<html><body>" + b),
), name=st.sampled_from(["x.txt", "x.html", "x.docx", "x.pdf", "x.bin", "x"]))
def test_any_bytes_give_a_document_or_a_read_error(data: bytes, name: str) -> None:
    try:
        doc = read_bytes(data, name)
    except ReadError as exc:
        assert exc.reason and exc.source == name
    else:
        assert doc.text.strip() and doc.source == name
