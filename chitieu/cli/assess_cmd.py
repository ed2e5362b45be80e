"""`chitieu assess`, `report`, `forecast`, `directives`, `directive ...`, `review`.

Thin commands over chitieu.assess.service: open the store, call one function, print a
table (rich, coloured by status), turn domain errors into a message and exit code 1.
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from chitieu.cli import main
from chitieu.format import vn_number

F = TypeVar("F", bound=Callable[..., object])

DB_HELP = ("The store: a SQLite file path or a PostgreSQL URL (postgresql://user@host/db). "
           "Default: $CHITIEU_DB when set, else ./chitieu.db in the current directory.")

# Colour of each status (the officials' words, see chitieu.assess.Status).
STATUS_STYLE = {
    "vượt kế hoạch": "bold green",
    "đạt": "green",
    "đúng tiến độ": "cyan",
    "chậm tiến độ": "yellow",
    "nguy cơ không đạt": "bold red",
    "không đạt": "red",
}
STATE_STYLE = {
    "đang thực hiện trong hạn": "cyan",
    "đang thực hiện chưa có hạn": "white",
    "quá hạn chưa hoàn thành": "bold red",
    "hoàn thành đúng hạn": "green",
    "hoàn thành quá hạn": "yellow",
}
# Short names accepted for the task states on the command line.
STATE_ALIASES = {
    "in-time": "đang thực hiện trong hạn",
    "no-deadline": "đang thực hiện chưa có hạn",
    "overdue": "quá hạn chưa hoàn thành",
    "done-on-time": "hoàn thành đúng hạn",
    "done-late": "hoàn thành quá hạn",
}
KIND_WORDS = {"directive": "chỉ đạo", "request": "kiến nghị"}


def db_option(f: F) -> F:
    return click.option("--db", "db", metavar="URL|PATH", envvar="CHITIEU_DB", help=DB_HELP)(f)


def today_option(f: F) -> F:
    return click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
                        help="Take this day (YYYY-MM-DD) as today, for deadlines.")(f)


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _pct(value: float | None) -> str:
    """45.366 → "45,37%", 11.9 → "11,9%" (at most two decimals, the Vietnamese way)."""
    return "" if value is None else f"{vn_number(value)}%"


def _amount(value: float | None, unit: str | None) -> str:
    """21000, "triệu đồng" → "21.000 triệu đồng"; 2.5, "%" → "2,5%"."""
    if value is None:
        return ""
    if unit == "%":
        return f"{vn_number(value)}%"
    return " ".join(x for x in (vn_number(value), unit or "") if x)


def _status(value: str | None) -> Text:
    return Text(value or "", style=STATUS_STYLE.get(value or "", ""))


def _who(who: str | None) -> str:
    if who:
        return who
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "người dùng"


class _Store:
    """`with _Store(db, write=True) as session:` — the store opened for one command."""

    def __init__(self, db: str | None, *, write: bool = False) -> None:
        self.db, self.write = db, write

    def __enter__(self) -> Any:
        from chitieu.store import open_store

        self.store = open_store(self.db)
        self.ctx = self.store.transaction() if self.write else self.store.reading()
        return self.ctx.__enter__()

    def __exit__(self, *exc: Any) -> None:
        try:
            self.ctx.__exit__(*exc)
        finally:
            self.store.close()


# --- assess ------------------------------------------------------------------------------------

@main.command("assess")
@db_option
@today_option
def assess_command(db: str | None, today: dt.datetime | None) -> None:
    """Judge every stored fact again, refresh directive states and follow-up links."""
    from chitieu.assess.service import assess_all

    with _Store(db, write=True) as session:
        run = assess_all(session, today=_day(today))
    click.echo(f"Đã đánh giá {vn_number(run.facts)} số liệu; {vn_number(run.items)} nhiệm vụ mới; "
               f"{vn_number(run.moves)} lần chuyển trạng thái; {vn_number(run.links)} liên kết theo dõi.")


# --- report and forecast -----------------------------------------------------------------------

def _place(session: Any, locality: str | None) -> dict[str, Any]:
    """Scoreboard arguments for --locality: a code, or a name as written."""
    if not locality:
        return {}
    from chitieu.assess.service import locality_codes

    codes = locality_codes(session, locality)
    return {"locality_code": codes[0]} if len(codes) == 1 else {"locality": locality}


def _place_options(f: F) -> F:
    f = click.option("--period", help='A period as written: "6 tháng đầu năm 2024", "quý I/2025", "2024".')(f)
    return click.option("--locality", help='A locality code ("656") or name ("huyện Lắk").')(f)


@main.command("report")
@_place_options
@click.option("--status", "status", type=click.Choice(list(STATUS_STYLE)),
              help="Only facts with this status.")
@click.option("--judged", is_flag=True, help="Only facts that have a status (a plan to compare with).")
@click.option("--limit", type=int, default=200, show_default=True)
@db_option
def report_command(locality: str | None, period: str | None, status: str | None, judged: bool, limit: int,
                   db: str | None) -> None:
    """The scoreboard: each fact, its share of plan, expected pace, status and forecast."""
    from chitieu.assess.service import scoreboard, status_counts

    with _Store(db) as session:
        place = _place(session, locality)
        rows = scoreboard(session, period=period, status=status, judged_only=judged, limit=limit, **place)
        counts = status_counts(session, period=period, **place)
    console = Console()
    if not rows:
        console.print("Không có số liệu nào phù hợp.")
        return
    console.print(_score_table(rows))
    console.print(_counts_line(counts))


def _score_table(rows: Iterable[Any]) -> Table:
    table = Table(title="Bảng theo dõi chỉ tiêu", title_justify="left", show_lines=False)
    for col, justify in (("Số", "right"), ("Địa phương", "left"), ("Kỳ", "left"), ("Chỉ tiêu", "left"),
                         ("Giá trị", "right"), ("% KH", "right"), ("Tính lại", "right"), ("Tiến độ", "right"),
                         ("Trạng thái", "left"), ("Dự báo cuối kỳ", "right")):
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        check = "" if r.consistent is not False else " ⚠ không khớp"
        value = _amount(r.value, r.unit)
        forecast = f"{_pct(r.forecast_pct)} ({r.forecast_method})" if r.forecast_pct is not None else ""
        indicator = r.indicator + (" ✎" if r.corrected else "")
        table.add_row(str(r.fact_id), r.locality or "", r.period or "", indicator, value, _pct(r.plan_pct),
                      _pct(r.recomputed_pct) + check, _pct(r.expected_pace),
                      _status(r.status), Text(forecast, style="red" if r.forecast_missed else ""))
    return table


def _counts_line(counts: dict[str, int]) -> Text:
    line = Text("Tổng hợp: ")
    for status in STATUS_STYLE:
        if counts.get(status):
            line.append(f"{status} {counts[status]}", style=STATUS_STYLE[status])
            line.append(" · ")
    line.append(f"chưa đánh giá {counts.get('', 0)}")
    return line


@main.command("forecast")
@_place_options
@click.option("--missed", is_flag=True, help="Only the targets forecast to be missed.")
@click.option("--limit", type=int, default=200, show_default=True)
@db_option
def forecast_command(locality: str | None, period: str | None, missed: bool, limit: int,
                     db: str | None) -> None:
    """Forecast of the period-end share of plan for in-period facts, with the method named,
    then the list of targets forecast to be missed."""
    from chitieu.assess.service import forecast_misses, forecasts

    with _Store(db) as session:
        place = _place(session, locality)
        rows = [] if missed else forecasts(session, period=period, limit=limit, **place)
        misses = forecast_misses(session, period=period, limit=limit, **place)
    console = Console()
    if rows:
        console.print(_forecast_table("Dự báo cuối kỳ", rows))
    if misses:
        console.print(_forecast_table(f"Chỉ tiêu dự báo không đạt ({len(misses)})", misses))
    elif not rows:
        console.print("Không có chỉ tiêu nào để dự báo.")
    else:
        console.print("Không có chỉ tiêu nào dự báo không đạt.")


def _forecast_table(title: str, rows: Iterable[Any]) -> Table:
    table = Table(title=title, title_justify="left")
    for col, justify in (("Số", "right"), ("Địa phương", "left"), ("Kỳ", "left"), ("Chỉ tiêu", "left"),
                         ("% KH", "right"), ("Tiến độ", "right"), ("Dự báo", "right"),
                         ("Phương pháp", "left"), ("Trạng thái", "left")):
        table.add_column(col, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for r in rows:
        share = r.plan_pct if r.plan_pct is not None else r.recomputed_pct
        forecast = Text(_pct(r.forecast_pct), style="red" if r.forecast_missed else "green")
        table.add_row(str(r.fact_id), r.locality or "", r.period or "", r.indicator, _pct(share),
                      _pct(r.expected_pace), forecast, r.forecast_method or "", _status(r.status))
    return table


# --- directives --------------------------------------------------------------------------------

@main.command("directives")
@click.option("--overdue", is_flag=True, help="Only tasks past their deadline and not done.")
@click.option("--kind", type=click.Choice(["directive", "request"]), help="Directives or requests only.")
@click.option("--status", "status", help="Only tasks in this state (Vietnamese words or a short name).")
@click.option("--owner", help="Only tasks whose addressee contains these words.")
@click.option("--locality", help="Only tasks of this locality code.")
@click.option("--limit", type=int, default=200, show_default=True)
@today_option
@db_option
def directives_command(overdue: bool, kind: str | None, status: str | None, owner: str | None,
                       locality: str | None, limit: int, today: dt.datetime | None, db: str | None) -> None:
    """Directives and requests with issuer, addressee, deadline and state."""
    from chitieu.assess.service import tracked_items

    state = _state(status) if status else None
    with _Store(db) as session:
        rows = tracked_items(session, kind=kind, status=state, overdue=overdue, owner=owner,
                             locality_code=locality, limit=limit, today=_day(today))
    console = Console()
    if not rows:
        console.print("Không có nhiệm vụ nào phù hợp.")
        return
    table = Table(title=f"Nhiệm vụ ({len(rows)})", title_justify="left")
    for col in ("Số", "Loại", "Nội dung", "Người/cơ quan giao", "Giao cho", "Hạn", "Trạng thái", "Theo dõi"):
        table.add_column(col, overflow="fold")
    for r in rows:
        issuer = ", ".join(x for x in (r.issuer_name, r.issuer_title, r.issuer_body) if x)
        deadline = r.deadline.strftime("%d/%m/%Y") if r.deadline else "không nêu"
        state_text = Text(r.status, style=STATE_STYLE.get(r.status, ""))
        if r.overdue and r.status != STATE_ALIASES["overdue"]:
            state_text.append(" (đã quá hạn)", style="bold red")
        table.add_row(str(r.id), KIND_WORDS.get(r.kind, r.kind), r.text, issuer, r.addressee or "", deadline,
                      state_text, str(r.links) if r.links else "")
    console.print(table)


def _state(text: str) -> str:
    """A task state from its Vietnamese words (any case and spacing) or a short name."""
    key = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    if key in STATE_ALIASES:
        return STATE_ALIASES[key]
    for state in STATE_ALIASES.values():
        if state.casefold() == key:
            return state
    choices = "; ".join(f"{a} = {s}" for a, s in STATE_ALIASES.items())
    raise click.BadParameter(f"trạng thái không hợp lệ: «{text}». Chọn một trong: {choices}")


@main.group("directive")
def directive_group() -> None:
    """Change or inspect one directive or request."""


@directive_group.command("set-status")
@click.argument("item_id", type=int)
@click.argument("state")
@click.option("--note", "note", help="Why (required for some moves, e.g. reopening or extending).")
@click.option("--who", help="Who makes the change (default: the current user).")
@click.option("--deadline", type=click.DateTime(["%Y-%m-%d"]), help="A new deadline (an extension).")
@click.option("--when", type=click.DateTime(["%Y-%m-%d"]), help="The day of the change (default: now).")
@db_option
def set_status_command(item_id: int, state: str, note: str | None, who: str | None,
                       deadline: dt.datetime | None, when: dt.datetime | None, db: str | None) -> None:
    """Move task ITEM_ID to STATE; the change is kept in its history with who, when and why."""
    from chitieu.assess import TrackingError
    from chitieu.assess.service import set_status

    new_state = _state(state)
    try:
        with _Store(db, write=True) as session:
            view = set_status(session, item_id, new_state, who=_who(who), why=note, when=_day(when),
                              deadline=_day(deadline))
    except TrackingError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Nhiệm vụ {view.id}: {view.status}")


@directive_group.command("show")
@click.argument("item_id", type=int)
@db_option
def show_command(item_id: int, db: str | None) -> None:
    """One task: its history of states and the later documents that follow it up."""
    from chitieu.assess.service import item_history, item_links

    with _Store(db) as session:
        history = item_history(session, item_id)
        links = item_links(session, item_id)
    if not history and not links:
        raise click.ClickException(f"Không có lịch sử nào cho nhiệm vụ số {item_id}.")
    console = Console()
    table = Table(title=f"Lịch sử nhiệm vụ {item_id}", title_justify="left")
    for col in ("Lúc", "Từ", "Sang", "Người", "Lý do"):
        table.add_column(col, overflow="fold")
    for h in history:
        table.add_row(h.when.strftime("%d/%m/%Y %H:%M"), h.old_status or "", h.new_status, h.who or "",
                      h.why or "")
    console.print(table)
    if links:
        lt = Table(title="Văn bản theo dõi", title_justify="left")
        for col in ("Văn bản", "Ngày", "Căn cứ", "Trích", "Độ giống"):
            lt.add_column(col, overflow="fold")
        for ln in links:
            day = ln.published.strftime("%d/%m/%Y") if ln.published else ""
            lt.add_row(f"{ln.document_id} {ln.document_title or ''}", day, ln.evidence, ln.text or "",
                       vn_number(ln.score, 2))
        console.print(lt)


# --- review ------------------------------------------------------------------------------------

@main.command("review")
@click.option("--accept", "accept_id", type=int, metavar="ID", help="Accept fact ID as extracted.")
@click.option("--correct", "correct_id", type=int, metavar="ID",
              help="Correct fact ID with FIELD=VALUE arguments (value=21.000, plan_pct=45,4 ...).")
@click.argument("changes", nargs=-1)
@click.option("--note", help="Why (kept with the correction).")
@click.option("--who", help="Reviewer (default: the current user).")
@click.option("--limit", type=int, default=200, show_default=True)
@db_option
def review_command(accept_id: int | None, correct_id: int | None, changes: tuple[str, ...], note: str | None,
                   who: str | None, limit: int, db: str | None) -> None:
    """The review queue (low confidence, no indicator code, a share that disagrees); or accept
    or correct one fact. Corrections are stored beside the extraction, never over it."""
    from chitieu.assess.service import FactNotFound, ReviewError, accept_fact, correct_fact, review_queue

    if accept_id is not None and correct_id is not None:
        raise click.UsageError("--accept và --correct không dùng cùng lúc.")
    if changes and correct_id is None:
        raise click.UsageError("FIELD=VALUE chỉ dùng với --correct ID.")
    try:
        if accept_id is not None:
            with _Store(db, write=True) as session:
                accept_fact(session, accept_id, reviewer=_who(who), note=note)
            click.echo(f"Đã chấp nhận số liệu {accept_id}.")
            return
        if correct_id is not None:
            with _Store(db, write=True) as session:
                view = correct_fact(session, correct_id, parse_changes(changes), reviewer=_who(who),
                                    note=note)
            status = view.status or "chưa đánh giá"
            click.echo(f"Đã lưu hiệu chỉnh số liệu {correct_id}; trạng thái: {status}.")
            return
    except (FactNotFound, ReviewError) as exc:
        raise click.ClickException(str(exc)) from exc
    with _Store(db) as session:
        rows = review_queue(session, limit=limit)
    _print_queue(rows)


def _print_queue(rows: list[Any]) -> None:
    console = Console()
    if not rows:
        console.print("Không có số liệu nào chờ rà soát.")
        return
    table = Table(title=f"Số liệu chờ rà soát ({len(rows)})", title_justify="left")
    for col in ("Số", "Địa phương", "Chỉ tiêu", "Giá trị", "% KH", "Tính lại", "Lý do", "Câu gốc"):
        table.add_column(col, overflow="fold")
    for r in rows:
        value = _amount(r.value, r.unit)
        table.add_row(str(r.fact_id), r.locality or "", r.indicator, value, _pct(r.plan_pct),
                      _pct(r.recomputed_pct), "; ".join(r.reasons), r.text)
    console.print(table)


_THOUSANDS = re.compile(r"-?\d{1,3}(?:\.\d{3})+")
_TRUE, _FALSE = {"có", "đúng", "true", "1", "yes"}, {"không", "sai", "false", "0", "no"}


def parse_changes(items: Iterable[str]) -> dict[str, Any]:
    """FIELD=VALUE arguments → typed changes; numbers the Vietnamese way ("21.000", "45,4")."""
    from chitieu.assess.service_facts import CORRECTABLE

    out: dict[str, Any] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"cần dạng FIELD=VALUE: «{item}»")
        kind = CORRECTABLE.get(name, str)
        out[name] = _value(raw.strip(), kind, item)
    return out


def _value(raw: str, kind: type, item: str) -> Any:
    if raw == "":
        return None
    if kind is float:
        return _number(raw, item)
    if kind is bool:
        low = raw.casefold()
        if low in _TRUE | _FALSE:
            return low in _TRUE
        raise click.BadParameter(f"cần có/không: «{item}»")
    return unicodedata.normalize("NFC", raw)


def _number(raw: str, item: str) -> float:
    text = raw.replace(" ", "").rstrip("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif _THOUSANDS.fullmatch(text):
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        raise click.BadParameter(f"không đọc được số: «{item}»") from None
