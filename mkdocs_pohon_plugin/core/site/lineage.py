"""Lineage of an indicator: what it supports above it and what supports it from below.

TEMPORARY (branch h-ccpages): a minimal implementation of the contract in
``/work/wt/LINEAGE_API.md`` so the pages have data to show; helper ``cclineage`` writes the real
one, which replaces this file at merge.

Declared lineage follows ``mendukung`` (``Indicator.supports``): ``up`` is every indicator the
subject drives, transitively, nearest first; ``down`` every indicator whose chain reaches the
subject, breadth first. When the subject declares nothing (and is not at the top), ``up_by_node``
holds the node-level lineage upwards (the indicators of the ancestor nodes and of crosscutting
senders) — no claim of support. ``down_by_node`` holds the indicators below the subject's node
(descendants and crosscutting partners) that declare no ``mendukung`` at all.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Crosscutting, Indicator, Node

UP, DOWN, CROSSCUTTING = "ancestor", "descendant", "crosscutting"


@dataclass(frozen=True, slots=True)
class Step:
    """One indicator in a lineage, with the node that carries it and how it is reached."""

    indicator: Indicator
    node: Node
    relation: str
    """``ancestor``, ``descendant`` or ``crosscutting``."""
    distance: int
    """Hops from the subject (declared steps) or levels between the nodes (by-node steps)."""
    via: Crosscutting | None = None
    """For crosscutting steps: the link that brings this indicator in."""
    through: str | None = None
    """The id of the next indicator on the way back to the subject (``None`` at distance 1 and
    for by-node steps)."""


@dataclass(slots=True)
class Lineage:
    subject: Indicator
    up: list[Step] = field(default_factory=list)
    down: list[Step] = field(default_factory=list)
    up_by_node: list[Step] = field(default_factory=list)
    down_by_node: list[Step] = field(default_factory=list)
    declares: bool = False

    def ids(self, direction: str) -> list[str]:
        steps = self.up if direction == "up" else self.down
        return [step.indicator.id for step in steps]


@dataclass(slots=True)
class SupportIndex:
    """Who declares ``mendukung`` to each indicator, in file order (built once per site)."""

    supporters: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, graph: Graph) -> SupportIndex:
        index = cls()
        for indicator in graph.site.indicators.values():
            for target in indicator.supports:
                index.supporters.setdefault(target, []).append(indicator.id)
        return index


def _active(link: Crosscutting) -> bool:
    return link.status != "ditolak"


def _link_between(graph: Graph, lower: Node, upper: Node) -> Crosscutting | None:
    """The crosscutting link that lets ``lower``'s indicator support ``upper``'s, if the step
    is across agencies (``upper`` sent a link to ``lower``, or the other way round)."""
    for link in graph.sent.get(upper.id, ()):
        if link.target_id == lower.id and _active(link):
            return link
    for link in graph.sent.get(lower.id, ()):
        if link.target_id == upper.id and _active(link):
            return link
    return None


def lineage(graph: Graph, indicator: Indicator | str, index: SupportIndex | None = None) -> Lineage:
    """The lineage of one indicator (an :class:`Indicator` or its id)."""
    site = graph.site
    if isinstance(indicator, str):
        indicator = site.indicators[indicator]
    if index is None:
        index = SupportIndex.of(graph)
    node = graph.indicator_node(indicator)
    result = Lineage(indicator, declares=bool(indicator.supports))

    def step(
        found: Indicator,
        below: Indicator,
        above: Indicator,
        relation: str,
        distance: int,
        through: str | None,
    ) -> Step:
        lower, upper = graph.indicator_node(below), graph.indicator_node(above)
        link = _link_between(graph, lower, upper) if lower.opd_id != upper.opd_id else None
        carrier = graph.indicator_node(found)
        return Step(found, carrier, CROSSCUTTING if link else relation, distance, link, through)

    seen = {indicator.id}
    queue: deque[tuple[Indicator, int]] = deque([(indicator, 0)])
    while queue:
        current, distance = queue.popleft()
        for target_id in current.supports:
            target = site.indicators.get(target_id)
            if target is None or target_id in seen:
                continue
            seen.add(target_id)
            through = current.id if distance else None
            result.up.append(step(target, current, target, UP, distance + 1, through))
            queue.append((target, distance + 1))

    seen = {indicator.id}
    queue = deque([(indicator, 0)])
    while queue:
        current, distance = queue.popleft()
        for source_id in index.supporters.get(current.id, ()):
            source = site.indicators.get(source_id)
            if source is None or source_id in seen:
                continue
            seen.add(source_id)
            through = current.id if distance else None
            result.down.append(step(source, source, current, DOWN, distance + 1, through))
            queue.append((source, distance + 1))

    taken = {indicator.id, *(s.indicator.id for s in result.down)}
    if not result.declares:
        above: set[str] = {ind.id for ind in node.indicators}
        for distance, ancestor in enumerate(graph.ancestors(node.id), start=1):
            for ind in ancestor.indicators:
                if ind.id not in above:
                    above.add(ind.id)
                    result.up_by_node.append(Step(ind, ancestor, UP, distance))
        for link in graph.received.get(node.id, ()):
            sender = site.nodes.get(link.source_id)
            if sender is not None and _active(link):
                for ind in sender.indicators:
                    if ind.id not in above:
                        above.add(ind.id)
                        result.up_by_node.append(Step(ind, sender, CROSSCUTTING, 1, link))

    def add(carrier: Node, relation: str, distance: int, via: Crosscutting | None = None) -> None:
        for ind in carrier.indicators:
            if ind.id not in taken and not ind.supports:
                taken.add(ind.id)
                result.down_by_node.append(Step(ind, carrier, relation, distance, via))

    base = len(graph.ancestors(node.id))
    below = graph.descendants(node.id)
    for child in below:
        add(child, DOWN, len(graph.ancestors(child.id)) - base)
    followed: set[str] = set()
    for carrier in [node, *below]:
        for link in graph.sent.get(carrier.id, ()):
            partner_id = link.target_id
            if partner_id is None or partner_id in followed or not _active(link):
                continue
            partner = site.nodes.get(partner_id)
            if partner is None:
                continue
            followed.add(partner_id)
            add(partner, CROSSCUTTING, 1, link)
            for sub in graph.descendants(partner_id):
                add(sub, CROSSCUTTING, 1, link)
    return result
