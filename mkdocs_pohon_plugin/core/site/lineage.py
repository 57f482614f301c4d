"""Lineage of an indicator: what it supports above it and everything below that supports it.

Up: the indicators of the node's ancestors, nearest first, up to the root (the visi); then, across
agencies, the indicators of the nodes that *sent* a crosscutting link to this node — this node plays
a role (``peran``) for them.

Down: the indicators of the node's descendants, depth first in sibling order; then, across agencies,
the indicators of the partners this node or any node below it asked for support (the targets of their
*sent* crosscutting links, ``ke``), and of those partners' descendants.

Why the targets and not the senders: in the format a link is written on the node that needs help,
``ke`` names the partner and ``peran`` is "the role the partner plays" (format.md: Dinkes sends to
Dinsos "Pendataan ibu hamil dari keluarga penerima PKH"). The partner's work supports the sender's
condition, so the partner's indicators sit *below* the sender's in the lineage. Rejected links
(``ditolak``) support nothing and are left out; pending ones are kept, with their status.

Each partner is followed once (no transitive crosscutting), and an indicator appears once.
"""

from __future__ import annotations

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
    """Levels between this indicator's node and the subject's (crosscutting partners count from 1)."""
    via: Crosscutting | None = None
    """For crosscutting steps: the link that brings this indicator in."""


@dataclass(slots=True)
class Lineage:
    subject: Indicator
    up: list[Step] = field(default_factory=list)
    down: list[Step] = field(default_factory=list)

    def ids(self, direction: str) -> list[str]:
        steps = self.up if direction == "up" else self.down
        return [step.indicator.id for step in steps]


def _active(link: Crosscutting) -> bool:
    return link.status != "ditolak"


def lineage(graph: Graph, indicator: Indicator | str) -> Lineage:
    """The lineage of one indicator (an :class:`Indicator` or its id)."""
    site = graph.site
    if isinstance(indicator, str):
        indicator = site.indicators[indicator]
    node = graph.indicator_node(indicator)
    result = Lineage(indicator)
    seen = {ind.id for ind in node.indicators}

    def add(target: list[Step], carrier: Node, relation: str, distance: int, via=None) -> None:
        for ind in carrier.indicators:
            if ind.id not in seen:
                seen.add(ind.id)
                target.append(Step(ind, carrier, relation, distance, via))

    for distance, ancestor in enumerate(graph.ancestors(node.id), start=1):
        add(result.up, ancestor, UP, distance)
    for link in graph.received.get(node.id, ()):
        sender = site.nodes.get(link.source_id)
        if sender is not None and _active(link):
            add(result.up, sender, CROSSCUTTING, 1, link)

    base = len(graph.ancestors(node.id))
    below = graph.descendants(node.id)
    depth = {n.id: len(graph.ancestors(n.id)) - base for n in below}
    for child in below:
        add(result.down, child, DOWN, depth[child.id])
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
            add(result.down, partner, CROSSCUTTING, 1, link)
            for sub in graph.descendants(partner_id):
                add(result.down, sub, CROSSCUTTING, 1, link)
    return result
