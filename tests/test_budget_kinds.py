"""Budgets as planners keep them, and indicator owners (issue 14 items 3, 4).

The fixture ``tests/fixtures/budget_kabupaten`` is shaped like the issue's kabupaten: an agency of
an older RPJMD (2017–2021) whose programs carry money without Kemendagri codes, with the RPJMD's
indicative ceiling, the adopted APBD (murni and perubahan) and the realisation for the same years,
and budgets for the baseline year 2016; its indicators name their own owners. It checks clean,
builds ``--strict``, shows the money on the agency's page, the PK and the node pages, fills the
workbook's summary, and survives ``export-xlsx`` → ``import-xlsx`` field by field.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import render_markdown
from mkdocs_pohon_plugin.core.site.exports import FORMAT_VERSION, export_data, indicators_csv
from mkdocs_pohon_plugin.core.tree import budget
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from tests.sites import SiteConfig, article, build_site

HERE = Path(__file__).resolve().parent
KABUPATEN = HERE / "fixtures" / "budget_kabupaten"


@pytest.fixture(scope="module")
def checked() -> CheckResult:
    return check_trees(KABUPATEN)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("kabupaten"), KABUPATEN)


def _text(html: str) -> str:
    """The words of a piece of HTML, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _section(html: str, heading: str) -> str:
    """From the ``<h2>`` named ``heading`` to the next ``<h2>`` (or the end)."""
    start = html.index(heading)
    end = html.find("<h2", start + len(heading))
    return html[start : end if end != -1 else len(html)]


def _copy(tmp_path: Path) -> Path:
    trees = tmp_path / "trees"
    shutil.copytree(KABUPATEN, trees)
    return trees


# --- the tree --------------------------------------------------------------------------------


def test_the_older_kabupaten_checks_clean(checked: CheckResult) -> None:
    assert [d.rule for d in checked.diagnostics] == []


def test_the_budget_kinds_are_read_apart_with_the_baseline_year(checked: CheckResult) -> None:
    program = checked.site.nodes["dinkes-sp-1"]
    assert program.code is None
    assert program.budget_plan[2016] == 900_000_000 and program.budget_plan[2021] == 1_400_000_000
    assert program.budget == {2016: 850_000_000, 2017: 950_000_000, 2018: 1_050_000_000}
    assert program.budget_revised == {2017: 980_000_000}
    assert program.budget_spent == {2016: 800_000_000, 2017: 931_000_000}
    owners = {i.id: i.responsible for i in checked.site.indicators.values() if i.responsible}
    assert owners == {
        "dinkes-ss-1-persalinan": "Bidang Kesehatan Masyarakat",
        "dinkes-sp-1-k4": "Seksi Kesehatan Keluarga",
    }


def test_only_the_baseline_year_is_allowed_outside_the_period(tmp_path: Path) -> None:
    trees = _copy(tmp_path)
    agency = trees / "opd" / "dinkes.yaml"
    text = agency.read_text(encoding="utf-8")
    text = text.replace("realisasi_anggaran: {2016:", "realisasi_anggaran: {2015: 1, 2016:")
    text = text.replace("target: {2017: 82,", "target: {2016: 81, 2017: 82,")
    agency.write_text(text, encoding="utf-8")
    errors = check_trees(trees).errors
    assert [(d.rule, d.line) for d in errors] == [
        ("tahun-di-luar-periode", 33),  # the budget of 2015: before the baseline year
        ("tahun-di-luar-periode", 40),  # a target of the baseline year: targets stay in the period
    ]
    budget_error = errors[0].text
    assert "atau tahun kondisi awal 2016" in budget_error.id
    assert "or the baseline year 2016" in budget_error.en
    assert "kondisi awal" not in errors[1].text.id


