"""The level scheme says what each level is, and pages and rules read it (issue 14 items 1, 2, 5).

Fixtures shaped like the issue's cases: ``agency`` (a national agency's outcome tree on the ``kl``
preset: no visi/misi, units that are Deputi, free codes like ``Int.O.1.1``) and ``draft`` (a
regency whose draft RPJMD stops at misi, with one agency file ``node: []``). Both check with
exactly the findings they should have, build with ``--strict``, and their pages say the scheme's
words. A custom scheme (three levels, free codes, its own PK signer) and a twelve-level scheme
(diagram colours) are written here.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.exports import export_data
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.site.mermaid import (
    MIN_BORDER_CONTRAST,
    MIN_FILL_DISTANCE,
    MIN_TEXT_CONTRAST,
    PALETTE,
    _distance,
    build_diagram,
    contrast_ratio,
    level_colours,
)
from mkdocs_pohon_plugin.core.site.render import RenderOptions
from mkdocs_pohon_plugin.core.tree import spec
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from mkdocs_pohon_plugin.core.tree.code_patterns import describe_pattern
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES
from tests.sites import HERE, MINI, article, build_site

AGENCY = HERE / "fixtures" / "agency"
DRAFT = HERE / "fixtures" / "draft"


def _rules(result: CheckResult) -> list[str]:
    return sorted(d.rule for d in result.diagnostics)


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "trees"
    shutil.copytree(source, target)
    return target


def _text(html: str) -> str:
    """A page's words: tags dropped, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- the scheme, declared once -------------------------------------------------------------------


def test_the_default_scheme_is_the_regional_one_unchanged() -> None:
    levels = check_trees(MINI).site.levels
    assert [level.id for level in levels] == [
        "visi",
        "misi",
        "tujuan",
        "sasaran",
        "sasaran_strategis",
        "sasaran_program",
        "sasaran_kegiatan",
        "sasaran_sub_kegiatan",
    ]
    assert [level.id for level in levels if level.on_pk] == ["sasaran_strategis"]
    assert [level.id for level in levels if level.carries_budget] == [
        "sasaran_program",
        "sasaran_kegiatan",
        "sasaran_sub_kegiatan",
    ]
    assert levels == spec.default_levels() == spec.scheme_levels("sakip")
    assert check_trees(MINI).site.scheme == "sakip"


def test_the_kl_preset_is_chosen_by_name() -> None:
    site = check_trees(AGENCY).site
    assert site.scheme == "kl"
    assert [(level.id, level.scope, level.code_kind) for level in site.levels] == [
        ("ultimate_outcome", "pemda", "bebas"),
        ("intermediate_outcome", "pemda", "bebas"),
        ("immediate_outcome", "opd", "bebas"),
        ("output", "opd", "bebas"),
    ]
    assert [level.id for level in site.levels if level.on_pk] == ["immediate_outcome"]
    assert [level.id for level in site.levels if level.carries_budget] == ["output"]
    assert all(level.kemendagri_code is None for level in site.levels)


def test_the_scheme_is_in_the_json_schema_and_the_export() -> None:
    level_keys = {field.key for field in spec.LEVEL.fields}
    assert {"nama_jamak", "kode", "pola_kode", "pk", "pihak_kedua", "anggaran"} <= level_keys
    assert spec.SETTINGS.by_key["skema"].type == spec.Choice(("sakip", "kl"))
    data = export_data(check_trees(AGENCY))
    assert data["skema"] == "kl"
    assert [level["pola_kode"] for level in data["tingkat"]][1] == r"^Int\.O\.\d+(\.\d+)*$"
    assert [level["pk"] for level in data["tingkat"]] == [False, False, True, False]


# --- rules follow the scheme ---------------------------------------------------------------------


def test_the_agency_fixture_checks_clean() -> None:
    result = check_trees(AGENCY)
    assert result.diagnostics == [], [d.text.en for d in result.diagnostics]


