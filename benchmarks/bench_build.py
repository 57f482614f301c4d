"""What does building a site with the pohon plugin cost over bare MkDocs building the same pages?

Generates a synthetic regency, then builds it two ways, alternating and each in a fresh
``python -m mkdocs build -q`` process (wall time and peak RSS belong to that build alone):

- plugin: ``trees/``, an empty ``docs/`` and a ``mkdocs.yml`` with the pohon plugin (check,
  render, its search indexing: everything the plugin does is in the time);
- bare:   the same pages written beforehand as Markdown by ``pohon generate`` (not timed), built
  by MkDocs + Material with the same theme, Markdown extensions and navigation, ``search`` only.

Usage::

    python benchmarks/bench_build.py [--size small|medium|full] [--runs 3]
        [--plugin-search pagefind|material|auto|none] [--scales 1,2,4] [--bare-scales]
        [--budget 600] [--strict] [--keep DIR] [--json results.json]

Fails (exit 1) when a build fails, or when the two builds did not write the same set of HTML
pages.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

SIZES: dict[str, dict[str, Any]] = {
    "small": {"opd": 8, "nodes": 400, "indicators": 1200, "crosscutting": 0.05, "seed": 1},
    "medium": {"opd": 20, "nodes": 1500, "indicators": 4500, "crosscutting": 0.05, "seed": 1},
    "full": {"opd": 45, "nodes": 5000, "indicators": 15000, "crosscutting": 0.05, "seed": 1},
}
VARIANTS = ("plugin", "bare")
LABELS = {"plugin": "plugin (trees → site)", "bare": "bare MkDocs (Markdown → site)"}
SEARCH_CHOICES = ("pagefind", "material", "auto", "none")
NOT_PAGES = ("assets", "search", "pagefind")
"""Top-level folders of the site whose HTML files are not documentation pages."""

# Theme and Markdown settings of the repository's own mkdocs.yml, minus what needs a repository
# (content.action.edit) or local files (custom_dir, mermaid_js).
COMMON_YML = """\
site_name: {site_name}
docs_dir: docs
site_dir: site

