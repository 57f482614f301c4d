"""The cascading workbook: export → import gives back the same model (demo regency, mini fixture),
a hand-made messy workbook is read (merged cells, blank repeats, text numbers, two-row headers)
and its bad rows are reported with sheet and row number, the template imports, the CLI."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from mkdocs_pohon_plugin.cli import main  # noqa: E402
from mkdocs_pohon_plugin.core import check_trees  # noqa: E402
from mkdocs_pohon_plugin.core.review.fmt import format_text  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.columns import (  # noqa: E402
    CC_COLUMNS,
    COLUMNS,
    META_LABELS,
    HeaderRef,
    match_header,
)
from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.importer import (  # noqa: E402
    BadValue,
    import_xlsx,
    parse_number,
    read_workbook,
)
from mkdocs_pohon_plugin.core.tree.check import CheckResult  # noqa: E402
from tests.workbooks import messy_workbook  # noqa: E402

HERE = Path(__file__).parent
REPO = HERE.parent
MINI = HERE / "fixtures" / "mini"
DEMO = REPO / "trees"


# --- helpers -------------------------------------------------------------------------------------


def _fields(value: Any) -> Any:
    """A model object as plain data, without where it came from (``loc``, ``lines``)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _fields(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in ("loc", "lines")
        }
    if isinstance(value, dict):
        return {k: _fields(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fields(v) for v in value]
    return value


def _round_trip(trees: Path, tmp: Path) -> tuple[CheckResult, CheckResult, Any]:
    before = check_trees(trees)
    assert not before.errors
    workbook = tmp / "matriks.xlsx"
    workbook.write_bytes(export_bytes(before))
    out = tmp / "trees"
    out.mkdir()
    shutil.copy(trees / "pemda.yaml", out / "pemda.yaml")
    if (trees / "nomenklatur").is_dir():
        shutil.copytree(trees / "nomenklatur", out / "nomenklatur")
    result = import_xlsx(workbook, out / "opd", trees=trees)
    after = check_trees(out)
    return before, after, result


def _assert_same_agencies(before: CheckResult, after: CheckResult) -> None:
    old, new = before.site, after.site
    assert set(new.opds) == set(old.opds)
    for opd_id, opd in old.opds.items():
        other = new.opds[opd_id]
        for name in ("id", "name", "short_name", "code", "head", "kind"):
            assert getattr(other, name) == getattr(opd, name), (opd_id, name)
        assert set(other.node_ids) == set(opd.node_ids), opd_id
    agency_nodes = {k: n for k, n in old.nodes.items() if n.opd_id is not None}
    assert {k for k, n in new.nodes.items() if n.opd_id is not None} == set(agency_nodes)
    for node_id, node in agency_nodes.items():
        theirs = new.nodes[node_id]
        mine_fields, their_fields = _fields(node), _fields(theirs)
        for name, value in mine_fields.items():
            assert their_fields[name] == value, (node_id, name)
        assert [c.id for c in after.graph.child_nodes(node_id)] == [
            c.id for c in before.graph.child_nodes(node_id)
        ], node_id
    assert set(new.indicators) == set(old.indicators)
    # the regional tree is not imported: it is the copied pemda.yaml, unchanged
    assert {k for k, n in new.nodes.items() if n.opd_id is None} == {
        k for k, n in old.nodes.items() if n.opd_id is None
    }


# --- round trips ---------------------------------------------------------------------------------


def test_demo_regency_round_trips(tmp_path: Path) -> None:
    before, after, result = _round_trip(DEMO, tmp_path)
    assert result.problems == []
    assert [d.rule for d in after.diagnostics] == [d.rule for d in before.diagnostics]
    _assert_same_agencies(before, after)
    # every field of the model that the demo uses took part in the comparison
    indicators = before.site.indicators.values()
    nodes = [n for n in before.site.nodes.values() if n.opd_id]
    assert any(i.quarterly for i in indicators) and any(i.final_target for i in indicators)
    assert any(n.crosscutting for n in nodes) and any(n.official for n in nodes)
    assert any(isinstance(v, str) for i in indicators for v in i.targets.values())
    # the written files are in the canonical layout (`pohon fmt --check` passes)
    for path in result.written:
        text = path.read_text("utf-8")
        assert format_text(text, str(path)) == text


def test_mini_round_trips_and_reports_the_regional_sheet(tmp_path: Path) -> None:
    before, after, result = _round_trip(MINI, tmp_path)
    assert result.problems == []
    assert any("Pemda" in note.en and "not imported" in note.en for note in result.notes)
    assert not after.errors
    _assert_same_agencies(before, after)


def test_export_is_reproducible_and_printable() -> None:
    result = check_trees(MINI)
    data = export_bytes(result)
    assert data == export_bytes(result)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Ringkasan", "Pemda", "dinkes", "dinsos", "Crosscutting"]
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows and ws.freeze_panes
    sheet = wb["dinkes"]
    assert re.fullmatch(r"'dinkes'!\$A\$1:\$[A-Z]+\$\d+", sheet.print_area)
    headers = [c.value for row in sheet.iter_rows(min_row=1, max_row=12) for c in row if c.value]
    assert "Indikator Kinerja" in headers and "Target" in headers and "ID Indikator" in headers
    summary = wb["Ringkasan"]
    rows = {r[1]: r for r in summary.iter_rows(values_only=True) if r[1] == "Dinas Kesehatan"}
    assert rows["Dinas Kesehatan"][4:7] == (4, 4, 1)  # sasaran, indicators, IKU


# --- a messy, hand-made workbook -----------------------------------------------------------------


def test_messy_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "messy.xlsx"
    messy_workbook(workbook)
    result = read_workbook(workbook, trees=MINI)
    assert list(result.opds) == ["dinkes"]
    imported = result.opds["dinkes"]
    assert imported.opd.name == "Dinas Kesehatan"
    nodes = {n.id: n for n in imported.nodes}
    assert list(nodes) == ["dinkes-ss-1", "dinkes-sp-1.02.02", "dinkes-sk-1.02.02.2.02"]
    ss, sp, sk = nodes.values()
    assert (ss.level, ss.parent_id, ss.responsible) == (
        "sasaran_strategis",
        "sasaran-1",
        "Kepala Dinas",
    )
    assert [i.name for i in ss.indicators] == ["Angka Kematian Ibu", "Angka Kematian Bayi"]
    assert [i.id for i in ss.indicators] == ["dinkes-ss-1-i1", "dinkes-ss-1-i2"]
    aki, akb = ss.indicators
    assert aki.baseline is not None and aki.baseline.value == 112 and aki.baseline.year == 2024
    assert aki.targets == {2025: 105, 2026: 98} and aki.realisations == {2025: 101}
    assert akb.baseline is not None and akb.baseline.value == 9.5
    assert akb.targets == {2025: 9, 2026: 8.5}
    assert aki.polarity == "maksimal"  # no Polaritas column: assumed, and said in a note
    assert any("without Polaritas" in note.en for note in result.notes)
    # merged statement: one node with both indicators; parent inferred from the row above
    assert (sp.level, sp.code, sp.parent_id) == ("sasaran_program", "1.02.02", "dinkes-ss-1")
    # the Renstra's "Pagu Indikatif" is the plan, kept apart from the adopted APBD (issue 14)
    assert sp.budget_plan == {2025: 1250000000, 2026: 1300000000} and sp.budget == {}
    k4, k6 = sp.indicators
    assert (
        k4.baseline is not None and k4.baseline.value == 85.5 and k4.realisations == {2025: 86.25}
    )
    assert k6.baseline is not None and k6.baseline.value == 70  # a percent-formatted cell
    assert k6.targets == {2025: "Predikat A"}  # text target kept; "-" is blank
    assert (sk.level, sk.code, sk.parent_id) == ("sasaran_kegiatan", "1.02.02.2.02", sp.id)
    assert sk.budget == {} and sk.budget_plan == {}
    problems = [(p.sheet, p.row) for p in result.problems]
    assert problems == [
        ("Renstra Dinkes", 11),
        ("Renstra Dinkes", 12),
        ("Renstra Dinkes", 13),
        ("Lanjutan", 3),
    ]
    messages = [p.format("en") for p in result.problems]
    assert "Pagu Indikatif 2025" in messages[0] and "'banyak' is not a number" in messages[0]
    assert "Sasaran Galaksi" in messages[1] and "not placed" in messages[1]
    assert "row 12" in messages[2]
    assert messages[3].startswith("sheet 'Lanjutan', row 3:") and "no sasaran" in messages[3]


def test_messy_workbook_cli_writes_valid_trees_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook = tmp_path / "messy.xlsx"
    messy_workbook(workbook)
    trees = tmp_path / "trees"
    shutil.copytree(MINI, trees)
    (trees / "opd" / "dinkes.yaml").unlink()
    dinsos = trees / "opd" / "dinsos.yaml"
    assert (
        main(["import-xlsx", str(workbook), "--out", str(trees / "opd"), "--trees", str(trees)])
        == 1
    )
    out = capsys.readouterr().out
    assert "sheet 'Renstra Dinkes', baris 11: Pagu Indikatif 2025" in out
    assert "sheet 'Lanjutan', baris 3:" in out
    written = (trees / "opd" / "dinkes.yaml").read_text("utf-8")
    assert written.startswith("# yaml-language-server:") and 'kode: "1.02.02"' in written
    result = check_trees(trees)
    assert [d.format() for d in result.errors] == []
    assert dinsos.is_file() and set(result.site.opds) == {"dinkes", "dinsos"}


# --- template, headers, numbers ------------------------------------------------------------------


def test_template_imports_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "template.xlsx"
    assert main(["xlsx-template", str(template), "--trees", str(DEMO)]) == 0
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["dinkes", "Petunjuk"]
    out = tmp_path / "opd"
    assert main(["import-xlsx", str(template), "--out", str(out), "--trees", str(DEMO)]) == 0
    text = (out / "dinkes.yaml").read_text("utf-8")
    assert "induk: sasaran-1-1-1" in text and "target: {2025: 105" in text
    assert "realisasi_triwulan" not in text  # the example leaves the optional columns empty


def test_export_cli(tmp_path: Path) -> None:
    out = tmp_path / "m.xlsx"
    assert main(["export-xlsx", str(out), "--trees", str(MINI)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert main(["export-xlsx", str(out), "--trees", str(tmp_path / "none")]) == 2
    assert main(["import-xlsx", str(tmp_path / "none.xlsx")]) == 2


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Indikator Kinerja", HeaderRef("indicator")),
        ("INDIKATOR", HeaderRef("indicator")),
        ("Sasaran / Pernyataan", HeaderRef("statement")),
        ("Target 2025", HeaderRef("target", 2025)),
        ("2025", HeaderRef("target", 2025)),
        ("Target (2026)", HeaderRef("target", 2026)),
        ("Target Tahun 2027", HeaderRef("target", 2027)),
        ("Realisasi 2025", HeaderRef("realisation", 2025)),
        ("Pagu 2025", HeaderRef("budget", 2025)),
        ("Anggaran (Rp) 2026", HeaderRef("budget", 2026)),
        ("Pagu Indikatif (Rp.) 2025", HeaderRef("budget_plan", 2025)),
        ("Kondisi Awal", HeaderRef("baseline")),
        ("Baseline 2024", HeaderRef("baseline", 2024)),
        ("Tahun Kondisi Awal", HeaderRef("baseline_year")),
        ("Realisasi 2025 TW II", HeaderRef("quarterly", 2025, 2)),
        ("TW IV 2025", HeaderRef("quarterly", 2025, 4)),
        ("Kode Sub-Kegiatan", HeaderRef("code")),
        ("Program/Kegiatan/Subkegiatan", HeaderRef("code_name")),
        ("Penanggungjawab", HeaderRef("responsible")),
        ("ID Induk", HeaderRef("parent")),
        ("Jumlah Indikator", None),
        ("Target", None),
    ],
)
def test_header_variants(header: str, expected: HeaderRef | None) -> None:
    assert match_header(header) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("85,5", 85.5),
        ("1.250.000", 1250000),
        ("Rp 1.250", 1250),  # 1.250 alone is 1250 or 1.25: not guessed (test_not_numbers)
        ("72.5", 72.5),
        ("0.125", 0.125),
        ("Rp 1.250.000.000", 1250000000),
        ("Rp1.250.000,50", 1250000.5),
        ("85,5%", 85.5),
        ("1,250,000", 1250000),
        ("-3,5", -3.5),
        (" 100 ", 100),
        ("-", None),
        (12, 12),
        (0.5, 0.5),
    ],
)
def test_text_numbers(text: object, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["abc", "1.2.3,4,5", "%", True, "1.250", "12.5.3"])
def test_not_numbers(text: object) -> None:
    with pytest.raises(BadValue):
        parse_number(text)


