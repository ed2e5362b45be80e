"""Numbers for synthetic reports: sampled with a known precision, written the Vietnamese way."""

from __future__ import annotations

import random

from chitieu.format import vn_number


def sample(rng: random.Random, lo: float, hi: float, decimals: int) -> float:
    """A number in [lo, hi] rounded to `decimals` (an int when decimals is 0)."""
    x = round(rng.uniform(lo, hi), decimals)
    return int(x) if decimals == 0 else x


def decimals_for(rng: random.Random) -> int:
    return rng.choices((0, 1, 2), weights=(5, 3, 2))[0]


def write(x: float, decimals: int, *, pad: bool = False) -> str:
    """"3.388", "53,59", "170,776"; trailing decimal zeros dropped; `pad` writes 2 as "02"."""
    text = vn_number(x, decimals)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    if pad and decimals == 0 and 0 < x < 10:
        text = f"0{text}"
    return text


def places(x: float) -> int:
    """Decimals needed to write `x` exactly (at most 3)."""
    for d in range(4):
        if abs(round(x, d) - x) < 1e-9:
            return d
    return 3
