"""Lineage of an indicator: the indicators it drives above it and the ones below that drive it.

**Declared lineage** follows the indicator links (``indikator.mendukung``, cascading kinerja):

- ``up``: the indicators the subject names in ``mendukung``, then the ones *they* name, and so on
  up to the top, nearest first (breadth first), each once.
- ``down``: the indicators that name the subject, then the ones that name those, and so on,
  breadth first, each once.

A link from a lower indicator to an upper one carries support when the upper indicator's node is
an ancestor of the lower one's, or when the two nodes are joined by a crosscutting link that is
agreed (``disetujui``) or still pending (``menunggu``), in either direction (when several join
them: an agreed one first, then the one written on the upper node, which asked the lower node's
agency for help). A link across a rejected
(``ditolak``) crosscutting link, to an unknown id, to the indicator itself, sideways or downwards
carries nothing: validation reports those, and the lineage never claims them. A cycle is cut
where it closes (each indicator appears once).

Each declared step says how it is reached: ``relation`` is ``ancestor`` (up) or ``descendant``
(down) while the step's node is an ancestor or descendant of (or the same as) the subject's node,
and ``crosscutting`` once it is not; ``via`` is the crosscutting link crossed on the way (the
nearest to the subject), ``through`` the next indicator on the way back to the subject.

**Node-level lineage** (``up_by_node``, ``down_by_node``) is what a tree that does not declare
``mendukung`` yet can show, under its own heading: "through the sasaran", not a claim of support.
Up: the indicators of the node's ancestors, nearest first, then of the nodes that *sent* a
crosscutting link to it (it plays a role, ``peran``, for them); only for a subject that declares
nothing and is not at the top. Down: the indicators below the node (descendants, depth first in
sibling order; then the partners this node or a node below it asked for support, the targets of
their *sent* links, with their descendants), keeping only those that declare nothing themselves
(one that declares ``mendukung`` is shown in declared lineages only). Partners are followed once (no
transitive crosscutting); rejected links are left out; pending ones are kept, with their status.

A :class:`SupportIndex` built once per site (who names each indicator, which links carry
support, each node's ancestors and node-level lineage) keeps the lineage of every indicator of a
15,000-indicator site near-linear: pass it as ``index=`` when computing more than one lineage.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Crosscutting, Indicator, Node

UP, DOWN, CROSSCUTTING = "ancestor", "descendant", "crosscutting"

AGREED, PENDING, REJECTED = "disetujui", "menunggu", "ditolak"


@dataclass(frozen=True, slots=True)
class Step:
    """One indicator in a lineage, with the node that carries it and how it is reached."""

    indicator: Indicator
    node: Node
    relation: str
    """``ancestor``, ``descendant`` or ``crosscutting`` (the step lies across agencies, through
    an agreed or pending crosscutting link)."""
    distance: int
    """Hops from the subject: indicator links for declared steps (1: names the subject, or is
    named by it), node levels for node-level steps (crosscutting partners count from 1)."""
    via: Crosscutting | None = None
    """The crosscutting link crossed on the way to this step, if any."""
    through: str | None = None
    """The id of the next indicator on the way back to the subject: for an ``up`` step, the
    indicator below it that names it; for a ``down`` step, the indicator above it that it names.
    ``None`` for a step linked to the subject itself (distance 1) and for node-level steps."""


@dataclass(slots=True)
class Lineage:
    """An indicator's declared lineage (``up``, ``down``) and its node-level fallback."""

    subject: Indicator
    up: list[Step] = field(default_factory=list)
    """Declared: the indicators the subject drives, transitively, nearest first."""
    down: list[Step] = field(default_factory=list)
    """Declared: the indicators whose ``mendukung`` chain reaches the subject, breadth first."""
    up_by_node: list[Step] = field(default_factory=list)
    """Node-level, only for a subject that declares nothing and is not at the top: the
    indicators of the ancestor nodes and of the crosscutting senders. No claim of support."""
    down_by_node: list[Step] = field(default_factory=list)
    """Node-level: the indicators below the subject's node (and its crosscutting partners') that
    declare no ``mendukung`` at all. No claim of support."""
    declares: bool = False
    """The subject itself declares ``mendukung``."""
    index: SupportIndex | None = field(default=None, repr=False, compare=False)
    """The site's index this lineage was computed with (:func:`.funding` reuses it)."""

    def ids(self, direction: str) -> list[str]:
        """The ids of the declared steps ``up`` or ``down``."""
        steps = self.up if direction == "up" else self.down
        return [step.indicator.id for step in steps]

    @property
    def declared(self) -> bool:
        """Whether the subject has a declared lineage: it names an indicator above, or an
        indicator below names it. Otherwise only the node-level lineage says anything."""
        return self.declares or bool(self.down)


_Hop = tuple[Indicator, Node, Crosscutting | None]
"""One link that carries support, seen from one end: the indicator at the other end, its node,
and the crosscutting link the support crosses (``None`` when the upper indicator's node is an
ancestor of the lower one's)."""


def _rank(link: Crosscutting) -> int:
    return 0 if link.status == AGREED else 1


