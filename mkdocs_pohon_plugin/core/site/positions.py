"""Positions on the site: what each position (``opd.jabatan``) answers for, the chain above it, the
positions below it, and the two parties of its Perjanjian Kinerja.

:class:`PositionIndex` is computed once per site (the renderer keeps it); the position page
(``position.html.j2``), the position's PK (``pk_position.html.j2``) and the agency page read its
:class:`PositionView` of a position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Indicator, Level, Node, Official, Opd, Position, Site
from ..tree.spec import PK_ECHELONS


@dataclass(frozen=True, slots=True)
class Party:
    """One party of a Perjanjian Kinerja: the position's name, the holder's name and NIP when the
    trees record them, and the position itself when it is one of the site's."""

    position_name: str
    name: str | None = None
    nip: str | None = None
    position: Position | None = None


@dataclass(frozen=True, slots=True)
class LevelGroup:
    """The nodes a position answers for on one level, in tree order."""

    level: Level
    nodes: list[Node]


@dataclass(slots=True)
class PositionView:
    """A position as its pages show it."""

    position: Position
    opd: Opd
    above: list[Position]
    """The chain of superiors, from the agency's head down to the direct superior."""
    below: list[Position]
    """The positions directly below, in file order."""
    groups: list[LevelGroup]
    """The nodes it answers for, by level (scheme order)."""
    indicators: list[Indicator]
    """The indicators it answers for: its nodes' indicators that name no other position, and
    indicators elsewhere that name it, in tree order."""
    rows: list[tuple[Node, list[Indicator]]] = field(default_factory=list)
    """Each node with the indicators the position answers for (see :meth:`pk_rows`)."""
    nested: set[str] = field(default_factory=set)
    """Ids of the nodes it answers for that lie under another node it answers for."""

    @property
    def nodes(self) -> list[Node]:
        return [node for group in self.groups for node in group.nodes]

    @property
    def signs_pk(self) -> bool:
        """Whether the position signs a Perjanjian Kinerja of its own (eselon II–IV)."""
        return self.position.echelon in PK_ECHELONS

    def pk_rows(self) -> list[tuple[Node, list[Indicator]]]:
        """The PK's annex: each node with the indicators the position answers for, in tree
        order (a node it answers for whose indicators all name other positions keeps an empty
        row; a node it does not answer for appears for the indicators that name it)."""
        return self.rows

    def budget_nodes(self) -> list[Node]:
        """The nodes it answers for whose level carries a budget (program, kegiatan, sub
        kegiatan): the PK's money."""
        return [node for group in self.groups if group.level.carries_budget for node in group.nodes]

    def budget_total_nodes(self) -> list[Node]:
        """The nodes of :meth:`budget_nodes` that lie under none of the others: their budgets
        add up to the position's total without counting a kegiatan inside its program twice."""
        return [node for node in self.budget_nodes() if node.id not in self.nested]


