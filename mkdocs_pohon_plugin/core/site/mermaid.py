"""Mermaid flowcharts rooted at one node: its ancestors, itself, its children and its partners.

Safety: Mermaid ids are generated (``n0``, ``n1`` …), never taken from a tree; every label is
quoted and escaped with Mermaid's entity codes (``#quot;``, ``#35;`` …), so no quote, bracket,
``-->``, ``%%``, backtick, ``end`` or ``click`` in a statement can end the label or start a new
statement; labels carry no HTML from a tree (``<`` and ``>`` become ``#lt;`` and ``#gt;``): the only
markup in a label is the ``<br/><small>`` … ``</small>`` this module puts around a box's caption
(its level and agency) under the statement. Link targets are page paths built by :mod:`.paths` from validated ids.

Reading: a box is coloured by its level (:data:`PALETTE`), the page's own node has a thick red
border (``focus``), parent edges are solid arrows, crosscutting links dotted ones, a rejected
link ends in ✕. :class:`Legend` says which of these a diagram uses, for the legend under it.

Size: a diagram holds at most ``limit`` boxes (25 by default); the boxes that do not fit are
returned in ``Diagram.overflow`` for the page to list below the diagram.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..tree.graph import Graph
from ..tree.model import Indicator, Node
from .lineage import Lineage

DEFAULT_LIMIT = 25
INIT = '%%{init: {"flowchart": {"useMaxWidth": false, "nodeSpacing": 24, "rankSpacing": 40}}}%%'
"""The one directive a diagram carries, always first; labels can never produce another. Boxes
closer together than Mermaid's default (50), so more of a tree fits a screen."""
LABEL_MAX = 90

# Fill, stroke and text colour per level position (top to bottom); a scheme with more levels
# gets generated colours after these (level_colours).
# Light fills only: box labels are links, and the theme draws link text dark, so a dark fill
# would make the label unreadable (Material renders diagrams in a shadow root, out of CSS reach).
# Regional levels in blues, agency levels in warm colours, each with a darker border.
PALETTE: tuple[tuple[str, str, str], ...] = (
    ("#c9def0", "#1b4965", "#0d2c40"),
    ("#d8e8f4", "#2a6f97", "#0d2c40"),
    ("#e4f0f8", "#468faf", "#0d2c40"),
    ("#eef6fb", "#61a5c2", "#0d2c40"),
    ("#fde3c8", "#c8742e", "#3d2200"),
    ("#fbefc8", "#b8962e", "#3d2f00"),
    ("#e6f1d3", "#6a994e", "#1f3310"),
    ("#f1f6e4", "#8aa86b", "#1f3310"),
)

GOLDEN_ANGLE = 137.508
"""Degrees between the hues of consecutive generated level colours (spread evenly, never equal)."""
MIN_TEXT_CONTRAST = 7.0
"""WCAG AAA for a box's text against its fill."""
MIN_BORDER_CONTRAST = 3.0
"""WCAG's non-text contrast for a box's border against its fill."""
MIN_FILL_DISTANCE = 12.0
"""Smallest distance (RGB, 0–255 per channel) between two levels' fills."""


_FILL_LIGHTNESS = (0.9, 0.84, 0.94, 0.8, 0.87)
"""Lightness of generated fills (light, so the dark label text reads on them), tier by tier."""


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in rgb)


def _rgb(colour: str) -> tuple[float, float, float]:
    return (
        int(colour[1:3], 16) / 255,
        int(colour[3:5], 16) / 255,
        int(colour[5:7], 16) / 255,
    )


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _distance(first: str, second: str) -> float:
    return sum((a - b) ** 2 for a, b in zip(_rgb(first), _rgb(second), strict=True)) ** 0.5 * 255