def test_absorption_is_spent_over_the_budget_in_force(checked: CheckResult) -> None:
    nodes = checked.site.nodes
    one, two = nodes["dinkes-sp-1"], nodes["dinkes-sp-2"]
    assert budget.adopted(one, 2017) == 980_000_000  # the perubahan replaces the murni
    assert budget.adopted(one, 2018) == 1_050_000_000
    assert budget.absorption([one], 2017) == pytest.approx(931 / 980 * 100)
    assert budget.absorption([one], 2016) == pytest.approx(800 / 850 * 100)
    assert budget.absorption([one, two], 2017) == pytest.approx((931 + 400) / (980 + 450) * 100)
    assert budget.absorption([one, two], 2018) is None  # nothing spent yet
    assert budget.kind_total([one, two], budget.KINDS[0], 2021) == 1_980_000_000
    assert budget.kind_total([one, two], budget.KINDS[2], 2018) is None
    # the perubahan of several programs: the budget in force, the unchanged one at its murni
    assert budget.kind_total([one, two], budget.KINDS[2], 2017) == 980_000_000 + 450_000_000
    assert budget.kind_total([two], budget.KINDS[2], 2017) is None


def test_programs_without_a_code_are_programs(checked: CheckResult) -> None:
    site = checked.site
    agency = [site.nodes[n] for n in site.opds["dinkes"].node_ids]
    programs = budget.program_nodes(agency, site.levels)
    assert [n.id for n in programs] == ["dinkes-sp-1", "dinkes-sp-2"]
    rows = budget.program_rows(programs)
    assert [(row.code, [n.id for n in row.nodes]) for row in rows] == [
        (None, ["dinkes-sp-1"]),
        (None, ["dinkes-sp-2"]),
    ]


# --- the pages -------------------------------------------------------------------------------


def test_the_agency_page_shows_the_money_of_programs_without_codes(site: Path) -> None:
    html = article(site, "opd/dinkes/index.html")
    table = _section(html, "Anggaran per Program")
    words = _text(table)
    assert "Tidak ada" not in words
    assert "Meningkatnya pelayanan kesehatan ibu hamil" in words
    assert "Meningkatnya ketersediaan tenaga kesehatan di puskesmas" in words
    head = _text(table[table.index("<thead") : table.index("</thead>")])
    assert head == "Program / Jenis Anggaran 2016 (kondisi awal) 2017 2018 2019 2020 2021"
    rows = [_text(r) for r in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)]
    assert rows[1:7] == [
        "Meningkatnya pelayanan kesehatan ibu hamil",
        "Pagu Indikatif Rp900.000.000 Rp1.000.000.000 Rp1.100.000.000 Rp1.200.000.000 "
        "Rp1.300.000.000 Rp1.400.000.000",
        "APBD Murni Rp850.000.000 Rp950.000.000 Rp1.050.000.000 – – –",
        "APBD Perubahan – Rp980.000.000 – – – –",
        "Realisasi Anggaran Rp800.000.000 Rp931.000.000 – – – –",
        "Serapan 94,12 % 95,00 % – – – –",
    ]
    assert rows[-6:] == [
        "Jumlah",
        "Pagu Indikatif Rp900.000.000 Rp1.500.000.000 Rp1.620.000.000 Rp1.740.000.000 "
        "Rp1.860.000.000 Rp1.980.000.000",
        "APBD Murni Rp850.000.000 Rp1.400.000.000 Rp1.520.000.000 – – –",
        "APBD Perubahan – Rp1.430.000.000 – – – –",  # the budget in force, unchanged lines too
        "Realisasi Anggaran Rp800.000.000 Rp1.331.000.000 – – – –",
        "Serapan 94,12 % 93,08 % – – – –",
    ]
    # the first column, kept in view while the years scroll, is the kind on every row
    assert table.count('class="pohon-budget-program"') == 3
    assert "rowspan" not in table


