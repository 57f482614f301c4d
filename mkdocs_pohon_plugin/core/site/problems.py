"""The Akar Masalah pages: a theme's problem tree, what works on each cause, and the gaps.

:class:`Problems` is built once per site (on first use): which nodes name each cause under
``menangani``. :meth:`Problems.theme` gives a theme's page its rows (every cause, depth first,
with the nodes and agencies that work on it) and its diagram; :meth:`Problems.of_node` gives a
node's page the causes it addresses.

The diagram (:func:`problem_diagram`) is a Mermaid flowchart, core problem on top and causes
below it, drawn with the safety rules of :mod:`.mermaid`: generated box ids, every label escaped
by :func:`.mermaid.escape_label`, links only to this page's anchors built from validated ids.
A root cause is drawn with a thick border; one that no node addresses with a dashed red border and
the words "belum ditangani" under it (the flag is words as well as colour).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Cause, Node, Opd, ProblemTheme, Site
from ..tree.problem_rules import addressed_causes
from ..tree.spec import ID_PATTERN
from .mermaid import CAPTION, INIT, escape_label

_ID = re.compile(ID_PATTERN)
DIAGRAM_LIMIT = 60
"""Most boxes in a theme's diagram (the core problem and causes, depth first); the rest are in
the page's table only."""

CORE_STYLE = "fill:#f6d5d5,stroke:#9d0208,color:#370000,stroke-width:2px"
CAUSE_STYLE = "fill:#fdf0d5,stroke:#b5651d,color:#3d2200"
ROOT_STYLE = "fill:#fde3c8,stroke:#7f3b08,color:#3d2200,stroke-width:3px"
GROUP_STYLE = "fill:#fffaf3,stroke:#e6cfa8,stroke-width:1px"
GAP_STYLE = "fill:#ffffff,stroke:#d62828,color:#5c0000,stroke-width:3px,stroke-dasharray:6 4"


def cause_anchor(cause: Cause) -> str:
    """The anchor of a cause's row on its theme's page (``penyebab-<id>``)."""
    return f"penyebab-{cause.id}"


@dataclass(slots=True)
class CauseRow:
    """One cause on its theme's page."""

    cause: Cause
    nodes: list[Node]
    """The nodes that name the cause under ``menangani`` (in tree order)."""
    opds: list[Opd | None]
    """Their agencies, each once (``None``: the regional tree)."""
    path: list[Cause]
    """The causes above it, from the core problem's direct cause down."""

    @property
    def anchor(self) -> str:
        return cause_anchor(self.cause)

    @property
    def flagged(self) -> bool:
        """A root cause that no node addresses."""
        return self.cause.is_root and not self.nodes


@dataclass(slots=True)
class ThemeView:
    """What a theme's Akar Masalah page shows."""

    theme: ProblemTheme
    rows: list[CauseRow]
    diagram: str
    """The Mermaid source of the problem tree."""
    overflow: int = 0
    """Causes left out of the diagram (all are in :attr:`rows`)."""
    roots: list[CauseRow] = field(default_factory=list)

    @property
    def unaddressed(self) -> list[CauseRow]:
        return [row for row in self.roots if row.flagged]

    @property
    def addressed(self) -> int:
        return len(self.roots) - len(self.unaddressed)


@dataclass(slots=True)
class NodeCause:
    """A cause a node addresses, for the node's page."""

    cause: Cause
    theme: ProblemTheme


