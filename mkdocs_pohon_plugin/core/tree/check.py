"""``check_trees``: load, index and validate a trees folder in one call."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .diagnostics import (
    PROFILES,
    RULES,
    Diagnostic,
    DiagnosticSink,
    Severity,
    Text,
    count_findings,
    sort_key,
)
from .former_ids import check_former_ids
from .graph import Graph
from .load import LoadCache, display_path, load_site
from .logic_rules import check_logic, check_quality_settings
from .model import Site
from .nomenclature import PACKAGED_FOLDER, Nomenclature, NomenclatureError, load_nomenclature
from .validate import validate


@dataclass(slots=True)
class CheckResult:
    site: Site
    graph: Graph
    nomenclature: Nomenclature | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def error_count(self) -> int:
        """Errors found, those left out of the list past the per-file cap included."""
        return count_findings(self.errors)

    @property
    def warning_count(self) -> int:
        """Warnings found, those left out of the list past the per-file cap included."""
        return count_findings(self.warnings)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def _nomenclature(site: Site, root: Path, sink: DiagnosticSink) -> Nomenclature | None:
    ref = site.region.nomenclature if site.region else None
    if ref is None:
        return None
    # No folder of its own: the nomenclature shipped inside the package.
    folder = (root / ref.folder).resolve() if ref.folder else PACKAGED_FOLDER
    try:
        return load_nomenclature(folder, ref.version)
    except NomenclatureError as exc:
        sink.add(
            "nomenklatur-tidak-ditemukan",
            ref.loc.file or display_path(root),
            ref.lines.get("berkas", ref.loc.line),
            Text(
                id=f"Nomenklatur tidak dapat dibaca: {exc.text.id}. Arahkan 'berkas' ke folder "
                "yang berisi program.csv, kegiatan.csv dan sub_kegiatan.csv.",
                en=f"The nomenclature cannot be read: {exc.text.en}. Point 'berkas' at a folder "
                "with program.csv, kegiatan.csv and sub_kegiatan.csv.",
            ),
        )
        return None


def _switched_off(site: Site, sink: DiagnosticSink, extra: tuple[str, ...]) -> set[str]:
    settings = site.settings
    disabled = set(extra)
    for index, rule_id in enumerate(settings.disabled_rules):
        rule = RULES.get(rule_id)
        line = settings.lines.get("aturan_nonaktif", settings.loc.line)
        file = settings.loc.file
        if rule is None:
            sink.add(
                "aturan-tidak-dikenal",
                file,
                line,
                Text(
                    id=f"Butir {index + 1} aturan_nonaktif menyebut aturan '{rule_id}', yang "
                    "tidak ada; `pohon rules` menampilkan daftarnya.",
                    en=f"aturan_nonaktif item {index + 1} names the rule '{rule_id}', which does "
                    "not exist; `pohon rules` lists them.",
                ),
            )
        elif rule.severity is Severity.ERROR:
            sink.add(
                "aturan-tidak-dikenal",
                file,
                line,
                Text(
                    id=f"'{rule_id}' adalah aturan galat (error) dan tidak dapat dinonaktifkan; "
                    "perbaiki yang dilaporkannya.",
                    en=f"'{rule_id}' is an error rule and cannot be switched off; fix what it "
                    "reports.",
                ),
            )
        else:
            disabled.add(rule_id)
    return disabled


def check_trees(
    root: Path | str,
    *,
    disabled_rules: tuple[str, ...] = (),
    cache: LoadCache | None = None,
    profile: str = "dasar",
    today: date | None = None,
) -> CheckResult:
    """Load every tree under ``root``, build the graph and run every rule of ``profile``.

    ``profile="lke"`` adds the logic rules (:mod:`.logic_rules`) to the default ``dasar`` ones;
    ``today`` (default: the current date) decides which years' realisations they expect when
    the site sets no ``pengaturan.mutu.tahun_laporan``.
    ``cache`` (a :class:`~.loader.LoadCache` kept between calls, as ``mkdocs serve`` does) makes
    a second check read only the files that changed; the result is the same as without it."""
    if profile not in PROFILES:
        raise ValueError(f"unknown check profile {profile!r}; one of {', '.join(PROFILES)}")
    root = Path(root)
    sink = DiagnosticSink()
    site = load_site(root, sink, cache)
    graph = Graph.build(site)
    nomenclature = _nomenclature(site, root, sink)
    validate(site, graph, sink, nomenclature)
    check_former_ids(site, sink)
    check_quality_settings(site, sink)
    if profile == "lke":
        check_logic(site, graph, sink, nomenclature, today)
    disabled = _switched_off(site, sink, disabled_rules)
    return CheckResult(site, graph, nomenclature, _kept(sink.items, disabled))


def _kept(items: list[Diagnostic], disabled: set[str]) -> list[Diagnostic]:
    return sorted(
        (d for d in items if d.rule not in disabled or RULES[d.rule].severity is Severity.ERROR),
        key=sort_key,
    )


def logic_findings(
    result: CheckResult, *, disabled_rules: tuple[str, ...] = (), today: date | None = None
) -> list[Diagnostic]:
    """The logic rules' findings (profile ``lke``) for a site already checked with the default
    profile, without reading the files again: what the "Mutu Pohon" pages show next to the
    quality warnings already in ``result.diagnostics``. Rules the site (or ``disabled_rules``)
    switches off are left out; the findings are sorted like a check's."""
    sink = DiagnosticSink()
    check_logic(result.site, result.graph, sink, result.nomenclature, today)
    disabled = set(disabled_rules) | set(result.site.settings.disabled_rules)
    return _kept(sink.items, disabled)
