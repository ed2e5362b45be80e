"""Scale an amount to its unit without multiplier words: 1,5 "tỷ đồng" → 1.5e9 "đồng".

The words and abbreviations live in chitieu/data/unit_scale.yaml.
"""

from __future__ import annotations

from functools import cache

from chitieu.extract import lexicon


@cache
def _tables() -> tuple[dict[str, float], dict[str, tuple[float, str]]]:
    data = lexicon.load("unit_scale")
    multipliers = {k.lower(): float(v) for k, v in data["multipliers"].items()}
    abbreviations = {k.lower(): (float(v["factor"]), v["unit"]) for k, v in data["abbreviations"].items()}
    return multipliers, abbreviations


@cache
def split_unit(unit: str) -> tuple[float, str | None]:
    """The multiplier and the base unit of `unit`: "nghìn tỷ đồng" → (1e12, "đồng")."""
    multipliers, abbreviations = _tables()
    words = unit.split()
    factor = 1.0
    i = 0
    while i < len(words) and words[i].lower() in multipliers:
        factor *= multipliers[words[i].lower()]
        i += 1
    rest = words[i:]
    if rest and rest[0].lower() in abbreviations:
        extra, base = abbreviations[rest[0].lower()]
        return factor * extra, " ".join([base, *rest[1:]])
    return factor, (" ".join(rest) or None)


def scale(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    """`value` in the base unit of `unit`, and that base unit."""
    if unit is None or not unit.strip():
        return value, unit
    factor, base = split_unit(unit.strip())
    if value is None:
        return None, base
    return value * factor, base
