"""A field is declared once: one ``Field`` line added to the format spec, and nothing else, is
loaded, published in the JSON Schema, kept by ``fmt`` in its canonical place, written to and read
back from the cascading workbook, written by ``import-xlsx`` and exported in ``pohon.json``.

The field is added to a copy of the package in a temporary folder (only ``core/tree/spec.py`` of
the copy changes); each check runs in a child Python that imports the copy."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mkdocs_pohon_plugin

pytest.importorskip("openpyxl")

PACKAGE = Path(mkdocs_pohon_plugin.__file__).parent
MINI = Path(__file__).parent / "fixtures" / "mini"

KEY = "catatan_evaluator"
EXPORT = "evaluator_note"
HEADER = "Catatan Evaluator"
VALUE = "Data dasar perlu diverifikasi"

NEW_FIELD = (
    f'        Field("{KEY}", None, Text(), "Note of the evaluator.", export="{EXPORT}", '
    f'label=("{HEADER}", "Evaluator\'s note"), '
    f'column=SheetColumn("evaluator_note", "{HEADER}", doc="Note of the evaluator.", '
    "printed=False)),\n"
)
"""The whole change: one line in INDICATOR, between ``sumber_data`` and ``periode_pelaporan``."""


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the package with the new field, and a trees folder whose indicator uses it
    (written before ``nama``, out of its canonical place)."""
    root = tmp_path_factory.mktemp("field")
    target = root / "lib" / "mkdocs_pohon_plugin"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    spec_py = target / "core" / "tree" / "spec.py"
    text = spec_py.read_text("utf-8")
    indicator = text.index("INDICATOR = ObjectSpec(")
    anchor = text.index('        Field(\n            "periode_pelaporan",', indicator)
    spec_py.write_text(text[:anchor] + NEW_FIELD + text[anchor:], "utf-8")
    changed = [
        path.relative_to(target).as_posix()
        for path in sorted(target.rglob("*"))
        if path.is_file() and path.read_bytes() != (PACKAGE / path.relative_to(target)).read_bytes()
    ]
    assert changed == ["core/tree/spec.py"]
    trees = root / "trees"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    source = dinkes.read_text("utf-8")
    assert "      - id: dinkes-ss-1-aki\n" in source
    dinkes.write_text(
        source.replace(
            "      - id: dinkes-ss-1-aki\n",
            f"      - id: dinkes-ss-1-aki\n        {KEY}: {VALUE}\n",
        ),
        "utf-8",
    )
    return root


