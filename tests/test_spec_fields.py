"""A field of the format spec: its accessors (a typed attribute, or the model object's ``extra``
for a field declared without one), how the loader fills them, and the spec's own checks."""

from __future__ import annotations

import pytest

from mkdocs_pohon_plugin.core.tree import model, spec
from mkdocs_pohon_plugin.core.tree.diagnostics import DiagnosticSink, Text
from mkdocs_pohon_plugin.core.tree.load import MISSING, FileReader
from mkdocs_pohon_plugin.core.tree.yaml_source import compose

NOTE = spec.Field("catatan", None, spec.Text(), "A note.", required=True)
WITH_NOTE = spec.ObjectSpec(
    "kondisi_awal_plus", "A baseline with a note.", (*spec.BASELINE.fields, NOTE), model.Baseline
)


def _build(text: str) -> tuple[object, list[str]]:
    sink = DiagnosticSink()
    root = compose(text, "t.yaml", sink)
    assert root is not None
    value = FileReader("t.yaml", sink, None).build(
        root, WITH_NOTE, Text(id="kondisi awal", en="the baseline")
    )
    return value, [f"{d.rule}: {d.message_in('en')}" for d in sink.items]


def test_a_field_without_attribute_lives_in_extra() -> None:
    baseline = model.Baseline(year=2024)
    assert NOTE.get(baseline) is None
    NOTE.set(baseline, "x")
    assert baseline.extra == {"catatan": "x"} and NOTE.get(baseline) == "x"
    NOTE.set(baseline, None)
    assert baseline.extra == {}
    year = spec.BASELINE.by_key["tahun"]
    assert year.get(baseline) == 2024
    year.set(baseline, 2023)
    assert baseline.year == 2023 and year.name == "year" and NOTE.name == "catatan"
    quarter = spec.QUARTERS_SPEC.by_key["tw1"]  # a spec without a model class builds dicts
    assert quarter.get({"tw1": 5}) == 5


def test_the_loader_reads_a_field_without_attribute() -> None:
    value, problems = _build("tahun: 2024\nnilai: 10\ncatatan: diukur ulang\n")
    assert problems == []
    assert isinstance(value, model.Baseline)
    assert value.extra == {"catatan": "diukur ulang"} and value.lines["catatan"] == 3


def test_a_required_field_without_attribute_is_required() -> None:
    value, problems = _build("tahun: 2024\nnilai: 10\n")
    assert value is not MISSING
    assert problems == ["kolom-wajib: the baseline has no 'catatan'; add it (A note.)"]
    value, problems = _build("tahun: 2024\nnilai: 10\ncatatan: 12\n")
    assert [p.split(":")[0] for p in problems] == ["yaml-konversi"]  # a number, not text


def test_the_spec_refuses_a_key_twice_and_an_attribute_named_extra() -> None:
    with pytest.raises(ValueError):
        spec.ObjectSpec("x", "", (NOTE, NOTE), model.Baseline)
    with pytest.raises(ValueError):
        spec.ObjectSpec("x", "", (spec.Field("lain", "extra", spec.Text(), ""),), model.Baseline)


def test_year_constants_are_the_ones_the_schema_publishes() -> None:
    schema = spec.Year().json_schema()
    assert (schema["minimum"], schema["maximum"]) == (spec.YEAR_MIN, spec.YEAR_MAX)
    value, problems = _build(f"tahun: {spec.YEAR_MAX + 1}\nnilai: 1\ncatatan: c\n")
    assert [p.split(":")[0] for p in problems] == ["tipe-salah"]
