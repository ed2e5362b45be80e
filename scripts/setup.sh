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
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "==> installing chitieu and its dependencies into .venv" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip >&2
  .venv/bin/python -m pip install --quiet -e '.[dev]' >&2
  touch "$stamp"
fi
