"""The graph index over a loaded site: parent, children, ancestors, descendants, crosscutting both
ways, and indicator ↔ node. Built once, in one pass over the nodes; every query after that is a
dictionary look-up or a walk that is safe against cycles (which validation reports separately).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import Crosscutting, Indicator, Node, Site


@dataclass(slots=True)
class Graph:
    site: Site
    children: dict[str, list[str]] = field(default_factory=dict)
    roots: list[str] = field(default_factory=list)
    """Nodes without a (resolvable) parent: the visi, normally."""
    sent: dict[str, list[Crosscutting]] = field(default_factory=dict)
    received: dict[str, list[Crosscutting]] = field(default_factory=dict)
    level_index: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, site: Site) -> Graph:
        graph = cls(site)
        graph.level_index = {level.id: i for i, level in enumerate(site.levels)}
        nodes = site.nodes
        children = graph.children
        for node in nodes.values():
            parent = node.parent_id
            if parent is not None and parent in nodes and parent != node.id:
                siblings = children.get(parent)
                if siblings is None:
                    children[parent] = [node.id]
                else:
                    siblings.append(node.id)
            else:
                graph.roots.append(node.id)
            if node.crosscutting:
                graph.sent[node.id] = node.crosscutting
                for link in node.crosscutting:
                    if link.target_id is not None and link.target_id in nodes:
                        graph.received.setdefault(link.target_id, []).append(link)
        for siblings in children.values():
            if any(nodes[s].order is not None for s in siblings):
                position = {s: i for i, s in enumerate(siblings)}
                siblings.sort(key=lambda s: (_order(nodes[s]), position[s]))
        return graph

    # -- look-ups --

    def node(self, node_id: str) -> Node:
        return self.site.nodes[node_id]

    def parent(self, node_id: str) -> Node | None:
        parent_id = self.site.nodes[node_id].parent_id
        return self.site.nodes.get(parent_id) if parent_id is not None else None

    def child_nodes(self, node_id: str) -> list[Node]:
        nodes = self.site.nodes
        return [nodes[c] for c in self.children.get(node_id, ())]

    def ancestors(self, node_id: str) -> list[Node]:
        """Parent, grandparent, ... up to the root (nearest first). Stops at a cycle."""
        nodes = self.site.nodes
        result: list[Node] = []
        seen = {node_id}
        current = nodes[node_id].parent_id
        while current is not None and current in nodes and current not in seen:
            seen.add(current)
            node = nodes[current]
            result.append(node)
            current = node.parent_id
        return result

    def descendants(self, node_id: str) -> list[Node]:
        """Every node below, depth first in sibling order."""
        nodes = self.site.nodes
        result: list[Node] = []
        seen = {node_id}
        stack = list(reversed(self.children.get(node_id, ())))
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            result.append(nodes[current])
            stack.extend(reversed(self.children.get(current, ())))
        return result

    def walk(self) -> Iterator[tuple[Node, int]]:
        """Every node reachable from the roots with its depth, depth first."""
        for root in self.roots:
            yield self.site.nodes[root], 0
            base = len(self.ancestors(root))
            for node in self.descendants(root):
                yield node, len(self.ancestors(node.id)) - base

    def indicator_node(self, indicator: Indicator | str) -> Node:
        if isinstance(indicator, str):
            indicator = self.site.indicators[indicator]
        return self.site.nodes[indicator.node_id]

    def opd_top_nodes(self, opd_id: str) -> list[Node]:
        """An agency's nodes whose parent lies outside the agency (normally its sasaran strategis)."""
        nodes = self.site.nodes
        result = []
        for node_id in self.site.opds[opd_id].node_ids:
            node = nodes[node_id]
            parent = nodes.get(node.parent_id) if node.parent_id else None
            if parent is None or parent.opd_id != opd_id:
                result.append(node)
        return result

    def is_leaf(self, node_id: str) -> bool:
        return not self.children.get(node_id)


def _order(node: Node) -> float:
    return node.order if node.order is not None else float("inf")
