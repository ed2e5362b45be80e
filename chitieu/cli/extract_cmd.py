"""`chitieu extract`: print what the grammar finds in documents."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from chitieu.cli import main
from chitieu.extract import extract
from chitieu.format import vn_number
from chitieu.model import Extraction
from chitieu.read import iter_inputs


@main.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print one chitieu.extract/1 JSON object per document.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write OUT/STEM.json for each input STEM.ext instead of printing.")
def extract_command(paths: tuple[str, ...], as_json: bool, out_dir: Path | None) -> None:
    """Extract facts, tallies, references, people, directives and requests from PATHS.

    PATHS are files, folders (walked) or http(s):// addresses. Without --json, shows a
    table per document.
    An unreadable file is reported on stderr with the reason; the others are still
    processed, and the exit code is 1 when any failed.
    """
    out = Console()
    err = Console(stderr=True)
    failed = 0
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    for item in iter_inputs(paths):
        if item.document is None:
            failed += 1
            err.print(f"[red]không đọc được[/red] {item.source}: {item.error}", highlight=False)
            continue
        doc = item.document
        result = extract(doc.text, title=doc.title, published=doc.published)
        data = result.to_dict()
        if out_dir:
            (out_dir / f"{item.stem}.json").write_text(
                json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        elif as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            print_extraction(out, doc.source, result)
    if failed:
        err.print(f"{failed} tệp không đọc được.")
        raise SystemExit(1)


def print_extraction(console: Console, source: str, result: Extraction) -> None:
    d = result.document
    head = " · ".join(x for x in (d.locality, d.period, d.published) if x)
    table = Table(title=f"{source}\n{d.title or ''}\n{head}", show_lines=True, title_justify="left")
    for col in ("Chỉ tiêu", "Giá trị", "Đơn vị", "% KH", "Thay đổi", "Câu gốc"):
        table.add_column(col, overflow="fold")
    for f in result.facts:
        value = vn_number(f.value) if f.value is not None else ""
        if f.plan_value is not None:
            value = f"{value}/{vn_number(f.plan_value)}"
        if f.qualifier:
            value = f"{f.qualifier} {value}"
        if f.estimated:
            value = f"ước {value}"
        change = ""
        if f.change_pct is not None:
            change = f"{'+' if f.change_pct >= 0 else ''}{vn_number(f.change_pct)}%"
        elif f.change_value is not None:
            sign = "+" if f.change_value >= 0 else ""
            change = f"{sign}{vn_number(f.change_value)} {f.change_unit or f.unit or ''}"
        pct = f"{vn_number(f.plan_pct)}%" if f.plan_pct is not None else ""
        table.add_row(f.indicator, value, f.unit or "", pct, change, f.text)
    console.print(table)
    extras = [
        ("Chỉ tiêu đạt", [f"{t.achieved}/{'?' if t.total is None else t.total} {t.what}"
                          for t in result.tallies]),
        ("Văn bản dẫn chiếu", [r.text for r in result.references]),
        ("Nhân vật", [f"{p.name} ({p.title})" if p.title else p.name for p in result.people]),
        ("Chỉ đạo", [c.text for c in result.directives]),
        ("Kiến nghị", [c.text for c in result.requests]),
    ]
    for label, items in extras:
        if items:
            console.print(f"[bold]{label}[/bold] ({len(items)})")
            for it in items:
                console.print(f"  • {it}", highlight=False)
