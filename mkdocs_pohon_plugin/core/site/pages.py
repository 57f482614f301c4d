"""The page plan: every page of the published site, before any Markdown is written.

A :class:`Page` says what kind of page it is, where it lives (``node/<id>.md`` …), its title, the
YAML line it comes from (for the edit button), whether it belongs in the navigation, the template
that renders it and the context the template gets. Planning does no rendering and imports nothing
from MkDocs; :mod:`.render` turns a page into Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

from ..tree.check import CheckResult
from ..tree.model import Crosscutting, Indicator, Level, Loc, Node, Opd
from . import paths
from .labels import labels_for

HOME, OPD_LIST, OPD, OPD_LEVEL, CASCADING = "home", "opd_list", "opd", "opd_level", "cascading"
NODE, INDICATOR = "node", "indicator"
INDEX_INDICATORS, INDEX_IKU = "index_indicators", "index_iku"
INDEX_CROSSCUTTING, INDEX_CODES = "index_crosscutting", "index_codes"
PK = "pk"
KINDS = (
    HOME,
    OPD_LIST,
    OPD,
    OPD_LEVEL,
    CASCADING,
    NODE,
    INDICATOR,
    INDEX_INDICATORS,
    INDEX_IKU,
    INDEX_CROSSCUTTING,
    INDEX_CODES,
    PK,
)
NAV_KINDS = frozenset({HOME, OPD_LIST, OPD})


@dataclass(frozen=True, slots=True)
class Source:
    """The YAML file and line a page comes from (the file as the loader names it)."""

    file: str
    line: int


@dataclass(slots=True)
class Page:
    kind: str
    path: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None

    @property
    def in_nav(self) -> bool:
        return self.kind in NAV_KINDS


def _source(loc: Loc | None) -> Source | None:
    return Source(loc.file, loc.line) if loc is not None and loc.file else None


@dataclass(slots=True)
class SitePlan:
    """Every page, plus the shared look-ups the templates need (computed once)."""

    result: CheckResult
    pages: list[Page] = field(default_factory=list)
    opd_nodes_by_level: dict[str, dict[str, list[Node]]] = field(default_factory=dict)
    sent_by_opd: dict[str, list[Crosscutting]] = field(default_factory=dict)
    received_by_opd: dict[str, list[Crosscutting]] = field(default_factory=dict)

    def by_kind(self, kind: str) -> list[Page]:
        return [page for page in self.pages if page.kind == kind]

    def page(self, path: str) -> Page:
        for page in self.pages:
            if page.path == path:
                return page
        raise KeyError(path)


def _crosscutting_by_opd(
    result: CheckResult,
) -> tuple[dict[str, list[Crosscutting]], dict[str, list[Crosscutting]]]:
    nodes = result.site.nodes
    sent: dict[str, list[Crosscutting]] = defaultdict(list)
    received: dict[str, list[Crosscutting]] = defaultdict(list)
    for node_id, links in result.graph.sent.items():
        owner = nodes[node_id].opd_id
        for link in links:
            if owner is not None:
                sent[owner].append(link)
            target = nodes.get(link.target_id) if link.target_id else None
            if target is not None and target.opd_id is not None:
                received[target.opd_id].append(link)
    return dict(sent), dict(received)


def _walk_order(result: CheckResult) -> dict[str, int]:
    return {node.id: i for i, (node, _depth) in enumerate(result.graph.walk())}


def plan_site(result: CheckResult, language: str = "id") -> SitePlan:
    """Plan every page of the site for a checked trees folder."""
    labels = labels_for(language)
    site = result.site
    plan = SitePlan(result)
    plan.sent_by_opd, plan.received_by_opd = _crosscutting_by_opd(result)
    order = _walk_order(result)
    region = site.region
    pages = plan.pages

    pages.append(
        Page(
            HOME,
            paths.HOME,
            region.name if region else labels["home"],
            "home.html.j2",
            {},
            _source(region.loc if region else None),
        )
    )
    pages.append(Page(OPD_LIST, paths.OPD_LIST, labels["opd_list"], "opd_list.html.j2"))
    for opd in site.opds.values():
        by_level: dict[str, list[Node]] = {}
        for node_id in sorted(opd.node_ids, key=lambda n: order.get(n, len(order))):
            node = site.nodes[node_id]
            by_level.setdefault(node.level, []).append(node)
        levels = [level for level in site.levels if level.id in by_level]
        levels += [
            site.level(level_id) or _unknown_level(level_id)
            for level_id in by_level
            if site.level(level_id) is None
        ]
        plan.opd_nodes_by_level[opd.id] = by_level
        opd_context: dict[str, Any] = {"opd": opd, "levels": levels, "by_level": by_level}
        pages.append(
            Page(
                OPD, paths.opd_page(opd.id), opd.name, "opd.html.j2", opd_context, _source(opd.loc)
            )
        )
        for level in levels:
            pages.append(
                Page(
                    OPD_LEVEL,
                    paths.opd_level_page(opd.id, level.id),
                    f"{_level_name(level, language)} — {opd.label}",
                    "opd_level.html.j2",
                    {"opd": opd, "level": level, "nodes": by_level[level.id]},
                    _source(opd.loc),
                )
            )
        pages.append(
            Page(
                CASCADING,
                paths.cascading_page(opd.id),
                f"{labels['cascading']} — {opd.label}",
                "cascading.html.j2",
                {"opd": opd, "nodes": [n for lv in levels for n in by_level[lv.id]]},
                _source(opd.loc),
            )
        )
        for year in site.years:  # a Perjanjian Kinerja per year of the period, ready to print
            pages.append(
                Page(
                    PK,
                    paths.pk_page(opd.id, year),
                    f"{labels['pk_year']} {year} — {opd.label}",
                    "pk.html.j2",
                    {"opd": opd, "year": year},
                    _source(opd.loc),
                )
            )
    for node in sorted(site.nodes.values(), key=lambda n: order.get(n.id, len(order))):
        pages.append(
            Page(
                NODE,
                paths.node_page(node.id),
                node.statement,
                "node.html.j2",
                {"node": node},
                _source(node.loc),
            )
        )
        for indicator in node.indicators:
            pages.append(
                Page(
                    INDICATOR,
                    paths.indicator_page(indicator.id),
                    indicator.name,
                    "indicator.html.j2",
                    {"indicator": indicator, "node": node},
                    _source(indicator.loc),
                )
            )
    all_indicators = [ind for node in _ordered_nodes(site.nodes, order) for ind in node.indicators]
    pages.append(
        Page(
            INDEX_INDICATORS,
            paths.INDEX_INDICATORS,
            labels["all_indicators"],
            "index_indicators.html.j2",
            {"indicators": all_indicators},
        )
    )
    pages.append(
        Page(
            INDEX_IKU,
            paths.INDEX_IKU,
            labels["iku_index"],
            "index_iku.html.j2",
            {"indicators": [ind for ind in all_indicators if ind.is_iku]},
        )
    )
    pages.append(
        Page(
            INDEX_CROSSCUTTING,
            paths.INDEX_CROSSCUTTING,
            labels["cc_matrix"],
            "index_crosscutting.html.j2",
            {},
        )
    )
    coded = sorted(
        (node for node in site.nodes.values() if node.code),
        key=lambda n: (_code_key(n.code or ""), order.get(n.id, 0)),
    )
    pages.append(
        Page(
            INDEX_CODES,
            paths.INDEX_CODES,
            labels["code_index"],
            "index_codes.html.j2",
            {"nodes": coded},
        )
    )
    return plan


NAV_OPD_LIMIT = 12
"""Agencies listed one by one in the navigation up to this many; a bigger regency's navigation
holds Home and the OPD list only (the list page links every agency)."""


def nav_entries(
    result: CheckResult,
    language: str = "id",
    only_opds: frozenset[str] | None = None,
    opd_limit: int = NAV_OPD_LIMIT,
) -> list[Any]:
    """The site's own navigation, in ``mkdocs.yml`` ``nav:`` form: Home, then the OPD section
    (the OPD list, and each agency's page when there are at most ``opd_limit``). Material renders
    the whole navigation into every page, so on a regency of 45 agencies and 20,000 pages a long
    navigation costs more than the page itself. Titles are HTML-escaped (themes print them raw)."""
    labels = labels_for(language)
    opds = [o for o in result.site.opds.values() if only_opds is None or o.id in only_opds]
    section: list[Any] = [{labels["opd_list"]: paths.OPD_LIST}]
    if len(opds) <= opd_limit:
        section += [{str(escape(opd.label)): paths.opd_page(opd.id)} for opd in opds]
    return [{labels["home"]: paths.HOME}, {labels["opd"]: section}]


REGIONAL_KINDS = frozenset({HOME, OPD_LIST})
"""Pages kept in a preview limited to some agencies, whatever the agencies."""


def page_opd(page: Page) -> str | None:
    """The agency a page belongs to (``None``: regional or site-wide)."""
    opd = page.context.get("opd")
    if isinstance(opd, Opd):
        return opd.id
    node = page.context.get("node")
    if isinstance(node, Node):
        return node.opd_id
    return None


def preview_pages(plan: SitePlan, opd_ids: frozenset[str]) -> list[Page]:
    """The pages of a quick preview: home, the OPD list, the regional tree's node and indicator
    pages, and every page of the agencies in ``opd_ids``. The site-wide indexes are left out (on
    a big regency they are the largest pages); links to left-out pages lead nowhere."""
    kept = []
    for page in plan.pages:
        if page.kind in REGIONAL_KINDS:
            kept.append(page)
        elif page.kind in (NODE, INDICATOR, OPD, OPD_LEVEL, CASCADING, PK):
            owner = page_opd(page)
            if owner is None or owner in opd_ids:
                kept.append(page)
    return kept


def _ordered_nodes(nodes: dict[str, Node], order: dict[str, int]) -> list[Node]:
    return sorted(nodes.values(), key=lambda n: order.get(n.id, len(order)))


def _code_key(code: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in code.split("."))


def _level_name(level: Level, language: str) -> str:
    if language == "en" and level.name_en:
        return level.name_en
    return level.name or level.id


def _unknown_level(level_id: str) -> Level:
    return Level(id=level_id, name=level_id)


def indicator_opd(result: CheckResult, indicator: Indicator) -> Opd | None:
    node = result.graph.indicator_node(indicator)
    return result.site.opds.get(node.opd_id) if node.opd_id else None
