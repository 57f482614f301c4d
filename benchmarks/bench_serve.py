"""How long `mkdocs serve` takes to rebuild after a one-line edit of one tree file, with the
plugin's preview cache (``serve_cache``, the default) and without it, in the same run.

Usage (from the repository root, with the project's venv):

    python benchmarks/bench_serve.py --size demo          # the demo site (mkdocs.yml, trees/)
    python benchmarks/bench_serve.py                      # full regency, 45 OPD / 5,000 nodes
    python benchmarks/bench_serve.py --size small --edits 3
    python benchmarks/bench_serve.py --serve-opd 0        # without the serve_opd runs
    python benchmarks/bench_serve.py --profile            # where a cached rebuild spends its time

It does what `mkdocs serve` does, without the HTTP server and the file watcher
(``mkdocs.commands.serve``): ``on_startup(command="serve", dirty=False)`` once, then for every
build a fresh ``load_config`` (MkDocs hands back the plugin instances that define
``on_startup``) and ``build(config, serve_url=...)`` into the same site folder. For each variant
(``whole``: every agency; ``N OPD``: ``serve_opd`` with the first N agencies; each with
``serve_cache`` on, then off), one process builds the site once, then ``--edits`` times edits one
statement of the first agency file (the k-th ``pernyataan:``, a one-line change) and rebuilds.
It prints each variant's first build, the median, minimum and maximum rebuild (wall time, and the
CPU time of the MkDocs process, which a busy machine inflates less), when the downloads were in
the site (``mkdocs serve`` serves the pages without waiting for them; the benchmark waits for
them after timing the build, so the next edit does not stop them), and for the cached runs how
many pages the last rebuild reused.
"""

from __future__ import annotations

import argparse
import cProfile
import logging
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = {
    "small": {"opd": 8, "nodes": 400, "indicators": 1200},
    "medium": {"opd": 20, "nodes": 1500, "indicators": 4500},
    "full": {"opd": 45, "nodes": 5000, "indicators": 15000},
}
"""Synthetic regencies; ``demo`` is the repository's own ``trees/`` (9 OPD, 329 nodes)."""

MKDOCS_YML = """\
site_name: Serve benchmark
docs_dir: docs
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
plugins:
  - search
  - pohon:
      trees: trees
      history: false
      search: {search}
      serve_cache: {cache}
{extra}"""

SERVE_URL = "http://127.0.0.1:8000/"


