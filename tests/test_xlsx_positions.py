"""The cascading workbook carries who answers for a sasaran and an indicator (*ID Jabatan*,
*ID Jabatan Indikator*); an imported agency keeps its list of positions from the trees."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("openpyxl")

from mkdocs_pohon_plugin.core import check_trees  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx  # noqa: E402
from tests.test_position_rules import _files  # noqa: E402
from tests.treebuilder import write_tree  # noqa: E402


def test_positions_round_trip_through_the_workbook(tmp_path: Path) -> None:
    files = _files()
    files["opd/dinkes.yaml"] = files["opd/dinkes.yaml"].replace(
        "{id: i-sk,", "{jabatan: dinkes.kabid, id: i-sk,"
    )
    trees = write_tree(tmp_path / "trees", files)
    before = check_trees(trees)
    assert not before.diagnostics
    workbook = tmp_path / "matriks.xlsx"
    workbook.write_bytes(export_bytes(before))
    out = tmp_path / "imported"
    write_tree(out, {"pemda.yaml": files["pemda.yaml"]})
    result = import_xlsx(workbook, out / "opd", trees=trees)
    assert result.problems == []
    after = check_trees(out)
    assert after.diagnostics == []
    for node_id, node in before.site.nodes.items():
        assert after.site.nodes[node_id].position_id == node.position_id, node_id
    assert after.site.indicators["i-sk"].position_id == "dinkes.kabid"
    assert after.site.indicators["i-ss"].position_id is None
    assert [
        (p.id, p.name, p.echelon, p.superior_id) for p in after.site.opds["dinkes"].positions
    ] == [(p.id, p.name, p.echelon, p.superior_id) for p in before.site.opds["dinkes"].positions]
    assert after.site.positions["dinkes.kadis"].official is not None
