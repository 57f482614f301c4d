#!/usr/bin/env bash
# What the real-browser test (tests/test_browser.py) needs, on a fresh Debian machine as root:
# Debian's chromium (Playwright drives it through executable_path; Playwright's own browsers are
# never downloaded) and Mermaid from npm (package.json + package-lock.json), served by the site.
# Idempotent: installs only what is missing. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
apt_updated=
apt_install() {
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  if [ -z "$apt_updated" ]; then
    "${sudo[@]}" apt-get update > "$LOG" 2>&1 \
      || { cat "$LOG"; echo "FAILED: apt-get update"; exit 1; }
    apt_updated=1
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >> "$LOG" 2>&1 \
    || { cat "$LOG"; echo "FAILED: apt-get install -y $*"; exit 1; }
}

if [ ! -x /usr/bin/chromium ]; then
  echo "setup_browser: installing Debian's chromium"
  apt_install chromium
  [ -x /usr/bin/chromium ] || { echo "FAILED: /usr/bin/chromium missing after install"; exit 1; }
fi

MERMAID=node_modules/mermaid/dist/mermaid.min.js
AXE=node_modules/axe-core/axe.min.js  # the accessibility checker of tests/test_a11y.py
if [ ! -f "$MERMAID" ] || [ ! -f "$AXE" ] || [ package-lock.json -nt "$MERMAID" ]; then
  if ! command -v npm > /dev/null; then
    echo "setup_browser: installing Debian's nodejs and npm"
    apt_install nodejs npm
  fi
  echo "setup_browser: installing mermaid from npm"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error > "$LOG" 2>&1 \
      || { cat "$LOG"; echo "FAILED: npm ci"; exit 1; }
  else
    npm install --no-audit --no-fund --loglevel=error > "$LOG" 2>&1 \
      || { cat "$LOG"; echo "FAILED: npm install"; exit 1; }
  fi
  [ -f "$MERMAID" ] || { echo "FAILED: $MERMAID missing after npm install"; exit 1; }
  [ -f "$AXE" ] || { echo "FAILED: $AXE missing after npm install"; exit 1; }
  touch "$MERMAID"
fi
echo "setup_browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium), mermaid $(node -p 'require("./node_modules/mermaid/package.json").version' 2>/dev/null || echo '?')"

# The print test (tests/test_print.py) turns Chromium's PDFs into PNG and text with poppler.
if ! command -v pdftoppm > /dev/null || ! command -v pdftotext > /dev/null; then
  echo "setup_browser: installing Debian's poppler-utils (pdftoppm, pdftotext)"
  apt_install poppler-utils
fi
