"""One synthetic report article: text and gold built together, piece by piece.

Every piece is appended through `_Doc.add`, which returns the piece's span, so each
gold item's span is exact by construction.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from chitieu.extract import lexicon
from chitieu.model import Clause, DocumentFields, Extraction, Fact, Person, Reference, Tally
from chitieu.synth import numbers as num
from chitieu.synth.context import Context, new_context
from chitieu.synth.facts import FactClause, make_facts
from chitieu.synth.template import fill, upper_first

AREA_ORDER = (("kinh tế", "economy"), ("ngân sách", "budget"), ("xã hội", "social"),
              ("xây dựng Đảng", "party"), ("quốc phòng - an ninh", "security"))


@dataclass(slots=True)
class _Doc:
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    out: Extraction = field(default_factory=Extraction)
    names: set[str] = field(default_factory=set)

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos

    @property
    def text(self) -> str:
        return "".join(self.parts)


def build(rng: random.Random) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(text, gold in chitieu.extract/1, meta) of one article."""
    ctx = new_context(rng)
    doc = _Doc()
    d = lexicon.load("synth_templates")
    _head(ctx, doc, d)
    leader = _people(ctx, doc, d)
    facts = make_facts(ctx, rng.randint(7, 13))
    for area_name, key in AREA_ORDER:
        group = [f for f in facts if f.area == area_name]
        if group:
            _paragraph(ctx, doc, d["paragraph_openers"][key], group)
        if key == "budget":
            _tally(ctx, doc, d)
    _reference(ctx, doc, d)
    _petition(ctx, doc, d)
    _conclusion(ctx, doc, d, leader)
    _byline(ctx, doc, d)
    meta = {
        "locality": ctx.unit.full_name, "locality_code": ctx.unit.code, "locality_rank": ctx.unit.rank,
        "scheme": ctx.unit.scheme, "province": ctx.unit.province, "province_code": ctx.unit.province_code,
        "period": ctx.period, "period_kind": ctx.period_kind, "year": ctx.year,
        "published": ctx.published.isoformat(),
    }
    return doc.text, doc.out.to_dict(), meta


# ---------------------------------------------------------------- sections
def _head(ctx: Context, doc: _Doc, d: dict[str, Any]) -> None:
    rng = ctx.rng
    title = upper_first(_fill(rng.choice(d["titles"]), ctx))
    doc.add(title + "\n")
    published = None
    if rng.random() < 0.8:
        p = ctx.published
        stamp = fill(rng.choice(d["stamps"]), {
            "dd": f"{p.day:02d}", "mm": f"{p.month:02d}", "yyyy": str(p.year),
            "hh": f"{rng.randint(6, 21):02d}", "mi": f"{rng.randint(0, 59):02d}"})[0]
        doc.add(stamp + "\n")
        published = p.isoformat()
    doc.add("\n")
    doc.out.document = DocumentFields(title=title, published=published, locality=ctx.unit.full_name,
                                      period=ctx.period)
    day = ctx.published
    doc.add(_fill(rng.choice(d["intros"]), ctx, d=str(day.day), m=str(day.month)))


def _people(ctx: Context, doc: _Doc, d: dict[str, Any]) -> str:
    """The visiting leader (returned: named again in the conclusion) and the local host."""
    rng = ctx.rng
    key = "commune_post" if ctx.unit.rank == "commune" and ctx.unit.scheme == "post2025" else ctx.unit.rank
    leader, host = _name(rng, doc), _name(rng, doc)
    lead_title = _fill(rng.choice(d["upper_titles"][key]), ctx)
    host_title = _fill(rng.choice(d["host_titles"][ctx.unit.rank]), ctx)
    doc.add(" ")
    _person_line(doc, rng.choice(d["leader_lines"]), leader, lead_title)
    doc.add("\n\n")
    _person_line(doc, rng.choice(d["host_lines"]), host, host_title)
    doc.add("\n\n")
    if rng.random() < 0.5:
        doc.add(rng.choice(d["captions"]) + "\n\n")
    return leader


def _person_line(doc: _Doc, template: str, name: str, title: str) -> None:
    text, spans = fill(template, {"name": name, "title": title})
    start = doc.pos
    doc.add(upper_first(text))
    s, e = spans["name"]
    doc.out.people.append(Person(name=name, title=title, span=(start + s, start + e)))


def _paragraph(ctx: Context, doc: _Doc, openers: list[str], group: list[FactClause]) -> None:
    rng = ctx.rng
    opener = _fill(rng.choice(openers), ctx)
    i = 0
    first = True
    while i < len(group):
        size = rng.randint(1, 3)
        openers_later = lexicon.load("synth_templates")["sentence_openers"]
        lead = opener if first else _fill(rng.choice(openers_later), ctx)
        doc.add(upper_first(lead) if lead else "")
        chunk = _sentence(group[i:i + size])
        for j, clause in enumerate(chunk):
            if j:
                doc.add("; ")
            _place_fact(doc, clause, capital=not lead and j == 0)
        doc.add(". ")
        i += len(chunk)
        first = False
    doc.parts[-1] = ".\n\n"
    doc.pos += len(".\n\n") - len(". ")


