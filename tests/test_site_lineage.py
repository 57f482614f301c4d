"""Lineage of indicators on the mini fixture: exact sets up and down, across OPDs."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import CheckResult, check_trees
from mkdocs_pohon_plugin.core.site.lineage import CROSSCUTTING, DOWN, UP, lineage

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_trees(MINI)


def test_program_indicator_up_and_down(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinkes-sp-1-k4")
    assert lin.ids("up") == ["dinkes-ss-1-aki", "akb-daerah", "aki-daerah", "uhh", "ipm"]
    assert {s.relation for s in lin.up} == {UP}
    # Below: its own descendants, then Dinsos' node, which plays a role for it (crosscutting).
    assert lin.ids("down") == ["dinkes-sk-1-i1", "dinkes-ssk-1-i1", "dinsos-sp-1-i1"]
    relations = {s.indicator.id: s.relation for s in lin.down}
    assert relations["dinsos-sp-1-i1"] == CROSSCUTTING
    assert relations["dinkes-ssk-1-i1"] == DOWN
    via = next(s.via for s in lin.down if s.relation == CROSSCUTTING)
    assert via is not None and via.source_id == "dinkes-sp-1" and via.target_id == "dinsos-sp-1"


def test_partner_indicator_supports_the_sender(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinsos-sp-1-i1")
    assert lin.ids("up") == [
        "dinsos-ss-1-i1",
        "akb-daerah",
        "aki-daerah",
        "uhh",
        "ipm",
        "dinkes-sp-1-k4",
    ]
    assert lin.up[-1].relation == CROSSCUTTING
    assert lin.ids("down") == []


def test_top_indicator_sees_everything_below(result: CheckResult) -> None:
    lin = lineage(result.graph, "ipm")
    assert lin.ids("up") == []
    expected = set(result.site.indicators) - {"ipm"}
    assert set(lin.ids("down")) == expected
    assert len(lin.ids("down")) == len(expected)


def test_strategic_indicator_reaches_across_through_descendants(result: CheckResult) -> None:
    lin = lineage(result.graph, "dinkes-ss-1-aki")
    assert lin.ids("down") == [
        "dinkes-sp-1-k4",
        "dinkes-sk-1-i1",
        "dinkes-ssk-1-i1",
        "dinsos-sp-1-i1",
    ]


def test_rejected_links_are_not_followed(result: CheckResult) -> None:
    result.site.nodes["dinkes-sp-1"].crosscutting[0].status = "ditolak"
    try:
        assert "dinsos-sp-1-i1" not in lineage(result.graph, "dinkes-sp-1-k4").ids("down")
    finally:
        result.site.nodes["dinkes-sp-1"].crosscutting[0].status = "disetujui"
