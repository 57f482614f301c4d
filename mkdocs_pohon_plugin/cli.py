"""The ``pohon`` command: a thin terminal adapter over the core.

Everything it says is in Indonesian unless English is asked for: ``pohon --bahasa en …`` (alias
``--lang en``), or the environment variable ``POHON_BAHASA=en`` (set once in a CI template).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from .core.review.report_formats import github_annotations, gitlab_code_quality
from .core.tree.check import CheckResult, check_trees
from .core.tree.criteria import CRITERIA
from .core.tree.diagnostics import LANGUAGES, PROFILES, RULES, Diagnostic, Text
from .core.tree.json_schema import json_schema_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

LANGUAGE_ENV = "POHON_BAHASA"
"""Environment variable that chooses the language of the command (``id`` or ``en``)."""


def _say(args: argparse.Namespace, message: Text) -> str:
    """``message`` in the language the command was asked to speak."""
    return message(getattr(args, "bahasa", "id"))


def _error(args: argparse.Namespace, command: str, message: Text) -> None:
    """Print ``pohon COMMAND: message`` on standard error, in the command's language."""
    print(f"pohon {command}: {_say(args, message)}", file=sys.stderr)


def _summary(result: CheckResult, language: str = "id") -> str:
    errors, warnings = result.error_count, result.warning_count
    site = result.site
    return Text(
        id=f"{errors} galat, {warnings} peringatan di {len(site.files)} berkas: "
        f"{len(site.opds)} OPD, {len(site.nodes)} node, {len(site.indicators)} indikator.",
        en=f"{errors} error(s), {warnings} warning(s) in {len(site.files)} file(s): "
        f"{len(site.opds)} OPD, {len(site.nodes)} nodes, {len(site.indicators)} indicators.",
    )(language)


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.path)
    language = args.bahasa
    if not path.is_dir():
        _error(args, "check", _not_trees(path))
        return EXIT_USAGE
    unknown = ", ".join(r for r in args.disable if r not in RULES)
    if unknown:
        _error(
            args,
            "check",
            Text(
                id=f"aturan tidak dikenal: {unknown} (lihat `pohon rules`)",
                en=f"unknown rule(s): {unknown} (see `pohon rules`)",
            ),
        )
        return EXIT_USAGE
    result = check_trees(path, disabled_rules=tuple(args.disable), profile=args.profil)
    if args.published:
        from .core.review.diff import DiffLoadError
        from .core.review.published import compare_with_published

        try:
            compare_with_published(result, args.published, args.path)
        except DiffLoadError as exc:
            _error(
                args,
                "check",
                Text(
                    id=f"--published {args.published} tidak dapat dibaca: {exc.text.id}",
                    en=f"cannot read --published {args.published}: {exc.text.en}",
                ),
            )
            return EXIT_USAGE
    failed = bool(result.errors) or (args.strict and bool(result.warnings))
    if args.format == "json":
        payload = {
            "ok": not failed,
            "errors": result.error_count,
            "warnings": result.warning_count,
            "files": len(result.site.files),
            "nodes": len(result.site.nodes),
            "indicators": len(result.site.indicators),
            "profile": args.profil,
            "diagnostics": [_json_diagnostic(d, language) for d in result.diagnostics],
        }
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif args.format == "gitlab":
        sys.stdout.write(gitlab_code_quality(result.diagnostics, language))
        print(_summary(result, language), file=sys.stderr)
    elif args.format == "github":
        sys.stdout.write(github_annotations(result.diagnostics, language))
        print(_summary(result, language))
    else:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(language))
        print(_summary(result, language))
        if args.profil == "lke":
            print(_criteria_summary(result, language))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _criteria_summary(result: CheckResult, language: str) -> str:
    """One line: the warnings per evaluation criterion, every criterion named (0 included)."""
    counts = dict.fromkeys(CRITERIA, 0)
    for diagnostic in result.warnings:
        criterion = RULES[diagnostic.rule].criterion
        if criterion is not None:
            counts[criterion] += diagnostic.count
    parts = "; ".join(f"{CRITERIA[c].name(language)} {n}" for c, n in counts.items())
    return Text(
        id=f"Temuan per kriteria: {parts} (pengelompokan Pohon, bukan nilai LKE resmi).",
        en=f"Findings per criterion: {parts} (Pohon's grouping, not the official LKE score).",
    )(language)


