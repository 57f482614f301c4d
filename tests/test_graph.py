"""The graph index on the mini fixture: parent, children, ancestors, descendants, crosscutting."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import CheckResult, check_trees

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def result() -> CheckResult:
    result = check_trees(MINI)
    assert not result.errors
    return result


def test_parent_and_children(result: CheckResult) -> None:
    graph = result.graph
    assert graph.roots == ["visi"]
    assert graph.parent("dinkes-ss-1").id == "sasaran-1"
    assert [n.id for n in graph.child_nodes("sasaran-1")] == ["dinkes-ss-1", "dinsos-ss-1"]
    assert graph.is_leaf("dinkes-ssk-1") and not graph.is_leaf("dinkes-sk-1")


def test_ancestors_and_descendants(result: CheckResult) -> None:
    graph = result.graph
    assert [n.id for n in graph.ancestors("dinkes-ssk-1")] == [
        "dinkes-sk-1",
        "dinkes-sp-1",
        "dinkes-ss-1",
        "sasaran-1",
        "tujuan-1",
        "misi-1",
        "visi",
    ]
    assert [n.id for n in graph.descendants("dinkes-ss-1")] == [
        "dinkes-sp-1",
        "dinkes-sk-1",
        "dinkes-ssk-1",
    ]
    assert len(graph.descendants("visi")) == len(result.site.nodes) - 1


def test_crosscutting_both_ways(result: CheckResult) -> None:
    graph = result.graph
    (sent,) = graph.sent["dinkes-sp-1"]
    assert sent.source_id == "dinkes-sp-1" and sent.target_id == "dinsos-sp-1"
    assert graph.received["dinsos-sp-1"] == [sent]
    outside = graph.sent["dinsos-sp-1"][0]
    assert outside.body == "BKKBN Provinsi" and outside.target_id is None


def test_indicator_and_node(result: CheckResult) -> None:
    graph = result.graph
    assert graph.indicator_node("dinkes-sp-1-k4").id == "dinkes-sp-1"
    indicator = result.site.indicators["dinkes-ss-1-aki"]
    assert indicator.polarity == "minimal" and indicator.targets == {2025: 100, 2026: 90}
    assert indicator.realisations == {2025: 95}
    assert indicator.loc.file.endswith("opd/dinkes.yaml") and indicator.loc.line == 13
    assert indicator.lines["target"] == 19


def test_opd_top_nodes(result: CheckResult) -> None:
    assert [n.id for n in result.graph.opd_top_nodes("dinkes")] == ["dinkes-ss-1"]
    assert result.site.opds["dinkes"].node_ids == [
        "dinkes-ss-1",
        "dinkes-sp-1",
        "dinkes-sk-1",
        "dinkes-ssk-1",
    ]


def test_order_sorts_siblings(tmp_path: Path) -> None:
    from tests.treebuilder import DINSOS, base_files, write_tree

    files = base_files()
    files["opd/dinsos.yaml"] = DINSOS.replace(
        "    induk: sasaran\n", "    induk: sasaran\n    urutan: 1\n"
    )
    write_tree(tmp_path, files)
    graph = check_trees(tmp_path).graph
    assert [n.id for n in graph.child_nodes("sasaran")] == ["dinsos-ss", "ss"]
