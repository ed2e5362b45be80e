"""The progress bar `ingest(progress=True)` shows on stderr: documents/s and MB/s."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from chitieu.store.ingest import Outcome, ProgressHook


@contextmanager
def progress_bar(console: Console | None = None) -> Iterator[ProgressHook]:
    console = console or Console(stderr=True)
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]Đang nạp[/bold]"),
        BarColumn(),
        TextColumn("{task.completed} văn bản"),
        TextColumn("{task.fields[docs]:.1f} vb/s"),
        TextColumn("{task.fields[mb]:.2f} MB/s"),
        TextColumn("mới {task.fields[new]} · không đổi {task.fields[unchanged]} · lỗi {task.fields[failed]}"),
        TimeElapsedColumn(),
    )
    counts = {"new": 0, "unchanged": 0, "failed": 0}
    total_bytes = 0
    start = time.perf_counter()
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, docs=0.0, mb=0.0, **counts)

        def hook(outcome: Outcome, _source: str, nbytes: int) -> None:
            nonlocal total_bytes
            counts[outcome.value] += 1
            total_bytes += nbytes
            elapsed = max(time.perf_counter() - start, 1e-9)
            done = sum(counts.values())
            bar.update(task, advance=1, docs=done / elapsed, mb=total_bytes / 1e6 / elapsed, **counts)

        yield hook