def run(root: Path, body: str) -> dict:
    """Run ``body`` in a child Python importing the copied package (in ``root``); it sets
    ``out`` (a dict), returned here."""
    script = (
        textwrap.dedent(
            """
        import json, sys
        from pathlib import Path
        import mkdocs_pohon_plugin
        ROOT = Path(sys.argv[1])
        TREES = ROOT / "trees"
        assert Path(mkdocs_pohon_plugin.__file__).is_relative_to(ROOT / "lib"), (
            mkdocs_pohon_plugin.__file__
        )
        from mkdocs_pohon_plugin.core.tree import spec
        FIELD = spec.INDICATOR.by_key["catatan_evaluator"]
        out = {}
        """
        )
        + textwrap.dedent(body)
        + "\nprint(json.dumps(out))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "lib")}
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_new_field_loads_into_the_model_and_the_schema(copy: Path) -> None:
    out = run(
        copy,
        """
        from mkdocs_pohon_plugin.core.tree.check import check_trees
        from mkdocs_pohon_plugin.core.tree.json_schema import json_schema
        result = check_trees(TREES)
        out["errors"] = [d.format() for d in result.errors]
        indicator = result.site.indicators["dinkes-ss-1-aki"]
        out["extra"] = indicator.extra
        out["get"] = FIELD.get(indicator)
        out["line"] = indicator.lines.get("catatan_evaluator")
        out["schema"] = json_schema()["$defs"]["indikator"]["properties"].get("catatan_evaluator")
        """,
    )
    assert out["errors"] == []
    assert out["extra"] == {KEY: VALUE} and out["get"] == VALUE
    assert out["line"] == 14
    assert out["schema"] == {
        "type": "string",
        "title": HEADER,
        "description": "Note of the evaluator.",
    }


def test_fmt_keeps_the_new_field_in_its_canonical_place(copy: Path) -> None:
    out = run(
        copy,
        """
        from mkdocs_pohon_plugin.core.review.fmt import format_text
        out["text"] = format_text((TREES / "opd" / "dinkes.yaml").read_text("utf-8"))
        """,
    )
    text = out["text"]
    indicator = text[text.index("- id: dinkes-ss-1-aki") : text.index("- id: dinkes-sp-1")]
    lines = [line.strip() for line in indicator.splitlines()]
    assert f"{KEY}: {VALUE}" in lines
    # canonical: after definisi (sumber_data is absent), at the end of this indicator
    assert (
        lines.index(f"{KEY}: {VALUE}")
        == lines.index("definisi: Kematian ibu per 100.000 kelahiran hidup") + 1
    )


def test_the_new_field_goes_through_the_workbook(copy: Path) -> None:
    out = run(
        copy,
        """
        import io
        import openpyxl
        from mkdocs_pohon_plugin.core.tree.check import check_trees
        from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes, template_bytes
        from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx, read_workbook
        result = check_trees(TREES)
        workbook = ROOT / "matriks.xlsx"
        workbook.write_bytes(export_bytes(result))
        sheet = openpyxl.load_workbook(workbook)["dinkes"]
        cells = [c.value for row in sheet.iter_rows() for c in row]
        out["header"] = "Catatan Evaluator" in cells
        out["value"] = "Data dasar perlu diverifikasi" in cells
        guide = openpyxl.load_workbook(io.BytesIO(template_bytes()))["Petunjuk"]
        out["guide"] = any(c.value == "Catatan Evaluator" for row in guide.iter_rows() for c in row)
        read = read_workbook(workbook, trees=TREES)
        out["problems"] = [p.format() for p in read.problems]
        nodes = {n.id: n for n in read.opds["dinkes"].nodes}
        out["imported"] = nodes["dinkes-ss-1"].indicators[0].extra
        written = ROOT / "imported"
        import_xlsx(workbook, written, trees=TREES)
        out["yaml"] = (written / "dinkes.yaml").read_text("utf-8")
        """,
    )
    assert out["header"] and out["value"], "export-xlsx has no column for the new field"
    assert out["guide"], "xlsx-template's guide does not list the new column"
    assert out["problems"] == []
    assert out["imported"] == {KEY: VALUE}, "import-xlsx does not read the new column"
    assert f"{KEY}: {VALUE}" in out["yaml"], "import-xlsx's YAML writer drops the new field"


def test_the_new_field_is_in_pohon_json(copy: Path) -> None:
    out = run(
        copy,
        """
        import json
        from mkdocs_pohon_plugin.core.tree.check import check_trees
        from mkdocs_pohon_plugin.core.site.exports import model_json
        export = json.loads(model_json(check_trees(TREES)))
        node = next(n for n in export["node"] if n["id"] == "dinkes-ss-1")
        out["indicator"] = node["indikator"][0]
        # and the export's own schema declares it
        props = export["schema"]["$defs"]["indikator"]["properties"]
        out["schema"] = props.get(spec.INDICATOR.by_key["catatan_evaluator"].export_name)
        """,
    )
    assert out["indicator"].get(EXPORT) == VALUE, sorted(out["indicator"])
    assert out["schema"] is not None, "the export schema lacks the new field"


def test_diff_reports_a_change_of_the_new_field(copy: Path) -> None:
    out = run(
        copy,
        """
        import shutil
        from mkdocs_pohon_plugin.core.tree.check import check_trees
        from mkdocs_pohon_plugin.core.review.diff import diff_sites
        changed = ROOT / "changed"
        shutil.copytree(TREES, changed)
        dinkes = changed / "opd" / "dinkes.yaml"
        text = dinkes.read_text("utf-8")
        dinkes.write_text(text.replace("perlu diverifikasi", "sudah diverifikasi"), "utf-8")
        diff = diff_sites(check_trees(TREES), check_trees(changed))
        found = [
            (change.old, change.new)
            for group in diff.groups
            for node in group.nodes
            for indicator in node.indicators
            for change in indicator.fields
            if change.field == "catatan_evaluator"
        ]
        out["found"] = found
        """,
    )
    assert out["found"] == [[VALUE, "Data dasar sudah diverifikasi"]]