def test_the_pk_shows_plan_adopted_and_spent_of_its_year(site: Path) -> None:
    html = article(site, "opd/dinkes/pk-2017/index.html")
    table = _section(html, "Program dan Anggaran")
    assert "Tidak ada" not in _text(table)
    head = _text(table[table.index("<thead") : table.index("</thead>")])
    assert head == "No Program Pagu Indikatif APBD Murni APBD Perubahan Realisasi Anggaran Serapan"
    rows = [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert rows[1:] == [
        "1 Meningkatnya pelayanan kesehatan ibu hamil Rp1.000.000.000 Rp950.000.000 "
        "Rp980.000.000 Rp931.000.000 95,00 %",
        "2 Meningkatnya ketersediaan tenaga kesehatan di puskesmas Rp500.000.000 "
        "Rp450.000.000 – Rp400.000.000 88,89 %",
        "Jumlah Rp1.500.000.000 Rp1.400.000.000 Rp1.430.000.000 Rp1.331.000.000 93,08 %",
    ]


def test_the_pk_annex_names_each_indicators_owner(site: Path) -> None:
    html = article(site, "opd/dinkes/pk-2017/index.html")
    annex = _section(html, "Lampiran")
    assert "<th>Penanggung Jawab Indikator</th>" in annex
    assert 'data-label="Penanggung Jawab Indikator">Bidang Kesehatan Masyarakat</td>' in annex


def test_the_node_page_shows_the_kinds_side_by_side(site: Path) -> None:
    table = _section(article(site, "node/dinkes-sp-1/index.html"), "Pagu / Anggaran")
    rows = [_text(r) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert rows == [
        "Tahun Pagu Indikatif APBD Murni APBD Perubahan Realisasi Anggaran Serapan",
        "2016 (kondisi awal) Rp900.000.000 Rp850.000.000 – Rp800.000.000 94,12 %",
        "2017 Rp1.000.000.000 Rp950.000.000 Rp980.000.000 Rp931.000.000 95,00 %",
        "2018 Rp1.100.000.000 Rp1.050.000.000 – – –",
        "2019 Rp1.200.000.000 – – – –",
        "2020 Rp1.300.000.000 – – – –",
        "2021 Rp1.400.000.000 – – – –",
    ]


def test_the_indicator_page_names_its_owner(site: Path) -> None:
    words = _text(article(site, "indikator/dinkes-sp-1-k4/index.html"))
    assert "Penanggung Jawab Indikator Seksi Kesehatan Keluarga" in words
    other = _text(article(site, "indikator/dinkes-sp-2-nakes/index.html"))
    assert "Penanggung Jawab Indikator" not in other


# --- the workbook ----------------------------------------------------------------------------


def test_the_workbook_summary_is_not_zero(checked: CheckResult) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes

    sheet = openpyxl.load_workbook(io.BytesIO(export_bytes(checked)))["Ringkasan"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in rows if row[0] == "No")
    dinkes = dict(
        zip(header, next(row for row in rows if row[1] == "Dinas Kesehatan"), strict=True)
    )
    assert dinkes["Pagu Program 2017"] == 1_400_000_000
    assert dinkes["Pagu Program 2016"] == 850_000_000
    assert dinkes["Pagu Indikatif Program 2021"] == 1_980_000_000
    assert dinkes["Pagu Perubahan Program 2017"] == 1_430_000_000  # in force after the change
    assert "Pagu Perubahan Program 2018" not in dinkes  # no column of zeros
    assert dinkes["Realisasi Anggaran Program 2017"] == 1_331_000_000


def test_export_and_import_keep_every_budget_kind_and_owner(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes
    from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx

    before = check_trees(KABUPATEN)
    workbook = tmp_path / "matriks.xlsx"
    workbook.write_bytes(export_bytes(before))
    out = tmp_path / "trees"
    out.mkdir()
    shutil.copy(KABUPATEN / "pemda.yaml", out / "pemda.yaml")
    result = import_xlsx(workbook, out / "opd", trees=KABUPATEN)
    assert not result.problems
    after = check_trees(out)
    assert not after.errors
    for node_id, old in before.site.nodes.items():
        new = after.site.nodes[node_id]
        for kind in budget.KINDS:
            assert kind.get(new) == kind.get(old), (node_id, kind.key)
        assert [(i.id, i.responsible) for i in new.indicators] == [
            (i.id, i.responsible) for i in old.indicators
        ]
    text = (out / "opd" / "dinkes.yaml").read_text(encoding="utf-8")
    assert "anggaran_perubahan: {2017: 980000000}" in text
    assert "penanggung_jawab: Seksi Kesehatan Keluarga" in text


# --- the downloads and the diff --------------------------------------------------------------


def test_pohon_json_and_the_csv_carry_the_new_fields(checked: CheckResult) -> None:
    data = export_data(checked)
    assert data["format_version"] == FORMAT_VERSION
    node = next(n for n in data["node"] if n["id"] == "dinkes-sp-1")
    assert node["pagu_indikatif"]["2016"] == 900_000_000
    assert node["anggaran"] == {"2016": 850_000_000, "2017": 950_000_000, "2018": 1_050_000_000}
    assert node["anggaran_perubahan"] == {"2017": 980_000_000}
    assert node["realisasi_anggaran"] == {"2016": 800_000_000, "2017": 931_000_000}
    assert node["indikator"][0]["penanggung_jawab"] == "Seksi Kesehatan Keluarga"
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(indicators_csv(checked)))}
    assert rows["dinkes-sp-1-k4"]["penanggung_jawab"] == "Seksi Kesehatan Keluarga"
    assert rows["dinkes-sp-2-nakes"]["penanggung_jawab"] == ""


def test_the_diff_names_each_budget_kind_and_the_owner(tmp_path: Path) -> None:
    trees = _copy(tmp_path)
    agency = trees / "opd" / "dinkes.yaml"
    text = agency.read_text(encoding="utf-8")
    text = text.replace(
        "anggaran_perubahan: {2017: 980000000}", "anggaran_perubahan: {2017: 990000000}"
    )
    text = text.replace(
        "realisasi_anggaran: {2016: 800000000, 2017: 931000000}",
        "realisasi_anggaran: {2016: 800000000, 2017: 960000000}",
    )
    text = text.replace(
        "2020: 1300000000, 2021: 1400000000}", "2020: 1300000000, 2021: 1500000000}"
    )
    text = text.replace(
        "penanggung_jawab: Seksi Kesehatan Keluarga", "penanggung_jawab: Seksi Kesehatan Ibu"
    )
    agency.write_text(text, encoding="utf-8")
    diff = diff_sites(check_trees(KABUPATEN), check_trees(trees))
    program = next(n for n in diff.nodes if n.id == "dinkes-sp-1")
    assert [(c.kind, c.year, c.old, c.new) for c in program.budget] == [
        ("pagu_indikatif", 2021, 1_400_000_000, 1_500_000_000),
        ("anggaran_perubahan", 2017, 980_000_000, 990_000_000),
        ("realisasi_anggaran", 2017, 931_000_000, 960_000_000),
    ]
    assert program.fields == []  # budget kinds are no plain field changes
    assert diff.summary()["anggaran_berubah"] == 3
    markdown = render_markdown(diff)
    for line in (
        "  - pagu indikatif 2021: Rp 1.400.000.000 → Rp 1.500.000.000 (+100.000.000)",
        "  - anggaran perubahan 2017: Rp 980.000.000 → Rp 990.000.000 (+10.000.000)",
        "  - realisasi anggaran 2017: Rp 931.000.000 → Rp 960.000.000 (+29.000.000)",
        "    - penanggung\\_jawab: Seksi Kesehatan Keluarga → Seksi Kesehatan Ibu",
    ):
        assert line in markdown, markdown
    english = render_markdown(diff, language="en")
    assert "  - indicative ceiling 2021: Rp 1,400,000,000 → Rp 1,500,000,000" in english
    assert "  - budget spent 2017: Rp 931,000,000 → Rp 960,000,000" in english


def test_a_budget_row_still_unpacks_as_code_and_nodes(checked: CheckResult) -> None:
    """A site's overridden template written when the rows were ``(code, nodes)`` pairs."""
    node = checked.site.nodes["dinkes-sp-1"]
    coded = budget.ProgramBudget("1.02.02", [node])
    code, nodes = coded
    assert (code, nodes) == ("1.02.02", [node])
    code, nodes = budget.ProgramBudget(None, [node])
    assert code == ""


def test_the_english_site_names_the_kinds(tmp_path: Path) -> None:
    built = build_site(tmp_path, KABUPATEN, SiteConfig().with_options(language="en"))
    table = _section(article(built, "opd/dinkes/index.html"), "Budget by program")
    head = _text(table[table.index("<thead") : table.index("</thead>")])
    assert head == "Program / Kind of budget 2016 (baseline) 2017 2018 2019 2020 2021"
    words = _text(table)
    for label in ("Indicative ceiling", "Adopted budget", "Revised budget", "Budget spent"):
        assert label in words
    assert "Absorption 94.12 % 95.00 %" in words
    annex = _text(article(built, "opd/dinkes/pk-2017/index.html"))
    assert "Indicator owner" in annex
