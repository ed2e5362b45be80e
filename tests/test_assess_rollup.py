"""Roll-ups: counts by status and summed tallies per locality and period, districts → province."""

from __future__ import annotations

from chitieu.assess import AssessedItem, Status, count_by_status, roll_up, roll_up_to_provinces, sum_tallies

H1, H2 = "6 tháng đầu năm 2025", "năm 2025"
ITEMS = [
    # district 640 of province 66, mid-year: 2 on pace, 1 at risk, tally 18 of 25
    AssessedItem("640", H1, "66", Status.ON_PACE),
    AssessedItem("640", H1, "66", "đúng tiến độ"),
    AssessedItem("640", H1, "66", Status.AT_RISK),
    AssessedItem("640", H1, "66", None, tally_achieved=18, tally_total=25),
    # district 641 of the same province, mid-year: 1 behind, tally 9 of unknown total
    AssessedItem("641", H1, "66", Status.BEHIND, tally_achieved=9),
    # the province's own report, mid-year
    AssessedItem("66", H1, None, Status.EXCEEDED, tally_achieved=20, tally_total=22),
    # district 640, year end
    AssessedItem("640", H2, "66", Status.MET),
]


def test_roll_up_per_locality_and_period() -> None:
    ups = {(r.locality, r.period): r for r in roll_up(ITEMS)}
    assert set(ups) == {("640", H1), ("641", H1), ("66", H1), ("640", H2)}
    mid = ups[("640", H1)]
    assert dict(mid.counts) == {"đúng tiến độ": 2, "nguy cơ không đạt": 1}
    assert (mid.items, mid.achieved, mid.total, mid.tallies, mid.totals_missing) == (4, 18, 25, 1, 0)
    other = ups[("641", H1)]
    assert (other.achieved, other.total, other.totals_missing) == (9, 0, 1)


def test_districts_roll_up_to_their_province() -> None:
    ups = {(r.locality, r.period): r for r in roll_up_to_provinces(ITEMS)}
    assert set(ups) == {("66", H1), ("66", H2)}
    mid = ups[("66", H1)]
    # 640: ON_PACE×2, AT_RISK; 641: BEHIND; 66 itself: EXCEEDED
    assert dict(mid.counts) == {"đúng tiến độ": 2, "nguy cơ không đạt": 1, "chậm tiến độ": 1,
                                "vượt kế hoạch": 1}
    # tallies: 18/25 + 9/? + 20/22 → achieved 47, known total 47, one total missing
    assert (mid.achieved, mid.total, mid.tallies, mid.totals_missing) == (47, 47, 3, 1)
    assert mid.items == 6
    assert dict(ups[("66", H2)].counts) == {"đạt": 1}


def test_count_by_status_and_sum_tallies() -> None:
    counts = count_by_status(ITEMS)
    assert counts[("641", H1)] == {"chậm tiến độ": 1}
    sums = sum_tallies(ITEMS)
    assert sums == {("640", H1): (18, 25), ("641", H1): (9, 0), ("66", H1): (20, 22)}


def test_empty_roll_up() -> None:
    assert roll_up([]) == []
    assert roll_up_to_provinces([]) == []