def test_the_draft_fixture_warns_about_its_planning_gaps() -> None:
    result = check_trees(DRAFT)
    assert not result.errors
    assert _rules(result) == ["opd-tanpa-node", "pohon-pemda-terhenti"]
    for diagnostic in result.diagnostics:
        assert RULES[diagnostic.rule].criterion == "selaras"
    by_rule = {d.rule: d for d in result.diagnostics}
    empty = by_rule["opd-tanpa-node"]
    assert empty.file.endswith("opd/bappeda.yaml") and empty.line == 2
    assert empty.subject == "bappeda"
    stopped = by_rule["pohon-pemda-terhenti"]
    assert stopped.file.endswith("pemda.yaml") and stopped.subject == "misi-1"
    assert "Tujuan" in stopped.text.id and "Sasaran" in stopped.text.id


def test_no_request_for_a_sub_kegiatan_the_scheme_lacks(tmp_path: Path) -> None:
    trees = _copy(AGENCY, tmp_path)
    unit = trees / "opd" / "deputi-riset.yaml"
    text = unit.read_text("utf-8")
    unit.write_text(text[: text.index("  - id: output-1")], "utf-8")  # Imm.O without an output
    result = check_trees(trees)
    assert _rules(result) == ["daun-di-atas-tingkat-terbawah"]
    (finding,) = result.diagnostics
    assert finding.subject == "immo-1" and finding.line == 7
    assert "Output" in finding.text.id and "sub kegiatan" not in finding.text.id


def test_the_regional_scheme_still_asks_for_sub_kegiatan(tmp_path: Path) -> None:
    trees = _copy(MINI, tmp_path)
    unit = trees / "opd" / "dinkes.yaml"
    text = unit.read_text("utf-8")
    start = text.index("  - id: dinkes-ssk-1")
    end = text.find("\n  - id:", start + 1)
    unit.write_text(text[:start] + (text[end + 1 :] if end != -1 else ""), "utf-8")
    assert "daun-tanpa-sub-kegiatan" in _rules(check_trees(trees))


def test_a_free_code_is_checked_by_its_pattern_in_words(tmp_path: Path) -> None:
    trees = _copy(AGENCY, tmp_path)
    regional = trees / "pemda.yaml"
    regional.write_text(
        regional.read_text("utf-8").replace("kode: Int.O.1.2", "kode: IntO-1.2"), "utf-8"
    )
    result = check_trees(trees)
    assert _rules(result) == ["kode-tidak-cocok-pola"]
    (finding,) = result.diagnostics
    line = regional.read_text("utf-8").splitlines()[finding.line - 1]
    assert line.strip() == "kode: IntO-1.2"
    assert finding.subject == "into-1-2"
    assert "'Int.O.', lalu angka" in finding.text.id
    assert "mis. Int.O.1.1" in finding.text.id
    assert "'Int.O.', then a number" in finding.text.en
    assert "Kemendagri" not in finding.text.id


def test_a_pattern_that_is_not_a_regular_expression_is_reported(tmp_path: Path) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    (trees / "pemda.yaml").write_text(_CUSTOM.replace("'^SK\\.\\d+$'", "'^SK(\\d+$'"), "utf-8")
    result = check_trees(trees)
    (finding,) = [d for d in result.diagnostics if d.rule == "nilai-salah"]
    assert "pola_kode" in finding.text.id
    assert (trees / "pemda.yaml").read_text("utf-8").splitlines()[finding.line - 1].strip() == (
        "pola_kode: '^SK(\\d+$'"
    )


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"^UO\.\d+$", "'UO.', then a number"),
        (r"^\d{2}\.[A-Z]$", "2 digits, then '.', then one capital letter"),
        (r"^(?:\.\d+)+$", "('.', then a number) one or more times"),
        (r"^a|b$", None),
        (r"^\w+$", None),
    ],
)
def test_patterns_in_words(pattern: str, words: str | None) -> None:
    described = describe_pattern(pattern)
    assert (described.en if described else None) == words


# --- a custom scheme -----------------------------------------------------------------------------