def _build(
    root: Path, site: Path, first: bool, wait: bool = True
) -> tuple[float, float, float | None, object]:
    """One build as ``mkdocs serve`` makes it: wall time, CPU time of this process (the
    downloads and Pagefind run in child processes), the time until its downloads were in the
    site too (a preview does not wait for them), the plugin."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from mkdocs_pohon_plugin.plugin import PohonPlugin

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    plugin = next(p for p in config.plugins.values() if isinstance(p, PohonPlugin))
    started, cpu = time.perf_counter(), time.process_time()
    build(config, serve_url=SERVE_URL)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not wait:  # the next build stops them, as the next edit in `mkdocs serve` does
        return wall, cpu, None, plugin
    plugin.wait_for_downloads()
    return wall, cpu, time.perf_counter() - started, plugin


def _edit(path: Path, k: int) -> None:
    """Prefix the ``k``-th statement (1-based) of ``path``: a one-line edit."""
    text = path.read_text("utf-8")
    parts = text.split("pernyataan: ")
    if k >= len(parts):
        raise SystemExit(f"{path} has fewer than {k} statements")
    parts[k] = f"(diubah {k}) " + parts[k]
    path.write_text("pernyataan: ".join(parts), "utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def _session(
    root: Path,
    label: str,
    edit: Path,
    edits: int,
    profile: bool,
    profile_out: str | None = None,
    wait: bool = True,
) -> list[float]:
    site = root / "site"
    if site.exists():
        shutil.rmtree(site)
    first, first_cpu, _, plugin = _build(root, site, first=True, wait=wait)
    print(
        f"{label:22} first build   {first:7.2f} s  (CPU {first_cpu:.2f} s)  pages {_pages(site)}",
        flush=True,
    )
    times, cpus, ready = [], [], []
    # CPU time: on a busy machine the shares stay right (waiting shows in the wall time only).
    profiler = cProfile.Profile(time.process_time) if profile else None
    for k in range(1, edits + 1):
        _edit(edit, k)
        if profiler is not None and k == edits:
            profiler.enable()
        seconds, cpu, landed, _ = _build(root, site, first=False, wait=wait)
        if profiler is not None and k == edits:
            profiler.disable()
        times.append(seconds)
        cpus.append(cpu)
        if landed is not None:
            ready.append(landed)
    cache = plugin.serve_cache  # type: ignore[attr-defined]
    reused = (
        f"  reused {len(cache.reused)} of {len(plugin.planned)}"  # type: ignore[attr-defined]
        f", {len(cache.unchanged)} more written as before"
    )
    print(
        f"{label:22} rebuild       {statistics.median(times):7.2f} s median "
        f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} edits; "
        f"CPU {statistics.median(cpus):.2f} s median"
        + (
            f"; downloads in the site after {statistics.median(ready):.2f} s median)"
            if ready
            else "; downloads not waited for)"
        )
        + (reused if cache.written else "")
        + f"\n{'':22} each rebuild: "
        + ", ".join(f"{t:.2f}" for t in times)
        + " s",
        flush=True,
    )
    plugin.on_shutdown()  # type: ignore[attr-defined]
    if profiler is not None:
        if profile_out:
            profiler.dump_stats(profile_out)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
    return times


def _copy_demo(root: Path) -> None:
    """The repository's demo site as a planner has it: its trees, docs and theme overrides,
    Mermaid from ``node_modules`` (linked), in a git repository of its own (the pages show what
    git says; the edits are not committed)."""
    for folder in ("trees", "docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    if (ROOT / "node_modules").is_dir():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    if shutil.which("git"):
        git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
        for command in (["init", "-q"], ["add", "trees", "docs", "overrides", "mkdocs.yml"]):
            subprocess.run([*git, *command], cwd=root, check=True)
        subprocess.run([*git, "commit", "-qm", "demo"], cwd=root, check=True)


def _demo_yml(text: str, search: str | None, cache: bool, extra: str) -> str:
    """The demo's ``mkdocs.yml`` with the benchmark's options under ``- pohon:``."""
    marker = "  - pohon:\n"
    if marker not in text:
        raise SystemExit("mkdocs.yml has no `  - pohon:` entry")
    options = f"      serve_cache: {str(cache).lower()}\n" + extra
    if search:
        options += f"      search: {search}\n"
    return text.replace(marker, marker + options, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", *sorted(SIZES)], default="full")
    parser.add_argument("--serve-opd", type=int, default=2, help="agencies in the preview runs")
    parser.add_argument("--edits", type=int, default=5, help="one-line edits (rebuilds) a run")
    parser.add_argument(
        "--search",
        help="the plugin's search option (default: the demo site's own, material for the others)",
    )
    parser.add_argument("--no-before", action="store_true", help="skip the serve_cache: false runs")
    parser.add_argument(
        "--profile", action="store_true", help="profile the last cached rebuild of the site"
    )
    parser.add_argument("--profile-out", help="with --profile: also write the pstats file here")
    parser.add_argument(
        "--no-wait-downloads",
        action="store_true",
        help="do not wait for a rebuild's downloads (the next edit stops them, as in `mkdocs "
        "serve`); a full regency's workbook takes minutes",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

    with tempfile.TemporaryDirectory(prefix="pohon-bench-serve-") as tmp:
        root = Path(tmp)
        if args.size == "demo":
            _copy_demo(root)
            described = "the demo site (mkdocs.yml, docs/, trees/), in a git clone of its own"
        else:
            size = SIZES[args.size]
            generate_regency(
                root / "trees",
                SyntheticParams(
                    opd=size["opd"], nodes=size["nodes"], indicators=size["indicators"]
                ),
            )
            described = f"{size['opd']} OPD, {size['nodes']} nodes, {size['indicators']} indicators"
        (root / "docs").mkdir(exist_ok=True)
        agency_files = sorted((root / "trees" / "opd").glob("*.yaml"))
        pristine = agency_files[0].read_bytes()
        print(
            f"regency {args.size}: {described}; edits: the k-th statement of "
            f"{agency_files[0].name}, one at a time"
        )
        demo_yml = (ROOT / "mkdocs.yml").read_text("utf-8") if args.size == "demo" else None
        runs: list[tuple[str, str]] = [("whole", "")]
        if args.serve_opd:
            ids = [path.stem for path in agency_files[: args.serve_opd]]
            runs.append((f"{len(ids)} OPD", f"      serve_opd: [{', '.join(ids)}]\n"))
        medians: dict[str, float] = {}
        for name, extra in runs:
            for cache in (True, False) if not args.no_before else (True,):
                label = f"{name}, {'cache' if cache else 'no cache'}"
                agency_files[0].write_bytes(pristine)
                (root / "mkdocs.yml").write_text(
                    _demo_yml(demo_yml, args.search, cache, extra)
                    if demo_yml is not None
                    else MKDOCS_YML.format(
                        search=args.search or "material", cache=str(cache).lower(), extra=extra
                    ),
                    "utf-8",
                )
                profile = args.profile and cache and name == "whole"
                times = _session(
                    root,
                    label,
                    agency_files[0],
                    args.edits,
                    profile,
                    args.profile_out,
                    wait=not args.no_wait_downloads,
                )
                medians[label] = statistics.median(times)
        for name, _ in runs:
            with_cache, without = medians.get(f"{name}, cache"), medians.get(f"{name}, no cache")
            if with_cache is not None and without is not None:
                print(
                    f"{name:22} rebuild median {with_cache:.2f} s with the cache, "
                    f"{without:.2f} s without ({with_cache / without:.2f}x)"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
