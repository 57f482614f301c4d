"""The page plan: every page of the published site, before any Markdown is written.

A :class:`Page` says what kind of page it is (its declaration in :mod:`.kinds`, which also gives
its template, navigation flag, search weight and preview scope), where it lives
(``node/<id>.md`` …), its title, the YAML line it comes from (for the edit button) and the context
its template gets. :func:`plan_site` walks the registry of kinds. Planning does no rendering and
imports nothing from MkDocs; :mod:`.render` turns a page into Markdown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from markupsafe import escape

from ..tree.check import CheckResult
from ..tree.model import Crosscutting, Loc, Node, Opd
from .kinds import (
    CASCADING,
    DOWNLOADS,
    HOME,
    INDEX_CASCADING,
    INDEX_CODES,
    INDEX_CODES_PART,
    INDEX_CROSSCUTTING,
    INDEX_IKU,
    INDEX_IKU_PART,
    INDEX_INDICATORS,
    INDEX_INDICATORS_PART,
    INDICATOR,
    INDICATOR_SUPPORT,
    KINDS,
    NODE,
    OPD,
    OPD_LEVEL,
    OPD_LIST,
    PK,
    PageKind,
    Planning,
    Preview,
)
from .labels import labels_for
from .lineage_groups import DEFAULT_INLINE_LIMIT, LineageCache
from .listings import DEFAULT_INDEX_LIMIT, Listing

__all__ = [
    "CASCADING",
    "DOWNLOADS",
    "HOME",
    "INDEX_CASCADING",
    "INDEX_CODES",
    "INDEX_CODES_PART",
    "INDEX_CROSSCUTTING",
    "INDEX_IKU",
    "INDEX_IKU_PART",
    "INDEX_INDICATORS",
    "INDEX_INDICATORS_PART",
    "INDICATOR",
    "INDICATOR_SUPPORT",
    "KINDS",
    "NAV_KINDS",
    "NAV_OPD_LIMIT",
    "NODE",
    "OPD",
    "OPD_LEVEL",
    "OPD_LIST",
    "PK",
    "Page",
    "SitePlan",
    "Source",
    "nav_entries",
    "page_opd",
    "site_nav",
    "plan_site",
    "preview_pages",
]

NAV_KINDS = frozenset(kind.id for kind in KINDS if kind.in_nav)
"""The ids of the kinds whose pages are in the navigation."""


@dataclass(frozen=True, slots=True)
class Source:
    """The YAML file and line a page comes from (the file as the loader names it)."""

    file: str
    line: int


@dataclass(slots=True)
class Page:
    """One page of the site: its declared kind, where it lives, its title, the context its
    template gets and the YAML it comes from."""

    declaration: PageKind
    path: str
    title: str
    context: dict[str, Any] = field(default_factory=dict)
    source: Source | None = None

    @property
    def kind(self) -> str:
        """The kind's id (``node``, ``opd_level`` …)."""
        return self.declaration.id

    @property
    def template(self) -> str:
        return self.declaration.template

    @property
    def in_nav(self) -> bool:
        return self.declaration.in_nav

    @property
    def search_boost(self) -> float | None:
        """The page's weight in Material's search (``None``: the default)."""
        return self.declaration.search_boost


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
    lineages: LineageCache | None = None
    """Each indicator's lineage and its layout, as the plan decided it (the renderer reuses it,
    so the indicator pages link to exactly the support pages that were planned)."""
    listings: dict[str, Listing[Any]] = field(default_factory=dict)
    """The site-wide listings the plan built (:mod:`.listings`), by name: a split one has a
    data file for its index page's finder."""


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


