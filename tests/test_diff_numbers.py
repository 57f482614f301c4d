"""Numbers in ``pohon diff`` (issue 15): a delta rounded to the precision of the two values, in
one number style per output; and text kept exactly through ``import-xlsx``, so a round trip shows
no change whose two sides look the same."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import (
    decimals,
    delta_text,
    number_text,
    render_markdown,
)
from tests.treebuilder import base_files, indicator, write_tree

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini"


@pytest.mark.parametrize(
    ("old", "new", "language", "expected"),
    [
        (12.72, 12.5, "id", "−0,22"),
        (12.72, 12.5, "en", "−0.22"),
        (0.1, 0.3, "id", "+0,2"),
        (13, 14, "id", "+1"),
        (10, 12.5, "id", "+2,5"),
        (99.99, 100, "id", "+0,01"),
        (1e-05, 2e-05, "en", "+0.00001"),
    ],
)
def test_delta_rounded_to_the_values_precision(
    old: float, new: float, language: str, expected: str
) -> None:
    assert delta_text(old, new, language) == expected


def test_number_styles() -> None:
    assert [decimals(v) for v in (12, 12.0, 12.5, 12.72, 1e-05)] == [0, 0, 1, 2, 5]
    assert number_text(12.72) == "12,72" and number_text(12.72, "en") == "12.72"
    assert number_text(1100000, grouped=True) == "1.100.000"
    assert number_text(2029) == "2029"  # years and counts: no thousands separator
    assert delta_text(1100000, 900000, grouped=True) == "−200.000"


def _diff_text(tmp_path: Path, old_target: str, new_target: str, language: str = "id") -> str:
    files = base_files()
    dinkes = files["opd/dinkes.yaml"]
    old = write_tree(
        tmp_path / "old",
        {
            **files,
            "opd/dinkes.yaml": dinkes.replace(
                indicator("i-ss"), indicator("i-ss", target=old_target)
            ),
        },
    )
    new = write_tree(
        tmp_path / "new",
        {
            **files,
            "opd/dinkes.yaml": dinkes.replace(
                indicator("i-ss"), indicator("i-ss", target=new_target)
            ),
        },
    )
    return render_markdown(diff_sites(check_trees(old), check_trees(new)), language=language)


def test_the_issues_example_in_one_style(tmp_path: Path) -> None:
    """``target 2029: 12.72 → 12.5 (−0,22000000000000064)`` before."""
    text = _diff_text(tmp_path, "{2025: 11, 2026: 12.72}", "{2025: 11, 2026: 12.5}")
    assert "target 2026: 12,72 → 12,5 (−0,22)" in text
    assert "0,2200" not in text and "12.72" not in text
    english = _diff_text(tmp_path / "en", "{2025: 11, 2026: 12.72}", "{2025: 11, 2026: 12.5}", "en")
    assert "target 2026: 12.72 → 12.5 (−0.22)" in english


def test_text_survives_an_xlsx_round_trip_exactly(tmp_path: Path) -> None:
    """``a  b`` (two spaces) exported and imported again is ``a  b``: ``pohon diff`` shows no
    change (before: the import wrote ``a b`` and the diff showed two sides that look the same)."""
    pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes
    from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx

    trees = tmp_path / "in"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    spaced = "Ibu hamil  yang mendapat   pelayanan sesuai standar"
    assert "definisi: Ibu hamil yang mendapat pelayanan sesuai standar" in text
    text = text.replace(
        "definisi: Ibu hamil yang mendapat pelayanan sesuai standar", f'definisi: "{spaced}"'
    )
    dinkes.write_text(text, "utf-8")
    before = check_trees(trees)
    assert not before.errors
    workbook = tmp_path / "matriks.xlsx"
    workbook.write_bytes(export_bytes(before))
    out = tmp_path / "out"
    shutil.copytree(trees, out)
    for path in (out / "opd").glob("*.yaml"):
        path.unlink()
    result = import_xlsx(workbook, out / "opd", trees=trees)
    assert result.problems == []
    after = check_trees(out)
    definitions = [i.definition for i in after.site.indicators.values()]
    assert spaced in definitions
    diff = diff_sites(before, after)
    changed = [
        (node.id, ind.id, c.field)
        for node in diff.nodes
        for ind in node.indicators
        for c in getattr(ind, "fields", [])
    ]
    assert changed == []
    assert diff.empty, render_markdown(diff)


@pytest.mark.parametrize(
    ("language", "note"), [("id", "(beda spasi)"), ("en", "(spacing differs)")]
)
def test_a_change_of_spacing_only_is_visible(tmp_path: Path, language: str, note: str) -> None:
    """A double space typed into a statement is a change whose two sides would look the same on
    the page; the comment shows the spacing instead."""
    files = base_files()
    old = write_tree(tmp_path / "old", files)
    changed = files["pemda.yaml"].replace(
        "pernyataan: Meningkatkan kesejahteraan", "pernyataan: Meningkatkan  kesejahteraan"
    )
    assert changed != files["pemda.yaml"]
    new = write_tree(tmp_path / "new", {**files, "pemda.yaml": changed})
    text = render_markdown(diff_sites(check_trees(old), check_trees(new)), language=language)
    line = next(x for x in text.splitlines() if "pernyataan" in x and "→" in x)
    assert "Meningkatkan kesejahteraan → Meningkatkan··kesejahteraan" in line, line
    assert line.endswith(note), line
