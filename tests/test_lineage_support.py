"""Declared lineage (``indikator.mendukung``) on the support fixture: the chain up and down, a
sibling that stays out, support across agencies through an agreed and a pending crosscutting
link, a rejected link that carries nothing, the node-level fallback for an indicator that
declares nothing, and cycles and unknown ids that neither hang nor crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import CheckResult, check_trees
from mkdocs_pohon_plugin.core.site.lineage import (
    CROSSCUTTING,
    DOWN,
    UP,
    Step,
    SupportIndex,
    lineage,
)
from mkdocs_pohon_plugin.core.tree.graph import Graph

SUPPORT = Path(__file__).parent / "fixtures" / "support"


@pytest.fixture
def result() -> CheckResult:
    """A fresh load per test: some tests change links in memory."""
    return check_trees(SUPPORT)


@pytest.fixture(scope="module")
def loaded() -> CheckResult:
    return check_trees(SUPPORT)


def ids(steps: list[Step]) -> list[str]:
    return [step.indicator.id for step in steps]


def by_id(steps: list[Step]) -> dict[str, Step]:
    return {step.indicator.id: step for step in steps}


def rebuilt(result: CheckResult) -> Graph:
    """The graph of ``result``'s site after a change in memory."""
    return Graph.build(result.site)


def test_the_fixture_has_no_errors(loaded: CheckResult) -> None:
    assert loaded.ok, [d for d in loaded.diagnostics if d.severity == "error"]


def test_a_sub_kegiatan_indicator_follows_its_chain_to_the_visi(loaded: CheckResult) -> None:
    lin = lineage(loaded.graph, "i-ssk1")
    assert lin.declares and lin.declared
    assert ids(lin.up) == [
        "i-sk",
        "i-sp-k4",
        "i-ss-ibu",
        "i-aki",
        "i-uhh",
        "i-misi-sehat",
        "i-visi",
    ]
    assert [s.distance for s in lin.up] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.through for s in lin.up] == [
        None,
        "i-sk",
        "i-sp-k4",
        "i-ss-ibu",
        "i-aki",
        "i-uhh",
        "i-misi-sehat",
    ]
    assert {s.relation for s in lin.up} == {UP}
    assert all(s.via is None for s in lin.up)
    assert [s.node.id for s in lin.up[:3]] == ["sk", "sp", "ss"]
    # Nothing declared below it; no node-level fallback for a declaring indicator.
    assert lin.down == lin.up_by_node == lin.down_by_node == []


def test_siblings_and_other_branches_stay_out(loaded: CheckResult) -> None:
    """The maternal-death chain never claims the infant-mortality or education indicators that
    share its nodes' ancestors."""
    up = ids(lineage(loaded.graph, "i-ssk1").up)
    for other in ("i-ssk1b", "i-ssk2", "i-ss-bayi", "i-akb", "i-misi-didik"):
        assert other not in up
    assert "i-ss-ibu" not in ids(lineage(loaded.graph, "i-akb").down)
    assert ids(lineage(loaded.graph, "i-akb").down) == ["i-ss-bayi"]
    assert ids(lineage(loaded.graph, "i-misi-didik").down) == []


def test_down_is_breadth_first_each_once_with_through(loaded: CheckResult) -> None:
    lin = lineage(loaded.graph, "i-aki")
    assert ids(lin.down) == [
        "i-ss-ibu",
        "i-dinsos-ss",
        "i-sp-k4",
        "i-dinsos-sp",
        "i-dinsos-sp2",
        "i-sk",
        "i-dinsos-sk",
        "i-dinsos-sk2",
        "i-ssk1",
        "i-ssk1b",
        "i-ssk2",
        "i-dinsos-ssk",
        "i-dinsos-ssk2",
    ]
    steps = by_id(lin.down)
    assert [steps[i].distance for i in ("i-ss-ibu", "i-sp-k4", "i-sk", "i-ssk1")] == [1, 2, 3, 4]
    assert steps["i-ss-ibu"].through is None
    assert steps["i-dinsos-sp"].through == "i-dinsos-ss"  # reached first through its own parent
    assert steps["i-ssk2"].through == "i-sk"
    # Everything lies below the regional sasaran: no crosscutting from here.
    assert {s.relation for s in lin.down} == {DOWN}
    assert len(set(ids(lin.down))) == len(lin.down)


def test_support_across_agencies_through_an_agreed_link(loaded: CheckResult) -> None:
    lin = lineage(loaded.graph, "i-dinsos-ssk")
    assert ids(lin.up) == [
        "i-dinsos-sk",
        "i-dinsos-sp",
        "i-dinsos-ss",
        "i-sp-k4",
        "i-aki",
        "i-ss-ibu",
        "i-uhh",
        "i-misi-sehat",
        "i-visi",
    ]
    steps = by_id(lin.up)
    for partner in ("i-sp-k4", "i-ss-ibu"):
        assert steps[partner].relation == CROSSCUTTING
        link = steps[partner].via
        assert link is not None
        assert (link.source_id, link.target_id, link.status) == ("sp", "dinsos-sp", "disetujui")
    assert steps["i-ss-ibu"].through == "i-sp-k4"
    assert steps["i-aki"].relation == UP and steps["i-aki"].via is None

    down = by_id(lineage(loaded.graph, "i-sp-k4").down)
    assert down["i-dinsos-sp"].relation == CROSSCUTTING
    assert down["i-dinsos-sp"].distance == 1
    assert down["i-dinsos-sk"].relation == CROSSCUTTING
    assert down["i-dinsos-sk"].through == "i-dinsos-sp"
    assert down["i-sk"].relation == DOWN


