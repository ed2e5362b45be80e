"""Synthetic report articles with exact gold, for measuring the extractor.

`generate(n, seed)` yields `SynthDoc`s: realistic commune/district/province report
articles (real unit names from vietnamadminunits; periods 2019-2025) whose every
sentence comes from the templates in chitieu/data/synth_templates.yaml. Text and
gold (chitieu.extract/1, with spans) are built together, so the gold is right by
construction. The same (n, seed) always gives the same documents, and document i
does not depend on n.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chitieu.synth.article import build


@dataclass(frozen=True, slots=True)
class SynthDoc:
    name: str
    text: str
    gold: dict[str, Any]  # chitieu.extract/1
    meta: dict[str, Any]  # locality, codes, period, published, seed


def generate(n: int, seed: int = 0) -> Iterator[SynthDoc]:
    """`n` synthetic documents; deterministic for a given seed."""
    for i in range(n):
        rng = random.Random(f"chitieu-synth:{seed}:{i}")
        text, gold, meta = build(rng)
        meta = {**meta, "seed": seed, "index": i}
        yield SynthDoc(name=f"synth-{seed}-{i:05d}", text=text, gold=gold, meta=meta)


def write(doc: SynthDoc, out_dir: Path) -> None:
    """OUT/NAME.txt and OUT/NAME.gold.json (the layout ../shared/eval/score.py reads)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
    (out_dir / f"{doc.name}.gold.json").write_text(
        json.dumps(doc.gold, ensure_ascii=False, indent=1), encoding="utf-8")