def level_colours(count: int) -> list[tuple[str, str, str]]:
    """Fill, border and text colour of each of ``count`` level positions, top to bottom: the
    eight of :data:`PALETTE` first (the regional SAKIP scheme's colours), then generated ones —
    light fills with hues a golden angle apart, each fill at least :data:`MIN_FILL_DISTANCE`
    from every other, its text at least :data:`MIN_TEXT_CONTRAST` and its border at least
    :data:`MIN_BORDER_CONTRAST` against it. The same ``count`` always gives the same colours."""
    colours = list(PALETTE[:count])
    needed = MIN_FILL_DISTANCE
    attempt = 0
    while len(colours) < count:
        # Hues a golden angle apart; every 12 tries another lightness, so that light fills far
        # enough apart never run out; a scheme of very many levels settles for closer fills.
        hue = (200.0 + attempt * GOLDEN_ANGLE) % 360 / 360
        light = _FILL_LIGHTNESS[(attempt // 12) % len(_FILL_LIGHTNESS)]
        attempt += 1
        if attempt % 600 == 0:
            needed /= 2
        fill = _hex(colorsys.hls_to_rgb(hue, light, 0.6))
        if any(_distance(fill, taken[0]) < needed for taken in colours):
            continue
        stroke_light, text_light = 0.4, 0.15
        stroke = _hex(colorsys.hls_to_rgb(hue, stroke_light, 0.55))
        while contrast_ratio(stroke, fill) < MIN_BORDER_CONTRAST:
            stroke_light -= 0.02
            stroke = _hex(colorsys.hls_to_rgb(hue, stroke_light, 0.55))
        text = _hex(colorsys.hls_to_rgb(hue, text_light, 0.6))
        while contrast_ratio(text, fill) < MIN_TEXT_CONTRAST and text_light > 0:
            text_light = max(text_light - 0.02, 0.0)
            text = _hex(colorsys.hls_to_rgb(hue, text_light, 0.6))
        colours.append((fill, stroke, text))
    return colours


_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "'": "#39;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
    "%": "#37;",
    ";": "#59;",
    ":": "#58;",
    "\\": "#92;",
    "*": "#42;",
    "_": "#95;",
    "~": "#126;",
}


_LABEL_TABLE = {
    **{ord(char): entity for char, entity in _ENTITIES.items()},
    **{code: " " for code in [*range(32), *range(0x7F, 0xA0), 0x2028, 0x2029]},
}


def escape_label(text: str, limit: int = LABEL_MAX) -> str:
    """``text`` as the inside of a quoted Mermaid label: one line, no markup, entity-escaped."""
    flat = " ".join(str(text).split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat.translate(_LABEL_TABLE)


_UNSAFE_HREF = re.compile(r'["\n\r\\<>` ]')
"""A character that could leave a diagram's quoted link target."""


def _escape_href(href: str) -> str:
    # Paths come from validated ids; refuse anything that could leave the string anyway.
    if _UNSAFE_HREF.search(href) or ":" in href.split("/", 1)[0]:
        raise ValueError(f"unsafe link target for a diagram: {href!r}")
    return href


FOCUS_STROKE = "#d62828"
"""The border of the page's own node (``focus``): red, thicker than the level borders."""
CAPTION = "<br/><small>{}</small>"
"""A box's caption under its statement, in smaller type (the only markup in a label)."""


@dataclass(frozen=True, slots=True)
class LegendLevel:
    """A level drawn in a diagram and its box colours (as in :data:`PALETTE`)."""

    level: str
    fill: str
    stroke: str


@dataclass(slots=True)
class Legend:
    """What a diagram draws, for the legend beside it: the levels (top to bottom), whether a
    box is the page's own node, and which kinds of crosscutting edge it has."""

    levels: list[LegendLevel] = field(default_factory=list)
    focus: bool = False
    parent_edges: bool = False
    crosscutting: bool = False
    rejected: bool = False


@dataclass(slots=True)
class Diagram:
    source: str
    shown: list[Node] = field(default_factory=list)
    overflow: list[Node] = field(default_factory=list)
    legend: Legend = field(default_factory=Legend)


def _position(levels: dict[str, int], level: str) -> int:
    """The colour position of a level: its place in the scheme; an unknown level (a tree with
    errors) takes the last one."""
    return levels.get(level, max(len(levels), len(PALETTE)) - 1)


def _palette(levels: dict[str, int]) -> list[tuple[str, str, str]]:
    return level_colours(max(len(levels), len(PALETTE)))


def _label(node: Node, caption: Callable[[Node], str] | None) -> str:
    # The statement, then (smaller words, same box) the level and agency the caption gives.
    label = escape_label(node.statement)
    if caption is not None:
        words = caption(node)
        if words.strip():
            label += CAPTION.format(escape_label(words))
    return label


def build_diagram(
    graph: Graph,
    nodes: Sequence[Node],
    *,
    href: Callable[[Node], str],
    focus: str | None = None,
    crosscutting: bool = True,
    limit: int = DEFAULT_LIMIT,
    direction: str = "TB",
    caption: Callable[[Node], str] | None = None,
) -> Diagram:
    """A top-down flowchart of ``nodes`` (in priority order), parent edges between shown nodes,
    dotted edges for crosscutting links between shown nodes, a box per node linked to ``href``
    with the node's statement and, under it, ``caption(node)`` (its level and agency). Nodes
    past ``limit`` go to ``overflow``.

    ``direction`` ``LR`` (wide trees) is for wide screens: the site's script draws a diagram that
    starts with :data:`INIT` and ``flowchart LR`` top-down on a narrow screen."""
    unique: list[Node] = []
    seen: set[str] = set()
    for node in nodes:
        if node.id not in seen:
            seen.add(node.id)
            unique.append(node)
    shown, overflow = unique[:limit], unique[limit:]
    ids = {node.id: f"n{i}" for i, node in enumerate(shown)}
    # Natural size instead of shrinking to the column: a wide tree scrolls sideways in its box
    # (.pohon-diagram) and its labels stay readable, on a phone too.
    if direction not in ("TB", "LR"):
        raise ValueError(f"direction must be TB or LR, not {direction!r}")
    lines = [INIT, f"flowchart {direction}"]
    levels = graph.level_index
    used_classes: set[int] = set()
    legend = Legend()
    for node in shown:
        lines.append(f'    {ids[node.id]}["{_label(node, caption)}"]')
    for node in shown:
        parent = node.parent_id
        if parent is not None and parent in ids:
            lines.append(f"    {ids[parent]} --> {ids[node.id]}")
            legend.parent_edges = True
    if crosscutting:
        for node in shown:
            for link in graph.sent.get(node.id, ()):
                if link.target_id in ids:
                    rejected = link.status == "ditolak"
                    style = "-.-x" if rejected else "-.->"
                    lines.append(f"    {ids[node.id]} {style} {ids[link.target_id]}")
                    legend.rejected |= rejected
                    legend.crosscutting |= not rejected
    drawn_levels: dict[str, None] = {}
    for node in shown:
        position = _position(levels, node.level)
        drawn_levels[node.level] = None
        used_classes.add(position)
        lines.append(f"    class {ids[node.id]} l{position}")
        lines.append(f'    click {ids[node.id]} href "{_escape_href(href(node))}"')
    if focus is not None and focus in ids:
        lines.append(f"    class {ids[focus]} focus")
        legend.focus = True
    palette = _palette(levels)
    for position in sorted(used_classes):
        fill, stroke, color = palette[position]
        lines.append(f"    classDef l{position} fill:{fill},stroke:{stroke},color:{color}")
    lines.append(f"    classDef focus stroke:{FOCUS_STROKE},stroke-width:4px")
    for level in sorted(drawn_levels, key=lambda level: levels.get(level, len(levels))):
        fill, stroke, _color = palette[_position(levels, level)]
        legend.levels.append(LegendLevel(level, fill, stroke))
    return Diagram("\n".join(lines) + "\n", shown, overflow, legend)


def node_neighbourhood(graph: Graph, node_id: str) -> list[Node]:
    """The boxes of a node's diagram in priority order: ancestors (root first), the node,
    its children, then crosscutting partners (sent, then received)."""
    site = graph.site
    node = site.nodes[node_id]
    boxes = [*reversed(graph.ancestors(node_id)), node]
    partners: list[Node] = []
    for link in graph.sent.get(node_id, ()):
        if link.target_id is not None and link.target_id in site.nodes:
            partners.append(site.nodes[link.target_id])
    for link in graph.received.get(node_id, ()):
        if link.source_id in site.nodes:
            partners.append(site.nodes[link.source_id])
    # Partners before children: they are few, and the reason the diagram is drawn across agencies.
    return [*boxes, *partners, *graph.child_nodes(node_id)]


CHAIN_LIMIT = 15
"""Most boxes in an indicator chain diagram; the rest are counted in one "+N" box."""
CHAIN_INIT = '%%{init: {"flowchart": {"useMaxWidth": false, "wrappingWidth": 150}}}%%'
"""The chain diagram's one directive: narrower boxes than a node diagram's, so an indicator and
two supporters side by side fit a phone."""


def indicator_chain(
    graph: Graph,
    lin: Lineage,
    *,
    href: Callable[[Indicator], str],
    more: str,
    limit: int = CHAIN_LIMIT,
) -> Diagram | None:
    """A flowchart of an indicator's declared chain: what it supports up to the top
    (``lin.up``), the indicator itself (outlined) and its direct supporters (``lin.down`` at
    distance 1); an edge runs from each indicator to the one below that supports it, dotted
    across a crosscutting link. Boxes past ``limit`` are counted in one box labelled
    ``+N more`` (``more``: the word, in the site's language). ``None`` when the indicator has
    no declared lineage. Top down; left to right when the indicator supports nothing and has
    more than two supporters. Labels are escaped as for node diagrams (:func:`escape_label`)."""
    direct = [step for step in lin.down if step.distance == 1]
    if not lin.up and not direct:
        return None
    subject = lin.subject
    room = max(limit - 1, 0)
    up = lin.up[:room]
    room -= len(up)
    below = direct[:room]
    hidden = len(lin.up) - len(up) + len(direct) - len(below)
    ids: dict[str, str] = {}
    boxes: list[Indicator] = [*(step.indicator for step in reversed(up)), subject]
    boxes += [step.indicator for step in below]
    for i, indicator in enumerate(boxes):
        ids[indicator.id] = f"i{i}"
    # Only supporters (a top indicator): they stack left to right, not in one wide row.
    direction = "LR" if not up and len(below) > 2 else "TB"
    lines = [CHAIN_INIT, f"flowchart {direction}"]
    for indicator in boxes:
        lines.append(f'    {ids[indicator.id]}["{escape_label(indicator.name)}"]')
    for step in up:
        lower = step.through or subject.id
        if lower in ids:
            arrow = "-.->" if step.via is not None else "-->"
            lines.append(f"    {ids[step.indicator.id]} {arrow} {ids[lower]}")
    for step in below:
        arrow = "-.->" if step.via is not None else "-->"
        lines.append(f"    {ids[subject.id]} {arrow} {ids[step.indicator.id]}")
    if hidden:
        lines.append(f'    more["{escape_label(f"+{hidden} {more}")}"]')
        lines.append(f"    {ids[subject.id]} -.- more")
    levels = graph.level_index
    used: set[int] = set()
    drawn_levels: dict[str, None] = {}
    for indicator in boxes:
        node = graph.indicator_node(indicator)
        position = _position(levels, node.level)
        drawn_levels[node.level] = None
        used.add(position)
        lines.append(f"    class {ids[indicator.id]} l{position}")
        lines.append(f'    click {ids[indicator.id]} href "{_escape_href(href(indicator))}"')
    lines.append(f"    class {ids[subject.id]} focus")
    palette = _palette(levels)
    for position in sorted(used):
        fill, stroke, color = palette[position]
        lines.append(f"    classDef l{position} fill:{fill},stroke:{stroke},color:{color}")
    lines.append(f"    classDef focus stroke:{FOCUS_STROKE},stroke-width:4px")
    legend = Legend(focus=True, parent_edges=True)
    legend.crosscutting = any(step.via is not None for step in (*up, *below))
    for level in sorted(drawn_levels, key=lambda level: levels.get(level, len(levels))):
        fill, stroke, _color = palette[_position(levels, level)]
        legend.levels.append(LegendLevel(level, fill, stroke))
    return Diagram("\n".join(lines) + "\n", legend=legend)
