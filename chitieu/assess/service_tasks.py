"""Tracked items in the store: filling in who, to whom and by when; states and their history.

At ingest the store keeps each directive and request with its text and span only. The
first `assess_all` after that reads the sentence around it (from the document text) and
fills in, where the row has nothing yet:

- issuer: the person named before the request verb in the same sentence (a
  `person_mentions` row), their title as written beside the name; and the issuer phrase
  read by `chitieu.assess.task_hints`: a phrase opening with a title word
  (chitieu/data/titles.yaml `heads`, after an optional "đồng chí"/"ông"/"bà") is the
  issuer's title, any other phrase the issuing body ("Ban Thường vụ Huyện ủy");
- addressee: `task_hints(...).addressee`;
- deadline: `chitieu.assess.parse_deadline` on the clause, else on the part of its
  sentence between ";" or ":" that holds it ("Trước ngày 30/6, các xã phải ..."), never on
  a neighbouring item of a list; the document's published date is the issue date (none
  when no deadline is stated);
- state: `initial_state(deadline, today)`, recorded as the item's first history entry
  (from no state, by "hệ thống", with the reason).

Every later run moves in-progress items whose deadline has passed (or was set) along
the allowed path (`chitieu.assess.refresh`), one history entry per move.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from chitieu.assess import TaskState, initial_state, parse_deadline, refresh, task_hints
from chitieu.extract import lexicon
from chitieu.extract.segment import clauses, split_sentences
from chitieu.store import repo_assess as repo

SYSTEM = "hệ thống"


def moment(today: dt.date | None) -> dt.datetime:
    """Now (UTC), or the current time of day on `today` when a day is given (tests)."""
    now = dt.datetime.now(dt.UTC)
    return now if today is None else dt.datetime.combine(today, now.timetz())


@dataclass(frozen=True, slots=True)
class ItemInfo:
    person_id: int | None
    title: str | None
    body: str | None
    addressee: str | None
    deadline: dt.date | None


@cache
def _title_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = lexicon.load("titles")

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    honorific = re.compile(rf"^(?:(?:{alt(data['honorifics'])})\s+)+", re.IGNORECASE)
    head = re.compile(rf"^(?:{alt(data['heads'])})(?!\w)", re.IGNORECASE)
    return honorific, head


def sentence_bounds(window: str, start: int, end: int) -> tuple[int, int]:
    """Offsets in `window` of the sentence holding [start, end) (the clause when none does)."""
    for a, b in split_sentences(window):
        if a <= start < b:
            return a, max(b, end)
    return start, end


def _segment(window: str, s_start: int, s_end: int, at: int) -> str:
    """The part of the sentence [s_start, s_end) between ";" or ":" that holds offset `at`."""
    for a, b in clauses(window, s_start, s_end):
        if a <= at < b:
            return window[a:b]
    return ""


def read_item(row: Any, mentions: Sequence[Any]) -> ItemInfo:
    """Issuer, addressee and deadline of an item row (with its text window)."""
    offset, window = row.window_start, row.window or ""
    start, end = row.span_start - offset, row.span_end - offset
    s_start, s_end = sentence_bounds(window, start, end)
    hints = task_hints(row.text, window[s_start:s_end])
    deadline = row.deadline or parse_deadline(row.text, row.published) or parse_deadline(
        _segment(window, s_start, s_end, start), row.published)
    person = next((m for m in reversed(mentions)
                   if offset + s_start <= m.span_start and m.span_end <= row.span_start), None)
    title, body = _issuer_parts(hints.issuer, person)
    return ItemInfo(
        person_id=row.issuer_person_id or (person.person_id if person else None),
        title=row.issuer_title or title or (person.title if person else None),
        body=row.issuer_body or body,
        addressee=row.addressee or hints.addressee,
        deadline=deadline,
    )


def _issuer_parts(phrase: str | None, person: Any | None) -> tuple[str | None, str | None]:
    """(title, body) of an issuer phrase; a person's own name is neither."""
    if not phrase:
        return None, None
    honorific, head = _title_patterns()
    bare = honorific.sub("", phrase).strip()
    if not bare or (person is not None and person.name in bare):
        return None, None
    if head.match(bare):
        return bare, None
    return None, bare


def fill_items(session: Session, document_ids: Sequence[int] | None, today: dt.date, now: dt.datetime) -> int:
    """Fill in the items never processed; returns how many."""
    rows = repo.unstarted_items(session, document_ids)
    if not rows:
        return 0
    mentions = repo.mentions_of(session, [r.document_id for r in rows])
    changes: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for row in rows:
        info = read_item(row, mentions.get(row.document_id, []))
        state = initial_state(info.deadline, today)
        changes.append({"item_id": row.id, "issuer_person_id": info.person_id, "issuer_title": info.title,
                        "issuer_body": info.body, "addressee": info.addressee, "deadline": info.deadline,
                        "status": str(state), "status_changed_at": now})
        history.append({"item_id": row.id, "old_status": None, "new_status": str(state), "who": SYSTEM,
                        "changed_at": now, "why": _first_why(info.deadline)})
    repo.update_items(session, changes)
    repo.add_history(session, history)
    return len(rows)


def _first_why(deadline: dt.date | None) -> str:
    if deadline is None:
        return "ghi nhận từ văn bản; văn bản không nêu thời hạn"
    return f"ghi nhận từ văn bản; thời hạn {deadline.day}/{deadline.month}/{deadline.year}"


def refresh_items(session: Session, today: dt.date, now: dt.datetime) -> int:
    """Move in-progress items the calendar has overtaken; returns the number of moves."""
    changes: list[dict[str, Any]] = []
    history: list[dict[str, Any]] = []
    for row in repo.items_to_refresh(session, today):
        moves = refresh(row.status, row.deadline, None, today, who=SYSTEM)
        if not moves:
            continue
        changes.append({"item_id": row.id, "status": str(moves[-1].to_state), "status_changed_at": now})
        history.extend({"item_id": row.id, "old_status": str(m.from_state), "new_status": str(m.to_state),
                        "who": m.who, "changed_at": now, "why": m.why} for m in moves)
    repo.update_items(session, changes)
    repo.add_history(session, history)
    return len(history)


def is_overdue(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    """Overdue: marked so, or in progress in time with its deadline already passed."""
    if status == TaskState.OVERDUE:
        return True
    return status == TaskState.IN_TIME and deadline is not None and deadline < today