def test_docs_list_every_column_and_variant() -> None:
    doc = (REPO / "docs" / "xlsx.md").read_text("utf-8")
    for column in (*COLUMNS, *CC_COLUMNS):
        for text in (column.header, *column.variants):
            shown = text.replace("{year}", "{tahun}").replace("{quarter}", "1…4")
            assert f"`{shown}`" in doc, shown
    for labels in META_LABELS.values():
        for label in labels:
            assert label in doc.lower(), label
    assert "xlsx.md" in (REPO / "mkdocs.yml").read_text("utf-8")


def test_text_that_looks_like_a_formula_or_a_number_round_trips(tmp_path: Path) -> None:
    trees = tmp_path / "in"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    text = text.replace(
        "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
        'pernyataan: \'=HYPERLINK("http://x", "klik")\'',
    )
    text = text.replace("target: {2025: 90, 2026: 92}", 'target: {2025: "90", 2026: "-5"}')
    # text values are allowed in a qualitative indicator only (else nilai-bukan-angka)
    text = text.replace("nama: Cakupan K4\n", "nama: Cakupan K4\n        kualitatif: true\n")
    text = text.replace("satuan: orang", "satuan: '@orang\\t'")
    dinkes.write_text(text, "utf-8")
    (tmp_path / "out").mkdir()
    before, after, result = _round_trip(trees, tmp_path / "out")
    assert result.problems == []
    node = after.site.nodes["dinkes-sp-1"]
    assert node.statement == '=HYPERLINK("http://x", "klik")'
    assert node.indicators[0].targets == {2025: "90", 2026: "-5"}  # text stays text
    _assert_same_agencies(before, after)
    data = export_bytes(before)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["dinkes"]
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
