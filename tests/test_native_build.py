"""The compiled grammar (mypyc, setup.py) and its Python source: which runs, and that
both give the same extraction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from chitieu.extract import BUILD, COMPILED, _native, extract

SAMPLE = Path(__file__).resolve().parent.parent / "chitieu" / "samples" / "bao-cao-mau-6-thang.txt"


def _touch(path: Path, mtime: float) -> None:
    path.write_text("", encoding="utf-8")
    os.utime(path, (mtime, mtime))


def test_no_compiled_library_means_source(tmp_path: Path) -> None:
    _touch(tmp_path / "facts.py", 1000)
    assert _native.compiled_libraries(tmp_path) == {}
    assert _native.stale_reason(tmp_path) == "no compiled build"


def test_a_library_newer_than_its_source_is_sound(tmp_path: Path) -> None:
    _touch(tmp_path / "facts.py", 1000)
    _touch(tmp_path / f"facts{EXTENSION_SUFFIXES[0]}", 2000)
    assert set(_native.compiled_libraries(tmp_path)) == {"facts"}
    assert _native.stale_reason(tmp_path) is None


def test_a_source_edited_after_the_build_makes_it_stale(tmp_path: Path) -> None:
    _touch(tmp_path / f"facts{EXTENSION_SUFFIXES[0]}", 2000)
    _touch(tmp_path / "atoms.py", 1000)
    _touch(tmp_path / f"atoms{EXTENSION_SUFFIXES[0]}", 2000)
    _touch(tmp_path / "facts.py", 3000)
    assert _native.stale_reason(tmp_path) == "facts.py is newer than its compiled library"


def test_source_finder_loads_only_the_package_from_py_files(tmp_path: Path) -> None:
    (tmp_path / "mod.py").write_text("VALUE = 41 + 1\n", encoding="utf-8")
    finder = _native.SourceFinder("somepkg", tmp_path)
    spec = finder.find_spec("somepkg.mod")
    assert spec is not None and spec.origin == str(tmp_path / "mod.py")
    assert finder.find_spec("otherpkg.mod") is None
    assert finder.find_spec("somepkg.missing") is None


def test_build_is_reported() -> None:
    assert BUILD == "compiled with mypyc" if COMPILED else BUILD.startswith("Python source (")


def test_source_and_running_build_extract_the_same() -> None:
    """The sample report through CHITIEU_PURE=1 (source) in a child process equals this
    process's build (compiled after scripts/setup.sh, else source too)."""
    text = SAMPLE.read_text(encoding="utf-8")
    code = (
        "import json, sys\n"
        "from chitieu.extract import BUILD, COMPILED, extract\n"
        "text = sys.stdin.read()\n"
        "print(json.dumps({'compiled': COMPILED, 'build': BUILD, 'out': extract(text).to_dict()},"
        " ensure_ascii=False))\n"
    )
    env = {**os.environ, "CHITIEU_PURE": "1"}
    run = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True,
                         encoding="utf-8", env=env, check=True)
    child = json.loads(run.stdout)
    assert child["compiled"] is False and "CHITIEU_PURE" in child["build"]
    here = json.loads(json.dumps(extract(text).to_dict(), ensure_ascii=False))
    assert here["facts"], "the sample report must yield facts"
    assert child["out"] == here


def test_version_says_which_grammar_build_runs() -> None:
    from click.testing import CliRunner

    from chitieu.cli import main

    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert f"(grammar: {BUILD})" in result.output