_CUSTOM = """\
pemda:
  nama: Kota Skema Sendiri
  periode: {awal: 2025, akhir: 2025}
pengaturan:
  tingkat:
    - {id: tujuan, nama: Tujuan Kota, nama_jamak: Tujuan Kota, lingkup: pemda}
    - {id: sasaran, nama: Sasaran Kota, nama_jamak: Sasaran Kota, lingkup: pemda}
    - id: sasaran_kegiatan
      nama: Sasaran Kegiatan
      lingkup: opd
      kode: bebas
      pola_kode: '^SK\\.\\d+$'
      contoh_kode: SK.1
      pk: true
      pihak_kedua: Sekretaris Daerah
      anggaran: true
node:
  - id: tujuan-1
    tingkat: tujuan
    pernyataan: Kota yang bersih
    indikator:
      - {id: i-bersih, nama: Indeks Kebersihan, satuan: indeks, polaritas: maksimal, kondisi_awal: {tahun: 2024, nilai: 60}, target: {2025: 65}, definisi: Survei kebersihan}
  - id: sasaran-1
    tingkat: sasaran
    induk: tujuan-1
    pernyataan: Sampah terangkut
    indikator:
      - {id: i-angkut, nama: Sampah terangkut, satuan: "%", polaritas: maksimal, mendukung: [i-bersih], kondisi_awal: {tahun: 2024, nilai: 70}, target: {2025: 80}, definisi: Sampah terangkut per hari}
"""

_CUSTOM_UNIT = """\
opd:
  id: dlh
  nama: Dinas Lingkungan Hidup
  kepala: Kepala Dinas Lingkungan Hidup
node:
  - id: dlh-sk-1
    tingkat: sasaran_kegiatan
    induk: sasaran-1
    kode: SK.1
    pernyataan: Armada sampah beroperasi penuh
    anggaran: {2025: 2500000000}
    indikator:
      - {id: i-armada, nama: Armada beroperasi, satuan: unit, polaritas: maksimal, mendukung: [i-angkut], kondisi_awal: {tahun: 2024, nilai: 20}, target: {2025: 30}, definisi: Truk sampah yang beroperasi}
"""


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    trees = tmp_path_factory.mktemp("custom") / "trees"
    (trees / "opd").mkdir(parents=True)
    (trees / "pemda.yaml").write_text(_CUSTOM, "utf-8")
    (trees / "opd" / "dlh.yaml").write_text(_CUSTOM_UNIT, "utf-8")
    return check_trees(trees)


def _page(result: CheckResult, path: str, language: str = "id") -> str:
    build = SiteBuild(result, RenderOptions(language=language))
    (page,) = [p for p in build.pages if p.path == path]
    return build.render(page).html


def test_a_custom_scheme_checks_and_its_pages_follow_it(custom: CheckResult) -> None:
    assert custom.diagnostics == [], [d.text.en for d in custom.diagnostics]
    home = _text(_page(custom, "index.md"))
    assert "Tujuan Kota dan Sasaran Kota" in home and "Visi dan Misi" not in home
    assert "Perangkat Daerah" in home  # a custom scheme without `skema` keeps the regional words
    assert "Tujuan Kota and Sasaran Kota" in _text(_page(custom, "index.md", "en"))
    pk = _text(_page(custom, "opd/dlh/pk-2025.md"))
    assert "Sekretaris Daerah" in pk and "Kepala Daerah" not in pk
    assert "Armada sampah beroperasi penuh" in pk
    node = _text(_page(custom, "node/dlh-sk-1.md"))
    assert "SK.1" in node


# --- pages say the scheme's words ----------------------------------------------------------------


@pytest.fixture(scope="module")
def agency_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("agency"), AGENCY)


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("draft"), DRAFT)


def test_the_agency_home_page_uses_the_agency_words(agency_site: Path) -> None:
    home = _text(article(agency_site, "index.html"))
    for regional_word in ("Visi dan Misi", "IKU Daerah", "Perangkat Daerah", "Kepala Daerah"):
        assert regional_word not in home
    for word in ("Ultimate Outcome dan Intermediate Outcome", "Unit Organisasi", "IKU Instansi"):
        assert word in home


def test_a_free_code_shows_where_kemendagri_codes_show(agency_site: Path) -> None:
    node = _text(article(agency_site, "node/into-1-1/index.html"))
    assert "Kode Int.O.1.1" in node
    unit = _text(article(agency_site, "opd/deputi-riset/index.html"))
    assert "Imm.O.1.1.1" in unit and "Output.1.1.1.1" in unit
    codes = _text(article(agency_site, "indeks/kode/index.html"))
    assert all(code in codes for code in ("UO.1", "Int.O.1.2", "Imm.O.1.2.1", "Output.1.2.1.1"))
    assert "Int.O.1.2 Intermediate Outcome" in codes  # the code's kind: its level


