"""The long fuzz run: the properties of tests/test_fuzz.py for as long as you like.

    python -m tests.fuzz_long --minutes 10
    python -m tests.fuzz_long --minutes 60 --full-every 1 --findings /tmp/pohon-fuzz

Byte-level, structural and text mutations of the demo trees alternate in batches of ``--batch``
examples, each batch with its own seed (so the run keeps exploring), no example database.
Every example runs ``check_trees``; when the check passes, the pages the mutated file feeds are
rendered, and every output of the site (all pages, pohon.json, the CSV and the workbook) for one
accepted example in ``--full-every`` (default 5; 1: all of them, slow).
An example that takes longer than ``--hang`` seconds is a finding too.

Each finding (an exception, after Hypothesis shrank it) is written to the findings folder: the
mutated file as ``<n>-<file>`` and the traceback as ``<n>.txt``. The run ends with a summary:
examples run, how many the check accepted (and were rendered), and the distinct findings.
Exit status 1 when there is a finding.
"""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.fuzzing import Fuzzer, byte_mutation, structural_mutation, text_mutation


class Hang(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise Hang("the example did not finish in time")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--batch", type=int, default=100, help="examples per batch and seed")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument(
        "--full-every",
        type=int,
        default=5,
        help="render the whole site for every n-th accepted example",
    )
    parser.add_argument("--hang", type=int, default=120, help="seconds before an example hangs")
    parser.add_argument("--findings", type=Path, default=Path(tempfile.gettempdir()) / "pohon-fuzz")
    args = parser.parse_args(argv)

    args.findings.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="pohon-fuzz-"))
    fuzzer = Fuzzer(work / "trees", full_every=args.full_every)
    stop = time.monotonic() + args.minutes * 60
    runs: Counter[str] = Counter()
    accepted: Counter[str] = Counter()
    findings: dict[str, tuple[str, bytes, str]] = {}
    failing: dict[str, tuple[str, bytes]] = {}
    signal.signal(signal.SIGALRM, _alarm)

    def prop_for(kind: str):  # noqa: ANN202 - a Hypothesis test function
        def prop(mutation: tuple[str, bytes]) -> None:
            if time.monotonic() > stop:
                return
            runs[kind] += 1
            signal.alarm(args.hang)
            try:
                outcome = fuzzer.run(*mutation)
            except BaseException:
                failing[kind] = mutation  # the last failing example is the shrunk one
                raise
            finally:
                signal.alarm(0)
            if outcome.ok:
                accepted[kind] += 1

        return prop

    batch = 0
    print(
        f"fuzzing for {args.minutes} min, seed {args.seed}, whole site rendered for every "
        f"{args.full_every}. accepted example",
        flush=True,
    )
    while time.monotonic() < stop:
        for kind, strategy in (
            ("byte", byte_mutation()),
            ("structural", structural_mutation()),
            ("text", text_mutation()),
        ):
            if time.monotonic() > stop:
                break
            test = seed(args.seed + batch)(
                settings(
                    max_examples=args.batch,
                    deadline=None,
                    database=None,
                    phases=[Phase.generate, Phase.shrink],
                    suppress_health_check=list(HealthCheck),
                )(given(mutation=strategy)(prop_for(kind)))
            )
            try:
                test()
            except Exception as exc:  # a finding: keep the first of each kind and place
                tb = traceback.format_exception(exc)
                frames = traceback.extract_tb(exc.__traceback__)
                inside = [f for f in frames if "mkdocs_pohon_plugin" in f.filename] or frames
                where = f"{Path(inside[-1].filename).name}:{inside[-1].lineno}" if inside else "?"
                first = (str(exc).splitlines() or [""])[0][:160]
                key = f"{type(exc).__name__} at {where}: {first}"
                if key not in findings:
                    name, data = failing.get(kind, ("?", b""))
                    findings[key] = (name, data, "".join(tb))
                    number = len(findings)
                    safe = name.replace("/", "_")
                    (args.findings / f"{number}-{safe}").write_bytes(data)
                    (args.findings / f"{number}.txt").write_text("".join(tb), "utf-8")
                    print(f"finding {number}: {key}", flush=True)
            batch += 1
        total = sum(runs.values())
        print(
            f"{total} examples ({dict(runs)}), accepted by the check and rendered: "
            f"{dict(accepted)}, findings: {len(findings)}",
            flush=True,
        )
    print(f"\nexamples: {sum(runs.values())} ({dict(runs)})")
    print(f"accepted by the check and rendered: {sum(accepted.values())} ({dict(accepted)})")
    whole = fuzzer.accepted // args.full_every if args.full_every > 0 else 0
    print(f"of which the whole site was rendered: {whole}")
    print(f"distinct findings: {len(findings)} (in {args.findings})")
    for key in findings:
        print(f"  {key}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
