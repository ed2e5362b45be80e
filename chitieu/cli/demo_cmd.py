"""`chitieu demo`: the README's main command — reports in, dashboard up.

With no FOLDER: ~60 synthetic reports (chitieu.synth) plus the sample the package ships
are written to a folder `bao-cao` beside the store (a SQLite file); with FOLDER: the
reports in it. Then they are ingested, judged (chitieu.assess.service.assess_all) and the dashboard is served.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from chitieu.cli import main

DEFAULT_HOME = Path("var") / "chitieu-demo"


def sample_paths() -> list[str]:
    base = resources.files("chitieu") / "samples"
    return sorted(str(p) for p in base.iterdir() if p.name.endswith(".txt"))


def write_demo_reports(folder: Path, n: int, seed: int) -> list[Path]:
    """N synthetic reports and the packaged samples, as .txt files in `folder`."""
    from chitieu.synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in generate(n, seed=seed):
        path = folder / f"{doc.name}.txt"
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    for sample in sample_paths():
        path = folder / Path(sample).name
        path.write_text(Path(sample).read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    return paths


@main.command("demo")
@click.argument("folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", "db", metavar="URL|PATH", default=None,
              help=f"The store (default: {DEFAULT_HOME}/chitieu.db under the current folder).")
@click.option("--docs", "n", type=click.IntRange(min=0), default=60, show_default=True,
              help="Synthetic reports to make when no FOLDER is given.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--no-serve", is_flag=True, help="Ingest and judge, print the address, but do not serve.")
def demo_command(folder: Path | None, db: str | None, n: int, seed: int, host: str, port: int,
                 no_serve: bool) -> None:
    """Synthesize reports (or take FOLDER), ingest and judge them, and serve the dashboard."""
    from chitieu.assess.service import assess_all
    from chitieu.cli.web_cmd import serve_app
    from chitieu.store import open_store
    from chitieu.store.ingest import ingest

    db = db or str(DEFAULT_HOME / "chitieu.db")
    if folder is None:
        folder = (DEFAULT_HOME if "://" in db else Path(db).parent) / "bao-cao"
        paths = write_demo_reports(folder, n, seed)
        samples = ", ".join(Path(p).name for p in sample_paths())
        click.echo(f"Đã tạo {n} báo cáo tổng hợp và mẫu {samples} trong {folder}")
    else:
        paths = [folder]
    with open_store(db) as store:
        summary = ingest(store, paths, progress=False)
        with store.transaction() as session:
            run = assess_all(session)
    click.echo(f"Đã nạp {summary.new} văn bản mới ({summary.unchanged} đã có, {summary.failed} lỗi) "
               f"vào {db}; đánh giá {run.facts} số liệu, {run.items} chỉ đạo/kiến nghị.")
    if no_serve:
        click.echo(f"Mở http://{host}:{port} trong trình duyệt sau khi chạy: chitieu serve --db {db}")
        return
    serve_app(db, host, port)