class SupportIndex:
    """What the lineages of one site share, built once (:meth:`of`): for each indicator, the
    indicators that name it in ``mendukung`` (:attr:`supporters`, in file order) and the links
    that carry support up and down; each node's ancestors; node-level lineages, per node, as they
    are first asked for."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.supporters: dict[str, list[str]] = {}
        """Indicator id → the ids of the indicators that name it in ``mendukung``, in file
        order (every declared name of a known indicator, whether it carries support or not)."""
        self.hops_up: dict[str, list[_Hop]] = {}
        """Indicator id → the links from it to the indicators above that carry support."""
        self.hops_down: dict[str, list[_Hop]] = {}
        """Indicator id → the links to it from the indicators below that carry support, in
        file order."""
        self._ancestors: dict[str, frozenset[str]] = {}
        self._links: dict[frozenset[str], list[Crosscutting]] = {}
        self._up_by_node: dict[str, list[Step]] = {}
        self._down_by_node: dict[str, list[Step]] = {}
        self._budget_level: int | None = None
        self._budget_nodes: dict[str, dict[int, int | float]] | None = None
        self.undeclared_below_top = False
        """Whether any indicator below the top nodes declares nothing: when none does, every
        ``down_by_node`` is empty and is not walked."""
        self._build()

    @classmethod
    def of(cls, graph: Graph) -> SupportIndex:
        """The index of ``graph``'s site."""
        return cls(graph)

    def _build(self) -> None:
        graph = self.graph
        site = graph.site
        for links in graph.sent.values():
            for link in links:
                if link.target_id is not None and link.status != REJECTED:
                    pair = frozenset((link.source_id, link.target_id))
                    self._links.setdefault(pair, []).append(link)
        indicators = site.indicators
        for indicator in indicators.values():
            if not indicator.supports:
                node = site.nodes.get(indicator.node_id)
                if node is not None and node.parent_id in site.nodes:
                    self.undeclared_below_top = True
                continue
            named: set[str] = set()
            lower_node = site.nodes.get(indicator.node_id)
            for target in indicator.supports:
                if target in named or target not in indicators:
                    continue
                named.add(target)
                self.supporters.setdefault(target, []).append(indicator.id)
                upper = indicators[target]
                upper_node = site.nodes.get(upper.node_id)
                if lower_node is None or upper_node is None or upper is indicator:
                    continue
                carries, via = self._carries(upper_node, lower_node)
                if carries:
                    self.hops_up.setdefault(indicator.id, []).append((upper, upper_node, via))
                    self.hops_down.setdefault(target, []).append((indicator, lower_node, via))

    def ancestor_ids(self, node_id: str) -> frozenset[str]:
        """The ids of a node's ancestors (cached; cycles cut as :meth:`Graph.ancestors` does)."""
        found = self._ancestors.get(node_id)
        if found is None:
            found = self._ancestors[node_id] = frozenset(
                node.id for node in self.graph.ancestors(node_id)
            )
        return found

    def link_between(self, upper_node: str, lower_node: str) -> Crosscutting | None:
        """The agreed or pending crosscutting link joining two nodes: agreed first, then the one
        the upper node sent (it asked the lower node's agency for help); ``None`` if none."""
        links = self._links.get(frozenset((upper_node, lower_node)))
        if not links:
            return None
        return min(links, key=lambda link: (_rank(link), link.source_id != upper_node))

    def _carries(self, upper: Node, lower: Node) -> tuple[bool, Crosscutting | None]:
        """Whether a link from an indicator of ``lower`` to one of ``upper`` carries support,
        and the crosscutting link it crosses."""
        if upper.id in self.ancestor_ids(lower.id):
            return True, None
        if upper.id == lower.id:
            return False, None
        link = self.link_between(upper.id, lower.id)
        return link is not None, link

    def budget_level(self) -> int | None:
        """The position in the level scheme of the lowest level whose nodes carry ``anggaran``
        (sub kegiatan in the regional scheme); ``None`` when no node carries a budget."""
        self._budgets()
        return self._budget_level

    def budgets(self) -> dict[str, dict[int, int | float]]:
        """The nodes of :meth:`budget_level` that carry ``anggaran``: node id → its budget
        per year, numbers only (a budget written as text is left out)."""
        return self._budgets()

    def _budgets(self) -> dict[str, dict[int, int | float]]:
        if self._budget_nodes is None:
            graph = self.graph
            carrying = [
                node
                for node in graph.site.nodes.values()
                if node.budget and node.level in graph.level_index
            ]
            levels = [graph.level_index[node.level] for node in carrying]
            self._budget_level = max(levels) if levels else None
            self._budget_nodes = {
                node.id: {
                    year: amount
                    for year, amount in node.budget.items()
                    if isinstance(amount, int | float) and not isinstance(amount, bool)
                }
                for node, level in zip(carrying, levels, strict=True)
                if level == self._budget_level
            }
        return self._budget_nodes

    # -- node level --

    def up_by_node(self, node: Node) -> list[Step]:
        """The node-level lineage upwards of the indicators of ``node`` (shared: do not change)."""
        found = self._up_by_node.get(node.id)
        if found is None:
            found = self._up_by_node[node.id] = self._walk_up(node)
        return found

    def down_by_node(self, node: Node) -> list[Step]:
        """The node-level lineage downwards of the indicators of ``node``, undeclared indicators
        only (shared: do not change)."""
        if not self.undeclared_below_top:
            return []
        found = self._down_by_node.get(node.id)
        if found is None:
            found = self._down_by_node[node.id] = self._walk_down(node)
        return found

    def _walk_up(self, node: Node) -> list[Step]:
        graph = self.graph
        site = graph.site
        result: list[Step] = []
        seen = {ind.id for ind in node.indicators}
        for distance, ancestor in enumerate(graph.ancestors(node.id), start=1):
            _add(result, seen, ancestor.indicators, ancestor, UP, distance)
        for link in graph.received.get(node.id, ()):
            sender = site.nodes.get(link.source_id)
            if sender is not None and link.status != REJECTED:
                _add(result, seen, sender.indicators, sender, CROSSCUTTING, 1, link)
        return result

    def _walk_down(self, node: Node) -> list[Step]:
        graph = self.graph
        site = graph.site
        result: list[Step] = []
        seen = {ind.id for ind in node.indicators}

        def undeclared(carrier: Node) -> list[Indicator]:
            return [ind for ind in carrier.indicators if not ind.supports]

        base = len(self.ancestor_ids(node.id))
        below = graph.descendants(node.id)
        for child in below:
            depth = len(self.ancestor_ids(child.id)) - base
            _add(result, seen, undeclared(child), child, DOWN, depth)
        followed: set[str] = set()
        for carrier in [node, *below]:
            for link in graph.sent.get(carrier.id, ()):
                partner_id = link.target_id
                if partner_id is None or partner_id in followed or link.status == REJECTED:
                    continue
                partner = site.nodes.get(partner_id)
                if partner is None:
                    continue
                followed.add(partner_id)
                _add(result, seen, undeclared(partner), partner, CROSSCUTTING, 1, link)
                for sub in graph.descendants(partner_id):
                    _add(result, seen, undeclared(sub), sub, CROSSCUTTING, 1, link)
        return result


