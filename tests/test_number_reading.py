"""A number as a person types it (``core/tree/numbers.py``): one reader for the tree check's
advice and for the workbook importer, so that both read ``1.250``, ``12.5.3`` or ``83,4`` alike;
what is not a number and a unit (``80-85``, ``3 dari 5``, ``-``) gets its own advice; a unit sign
the importer strips (``85%``, ``Rp``) must be the indicator's unit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.spreadsheet.cells import (
    BadCell,
    BadValue,
    Cell,
    parse_number,
    read_cell,
    read_number,
)
from mkdocs_pohon_plugin.core.tree import spec
from mkdocs_pohon_plugin.core.tree.measures import read_number_and_unit
from mkdocs_pohon_plugin.core.tree.numbers import as_number, read_typed_number
from tests.test_data_entry_traps import DINKES, _check, _found
from tests.treebuilder import indicator, line_of

openpyxl = pytest.importorskip("openpyxl")

from mkdocs_pohon_plugin.core.spreadsheet.importer import read_workbook  # noqa: E402

MINI = Path(__file__).parent / "fixtures" / "mini"


# --- one reader ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("85", "85"),
        ("83,4", "83.4"),
        ("72.5", "72.5"),
        ("0.125", "0.125"),
        ("1250.500", "1250.500"),
        ("1.250.000", "1250000"),
        ("1.250,5", "1250.5"),
        ("1,250,000", "1250000"),
        ("1,250.5", "1250.5"),
        ("-3,5", "-3.5"),
        ("1e400", "1.0e+400"),
    ],
)
def test_both_parsers_read_a_typed_number_alike(written: str, plain: str) -> None:
    typed = read_typed_number(written)
    assert typed is not None and typed.plain == plain
    meant = read_number_and_unit(written)
    assert meant is not None and meant.number == plain
    if "e" not in plain:
        assert parse_number(written) == as_number(plain)


def test_a_dot_before_three_digits_is_ambiguous_for_both() -> None:
    """``1.250``: 1250 with a thousands dot, or 1.25 with a decimal dot; neither is guessed."""
    typed = read_typed_number("1.250")
    assert typed is not None and typed.ambiguous and typed.readings == ("1250", "1.25")
    meant = read_number_and_unit("1.250")
    assert meant is not None and (meant.number, meant.readings) == (None, ("1250", "1.25"))
    with pytest.raises(BadValue) as caught:
        parse_number("1.250")
    assert "1250" in caught.value.text.id and "1,25" in caught.value.text.id
    assert parse_number("Rp 1.250") == 1250  # an amount of rupiah has no three decimals


@pytest.mark.parametrize("written", ["12.5.3", "1.25.000", "12,5,3", "1.250.00"])
def test_malformed_groupings_are_not_a_number(written: str) -> None:
    assert read_typed_number(written) is None
    assert read_number_and_unit(written) is None
    with pytest.raises(BadValue):
        parse_number(written)


def test_the_cell_reader_names_the_unit_sign_it_strips() -> None:
    assert read_number("85,5%") == read_number("85,5 %")
    read = read_number("85,5%")
    assert read is not None and (read.number, read.unit) == (85.5, "persen")
    read = read_number("Rp 1.250.000")
    assert read is not None and (read.number, read.unit) == (1250000, "rupiah")
    read = read_number("12")
    assert read is not None and read.unit is None


# --- the tree check's advice ---------------------------------------------------------------------


def _messages(tmp_path: Path, **overrides: str) -> tuple[list, str]:
    diagnostics, text = _check(tmp_path, (indicator("i-ss"), indicator("i-ss", **overrides)))
    return [d for d in diagnostics if d.rule == "nilai-bukan-angka"], text


def test_an_ambiguous_number_is_not_guessed(tmp_path: Path) -> None:
    (found,), text = _messages(tmp_path, target_akhir='"1.250"')
    assert found.line == line_of(text, '"1.250"')
    assert "bermakna ganda" in found.message
    assert "`1250` atau `1.25`" in found.message
    assert "`1250` or `1.25`" in found.message_in("en")


@pytest.mark.parametrize("written", ["80-85", "80 – 85 %", "80 s.d. 85"])
def test_a_range_is_one_value_not_a_number_and_a_unit(tmp_path: Path, written: str) -> None:
    (found,), _ = _messages(tmp_path, target=f'{{2025: "{written}", 2026: 12}}')
    assert "satu nilai" in found.message and "one value" in found.message_in("en")
    assert "satuan:" not in found.message and "85`" not in found.message
    assert read_number_and_unit(written) is None


@pytest.mark.parametrize("written", ["2024/2025", "3 dari 5", "80-an"])
def test_a_tail_that_is_not_a_unit_is_not_a_number(tmp_path: Path, written: str) -> None:
    assert read_number_and_unit(written) is None
    (found,), _ = _messages(tmp_path, target=f'{{2025: "{written}", 2026: 12}}')
    assert "berupa teks, bukan angka" in found.message
    assert "satuan: " not in found.message.replace("satuannya di `satuan`", "")


def test_a_unit_still_starts_with_a_letter_or_percent() -> None:
    for written, unit in [("14 kasus", "kasus"), ("85 %", "persen"), ("12 per 1.000 KH", None)]:
        meant = read_number_and_unit(written)
        assert meant is not None and meant.number == written.split()[0]
        if unit is not None:
            assert meant.unit == unit


@pytest.mark.parametrize("placeholder", ["-", "–", "n/a", "TBD", "belum ada"])
def test_placeholders_get_their_own_advice(tmp_path: Path, placeholder: str) -> None:
    (found,), text = _messages(
        tmp_path, realisasi=f'{{2025: "{placeholder}", 2026: "{placeholder}"}}'
    )
    assert found.line == line_of(text, "realisasi")
    assert "hapus barisnya" in found.message and "remove the line" in found.message_in("en")
    assert "kualitatif: true" not in found.message
    assert "2 penanda nilai kosong" in found.message


@pytest.mark.parametrize("written", ["{2025: 83 ,4}", "{2025: 83 , 4}", "{2025: 83, 4}"])
def test_a_space_around_a_decimal_comma(tmp_path: Path, written: str) -> None:
    diagnostics, text = _check(tmp_path, (indicator("i-ss"), indicator("i-ss", realisasi=written)))
    assert _found(diagnostics, "koma-desimal") == [(DINKES, line_of(text, written))]
    assert _found(diagnostics, "tahun-di-luar-periode") == []


def test_a_year_without_its_value_is_not_a_decimal_comma(tmp_path: Path) -> None:
    diagnostics, _ = _check(
        tmp_path, (indicator("i-ss"), indicator("i-ss", target="{2025: 83, 2026}"))
    )
    assert _found(diagnostics, "koma-desimal") == []


# --- import-xlsx: the unit sign of a cell ------------------------------------------------------


def _import(tmp_path: Path, satuan: str | None, target: str) -> tuple[list, list]:
    """A one-row workbook: a sasaran strategis of dinkes with one indicator; its problems and
    notes (English)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Dinkes"
    header = ["ID OPD", "Tingkat", "Sasaran", "ID Induk", "Indikator", "Satuan", "Target 2025"]
    row = ["dinkes", "Sasaran Strategis", "Menurunnya kematian ibu", "sasaran-1", "AKI", satuan]
    for c, value in enumerate(header, 1):
        ws.cell(1, c, value)
    for c, value in enumerate([*row, target], 1):
        ws.cell(2, c, value)
    path = tmp_path / "units.xlsx"
    wb.save(path)
    result = read_workbook(path, trees=MINI)
    return [p.format("en") for p in result.problems], [n.en for n in result.notes]


