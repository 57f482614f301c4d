"""How many bytes does one search cost a reader: Pagefind (search: pagefind) against Material's
own search (search: material)?

Builds the same synthetic regency twice (or takes two built sites), serves each on 127.0.0.1,
opens its home page in Debian's chromium (Playwright, a fresh browser context each, no cache),
waits until the page has loaded and the network is quiet, then types queries into the header's
search box one after the other and, for each, waits for the results and for the network to be
quiet again. Every request made after the page load is recorded; those that belong to search are
summed:

- Pagefind: everything under ``pagefind/`` (``pagefind.js``, its worker, WebAssembly, entry and
  meta files, the index and filter chunks, the result fragments);
- Material: ``search/search_index.json``, the search worker and lunr
  (``assets/javascripts/workers/``, ``assets/javascripts/lunr/``).

Sizes are the files' bytes on disk (what a server sends without compression) and the same files
gzipped (level 6: what a server that compresses sends; Pagefind's chunks are already gzipped).
HTTP headers are not counted. Requests after the load that are not search (a favicon) are listed
apart. The search script Pohon loads with every page (``assets/pohon/pohon-search.js``) is not a
per-query cost; its size is printed too.

Usage::

    python benchmarks/bench_search.py [--size small|medium|full] [--opd N --nodes N
        --indicators N] [--query TEXT ...] [--keep DIR] [--json results.json]
    python benchmarks/bench_search.py --pagefind-site DIR --material-site DIR --query TEXT ...

Fails (exit 1) when a build fails or a query shows no result in either site.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.served import served  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
# Mermaid from npm (scripts/setup_browser.sh): without it Material loads Mermaid from a CDN, which
# this machine cannot reach, and the failed script stops Material's search from starting.
MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
SIZES: dict[str, dict[str, Any]] = {
    "small": {"opd": 8, "nodes": 400, "indicators": 1200, "crosscutting": 0.05, "seed": 1},
    "medium": {"opd": 20, "nodes": 1500, "indicators": 4500, "crosscutting": 0.05, "seed": 1},
    "full": {"opd": 45, "nodes": 5000, "indicators": 15000, "crosscutting": 0.05, "seed": 1},
}
MODES = ("pagefind", "material")
SEARCH_PATHS = {
    "pagefind": ("pagefind/",),
    "material": ("search/", "assets/javascripts/workers/", "assets/javascripts/lunr/"),
}
QUIET_MS = 750  # no request in flight for this long: the answer is complete
WAIT_LIMIT_S = 300  # a query that takes longer is reported as a failure

MKDOCS_YML = """\
site_name: Kabupaten Sintetis
theme:
  name: material
  language: id
  font: false
  features: [navigation.top, search.highlight]
markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
plugins:
  - search
  - pohon:
      trees: trees
      history: false
      search: {mode}
      mermaid_js: {mermaid}
