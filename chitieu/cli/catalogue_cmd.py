"""`chitieu indicators`: the indicator catalogue, with how many stored facts use each code."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from chitieu.catalogue import Catalogue, CatalogueError
from chitieu.cli import main

DIRECTION_WORDS = {"higher": "càng cao càng tốt", "lower": "càng thấp càng tốt"}


@main.command("indicators")
@click.option("--db", "db_url",
              help="Store (path or URL) whose facts are counted; default $CHITIEU_DB or ./chitieu.db.")
@click.option("--catalogue", "extra", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A user catalogue YAML file that extends or overrides entries by code (repeatable).")
def indicators_command(db_url: str | None, extra: tuple[Path, ...]) -> None:
    """Show the indicator catalogue: code, name, unit, direction, area, aliases, facts stored."""
    try:
        catalogue = Catalogue.load(extra)
    except CatalogueError as exc:
        raise click.ClickException(str(exc)) from exc
    counts = fact_counts(db_url)
    table = Table(title=f"Danh mục chỉ tiêu ({len(catalogue)})", show_lines=False, title_justify="left")
    table.add_column("Mã", no_wrap=True)
    for col in ("Tên chỉ tiêu", "Đơn vị", "Chiều tốt", "Lĩnh vực", "Cách viết khác"):
        table.add_column(col, overflow="fold")
    table.add_column("Số dữ liệu", justify="right")
    for ind in sorted(catalogue, key=lambda i: (i.area, i.code)):
        count = "-" if counts is None else str(counts.get(ind.code, 0))
        table.add_row(ind.code, ind.name, ind.unit or "", DIRECTION_WORDS[ind.direction], ind.area,
                      "; ".join(ind.aliases[:4]) + (" …" if len(ind.aliases) > 4 else ""), count)
    Console().print(table)


def fact_counts(db_url: str | None) -> dict[str, int] | None:
    """Facts per indicator code in the store, or None when no store can be read."""
    if db_url is None and not os.environ.get("CHITIEU_DB") and not Path("chitieu.db").exists():
        return None
    if db_url and "://" not in db_url and db_url != ":memory:" and not Path(db_url).exists():
        return None  # never create an empty SQLite file just to count nothing
    try:
        from sqlalchemy import text

        from chitieu.store.db import open_store
    except ImportError:
        return None
    try:
        with open_store(db_url, migrate=False) as store, store.engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT indicator_code, COUNT(*) FROM facts WHERE indicator_code IS NOT NULL "
                "GROUP BY indicator_code"))
            return {str(code): int(n) for code, n in rows}
    except Exception:  # an unreadable or not yet migrated store: counts are unknown, not an error
        return None
