"""`chitieu synth`: write synthetic report articles with their gold annotation."""

from __future__ import annotations

from pathlib import Path

import click
from rich.progress import Progress

from chitieu.cli import main
from chitieu.synth import generate, write


@main.command("synth")
@click.option("--docs", "n", type=click.IntRange(min=1), default=100, show_default=True,
              help="How many documents to write.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for NAME.txt and NAME.gold.json.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same documents.")
def synth_command(n: int, out_dir: Path, seed: int) -> None:
    """Write N synthetic report articles to OUT (text + chitieu.extract/1 gold).

    Score the extractor on them with:
    chitieu extract --out PRED OUT && python ../shared/eval/score.py --gold OUT --pred PRED
    """
    with Progress(transient=True) as progress:
        task = progress.add_task("Đang tạo văn bản", total=n)
        for doc in generate(n, seed=seed):
            write(doc, out_dir)
            progress.advance(task)
    click.echo(f"Đã ghi {n} văn bản vào {out_dir}")
