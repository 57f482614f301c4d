"""How much does `pohon check` cost over just parsing the YAML?

Generates a synthetic regency into a temporary folder, then times, alternating and each in a fresh
Python process (so that peak RSS belongs to one variant only):

- bare:  ``yaml.load(text, Loader=yaml.CSafeLoader)`` of every ``*.yaml`` file;
- check: ``from mkdocs_pohon_plugin.core import check_trees; check_trees(path)``.

Usage::

    python benchmarks/bench_check.py [--size small|medium|full] [--runs 5] [--json results.json]

Fails (exit 1) when the check reports an error on the generated regency, or when the counts it
reads differ from what was generated.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

# Nothing of the package is imported at module level: a worker process must start clean, so that
# its import time and peak RSS belong to the variant it measures.
SIZES: dict[str, dict[str, Any]] = {
    "small": {"opd": 10, "nodes": 500, "indicators": 1500, "crosscutting": 0.05, "seed": 1},
    "medium": {"opd": 20, "nodes": 1500, "indicators": 4500, "crosscutting": 0.05, "seed": 1},
    "full": {"opd": 45, "nodes": 5000, "indicators": 15000, "crosscutting": 0.05, "seed": 1},
}
VARIANTS = ("bare", "check")
LABELS = {"bare": "bare parse (CSafeLoader)", "check": "check_trees"}


# --------------------------------------------------------------------------------------------
# Worker: one measurement in its own process


def _peak_rss_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _worker(variant: str, root: Path) -> dict[str, Any]:
    rss_start = _peak_rss_mib()
    started = time.perf_counter()
    if variant == "bare":
        import yaml

        imported = time.perf_counter()
        paths = sorted(root.rglob("*.yaml"))
        docs = [
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for path in paths
        ]
        finished = time.perf_counter()
        nodes = [node for doc in docs for node in doc.get("node") or []]
        counts = {
            "files": len(docs),
            "nodes": len(nodes),
            "indicators": sum(len(node.get("indikator") or []) for node in nodes),
        }
    else:
        from mkdocs_pohon_plugin.core import check_trees

        imported = time.perf_counter()
        result = check_trees(root)
        finished = time.perf_counter()
        counts = {
            "files": len(result.site.files),
            "nodes": len(result.site.nodes),
            "indicators": len(result.site.indicators),
            "diagnostics": len(result.diagnostics),
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "rules": dict(Counter(d.rule for d in result.diagnostics)),
            "first_errors": [d.format() for d in result.errors[:20]],
        }
    return {
        "variant": variant,
        "import_s": imported - started,
        "run_s": finished - imported,
        "peak_rss_mib": _peak_rss_mib(),
        "start_rss_mib": rss_start,
        **counts,
    }


def _measure(variant: str, root: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    completed = subprocess.run(
        [sys.executable, __file__, "--worker", variant, str(root)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"the {variant} worker failed with exit code {completed.returncode}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------------------------
# Driver


def _fail(message: str, details: list[str] | None = None) -> None:
    sys.stderr.write(f"\nBENCHMARK FAILED: {message}\n")
    for line in details or []:
        sys.stderr.write(f"  {line}\n")
    raise SystemExit(1)


def _verify(stats: Any, runs: list[dict[str, Any]]) -> None:
    expected = {"files": stats.files, "nodes": stats.nodes, "indicators": stats.indicators}
    for run in runs:
        for key, value in expected.items():
            if run[key] != value:
                _fail(f"the {run['variant']} run read {run[key]} {key}, {value} were generated")
        if run["variant"] == "check" and run["errors"]:
            _fail(
                f"check_trees reported {run['errors']} error(s) on a generated regency",
                run["first_errors"],
            )


def _row(label: str, runs: list[dict[str, Any]]) -> str:
    times = [run["run_s"] for run in runs]
    imports = statistics.median(run["import_s"] for run in runs)
    peak = max(run["peak_rss_mib"] for run in runs)
    return (
        f"{label:<26} {statistics.median(times):8.3f} {min(times):8.3f} {max(times):8.3f}"
        f" {imports:8.3f} {peak:9.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full")
    parser.add_argument("--runs", type=int, default=5, help="measurements of each variant")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--worker", nargs=2, metavar=("VARIANT", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        variant, path = args.worker
        if variant not in VARIANTS:
            parser.error(f"unknown variant {variant!r}")
        print(json.dumps(_worker(variant, Path(path))))
        return 0
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import yaml

    from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

    params = SyntheticParams(**SIZES[args.size])
    with tempfile.TemporaryDirectory(prefix="pohon-bench-") as tmp:
        root = Path(tmp) / "trees"
        started = time.perf_counter()
        stats = generate_regency(root, params)
        generated_s = time.perf_counter() - started
        yaml_bytes = sum(path.stat().st_size for path in root.rglob("*.yaml"))

        results: dict[str, list[dict[str, Any]]] = {variant: [] for variant in VARIANTS}
        for index in range(args.runs):
            order = VARIANTS if index % 2 == 0 else VARIANTS[::-1]
            for variant in order:
                results[variant].append(_measure(variant, root))
        _verify(stats, [run for runs in results.values() for run in runs])

    bare = statistics.median(run["run_s"] for run in results["bare"])
    check = statistics.median(run["run_s"] for run in results["check"])
    last = results["check"][-1]
    rules = ", ".join(f"{rule} {count}" for rule, count in sorted(last["rules"].items()))
    print(
        f"pohon check benchmark: size {args.size}, {args.runs} runs of each variant, alternating,"
        " one fresh process per measurement"
    )
    print(
        f"Python {platform.python_version()}, PyYAML {yaml.__version__}"
        f" (libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}), {platform.system()}"
        f" {platform.machine()}"
    )
    print(
        f"regency: {stats.files} YAML files ({yaml_bytes / 1e6:.1f} MB), {stats.opd} OPD,"
        f" {stats.nodes} nodes, {stats.indicators} indicators,"
        f" {stats.crosscutting} crosscutting links; generated in {generated_s:.2f} s"
    )
    print(
        f"diagnostics: {last['diagnostics']} ({last['errors']} errors, {last['warnings']} warnings"
        + (f": {rules})" if rules else ")")
    )
    print()
    print(f"{'variant':<26} {'median':>8} {'min':>8} {'max':>8} {'import':>8} {'peak RSS':>9}")
    print(f"{'':<26} {'s':>8} {'s':>8} {'s':>8} {'s':>8} {'MiB':>9}")
    for variant in VARIANTS:
        print(_row(LABELS[variant], results[variant]))
    print()
    print(f"ratio check/bare (median run time, imports excluded): {check / bare:.2f}x")

    if args.json:
        summary = {
            "size": args.size,
            "params": params.__dict__,
            "runs": args.runs,
            "generated_s": generated_s,
            "yaml_bytes": yaml_bytes,
            "stats": stats.__dict__,
            "median_s": {"bare": bare, "check": check},
            "ratio": check / bare,
            "peak_rss_mib": {
                variant: max(run["peak_rss_mib"] for run in runs)
                for variant, runs in results.items()
            },
            "measurements": results,
        }
        args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