def plan_site(
    result: CheckResult,
    language: str = "id",
    kinds: Sequence[PageKind] = KINDS,
    lineage_inline_limit: int = DEFAULT_INLINE_LIMIT,
    index_inline_limit: int = DEFAULT_INDEX_LIMIT,
    keep_lineages: bool = False,
) -> SitePlan:
    """Plan every page of the site for a checked trees folder: the pages of each kind of
    ``kinds`` (the registry, :data:`.kinds.KINDS`), in registry order; consecutive kinds planned
    over the same subjects are interleaved subject by subject (see :class:`.kinds.Over`).
    ``lineage_inline_limit``: rows of an indicator's "Didukung oleh" written on its page (see
    :mod:`.lineage_groups`); ``index_inline_limit``: rows on one page of a site-wide listing
    (see :mod:`.listings`); ``keep_lineages``: keep every lineage computed (see
    :class:`.lineage_groups.LineageCache`)."""
    ids = [kind.id for kind in kinds]
    if len(set(ids)) != len(ids):
        raise ValueError(
            f"page kinds declared twice: {sorted({i for i in ids if ids.count(i) > 1})}"
        )
    planning = Planning.of(
        result, language, lineage_inline_limit, index_inline_limit, keep_lineages
    )
    plan = SitePlan(result, lineages=planning.lineages, listings=planning.listings)
    plan.sent_by_opd, plan.received_by_opd = _crosscutting_by_opd(result)
    plan.opd_nodes_by_level = {
        opd_id: shared.by_level for opd_id, shared in planning.opd_levels.items()
    }
    pages = plan.pages
    for over, run in groupby(kinds, key=lambda kind: kind.over):
        together = [(kind, planning.labels[kind.label]) for kind in run]
        for subject in planning.subjects(over):
            for kind, word in together:
                for context in kind.contexts(planning, subject):
                    pages.append(
                        Page(
                            kind,
                            kind.path(context),
                            kind.title(planning, context, word),
                            context,
                            _source(kind.source(planning, context)),
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
    """The site's own navigation, in ``mkdocs.yml`` ``nav:`` form (see :func:`site_nav`), for
    the pages a build of ``result`` has (only the agencies ``only_opds`` in a preview). Plans the
    kinds that are in the navigation only."""
    plan = plan_site(result, language, [kind for kind in KINDS if kind.in_nav])
    pages = plan.pages if only_opds is None else preview_pages(plan, only_opds)
    return site_nav(pages, language, opd_limit, scheme=result.site.scheme)


def site_nav(
    pages: Sequence[Page],
    language: str = "id",
    opd_limit: int = NAV_OPD_LIMIT,
    *,
    scheme: str = "sakip",
) -> list[Any]:
    """The navigation of the planned ``pages``, in ``mkdocs.yml`` ``nav:`` form: the pages of
    the kinds declared ``in_nav``, in registry order, each kind's at the top level or in its
    section (:attr:`.kinds.PageKind.nav_section`): Beranda, Perangkat Daerah (the OPD list, then
    each agency when there are at most ``opd_limit``), Indeks (IKU, all indicators,
    crosscutting, cascading, codes), Unduh Data. Material renders the whole navigation into
    every page, so on a regency of 45 agencies and 20,000 pages a long navigation costs more
    than the page itself. Titles are HTML-escaped (themes print them raw)."""
    labels = labels_for(language, scheme)
    opds = sum(1 for page in pages if page.kind == OPD)
    entries: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in pages:
        declared = page.declaration
        if not declared.in_nav or (page.kind == OPD and opds > opd_limit):
            continue
        title = declared.nav_title(page.context, labels) if declared.nav_title else page.title
        entry = {str(escape(" ".join(title.split()))): page.path}
        section = declared.nav_section
        if section is None:
            entries.append(entry)
            continue
        if section not in sections:
            sections[section] = []
            entries.append({labels[section]: sections[section]})
        sections[section].append(entry)
    return entries


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
    """The pages of a quick preview, as each kind declares (:class:`.kinds.Preview`): home, the
    OPD list, the regional tree's node and indicator pages, and every page of the agencies in
    ``opd_ids``. The site-wide indexes are left out (on a big regency they are the largest
    pages); links to left-out pages lead nowhere."""
    kept = []
    for page in plan.pages:
        scope = page.declaration.preview
        if scope is Preview.ALWAYS:
            kept.append(page)
        elif scope is Preview.OPD:
            owner = page_opd(page)
            if owner is None or owner in opd_ids:
                kept.append(page)
    return kept