def _json_diagnostic(diagnostic: Diagnostic, language: str) -> dict[str, Any]:
    """One finding of ``pohon check --format json``: with the criterion its rule serves and the
    node, indicator or agency it is about, where known."""
    found = diagnostic.as_dict(language)
    criterion = RULES[diagnostic.rule].criterion
    if criterion is not None:
        found["criterion"] = criterion
    if diagnostic.subject is not None:
        found["subject"] = diagnostic.subject
    return found


def _not_trees(path: Path | str) -> Text:
    return Text(id=f"{path} bukan folder pohon", en=f"{path} is not a folder of trees")


RULES_PAGES = {"id": "rules.md", "en": "rules.en.md"}
"""The rule catalogue's page in docs/, per language (``pohon rules --format markdown``)."""


def rules_markdown(language: str = "id") -> str:
    """The rule catalogue as the Markdown page docs/rules.md (Indonesian) or docs/rules.en.md:
    every rule with its severity, profile and the evaluation criterion it serves; then the
    criteria, and the logic rules' defaults a site may replace."""
    en = language == "en"
    if en:
        lines = [
            "# Check rules",
            "",
            "Generated by `pohon --bahasa en rules --format markdown` (in Indonesian: "
            "[rules.md](rules.md)).",
            "Errors fail `pohon check` and the site build;",
            "warnings fail only with `--strict`, and a site switches one off with",
            "`pengaturan.aturan_nonaktif: [rule-id]` in `pemda.yaml` "
            "(or `pohon check --disable rule-id`).",
            "Rules of the profile `lke` (the logic rules in the spirit of the SAKIP evaluation "
            "sheet) run only with `pohon check --profil lke`.",
            "",
            "| rule id | severity | profile | criterion | what it finds |",
            "|---|---|---|---|---|",
        ]
    else:
        lines = [
            "# Aturan pemeriksaan",
            "",
            "Dibuat oleh `pohon rules --format markdown` (dalam bahasa Inggris: "
            "[rules.en.md](rules.en.md)).",
            "Galat (error) menggagalkan `pohon check` dan pembangunan situs; peringatan (warning)",
            "hanya menggagalkan dengan `--strict`, dan sebuah situs dapat menonaktifkannya dengan",
            "`pengaturan.aturan_nonaktif: [id-aturan]` di `pemda.yaml` "
            "(atau `pohon check --disable id-aturan`).",
            "Aturan berprofil `lke` (aturan logika dalam semangat Lembar Kerja Evaluasi SAKIP) "
            "hanya dijalankan oleh `pohon check --profil lke`.",
            "",
            "| id aturan | jenis | profil | kriteria | yang ditemukan |",
            "|---|---|---|---|---|",
        ]
    for r in RULES.values():
        criterion = CRITERIA[r.criterion].name(language) if r.criterion else "–"
        lines.append(
            f"| `{r.id}` | {_severity(r.severity.value, language)} | {r.profile} | {criterion} "
            f"| {r.summary(language)} |"
        )
    lines += ["", "## Criteria" if en else "## Kriteria", ""]
    lines += [
        f"- **{c.name(language)}** (`{c.id}`): {c.question(language)}" for c in CRITERIA.values()
    ]
    lines += ["", _logic_defaults_markdown(language)]
    return "\n".join(lines) + "\n"


