"""How long `mkdocs serve` takes to rebuild after a one-line edit of one tree file.

Usage (from the repository root, with the project's venv):

    python benchmarks/bench_serve.py                  # full regency, 45 OPD / 5,000 nodes
    python benchmarks/bench_serve.py --size small     # a quick look
    python benchmarks/bench_serve.py --serve-opd 2    # also: a preview of 2 agencies

It does what `mkdocs serve` does, without the HTTP server: MkDocs keeps a plugin instance that
defines ``on_startup`` across rebuilds and loads a fresh config for each rebuild. One process:

1. first build of a synthetic regency (everything read and rendered);
2. edit one statement in one agency file (a one-line change), rebuild, and time it;
3. the same with the plugin's ``serve_opd`` preview of the first N agencies (``--serve-opd N``).

For each build it prints the wall time, how long the trees check took and how many tree files
were read again (the rest come from the plugin's load cache), and the pages written.
"""

from __future__ import annotations

import argparse
import logging
import os
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
{extra}"""


def _build(root: Path, plugin: object | None, site: Path) -> tuple[float, object]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    from mkdocs_pohon_plugin.plugin import PohonPlugin

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    if plugin is None:
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = next(p for p in config.plugins.values() if isinstance(p, PohonPlugin))
    else:  # serve: a fresh config, the plugin instances that define on_startup kept
        kept = PluginCollection()
        for name, instance in config.plugins.items():
            kept[name] = plugin if isinstance(instance, PohonPlugin) else instance
        config.plugins = kept
    started = time.perf_counter()
    build(config, serve_url="http://127.0.0.1:8000/")
    return time.perf_counter() - started, plugin


def _edit(path: Path) -> None:
    text = path.read_text("utf-8")
    text = text.replace("pernyataan: ", "pernyataan: (diubah) ", 1)
    path.write_text(text, "utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def _pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def _session(root: Path, label: str, edit: Path) -> None:
    site = root / f"site-{label}"
    first, plugin = _build(root, None, site)
    cache = plugin.load_cache  # type: ignore[attr-defined]
    print(
        f"{label:10} first build   {first:7.1f} s  tree files read {cache.read:3}, "
        f"reused {cache.reused:3}  pages {_pages(site)}"
    )
    _edit(edit)
    again, _ = _build(root, plugin, site)
    print(
        f"{label:10} after 1 edit  {again:7.1f} s  tree files read {cache.read:3}, "
        f"reused {cache.reused:3}  pages {_pages(site)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--serve-opd", type=int, default=2, help="agencies in the preview run")
    parser.add_argument("--search", default="material", help="the plugin's search option")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

    with tempfile.TemporaryDirectory(prefix="pohon-bench-serve-") as tmp:
        root = Path(tmp)
        size = SIZES[args.size]
        generate_regency(
            root / "trees",
            SyntheticParams(opd=size["opd"], nodes=size["nodes"], indicators=size["indicators"]),
        )
        (root / "docs").mkdir()
        agency_files = sorted((root / "trees" / "opd").glob("*.yaml"))
        print(
            f"regency {args.size}: {size['opd']} OPD, {size['nodes']} nodes, "
            f"{size['indicators']} indicators; edit: one statement in {agency_files[0].name}"
        )
        (root / "mkdocs.yml").write_text(MKDOCS_YML.format(search=args.search, extra=""), "utf-8")
        _session(root, "whole", agency_files[0])
        if args.serve_opd:
            ids = [path.stem for path in agency_files[: args.serve_opd]]
            extra = f"      serve_opd: [{', '.join(ids)}]\n"
            (root / "mkdocs.yml").write_text(
                MKDOCS_YML.format(search=args.search, extra=extra), "utf-8"
            )
            _session(root, f"{len(ids)} OPD", agency_files[0])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
