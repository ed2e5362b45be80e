#!/usr/bin/env bash
# Make sure a headless Chromium is available for the end-to-end browser tests and print
# its path on the last line. Uses Debian's chromium package (no browser download from the
# web): installs it with apt-get when missing and we are root. Prints nothing and exits 1
# when no browser can be had, so the browser tests are skipped with a reason.
set -uo pipefail

find_chromium() {
  for cand in "${CHITIEU_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$cand" ] && [ -x "$cand" ]; then echo "$cand"; return 0; fi
  done
  return 1
}

if path=$(find_chromium); then echo "$path"; exit 0; fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> installing Debian's chromium for browser tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2 || true
fi

if path=$(find_chromium); then echo "$path"; exit 0; fi
echo "==> no Chromium available; browser tests will be skipped" >&2
exit 1
