"""The synthetic generator declares cascading per indicator (``mendukung``) the rules accept, so the
benchmarks measure the real thing: every indicator below the visi supports one of its parent's,
regional and IKU indicators are all supported, and agreed crosscutting links add some support
across agencies."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

SUPPORT_RULES = {rule for rule in RULES if rule.startswith("mendukung") or rule == "tidak-didukung"}

PARAMS = [
    SyntheticParams(opd=6, nodes=300, indicators=900, crosscutting=0.3, seed=7),
    SyntheticParams(opd=3, nodes=29 + 12, indicators=41, crosscutting=1.0, seed=3),
    SyntheticParams(opd=12, nodes=900, indicators=2700, crosscutting=0.0, seed=9),
]


@pytest.mark.parametrize("params", PARAMS, ids=lambda p: f"{p.opd}opd-{p.nodes}n-seed{p.seed}")
def test_generated_support_is_declared_and_valid(tmp_path: Path, params: SyntheticParams) -> None:
    generate_regency(tmp_path, params)
    result = check_trees(tmp_path)
    assert [d.format() for d in result.errors] == []
    assert [d.format() for d in result.diagnostics if d.rule in SUPPORT_RULES] == []
    site, graph = result.site, result.graph
    supported = {target for ind in site.indicators.values() for target in ind.supports}
    for indicator in site.indicators.values():
        node = site.nodes[indicator.node_id]
        if node.parent_id is None:
            assert indicator.supports == []  # the visi supports nothing
            continue
        parent = site.nodes[node.parent_id]
        # first one of the parent's; entries added after it may name another child's parent
        # indicator or, across agencies, a sender's
        assert indicator.supports[0] in {i.id for i in parent.indicators}, indicator.id
        if (node.opd_id is None or indicator.is_iku) and graph.children.get(node.id):
            assert indicator.id in supported, indicator.id


def test_some_support_crosses_agencies_through_agreed_links(tmp_path: Path) -> None:
    generate_regency(tmp_path, PARAMS[0])
    site = check_trees(tmp_path).site
    across = []
    for indicator in site.indicators.values():
        node = site.nodes[indicator.node_id]
        for target_id in indicator.supports:
            carrier = site.nodes[site.indicators[target_id].node_id]
            if carrier.opd_id not in (None, node.opd_id):
                across.append((indicator.id, target_id))
                # the carrier asked this node (or its parent) for support, and it was agreed
                asked = [
                    link
                    for link in carrier.crosscutting
                    if link.target_id in (node.id, node.parent_id)
                ]
                assert asked and all(link.status == "disetujui" for link in asked)
    assert across


def test_two_targets_sometimes(tmp_path: Path) -> None:
    generate_regency(tmp_path, PARAMS[0])
    site = check_trees(tmp_path).site
    counts = [len(ind.supports) for ind in site.indicators.values()]
    assert counts.count(1) > counts.count(2) > 0
