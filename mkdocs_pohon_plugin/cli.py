"""The ``pohon`` command: a thin terminal adapter over the core."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .core.check import CheckResult, check_trees
from .core.diagnostics import RULES
from .core.json_schema import json_schema_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _summary(result: CheckResult) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    site = result.site
    return (
        f"{errors} error(s), {warnings} warning(s) in {len(site.files)} file(s): "
        f"{len(site.opds)} OPD, {len(site.nodes)} nodes, {len(site.indicators)} indicators."
    )


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.path)
    if not path.is_dir():
        print(f"pohon check: {path} is not a folder of trees", file=sys.stderr)
        return EXIT_USAGE
    unknown = [r for r in args.disable if r not in RULES]
    if unknown:
        print(
            f"pohon check: unknown rule(s): {', '.join(unknown)} (see `pohon rules`)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    result = check_trees(path, disabled_rules=tuple(args.disable))
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.format == "json":
        payload = {
            "ok": not failed,
            "errors": len(result.errors),
            "warnings": len(result.warnings),
            "files": len(result.site.files),
            "nodes": len(result.site.nodes),
            "indicators": len(result.site.indicators),
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for diagnostic in result.diagnostics:
            print(diagnostic.format())
        print(_summary(result))
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    for rule in RULES.values():
        print(f"{rule.id:32} {rule.severity.value:8} {rule.summary}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    text = json_schema_text()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pohon", description="Check and publish pohon kinerja (SAKIP performance trees)."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate the trees and report every problem")
    check.add_argument("path", nargs="?", default="trees", help="trees folder (default: trees)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail the check too")
    check.add_argument(
        "--disable", action="append", default=[], metavar="RULE", help="switch a warning rule off"
    )
    check.set_defaults(func=cmd_check)

    rules = sub.add_parser("rules", help="list the rules with their ids and severity")
    rules.set_defaults(func=cmd_rules)

    schema = sub.add_parser("schema", help="write the JSON Schema of the tree format")
    schema.add_argument("output", nargs="?", default="-", help="file to write (default: stdout)")
    schema.set_defaults(func=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