def test_the_agency_pk_lists_its_pk_level_only(agency_site: Path) -> None:
    pk = _text(article(agency_site, "opd/deputi-riset/pk-2025/index.html"))
    assert "Meningkatnya publikasi ilmiah bereputasi global" in pk
    targets, _, budgets = pk.partition("Program dan Anggaran")
    assert "Riset unggulan nasional terlaksana" not in targets  # an output is not agreed on the PK
    assert "Riset unggulan nasional terlaksana" in budgets  # but its budget is the PK's money
    assert "Kepala Daerah" not in pk and "Pimpinan Instansi" in pk


def test_the_empty_agency_has_no_pk_and_says_so(draft_site: Path) -> None:
    assert not (draft_site / "opd" / "bappeda" / "pk-2025").exists()
    page = article(draft_site, "opd/bappeda/index.html")
    words = _text(page)
    assert "belum memiliki sasaran" in words
    assert "Tidak ada: belum ada sasaran yang diperjanjikan." in words
    assert "pk-20" not in page and 'class="mermaid"' not in page
    for empty_section in ("Diagram", "Keterkaitan", "Ringkasan Capaian", "Crosscutting"):
        assert empty_section not in words
    downloads = article(draft_site, "unduh/index.html")
    assert "pk-20" not in downloads
    home = _text(article(draft_site, "index.html"))
    assert "Visi dan Misi" in home


@pytest.mark.parametrize(
    "path",
    ["indeks/kode/index.html", "opd/bappeda/cascading/index.html", "indeks/iku/index.html"],
)
def test_an_empty_index_says_so_instead_of_an_empty_table(draft_site: Path, path: str) -> None:
    page = article(draft_site, path)
    assert "<table" not in page
    assert "Tidak ada." in _text(page)


def test_no_crosscutting_matrix_without_links(draft_site: Path) -> None:
    page = article(draft_site, "indeks/crosscutting/index.html")
    assert "pohon-matrix" not in page and "Tidak ada." in _text(page)


# --- diagram colours for any number of levels ----------------------------------------------------


def test_generated_colours_keep_the_eight_and_are_distinct_and_readable() -> None:
    colours = level_colours(20)
    assert colours[:8] == list(PALETTE)
    assert len({fill for fill, _stroke, _text in colours}) == 20
    for i, (fill, stroke, text) in enumerate(colours[8:], start=8):
        assert contrast_ratio(text, fill) >= MIN_TEXT_CONTRAST, i
        assert contrast_ratio(stroke, fill) >= MIN_BORDER_CONTRAST, i
        assert all(_distance(fill, other[0]) >= MIN_FILL_DISTANCE for other in colours[:i]), i
    assert level_colours(20) == colours


def test_a_twelve_level_scheme_never_reuses_a_colour(tmp_path: Path) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    levels = "\n".join(f"    - {{id: t{i}, nama: Tingkat {i}, lingkup: pemda}}" for i in range(12))
    nodes = "\n".join(
        f"  - {{id: n{i}, tingkat: t{i}, pernyataan: Tingkat {i}"
        + (f", induk: n{i - 1}" if i else "")
        + "}"
        for i in range(12)
    )
    (trees / "pemda.yaml").write_text(
        "pemda:\n  nama: Kota Dalam\n  periode: {awal: 2025, akhir: 2025}\n"
        f"pengaturan:\n  tingkat:\n{levels}\nnode:\n{nodes}\n",
        "utf-8",
    )
    result = check_trees(trees)
    assert not result.errors
    diagram = build_diagram(
        result.graph, list(result.site.nodes.values()), href=lambda node: node.id
    )
    fills = re.findall(r"classDef l\d+ fill:(#[0-9a-f]{6})", diagram.source)
    assert len(fills) == 12 and len(set(fills)) == 12
    assert [level.fill for level in diagram.legend.levels] == fills
    # The workbook colours each level's rows with the same twelve fills.
    openpyxl = pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes

    workbook = openpyxl.load_workbook(io.BytesIO(export_bytes(result)))
    row_fills = {
        cell.value: "#" + cell.fill.fgColor.rgb[-6:].lower()
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and re.fullmatch(r"Tingkat \d+", cell.value)
    }
    assert [row_fills[f"Tingkat {i}"] for i in range(12)] == fills