def _add(
    target: list[Step],
    seen: set[str],
    indicators: Iterable[Indicator],
    carrier: Node,
    relation: str,
    distance: int,
    via: Crosscutting | None = None,
) -> None:
    for ind in indicators:
        if ind.id not in seen:
            seen.add(ind.id)
            target.append(Step(ind, carrier, relation, distance, via))


def lineage(
    graph: Graph,
    indicator: Indicator | str,
    index: SupportIndex | None = None,
    upwards: bool = True,
) -> Lineage:
    """The lineage of one indicator (an :class:`Indicator` or its id). ``index``: the site's
    :class:`SupportIndex`, built here when not given (pass it when computing many lineages).
    ``upwards``: compute ``up`` and ``up_by_node`` too; without, only what supports the
    indicator (enough for its :func:`.funding`)."""
    site = graph.site
    if isinstance(indicator, str):
        indicator = site.indicators[indicator]
    if index is None:
        index = SupportIndex.of(graph)
    node = graph.indicator_node(indicator)
    result = Lineage(indicator, declares=bool(indicator.supports), index=index)
    if upwards:
        result.up = _declared(index, indicator, node, upwards=True)
        if not result.declares and node.parent_id in site.nodes:
            result.up_by_node = list(index.up_by_node(node))
    result.down = _declared(index, indicator, node, upwards=False)
    result.down_by_node = list(index.down_by_node(node))
    return result


def _declared(index: SupportIndex, subject: Indicator, node: Node, upwards: bool) -> list[Step]:
    """The declared steps from ``subject`` up (or down), breadth first, each indicator once."""
    own = node.id
    family = index.ancestor_ids(own)
    hops = index.hops_up if upwards else index.hops_down
    near = UP if upwards else DOWN
    steps: list[Step] = []
    seen = {subject.id}
    # Each entry: the indicator reached, hops so far, the crosscutting link crossed on the way.
    queue: deque[tuple[str, int, Crosscutting | None]] = deque([(subject.id, 0, None)])
    while queue:
        current, distance, crossed = queue.popleft()
        through = current if distance else None
        for reached, reached_node, link in hops.get(current, ()):
            if reached.id in seen:
                continue
            seen.add(reached.id)
            crossed_now = crossed if crossed is not None else link
            # Without a crosscutting link on the way, the chain stays among the subject's
            # ancestors (up) or descendants (down); past one, it may come back to them.
            if crossed_now is None or reached_node.id == own:
                related = True
            elif upwards:
                related = reached_node.id in family
            else:
                related = own in index.ancestor_ids(reached_node.id)
            if related:
                step = Step(reached, reached_node, near, distance + 1, None, through)
            else:
                step = Step(reached, reached_node, CROSSCUTTING, distance + 1, crossed_now, through)
            steps.append(step)
            queue.append((reached.id, distance + 1, crossed_now))
    return steps