"""


# --------------------------------------------------------------------------------------------
# Sites


def build_sites(root: Path, params: dict[str, Any]) -> tuple[dict[str, Path], Path]:
    """Generate the regency into ``root/trees`` and build it once per mode."""
    from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

    trees = root / "trees"
    stats = generate_regency(trees, SyntheticParams(**params))
    print(
        f"regency: {stats.opd} OPD, {stats.nodes:,} nodes, {stats.indicators:,} indicators",
        flush=True,
    )
    sites: dict[str, Path] = {}
    for mode in MODES:
        folder = root / mode
        folder.mkdir()
        (folder / "docs").mkdir()
        (folder / "trees").symlink_to(trees, target_is_directory=True)
        config = MKDOCS_YML.format(mode=mode, mermaid=MERMAID_JS)
        (folder / "mkdocs.yml").write_text(config, "utf-8")
        started = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if run.returncode != 0:
            sys.exit(f"FAILED: building the {mode} site:\n{run.stderr[-3000:]}")
        print(f"built {mode}: {time.perf_counter() - started:.0f} s", flush=True)
        sites[mode] = folder / "site"
    return sites, trees


def default_queries(trees: Path, count: int = 2) -> list[str]:
    """Names of indicators that no other indicator shares, from the generated trees."""
    from mkdocs_pohon_plugin.core.tree.check import check_trees

    indicators = check_trees(trees).site.indicators
    names = Counter(indicator.name for indicator in indicators.values())
    unique = sorted(
        (i for i in indicators.values() if names[i.name] == 1 and len(i.name.split()) >= 4),
        key=lambda i: i.id,
    )
    if not unique:
        sys.exit("FAILED: no indicator with a name of its own to search for; pass --query")
    step = max(1, len(unique) // count)
    return [indicator.name for indicator in unique[::step][:count]]


def site_facts(site: Path, mode: str) -> dict[str, Any]:
    pages = [
        p
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in ("assets", "search", "pagefind")
        and p.name != "404.html"
    ]
    facts: dict[str, Any] = {"pages": len(pages)}
    if mode == "pagefind":
        bundle = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
        facts["index_files"] = len(bundle)
        facts["index_bytes"] = sum(p.stat().st_size for p in bundle)
        script = site / "assets" / "pohon" / "pohon-search.js"
        facts["page_script_bytes"] = script.stat().st_size if script.is_file() else 0
        facts["page_script_gzip"] = (
            len(gzip.compress(script.read_bytes(), 6)) if script.is_file() else 0
        )
    else:
        index = site / "search" / "search_index.json"
        facts["index_files"] = 1
        facts["index_bytes"] = index.stat().st_size if index.is_file() else 0
    return facts


# --------------------------------------------------------------------------------------------
# Measuring in the browser


class Recorder:
    """Requests of one browser context (its workers' too), and how many are still in flight."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.in_flight = 0
        self.last_change = time.monotonic()

    def started(self, request) -> None:
        self.urls.append(request.url)
        self.in_flight += 1
        self.last_change = time.monotonic()

    def ended(self, request) -> None:
        self.in_flight -= 1
        self.last_change = time.monotonic()

    def wait_quiet(self, page) -> None:
        deadline = time.monotonic() + WAIT_LIMIT_S
        while time.monotonic() < deadline:
            quiet_for = (time.monotonic() - self.last_change) * 1000
            if self.in_flight <= 0 and quiet_for >= QUIET_MS:
                return
            page.wait_for_timeout(100)
        raise TimeoutError(f"the network did not go quiet within {WAIT_LIMIT_S} s")


def _file_for(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = unquote(urlsplit(url).path).lstrip("/")
    file = site / path
    if file.is_dir() or path == "" or path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def _sizes(site: Path, base: str, urls: list[str], prefixes: tuple[str, ...]) -> dict[str, Any]:
    search: list[dict[str, Any]] = []
    other: list[str] = []
    for url in urls:
        path = unquote(urlsplit(url).path).lstrip("/")
        file = _file_for(site, base, url)
        if file is not None and path.startswith(prefixes):
            data = file.read_bytes()
            search.append({"path": path, "bytes": len(data), "gzip": len(gzip.compress(data, 6))})
        else:
            other.append(path or url)
    kinds: Counter[str] = Counter()
    for row in search:
        kinds[_kind(row["path"])] += row["bytes"]
    return {
        "requests": len(search),
        "bytes": sum(row["bytes"] for row in search),
        "gzip": sum(row["gzip"] for row in search),
        "by_kind": dict(kinds),
        "files": search,
        "other": other,
    }


def _kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if path.startswith("pagefind/"):
        for folder in ("index", "fragment", "filter"):
            if path.startswith(f"pagefind/{folder}/"):
                return folder
        if name.endswith(".pagefind"):
            return "wasm"
        if name.endswith(".js"):
            return "js"
        return "entry/meta"
    if name == "search_index.json":
        return "search_index.json"
    return "js"


def measure(browser, site: Path, mode: str, queries: list[str]) -> dict[str, Any]:
    """Bytes of search requests while the home page loads, then for each query typed, one after
    the other."""
    results = []
    with served(site) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        recorder = Recorder()
        context.on("request", recorder.started)
        context.on("requestfinished", recorder.ended)
        context.on("requestfailed", recorder.ended)
        page = context.new_page()
        try:
            page.goto(base, wait_until="load")
            recorder.wait_quiet(page)
            load = _sizes(site, base, recorder.urls, SEARCH_PATHS[mode])
            box = page.locator("input.md-search__input")
            for query in queries:
                links = page.locator(".md-search-result__list > li a.md-search-result__link")
                seen = len(recorder.urls)  # Pagefind loads its bundle when the box gets the focus
                box.click()
                box.fill("")
                # The previous query's results go first, so that they are not read as this one's.
                deadline = time.monotonic() + WAIT_LIMIT_S
                while links.count() and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                started = time.perf_counter()
                box.press_sequentially(query, delay=20)
                deadline = time.monotonic() + WAIT_LIMIT_S
                while links.count() == 0 and time.monotonic() < deadline:
                    page.wait_for_timeout(100)
                recorder.wait_quiet(page)
                status = page.locator(".pohon-search__status")
                if status.count() == 0:
                    status = page.locator(".md-search-result__meta")
                # The answer is complete when the count shown and the list stop changing.
                seen_state = None
                while time.monotonic() < deadline:
                    state = (status.inner_text().strip(), links.count())
                    if state == seen_state:
                        break
                    seen_state = state
                    page.wait_for_timeout(QUIET_MS)
                seconds = time.perf_counter() - started - QUIET_MS / 1000
                meta, shown = seen_state or ("", 0)
                row = _sizes(site, base, recorder.urls[seen:], SEARCH_PATHS[mode])
                row.update({"query": query, "results_shown": shown, "meta": meta})
                row["seconds"] = round(seconds, 2)
                results.append(row)
                if shown == 0:
                    sys.exit(f"FAILED: {mode}: no result for {query!r} ({meta!r})")
        finally:
            context.close()
    return {"load": load, "queries": results}


# --------------------------------------------------------------------------------------------
# Report


def _kb(value: float) -> str:
    return f"{value / 1024:,.1f} KiB"


def _row(label: str, mode: str, row: dict[str, Any]) -> str:
    kinds = ", ".join(f"{k} {_kb(v)}" for k, v in sorted(row["by_kind"].items())) or "-"
    return (
        f"{label:<18} {mode:<9} {row['requests']:>8} {_kb(row['bytes']):>13} "
        f"{_kb(row['gzip']):>13}  {kinds}"
    )


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def report(measured: dict[str, dict[str, Any]], facts: dict[str, dict[str, Any]]) -> None:
    print()
    for mode in MODES:
        f = facts[mode]
        line = (
            f"{mode}: {f['pages']:,} pages; search index {f['index_files']:,} file(s), "
            f"{_kb(f['index_bytes'])} on disk"
        )
        if mode == "pagefind":
            line += (
                f"; pohon-search.js, loaded with every page: {_kb(f['page_script_bytes'])} "
                f"({_kb(f['page_script_gzip'])} gzipped)"
            )
        print(line)
    print()
    header = f"{'':<18} {'mode':<9} {'requests':>8} {'bytes':>13} {'gzipped':>13}  breakdown"
    print(header)
    print("-" * len(header))
    for mode in MODES:
        print(_row("page load", mode, measured[mode]["load"]))
    queries = measured["pagefind"]["queries"]
    for i, p in enumerate(queries):
        m = measured["material"]["queries"][i]
        print(f"query {i + 1}: {p['query']!r}")
        print(
            f"{'':<18} pagefind: {p['meta']!r} ({p['seconds']} s); material: {m['meta']!r} "
            f"({m['seconds']} s)"
        )
        print(_row(f"  query {i + 1}", "pagefind", p))
        print(_row(f"  query {i + 1}", "material", m))
    print()
    first = {
        mode: (
            measured[mode]["load"]["bytes"] + measured[mode]["queries"][0]["bytes"],
            measured[mode]["load"]["gzip"] + measured[mode]["queries"][0]["gzip"],
        )
        for mode in MODES
    }
    print(
        "open a page and search once (page load + query 1): "
        f"pagefind {_kb(first['pagefind'][0])} ({_kb(first['pagefind'][1])} gzipped), "
        f"material {_kb(first['material'][0])} ({_kb(first['material'][1])} gzipped); "
        f"pagefind/material {_ratio(first['pagefind'][0], first['material'][0])} on disk, "
        f"{_ratio(first['pagefind'][1], first['material'][1])} gzipped"
    )
    if len(queries) > 1:
        more = {
            mode: sum(r["bytes"] for r in measured[mode]["queries"][1:]) / (len(queries) - 1)
            for mode in MODES
        }
        print(
            f"each further query on the same page (mean of {len(queries) - 1}): "
            f"pagefind {_kb(more['pagefind'])}, material {_kb(more['material'])}"
        )
    for mode in MODES:
        other = sorted({path for row in measured[mode]["queries"] for path in row["other"]})
        if other:
            shown = ", ".join(other[:8]) + (" …" if len(other) > 8 else "")
            print(f"not counted ({mode}, requested while searching, not search): {shown}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--opd", type=int, help="override the size's OPD count")
    parser.add_argument("--nodes", type=int, help="override the size's node count")
    parser.add_argument("--indicators", type=int, help="override the size's indicator count")
    parser.add_argument("--query", action="append", help="a query to type (repeat for more)")
    parser.add_argument("--pagefind-site", type=Path, help="a site built with search: pagefind")
    parser.add_argument("--material-site", type=Path, help="a site built with search: material")
    parser.add_argument("--keep", type=Path, help="build into this folder (missing or empty)")
    parser.add_argument("--json", type=Path, help="write every number to this file")
    args = parser.parse_args(argv)
    for needed in (CHROMIUM, MERMAID_JS):
        if not needed.exists():
            print(f"{needed} is missing: bash scripts/setup_browser.sh installs it")
            return 1

    given = (args.pagefind_site, args.material_site)
    tmp: tempfile.TemporaryDirectory[str] | None = None
    params: dict[str, Any] = {}
    if any(given):
        if not all(given) or not args.query:
            parser.error("--pagefind-site and --material-site go together, with --query")
        sites = {"pagefind": args.pagefind_site, "material": args.material_site}
        queries = list(args.query)
    else:
        params = dict(SIZES[args.size])
        for key in ("opd", "nodes", "indicators"):
            if getattr(args, key):
                params[key] = getattr(args, key)
        if args.keep:
            if args.keep.exists() and any(args.keep.iterdir()):
                parser.error(f"--keep {args.keep} is not empty")
            args.keep.mkdir(parents=True, exist_ok=True)
            root = args.keep
        else:
            tmp = tempfile.TemporaryDirectory(prefix="bench-search-")
            root = Path(tmp.name)
        sites, trees = build_sites(root, params)
        queries = list(args.query) if args.query else default_queries(trees)

    from playwright.sync_api import sync_playwright

    facts = {mode: site_facts(sites[mode], mode) for mode in MODES}
    measured: dict[str, dict[str, Any]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                for mode in MODES:
                    measured[mode] = measure(browser, sites[mode], mode, queries)
            finally:
                browser.close()
        report(measured, facts)
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "params": params,
                        "queries": queries,
                        "sites": {mode: str(sites[mode]) for mode in MODES},
                        "facts": facts,
                        "measured": measured,
                        "machine": platform.platform(),
                    },
                    indent=2,
                ),
                "utf-8",
            )
    finally:
        if tmp is not None:
            shutil.rmtree(tmp.name, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