def _sentence(clauses: list[FactClause]) -> list[FactClause]:
    """The clauses that share one sentence: a plain clause never follows an estimated one
    there, since the annotation conventions let a following clause continue an "ước"."""
    out = clauses[:1]
    for c in clauses[1:]:
        if out[-1].fields["estimated"] and not c.fields["estimated"]:
            break
        out.append(c)
    return out


def _place_fact(doc: _Doc, clause: FactClause, *, capital: bool) -> None:
    text = upper_first(clause.text) if capital else clause.text
    start, end = doc.add(text)
    if clause.indicator is not None:
        indicator = clause.indicator
    else:
        s, e = clause.indicator_span or (0, 0)
        indicator = text[s:e]
    doc.out.facts.append(Fact(indicator=indicator, text=text, span=(start, end), **clause.fields))


def _tally(ctx: Context, doc: _Doc, d: dict[str, Any]) -> None:
    rng = ctx.rng
    spec = rng.choice(d["tallies"])
    total = rng.randint(12, 30)
    achieved = rng.randint(max(1, total // 2), total)
    text = fill(spec["text"], {"achieved": num.write(achieved, 0, pad=rng.random() < 0.3),
                               "total": str(total)})[0]
    doc.add(spec["before"])
    span = doc.add(text)
    doc.add(spec["after"] + "\n\n")
    doc.out.tallies.append(Tally(achieved=achieved, total=total if spec["total"] else None,
                                 what=spec["what"], text=text, span=span))


def _reference(ctx: Context, doc: _Doc, d: dict[str, Any]) -> None:
    rng = ctx.rng
    spec = rng.choice(d["references"])
    year = rng.randint(2016, ctx.year)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    number = f"{rng.randint(1, 350):02d}{spec['sep']}{spec['code']}"
    text = f"{spec['kind']} số {number} ngày {day:02d}/{month}/{year} của {spec['issuer']}"
    line = _fill(rng.choice(d["reference_lines"]), ctx, ref="\x00", topic=rng.choice(d["reference_topics"]))
    before, after = line.split("\x00")
    doc.add(before)
    span = doc.add(text)
    doc.add(after + "\n\n")
    iso = f"{year}-{month:02d}-{day:02d}"
    doc.out.references.append(Reference(kind=spec["kind"], number=number, date=iso,
                                        issuer=spec["issuer"], text=text, span=span))


def _petition(ctx: Context, doc: _Doc, d: dict[str, Any]) -> None:
    rng = ctx.rng
    doc.add(upper_first(_fill(rng.choice(d["petition_openers"]), ctx)))
    _clauses(doc, rng.sample(d["requests"], rng.randint(1, 3)), doc.out.requests)


def _conclusion(ctx: Context, doc: _Doc, d: dict[str, Any], leader: str) -> None:
    rng = ctx.rng
    doc.add(_fill(rng.choice(d["conclusion_openers"]), ctx, name=leader))
    _clauses(doc, rng.sample(d["directives"], rng.randint(2, 4)), doc.out.directives)


def _clauses(doc: _Doc, items: list[str], into: list[Clause]) -> None:
    for i, item in enumerate(items):
        if i:
            doc.add("; ")
        into.append(Clause(text=item, span=doc.add(item)))
    doc.add(".\n\n")


def _byline(ctx: Context, doc: _Doc, d: dict[str, Any]) -> None:
    rng = ctx.rng
    pens = [_pen_name(rng, doc) for _ in range(rng.choice((1, 1, 2)))]
    for i, pen in enumerate(pens):
        if i:
            doc.add(" - ")
        doc.out.people.append(Person(name=pen, title=None, span=doc.add(pen)))
    doc.add("\n")
    if rng.random() < 0.6:
        doc.add("\n" + _fill(rng.choice(d["footers"]), ctx) + "\n")


# ---------------------------------------------------------------- helpers
def _name(rng: random.Random, doc: _Doc) -> str:
    d = lexicon.load("synth_templates")
    while True:
        name = f"{rng.choice(d['surnames'])} {rng.choice(d['middle_names'])} {rng.choice(d['given_names'])}"
        if name not in doc.names:
            doc.names.add(name)
            return name


def _pen_name(rng: random.Random, doc: _Doc) -> str:
    d = lexicon.load("synth_templates")
    while True:
        name = f"{rng.choice(d['surnames'])} {rng.choice(d['given_names'])}"
        if name not in doc.names:
            doc.names.add(name)
            return name


def _fill(template: str, ctx: Context, **extra: str) -> str:
    return fill(template, ctx.fill_values(**extra))[0]
