"""Fact clauses with their gold: each maker picks a template, samples numbers, and
returns the clause text plus the fields the spec assigns to it (chitieu.extract/1)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from chitieu.catalogue import area
from chitieu.extract import lexicon
from chitieu.synth import numbers as num
from chitieu.synth.context import COUNT_SCALE, SCALE, Context
from chitieu.synth.template import fill, literal, slots

_ESTIMATE = re.compile(r"(?<!\w)ước(?!\w)")


@dataclass(slots=True)
class FactClause:
    """A fact clause before placement: `indicator_span` is relative to `text`."""

    code: str
    text: str
    indicator: str | None  # explicit indicator (counts); else taken from indicator_span
    indicator_span: tuple[int, int] | None
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def area(self) -> str:
        return area(self.code) or "kinh tế"


def _data() -> dict[str, Any]:
    return lexicon.load("synth_templates")


def make_facts(ctx: Context, n: int) -> list[FactClause]:
    """`n` fact clauses about distinct indicators."""
    makers = _makers(ctx)
    ctx.rng.shuffle(makers)
    out: list[FactClause] = []
    used: set[str] = set()
    for code, make in makers:
        if len(out) >= n:
            break
        if code in used:
            continue
        used.add(code)
        out.append(make())
    return out


def _makers(ctx: Context) -> list[tuple[str, Any]]:
    d = _data()
    out: list[tuple[str, Any]] = []
    for s in d["amount_subjects"]:
        out.append((s["code"], lambda s=s: _amount(ctx, s)))
    for s in d["rate_subjects"]:
        out.append((s["code"], lambda s=s: _rate(ctx, s)))
    for t in d["count_templates"]:
        if ctx.rank not in (t.get("not_for") or ()):
            out.append((t["code"], lambda t=t: _count(ctx, t)))
    for s in d["event_subjects"]:
        out.append((s["code"], lambda s=s: _event(ctx, s)))
    for s in d["share_subjects"]:
        out.append((s["code"], lambda s=s: _share(ctx, s)))
    return out


# ---------------------------------------------------------------- makers
def _amount(ctx: Context, subj: dict[str, Any]) -> FactClause:
    rng, d = ctx.rng, _data()
    lo, hi = subj["range"]
    scale = SCALE[ctx.rank]
    if subj.get("money"):
        if rng.random() < 0.12 and ctx.rank != "commune":
            return _compound(ctx, subj, rng.uniform(lo, hi) * scale)
        units = d["money_units"]
        unit = rng.choices([u["unit"] for u in units], weights=[u["weight"] for u in units])[0]
        if ctx.rank == "commune" and rng.random() < 0.8:
            unit = "triệu đồng"
        base = rng.uniform(lo, hi) * scale
        if unit == "triệu đồng":
            value, dec = int(base * 1000), 0
        else:
            dec = num.decimals_for(rng) if base >= 10 else 2  # "2/5 tỷ đồng" reads like a fraction
            value = round(base, dec) if dec else max(1, int(base))
    else:
        unit = rng.choice(subj["units"])
        base = rng.uniform(lo, hi) * (scale if scale < 1 and not subj.get("decimals") else 1)
        dec = subj.get("decimals", 0)
        if unit.startswith("nghìn "):
            base, dec = base / 1000, 1
        value = round(base, dec) if dec else max(1, int(base))
    template = rng.choice(d["amount_templates"])
    return _render(ctx, subj, template, value=value, dec=dec, unit=unit)


def _compound(ctx: Context, subj: dict[str, Any], base: float) -> FactClause:
    rng = ctx.rng
    whole, millions = max(1, int(base)), rng.randint(1, 999)
    text = f"{num.write(whole, 0)} tỷ {millions} triệu đồng"
    value = round(whole + millions / 1000, 3)
    template = rng.choice(_data()["money_compound_templates"])
    return _render(ctx, subj, template, value=value, dec=3, unit="tỷ đồng", compound=text)


def _rate(ctx: Context, subj: dict[str, Any]) -> FactClause:
    rng = ctx.rng
    lo, hi = subj["range"]
    value = num.sample(rng, lo, hi, rng.choice((1, 2)))
    key = "rate_templates_lower" if subj.get("lower") else "rate_templates_higher"
    template = rng.choice(_data()[key])
    return _render(ctx, subj, template, value=value, dec=num.places(value), unit="%")


def _count(ctx: Context, t: dict[str, Any]) -> FactClause:
    rng = ctx.rng
    lo, hi = t["range"]
    s = COUNT_SCALE[ctx.rank]
    value = rng.randint(max(1, int(lo * s)), max(2, int(hi * s)))
    return _render(ctx, t, t["text"], value=value, dec=0, unit=t["unit"], indicator=t["indicator"])


def _event(ctx: Context, subj: dict[str, Any]) -> FactClause:
    lo, hi = subj["range"]
    s = COUNT_SCALE[ctx.rank] if ctx.rank != "province" else 4.0
    value = ctx.rng.randint(max(1, int(lo * s)), max(2, int(hi * s)))
    template = ctx.rng.choice(_data()["event_templates"])
    return _render(ctx, subj, template, value=value, dec=0, unit="vụ")


def _share(ctx: Context, subj: dict[str, Any]) -> FactClause:
    template = ctx.rng.choice(_data()["share_templates"])
    return _render(ctx, subj, template, value=None, dec=0, unit=None)


# ---------------------------------------------------------------- rendering
def _render(ctx: Context, spec: dict[str, Any], template: str, *, value: float | None, dec: int,
            unit: str | None, indicator: str | None = None, compound: str | None = None) -> FactClause:
    """Fill `template`, setting each gold field from the placeholder that carries it."""
    rng, d = ctx.rng, _data()
    need = slots(template)
    vals: dict[str, str] = {}
    f: dict[str, Any] = {"value": None, "unit": None, "plan_value": None, "plan_pct": None,
                         "plan_pct_other": [], "change_pct": None, "change_value": None,
                         "change_unit": None, "qualifier": None,
                         "estimated": bool(_ESTIMATE.search(literal(template)))}
    if "ind" in need:
        vals["ind"] = rng.choice(spec["words"])
    if "value" in need:
        vals["value"] = num.write(value, dec, pad=indicator is not None and rng.random() < 0.4)
        f["value"] = value
    if "compound" in need:
        vals["compound"] = compound
        f["value"] = value
    if "unit" in need or "compound" in need or ("value" in need and unit):
        f["unit"] = unit
        vals["unit"] = unit or ""
    if "plan_value" in need:
        plan = value / rng.uniform(0.35, 0.95)
        plan = round(plan, dec) if dec else int(plan) + 1
        vals["plan_value"] = num.write(plan, dec)
        f["plan_value"] = plan
        if "plan_pct" in need:
            f["plan_pct"] = round(value / plan * 100, 2)
    _percent_slots(ctx, spec, need, vals, f)
    _change_slots(ctx, need, vals, f, value, dec, unit)
    if "q" in need:
        vals["q"] = f["qualifier"] = rng.choice(d["qualifiers"])
    vals["plan"] = _fill_words(rng.choice(d["plan_words"]), ctx)
    vals["cmp"] = _fill_words(rng.choice(d["comparisons"]), ctx)
    text, spans = fill(template, ctx.fill_values(**vals))
    return FactClause(spec["code"], text, indicator, spans.get("ind"), f)


def _percent_slots(ctx: Context, spec: dict[str, Any], need: set[str], vals: dict[str, str],
                   f: dict[str, Any]) -> None:
    rng = ctx.rng
    if "plan_pct" in need:
        if f["plan_pct"] is None:
            centre = ctx.elapsed * 100
            f["plan_pct"] = spec.get("fixed") or num.sample(rng, max(12, centre - 30), centre + 25,
                                                            num.decimals_for(rng))
        vals["plan_pct"] = num.write(f["plan_pct"], num.places(f["plan_pct"]))
    if "plan_pct2" in need:
        other = num.sample(rng, max(10, f["plan_pct"] - 15), f["plan_pct"] + 15, num.decimals_for(rng))
        vals["plan_pct2"] = num.write(other, num.places(other))
        f["plan_pct_other"] = [other]
    if "over" in need:
        over = num.sample(rng, 1, 60, rng.choice((0, 1, 2)))
        vals["over"] = num.write(over, num.places(over))
        f["plan_pct"] = round(100 + over, 2)


def _change_slots(ctx: Context, need: set[str], vals: dict[str, str], f: dict[str, Any],
                  value: float | None, dec: int, unit: str | None) -> None:
    rng = ctx.rng
    lo, hi = (0.1, 3.0) if unit == "%" else (0.3, 35.0)  # a rate moves by points, an amount by percent
    for slot, sign in (("up", 1), ("down", -1)):
        if slot in need:
            x = num.sample(rng, lo, hi, rng.choice((1, 2)) if unit == "%" else rng.choice((0, 1, 2)))
            vals[slot] = num.write(x, num.places(x))
            f["change_pct"] = sign * x
    if "ratio" in need:
        r = num.sample(rng, 80, 190, rng.choice((0, 1, 2)))
        if r == 100:
            r = 101
        vals["ratio"] = num.write(r, num.places(r))
        f["change_pct"] = round(r - 100, 2)
    for slot, sign in (("up_value", 1), ("down_value", -1)):
        if slot in need and value is not None:
            x = round(value * rng.uniform(0.03, 0.3), dec) if dec else rng.randint(1, max(1, int(value) // 2))
            x = x or 1
            vals[slot] = num.write(x, dec)
            f["change_value"], f["change_unit"] = sign * x, unit


def _fill_words(text: str, ctx: Context) -> str:
    return fill(text, ctx.fill_values())[0]