def test_a_pending_link_carries_support_with_its_status(result: CheckResult) -> None:
    result.site.nodes["sk"].crosscutting[0].status = "menunggu"  # dinkes' sk → dinsos-sp2
    down = by_id(lineage(result.graph, "i-sk").down)
    assert set(down) == {
        "i-ssk1",
        "i-ssk1b",
        "i-ssk2",
        "i-dinsos-sp2",
        "i-dinsos-sk2",
        "i-dinsos-ssk2",
    }
    step = down["i-dinsos-sp2"]
    assert step.relation == CROSSCUTTING
    assert step.via is not None and step.via.status == "menunggu"
    assert down["i-dinsos-ssk2"].via is step.via  # the link crossed on the way, further down


def test_a_rejected_link_carries_nothing(result: CheckResult) -> None:
    """dinkes' ss asked dinsos' ss for help and was refused: a `mendukung` across that link (an
    error for validation) claims nothing, up or down."""
    result.site.indicators["i-dinsos-ss"].supports.append("i-ss-ibu")
    assert "i-ss-ibu" not in ids(lineage(result.graph, "i-dinsos-ss").up)
    assert "i-dinsos-ss" not in ids(lineage(result.graph, "i-ss-ibu").down)
    # Refusing the agreed link takes the partner's whole branch out.
    result.site.nodes["sp"].crosscutting[0].status = "ditolak"
    graph = rebuilt(result)
    down = ids(lineage(graph, "i-sp-k4").down)
    assert "i-dinsos-sp" not in down and "i-dinsos-sk" not in down
    assert "i-sp-k4" not in ids(lineage(graph, "i-dinsos-sp").up)


def test_an_indicator_that_declares_nothing_gets_the_node_level_lineage(
    loaded: CheckResult,
) -> None:
    lin = lineage(loaded.graph, "i-ssk3")
    assert not lin.declares and not lin.declared
    assert lin.up == lin.down == []
    assert ids(lin.up_by_node) == [
        "i-sk",
        "i-sp-k4",
        "i-ss-ibu",
        "i-ss-bayi",
        "i-aki",
        "i-akb",
        "i-uhh",
        "i-misi-sehat",
        "i-misi-didik",
        "i-visi",
    ]
    assert all(s.through is None for s in lin.up_by_node)
    # Above it, it shows "through the sasaran" only: never among the declared supporters.
    for above in ("i-sk", "i-aki", "i-visi"):
        other = lineage(loaded.graph, above)
        assert "i-ssk3" not in ids(other.down)
        assert ids(other.down_by_node) == ["i-ssk3"]


def test_the_top_has_no_node_level_lineage_upwards(loaded: CheckResult) -> None:
    lin = lineage(loaded.graph, "i-visi")
    assert not lin.declares and lin.declared
    assert lin.up == lin.up_by_node == []
    assert len(lin.down) == len(loaded.site.indicators) - 2  # all but itself and i-ssk3


def test_cycles_and_unknown_ids_neither_hang_nor_crash(result: CheckResult) -> None:
    site = result.site
    # A two-indicator cycle across the agreed link (both ends are partners) ...
    site.indicators["i-sp-k4"].supports.append("i-dinsos-sp")
    # ... a self-reference, an unknown id, a downward link and a duplicate.
    site.indicators["i-sk"].supports.extend(["i-sk", "tidak-ada", "i-ssk1", "i-sp-k4"])
    for indicator in site.indicators.values():
        lin = lineage(result.graph, indicator)
        for steps in (lin.up, lin.down):
            assert len(set(ids(steps))) == len(steps)
            assert indicator.id not in ids(steps)
    up = ids(lineage(result.graph, "i-sp-k4").up)
    assert up[:2] == ["i-ss-ibu", "i-dinsos-sp"]
    assert "i-ssk1" not in ids(lineage(result.graph, "i-sk").up)
    assert ids(lineage(result.graph, "i-sk").up).count("i-sp-k4") == 1


def test_a_cycle_of_parents_does_not_hang(result: CheckResult) -> None:
    site = result.site
    site.nodes["visi"].parent_id = "ssk1"  # an unchecked tree: the visi under a sub kegiatan
    graph = rebuilt(result)
    for indicator in site.indicators.values():
        lineage(graph, indicator)


def test_the_index_is_built_once_and_gives_the_same_lineages(loaded: CheckResult) -> None:
    index = SupportIndex.of(loaded.graph)
    assert index.supporters["i-aki"] == ["i-ss-ibu", "i-dinsos-ss"]
    assert index.supporters["i-sk"] == ["i-ssk1", "i-ssk1b", "i-ssk2", "i-dinsos-sp2"]
    for indicator in loaded.site.indicators:
        shared = lineage(loaded.graph, indicator, index=index)
        alone = lineage(loaded.graph, indicator)
        assert shared == alone
