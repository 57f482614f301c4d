"""What the history of promises (``core/review/promises.py``) costs a build.

Generates a synthetic regency into a temporary folder, commits it to a new git repository, then
makes ``--commits`` more commits, each changing five first-year targets (×0.9 or ×1.1) in three
agency files. Times, against loading the trees (``load_site``):

- ``site_promises`` cold, with ``--revisions`` (the plugin's ``promise_revisions``) and with
  every revision;
- ``site_promises`` warm: a second build while ``HEAD`` stays (``mkdocs serve``), with the
  plugin's :class:`PromiseCache`;
- the existing ``site_history`` (one ``git blame`` per file), for scale.

CPU time counts this process and its git children (the wall time on a shared machine says more
about the neighbours). Usage::

    python benchmarks/bench_promises.py [--size small|medium|full] [--commits 36] [--revisions 30]

Fails (exit 1) when the history misses a change the benchmark made.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from mkdocs_pohon_plugin.core.review.history import site_history  # noqa: E402
from mkdocs_pohon_plugin.core.review.promises import PromiseCache, site_promises  # noqa: E402
from mkdocs_pohon_plugin.core.tree.diagnostics import DiagnosticSink  # noqa: E402
from mkdocs_pohon_plugin.core.tree.load import load_site  # noqa: E402
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency  # noqa: E402

SIZES = {
    "small": SyntheticParams(opd=10, nodes=500, indicators=1500),
    "medium": SyntheticParams(opd=20, nodes=1500, indicators=4500),
    "full": SyntheticParams(opd=45, nodes=5000, indicators=15000),
}
FIRST_TARGET = re.compile(rb"(target: \{\d{4}: )(\d+(?:\.\d+)?)")


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
        cwd=root,
        check=True,
        capture_output=True,
    )


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(label: str, action):  # type: ignore[no-untyped-def]
    cpu, wall = _cpu(), time.perf_counter()
    result = action()
    print(f"{label:<42} cpu {_cpu() - cpu:6.2f} s   wall {time.perf_counter() - wall:6.2f} s")
    return result


def make_history(root: Path, params: SyntheticParams, commits: int) -> int:
    """The regency and its commits; returns how many target values the commits changed."""
    generate_regency(root / "trees", params)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "awal")
    rng = random.Random(7)
    files = sorted((root / "trees" / "opd").glob("*.yaml"))
    changed = 0
    for number in range(commits):
        for path in rng.sample(files, min(3, len(files))):
            text = path.read_bytes()
            hits = list(FIRST_TARGET.finditer(text))
            for match in sorted(rng.sample(hits, min(5, len(hits))), key=lambda m: -m.start()):
                old = float(match.group(2))
                new = round(old * rng.choice((0.9, 1.1)), 1)
                if new == old:
                    continue
                text = text[: match.start(2)] + str(new).encode() + text[match.end(2) :]
                changed += 1
            path.write_bytes(text)
        _git(root, "commit", "-q", "-am", f"perubahan {number}")
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--size", choices=SIZES, default="medium")
    parser.add_argument("--commits", type=int, default=36)
    parser.add_argument("--revisions", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pohon-promises-") as folder:
        root = Path(folder)
        changed = make_history(root, SIZES[args.size], args.commits)
        site = _timed("load_site", lambda: load_site(root / "trees", DiagnosticSink()))
        print(
            f"{len(site.nodes)} nodes, {len(site.indicators)} indicators, {len(site.files)} "
            f"files, {args.commits + 1} commits, {changed} targets changed"
        )
        promises = _timed(
            f"site_promises, {args.revisions} revisions",
            lambda: site_promises(site, args.revisions),
        )
        _timed("site_promises, every revision", lambda: site_promises(site, 10**6))
        cache = PromiseCache()
        site_promises(site, args.revisions, cache)
        _timed("site_promises again, HEAD unchanged", lambda: site_promises(site, 30, cache))
        _timed("site_history (git blame per file)", lambda: site_history(site))
        assert promises is not None
        found = sum(1 for v in promises.changes.values() for c in v if c.old is not None)
        weakened = sum(1 for v in promises.changes.values() for c in v if c.weakened)
        print(f"{found} changes of an earlier value found ({weakened} weakened)")
        if args.commits <= args.revisions and found != changed:
            print(f"FAILED: the commits changed {changed} targets, the history has {found}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
