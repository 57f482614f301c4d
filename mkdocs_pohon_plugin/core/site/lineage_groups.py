"""How an indicator's lineage is laid out on its page: grouped by level and agency, and split
past a threshold so that no indicator page grows with the size of the regency.

"Didukung oleh" lists every indicator that supports the subject (:attr:`.lineage.Lineage.down`),
and, under its own heading, the indicators below the subject's node that declare nothing
(:attr:`.lineage.Lineage.down_by_node`). Both are grouped by level (scheme order, top first) and
within a level by agency (first seen first; the regional tree's indicators have no agency).

The threshold (``lineage_inline_limit``, :data:`DEFAULT_INLINE_LIMIT`): while the rows of a
subject fit in it, all of them are on the indicator page. Past it, levels are taken from the top
while their rows still fit; the agency groups of the deeper levels are not written out but link to
one page per agency (kind ``indicator_support``), which lists the subject's supporters in that
agency. Regional groups (no agency) are always written out: the regional tree is small.

The same function (:func:`lineage_sections`) decides for the page plan (which per-agency pages
exist) and for the indicator page (which groups link to them), so the two never disagree.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Indicator, Opd, Site
from .funding import Funding, funding
from .lineage import Lineage, Step, SupportIndex, lineage
from .memo import Memo

DEFAULT_INLINE_LIMIT = 400
"""Rows of "Didukung oleh" written on an indicator page before the deeper levels move to
per-agency pages. A row is about 0.5 KB of HTML, so a page stays far below 500 KB."""

OPEN_LEVELS = 2
"""How many of the top levels of "Didukung oleh" are open when the page loads; deeper levels are
collapsed (``<details>``, no script needed)."""


@dataclass(slots=True)
class OpdGroup:
    """The rows of one agency within one level (``opd`` ``None``: the regional tree)."""

    opd: Opd | None
    steps: list[Step] = field(default_factory=list)
    inline: bool = True
    """Whether the rows are written on the indicator page; ``False``: the group links to the
    agency's support page instead."""


@dataclass(slots=True)
class LevelGroup:
    """The rows of one level, by agency."""

    level: str
    """The level id."""
    opds: list[OpdGroup] = field(default_factory=list)
    open: bool = False
    """Whether the group is open when the page loads."""

    @property
    def count(self) -> int:
        return sum(len(group.steps) for group in self.opds)

    @property
    def opd_count(self) -> int:
        """The agencies in the level (the regional tree does not count as one)."""
        return sum(1 for group in self.opds if group.opd is not None)

    @property
    def inline(self) -> bool:
        return all(group.inline for group in self.opds)


@dataclass(slots=True)
class LineageSections:
    """The "Didukung oleh" sections of one indicator's page."""

    down: list[LevelGroup]
    by_node: list[LevelGroup]
    split: list[Opd]
    """The agencies whose rows moved to a support page, in first-seen order (empty: the whole
    lineage is on the indicator page)."""

    @property
    def total(self) -> int:
        return sum(group.count for group in [*self.down, *self.by_node])


def group_steps(site: Site, steps: list[Step]) -> list[LevelGroup]:
    """``steps`` grouped by level (scheme order, unknown levels last) and then by agency."""
    order = {level.id: i for i, level in enumerate(site.levels)}
    levels: dict[str, dict[str | None, OpdGroup]] = {}
    for step in steps:
        by_opd = levels.setdefault(step.node.level, {})
        opd_id = step.node.opd_id
        group = by_opd.get(opd_id)
        if group is None:
            group = by_opd[opd_id] = OpdGroup(site.opds.get(opd_id) if opd_id else None)
        group.steps.append(step)
    ranked = sorted(levels, key=lambda level: (order.get(level, len(order)), level))
    return [LevelGroup(level, list(levels[level].values())) for level in ranked]


def lineage_sections(site: Site, lin: Lineage, limit: int) -> LineageSections:
    """The grouped "Didukung oleh" of ``lin`` and what moves to support pages (see the module's
    docstring)."""
    down = group_steps(site, lin.down)
    by_node = group_steps(site, lin.down_by_node)
    for position, group in enumerate(down or by_node):  # by-node groups open when alone
        group.open = position < OPEN_LEVELS
    split: list[Opd] = []
    total = len(lin.down) + len(lin.down_by_node)
    if total > limit:
        used = 0
        full = False
        for group in [*down, *by_node]:
            full = full or used + group.count > limit
            used += group.count
            if not full:
                continue
            for opd_group in group.opds:
                if opd_group.opd is not None:
                    opd_group.inline = False
                    if opd_group.opd not in split:
                        split.append(opd_group.opd)
    return LineageSections(down, by_node, split)


def support_steps(lin: Lineage, opd: Opd) -> tuple[list[Step], list[Step]]:
    """The declared and by-node supporters of ``lin``'s subject in one agency (a support
    page's rows)."""
    return (
        [step for step in lin.down if step.node.opd_id == opd.id],
        [step for step in lin.down_by_node if step.node.opd_id == opd.id],
    )


class LineageCache:
    """Every indicator's lineage, funding and sections, shared by the page plan and the
    renderer: computed when first asked for, kept while recently used."""

    def __init__(
        self, graph: Graph, limit: int = DEFAULT_INLINE_LIMIT, *, keep_all: bool = False
    ) -> None:
        self.graph = graph
        self.limit = limit
        self.index = SupportIndex.of(graph)
        # Bounded (:mod:`.memo`): the pages that ask for an indicator's lineage are written
        # close together, and a site of 60,000 indicators must not keep them all. With
        # ``keep_all`` (``mkdocs serve``'s preview, which hashes every page after planning
        # them) each is computed once and kept.
        self._lineages: Memo[str, Lineage] = Memo(sys.maxsize if keep_all else None)
        self._sections: Memo[str, LineageSections] = Memo()
        self._funding: Memo[str, Funding] = Memo()

    def lineage(self, indicator: Indicator) -> Lineage:
        found = self._lineages.get(indicator.id)
        if found is None:
            found = self._lineages[indicator.id] = lineage(self.graph, indicator, index=self.index)
        return found

    def sections(self, indicator: Indicator) -> LineageSections:
        found = self._sections.get(indicator.id)
        if found is None:
            found = lineage_sections(self.graph.site, self.lineage(indicator), self.limit)
            self._sections[indicator.id] = found
        return found

    def funding(self, indicator: Indicator) -> Funding:
        found = self._funding.get(indicator.id)
        if found is None:
            found = self._funding[indicator.id] = funding(self.graph, self.lineage(indicator))
        return found