# --- the public export of the agency --------------------------------------------------------------


def test_the_agency_export_keeps_its_free_codes(agency_site: Path) -> None:
    data = json.loads((agency_site / "unduh" / "pohon.json").read_text("utf-8"))
    codes = {node["id"]: node["kode"] for node in data["node"]}
    assert codes["into-1-1"] == "Int.O.1.1" and codes["output-2"] == "Output.1.2.1.1"
    assert all(node["keterangan"] is None for node in data["node"])


def test_free_codes_survive_the_workbook_round_trip(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes
    from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx

    before = check_trees(AGENCY)
    workbook = tmp_path / "matriks.xlsx"
    workbook.write_bytes(export_bytes(before))
    out = tmp_path / "trees"
    (out / "opd").mkdir(parents=True)
    shutil.copy(AGENCY / "pemda.yaml", out / "pemda.yaml")
    result = import_xlsx(workbook, out / "opd", trees=AGENCY)
    assert result.problems == []
    after = check_trees(out)
    assert after.diagnostics == [], [d.text.en for d in after.diagnostics]
    for node_id, node in before.site.nodes.items():
        assert after.site.nodes[node_id].code == node.code, node_id
        assert after.site.nodes[node_id].notes == node.notes, node_id


def test_budgets_on_the_schemes_budget_level_reach_the_unit_page_and_the_pk(
    agency_site: Path,
) -> None:
    """The ministry scheme's budgets sit on its outputs (``anggaran: true``, free codes): the
    unit page's budget table and the PK list them with their money, not "Tidak ada"."""
    unit = _text(article(agency_site, "opd/deputi-riset/index.html"))
    assert "45.000.000.000" in unit
    pk = _text(article(agency_site, "opd/deputi-riset/pk-2025/index.html"))
    assert "45.000.000.000" in pk


def test_the_logic_rules_know_the_ministry_schemes_outcome_levels(tmp_path: Path) -> None:
    """On a ``kl`` site the outcome levels are its ultimate, intermediate and immediate outcomes
    (not the regional tujuan/sasaran ids it lacks): an immediate outcome worded as an activity is
    found; the sound fixture has no such finding."""
    from mkdocs_pohon_plugin.core.tree.check import logic_findings

    sound = {d.rule for d in logic_findings(check_trees(AGENCY))}
    assert "pernyataan-berupa-kegiatan" not in sound
    trees = tmp_path / "trees"
    shutil.copytree(AGENCY, trees)
    unit = trees / "opd" / "deputi-riset.yaml"
    unit.write_text(
        unit.read_text("utf-8").replace(
            "pernyataan: Meningkatnya publikasi ilmiah bereputasi global",
            "pernyataan: Pelaksanaan rapat koordinasi publikasi ilmiah",
        ),
        "utf-8",
    )
    found = [
        d for d in logic_findings(check_trees(trees)) if d.rule == "pernyataan-berupa-kegiatan"
    ]
    assert [(d.file.endswith("deputi-riset.yaml"), d.line) for d in found] == [(True, 11)]


def test_the_export_says_which_levels_are_on_the_pk_and_carry_budgets_when_unsaid(
    tmp_path: Path,
) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    (trees / "pemda.yaml").write_text(
        "pemda:\n  nama: Kota Dalam\n  periode: {awal: 2025, akhir: 2025}\n"
        "pengaturan:\n  tingkat:\n"
        "    - {id: a, nama: A, lingkup: pemda}\n"
        "    - {id: b, nama: B, lingkup: opd}\n"
        "    - {id: c, nama: C, lingkup: opd, kode: sub_kegiatan}\n"
        "node:\n  - {id: n0, tingkat: a, pernyataan: Meningkatnya A}\n",
        "utf-8",
    )
    levels = export_data(check_trees(trees))["tingkat"]
    assert [(level["id"], level["pk"], level["anggaran"]) for level in levels] == [
        ("a", False, False),
        ("b", True, False),
        ("c", False, True),
    ]
