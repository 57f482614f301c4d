"""Node-level lineage on the mini fixture, which declares no ``mendukung``: exact sets up and
down, across OPDs, shown "through the sasaran" (``up_by_node``, ``down_by_node``), never as a
declared lineage (``up``, ``down`` stay empty)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import CheckResult, check_trees
from mkdocs_pohon_plugin.core.site.lineage import CROSSCUTTING, DOWN, UP, Lineage, lineage

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_trees(MINI)


def ids(steps: list) -> list[str]:
    return [step.indicator.id for step in steps]


def test_the_mini_fixture_declares_nothing(result: CheckResult) -> None:
    assert not any(ind.supports for ind in result.site.indicators.values())
    for ind in result.site.indicators.values():
        lin = lineage(result.graph, ind)
        assert (lin.up, lin.down, lin.declares, lin.declared) == ([], [], False, False)


def test_program_indicator_up_and_down(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinkes-sp-1-k4")
    assert ids(lin.up_by_node) == ["dinkes-ss-1-aki", "akb-daerah", "aki-daerah", "uhh", "ipm"]
    assert {s.relation for s in lin.up_by_node} == {UP}
    # Below: its own descendants, then Dinsos' node, which plays a role for it (crosscutting).
    assert ids(lin.down_by_node) == ["dinkes-sk-1-i1", "dinkes-ssk-1-i1", "dinsos-sp-1-i1"]
    relations = {s.indicator.id: s.relation for s in lin.down_by_node}
    assert relations["dinsos-sp-1-i1"] == CROSSCUTTING
    assert relations["dinkes-ssk-1-i1"] == DOWN
    via = next(s.via for s in lin.down_by_node if s.relation == CROSSCUTTING)
    assert via is not None and via.source_id == "dinkes-sp-1" and via.target_id == "dinsos-sp-1"
    assert all(s.through is None for s in [*lin.up_by_node, *lin.down_by_node])


def test_partner_indicator_supports_the_sender(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinsos-sp-1-i1")
    assert ids(lin.up_by_node) == [
        "dinsos-ss-1-i1",
        "akb-daerah",
        "aki-daerah",
        "uhh",
        "ipm",
        "dinkes-sp-1-k4",
    ]
    assert lin.up_by_node[-1].relation == CROSSCUTTING
    assert lin.down_by_node == []


def test_top_indicator_sees_everything_below(result: CheckResult) -> None:
    lin = lineage(result.graph, "ipm")
    assert lin.up_by_node == []
    expected = set(result.site.indicators) - {"ipm"}
    assert set(ids(lin.down_by_node)) == expected
    assert len(lin.down_by_node) == len(expected)


def test_strategic_indicator_reaches_across_through_descendants(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinkes-ss-1-aki")
    assert ids(lin.down_by_node) == [
        "dinkes-sp-1-k4",
        "dinkes-sk-1-i1",
        "dinkes-ssk-1-i1",
        "dinsos-sp-1-i1",
    ]


def test_rejected_links_are_not_followed(result: CheckResult) -> None:
    result.site.nodes["dinkes-sp-1"].crosscutting[0].status = "ditolak"
    try:
        found: Lineage = lineage(result.graph, "dinkes-sp-1-k4")
        assert "dinsos-sp-1-i1" not in ids(found.down_by_node)
    finally:
        result.site.nodes["dinkes-sp-1"].crosscutting[0].status = "disetujui"
