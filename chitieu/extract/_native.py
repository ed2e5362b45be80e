"""Which build of the grammar runs: the mypyc-compiled modules or their Python source.

`setup.py` compiles the modules of this package with mypyc (about 1.3-1.6x faster);
`pip install -e .` puts the compiled libraries next to the sources. Python would load a
compiled library even after its source was edited, so before any grammar module is
imported, `choose()` checks that every compiled library is newer than its source. When
one is not, or when CHITIEU_PURE=1 is set, or when there is no compiled build, all
grammar modules are loaded from source: the compiled modules call each other directly,
so the two builds are never mixed. `scripts/setup.sh` rebuilds a stale build.

This module and the package's `__init__` are never compiled.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = __name__.rpartition(".")[0]
HERE = Path(__file__).resolve().parent
NEVER_COMPILED = frozenset({"__init__", "_native"})
PURE_ENV = "CHITIEU_PURE"


def compiled_libraries(folder: Path) -> dict[str, Path]:
    """module name -> its compiled library in `folder`."""
    out: dict[str, Path] = {}
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for lib in folder.glob("*" + suffix):
            name = lib.name[: -len(suffix)]
            if name.isidentifier():  # "facts", not "facts.cpython-311-x86_64-linux-gnu"
                out.setdefault(name, lib)
    return out


def stale_reason(folder: Path) -> str | None:
    """Why the compiled build in `folder` must not be used; None when it is sound."""
    libs = compiled_libraries(folder)
    if not libs:
        return "no compiled build"
    for name, lib in sorted(libs.items()):
        source = folder / f"{name}.py"
        if source.exists() and source.stat().st_mtime > lib.stat().st_mtime:
            return f"{source.name} is newer than its compiled library"
    return None


class SourceFinder(importlib.abc.MetaPathFinder):
    """Loads every module of the package from its .py file, never from a compiled library."""

    def __init__(self, package: str, folder: Path) -> None:
        self.package, self.folder = package, folder

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        parent, _, leaf = fullname.rpartition(".")
        if parent != self.package:
            return None
        source = self.folder / f"{leaf}.py"
        if not source.is_file():
            return None
        return importlib.util.spec_from_file_location(fullname, source)


def _load_failure() -> str | None:
    """Why the compiled build does not load (a partial build, another Python), or None."""
    libs = compiled_libraries(HERE)
    name = "spans" if "spans" in libs else min(libs)  # a small module: loading it loads the build
    try:
        importlib.import_module(f"{PACKAGE}.{name}")
    except ImportError as exc:
        for key in [k for k in sys.modules if k.startswith(PACKAGE + ".") and k != __name__]:
            del sys.modules[key]
        return f"the compiled build does not load: {exc}"
    return None


def choose() -> tuple[bool, str]:
    """Install the source finder unless the compiled build is sound: (compiled?, why)."""
    if os.environ.get(PURE_ENV, "").strip().lower() in ("1", "true", "yes"):
        reason: str | None = f"{PURE_ENV} is set"
    else:
        reason = stale_reason(HERE)
    if reason is None:
        reason = _load_failure()
    if reason is None:
        return True, "compiled with mypyc"
    if not compiled_libraries(HERE):
        return False, f"Python source ({reason})"
    if not any(isinstance(f, SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFinder(PACKAGE, HERE))
    if reason.endswith("newer than its compiled library"):
        warnings.warn(f"chitieu: the compiled grammar is out of date ({reason}); running the "
                      "Python source instead. Run scripts/setup.sh to rebuild it.", stacklevel=3)
    return False, f"Python source ({reason})"
