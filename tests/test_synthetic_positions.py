"""The synthetic regency lists positions down to eselon IV and assigns every agency node, without
changing anything else it generates for a seed (``positions=False`` gives the earlier trees)."""

from __future__ import annotations

from pathlib import Path

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency


def test_positions_down_to_eselon_iv_and_nothing_else_changes(tmp_path: Path) -> None:
    params = SyntheticParams(opd=3, nodes=200, indicators=300)
    generate_regency(tmp_path / "with", params)
    generate_regency(
        tmp_path / "without", SyntheticParams(opd=3, nodes=200, indicators=300, positions=False)
    )
    with_positions = check_trees(tmp_path / "with")
    without = check_trees(tmp_path / "without")
    assert not with_positions.errors
    assert [d.rule for d in with_positions.diagnostics] == [d.rule for d in without.diagnostics]
    site = with_positions.site
    assert {p.echelon for p in site.positions.values()} >= {"II.b", "III.b", "IV.a"}
    for opd in site.opds.values():
        (head,) = [p for p in opd.positions if p.superior_id is None]
        assert head.echelon == "II.b"
    agency_nodes = [n for n in site.nodes.values() if n.opd_id]
    assert all(n.position_id in site.positions for n in agency_nodes)
    assert not without.site.positions
    for node_id, node in without.site.nodes.items():
        other = site.nodes[node_id]
        assert (other.statement, other.code, other.budget) == (
            node.statement,
            node.code,
            node.budget,
        )
        assert [i.id for i in other.indicators] == [i.id for i in node.indicators]
