#!/usr/bin/env bash
# Set up everything the tests need, then run ruff and the whole pytest suite.
# - .venv with chitieu and dev tools (scripts/setup.sh)
# - a PostgreSQL server (scripts/postgres.sh finds a running one or installs and starts one)
# - headless Chromium for browser tests (scripts/browser.sh), when present
# Extra arguments go to pytest (e.g. scripts/test.sh -k facts).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

if [ -z "${CHITIEU_TEST_PG_URL:-}" ] && [ -x scripts/postgres.sh ]; then
  if url=$(scripts/postgres.sh | tail -n 1) && [ -n "$url" ]; then
    export CHITIEU_TEST_PG_URL="$url"
    echo "==> PostgreSQL for tests: $CHITIEU_TEST_PG_URL" >&2
  else
    echo "==> PostgreSQL could not be set up; PostgreSQL tests will be skipped" >&2
  fi
fi
if [ -x scripts/browser.sh ]; then
  if chromium_path=$(scripts/browser.sh | tail -n 1) && [ -n "$chromium_path" ]; then
    export CHITIEU_CHROMIUM="$chromium_path"
  fi
fi

echo "==> ruff" >&2
.venv/bin/ruff check chitieu tests bench
echo "==> pytest" >&2
exec .venv/bin/python -m pytest "$@"
