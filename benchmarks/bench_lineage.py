"""What does the lineage (and the budget behind it) of every indicator cost, before and after
lineage followed the indicator links (issue 13)?

Generates a synthetic regency, writes indicator links into the loaded model (each indicator
supports the first indicator of its parent node; the first indicator of a node that received an
agreed crosscutting link also supports the sender's first indicator), then times, alternating and
in one process:

- ``before``: the lineage module of a baseline revision (``git show REV:…/lineage.py``), the
  node-level lineage of every indicator (it ignores ``mendukung``);
- ``after``: :class:`SupportIndex` built once, then :func:`lineage` and :func:`funding` of every
  indicator, on the linked model (``declared``) and on the model as generated, without links
  (``undeclared``: the node-level fallback).

Usage::

    python benchmarks/bench_lineage.py [--size small|medium|full] [--runs 3] [--baseline REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from mkdocs_pohon_plugin.core.site.funding import funding
from mkdocs_pohon_plugin.core.site.lineage import SupportIndex, lineage
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

REPO = Path(__file__).resolve().parent.parent
LINEAGE = "mkdocs_pohon_plugin/core/site/lineage.py"
SIZES: dict[str, dict[str, Any]] = {
    "small": {"opd": 8, "nodes": 400, "indicators": 1200, "crosscutting": 0.05, "seed": 1},
    "medium": {"opd": 20, "nodes": 1500, "indicators": 4500, "crosscutting": 0.05, "seed": 1},
    "full": {"opd": 45, "nodes": 5000, "indicators": 15000, "crosscutting": 0.05, "seed": 1},
}


def baseline_module(revision: str) -> ModuleType:
    """The lineage module as it was at ``revision``, importable next to the current one."""
    source = subprocess.run(
        ["git", "show", f"{revision}:{LINEAGE}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    name = "mkdocs_pohon_plugin.core.site._baseline_lineage"
    spec = importlib.util.spec_from_loader(name, loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "mkdocs_pohon_plugin.core.site"
    sys.modules[name] = module
    exec(compile(source, f"{revision}:{LINEAGE}", "exec"), module.__dict__)
    return module


def link(result: CheckResult) -> int:
    """Write ``mendukung`` into the loaded model; the number of links written."""
    site, graph = result.site, result.graph
    written = 0
    for node in site.nodes.values():
        parent = graph.parent(node.id) if node.parent_id in site.nodes else None
        if parent is None or not parent.indicators:
            continue
        for indicator in node.indicators:
            indicator.supports = [parent.indicators[0].id]
            written += 1
    for links in graph.sent.values():
        for cc in links:
            sender = site.nodes.get(cc.source_id)
            partner = site.nodes.get(cc.target_id or "")
            if cc.status != "disetujui" or sender is None or partner is None:
                continue
            if sender.indicators and partner.indicators:
                partner.indicators[0].supports.append(sender.indicators[0].id)
                written += 1
    return written


def clear(result: CheckResult) -> None:
    for indicator in result.site.indicators.values():
        indicator.supports = []


def timed(run: Callable[[], object]) -> float:
    """CPU seconds of ``run`` in this process (the machine may be shared: wall time would
    measure the neighbours)."""
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="medium")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--baseline",
        default=None,
        help="revision whose lineage module is 'before' (default: merge base with main)",
    )
    args = parser.parse_args()
    revision = (
        args.baseline
        or subprocess.run(
            ["git", "merge-base", "HEAD", "main"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    old = baseline_module(revision)

    with tempfile.TemporaryDirectory() as tmp:
        trees = Path(tmp) / "trees"
        generate_regency(trees, SyntheticParams(**SIZES[args.size]))
        result = check_trees(trees)
    graph = result.graph
    indicators = list(result.site.indicators.values())
    links = link(result)
    print(
        f"{args.size}: {len(result.site.nodes)} nodes, {len(indicators)} indicators, "
        f"{links} links written; baseline {revision[:10]}"
    )

    steps: dict[str, int] = {}

    def before() -> None:
        steps["before"] = sum(
            len(lin.up) + len(lin.down) for lin in (old.lineage(graph, i) for i in indicators)
        )

    def after(label: str) -> Callable[[], None]:
        def run() -> None:
            index = SupportIndex.of(graph)  # the graph does not depend on the links
            total = 0
            for indicator in indicators:
                lin = lineage(graph, indicator, index)
                funding(graph, lin, index)
                total += len(lin.up) + len(lin.down) + len(lin.up_by_node) + len(lin.down_by_node)
            steps[label] = total

        return run

    times: dict[str, list[float]] = {"before": [], "after declared": [], "after undeclared": []}
    saved = {i.id: list(i.supports) for i in indicators}
    for _ in range(args.runs):
        times["before"].append(timed(before))
        times["after declared"].append(timed(after("after declared")))
        clear(result)
        times["after undeclared"].append(timed(after("after undeclared")))
        for indicator in indicators:
            indicator.supports = list(saved[indicator.id])
    base = statistics.median(times["before"])
    for label, values in times.items():
        median = statistics.median(values)
        print(
            f"  {label:17} median {median:7.3f} s CPU  ({median / base:4.2f}x before)  "
            f"steps {steps[label]:>9}  runs {', '.join(f'{v:.3f}' for v in values)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
