"""The Mutu Pohon pages: quality warnings grouped per agency and criterion, each finding linked
to its node or indicator page (never a file and line), the regency page and one page per agency,
bounded lists, a positive note when nothing is found, and English."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site import paths
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.site.quality import (
    Finding,
    RuleFindings,
    _share,
    public_message,
    quality_of,
)
from mkdocs_pohon_plugin.core.site.render import RenderOptions
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from mkdocs_pohon_plugin.core.tree.criteria import CRITERIA
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES, Diagnostic, Text
from mkdocs_pohon_plugin.core.tree.model import Indicator, Node, Opd
from tests.sites import article, build_site
from tests.treebuilder import DINKES, PEMDA, base_files, indicator, line_of, write_tree

HOSTILE = "<script>alert('mutu')</script> Terlayaninya ibu nifas"

# Planted defects: an indicator of the agency without a unit, an agency node without any
# indicator (with HTML in its statement), and a regional indicator without a definition.
DINKES_FLAWED = DINKES.replace(indicator("i-sk"), indicator("i-sk", satuan=None)) + (
    "  - id: ssk-nifas\n"
    "    tingkat: sasaran_sub_kegiatan\n"
    "    induk: sk\n"
    f'    pernyataan: "{HOSTILE}"\n'
    '    kode: "1.02.02.2.02.0002"\n'
)
PEMDA_FLAWED = PEMDA.replace(indicator("i-tujuan"), indicator("i-tujuan", definisi=None))


def _sound_for_lke(files: dict[str, str]) -> dict[str, str]:
    """The base trees made sound for the logic rules too (profile ``lke``, whose findings the
    pages show): each agency sets its IKU, and the regional lower-is-better target falls."""
    swaps = {
        indicator("i-ss"): indicator("i-ss", iku="true"),
        indicator("i-dinsos-ss"): indicator("i-dinsos-ss", iku="true"),
        indicator("i-sasaran", polaritas="minimal"): indicator(
            "i-sasaran", polaritas="minimal", target="{2025: 9, 2026: 8}"
        ),
    }
    fixed = {}
    for name, text in files.items():
        for old, new in swaps.items():
            text = text.replace(old, new)
        fixed[name] = text
    return fixed


def _flawed(root: Path) -> Path:
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES_FLAWED
    files["pemda.yaml"] = PEMDA_FLAWED
    return write_tree(root, _sound_for_lke(files))


@pytest.fixture(scope="module")
def flawed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _flawed(tmp_path_factory.mktemp("flawed") / "trees")


@pytest.fixture(scope="module")
def result(flawed: Path) -> CheckResult:
    checked = check_trees(flawed)
    assert checked.errors == [], [d.format() for d in checked.errors]
    return checked


def _rules(result: CheckResult) -> set[str]:
    return {d.rule for d in result.warnings}


# -- core grouping --


def test_the_planted_defects_are_warnings_that_name_their_subject(result: CheckResult) -> None:
    found = {(d.rule, d.subject) for d in result.warnings}
    assert ("indikator-tanpa-satuan", "i-sk") in found
    assert ("node-tanpa-indikator", "ssk-nifas") in found
    assert ("indikator-tanpa-definisi", "i-tujuan") in found


def test_findings_are_grouped_per_agency_and_criterion_with_their_pages(
    result: CheckResult,
) -> None:
    quality = quality_of(result)
    dinkes = quality.report("dinkes")
    assert [c.id for c in dinkes.criteria] == list(CRITERIA)  # every criterion, in order
    counts = dinkes.counts()
    assert counts["indikator-tepat"] == 2
    fit = next(c for c in dinkes.criteria if c.id == "indikator-tepat")
    by_rule = {r.rule: r for r in fit.rules}
    assert set(by_rule) == {"node-tanpa-indikator", "indikator-tanpa-satuan"}
    [unit] = by_rule["indikator-tanpa-satuan"].findings
    assert isinstance(unit.subject, Indicator) and unit.subject.id == "i-sk"
    assert unit.page == paths.indicator_page("i-sk")
    [bare] = by_rule["node-tanpa-indikator"].findings
    assert isinstance(bare.subject, Node) and bare.page == paths.node_page("ssk-nifas")
    # Summaries in the reader's language, as a heading (capital first letter).
    assert by_rule["indikator-tanpa-satuan"].summary == "Indikator tanpa satuan"
    # Dinsos has none of them; the regional tree has the missing definition.
    assert quality.report("dinsos").counts()["indikator-tepat"] == 0
    regional = quality.report(None)
    assert regional.counts()["indikator-tepat"] == 1
    assert quality.totals()["indikator-tepat"] == 3
    assert quality.count == sum(quality.totals().values())
    # Every quality warning is counted exactly once somewhere.
    assert quality.count == sum(d.count for d in result.warnings if _criterion(d.rule))


def _criterion(rule_id: str) -> str | None:
    return RULES[rule_id].criterion


def test_findings_in_english(result: CheckResult) -> None:
    dinkes = quality_of(result, "en").report("dinkes")
    fit = next(c for c in dinkes.criteria if c.id == "indikator-tepat")
    assert fit.name == "Indicators fit and measurable"
    summaries = {r.summary for r in fit.rules}
    assert "An indicator without a unit" in summaries  # without the closing remark
    messages = [f.message for r in fit.rules for f in r.findings]
    assert any(m.startswith("The indicator 'i-sk' has no 'satuan'") for m in messages)


def test_a_finding_without_a_subject_is_placed_by_its_file_and_line(
    result: CheckResult,
) -> None:
    site = result.site
    ind = site.indicators["i-sk"]
    node = site.nodes["ssk-nifas"]
    opd = site.opds["dinkes"]
    file = ind.loc.file
    statement_line = line_of(DINKES_FLAWED, 'pernyataan: "<script>')
    header_line = line_of(DINKES_FLAWED, "nama: Dinas Kesehatan")
    planted = [
        Diagnostic("indikator-tanpa-satuan", file, ind.loc.line, Text("a", "a")),
        Diagnostic("node-tanpa-indikator", file, statement_line, Text("b", "b")),
        Diagnostic("node-tanpa-indikator", file, header_line, Text("c", "c")),
        Diagnostic("node-tanpa-indikator", "nowhere.yaml", 3, Text("d", "d")),
    ]
    quality = quality_of(result, diagnostics=planted)
    subjects = {
        f.message: f.subject
        for report in (quality.regional, *quality.by_opd.values())
        for c in report.criteria
        for r in c.rules
        for f in r.findings
    }
    assert subjects["a"] is ind
    assert subjects["b"] is node
    assert isinstance(subjects["c"], Opd) and subjects["c"] is opd
    assert subjects["d"] is None  # nothing to link: counted for the regional tree
    assert quality.regional.count == 1 and quality.report("dinkes").count == 3


def test_errors_and_housekeeping_warnings_are_not_findings(result: CheckResult) -> None:
    file = result.site.indicators["i-sk"].loc.file
    planted = [
        Diagnostic("kolom-wajib", file, 3, Text("error", "error")),
        Diagnostic("aturan-tidak-dikenal", file, 3, Text("housekeeping", "housekeeping")),
    ]
    assert quality_of(result, diagnostics=planted).count == 0


def test_messages_lose_file_and_line_references() -> None:
    text = (
        "Indikator 'x' mendukung 'y' melalui tautan crosscutting 'a' → 'b' "
        "(trees/opd/dinkes.yaml:12) yang masih menunggu."
    )
    assert public_message(text) == (
        "Indikator 'x' mendukung 'y' melalui tautan crosscutting 'a' → 'b' yang masih menunggu."
    )
    assert public_message("di 'a' (/srv/pohon/trees/opd/x.yml:3), lalu") == "di 'a', lalu"


def _rule(name: str, count: int) -> RuleFindings:
    findings = [Finding(name, f"{name}{i}", None, None) for i in range(count)]
    return RuleFindings(name, name, findings)


def test_the_list_is_capped_per_criterion_and_shared_fairly_between_rules() -> None:
    rules = [_rule("a", 100), _rule("b", 3), _rule("c", 50)]
    _share(rules, 40)
    assert [r.shown for r in rules] == [19, 3, 18]
    assert sum(r.shown for r in rules) == 40
    assert [r.left_out for r in rules] == [81, 0, 32]
    few = [_rule("a", 2), _rule("b", 1)]
    _share(few, 40)
    assert [r.shown for r in few] == [2, 1] and all(r.left_out == 0 for r in few)


def test_a_note_past_the_checks_cap_counts_every_finding_it_stands_for(
    result: CheckResult,
) -> None:
    ind = result.site.indicators["i-sk"]
    note = Diagnostic(
        "indikator-tanpa-satuan", ind.loc.file, ind.loc.line, Text("n", "n"), left_out=7
    )
    quality = quality_of(result, diagnostics=[note], limit=1)
    fit = next(c for c in quality.report("dinkes").criteria if c.id == "indikator-tepat")
    assert fit.count == 7 and fit.left_out == 0


# -- the pages --


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"#]+)', html)


def _resolves(site: Path, page: str, href: str) -> bool:
    if href.startswith(("http:", "https:", "mailto:")):
        return True
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    path = site / target
    return (path / "index.html").is_file() if href.endswith("/") else path.is_file()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mutu-site")
    return build_site(root, _flawed(tmp_path_factory.mktemp("trees") / "trees"))


def test_the_built_pages_count_the_findings_and_link_to_existing_pages(built: Path) -> None:
    regency = article(built, "indeks/mutu/index.html")
    agency = article(built, "opd/dinkes/mutu/index.html")
    assert "bukan nilai resmi LKE" in regency and "bukan nilai resmi LKE" in agency
    assert "<strong>3 temuan</strong>" in regency  # 2 of Dinkes, 1 of the regional tree
    assert "<strong>2 temuan</strong>" in agency
    assert "Indikator tanpa satuan" in agency and "Node tanpa indikator" in agency
    assert "Kriteria tanpa temuan" in agency and "Berorientasi hasil" in agency
    assert 'href="../../../indikator/i-sk/"' in agency
    assert 'href="../../../node/ssk-nifas/"' in agency
    for page, html in (("indeks/mutu/index.html", regency), ("opd/dinkes/mutu/index.html", agency)):
        links = _hrefs(html)
        assert links
        broken = [href for href in links if not _resolves(built, page, href)]
        assert broken == [], page
        assert ".yaml" not in html  # never a file and line on the public page
    # The regency table links every agency's page, with its counts.
    assert 'href="../../opd/dinkes/mutu/"' in regency
    assert 'href="../../opd/dinsos/mutu/"' in regency
    # Hostile text in a statement is only ever text.
    assert "<script>alert" not in agency
    assert "&lt;script&gt;alert(&#39;mutu&#39;)&lt;/script&gt;" in agency


def test_each_agency_page_links_its_quality_page_and_the_nav_lists_the_regency_page(
    built: Path,
) -> None:
    assert 'href="../../opd/dinkes/mutu/">2 temuan</a>' in article(built, "opd/dinkes/index.html")
    assert 'href="../../opd/dinsos/mutu/">Tidak ada temuan</a>' in article(
        built, "opd/dinsos/index.html"
    )
    home = (built / "index.html").read_text("utf-8")
    # In the navigation's Indeks section, as its own entry (not as the section's index page).
    entries = re.findall(
        r'<a href="indeks/mutu/" class="md-nav__link[^"]*">(.{0,200}?)</a>', home, re.S
    )
    assert entries and all("Mutu Pohon" in e and "Indeks" not in e for e in entries)


def test_a_sound_tree_says_so_positively_without_tables(tmp_path: Path) -> None:
    trees = write_tree(tmp_path / "trees", _sound_for_lke(base_files()))
    result = check_trees(trees, profile="lke")
    assert [d for d in result.warnings if _criterion(d.rule)] == []
    build = SiteBuild(result)
    pages = {p.path: p for p in build.pages}
    for path in (paths.QUALITY, paths.quality_page("dinkes")):
        html = build.render(pages[path]).html
        assert "Tidak ada temuan: pemeriksaan otomatis tidak menemukan masalah" in html
        assert "<table" not in html and '<ul class="pohon-findings"' not in html
    opd_page = build.render(pages[paths.opd_page("dinkes")]).html
    assert ">Tidak ada temuan</a>" in opd_page


def test_the_pages_in_english(result: CheckResult) -> None:
    build = SiteBuild(result, RenderOptions(language="en"))
    pages = {p.path: p for p in build.pages}
    regency = build.render(pages[paths.QUALITY])
    agency = build.render(pages[paths.quality_page("dinkes")])
    assert regency.title == "Tree quality"
    assert agency.title == "Tree quality — Dinas Kesehatan"
    assert "not the official LKE" in regency.html and "not the official LKE" in agency.html
    assert "Findings by agency" in regency.html
    assert "<strong>2 finding(s)</strong>" in agency.html
    assert "An indicator without a unit" in agency.html
    assert "temuan" not in agency.html


def test_a_long_list_is_capped_with_a_count_of_the_rest(result: CheckResult) -> None:
    ind = result.site.indicators["i-sk"]
    many = [
        Diagnostic(
            "indikator-tanpa-satuan",
            ind.loc.file,
            ind.loc.line,
            Text(f"m{i}", f"m{i}"),
            0,
            0,
            "i-sk",
        )
        for i in range(60)
    ]
    result_many = CheckResult(result.site, result.graph, result.nomenclature, many)
    build = SiteBuild(result_many)
    page = next(p for p in build.pages if p.path == paths.quality_page("dinkes"))
    html = build.render(page).html
    assert len(re.findall(r"<li><a [^>]*>[^<]*</a> — m\d+</li>", html)) == 40
    assert "20 temuan lain tidak ditampilkan di sini." in html
    assert "<strong>60 temuan</strong>" in html


def test_an_agency_page_with_thousands_of_findings_stays_small(result: CheckResult) -> None:
    """Every quality rule with 500 findings in one agency, each message as long as the longest
    the check writes: the page lists at most 40 per criterion, and its body stays well under the
    500 KB a page may weigh at full size (the theme adds its navigation around it)."""
    site = result.site
    nodes = [n for n in site.nodes.values() if n.opd_id == "dinkes"]
    long = "x" * 600
    many = [
        Diagnostic(rule_id, n.loc.file, n.loc.line, Text(long, long), 0, 0, n.id)
        for rule_id in sorted(r for r in RULES if RULES[r].criterion)
        for i in range(500)
        for n in [nodes[i % len(nodes)]]
    ]
    build = SiteBuild(CheckResult(site, result.graph, result.nomenclature, many))
    pages = {p.path: p for p in build.pages}
    agency = build.render(pages[paths.quality_page("dinkes")]).html
    regency = build.render(pages[paths.QUALITY]).html
    criteria_with_rules = {RULES[r].criterion for r in RULES if RULES[r].criterion}
    assert agency.count(long) == 40 * len(criteria_with_rules)
    assert len(agency.encode()) < 300_000
    assert len(regency.encode()) < 100_000
    assert f"<strong>{500 * len([r for r in RULES if RULES[r].criterion])} temuan</strong>" in (
        regency
    )


def test_rules_the_site_switches_off_are_named_and_not_counted(tmp_path: Path) -> None:
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES_FLAWED
    files["pemda.yaml"] = PEMDA_FLAWED.replace(
        "node:\n", "pengaturan:\n  aturan_nonaktif: [indikator-tanpa-definisi]\nnode:\n", 1
    )
    result = check_trees(write_tree(tmp_path / "trees", files))
    assert result.errors == []
    build = SiteBuild(result)
    pages = {p.path: p for p in build.pages}
    html = build.render(pages[paths.QUALITY]).html
    assert "Situs ini menonaktifkan aturan berikut" in html
    assert "<code>indikator-tanpa-definisi</code> — indikator tanpa definisi operasional" in html
    assert "<strong>2 temuan</strong>" in html  # the missing definition is not counted


def test_the_logic_rules_findings_are_on_the_pages(tmp_path: Path) -> None:
    """The pages show the logic rules' findings (profile ``lke``) next to the quality warnings,
    although the site's check runs the default profile: a regional target worded as an
    activity is listed under "Berorientasi hasil" and linked to its node."""
    files = _sound_for_lke(base_files())
    files["pemda.yaml"] = files["pemda.yaml"].replace(
        "pernyataan: Meningkatnya derajat", "pernyataan: Pelaksanaan rapat koordinasi", 1
    )
    result = check_trees(write_tree(tmp_path / "trees", files))
    assert result.errors == [] and "pernyataan-berupa-kegiatan" not in _rules(result)
    build = SiteBuild(result)
    pages = {p.path: p for p in build.pages}
    html = build.render(pages[paths.QUALITY]).html
    assert "<strong>1 temuan</strong>" in html
    assert "Pelaksanaan rapat koordinasi" in html and "Berorientasi hasil" in html
