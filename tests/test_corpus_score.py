"""The extractor against the real reports in ../shared, scored by ../shared/eval/score.py.

Floors come from issue 2. The corpus is not part of this repository; when ../shared is
absent the test is skipped and says so.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from chitieu.extract import extract
from chitieu.read import read_path

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "eval" / "score.py"

FLOORS = {
    ("lists", "facts", "f1"): 0.85,
    ("facts_strict", "f1"): 0.75,
    ("lists", "tallies", "f1"): 0.85,
    ("lists", "references", "f1"): 0.85,
    ("lists", "people", "f1"): 0.85,
    ("lists", "directives", "f1"): 0.50,
    ("lists", "requests", "f1"): 0.50,
    ("document_fields", "locality"): 0.70,
    ("document_fields", "period"): 0.70,
}

pytestmark = pytest.mark.skipif(
    not (CORPUS.is_dir() and SCORER.is_file()),
    reason=f"SKIPPED: the shared corpus and scorer are not at {SHARED} (they sit beside the clone in CI)",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    pred = tmp_path_factory.mktemp("pred")
    for txt in sorted(CORPUS.glob("*/*.txt")):
        doc = read_path(txt)
        out = extract(doc.text, title=doc.title, published=doc.published).to_dict()
        (pred / f"{txt.stem}.json").write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("chitieu_shared_score", SCORER)
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = tmp_path_factory.mktemp("gold")
    for g in sorted(CORPUS.glob("*/*.gold.json")):
        (gold / g.name).write_bytes(g.read_bytes())
    report_path = tmp_path_factory.mktemp("report") / "report.json"
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        scorer.main(["--gold", str(gold), "--pred", str(pred), "--json"])
    report_path.write_text(buf.getvalue(), encoding="utf-8")
    return json.loads(buf.getvalue())


@pytest.mark.parametrize("path,floor", list(FLOORS.items()), ids=["/".join(k) for k in FLOORS])
def test_corpus_floor(report: dict, path: tuple[str, ...], floor: float) -> None:
    value = report
    for key in path:
        value = value[key]
    assert value is not None and value >= floor, f"{'/'.join(path)} = {value} < {floor}"


def test_every_document_predicted(report: dict) -> None:
    assert report["missing_predictions"] == 0
    assert report["documents"] == len(list(CORPUS.glob("*/*.gold.json")))