class Problems:
    """The site's problem trees with the nodes that work on each cause (built once per site)."""

    def __init__(self, site: Site, graph: Graph) -> None:
        self.site = site
        order = {node.id: i for i, (node, _depth) in enumerate(graph.walk())}
        rank = len(order)
        self.addressed = {
            cause: sorted(ids, key=lambda n: order.get(n, rank))
            for cause, ids in addressed_causes(site).items()
        }
        self.themes = {theme.id: theme for theme in site.problems}

    def nodes_of(self, cause: Cause) -> list[Node]:
        nodes = self.site.nodes
        return [nodes[n] for n in self.addressed.get(cause.id, ()) if n in nodes]

    def theme(self, theme: ProblemTheme, labels: dict[str, str]) -> ThemeView:
        rows: list[CauseRow] = []

        def visit(cause: Cause, path: list[Cause]) -> None:
            nodes = self.nodes_of(cause)
            opds: dict[str | None, Opd | None] = {}
            for node in nodes:
                opds.setdefault(
                    node.opd_id, self.site.opds.get(node.opd_id) if node.opd_id else None
                )
            rows.append(CauseRow(cause, nodes, list(opds.values()), path))
            for sub in cause.causes:
                visit(sub, [*path, cause])

        for cause in theme.causes:
            visit(cause, [])
        source, overflow = problem_diagram(theme, rows, labels)
        roots = [row for row in rows if row.cause.is_root]
        return ThemeView(theme, rows, source, overflow, roots)

    def of_node(self, node: Node) -> list[NodeCause]:
        found = []
        for cause_id in dict.fromkeys(node.addresses):
            cause = self.site.causes.get(cause_id)
            theme = self.themes.get(cause.theme_id) if cause is not None else None
            if cause is not None and theme is not None:
                found.append(NodeCause(cause, theme))
        return found


def problem_diagram(
    theme: ProblemTheme,
    rows: list[CauseRow],
    labels: dict[str, str],
    limit: int = DIAGRAM_LIMIT,
    href: Callable[[Cause], str] | None = None,
) -> tuple[str, int]:
    """The Mermaid source of ``theme``'s problem tree (core problem on top) and the number of
    causes left out past ``limit`` boxes. Each cause box links to ``href(cause)`` (default: its
    row's anchor on the page)."""
    lines = [INIT, "flowchart TB"]
    core = escape_label(theme.core_problem)
    caption = escape_label(labels["problem_core"])
    lines.append(f'    p0["{core}{CAPTION.format(caption)}"]')
    lines.append("    class p0 core")
    # ``focus`` (no style of its own here): the site's script scrolls a wide diagram to it.
    lines.append("    class p0 focus")
    shown = rows[: max(limit - 1, 0)]
    gap_word = escape_label(labels["problem_unaddressed_short"])
    root_word = escape_label(labels["problem_root"])

    def box(index: int, row: CauseRow, indent: str = "    ") -> None:
        label = escape_label(row.cause.description)
        if row.flagged:
            label += CAPTION.format(f"⚠ {gap_word}")
        elif row.cause.is_root:
            label += CAPTION.format(root_word)
        lines.append(f'{indent}c{index}["{label}"]')

    # A cause whose causes are all root causes: those are stacked in a column under it (a
    # subgraph joined to it by one line), so a wide tree stays narrow enough to read.
    index_of = {id(row.cause): index for index, row in enumerate(shown)}
    grouped: dict[int, list[int]] = {}
    for index, row in enumerate(shown):
        causes = row.cause.causes
        if causes and all(c.is_root and id(c) in index_of for c in causes):
            grouped[index] = [index_of[id(c)] for c in causes]
    in_group = {child for members in grouped.values() for child in members}
    for index, row in enumerate(shown):
        if index not in in_group:
            box(index, row)
    for number, (owner, members) in enumerate(grouped.items()):
        lines.append(f'    subgraph g{number} [" "]')
        lines.append("        direction TB")
        for member in members:
            box(member, shown[member], "        ")
        for upper, lower in zip(members, members[1:], strict=False):
            lines.append(f"        c{upper} ~~~ c{lower}")
        lines.append("    end")
        lines.append(f"    c{owner} --- g{number}")
        lines.append(f"    style g{number} {GROUP_STYLE}")
    for index, row in enumerate(shown):
        if index not in in_group:
            above = index_of.get(id(row.path[-1])) if row.path else None
            if not row.path or above is not None:
                parent = "p0" if above is None else f"c{above}"
                lines.append(f"    {parent} --- c{index}")
        style = "gap" if row.flagged else "root" if row.cause.is_root else "cause"
        lines.append(f"    class c{index} {style}")
        if _ID.fullmatch(row.cause.id):
            target = href(row.cause) if href is not None else f"#{cause_anchor(row.cause)}"
            lines.append(f'    click c{index} href "{target}"')
    lines.append(f"    classDef core {CORE_STYLE}")
    lines.append(f"    classDef cause {CAUSE_STYLE}")
    lines.append(f"    classDef root {ROOT_STYLE}")
    lines.append(f"    classDef gap {GAP_STYLE}")
    return "\n".join(lines) + "\n", len(rows) - len(shown)
