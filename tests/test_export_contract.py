"""``pohon.json`` and ``indikator.csv`` are public formats with their own contract
(docs/export.md): export names from the spec, a committed JSON Schema of the export, locations
relative to the trees folder, the same bytes from any working directory."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from mkdocs_pohon_plugin.core.site import exports
from mkdocs_pohon_plugin.core.site.exports import (
    FORMAT_VERSION,
    export_schema,
    export_schema_text,
    indicators_csv,
    model_json,
)
from mkdocs_pohon_plugin.core.tree import spec
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "trees"
COMMITTED = REPO / "docs" / "schema" / "pohon-export.schema.json"
DOC = REPO / "docs" / "export.md"

EXPORT = (
    "import sys\n"
    "from mkdocs_pohon_plugin.core.tree.check import check_trees\n"
    "from mkdocs_pohon_plugin.core.site.exports import model_json\n"
    "sys.stdout.buffer.write(model_json(check_trees(sys.argv[1])).encode('utf-8'))\n"
)


@pytest.fixture(scope="module")
def demo() -> CheckResult:
    result = check_trees(DEMO)
    assert result.ok
    return result


@pytest.fixture(scope="module")
def demo_export(demo: CheckResult) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(model_json(demo))
    return data


def _export_from(cwd: Path, trees: str) -> bytes:
    done = subprocess.run(
        [sys.executable, "-c", EXPORT, trees], cwd=cwd, capture_output=True, check=True
    )
    return done.stdout


def test_the_same_trees_give_the_same_bytes_from_any_working_directory(tmp_path: Path) -> None:
    from_repo = _export_from(REPO, "trees")  # relative path, cwd above the trees
    from_elsewhere = _export_from(tmp_path, str(DEMO))  # absolute path, cwd outside the repo
    from_inside = _export_from(DEMO / "opd", "..")  # relative path, cwd inside the trees
    assert from_repo == from_elsewhere == from_inside
    text = from_repo.decode("utf-8")
    for leak in (str(REPO), str(tmp_path), "trees/", "../"):
        assert leak not in text, f"pohon.json holds a path of this machine or cwd: {leak!r}"


def test_the_demo_export_keeps_its_schema(demo_export: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(demo_export["schema"])
    jsonschema.Draft202012Validator(demo_export["schema"]).validate(demo_export)
    assert demo_export["format_version"] == FORMAT_VERSION == 5
    assert demo_export["schema"] == export_schema()
    assert demo_export["schema"]["$id"].endswith("pohon-export.schema.json")


def test_a_synthetic_regency_keeps_the_schema(tmp_path: Path) -> None:
    root = tmp_path / "trees"
    generate_regency(root, SyntheticParams(opd=4, nodes=120, indicators=300, crosscutting=0.2))
    data = json.loads(model_json(check_trees(root)))
    jsonschema.Draft202012Validator(export_schema()).validate(data)


def test_the_schema_rejects_what_the_contract_excludes(demo_export: dict[str, Any]) -> None:
    """The schema is strict enough to mean something: an attribute name, a missing key or a
    location that is not {berkas, baris} is refused."""
    validator = jsonschema.Draft202012Validator(export_schema())
    node = dict(demo_export["node"][0])
    node["statement"] = node.pop("pernyataan")  # the model's attribute name, not the export's
    assert not validator.is_valid({**demo_export, "node": [node]})
    assert not validator.is_valid({k: v for k, v in demo_export.items() if k != "tingkat"})
    located = dict(demo_export["node"][0], lokasi={"file": "pemda.yaml", "line": 3})
    assert not validator.is_valid({**demo_export, "node": [located]})
    assert not validator.is_valid({**demo_export, "format_version": 1})


def test_the_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text("utf-8") == export_schema_text(), (
        "docs/schema/pohon-export.schema.json is out of date: write "
        "mkdocs_pohon_plugin.core.site.exports.export_schema_text() to it"
    )


def test_keys_follow_the_spec_in_a_fixed_order(
    demo: CheckResult, demo_export: dict[str, Any]
) -> None:
    assert list(demo_export) == [
        "format_version",
        "pemda",
        "skema",
        "tingkat",
        "opd",
        "node",
        "masalah",
        "schema",
    ]
    assert model_json(demo) == model_json(demo)

    def names(obj: spec.ObjectSpec) -> list[str]:
        return [f.export_name for f in obj.fields]

    node = demo_export["node"][0]
    assert list(node) == [*names(spec.NODE), "opd", "lokasi"]
    indicator = next(n for n in demo_export["node"] if n["indikator"])["indikator"][0]
    support = [derived.name for derived in exports.INDICATOR_SUPPORT]
    assert list(indicator) == [*names(spec.INDICATOR), "node", *support, "lokasi"]
    assert list(demo_export["pemda"]) == [*names(spec.REGION), "lokasi"]
    assert list(demo_export["pemda"]["periode"]) == names(spec.PERIOD)
    assert list(demo_export["opd"][0]) == [*names(spec.OPD), "lokasi"]
    assert list(demo_export["tingkat"][0]) == [*names(spec.LEVEL), "lokasi"]
    theme = demo_export["masalah"][0]
    assert list(theme) == [*names(spec.PROBLEM_THEME), "lokasi"]
    assert list(theme["penyebab"][0]) == [*names(spec.CAUSE), "lokasi"]
    assert list(theme["penyebab"][0]["penyebab"][0]) == [*names(spec.CAUSE), "lokasi"]


def test_derived_names_do_not_clash_with_field_names() -> None:
    for obj, extra in (
        (spec.NODE, exports.NODE_OPD),
        (spec.INDICATOR, exports.INDICATOR_NODE),
        *((spec.INDICATOR, derived.name) for derived in exports.INDICATOR_SUPPORT),
        *((obj, exports.LOCATION) for obj in exports.LOCATED),
    ):
        assert extra not in {f.export_name for f in obj.fields}, (obj.name, extra)


def test_year_maps_are_in_year_order(demo: CheckResult) -> None:
    indicator = next(i for i in demo.site.indicators.values() if len(i.targets) > 1)
    indicator.targets = dict(reversed(list(indicator.targets.items())))
    try:
        data = json.loads(model_json(demo))
    finally:
        indicator.targets = dict(sorted(indicator.targets.items()))
    exported = next(i for n in data["node"] for i in n["indikator"] if i["id"] == indicator.id)[
        "target"
    ]
    assert list(exported) == sorted(exported)


def test_derived_values_and_locations(demo_export: dict[str, Any]) -> None:
    """Each node names its agency, each indicator its node, each location a line of a file of
    the trees folder where that object is written."""
    opds = {opd["id"]: opd for opd in demo_export["opd"]}
    lines = {
        path.relative_to(DEMO).as_posix(): path.read_text("utf-8").splitlines()
        for path in DEMO.rglob("*.yaml")
    }

    def written_at(obj: dict[str, Any], text: str) -> None:
        where = obj["lokasi"]
        assert where["berkas"] in lines, where
        assert text in lines[where["berkas"]][where["baris"] - 1], (where, text)

    regional = 0
    for node in demo_export["node"]:
        written_at(node, f"id: {node['id']}")
        if node["opd"] is None:
            regional += 1
            assert node["lokasi"]["berkas"] == "pemda.yaml"
        else:
            assert node["opd"] in opds
            assert node["lokasi"]["berkas"] == opds[node["opd"]]["lokasi"]["berkas"]
        for indicator in node["indikator"]:
            assert indicator["node"] == node["id"]
            written_at(indicator, f"id: {indicator['id']}")
    assert 0 < regional < len(demo_export["node"])
    # The regional tree first, then each agency's nodes, agencies in the order of their files.
    regional_first = [node["opd"] is None for node in demo_export["node"]]
    assert regional_first == sorted(regional_first, reverse=True)
    files = [opd["lokasi"]["berkas"] for opd in demo_export["opd"]]
    assert files == sorted(files)
    # A mapping starts at its first key.
    for opd in demo_export["opd"]:
        written_at(opd, f"id: {opd['id']}")
    written_at(demo_export["pemda"], f"nama: {demo_export['pemda']['nama']}")


def test_the_default_levels_are_exported_without_a_location(tmp_path: Path) -> None:
    (tmp_path / "pemda.yaml").write_text(
        "pemda:\n  nama: Kabupaten Contoh\n  periode: {awal: 2025, akhir: 2026}\n", "utf-8"
    )
    data = json.loads(model_json(check_trees(tmp_path)))
    assert [level["id"] for level in data["tingkat"]] == [
        level.id for level in spec.default_levels()
    ]
    assert all(level["lokasi"] is None for level in data["tingkat"])
    jsonschema.Draft202012Validator(export_schema()).validate(data)


def test_the_csv_header_comes_from_the_spec_and_is_documented(demo: CheckResult) -> None:
    rows = list(csv.reader(io.StringIO(indicators_csv(demo))))
    header = rows[0]
    years = list(demo.site.years)
    assert header[:11] == [
        "id",
        "nama",
        "node",
        "tingkat",
        "opd",
        "satuan",
        "polaritas",
        "jenis",
        "iku",
        "kondisi_awal_tahun",
        "kondisi_awal",
    ]
    assert header[11:] == [
        *(f"target_{y}" for y in years),
        "target_akhir",
        *(f"realisasi_{y}" for y in years),
        *(f"capaian_{y}" for y in years),
        "definisi",
        "formula",
        "sumber_data",
        "pendukung_dinyatakan",
        *(f"pagu_pendukung_{y}" for y in years),
        "jumlah_sub_kegiatan_pendukung",
        "jumlah_opd_pendukung",
        "penanggung_jawab",
    ]
    doc = DOC.read_text("utf-8")
    for name in header:
        generic = name[:-4] + "<tahun>" if name[-4:].isdigit() else name
        assert f"`{generic}`" in doc, f"docs/export.md does not document the CSV column {name}"


def test_every_export_name_is_documented() -> None:
    doc = DOC.read_text("utf-8")
    schema = export_schema()
    missing = [
        f"{name}.{key}"
        for name, definition in schema["$defs"].items()
        for key in definition["properties"]
        if f"`{key}`" not in doc
    ] + [key for key in schema["properties"] if f"`{key}`" not in doc]
    assert not missing, f"docs/export.md does not name {missing}"
    assert f"`format_version`: {FORMAT_VERSION}" in doc


def test_the_csv_end_target_is_the_one_the_pages_show(demo: CheckResult) -> None:
    """``target_akhir``: the written end-of-period target, else the period's last year's."""
    rows = list(csv.DictReader(io.StringIO(indicators_csv(demo))))
    last = demo.site.years[-1]
    for row in rows:
        indicator = demo.site.indicators[row["id"]]
        expected = indicator.end_target(last)
        assert row["target_akhir"] == ("" if expected is None else str(expected)), row["id"]
    assert any(
        i.final_target is None and i.targets.get(last) is not None
        for i in demo.site.indicators.values()
    )
