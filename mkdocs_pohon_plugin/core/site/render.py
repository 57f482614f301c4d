"""Markdown for each planned page, from Jinja2 templates a site can override.

Templates live in ``mkdocs_pohon_plugin/templates/pohon/*.md.j2``; a ``custom_templates`` folder is
looked up first, so a site replaces one template by putting a file of the same name there.

Escaping: autoescape is on, and every value a template prints passes ``finalize`` first, which
backslash-escapes Markdown syntax (``*``, ``_``, ``[``, ``|``, ``#`` …) and folds the text onto one
line; autoescape then turns ``<``, ``>``, ``&`` and quotes into entities. So a statement
``<script>alert(1)</script>`` shows as text, and a ``|`` cannot break a table. Helpers that build
links or diagrams return :class:`markupsafe.Markup`, whose parts they escaped themselves.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from ..history import Commit, History
from ..model import Crosscutting, Indicator, Level, Node, Opd, Value
from ..nomenclature import CODE_KIND_LABELS, code_kind
from . import paths
from .capaian import (
    SUMMARY_KEYS,
    Achievement,
    band_summary,
    indicator_achievement,
    latest_achievement,
    latest_realised_year,
)
from .exports import xlsx_available
from .labels import labels_for
from .lineage import Lineage, lineage
from .mermaid import DEFAULT_LIMIT, Diagram, build_diagram, node_neighbourhood
from .pages import Page, SitePlan

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pohon"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")
_LIST_START = re.compile(r"^([-+])(\s)|^(\d+)([.)])(\s)")


def md_escape(text: str) -> str:
    """``text`` as inline Markdown that renders literally (HTML escaping is left to Jinja)."""
    flat = " ".join(str(text).split())
    flat = _MD_SPECIAL.sub(r"\\\1", flat)
    return _LIST_START.sub(
        lambda m: (
            f"\\{m.group(1)}{m.group(2)}"
            if m.group(1)
            else f"{m.group(3)}\\{m.group(4)}{m.group(5)}"
        ),
        flat,
    )


def inline(text: object) -> Markup:
    """``text`` escaped for Markdown and HTML, ready to embed in generated Markdown."""
    return Markup(escape(md_escape(str(text))))


SEARCH_BOOST = {"node": 2.0, "indicator": 2.0}
"""Node and indicator pages are what a search for a code or a name should land on first; OPD,
level and cascading pages list the same text many times over."""


def front_matter(title: str, boost: float | None = None) -> str:
    """YAML front matter naming the page's title, HTML-escaped.

    MkDocs would otherwise take the title from the first heading as plain text, and themes print
    ``page.title`` unescaped into ``<title>`` and the navigation: a statement ``<script>…`` would
    become markup there. JSON quoting makes the value valid YAML whatever it holds.
    """
    meta = f"title: {json.dumps(str(escape(' '.join(title.split()))))}\n"
    if boost is not None:  # Material's search ranks this page above pages that merely list it
        meta += f"search:\n  boost: {boost}\n"
    return f"---\n{meta}---\n\n"


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return str(value)
    return md_escape(str(value))


def format_number(value: int | float, language: str, decimals: int | None = None) -> str:
    """A number with thousands separators, Indonesian (``1.234,5``) or English (``1,234.5``)."""
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,}"
    if language == "id":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


@dataclass(slots=True)
class RenderOptions:
    language: str = "id"
    custom_templates: Path | None = None
    directory_urls: bool = True
    """Whether pages are published as ``node/x/`` (MkDocs' default) or ``node/x.html``; only
    diagram links depend on it — Markdown links point at ``.md`` files."""
    diagram_limit: int = DEFAULT_LIMIT
    xlsx: bool | None = None
    """Publish (and link) the cascading workbook; ``None``: when openpyxl is installed."""
    history: History | None = None
    """Last change of each node and indicator (from git); ``None``: not shown."""


class Renderer:
    """Renders the pages of one :class:`SitePlan`; the Jinja environment is built once."""

    def __init__(self, plan: SitePlan, options: RenderOptions | None = None) -> None:
        self.plan = plan
        self.options = options or RenderOptions()
        self.labels = labels_for(self.options.language)
        self.xlsx = self.options.xlsx if self.options.xlsx is not None else xlsx_available()
        search = [BUILTIN_TEMPLATES]
        if self.options.custom_templates is not None:
            search.insert(0, Path(self.options.custom_templates))
        self.env = Environment(
            loader=FileSystemLoader([str(p) for p in search]),
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        result = plan.result
        self.env.globals.update(
            L=self.labels,
            site=result.site,
            graph=result.graph,
            plan=plan,
            language=self.options.language,
            P=paths,
            XLSX=paths.EXPORT_XLSX if self.xlsx else None,
        )
        self._lineages: dict[str, Lineage] = {}

    def render(self, page: Page) -> str:
        template = self.env.get_template(page.template)
        view = PageView(self, page)
        body = template.render(page=page, h=view, **page.context)
        boost = SEARCH_BOOST.get(page.kind)
        return front_matter(page.title, boost) + body

    def render_all(self) -> Iterable[tuple[Page, str]]:
        for page in self.plan.pages:
            yield page, self.render(page)

    def lineage(self, indicator: Indicator) -> Lineage:
        cached = self._lineages.get(indicator.id)
        if cached is None:
            cached = self._lineages[indicator.id] = lineage(self.plan.result.graph, indicator)
        return cached


class PageView:
    """The helpers a template calls, bound to the page being rendered (for relative links)."""

    def __init__(self, renderer: Renderer, page: Page) -> None:
        self.r = renderer
        self.page = page
        self.site = renderer.plan.result.site
        self.graph = renderer.plan.result.graph
        self.language = renderer.options.language
        self.L = renderer.labels

    def last_change(self, item_id: str) -> Commit | None:
        history = self.r.options.history
        return history.last_change(item_id) if history is not None else None

    # -- links --

    def href(self, path: str) -> str:
        return paths.relative(self.page.path, path)

    def link(self, path: str, text: object) -> Markup:
        return Markup(f"[{inline(text)}]({self.href(path)})")

    def node(self, node: Node | str | None) -> Markup:
        if node is None:
            return Markup("–")
        if isinstance(node, str):
            if node not in self.site.nodes:
                return inline(node)
            node = self.site.nodes[node]
        return self.link(paths.node_page(node.id), node.statement)

    def indicator(self, indicator: Indicator) -> Markup:
        return self.link(paths.indicator_page(indicator.id), indicator.name)

    def opd(self, opd: Opd | str | None) -> Markup:
        if opd is None:
            return inline(self.L["regional"])
        if isinstance(opd, str):
            opd = self.site.opds[opd]
        return self.link(paths.opd_page(opd.id), opd.label)

    def opd_of(self, node: Node) -> Opd | None:
        return self.site.opds.get(node.opd_id) if node.opd_id else None

    def opd_level(self, opd: Opd, level: Level) -> Markup:
        return self.link(paths.opd_level_page(opd.id, level.id), self.level_name(level.id))

    def partner(self, link: Crosscutting, direction: str) -> Markup:
        """The other end of a crosscutting link: a node (with its OPD) or an outside body."""
        other = link.target_id if direction == "sent" else link.source_id
        if other and other in self.site.nodes:
            node = self.site.nodes[other]
            return Markup(f"{self.opd(self.opd_of(node))}: {self.node(node)}")
        if link.body:
            return Markup(f"{inline(self.L['outside_body'])}: {inline(link.body)}")
        return inline(other or "–")

    # -- words and numbers --

    def level_name(self, level_id: str) -> str:
        level = self.site.level(level_id)
        if level is None:
            return level_id
        if self.language == "en" and level.name_en:
            return level.name_en
        return level.name or level.id

    def value(self, value: Value | None) -> str:
        if value is None:
            return "–"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        return format_number(value, self.language)

    def money(self, value: Value | None) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return "Rp" + format_number(value, self.language, 0)
        return self.value(value)

    def capaian(self, indicator: Indicator, year: int) -> Achievement:
        return indicator_achievement(indicator, year)

    def latest(self, indicator: Indicator) -> tuple[int | None, Achievement]:
        return latest_achievement(indicator)

    def percent(self, achievement: Achievement) -> str:
        if achievement.percent is None:
            return "–"
        return format_number(achievement.percent, self.language, 2) + " %"

    def band(self, achievement: Achievement) -> str:
        return self.L[achievement.band] if achievement.band else "–"

    def polarity(self, polarity: str) -> str:
        return self.L.get(polarity, polarity)

    def status(self, status: str) -> str:
        return self.L.get(status, status)

    def code_kind(self, code: str | None) -> str:
        kind = code_kind(code) if code else None
        if kind is None:
            return ""
        return self.L.get(kind, CODE_KIND_LABELS[kind])

    def code_name(self, code: str | None) -> str:
        nomenclature = self.r.plan.result.nomenclature
        if not code or nomenclature is None:
            return ""
        return nomenclature.name(code) or ""

    def years(self) -> range:
        return self.site.years

    def total(self, values: Iterable[Value | None]) -> int | float:
        return sum(v for v in values if isinstance(v, int | float) and not isinstance(v, bool))

    # -- structure --

    def ancestors(self, node: Node) -> list[Node]:
        return list(reversed(self.graph.ancestors(node.id)))

    def children(self, node: Node) -> list[Node]:
        return self.graph.child_nodes(node.id)

    def sent(self, node: Node) -> list[Crosscutting]:
        return self.graph.sent.get(node.id, [])

    def received(self, node: Node) -> list[Crosscutting]:
        return self.graph.received.get(node.id, [])

    def lineage(self, indicator: Indicator) -> Lineage:
        return self.r.lineage(indicator)

    def depth(self, node: Node) -> int:
        return len(self.graph.ancestors(node.id))

    def opd_levels(self, opd: Opd) -> dict[str, list[Node]]:
        return self.r.plan.opd_nodes_by_level.get(opd.id, {})

    def opd_sent(self, opd: Opd) -> list[Crosscutting]:
        return self.r.plan.sent_by_opd.get(opd.id, [])

    def opd_received(self, opd: Opd) -> list[Crosscutting]:
        return self.r.plan.received_by_opd.get(opd.id, [])

    def code(self, code: str | None) -> Markup:
        """A Kemendagri code as inline code when well formed, as escaped text otherwise."""
        if not code:
            return Markup("")
        if code_kind(code) is not None:
            return Markup(f"`{code}`")
        return inline(code)

    def opd_indicator_count(self, opd: Opd) -> int:
        return sum(len(self.site.nodes[n].indicators) for n in opd.node_ids)

    def opd_iku(self, opd: Opd) -> list[Indicator]:
        nodes = self.site.nodes
        return [ind for n in opd.node_ids for ind in nodes[n].indicators if ind.is_iku]

    def regional_iku(self) -> list[Indicator]:
        return [
            ind
            for node, _depth in self.graph.walk()
            if node.opd_id is None
            for ind in node.indicators
            if ind.is_iku
        ]

    def opd_walk(self, opd: Opd) -> list[Node]:
        """The agency's nodes in tree order (each top node, then what lies below it)."""
        result: list[Node] = []
        for top in self.graph.opd_top_nodes(opd.id):
            result.append(top)
            result.extend(n for n in self.graph.descendants(top.id) if n.opd_id == opd.id)
        return result

    def opd_programs(self, opd: Opd) -> list[Node]:
        """The agency's nodes that carry a program code, in tree order."""
        return [n for n in self.opd_walk(opd) if n.code and code_kind(n.code) == "program"]

    def opd_program_budgets(self, opd: Opd) -> list[tuple[str, list[Node]]]:
        """The agency's program codes, each with the nodes that carry it (one row per program:
        several sasaran program may share one Kemendagri program)."""
        grouped: dict[str, list[Node]] = {}
        for node in self.opd_programs(opd):
            grouped.setdefault(node.code or "", []).append(node)
        return sorted(grouped.items())

    def budget_sum(self, nodes: Iterable[Node], year: int) -> int | float:
        return self.total(node.budget.get(year) for node in nodes)

    def all_crosscutting(self) -> list[Crosscutting]:
        return [link for links in self.graph.sent.values() for link in links]

    def crosscutting_matrix(self) -> dict[tuple[str | None, str | None], int]:
        """Number of links from each sending OPD to each receiving OPD (``None``: outside body)."""
        nodes = self.site.nodes
        matrix: dict[tuple[str | None, str | None], int] = {}
        for link in self.all_crosscutting():
            sender = nodes[link.source_id].opd_id if link.source_id in nodes else None
            target = nodes.get(link.target_id) if link.target_id else None
            key = (sender, target.opd_id if target is not None else None)
            matrix[key] = matrix.get(key, 0) + 1
        return matrix

    # -- diagrams --

    def diagram(
        self, nodes: Sequence[Node], focus: str | None = None, direction: str = "TB"
    ) -> Markup:
        """A Mermaid block for ``nodes`` (in priority order), excluded from search, followed by the
        list of nodes that did not fit."""
        if not nodes:
            return Markup("")
        diagram: Diagram = build_diagram(
            self.graph,
            nodes,
            href=lambda n: paths.relative_url(
                self.page.path, paths.node_page(n.id), self.r.options.directory_urls
            ),
            focus=focus,
            limit=self.r.options.diagram_limit,
            direction=direction,
        )
        parts = [
            '<div class="pohon-diagram" data-search-exclude="true" markdown="1">\n\n',
            "```mermaid\n",
            diagram.source,
            "```\n\n</div>\n",
        ]
        if diagram.overflow:
            parts.append(f"\n{inline(self.L['diagram_more'])}:\n\n")
            parts.extend(f"- {self.node(n)}\n" for n in diagram.overflow)
        return Markup("".join(parts))

    def node_diagram(self, node: Node) -> Markup:
        return self.diagram(node_neighbourhood(self.graph, node.id), focus=node.id)

    def regional_diagram(self) -> Markup:
        regional = [n for n, _depth in self.graph.walk() if n.opd_id is None]
        return self.diagram(regional, direction="LR")  # wide trees read left to right

    # -- capaian summary and Perjanjian Kinerja --

    def opd_indicators(self, opd: Opd) -> list[Indicator]:
        nodes = self.site.nodes
        return [ind for n in opd.node_ids for ind in nodes[n].indicators]

    def capaian_summary(self, opd: Opd) -> tuple[int | None, list[tuple[str, int]]]:
        """The latest year in which an indicator of the agency has a realisation, and how many of
        its indicators fall in each band that year (then: no realisation, not computed)."""
        indicators = self.opd_indicators(opd)
        year = latest_realised_year(indicators)
        if year is None:
            return None, []
        counts = band_summary(indicators, year)
        return year, [(self.L[key], counts[key]) for key in SUMMARY_KEYS]

    def pk_nodes(self, opd: Opd) -> list[Node]:
        """The sasaran of an agency's Perjanjian Kinerja: its nodes on the levels above the
        program level (sasaran strategis, and tujuan PD where a scheme has it), in tree order;
        the agency's top nodes when it has none there."""
        strategic = {
            level.id for level in self.site.levels if level.scope == "opd" and not level.code_kind
        }
        walk = self.opd_walk(opd)
        chosen = [n for n in walk if n.level in strategic]
        return chosen or self.graph.opd_top_nodes(opd.id)

    def pk_head(self, opd: Opd) -> tuple[str, str | None, str | None]:
        """The agency head's position, name and NIP (from the top node the head is responsible
        for, when the trees record the official)."""
        position = opd.head or f"{self.L['opd_head']} {opd.name}"
        for node in self.graph.opd_top_nodes(opd.id):
            official = node.official
            if official and official.name and (not opd.head or node.responsible == opd.head):
                return position, official.name, official.nip
        return position, None, None

    def opd_diagram(self, opd: Opd) -> Markup:
        tops = self.graph.opd_top_nodes(opd.id)
        parents = [self.site.nodes[n.parent_id] for n in tops if n.parent_id in self.site.nodes]
        below = [child for top in tops for child in self.graph.child_nodes(top.id)]
        return self.diagram([*parents, *tops, *below], direction="LR")