def _logic_defaults_markdown(language: str) -> str:
    """The logic rules' defaults and how a site replaces them (``pengaturan.mutu``)."""
    from .core.tree import logic_defaults as d

    def words(values: tuple[str, ...]) -> str:
        return ", ".join(values)

    if language == "en":
        return "\n".join(
            [
                "## Logic rule settings",
                "",
                "A site replaces any of these defaults in `pemda.yaml` under `pengaturan.mutu` "
                "(each key given replaces the whole default):",
                "",
                f"- `tingkat_hasil` (outcome levels): {words(d.OUTCOME_LEVELS)}. Statements "
                "at these levels must not open with an activity word; their indicators must not "
                "be output indicators, nor at the levels above them (visi, misi), whose statements "
                "are left alone; below the last, impact indicators do not fit.",
                f"- `kata_kegiatan` (activity words, the statement's first word): "
                f"{words(d.ACTIVITY_WORDS)}.",
                f"- `kata_hasil` (result words, besides the -nya forms such as Meningkatnya): "
                f"{words(d.RESULT_WORDS)}.",
                f"- `maks_indikator`: {d.MAX_INDICATORS}.",
                "- `tahun_laporan`: the last year whose realisation must be recorded; default: "
                "the last year whose performance report (LKjIP, due by 31 March) is due on the "
                "day of the check (the date in `SOURCE_DATE_EPOCH` when it is set, so a site "
                "rebuilt from the same commit says the same).",
                "",
                "`target-melemah` and `target-awal-lebih-buruk` look at outcome and impact "
                "indicators (an output's yearly volume follows each year's plan), and accept the "
                "targets of an indicator with `alasan_target`; `kode-di-luar-urusan` accepts a "
                "node (and those below it) with `alasan_lintas_urusan`.",
            ]
        )
    return "\n".join(
        [
            "## Pengaturan aturan logika",
            "",
            "Sebuah situs dapat mengganti nilai bawaan berikut di `pemda.yaml`, di bawah "
            "`pengaturan.mutu` (setiap kunci yang ditulis menggantikan seluruh nilai bawaannya):",
            "",
            f"- `tingkat_hasil` (tingkat hasil): {words(d.OUTCOME_LEVELS)}. Pernyataan di "
            "tingkat ini tidak boleh diawali kata kegiatan, dan indikatornya bukan indikator "
            "output, begitu pula di tingkat di atasnya (visi, misi), yang pernyataannya tidak "
            "diperiksa; di bawah tingkat hasil terakhir, indikator dampak tidak cocok.",
            f"- `kata_kegiatan` (kata kegiatan, kata pertama pernyataan): "
            f"{words(d.ACTIVITY_WORDS)}.",
            f"- `kata_hasil` (kata hasil, selain bentuk -nya seperti Meningkatnya): "
            f"{words(d.RESULT_WORDS)}.",
            f"- `maks_indikator`: {d.MAX_INDICATORS}.",
            "- `tahun_laporan`: tahun terakhir yang realisasinya wajib diisi; bawaan: tahun "
            "terakhir yang laporan kinerjanya (LKjIP, paling lambat 31 Maret) sudah jatuh tempo "
            "pada hari pemeriksaan (tanggal dalam `SOURCE_DATE_EPOCH` bila diisi, agar "
            "situs yang dibangun ulang dari commit yang sama tetap sama).",
            "",
            "`target-melemah` dan `target-awal-lebih-buruk` memeriksa indikator outcome dan "
            "dampak (volume output tahunan mengikuti rencana tiap tahun), dan menerima target "
            "indikator yang memiliki `alasan_target`; `kode-di-luar-urusan` menerima node (dan "
            "node di bawahnya) yang memiliki `alasan_lintas_urusan`.",
        ]
    )


def _severity(value: str, language: str) -> str:
    """A severity as written in a report: ``error``/``warning`` (the Indonesian adds its word)."""
    if language == "en":
        return value
    return {"error": "error (galat)", "warning": "warning (peringatan)"}[value]


