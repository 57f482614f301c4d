"""The budget behind an indicator: per year, the total pagu of the budget-carrying nodes that
support it, with those nodes and their agencies.

Which nodes count: the nodes of the indicators in the subject's declared lineage downwards
(:attr:`.Lineage.down`, across agencies through crosscutting), or, when the subject has no
declared lineage (:attr:`.Lineage.declared` is false), of its node-level lineage downwards
(:attr:`.Lineage.down_by_node`); plus the subject's own node. Of those, only the nodes of the
lowest level whose nodes carry ``anggaran`` (sub kegiatan in the regional scheme: programs and
activities carry the sum of their sub kegiatan, so counting them too would count the money twice)
and that carry a budget. Each node counts once, however many of its indicators support the
subject. A budget written as text (not a number) is not summed.

Which money: the adopted APBD murni (``anggaran``, :attr:`.Node.budget`), the one budget kind every
year has in the same sense. The RPJMD / Renstra ceiling (``pagu_indikatif``), the APBD perubahan
(``anggaran_perubahan``) and the realisation (``realisasi_anggaran``) stay on the node's and the
agency's pages, beside it, and are never mixed into this sum.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tree.graph import Graph
from ..tree.model import Indicator, Node, Opd
from .lineage import Lineage, SupportIndex


@dataclass(frozen=True, slots=True)
class Funding:
    """The budget behind one indicator."""

    subject: Indicator
    by_year: dict[int, float]
    """Total pagu (rupiah) per year, in year order; only years in which a supporting node
    carries a number. Integers stay integers."""
    nodes: list[Node]
    """The budget-carrying nodes that support the subject (sub kegiatan in the regional scheme),
    in lineage order (the subject's own node first when it is one)."""
    opds: list[Opd]
    """The agencies of those nodes, in first-seen order."""
    declared: bool
    """True: the figures follow the ``mendukung`` links; False: the node-level fallback (the
    subject has no declared lineage)."""


def funding(graph: Graph, lineage: Lineage, index: SupportIndex | None = None) -> Funding:
    """The budget behind ``lineage``'s subject. ``index``: the site's :class:`.SupportIndex`;
    by default the one the lineage was computed with (built here only for a lineage made
    without one)."""
    if index is None:
        index = lineage.index if lineage.index is not None else SupportIndex.of(graph)
    site = graph.site
    budgets = index.budgets()
    declared = lineage.declared
    subject = lineage.subject
    nodes: list[Node] = []
    totals: dict[int, float] = {}
    opds: list[Opd] = []
    if budgets:
        seen: set[str] = set()
        opd_ids: set[str] = set()
        own = site.nodes.get(subject.node_id)
        steps = lineage.down if declared else lineage.down_by_node
        carriers = [step.node for step in steps]
        if own is not None:
            carriers.insert(0, own)
        for node in carriers:
            budget = budgets.get(node.id)
            if budget is None or node.id in seen:
                continue
            seen.add(node.id)
            nodes.append(node)
            for year, amount in budget.items():
                totals[year] = totals.get(year, 0) + amount
            if node.opd_id is not None and node.opd_id not in opd_ids:
                opd = site.opds.get(node.opd_id)
                if opd is not None:
                    opd_ids.add(node.opd_id)
                    opds.append(opd)
    by_year = {year: totals[year] for year in sorted(totals)}
    return Funding(subject, by_year, nodes, opds, declared)
