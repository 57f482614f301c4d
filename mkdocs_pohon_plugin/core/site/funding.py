"""The budget behind an indicator: the pagu of the budget-carrying nodes that support it.

TEMPORARY (branch h-ccpages): a minimal implementation of the contract in
``/work/wt/LINEAGE_API.md``; helper ``cclineage`` writes the real one, which replaces this file at
merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tree.graph import Graph
from ..tree.model import Indicator, Node, Opd
from .lineage import Lineage


@dataclass(frozen=True, slots=True)
class Funding:
    subject: Indicator
    by_year: dict[int, float]
    """Total pagu (rupiah) per year of the budget-carrying nodes that support the subject."""
    nodes: list[Node]
    """Those nodes (sub kegiatan in the regional scheme), in lineage order."""
    opds: list[Opd]
    """The agencies they belong to, in first-seen order."""
    declared: bool
    """True: followed ``mendukung`` links; False: the node-level fallback."""


def funding(graph: Graph, lineage: Lineage) -> Funding:
    """The funding behind ``lineage``'s subject (see the module's docstring)."""
    site = graph.site
    last = site.levels[-1].id if site.levels else None
    declared = bool(lineage.down) or lineage.declares
    steps = lineage.down if lineage.down else lineage.down_by_node
    own = graph.indicator_node(lineage.subject)
    candidates = [own, *(step.node for step in steps)]
    nodes: list[Node] = []
    seen: set[str] = set()
    for node in candidates:
        if node.id in seen or node.level != last or not node.budget:
            continue
        seen.add(node.id)
        nodes.append(node)
    by_year: dict[int, float] = {}
    opds: list[Opd] = []
    for node in nodes:
        for year, value in node.budget.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                by_year[year] = by_year.get(year, 0) + value
        opd = site.opds.get(node.opd_id) if node.opd_id else None
        if opd is not None and opd not in opds:
            opds.append(opd)
    return Funding(lineage.subject, dict(sorted(by_year.items())), nodes, opds, declared)
