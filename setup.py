"""Build hook: compile the grammar (the modules of chitieu/extract) with mypyc.

The compiled modules run the same code about 3.7x faster (README, "Benchmarks"). Set
CHITIEU_PURE=1 to build without them; when no C compiler works the build goes on
without them too (the extensions are optional) and the grammar runs as Python source.
All other metadata is in pyproject.toml.
"""

import os
from pathlib import Path

from setuptools import setup

NEVER_COMPILED = {"__init__.py", "_native.py"}  # see chitieu/extract/_native.py


def grammar_extensions() -> list:
    if os.environ.get("CHITIEU_PURE", "").strip().lower() in ("1", "true", "yes"):
        return []
    from mypyc.build import mypycify

    sources = sorted(str(p) for p in Path("chitieu/extract").glob("*.py") if p.name not in NEVER_COMPILED)
    extensions = mypycify(["--ignore-missing-imports", *sources], opt_level="3")
    for ext in extensions:
        ext.optional = True
    return extensions


setup(ext_modules=grammar_extensions())
