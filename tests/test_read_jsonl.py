"""JSON Lines crawls: one Input per line, bad lines reported, the rest read."""

from __future__ import annotations

import json
from pathlib import Path

from chitieu.read import iter_inputs

GOOD = {"text": "Xã tổ chức ra quân làm đường giao thông nông thôn.", "url": "https://xa.example/tin/1",
        "title": "Ra quân làm đường", "published": "2023-03-26T07:30:00+07:00"}


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_each_line_is_its_own_input_and_a_bad_line_does_not_stop_the_others(tmp_path: Path) -> None:
    crawl = _write(tmp_path / "crawl.jsonl", [
        json.dumps(GOOD, ensure_ascii=False),
        '{"text": "dòng hỏng", ',
        "",
        json.dumps({"title": "Không có nội dung"}, ensure_ascii=False),
        json.dumps({"text": "Phường hoàn thành chỉ tiêu thu thuế.", "published": "15/12/2024"},
                   ensure_ascii=False),
        "[1, 2]",
    ])
    items = list(iter_inputs([crawl]))
    assert [i.source for i in items] == [f"{crawl}:{n}" for n in (1, 2, 4, 5, 6)]
    first = items[0].document
    assert first is not None
    assert (first.text, first.url, first.title, first.published) == (
        GOOD["text"], GOOD["url"], GOOD["title"], "2023-03-26")
    assert first.source == f"{crawl}:1"
    assert items[1].document is None and "JSON không hợp lệ" in (items[1].error or "")
    assert items[2].document is None and '"text"' in (items[2].error or "")
    assert items[3].document is not None and items[3].document.published == "2024-12-15"
    assert items[4].document is None and "đối tượng" in (items[4].error or "")
    assert [i.stem for i in items] == ["crawl-1", "crawl-2", "crawl-4", "crawl-5", "crawl-6"]


def test_html_field_is_read_as_a_page(tmp_path: Path) -> None:
    html = ("<html><head><title>Tin xã</title></head><body><article><p>Xã vừa khánh thành nhà văn hóa "
            "mới, phục vụ sinh hoạt cộng đồng của bà con trong thôn.</p></article></body></html>")
    crawl = _write(tmp_path / "trang.jsonl", [json.dumps({"html": html, "url": "https://xa.example/2"})])
    [item] = iter_inputs([crawl])
    assert item.document is not None
    assert "khánh thành nhà văn hóa" in item.document.text
    assert item.document.url == "https://xa.example/2"


def test_too_long_line_is_skipped_with_a_reason(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "chữ " * 5000}, ensure_ascii=False)
    crawl = _write(tmp_path / "dai.jsonl", [long_line, json.dumps(GOOD, ensure_ascii=False)])
    items = list(iter_inputs([crawl], max_bytes=4096))
    assert items[0].document is None and "dòng quá dài" in (items[0].error or "")
    assert items[1].source.endswith(":2") and items[1].document is not None


def test_line_that_is_not_utf8(tmp_path: Path) -> None:
    crawl = tmp_path / "sai.jsonl"
    crawl.write_bytes(b'{"text": "Xa \xe0 \xff"}\n' + json.dumps(GOOD).encode() + b"\n")
    items = list(iter_inputs([crawl]))
    assert "UTF-8" in (items[0].error or "")
    assert items[1].document is not None
