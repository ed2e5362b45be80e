"""Status colours shared by the dashboard, the Excel table and the Word report.

Keys are the status words of chitieu.assess (Status, TaskState); `css` names the class
the dashboard uses. Colours follow the usual reading of a scoreboard: greens for met,
blue for on pace, amber for behind, reds for at risk and missed, grey for no plan.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Colour:
    css: str
    fill: str  # background, RRGGBB
    ink: str  # text on that background, RRGGBB


NO_STATUS = "chưa đánh giá"

STATUS: dict[str, Colour] = {
    "vượt kế hoạch": Colour("vuot", "1B7F3B", "FFFFFF"),
    "đạt": Colour("dat", "9FD8A8", "0B3D17"),
    "đúng tiến độ": Colour("dung", "A9CCE3", "0B2E4A"),
    "chậm tiến độ": Colour("cham", "F7D774", "4A3800"),
    "nguy cơ không đạt": Colour("nguyco", "E57366", "FFFFFF"),
    "không đạt": Colour("khongdat", "9B1C1C", "FFFFFF"),
    NO_STATUS: Colour("none", "E5E7EB", "374151"),
}

TASK: dict[str, Colour] = {
    "đang thực hiện trong hạn": Colour("dung", "A9CCE3", "0B2E4A"),
    "đang thực hiện chưa có hạn": Colour("none", "E5E7EB", "374151"),
    "quá hạn chưa hoàn thành": Colour("nguyco", "E57366", "FFFFFF"),
    "hoàn thành đúng hạn": Colour("dat", "9FD8A8", "0B3D17"),
    "hoàn thành quá hạn": Colour("cham", "F7D774", "4A3800"),
}

# Worst first: the colour of a locality on the map is that of its worst status.
SEVERITY = ("không đạt", "nguy cơ không đạt", "chậm tiến độ", "đúng tiến độ", "đạt", "vượt kế hoạch")


def status_colour(status: str | None) -> Colour:
    return STATUS.get(status or NO_STATUS) or TASK.get(status or "") or STATUS[NO_STATUS]


def worst(statuses: dict[str, int]) -> str | None:
    """The most severe status present (count > 0) in a count-by-status dict."""
    for status in SEVERITY:
        if statuses.get(status):
            return status
    return None