def test_a_unit_sign_other_than_the_indicators_unit_is_a_problem(tmp_path: Path) -> None:
    problems, _ = _import(tmp_path, "kasus", "85%")
    (problem,) = [p for p in problems if "Target 2025" in p]
    assert "'85%'" in problem and "persen" in problem and "'kasus'" in problem
    problems, _ = _import(tmp_path, "kasus", "Rp 1.500.000")
    assert any("rupiah" in p and "'kasus'" in p for p in problems)


@pytest.mark.parametrize(("satuan", "target"), [("%", "85%"), ("persen", "85 %"), ("Rp", "Rp 5")])
def test_the_indicators_own_unit_sign_is_accepted(tmp_path: Path, satuan: str, target: str) -> None:
    problems, _ = _import(tmp_path, satuan, target)
    assert not any("Target 2025" in p for p in problems), problems


def test_a_percent_sign_on_a_budget_is_reported() -> None:
    with pytest.raises(BadCell) as caught:
        read_cell(spec.Number(), Cell("85%"), "Pagu 2025")
    assert "percent sign" in str(caught.value) and "persen" in caught.value.text.id
    assert read_cell(spec.Number(), Cell("Rp 1.250.000"), "Pagu 2025") == 1250000


def test_a_unit_sign_without_a_satuan_is_suggested(tmp_path: Path) -> None:
    problems, notes = _import(tmp_path, None, "85%")
    assert not any("Target 2025" in p for p in problems), problems
    assert any("no Satuan" in n and "fill in Satuan: persen" in n for n in notes), notes


def test_a_qualitative_indicators_placeholder_and_ambiguous_texts_round_trip(
    tmp_path: Path,
) -> None:
    """Export → import keeps the texts of a qualitative indicator that the importer would
    otherwise read as a blank (``belum ada``) or refuse to guess (``1.250``)."""
    from tests.test_xlsx import _round_trip

    trees = tmp_path / "in"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    text = text.replace(
        "target: {2025: 90, 2026: 92}", 'target: {2025: "belum ada", 2026: "1.250"}'
    )
    text = text.replace("nama: Cakupan K4\n", "nama: Cakupan K4\n        kualitatif: true\n")
    dinkes.write_text(text, "utf-8")
    (tmp_path / "out").mkdir()
    _, after, result = _round_trip(trees, tmp_path / "out")
    assert result.problems == []
    assert after.site.nodes["dinkes-sp-1"].indicators[0].targets == {
        2025: "belum ada",
        2026: "1.250",
    }