theme:
  name: material
  language: id
  font: false
  features:
    - navigation.top
    - search.highlight

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
"""


# --------------------------------------------------------------------------------------------
# Sites on disk


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _params(size: str, scale: float) -> Any:
    from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams

    base = SIZES[size]
    # The OPD count is kept: a bigger regency has more programmes per agency, not more agencies.
    return SyntheticParams(
        **{
            **base,
            "nodes": round(base["nodes"] * scale),
            "indicators": round(base["indicators"] * scale),
        }
    )


def _scale_name(scale: float) -> str:
    return f"x{scale:g}"


def _plugin_yml(site_name: str, search: str) -> str:
    pohon = "      trees: trees\n      history: false\n"
    if search != "none":
        pohon += f"      search: {search}\n"
    return COMMON_YML.format(site_name=site_name) + "\nplugins:\n  - search\n  - pohon:\n" + pohon


def _bare_nav(trees: Path) -> list[Any]:
    """The navigation the plugin makes (``core.site.pages.nav_entries``, no Perubahan page)."""
    from mkdocs_pohon_plugin.core import check_trees
    from mkdocs_pohon_plugin.core.site.pages import nav_entries

    result = check_trees(trees)
    if result.errors:
        _fail(f"check_trees reports {len(result.errors)} error(s) on {trees}")
    return nav_entries(result, "id")


def _bare_yml(site_name: str, nav: list[Any]) -> str:
    import yaml

    # Every page outside the navigation is NOT_IN_NAV, as the plugin marks its generated pages;
    # pohon.css and pohon.js are served as the plugin serves them, so the pages are the same.
    extra = (
        "\nnot_in_nav: |\n  *.md\n  !/index.md\n  !/opd/index.md\n  !/opd/*/index.md\n"
        "\nextra_css:\n  - assets/pohon/pohon.css\nextra_javascript:\n"
        "  - assets/pohon/pohon.js\n\nplugins:\n  - search\n\n"
    )
    dumped = yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False, width=1000)
    return COMMON_YML.format(site_name=site_name) + extra + dumped


def _prepare(
    root: Path, size: str, scale: float, search: str, bare: bool, setup: dict[str, Any]
) -> dict[str, Any]:
    """Create (or reuse) ``root/x<scale>/{plugin,bare}``; returns what was generated."""
    from mkdocs_pohon_plugin.testing.synthetic import generate_regency

    params = _params(size, scale)
    folder = root / _scale_name(scale)
    plugin_dir, bare_dir = folder / "plugin", folder / "bare"
    trees = plugin_dir / "trees"
    site_name = f"Pohon Kinerja {params.nama}"
    info = setup.get(folder.name)
    if info is None:
        started = time.perf_counter()
        stats = generate_regency(trees, params)
        info = {
            "scale": scale,
            "params": dict(params.__dict__),
            "stats": dict(stats.__dict__),
            "generate_trees_s": time.perf_counter() - started,
            "yaml_bytes": sum(path.stat().st_size for path in trees.rglob("*.yaml")),
        }
        (plugin_dir / "docs").mkdir()
        (plugin_dir / "mkdocs.yml").write_text(_plugin_yml(site_name, search), encoding="utf-8")
        setup[folder.name] = info
    if bare and "markdown_pages" not in info:
        docs = bare_dir / "docs"
        started = time.perf_counter()
        completed = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from mkdocs_pohon_plugin.cli import main; sys.exit(main())",
                "generate",
                "--trees",
                str(trees),
                str(docs),
            ],
            capture_output=True,
            text=True,
            env=_child_env(),
            check=False,
        )
        if completed.returncode != 0:
            sys.stderr.write(completed.stdout + completed.stderr)
            _fail(f"pohon generate failed with exit code {completed.returncode}")
        info["pohon_generate_s"] = time.perf_counter() - started
        info["markdown_pages"] = sum(1 for _ in docs.rglob("*.md"))
        assets = REPO / "mkdocs_pohon_plugin" / "assets"
        (docs / "assets" / "pohon").mkdir(parents=True)
        for name in ("pohon.css", "pohon.js"):
            shutil.copyfile(assets / name, docs / "assets" / "pohon" / name)
        nav = _bare_nav(trees)
        (bare_dir / "mkdocs.yml").write_text(_bare_yml(site_name, nav), encoding="utf-8")
    return info


# --------------------------------------------------------------------------------------------
# One build in its own process


KIND = re.compile(rb'data-pohon-kind="([A-Za-z0-9_-]+)"')
"""The page kind a generated page carries on its ``<article>`` (``core/site/kinds.py``)."""
PAGE_LIMIT = 500 * 1024
"""Issue 13/19: no generated page over 500 KB at full size."""


def _site_stats(site: Path) -> tuple[dict[str, Any], set[str]]:
    total_bytes = total_files = page_bytes = pagefind_bytes = pagefind_files = 0
    pages: set[str] = set()
    largest: dict[str, tuple[int, str]] = {}
    for dirpath, _dirnames, filenames in os.walk(site):
        rel_dir = Path(dirpath).relative_to(site).as_posix()
        top = "" if rel_dir == "." else rel_dir.split("/", 1)[0]
        for name in filenames:
            size = os.stat(os.path.join(dirpath, name)).st_size
            total_bytes += size
            total_files += 1
            rel = name if rel_dir == "." else f"{rel_dir}/{name}"
            if top == "pagefind":
                pagefind_bytes += size
                pagefind_files += 1
            elif name.endswith(".html") and top not in NOT_PAGES and rel != "404.html":
                pages.add(rel)
                page_bytes += size
                with open(os.path.join(dirpath, name), "rb") as page:
                    found = KIND.search(page.read())
                kind = found.group(1).decode() if found else "other"
                if size > largest.get(kind, (-1, ""))[0]:
                    largest[kind] = (size, rel)
    index = site / "search" / "search_index.json"
    stats = {
        "pages": len(pages),
        "site_bytes": total_bytes,
        "site_files": total_files,
        "page_bytes": page_bytes,
        "material_index_bytes": index.stat().st_size if index.is_file() else None,
        "pagefind_bytes": pagefind_bytes if (site / "pagefind").is_dir() else None,
        "pagefind_files": pagefind_files if (site / "pagefind").is_dir() else None,
        "largest_pages": {kind: {"bytes": b, "page": rel} for kind, (b, rel) in largest.items()},
    }
    return stats, pages


# ``python -m mkdocs`` that, on its way out, writes its own peak RSS and that of the helpers it
# waited for (wait4 only gives the larger of the two), to the file named by POHON_BENCH_RUSAGE.
MKDOCS_MAIN = """\
import atexit, json, os, resource, runpy

