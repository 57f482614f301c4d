"""A workbook cell read by its field's value type (``spreadsheet/cells.py``): the tolerant
spellings people type in spreadsheets, and the message when a cell cannot be read."""

from __future__ import annotations

from typing import Any

import pytest

from mkdocs_pohon_plugin.core.spreadsheet.cells import BadCell, Cell, read_cell
from mkdocs_pohon_plugin.core.tree import spec

POLARITY = spec.INDICATOR.by_key["polaritas"]
STATUS = spec.CROSSCUTTING.by_key["status"]


@pytest.mark.parametrize(
    ("vtype", "value", "expected"),
    [
        (spec.Boolean(), "Ya", True),
        (spec.Boolean(), "✓", True),
        (spec.Boolean(), 1, True),
        (spec.Boolean(), True, True),
        (spec.Boolean(), "tidak", False),
        (spec.Measure(), "85,5%", 85.5),
        (spec.Measure(), "Predikat A", "Predikat A"),
        (spec.Number(), "Rp 1.250.000", 1250000),
        (spec.Integer(), "3", 3),
        (spec.Integer(), 2.0, 2),
        (spec.Year(), 2024, 2024),
        (spec.Text(), "  dua   spasi ", "dua   spasi"),  # kept exactly, ends trimmed
        (spec.Code(), "'1.02.02", "1.02.02"),
        (spec.ListOf(spec.Text()), "a, b; c", ["a", "b", "c"]),
        (spec.YearMap(spec.Measure()), "12,5", 12.5),
        (spec.Choice(spec.INDICATOR_KINDS), "Outcome", "outcome"),
    ],
)
def test_cells_by_type(vtype: spec.ValueType, value: Any, expected: Any) -> None:
    result = read_cell(vtype, Cell(value), "Kolom")
    assert result == expected and type(result) is type(expected)


def test_choice_words_come_from_the_fields_column() -> None:
    assert read_cell(POLARITY.type, Cell("Positif"), "Polaritas", POLARITY.column) == "maksimal"
    assert read_cell(POLARITY.type, Cell("turun"), "Polaritas", POLARITY.column) == "minimal"
    assert read_cell(STATUS.type, Cell("Sepakat"), "Status", STATUS.column) == "disetujui"
    # without the column, only the options themselves
    with pytest.raises(BadCell):
        read_cell(POLARITY.type, Cell("positif"), "Polaritas")


@pytest.mark.parametrize(
    ("field", "value", "message", "fallback"),
    [
        (
            POLARITY,
            "naik turun",
            "Polaritas 'naik turun' is not maksimal, minimal or stabil; maksimal assumed",
            "maksimal",
        ),
        (STATUS, "entah", "Status 'entah' is not menunggu, disetujui or ditolak", None),
        (spec.NODE.by_key["urutan"], "1,5", "Urutan '1.5' is not a whole number; left out", None),
        (spec.NODE.by_key["anggaran"], "-5", "Pagu is negative (-5); left out", None),
        (spec.NODE.by_key["anggaran"], "banyak", "Pagu: 'banyak' is not a number; left out", None),
        (spec.BASELINE.by_key["tahun"], 1800, "Tahun '1800' is not a year", None),
        (spec.INDICATOR.by_key["iku"], "mungkin", "IKU 'mungkin' is neither ya nor tidak", None),
    ],
)
def test_cells_that_cannot_be_read(
    field: spec.Field, value: Any, message: str, fallback: Any
) -> None:
    label = field.label[0] if field.label else field.key
    with pytest.raises(BadCell) as caught:
        read_cell(field.type, Cell(value), label, field.column)
    assert str(caught.value) == message and caught.value.fallback == fallback


def test_an_object_field_is_read_by_hand() -> None:
    with pytest.raises(TypeError):
        read_cell(spec.Obj(spec.OFFICIAL), Cell("x"), "Pejabat")
