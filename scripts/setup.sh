#!/usr/bin/env bash
# Create .venv and install chitieu with its dev tools. Idempotent: re-installs only when
# pyproject.toml changed. Needs Python 3.11+ (python3.11/3.12/3.13 or python3).
set -euo pipefail
cd "$(dirname "$0")/.."

pick_python() {
  for cand in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$cand"; return 0
    fi
  done
  echo "chitieu needs Python 3.11 or newer; none found (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

if [ ! -x .venv/bin/python ]; then
  py=$(pick_python)
  echo "==> creating .venv with $py" >&2
  "$py" -m venv .venv
fi

stamp=.venv/.chitieu-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ setup.py -nt "$stamp" ]; then
  echo "==> installing chitieu and its dependencies into .venv (compiling the grammar with mypyc)" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >&2
  .venv/bin/python -m pip install --quiet -e '.[dev]' >&2
  touch "$stamp"
fi

# The compiled grammar (setup.py, chitieu/extract/_native.py) is rebuilt in place when a
# source is newer than it; CHITIEU_PURE=1 skips it. A failed build is not retried until a
# source changes, and the grammar then runs as Python source.
failed=.venv/.chitieu-compile-failed
compiled() { .venv/bin/python -W ignore -c 'import sys, chitieu.extract as e; sys.exit(0 if e.COMPILED else 1)'; }
if [ -z "${CHITIEU_PURE:-}" ] && ! compiled; then
  if [ -f "$failed" ] && [ -z "$(find chitieu/extract setup.py -newer "$failed" -name '*.py' | head -n 1)" ]; then
    echo "==> the grammar runs as Python source (its mypyc build failed before; see $failed)" >&2
  else
    echo "==> compiling the grammar with mypyc (about a minute)" >&2
    if .venv/bin/python -m pip install --quiet --no-deps --no-build-isolation -e . >"$failed" 2>&1 && compiled; then
      rm -f "$failed"
    else
      echo "==> mypyc build failed; the grammar runs as Python source (log: $failed)" >&2
    fi
  fi
fi