def _report():
    own = resource.getrusage(resource.RUSAGE_SELF)
    helpers = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.environ["POHON_BENCH_RUSAGE"], "w") as out:
        json.dump({"own_maxrss": own.ru_maxrss, "helpers_maxrss": helpers.ru_maxrss,
                   "own_cpu_s": own.ru_utime + own.ru_stime,
                   "helpers_cpu_s": helpers.ru_utime + helpers.ru_stime}, out)

atexit.register(_report)
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""


def _rss_mib(maxrss: int) -> float:
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def _build(folder: Path, log: Path, strict: bool) -> tuple[dict[str, Any], set[str]]:
    """``mkdocs build -q`` in a fresh process: wall time and that process's own rusage."""
    site = folder / "site"
    shutil.rmtree(site, ignore_errors=True)
    split = log.with_suffix(".rusage.json")
    split.unlink(missing_ok=True)
    command = [sys.executable, "-c", MKDOCS_MAIN, "build", "-q", "-f", str(folder / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    env = {**_child_env(), "POHON_BENCH_RUSAGE": str(split)}
    with log.open("w", encoding="utf-8") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, env=env
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        _fail(
            f"mkdocs build in {folder} failed with exit code {process.returncode}",
            lines[-40:],
        )
    stats, pages = _site_stats(site)
    if not pages:
        _fail(f"mkdocs build in {folder} wrote no HTML pages")
    # ru_maxrss of wait4 is the larger of the build process and the largest helper it waited for
    # (the Pagefind binary, say), not their sum; the CPU times include those helpers.
    result: dict[str, Any] = {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": _rss_mib(usage.ru_maxrss),
        "mkdocs_rss_mib": None,
        "helpers_rss_mib": None,
    }
    if split.is_file():
        parts = json.loads(split.read_text(encoding="utf-8"))
        result["mkdocs_rss_mib"] = _rss_mib(parts["own_maxrss"])
        result["helpers_rss_mib"] = _rss_mib(parts["helpers_maxrss"])
        result["helpers_cpu_s"] = parts["helpers_cpu_s"]
    return {**result, **stats}, pages


# --------------------------------------------------------------------------------------------
# Driver


def _fail(message: str, details: list[str] | None = None) -> None:
    sys.stderr.write(f"\nBENCHMARK FAILED: {message}\n")
    for line in details or []:
        sys.stderr.write(f"  {line}\n")
    raise SystemExit(1)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _git_revision() -> str:
    def git(*args: str) -> str:
        completed = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        return completed.stdout.strip() if completed.returncode == 0 else ""

    revision = git("rev-parse", "--short", "HEAD") or "unknown"
    return revision + (" (with uncommitted changes)" if git("status", "--porcelain") else "")


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def _mib(value: float) -> float:
    return value / (1024 * 1024)


def _size(value: int) -> str:
    if value < 1024 * 1024:
        return f"{value / 1024:.1f} KiB"
    return f"{_mib(value):.2f} MiB"


def _search_text(run: dict[str, Any]) -> str:
    parts = []
    if run["material_index_bytes"] is not None:
        parts.append(f"search/search_index.json {_size(run['material_index_bytes'])}")
    if run["pagefind_bytes"] is not None:
        parts.append(f"pagefind/ {_size(run['pagefind_bytes'])} in {run['pagefind_files']} files")
    return "; ".join(parts) or "none"


def _summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    times = [run["wall_s"] for run in runs]
    last = runs[-1]
    median = statistics.median(times)
    return {
        "median_s": median,
        "min_s": min(times),
        "max_s": max(times),
        "cpu_median_s": statistics.median(run["cpu_s"] for run in runs),
        "ms_per_page": 1000 * median / last["pages"],
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
        "mkdocs_rss_mib": max((run["mkdocs_rss_mib"] or 0.0 for run in runs), default=0.0),
        "helpers_rss_mib": max((run["helpers_rss_mib"] or 0.0 for run in runs), default=0.0),
        "pages": last["pages"],
        "site_mib": _mib(last["site_bytes"]),
        "site_files": last["site_files"],
        "avg_page_kib": last["page_bytes"] / last["pages"] / 1024,
        "material_index_bytes": last["material_index_bytes"],
        "pagefind_bytes": last["pagefind_bytes"],
        "pagefind_files": last["pagefind_files"],
        "largest_pages": last["largest_pages"],
    }


def _page_difference(pages: dict[str, set[str]]) -> list[str]:
    only_plugin = sorted(pages["plugin"] - pages["bare"])
    only_bare = sorted(pages["bare"] - pages["plugin"])
    lines = [f"{len(only_plugin)} page(s) only in the plugin site:"]
    lines += [f"  {path}" for path in only_plugin[:20]]
    lines.append(f"{len(only_bare)} page(s) only in the bare site:")
    lines += [f"  {path}" for path in only_bare[:20]]
    return lines


def _compare(
    root: Path, args: argparse.Namespace, setup: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    info = _prepare(root, args.size, 1, args.plugin_search, True, setup)
    folder = root / _scale_name(1)
    results: dict[str, list[dict[str, Any]]] = {variant: [] for variant in VARIANTS}
    pages: dict[str, set[str]] = {}
    for index in range(args.runs):
        order = VARIANTS if index % 2 == 0 else VARIANTS[::-1]
        for variant in order:
            print(f"  run {index + 1}/{args.runs}: {variant} …", end="", flush=True)
            log = folder / f"{variant}-build-{index + 1}.log"
            run, pages[variant] = _build(folder / variant, log, args.strict)
            run["order"] = index % 2
            results[variant].append(run)
            print(f" {run['wall_s']:.1f} s", flush=True)
    summary = {variant: _summarise(runs) for variant, runs in results.items()}
    same = pages["plugin"] == pages["bare"]
    stats = info["stats"]

    print()
    print(
        f"regency: {stats['opd']} OPD, {stats['nodes']} nodes, {stats['indicators']} indicators,"
        f" {stats['crosscutting']} crosscutting links, {_mib(info['yaml_bytes']):.1f} MiB of"
        f" YAML; generated in {info['generate_trees_s']:.2f} s; `pohon generate` (bare setup,"
        f" not timed) wrote {info['markdown_pages']} Markdown pages in"
        f" {info['pohon_generate_s']:.1f} s"
    )
    print()
    print(
        f"{'variant':<30} {'median':>8} {'min':>8} {'max':>8} {'CPU':>8} {'ms/page':>8}"
        f" {'peak RSS':>9} {'MkDocs':>8} {'helpers':>8}"
    )
    print(f"{'':<30} {'s':>8} {'s':>8} {'s':>8} {'s':>8} {'':>8} {'MiB':>9} {'MiB':>8} {'MiB':>8}")
    for variant in VARIANTS:
        s = summary[variant]
        print(
            f"{LABELS[variant]:<30} {s['median_s']:8.2f} {s['min_s']:8.2f} {s['max_s']:8.2f}"
            f" {s['cpu_median_s']:8.2f} {s['ms_per_page']:8.2f} {s['peak_rss_mib']:9.1f}"
            f" {s['mkdocs_rss_mib']:8.1f} {s['helpers_rss_mib']:8.1f}"
        )
    print(
        "(peak RSS: the largest process of the build; MkDocs: the build process alone;"
        " helpers: the largest process it ran, e.g. Pagefind)"
    )
    print()
    print(f"{'site':<30} {'pages':>8} {'files':>8} {'MiB':>8} {'KiB/page':>9}  search index")
    for variant in VARIANTS:
        s = summary[variant]
        print(
            f"{variant:<30} {s['pages']:8d} {s['site_files']:8d} {s['site_mib']:8.1f}"
            f" {s['avg_page_kib']:9.1f}  {_search_text(s)}"
        )
    print()
    _print_largest(results["plugin"][-1]["largest_pages"])
    print()
    wall_ratio = summary["plugin"]["median_s"] / summary["bare"]["median_s"]
    rss_ratio = summary["plugin"]["peak_rss_mib"] / summary["bare"]["peak_rss_mib"]
    own = summary["bare"]["mkdocs_rss_mib"]
    own_ratio = summary["plugin"]["mkdocs_rss_mib"] / own if own else float("nan")
    print(
        f"ratio plugin/bare: median wall time {wall_ratio:.2f}x, peak RSS {rss_ratio:.2f}x"
        f" (MkDocs process alone {own_ratio:.2f}x)"
    )
    print(
        "same HTML pages in both sites: "
        + ("yes" if same else f"NO ({len(pages['plugin'])} vs {len(pages['bare'])})")
    )
    comparison = {
        "summary": summary,
        "ratio": {"median_wall": wall_ratio, "peak_rss": rss_ratio, "mkdocs_rss": own_ratio},
        "same_pages": same,
        "measurements": results,
    }
    if not same:
        comparison["page_difference"] = _page_difference(pages)
    return comparison, same


def _print_largest(largest: dict[str, dict[str, Any]]) -> None:
    """The largest page of each kind in the plugin's site, flagged over the 500 KB limit."""
    print(f"{'largest page of each kind (plugin)':<36} {'KiB':>8}  page")
    for kind, entry in sorted(largest.items(), key=lambda item: -item[1]["bytes"]):
        flag = "  OVER 500 KB" if entry["bytes"] > PAGE_LIMIT else ""
        print(f"{kind:<36} {entry['bytes'] / 1024:8.1f}  {entry['page']}{flag}")


def _scaling(root: Path, args: argparse.Namespace, setup: dict[str, Any]) -> list[dict[str, Any]]:
    variants = VARIANTS if args.bare_scales else ("plugin",)
    over_budget: dict[str, str] = {}
    rows: list[dict[str, Any]] = []
    for scale in args.scales:
        active = [variant for variant in variants if variant not in over_budget]
        for variant in variants:
            if variant in over_budget:
                print(f"  {variant} {scale:g}x skipped: {over_budget[variant]}", flush=True)
        if not active:
            continue
        info = _prepare(root, args.size, scale, args.plugin_search, "bare" in active, setup)
        folder = root / _scale_name(scale)
        for variant in active:
            print(f"  {variant} {scale:g}x …", end="", flush=True)
            run, _pages = _build(
                folder / variant, folder / f"{variant}-scale-build.log", args.strict
            )
            print(f" {run['wall_s']:.1f} s", flush=True)
            rows.append({"variant": variant, "scale": scale, "stats": info["stats"], **run})
            if run["wall_s"] > args.budget:
                over_budget[variant] = (
                    f"the {scale:g}x build took {run['wall_s']:.0f} s, over the budget of"
                    f" {args.budget:g} s"
                )
    print()
    print(
        f"scaling curve: one build per scale, {SIZES[args.size]['opd']} OPD kept, nodes and"
        " indicators multiplied; pages and wall times also relative to the first scale;"
        " KiB/page: growth of the MkDocs process per page added since the first scale"
    )
    print(
        f"{'variant':<8} {'scale':>6} {'nodes':>7} {'indic.':>7} {'pages':>7} {'wall s':>8}"
        f" {'ms/page':>8} {'RSS MiB':>8} {'MkDocs':>8} {'pages ×':>8} {'wall ×':>8}"
        f" {'KiB/page':>8}"
    )
    for variant in variants:
        first: dict[str, Any] | None = None
        for row in (row for row in rows if row["variant"] == variant):
            first = first or row
            print(
                f"{variant:<8} {row['scale']:>5g}x {row['stats']['nodes']:7d}"
                f" {row['stats']['indicators']:7d} {row['pages']:7d} {row['wall_s']:8.1f}"
                f" {1000 * row['wall_s'] / row['pages']:8.2f} {row['peak_rss_mib']:8.1f}"
                f" {row['mkdocs_rss_mib'] or 0.0:8.1f} {row['pages'] / first['pages']:8.2f}"
                f" {row['wall_s'] / first['wall_s']:8.2f} {_slope(first, row):>8}"
            )
        if variant in over_budget:
            print(f"{variant:<8} larger scales skipped: {over_budget[variant]}")
    return rows


def _slope(first: dict[str, Any], row: dict[str, Any]) -> str:
    """KiB the MkDocs process grew per page between the first scale's build and ``row``'s."""
    pages = row["pages"] - first["pages"]
    if pages <= 0 or not row["mkdocs_rss_mib"] or not first["mkdocs_rss_mib"]:
        return "-"
    return f"{1024 * (row['mkdocs_rss_mib'] - first['mkdocs_rss_mib']) / pages:.2f}"


def _parse_scales(text: str) -> list[float]:
    try:
        scales = [float(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from exc
    if not scales or any(scale <= 0 for scale in scales):
        raise argparse.ArgumentTypeError("scales must be positive numbers, e.g. 1,2,4")
    return scales


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=list(SIZES), default="full")
    parser.add_argument(
        "--runs", type=int, default=3, help="builds of each variant (0: scaling curve only)"
    )
    parser.add_argument(
        "--plugin-search",
        choices=SEARCH_CHOICES,
        default="pagefind",
        help="the pohon plugin's search option; none leaves it out of mkdocs.yml",
    )
    parser.add_argument(
        "--scales",
        type=_parse_scales,
        help="also build the plugin once at these multiples of the size, e.g. 1,2,4",
    )
    parser.add_argument(
        "--bare-scales", action="store_true", help="build bare MkDocs at the --scales too"
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=600,
        help="seconds; a scaling build over it skips the larger scales (default 600)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="build both with mkdocs build --strict"
    )
    parser.add_argument(
        "--keep", type=Path, metavar="DIR", help="keep trees, docs and sites in DIR (new/empty)"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.runs < 0:
        parser.error("--runs must be 0 or more")
    if args.runs == 0 and not args.scales:
        parser.error("--runs 0 needs --scales")
    if args.bare_scales and not args.scales:
        parser.error("--bare-scales needs --scales")
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep} is not empty")

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))

    print(
        f"pohon build benchmark: size {args.size}, {args.runs} run(s) of each variant,"
        f" alternating, one fresh `mkdocs build -q{' --strict' if args.strict else ''}`"
        f" process per build; plugin search: {args.plugin_search}"
    )
    print(
        f"Python {platform.python_version()}, MkDocs {_version('mkdocs')}, Material"
        f" {_version('mkdocs-material')}, Pagefind {_version('pagefind')},"
        f" {platform.system()} {platform.machine()}, {os.cpu_count()} CPU;"
        f" pohon at {_git_revision()}"
    )
    print("pages: HTML files the build wrote, without 404.html, assets/, search/, pagefind/")
    load_start = _load()

    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        root = args.keep.resolve()
        cleanup = None
    else:
        cleanup = tempfile.TemporaryDirectory(prefix="pohon-bench-build-")
        root = Path(cleanup.name)
    setup: dict[str, Any] = {}
    summary: dict[str, Any] = {
        "size": args.size,
        "runs": args.runs,
        "plugin_search": args.plugin_search,
        "strict": args.strict,
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "material": _version("mkdocs-material"),
        "pagefind": _version("pagefind"),
        "cpus": os.cpu_count(),
        "revision": _git_revision(),
        "setup": setup,
    }
    same = True
    try:
        if args.runs:
            print()
            comparison, same = _compare(root, args, setup)
            summary["comparison"] = comparison
        if args.scales:
            print()
            summary["scales"] = _scaling(root, args, setup)
        summary["load_average"] = {"start": load_start, "end": _load()}
        print(
            f"\nload average (1 min): {load_start:.2f} at start,"
            f" {summary['load_average']['end']:.2f} at end ({os.cpu_count()} CPU)"
        )
        if args.json:
            args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    finally:
        if cleanup is not None:
            cleanup.cleanup()
        else:
            print(f"\nkept in {root}: x<scale>/plugin and x<scale>/bare, each with its site/")
    if not same:
        _fail(
            "the plugin and bare builds did not write the same HTML pages",
            summary["comparison"]["page_difference"],
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
