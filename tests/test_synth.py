"""Synthetic reports: gold exact by construction, deterministic, real units; extractor F1 on them."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from chitieu import localities
from chitieu.catalogue import match_indicator
from chitieu.cli import main
from chitieu.extract import lexicon
from chitieu.model import SCHEMA
from chitieu.periods import parse_period
from chitieu.synth import generate

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
DOCS = list(generate(200, seed=7))
LISTS = ("facts", "tallies", "references", "people", "directives", "requests")


def _number_forms(x: float) -> set[str]:
    """Ways a gold number may stand in the text: "21.000", "53,59", "02"."""
    whole = f"{int(x):,}".replace(",", ".")
    if float(x).is_integer():
        return {whole, f"0{int(x)}"}
    decimals = f"{x:.3f}".split(".")[1].rstrip("0")
    return {f"{whole},{decimals}"}


def test_schema_and_document_fields() -> None:
    for d in DOCS:
        assert d.gold["schema"] == SCHEMA
        doc = d.gold["document"]
        assert d.text.startswith(doc["title"])
        assert doc["locality"] in d.text and doc["period"] in d.text
        p = parse_period(doc["period"], doc["published"])
        assert p is not None and p.year == d.meta["year"]


def test_spans_point_at_the_gold_text() -> None:
    for d in DOCS:
        for name in LISTS:
            for item in d.gold[name]:
                s, e = item["span"]
                target = item.get("text", item.get("name"))
                assert d.text[s:e] == target, (d.name, name, item)


def test_fact_numbers_and_words_stand_in_the_clause() -> None:
    for d in DOCS:
        for f in d.gold["facts"]:
            clause = f["text"]
            for role in ("value", "plan_value", "plan_pct"):
                if f[role] is not None and not (role == "plan_pct" and f[role] > 100 and "vượt" in clause):
                    if role == "value" and re.search(r"\d tỷ \d+ triệu", clause):
                        continue  # compound amounts: "31 tỷ 500 triệu đồng" → 31.5
                    assert any(form in clause for form in _number_forms(f[role])), (role, f)
            if f["unit"] and f["unit"] != "tỷ đồng":
                assert f["unit"] in clause
            if f["qualifier"]:
                assert re.search(rf"(?<!\w){f['qualifier']} \d", clause)
            assert f["estimated"] == bool(re.search(r"(?<!\w)ước(?!\w)", clause))
            syllables = set(re.findall(r"\w+", clause.lower()))
            assert set(re.findall(r"\w+", f["indicator"].lower())) <= syllables, f


def test_indicator_words_match_their_catalogue_code() -> None:
    data = lexicon.load("synth_templates")
    subjects = [*data["amount_subjects"], *data["rate_subjects"], *data["event_subjects"],
                *data["share_subjects"]]
    for s in subjects:
        for words in s["words"]:
            assert match_indicator(words) == s["code"], words
    for t in data["count_templates"]:
        assert match_indicator(t["indicator"]) == t["code"], t["indicator"]


def test_tally_reference_numbers_are_not_facts() -> None:
    for d in DOCS:
        fact_spans = [f["span"] for f in d.gold["facts"]]
        for name in ("tallies", "references", "directives", "requests"):
            for item in d.gold[name]:
                s, e = item["span"]
                assert all(e <= fs or s >= fe for fs, fe in fact_spans)


def test_deterministic_per_seed_and_prefix_stable() -> None:
    again = list(generate(20, seed=7))
    assert [(d.name, d.text, d.gold) for d in again] == [(d.name, d.text, d.gold) for d in DOCS[:20]]
    other = list(generate(20, seed=8))
    assert [d.text for d in other] != [d.text for d in again]


def test_units_are_real() -> None:
    for d in DOCS:
        m = d.meta
        unit = localities.get(m["locality_code"], rank=m["locality_rank"], scheme=m["scheme"])
        assert unit is not None and unit.full_name == m["locality"] == d.gold["document"]["locality"]
        assert unit.province_code == m["province_code"]


def test_variety() -> None:
    kinds = {d.meta["period_kind"] for d in DOCS}
    years = {d.meta["year"] for d in DOCS}
    ranks = {d.meta["locality_rank"] for d in DOCS}
    assert kinds == {"quarter", "half", "nine_months", "year"}
    assert years >= set(range(2019, 2026))
    assert ranks == {"district", "commune", "province"}
    facts = [f for d in DOCS for f in d.gold["facts"]]
    assert len(facts) >= 7 * len(DOCS)
    for key in ("plan_value", "plan_pct", "change_pct", "change_value", "qualifier"):
        assert sum(f[key] is not None for f in facts) > 20, key
    assert sum(bool(f.get("plan_pct_other")) for f in facts) > 5
    assert sum(f["estimated"] for f in facts) > 50
    assert {t["total"] is None for d in DOCS for t in d.gold["tallies"]} == {True, False}


def test_cli_writes_txt_and_gold(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["synth", "--docs", "3", "--out", str(tmp_path), "--seed", "7"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{d.name}{ext}" for d in DOCS[:3] for ext in (".txt", ".gold.json"))
    gold = json.loads((tmp_path / f"{DOCS[0].name}.gold.json").read_text(encoding="utf-8"))
    assert gold == json.loads(json.dumps(DOCS[0].gold))
    assert (tmp_path / f"{DOCS[0].name}.txt").read_text(encoding="utf-8") == DOCS[0].text


def _scorer():
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not here ({SCORER}); run inside the project workspace")
    spec = importlib.util.spec_from_file_location("chitieu_shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_extractor_facts_f1_on_1000_synthetic_documents() -> None:
    from chitieu.extract import extract

    sc = _scorer()
    totals = {name: sc.Tally() for name in sc.LISTS}
    strict = sc.Tally()
    fields = {f: [0, 0] for f in (*sc.FACT_FIELDS, "person title")}
    doc_fields = {f: [0, 0] for f in sc.DOC_FIELDS}
    for d in generate(1000, seed=2024):
        pred = extract(d.text).to_dict()
        sc.score_document(d.gold, pred, totals, fields, strict, doc_fields)
    precision, recall, f1 = totals["facts"].prf()
    assert f1 >= 0.98, f"facts P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def test_synth_templates_file_has_known_keys() -> None:
    data = lexicon.load("synth_templates")
    known = {
        "amount_subjects": {"code", "money", "units", "range", "decimals", "words"},
        "rate_subjects": {"code", "lower", "range", "words"},
        "count_templates": {"code", "range", "unit", "indicator", "text", "not_for"},
        "event_subjects": {"code", "range", "words"},
        "share_subjects": {"code", "fixed", "range", "words"},
        "references": {"kind", "code", "issuer", "sep"},
        "tallies": {"what", "total", "text", "before", "after"},
    }
    for section, keys in known.items():
        for entry in data[section]:
            assert set(entry) <= keys, (section, entry)
            assert all(v is not None for v in entry.values()), (section, entry)  # an unquoted comma
    for section in ("amount_templates", "rate_templates_lower", "rate_templates_higher", "event_templates",
                    "share_templates", "money_compound_templates", "directives", "requests"):
        items = data[section]
        assert items and len(items) == len(set(items)), section
