"""`chitieu ingest` and `chitieu failures`: fill the store and see what could not go in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click
from rich.console import Console
from rich.table import Table

from chitieu.cli import main
from chitieu.format import vn_number

if TYPE_CHECKING:
    from chitieu.store.ingest import IngestSummary

F = TypeVar("F", bound=Callable[..., object])

DB_HELP = ("The store: a SQLite file path or a PostgreSQL URL (postgresql://user@host/db). "
           "Default: $CHITIEU_DB when set, else ./chitieu.db in the current directory.")


def db_option(f: F) -> F:
    return click.option("--db", "db", metavar="URL|PATH", envvar="CHITIEU_DB", help=DB_HELP)(f)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary table (for scripts).")
@click.option("--workers", "-w", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read and extract in N processes on this machine; this process writes.")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Read and extract on the workers of a running Dask cluster, e.g. tcp://127.0.0.1:8786 "
                   "(start one with `dask scheduler` and `dask worker tcp://127.0.0.1:8786`).")
def ingest_command(paths: tuple[Path, ...], db: str | None, quiet: bool, workers: int | None,
                   dask_address: str | None) -> None:
    """Read documents in PATHS, extract them and store what is new.

    PATHS are files or folders (walked). A document already stored (same text) is
    skipped, so running twice adds nothing. Each document goes in with all its rows in
    one transaction. Unreadable inputs are recorded (see `chitieu failures`) and the
    others go on; the exit code is 1 when any input failed.

    With --workers N or --dask ADDRESS, reading and extraction run in parallel and this
    process writes the results in input order: the store ends up the same as with a
    serial run. Dask workers need chitieu installed and must see the input paths (and,
    to skip documents already stored, the store).

    The store is --db, else $CHITIEU_DB, else ./chitieu.db in the current directory.
    """
    if workers is not None and dask_address is not None:
        raise click.UsageError("--workers và --dask không dùng cùng nhau.")
    from chitieu.assess.service import assess_ingested_since
    from chitieu.store import open_store
    from chitieu.store.ingest import ingest
    from chitieu.store.repo import serialize_writers, utcnow

    with open_store(db) as store:
        started = utcnow()
        if workers is None and dask_address is None:
            summary = ingest(store, paths, progress=not quiet)
        else:
            from chitieu.store.parallel import ingest_parallel

            summary = ingest_parallel(store, paths, workers=workers, dask=dask_address, progress=not quiet)
        if summary.new:  # judge what came in (fact_status, directive states, follow-up links)
            with store.transaction() as session:
                serialize_writers(session)  # concurrent ingests re-judge shared facts in turn
                assess_ingested_since(session, started)
    if not quiet:
        _print_summary(Console(), summary)
    if summary.failed:
        if quiet:
            click.echo(f"{summary.failed} tệp lỗi (xem: chitieu failures)", err=True)
        raise SystemExit(1)


def _print_summary(console: Console, summary: IngestSummary) -> None:
    table = Table(title="Kết quả nạp", title_justify="left")
    for col in ("Mới", "Không đổi", "Lỗi", "Tổng", "MB", "Giây", "vb/s", "MB/s"):
        table.add_column(col, justify="right")
    table.add_row(vn_number(summary.new), vn_number(summary.unchanged), vn_number(summary.failed),
                  vn_number(summary.documents), vn_number(summary.bytes / 1e6, 2),
                  vn_number(summary.seconds, 1), vn_number(summary.docs_per_second, 1),
                  vn_number(summary.mb_per_second, 2))
    console.print(table)
    if summary.failures:
        fails = Table(title="Tệp lỗi", title_justify="left")
        fails.add_column("Nguồn", overflow="fold")
        fails.add_column("Lý do", overflow="fold")
        for source, reason in summary.failures[:50]:
            fails.add_row(source, reason)
        console.print(fails)
        if len(summary.failures) > 50:
            console.print(f"… và {len(summary.failures) - 50} tệp lỗi khác (xem: chitieu failures)")


@main.command("failures")
@db_option
@click.option("--limit", type=int, default=None, help="Show only the N most recent failures.")
def failures_command(db: str | None, limit: int | None) -> None:
    """List inputs that could not be ingested: source, reason, count, last seen."""
    from chitieu.store import open_store
    from chitieu.store.repo import list_failures

    with open_store(db) as store, store.reading() as session:
        rows = list_failures(session, limit=limit)
    console = Console()
    if not rows:
        console.print("Không có tệp lỗi nào.")
        return
    table = Table(title=f"Tệp lỗi ({len(rows)})", title_justify="left")
    for col, justify in (("Nguồn", "left"), ("Lý do", "left"), ("Số lần", "right"), ("Lần cuối", "left")):
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        table.add_row(r.source, r.reason, vn_number(r.count), r.last_seen.strftime("%d/%m/%Y %H:%M:%S"))
    console.print(table)
