"""Roll-ups of assessed items: counts by status and summed tallies, per locality and period.

`roll_up(items)` groups by (locality, period). `roll_up_to_provinces(items)` groups by
(province, period): a district's items count for its province; an item without a
province code is the province's own (its locality code is the province code).
Tallies sum achieved over every item that has one; `total` sums the known totals, and
`totals_missing` counts the tallies that had none ("có 18 chỉ tiêu đạt" without a total).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from chitieu.assess.records import Status


@dataclass(frozen=True, slots=True)
class AssessedItem:
    locality: str
    period: str
    province: str | None = None
    status: Status | str | None = None
    tally_achieved: int | None = None
    tally_total: int | None = None


@dataclass(slots=True)
class RollUp:
    locality: str
    period: str
    counts: Counter[str] = field(default_factory=Counter)  # status → number of facts
    items: int = 0
    achieved: int = 0
    total: int = 0
    tallies: int = 0
    totals_missing: int = 0

    def add(self, item: AssessedItem) -> None:
        self.items += 1
        if item.status is not None:
            self.counts[str(Status(item.status))] += 1
        if item.tally_achieved is not None:
            self.tallies += 1
            self.achieved += item.tally_achieved
            if item.tally_total is None:
                self.totals_missing += 1
            else:
                self.total += item.tally_total


def roll_up(items: Iterable[AssessedItem]) -> list[RollUp]:
    """One RollUp per (locality, period), in order of first appearance."""
    return _group(items, lambda it: it.locality)


def roll_up_to_provinces(items: Iterable[AssessedItem]) -> list[RollUp]:
    """One RollUp per (province, period): districts added to their province."""
    return _group(items, lambda it: it.province or it.locality)


def count_by_status(items: Iterable[AssessedItem]) -> dict[tuple[str, str], Counter[str]]:
    """(locality, period) → status → count."""
    return {(r.locality, r.period): r.counts for r in roll_up(items)}


def sum_tallies(items: Iterable[AssessedItem]) -> dict[tuple[str, str], tuple[int, int]]:
    """(locality, period) → (achieved, known total) over the items that carry a tally."""
    return {(r.locality, r.period): (r.achieved, r.total) for r in roll_up(items) if r.tallies}


def _group(items: Iterable[AssessedItem], place: Callable[[AssessedItem], str]) -> list[RollUp]:
    groups: dict[tuple[str, str], RollUp] = {}
    for item in items:
        key = (place(item), item.period)
        if key not in groups:
            groups[key] = RollUp(*key)
        groups[key].add(item)
    return list(groups.values())
