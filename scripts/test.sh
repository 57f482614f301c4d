#!/usr/bin/env bash
# The project's one test command: installs what the tests need, lints, runs every test.
# Used by developers (README) and by CI (.ci/run) on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
install() {
  .venv/bin/python -m pip install --quiet "$@" > .venv/pip.log 2>&1 \
    || { cat .venv/pip.log; echo "FAILED: pip install $*"; exit 1; }
}
install --upgrade pip
install -e '.[test]'
bash scripts/setup_browser.sh  # Debian's chromium and Mermaid (npm) for tests/test_browser.py
.venv/bin/python -c 'import mkdocs_pohon_plugin, mkdocs, material, pytest, hypothesis'
# The site search's indexer: the Pagefind binary from the pagefind-bin wheel ([test] brings it).
.venv/bin/python -c 'import sys; from mkdocs_pohon_plugin.core.site.search_index import pagefind_available; sys.exit(not pagefind_available())' \
  || { echo "FAILED: the Pagefind binary is missing: pip install -e '.[test]' brings pagefind[bin]"; exit 1; }

.venv/bin/ruff check mkdocs_pohon_plugin tests benchmarks
.venv/bin/ruff format --check mkdocs_pohon_plugin tests benchmarks
# Types: the whole package, the tree model and its loader strictly ([tool.mypy] in pyproject.toml).
.venv/bin/mypy mkdocs_pohon_plugin
# The committed JSON Schema must be the one the model generates.
.venv/bin/pohon schema - | diff -u docs/schema/pohon.schema.json - >/dev/null \
  || { echo "FAILED: docs/schema/pohon.schema.json is out of date: run 'pohon schema docs/schema/pohon.schema.json'"; exit 1; }
.venv/bin/python -c 'import sys; from mkdocs_pohon_plugin.core.site.exports import export_schema_text as t; sys.stdout.write(t())' | diff -u docs/schema/pohon-export.schema.json - >/dev/null \
  || { echo "FAILED: docs/schema/pohon-export.schema.json (the schema of pohon.json) is out of date"; exit 1; }
# The demo regency must pass its own check (warnings are listed, errors fail).
.venv/bin/pohon check trees > .venv/demo-check.txt \
  || { cat .venv/demo-check.txt; echo "FAILED: the demo trees do not pass 'pohon check trees'"; exit 1; }
tail -n 1 .venv/demo-check.txt

# One worker per CPU; the tests of one file stay on one worker, so a file's built site (a
# module-scoped fixture) is built once.
.venv/bin/python -m pytest -q -n auto --dist loadfile "$@"