def cmd_rules(args: argparse.Namespace) -> int:
    language = args.bahasa
    if args.format == "markdown":
        sys.stdout.write(rules_markdown(language))
        return EXIT_OK
    for rule in RULES.values():
        print(f"{rule.id:32} {rule.severity.value:8} {rule.profile:6} {rule.summary(language)}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    text = json_schema_text()
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from .core.site import RenderOptions, write_site

    trees = Path(args.trees)
    if not trees.is_dir():
        _error(args, "generate", _not_trees(trees))
        return EXIT_USAGE
    if args.custom_templates and not Path(args.custom_templates).is_dir():
        folder = args.custom_templates
        _error(args, "generate", Text(id=f"{folder} bukan folder", en=f"{folder} is not a folder"))
        return EXIT_USAGE
    result = check_trees(trees)
    if _report_errors(args, "generate", result):
        return EXIT_PROBLEMS
    options = RenderOptions(
        language=args.language or args.bahasa,
        custom_templates=Path(args.custom_templates) if args.custom_templates else None,
        directory_urls=not args.no_directory_urls,
    )
    count = write_site(result, Path(args.out_dir), options)
    summary = _summary(result, args.bahasa)
    print(
        "pohon generate: "
        + _say(
            args,
            Text(
                id=f"{count} berkas ditulis ke {args.out_dir}. {summary}",
                en=f"wrote {count} file(s) to {args.out_dir}. {summary}",
            ),
        )
    )
    return EXIT_OK


def _report_errors(args: argparse.Namespace, command: str, result: CheckResult) -> bool:
    """Print the errors of ``result`` (if any) and say to fix them first; whether there were."""
    if not result.errors:
        return False
    for diagnostic in result.errors:
        print(diagnostic.format(args.bahasa), file=sys.stderr)
    summary = _summary(result, args.bahasa)
    _error(
        args,
        command,
        Text(
            id=f"{summary} Perbaiki galat itu terlebih dahulu.",
            en=f"{summary} Fix the errors first.",
        ),
    )
    return True


def cmd_diff(args: argparse.Namespace) -> int:
    from .core.review.diff import DiffLoadError, diff_sites, load_side
    from .core.review.diff_render import render_json, render_markdown

    try:
        old = load_side(args.old, args.trees)
        new = load_side(args.new, args.trees)
    except DiffLoadError as exc:
        _error(args, "diff", exc.text)
        return EXIT_USAGE
    diff = diff_sites(old, new)
    if args.format == "json":
        sys.stdout.write(render_json(diff))
    else:
        sys.stdout.write(render_markdown(diff, language=args.bahasa))
    return EXIT_OK


def cmd_fmt(args: argparse.Namespace) -> int:
    from .core.review.fmt import format_paths

    paths = [Path(p) for p in args.paths] or [Path("trees")]
    missing = [p for p in paths if not p.exists()]
    if missing:
        _error(args, "fmt", Text(id=f"{missing[0]} tidak ada", en=f"{missing[0]} does not exist"))
        return EXIT_USAGE
    report = format_paths(paths, check=args.check)
    for problem in report.failed:
        _error(args, "fmt", problem)
    for path in report.changed:
        print(path)
    count = len(report.changed)
    if args.check:
        if report.changed:
            _error(
                args,
                "fmt",
                Text(
                    id=f"{count} berkas akan dirapikan; jalankan `pohon fmt`.",
                    en=f"{count} file(s) would be reformatted; run `pohon fmt`.",
                ),
            )
            return EXIT_PROBLEMS
    elif report.changed:
        _error(
            args,
            "fmt",
            Text(id=f"{count} berkas dirapikan.", en=f"reformatted {count} file(s)."),
        )
    return EXIT_USAGE if report.failed else EXIT_OK


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from .core.spreadsheet.importer import XlsxImportError, import_xlsx

    source = Path(args.file)
    if not source.is_file():
        _error(args, "import-xlsx", Text(id=f"{source} bukan berkas", en=f"{source} is not a file"))
        return EXIT_USAGE
    trees = Path(args.trees)
    try:
        result = import_xlsx(
            source,
            Path(args.out),
            opd_id=args.opd_id,
            trees=trees if (trees / "pemda.yaml").is_file() else None,
        )
    except XlsxImportError as exc:
        _error(args, "import-xlsx", exc.text)
        return EXIT_USAGE
    note_word = _say(args, Text(id="catatan", en="note"))
    for note in result.notes:
        print(f"{note_word}: {_say(args, note)}", file=sys.stderr)
    for path in result.written:
        imported = result.opds[path.stem]
        count = sum(len(n.indicators) for n in imported.nodes)
        print(f"{path}: {len(imported.nodes)} sasaran, {count} indikator")
    for problem in result.problems:
        print(problem.format(args.bahasa))
    written, problems = len(result.written), len(result.problems)
    _error(
        args,
        "import-xlsx",
        Text(
            id=f"{written} berkas ditulis, {problems} masalah baris"
            + ("; selanjutnya jalankan `pohon check` pada pohon." if result.ok else "."),
            en=f"{written} file(s) written, {problems} row problem(s)"
            + ("; run `pohon check` on the trees next." if result.ok else "."),
        ),
    )
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from .core.spreadsheet.exporter import XlsxUnavailable, export_xlsx

    trees = Path(args.trees)
    if not trees.is_dir():
        _error(args, "export-xlsx", _not_trees(trees))
        return EXIT_USAGE
    result = check_trees(trees)
    if _report_errors(args, "export-xlsx", result):
        return EXIT_PROBLEMS
    try:
        path = export_xlsx(result, args.output)
    except XlsxUnavailable:
        _error(args, "export-xlsx", _NO_OPENPYXL)
        return EXIT_USAGE
    summary = _summary(result, args.bahasa)
    print(
        "pohon export-xlsx: "
        + _say(args, Text(id=f"{path} ditulis. {summary}", en=f"wrote {path}. {summary}"))
    )
    return EXIT_OK


_NO_OPENPYXL = Text(
    id="menulis .xlsx memerlukan openpyxl: pip install 'mkdocs-pohon-plugin[xlsx]'",
    en="writing .xlsx needs openpyxl: pip install 'mkdocs-pohon-plugin[xlsx]'",
)


def cmd_xlsx_template(args: argparse.Namespace) -> int:
    from .core.spreadsheet.exporter import XlsxUnavailable, template_bytes

    years = None
    trees = Path(args.trees)
    if (trees / "pemda.yaml").is_file():
        result = check_trees(trees)
        years = result.site.years if result.site.region else None
    try:
        data = template_bytes(years)
    except XlsxUnavailable:
        _error(args, "xlsx-template", _NO_OPENPYXL)
        return EXIT_USAGE
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print("pohon xlsx-template: " + _say(args, Text(id=f"{out} ditulis", en=f"wrote {out}")))
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    """``pohon init DIR``: write a new site (mkdocs_pohon_plugin/scaffold.py)."""
    from . import scaffold

    root = Path(args.dir)
    try:
        start, end = scaffold.parse_period(args.periode)
        name = args.nama if args.nama is not None else scaffold.default_name(args.jenis)
        region = scaffold.Region(name, args.jenis, start, end)
    except scaffold.ScaffoldError as exc:
        _error(args, "init", exc.text)
        return EXIT_USAGE
    if root.exists() and not root.is_dir():
        message = Text(id=f"{root} bukan folder", en=f"{root} is not a folder")
        _error(args, "init", message)
        return EXIT_USAGE
    files = scaffold.plan(region, root)
    present = scaffold.existing(files, root)
    if present and not args.force:
        message = Text(
            id=f"{len(present)} berkas sudah ada di {root} dan tidak ditimpa: "
            f"{', '.join(present)}. Pilih folder lain, atau tambahkan --force untuk menimpanya.",
            en=f"{len(present)} file(s) already exist in {root} and are not overwritten: "
            f"{', '.join(present)}. Choose another folder, or add --force to overwrite them.",
        )
        _error(args, "init", message)
        return EXIT_USAGE
    try:
        written = scaffold.write(files, root)
    except OSError as exc:
        message = Text(id=f"tidak dapat menulis: {exc}", en=f"cannot write: {exc}")
        _error(args, "init", message)
        return EXIT_USAGE
    for path in written:
        print(path)
    done = Text(
        id=f"pohon init: situs {region.name} ditulis di {root}. Berikutnya: cd {root}; "
        "pohon check trees; mkdocs serve",
        en=f"pohon init: the site of {region.name} is written in {root}. Next: cd {root}; "
        "pohon check trees; mkdocs serve",
    )
    print(_say(args, done))
    return EXIT_OK


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, with its own words ("usage:") in the command's language."""

    language = "id"

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and self.language != "en":
            prefix = "penggunaan: "
        super().add_usage(usage, actions, groups, prefix)


class _Parser(argparse.ArgumentParser):
    """An argument parser that speaks the command's language: its headings, its help option and
    its error line ("error:", and argparse's usual sentences such as "invalid choice") are
    translated."""

    def __init__(self, *args: Any, language: str = "id", **kwargs: Any) -> None:
        formatter = type("Formatter", (_Formatter,), {"language": language})
        kwargs.setdefault("formatter_class", formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.language = language
        if language != "en":
            self._positionals.title = "argumen posisi"
            self._optionals.title = "opsi"
        self.add_argument(
            "-h",
            "--help",
            action="help",
            default=argparse.SUPPRESS,
            help=_help(language, "tampilkan bantuan ini lalu keluar", "show this help and exit"),
        )

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        if self.language == "en":
            self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")
        self.exit(EXIT_USAGE, f"{self.prog}: galat: {_argparse_indonesian(message)}\n")


_ARGPARSE_SENTENCES = (
    (
        re.compile(r"invalid choice: (.*) \(choose from (.*)\)"),
        r"pilihan tidak sah: \1 (pilih dari \2)",
    ),
    (re.compile(r"the following arguments are required: (.*)"), r"argumen berikut wajib diisi: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"argumen tidak dikenal: \1"),
    (re.compile(r"expected one argument"), "memerlukan satu nilai"),
    (re.compile(r"ambiguous option: (.*)"), r"opsi ambigu: \1"),
    (re.compile(r"^argument "), "argumen "),
)
"""argparse's own sentences (English, from its gettext catalogue) and their Indonesian."""


def _argparse_indonesian(message: str) -> str:
    """An argparse error message in Indonesian, as far as its usual sentences go."""
    for pattern, replacement in _ARGPARSE_SENTENCES:
        message = pattern.sub(replacement, message)
    return message


def _help(language: str, indonesian: str, english: str) -> str:
    return english if language == "en" else indonesian


def chosen_language(argv: Sequence[str], environ: dict[str, str] | None = None) -> str:
    """The language asked for: ``--bahasa``/``--lang`` on the command line, else the
    :data:`LANGUAGE_ENV` environment variable, else Indonesian."""
    environ = dict(os.environ) if environ is None else environ
    language = environ.get(LANGUAGE_ENV, "id").strip().lower() or "id"
    items = list(argv)
    for index, item in enumerate(items):
        if item == "--":
            break
        for flag in ("--bahasa", "--lang"):
            if item == flag and index + 1 < len(items):
                language = items[index + 1]
            elif item.startswith(flag + "="):
                language = item.split("=", 1)[1]
    return language if language in LANGUAGES else "id"


def build_parser(language: str = "id") -> argparse.ArgumentParser:
    """The ``pohon`` argument parser, its help in ``language``."""

    def h(indonesian: str, english: str) -> str:
        return _help(language, indonesian, english)

    def option_language(parser: argparse.ArgumentParser, default: Any) -> None:
        parser.add_argument(
            "--bahasa",
            choices=LANGUAGES,
            default=default,
            help=h(
                f"bahasa pesan: id (bawaan) atau en; juga lewat variabel lingkungan {LANGUAGE_ENV}",
                f"language of the messages: id (default) or en; also the {LANGUAGE_ENV} "
                "environment variable",
            ),
        )

    def sub_parser(name: str, help: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(
            name, help=help, description=help, language=language
        )
        option_language(parser, argparse.SUPPRESS)
        return parser

    trees_help = h("folder pohon (bawaan: trees)", "trees folder (default: trees)")
    parser = _Parser(
        prog="pohon",
        description=h(
            "Memeriksa dan menerbitkan pohon kinerja (SAKIP).",
            "Check and publish pohon kinerja (SAKIP performance trees).",
        ),
        language=language,
    )
    option_language(parser, language)
    sub = parser.add_subparsers(
        dest="command",
        required=True,
        title=h("perintah", "commands"),
        metavar="PERINTAH" if language != "en" else "COMMAND",
    )

    check = sub_parser(
        "check",
        h(
            "periksa pohon dan laporkan setiap masalah",
            "validate the trees and report every problem",
        ),
    )
    check.add_argument("path", nargs="?", default="trees", help=trees_help)
    check.add_argument(
        "--format",
        choices=("text", "json", "gitlab", "github"),
        default="text",
        help=h(
            "gitlab: laporan Code Quality (JSON); github: anotasi workflow",
            "gitlab: Code Quality report (JSON); github: workflow annotations",
        ),
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help=h("peringatan juga menggagalkan pemeriksaan", "warnings fail the check too"),
    )
    check.add_argument(
        "--published",
        metavar="REV",
        help=h(
            "revisi git (atau folder) yang sudah terbit, mis. origin/main: gagal bila id yang "
            "terbit di sana hilang tanpa dicantumkan di id_lama",
            "git revision (or folder) that is published, e.g. origin/main: fail when an id "
            "published there is gone without being listed under id_lama",
        ),
    )
    check.add_argument(
        "--disable",
        action="append",
        default=[],
        metavar="ATURAN" if language != "en" else "RULE",
        help=h("nonaktifkan satu aturan peringatan", "switch a warning rule off"),
    )
    check.add_argument(
        "--profil",
        "--profile",
        dest="profil",
        choices=PROFILES,
        default="dasar",
        help=h(
            "lke: tambahkan aturan logika dalam semangat LKE (pernyataan hasil, jenis indikator, "
            "target yang melemah, urusan, IKU, realisasi); bawaan: dasar",
            "lke: add the logic rules in the spirit of the LKE (result statements, indicator "
            "kinds, weakening targets, affairs, IKU, realisation); default: dasar",
        ),
    )
    check.set_defaults(func=cmd_check)

    rules = sub_parser(
        "rules",
        h(
            "tampilkan daftar aturan dengan id dan tingkatnya",
            "list the rules with their ids and severity",
        ),
    )
    rules.add_argument("--format", choices=("text", "markdown"), default="text")
    rules.set_defaults(func=cmd_rules)

    schema = sub_parser(
        "schema",
        h("tulis JSON Schema format pohon", "write the JSON Schema of the tree format"),
    )
    schema.add_argument(
        "output",
        nargs="?",
        default="-",
        help=h("berkas tujuan (bawaan: stdout)", "file to write (default: stdout)"),
    )
    schema.set_defaults(func=cmd_schema)

    generate = sub_parser(
        "generate",
        h(
            "tulis halaman situs sebagai berkas Markdown (untuk generator situs lain)",
            "write the site's pages as Markdown files (for other site generators)",
        ),
    )
    generate.add_argument(
        "out_dir",
        metavar="OUT_DIR",
        help=h("folder tujuan halaman", "folder to write the pages into"),
    )
    generate.add_argument("--trees", default="trees", help=trees_help)
    generate.add_argument(
        "--language",
        choices=LANGUAGES,
        help=h(
            "bahasa halaman situs (bawaan: bahasa pesan, --bahasa)",
            "language of the site's pages (default: that of the messages, --bahasa)",
        ),
    )
    generate.add_argument(
        "--custom-templates",
        metavar="DIR",
        help=h(
            "folder templat yang menggantikan templat bawaan",
            "folder of templates that replace built-in ones",
        ),
    )
    generate.add_argument(
        "--no-directory-urls",
        action="store_true",
        help=h(
            "tautan diagram ke page.html, bukan page/ (seperti use_directory_urls: false MkDocs)",
            "diagram links to page.html instead of page/ (as MkDocs' use_directory_urls: false)",
        ),
    )
    generate.set_defaults(func=cmd_generate)

    diff = sub_parser(
        "diff",
        h(
            "apa yang berubah di antara dua versi pohon (revisi git atau folder)",
            "what changed between two versions of the trees (git revisions or folders)",
        ),
    )
    diff.add_argument(
        "old",
        metavar="OLD",
        help=h(
            "revisi git (origin/main, HEAD~1 …) atau folder",
            "git revision (origin/main, HEAD~1 …) or folder",
        ),
    )
    diff.add_argument(
        "new", metavar="NEW", help=h("revisi git atau folder", "git revision or folder")
    )
    diff.add_argument(
        "--trees",
        default="trees",
        help=h(
            "folder pohon di dalam repositori (bawaan: trees)",
            "trees folder inside the repository (default: trees)",
        ),
    )
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.set_defaults(func=cmd_diff)

    fmt = sub_parser(
        "fmt",
        h(
            "tulis ulang berkas pohon dalam tata letak baku",
            "rewrite tree files in the canonical layout",
        ),
    )
    fmt.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=h("berkas atau folder (bawaan: trees)", "files or folders (default: trees)"),
    )
    fmt.add_argument(
        "--check",
        action="store_true",
        help=h(
            "jangan ubah apa pun; daftar berkas yang akan berubah (keluar dengan 1)",
            "change nothing; list files that would change (exit 1)",
        ),
    )
    fmt.set_defaults(func=cmd_fmt)

    import_xlsx = sub_parser(
        "import-xlsx",
        h(
            "tulis pohon YAML (satu berkas per OPD) dari workbook matriks cascading",
            "write YAML trees (one file per OPD) from a cascading-matrix workbook",
        ),
    )
    import_xlsx.add_argument(
        "file",
        metavar="FILE.xlsx",
        help=h("workbook (docs/xlsx.md)", "the workbook (docs/xlsx.md)"),
    )
    import_xlsx.add_argument(
        "--out",
        default="trees/opd",
        help=h(
            "folder berkas OPD (bawaan: trees/opd)", "folder for the OPD files (default: trees/opd)"
        ),
    )
    import_xlsx.add_argument(
        "--opd-id",
        metavar="ID",
        help=h(
            "id OPD untuk sheet yang tidak menyebutkannya (ID OPD: …)",
            "OPD id for sheets that do not say it (ID OPD: …)",
        ),
    )
    import_xlsx.add_argument(
        "--trees",
        default="trees",
        help=h(
            "folder pohon yang skema tingkat dan sasaran pemdanya dirujuk baris-baris workbook "
            "(bawaan: trees, bila ada pemda.yaml)",
            "trees folder whose level scheme and regional sasaran the rows refer to "
            "(default: trees, when it has a pemda.yaml)",
        ),
    )
    import_xlsx.set_defaults(func=cmd_import_xlsx)

    export_xlsx = sub_parser(
        "export-xlsx",
        h(
            "tulis matriks cascading setiap OPD sebagai workbook siap cetak",
            "write the matriks cascading of every OPD as a printable workbook",
        ),
    )
    export_xlsx.add_argument(
        "output", metavar="OUT.xlsx", help=h("workbook tujuan", "workbook to write")
    )
    export_xlsx.add_argument("--trees", default="trees", help=trees_help)
    export_xlsx.set_defaults(func=cmd_export_xlsx)

    template = sub_parser(
        "xlsx-template",
        h(
            "tulis workbook matriks cascading kosong untuk diisi lalu diimpor",
            "write an empty cascading-matrix workbook to fill in and import",
        ),
    )
    template.add_argument(
        "output", metavar="OUT.xlsx", help=h("workbook tujuan", "workbook to write")
    )
    template.add_argument(
        "--trees",
        default="trees",
        help=h(
            "folder pohon yang periodenya menentukan kolom tahun",
            "trees folder whose period sets the year columns",
        ),
    )
    template.set_defaults(func=cmd_xlsx_template)
    init = sub_parser(
        "init",
        h(
            "tulis situs baru: mkdocs.yml, trees/, CI, README",
            "write a new site: mkdocs.yml, trees/, CI, README",
        ),
    )
    init.add_argument(
        "dir",
        metavar="DIR",
        help=h("folder situs baru (dibuat bila belum ada)", "folder of the new site (created)"),
    )
    init.add_argument(
        "--nama",
        help=h(
            "nama pemerintah daerah (bawaan: Kabupaten/Kota/Provinsi Contoh)",
            "name of the regional government (default: Kabupaten/Kota/Provinsi Contoh)",
        ),
    )
    init.add_argument("--jenis", choices=("kabupaten", "kota", "provinsi"), default="kabupaten")
    init.add_argument(
        "--periode",
        default="2025-2029",
        help=h("periode RPJMD, mis. 2025-2029", "RPJMD period, e.g. 2025-2029"),
    )
    init.add_argument(
        "--force", action="store_true", help=h("timpa berkas yang sudah ada", "overwrite files")
    )
    init.set_defaults(func=cmd_init)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(chosen_language(arguments))
    args = parser.parse_args(arguments)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and friends
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
