"""Language data lives in YAML files under chitieu/data/; this module loads them.

`load(name)` returns the parsed file `chitieu/data/NAME.yaml` (cached). Grammar code
never hard-codes word lists; it asks for them here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader when PyYAML was built with it (about 6x faster to load the data files);
# the same safe subset of YAML either way.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    ref = resources.files("chitieu") / "data" / f"{name}.yaml"
    with ref.open("r", encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # _LOADER is a safe loader


def data_names() -> list[str]:
    base = resources.files("chitieu") / "data"
    return sorted(p.name[:-5] for p in base.iterdir() if p.name.endswith(".yaml"))
