"""Problem trees through review: ``pohon diff`` in the domain's words (a cause added, a node
starting or stopping to address a cause) and the workbook's ``Menangani`` column round trip."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import ADDED, CAUSE, REMOVED, diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import render_json, render_markdown
from mkdocs_pohon_plugin.core.review.fmt import format_text
from tests.rule_cases import Files
from tests.test_problem_rules import PROBLEMS, addresses, with_problems
from tests.treebuilder import base_files, write_tree


def _tree(root: Path, problems: str, *entries: tuple[str, str]) -> Path:
    files: Files = with_problems(problems)(base_files())  # type: ignore[arg-type]
    for node, ids in entries:
        files = addresses(node, ids)(files)
    return write_tree(root, files)


OLD = (("ssk", "[asi, mpasi]"), ("dinsos-sub", "[sanitasi]"))
NEW_PROBLEMS = PROBLEMS.replace(
    "      - id: sanitasi\n",
    "          - id: anemia\n            uraian: Anemia pada ibu hamil\n      - id: sanitasi\n",
)
NEW = (("ssk", "[asi, anemia]"), ("dinsos-sub", "[sanitasi]"), ("sk", "[mpasi]"))


def test_diff_names_causes_and_what_nodes_address(tmp_path: Path) -> None:
    old = check_trees(_tree(tmp_path / "lama", PROBLEMS, *OLD))
    new = check_trees(_tree(tmp_path / "baru", NEW_PROBLEMS, *NEW))
    assert old.diagnostics == [] and new.diagnostics == [], [d.format() for d in new.diagnostics]
    diff = diff_sites(old, new)
    assert [(p.kind, p.change, p.id, p.parent, p.root) for p in diff.problems] == [
        (CAUSE, ADDED, "anemia", "asupan", True)
    ]
    by_id = {n.id: n for n in diff.nodes}
    assert [(a.change, a.cause, a.description) for a in by_id["ssk"].addresses] == [
        (ADDED, "anemia", "Anemia pada ibu hamil"),
        (REMOVED, "mpasi", "MP-ASI kurang beragam"),
    ]
    assert [(a.change, a.cause) for a in by_id["sk"].addresses] == [(ADDED, "mpasi")]
    assert "dinsos-sub" not in by_id
    assert all(c.field != "menangani" for n in diff.nodes for c in n.fields)
    summary = diff.summary()
    assert (summary["penyebab_ditambah"], summary["menangani_ditambah"]) == (1, 2)
    assert (summary["menangani_dihapus"], summary["node_diubah"]) == (1, 2)

    markdown = render_markdown(diff)
    assert "### Akar Masalah" in markdown
    assert (
        "- **ditambah** akar masalah `anemia`: Anemia pada ibu hamil (tema `gizi`, di bawah "
        "`asupan`)" in markdown
    )
    assert "  - kini menangani `anemia`: Anemia pada ibu hamil\n" in markdown
    assert "  - tidak lagi menangani `mpasi`: MP-ASI kurang beragam\n" in markdown
    assert "1 penyebab ditambah" in markdown and "2 penyebab mulai ditangani" in markdown
    english = render_markdown(diff, language="en")
    assert "  - now addresses `anemia`: Anemia pada ibu hamil\n" in english
    assert "- **added** root cause `anemia`" in english
    data = json.loads(render_json(diff))
    assert data["ringkasan"]["menangani_dihapus"] == 1
    assert data["problems"][0]["id"] == "anemia"


def test_a_cause_removed_and_reworded(tmp_path: Path) -> None:
    reworded = PROBLEMS.replace("Rendahnya akses sanitasi", "Rendahnya akses jamban sehat")
    reworded = reworded.replace(
        "          - id: mpasi\n            uraian: MP-ASI kurang beragam\n", ""
    )
    old = check_trees(_tree(tmp_path / "lama", PROBLEMS, *OLD))
    new = check_trees(_tree(tmp_path / "baru", reworded, ("ssk", "[asi]"), OLD[1]))
    diff = diff_sites(old, new)
    assert [(p.change, p.id) for p in diff.problems] == [("diubah", "sanitasi"), (REMOVED, "mpasi")]
    (changed, _removed) = diff.problems
    assert [(c.field, c.old, c.new) for c in changed.fields] == [
        ("uraian", "Rendahnya akses sanitasi", "Rendahnya akses jamban sehat")
    ]
    markdown = render_markdown(diff)
    assert "- **dihapus** akar masalah `mpasi`" in markdown
    assert "  - uraian: " in markdown


def test_hostile_cause_text_stays_text_in_the_comment(tmp_path: Path) -> None:
    hostile = PROBLEMS.replace("Rendahnya ASI eksklusif", '"<script>alert(1)</script> ]] --> x"')
    old = check_trees(_tree(tmp_path / "lama", PROBLEMS, *OLD))
    new = check_trees(_tree(tmp_path / "baru", hostile, *OLD))
    markdown = render_markdown(diff_sites(old, new))
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown


def test_the_workbook_keeps_menangani(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    import openpyxl

    trees = _tree(tmp_path / "in", PROBLEMS, *OLD)
    before = check_trees(trees)
    assert before.diagnostics == []
    workbook = tmp_path / "matriks.xlsx"
    assert main(["export-xlsx", str(workbook), "--trees", str(trees)]) == 0
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.read_bytes()))["dinkes"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Menangani" in cells and "asi, mpasi" in cells

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(trees / "pemda.yaml", out / "pemda.yaml")
    command = ["import-xlsx", str(workbook), "--out", str(out / "opd"), "--trees", str(out)]
    assert main(command) == 0
    after = check_trees(out)
    assert after.diagnostics == [], [d.format() for d in after.diagnostics]
    assert after.site.nodes["ssk"].addresses == ["asi", "mpasi"]
    assert after.site.nodes["dinsos-sub"].addresses == ["sanitasi"]
    assert after.site.nodes["sk"].addresses == []
    for path in (out / "opd").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert format_text(text, str(path)) == text
