"""Who and when a synthetic report is about: a real unit, a period, a publication date."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from chitieu import localities
from chitieu.extract import lexicon
from chitieu.localities import POST2025, PRE2025, Locality

YEARS = range(2019, 2026)
ROMAN = ("I", "II", "III", "IV")
SCALE = {"district": 1.0, "commune": 0.02, "province": 8.0}  # money and amounts
COUNT_SCALE = {"district": 1.0, "commune": 0.1, "province": 8.0}


@dataclass(slots=True)
class Context:
    rng: random.Random
    unit: Locality
    period: str  # as written: "6 tháng đầu năm 2024"
    period_kind: str
    year: int
    elapsed: float  # share of the plan year at period end
    published: date
    words: dict[str, str] = field(default_factory=dict)  # placeholders shared by all templates

    @property
    def rank(self) -> str:
        return self.unit.rank

    def fill_values(self, **extra: str) -> dict[str, str]:
        return {**self.words, **extra}


def new_context(rng: random.Random) -> Context:
    kind, period, year, elapsed, end = _period(rng)
    published = end - timedelta(days=rng.randint(0, 20))
    if kind == "year":
        published = date(year, 12, rng.randint(5, 28))
    scheme = POST2025 if published >= localities.REFORM_DATE else PRE2025
    unit = _unit(rng, scheme)
    ctx = Context(rng, unit, period, kind, year, elapsed, published)
    ctx.words = _words(rng, unit, period, year)
    return ctx


def _period(rng: random.Random) -> tuple[str, str, int, float, date]:
    year = rng.choice(YEARS)
    kind = rng.choices(("quarter", "half", "nine_months", "year"), weights=(2, 4, 2, 3))[0]
    if kind == "quarter":
        q = rng.randint(1, 4)
        text = rng.choice((f"quý {ROMAN[q - 1]}/{year}", f"quý {ROMAN[q - 1]} năm {year}"))
        return kind, text, year, q / 4, _month_end(year, 3 * q)
    if kind == "half":
        return kind, f"6 tháng đầu năm {year}", year, 0.5, date(year, 6, 30)
    if kind == "nine_months":
        text = rng.choice((f"9 tháng đầu năm {year}", f"9 tháng năm {year}"))
        return kind, text, year, 0.75, date(year, 9, 30)
    return kind, f"năm {year}", year, 1.0, date(year, 12, 31)


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _unit(rng: random.Random, scheme: str) -> Locality:
    if scheme == POST2025:
        rank = rng.choices(("commune", "province"), weights=(3, 1))[0]
    else:
        rank = rng.choices(("district", "commune", "province"), weights=(6, 3, 1))[0]
    return rng.choice(_units(rank, scheme))


@cache
def _units(rank: str, scheme: str) -> tuple[Locality, ...]:
    units = localities.list_units(rank, scheme=scheme)
    units = [u for u in units if not any(ch.isdigit() for ch in u.name)]  # "phường 6": a number, not a name
    if rank == "commune":
        units = [u for u in units if u.level in ("xã", "phường", "thị trấn")]
    if rank == "district":
        units = [u for u in units if u.level != "quận"]
    return tuple(sorted(units, key=lambda u: u.code))


def _words(rng: random.Random, unit: Locality, period: str, year: int) -> dict[str, str]:
    data = lexicon.load("synth_templates")
    loc = unit.full_name
    committee = data["committees"][unit.level].format(name=unit.name)
    w = {
        "loc": loc, "Loc": loc[:1].upper() + loc[1:], "level": unit.level, "whole": f"toàn {unit.level}",
        "committee": committee, "period": period, "prev": str(year - 1), "name_unit": unit.name,
        "province": unit.province, "province_loc": _province_loc(unit),
    }
    key = _rank_key(unit)
    if unit.rank == "commune" and unit.scheme == PRE2025:
        district = localities.get(unit.district_code or "", rank="district")
        d_level = district.level if district else "huyện"
        w["district_loc"] = f"{d_level} {unit.district}"
        w["district_committee"] = data["committees"][d_level].format(name=unit.district)
        w["upper"] = d_level
    else:
        w["upper"] = "Trung ương" if unit.rank == "province" else "tỉnh"
    w["upper_body"] = rng.choice(data["upper_bodies"][key]).format(**w)
    body = rng.choice((f"Ban Thường vụ {committee}", f"UBND {loc}")) if unit.rank != "commune" else \
        rng.choice((committee, f"UBND {loc}"))
    w["body"] = body
    w["Body"] = body[:1].upper() + body[1:]
    return w


def _province_loc(unit: Locality) -> str:
    province = localities.get(unit.province_code, rank="province", scheme=unit.scheme)
    level = province.level if province else "tỉnh"
    return f"{level} {unit.province}"


def _rank_key(unit: Locality) -> str:
    if unit.rank == "commune" and unit.scheme == POST2025:
        return "commune_post"
    return unit.rank
