"""`chitieu demo`: the README's main command, on the report the package ships."""

from __future__ import annotations

from importlib import resources

import click
from rich.console import Console

from chitieu.cli import main
from chitieu.cli.extract_cmd import print_extraction
from chitieu.extract import extract


def sample_paths() -> list[str]:
    base = resources.files("chitieu") / "samples"
    return sorted(str(p) for p in base.iterdir() if p.name.endswith(".txt"))


@main.command("demo")
def demo_command() -> None:
    """Run chitieu on the sample report it ships and show what it finds."""
    console = Console()
    for path in sample_paths():
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        print_extraction(console, path, extract(text))
    click.echo("Xem thêm: chitieu extract --help")
