"""`chitieu serve`, `chitieu user add`, `chitieu export`: the dashboard and its files from the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from chitieu.cli import main
from chitieu.cli.ingest_cmd import db_option

ROLES = ("viewer", "editor", "admin")


def serve_app(db: str | None, host: str, port: int) -> None:
    """Run the dashboard with uvicorn until interrupted."""
    import uvicorn

    from chitieu.web import create_app

    app = create_app(db)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    click.echo(f"Mở http://{shown}:{port} trong trình duyệt (Ctrl+C để dừng)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_command(db: str | None, host: str, port: int) -> None:
    """Serve the dashboard (Vietnamese pages, JSON at the same address + .json, OpenAPI).

    Settings from the environment: CHITIEU_READ_REQUIRES_LOGIN=1 makes every page need a
    login; CHITIEU_SECRET_KEY signs sessions (made and kept beside the store when unset).
    """
    serve_app(db, host, port)


@main.group("user")
def user_group() -> None:
    """Dashboard accounts (roles: viewer, editor, admin)."""


@user_group.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="viewer", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (first line).")
@db_option
def user_add(username: str, role: str, password_stdin: bool, db: str | None) -> None:
    """Create the account USERNAME (or set its password and role). The password is asked for."""
    from chitieu.store import open_store
    from chitieu.store.repo_web import save_user
    from chitieu.web.auth import hash_password
    from chitieu.web.views.account import MIN_PASSWORD

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự.")
    with open_store(db) as store, store.transaction() as session:
        user = save_user(session, username.strip(), hash_password(password), role)
    click.echo(f"Đã lưu tài khoản {user.username} ({user.role}).")


@main.command("export")
@click.argument("kind", type=click.Choice(("xlsx", "docx", "csv")))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--locality", default=None,
              help="Locality code (default: every locality at its latest period).")
@click.option("--period", default=None, help='Period as written, e.g. "6 tháng đầu năm 2025" or "2024".')
@db_option
def export_command(kind: str, out: Path, locality: str | None, period: str | None, db: str | None) -> None:
    """Write the summary table (xlsx), the draft report (docx) or the targets (csv) to OUT."""
    from chitieu.export import gather, write_csv, write_docx, write_xlsx
    from chitieu.store import open_store

    with open_store(db) as store, store.reading() as session:
        data = gather(session, locality_code=locality, period=period)
    out.parent.mkdir(parents=True, exist_ok=True)
    if kind == "xlsx":
        write_xlsx(data, out)
    elif kind == "docx":
        write_docx(data, out)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            write_csv(data, fh)
    click.echo(f"Đã ghi {out} ({len(data.rows)} chỉ tiêu, {len(data.items)} chỉ đạo/kiến nghị).")