@dataclass(slots=True)
class PositionIndex:
    """Every position's view, computed once for a site."""

    site: Site
    views: dict[str, PositionView] = field(default_factory=dict)

    @classmethod
    def build(cls, site: Site, graph: Graph, order: dict[str, int]) -> PositionIndex:
        index = cls(site)
        positions = site.positions
        if not positions:
            return index
        nodes_of: dict[str, list[Node]] = {}
        indicators_of: dict[str, list[Indicator]] = {}
        walk = sorted(site.nodes.values(), key=lambda n: order.get(n.id, len(order)))
        for node in walk:
            if node.position_id in positions:
                nodes_of.setdefault(node.position_id, []).append(node)
            for indicator in node.indicators:
                owner = indicator.position_id or node.position_id
                if owner in positions:
                    indicators_of.setdefault(owner, []).append(indicator)
        below: dict[str, list[Position]] = {}
        for opd in site.opds.values():
            for position in opd.positions:
                if positions.get(position.id) is position and position.superior_id in positions:
                    below.setdefault(position.superior_id, []).append(position)
        level_order = {level.id: i for i, level in enumerate(site.levels)}
        for opd in site.opds.values():
            for position in opd.positions:
                if positions.get(position.id) is not position:
                    continue  # a second declaration of an id (jabatan-ganda)
                groups: dict[str, list[Node]] = {}
                for node in nodes_of.get(position.id, ()):
                    groups.setdefault(node.level, []).append(node)
                ordered = sorted(groups, key=lambda lv: level_order.get(lv, len(level_order)))
                mine = indicators_of.get(position.id, [])
                index.views[position.id] = PositionView(
                    position,
                    opd,
                    _above(position, positions),
                    below.get(position.id, []),
                    [
                        LevelGroup(site.level(lv) or Level(id=lv, name=lv), groups[lv])
                        for lv in ordered
                    ],
                    mine,
                    _rows(site, nodes_of.get(position.id, []), mine, order),
                    _nested(site, nodes_of.get(position.id, [])),
                )
        return index

    def view(self, position: Position | str) -> PositionView | None:
        key = position if isinstance(position, str) else position.id
        return self.views.get(key)

    def of_opd(self, opd: Opd) -> list[PositionView]:
        """The agency's positions, each after its superior (a tree walked from the head), the
        ones outside the tree (an unknown superior, a cycle) last."""
        views = [self.views[p.id] for p in opd.positions if p.id in self.views]
        placed: list[PositionView] = []
        done: set[str] = set()

        def place(view: PositionView) -> None:
            if view.position.id in done:
                return
            done.add(view.position.id)
            placed.append(view)
            for child in view.below:
                child_view = self.views.get(child.id)
                if child_view is not None and child.opd_id == opd.id:
                    place(child_view)

        for view in views:
            if not view.above and (
                view.position.superior_id is None or view.position.superior_id not in self.views
            ):
                place(view)
        for view in views:
            place(view)
        return placed

    def roots(self, opd: Opd) -> list[PositionView]:
        """The agency's positions without a superior in the site (its head, normally)."""
        return [view for view in self.of_opd(opd) if not view.above]

    def children(self, view: PositionView) -> list[PositionView]:
        """The views of the positions directly below ``view``'s."""
        return [self.views[p.id] for p in view.below if p.id in self.views]


def _rows(
    site: Site, nodes: list[Node], indicators: list[Indicator], order: dict[str, int]
) -> list[tuple[Node, list[Indicator]]]:
    by_node: dict[str, list[Indicator]] = {node.id: [] for node in nodes}
    for indicator in indicators:
        by_node.setdefault(indicator.node_id, []).append(indicator)
    ids = sorted(
        (node_id for node_id in by_node if node_id in site.nodes),
        key=lambda n: order.get(n, len(order)),
    )
    return [(site.nodes[node_id], by_node[node_id]) for node_id in ids]


def _nested(site: Site, nodes: list[Node]) -> set[str]:
    ids = {node.id for node in nodes}
    nested: set[str] = set()
    for node in nodes:
        seen = {node.id}
        parent = node.parent_id
        while parent is not None and parent not in seen and parent in site.nodes:
            if parent in ids:
                nested.add(node.id)
                break
            seen.add(parent)
            parent = site.nodes[parent].parent_id
    return nested


def _above(position: Position, positions: dict[str, Position]) -> list[Position]:
    chain: list[Position] = []
    seen = {position.id}
    current = positions.get(position.superior_id) if position.superior_id else None
    while current is not None and current.id not in seen:
        seen.add(current.id)
        chain.append(current)
        current = positions.get(current.superior_id) if current.superior_id else None
    chain.reverse()
    return chain


def holder(official: Official | None) -> tuple[str | None, str | None]:
    """The holder's name and NIP, when the trees record them."""
    if official is None or not official.name:
        return None, None
    return official.name, official.nip


def first_party(position: Position) -> Party:
    name, nip = holder(position.official)
    return Party(position.name, name, nip, position)


def second_party(position: Position, positions: dict[str, Position], agency_second: str) -> Party:
    """The second party of a position's PK: the superior position and its holder; for the head
    (no superior in the site), the agency PK's second party (``agency_second``)."""
    superior = positions.get(position.superior_id) if position.superior_id else None
    if superior is None or superior.id == position.id:
        return Party(agency_second)
    name, nip = holder(superior.official)
    return Party(superior.name, name, nip, superior)


__all__ = [
    "LevelGroup",
    "Party",
    "PositionIndex",
    "PositionView",
    "first_party",
    "holder",
    "second_party",
]
