"""Mermaid diagrams: hostile labels stay inside their quotes, ids are generated, size is bounded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.mermaid import (
    INIT,
    build_diagram,
    escape_label,
    node_neighbourhood,
)
from mkdocs_pohon_plugin.core.tree.graph import Graph
from mkdocs_pohon_plugin.core.tree.model import Node, Site

MINI = Path(__file__).parent / "fixtures" / "mini"

HOSTILE = [
    'Tutup"] --> n9["x',
    "a --> b",
    "end",
    "subgraph end",
    "`markdown` **bold**",
    "%%{init: {'securityLevel': 'loose'}}%%",
    "x\nclick n0 call alert()",
    "<script>alert(1)</script>",
    "<b>bold</b> & <img src=x onerror=alert(1)>",
    "#quot; #35; ##",
    "a; b | c [d] (e) {f}",
    "back\\slash",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_label_cannot_leave_its_quotes(text: str) -> None:
    label = escape_label(text)
    assert '"' not in label and "\n" not in label
    for forbidden in ("<", ">", "[", "]", "(", ")", "{", "}", "`", "%", "|", "\\"):
        assert forbidden not in label
    # Every '#' starts an entity code, so no raw '#' can start one of its own.
    assert re.fullmatch(r"([^#]|#(\d+|[a-z]+);)*", label)


def test_entities_round_trip_the_visible_text() -> None:
    assert escape_label('Tutup"]') == "Tutup#quot;#93;"
    assert escape_label("50%") == "50#37;"
    assert escape_label("a --> b") == "a --#gt; b"


def test_long_labels_are_cut() -> None:
    assert len(escape_label("x" * 500)) <= 90


def _hostile_site(count: int = 3) -> Graph:
    site = Site(root=".")
    site.nodes["root"] = Node(id="root", level="visi", statement=HOSTILE[0])
    for i in range(count):
        node_id = f"c{i}"
        site.nodes[node_id] = Node(
            id=node_id, level="misi", statement=HOSTILE[i % len(HOSTILE)], parent_id="root"
        )
    return Graph.build(site)


def test_diagram_statements_are_only_generated_ids() -> None:
    graph = _hostile_site(len(HOSTILE))
    nodes = [graph.site.nodes["root"], *graph.child_nodes("root")]
    diagram = build_diagram(graph, nodes, href=lambda n: f"../{n.id}/", focus="root")
    lines = diagram.source.splitlines()
    assert lines[:2] == [INIT, "flowchart TB"]
    assert diagram.source.count("%%") == 2  # only our own directive
    statement = re.compile(
        r'    (n\d+\["[^"]*"\]'
        r"|n\d+ (-->|-\.->|-\.-x) n\d+"
        r"|class n\d+ (l\d+|focus)"
        r'|click n\d+ href "[a-z0-9./_-]+"'
        r"|classDef (l\d+|focus) [a-z0-9:#,-]+)"
    )
    for line in lines[2:]:
        assert statement.fullmatch(line), line
    assert "alert()" not in diagram.source.replace("alert#40;", "")


def test_diagram_is_bounded_and_reports_the_rest() -> None:
    graph = _hostile_site(40)
    nodes = [graph.site.nodes["root"], *graph.child_nodes("root")]
    diagram = build_diagram(graph, nodes, href=lambda n: "x/", limit=25)
    assert len(diagram.shown) == 25 and len(diagram.overflow) == 16
    assert diagram.source.count('["') == 25
    assert "n25" not in diagram.source


def test_unsafe_link_targets_are_refused() -> None:
    graph = _hostile_site(1)
    with pytest.raises(ValueError):
        build_diagram(graph, [graph.site.nodes["root"]], href=lambda n: 'x" onclick="y')
    with pytest.raises(ValueError):
        build_diagram(graph, [graph.site.nodes["root"]], href=lambda n: "javascript:alert(1)")


def test_neighbourhood_of_a_node_on_the_mini_fixture() -> None:
    graph = check_trees(MINI).graph
    ids = [n.id for n in node_neighbourhood(graph, "dinkes-sp-1")]
    assert ids == [
        "visi",
        "misi-1",
        "tujuan-1",
        "sasaran-1",
        "dinkes-ss-1",
        "dinkes-sp-1",
        "dinsos-sp-1",
        "dinkes-sk-1",
    ]
    received = [n.id for n in node_neighbourhood(graph, "dinsos-sp-1")]
    assert "dinkes-sp-1" in received


def test_direction_is_one_of_two_keywords() -> None:
    graph = _hostile_site(3)
    nodes = [graph.site.nodes["root"], *graph.child_nodes("root")]
    diagram = build_diagram(graph, nodes, href=lambda n: "x/", direction="LR")
    assert diagram.source.splitlines()[:2] == [INIT, "flowchart LR"]
    with pytest.raises(ValueError):
        build_diagram(graph, nodes, href=lambda n: "x/", direction="LR\nclick n0 call alert()")
