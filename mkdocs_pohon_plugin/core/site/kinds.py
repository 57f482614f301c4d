"""The kinds of page the site publishes, each declared once.

A :class:`PageKind` holds everything the site knows about one kind of page: its id (what
``page.kind`` and the page's ``data-pohon-kind`` say), which pages of the kind a site has, the
path and the title of each, the template that renders it, whether it is in the navigation, its
search weight, what a ``serve_opd`` preview does with it and the label that names it.
:data:`KINDS` is the registry. Planning (:func:`.pages.plan_site`), the preview
(:func:`.pages.preview_pages`), the navigation flag and the search boost read it: a kind declared
here is planned, previewed and boosted, and a page of an undeclared kind cannot be planned.
A new kind is one entry here and one template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..tree.check import CheckResult
from ..tree.model import Indicator, Level, Loc, Node, Opd, Position, Site
from ..tree.spec import PK_ECHELONS
from . import paths
from .action_plans import opd_action_plan, plan_years
from .labels import labels_for
from .lineage_groups import DEFAULT_INLINE_LIMIT, LineageCache
from .listings import (
    CODES,
    DEFAULT_INDEX_LIMIT,
    IKU,
    INDICATORS,
    Listing,
    ListingPart,
    build_listing,
)

Context = dict[str, Any]
"""What a page's template gets besides the globals (``opd``, ``node``, ``indicator`` …); the
path, title and source rules read the same objects."""

HOME, OPD_LIST, OPD, OPD_LEVEL, CASCADING = "home", "opd_list", "opd", "opd_level", "cascading"
NODE, INDICATOR, PK = "node", "indicator", "pk"
INDICATOR_SUPPORT = "indicator_support"
INDEX_INDICATORS, INDEX_IKU = "index_indicators", "index_iku"
INDEX_CROSSCUTTING, INDEX_CODES = "index_crosscutting", "index_codes"
INDEX_CASCADING, DOWNLOADS = "index_cascading", "downloads"
QUALITY, OPD_QUALITY = "quality", "opd_quality"
INDEX_INDICATORS_PART, INDEX_CODES_PART = "index_indicators_part", "index_codes_part"
INDEX_IKU_PART = "index_iku_part"
POSITION, POSITION_PK = "position", "position_pk"
ACTION_PLAN = "action_plan"
PROBLEMS, PROBLEM = "problems", "problem"


class Over(Enum):
    """What a kind's pages are planned over.

    The registry is walked in order; consecutive kinds planned over the same subjects are
    interleaved subject by subject, so an agency's pages stay together and a node's page is
    followed by its indicators' pages.
    """

    SITE = "site"
    """Once for the site (the subject is the :class:`~..tree.model.Site`)."""
    OPD = "opd"
    """Once per agency, in the order the agencies were read."""
    NODE = "node"
    """Once per node, in the order of the tree walk (parents before children)."""


class Preview(Enum):
    """What a preview limited to some agencies (``serve_opd``) does with a kind's pages."""

    ALWAYS = "always"
    """Kept, whatever the agencies: the regional pages (home, the OPD list)."""
    OPD = "opd"
    """Kept when the page's agency is previewed, or when it has none (the regional tree)."""
    NEVER = "never"
    """Left out: the site-wide indexes (on a big regency they are the largest pages)."""


@dataclass(frozen=True, slots=True)
class OpdLevels:
    """An agency's nodes grouped by level: the levels in scheme order (levels outside the
    scheme last), and each level's nodes in tree walk order."""

    levels: list[Level]
    by_level: dict[str, list[Node]]


@dataclass(slots=True)
class Planning:
    """What the kinds' rules read while one site is planned: the checked trees, the site's
    language and words, and the look-ups several kinds share (computed once)."""

    result: CheckResult
    language: str
    labels: dict[str, str]
    order: dict[str, int]
    """Each node's position in the tree walk."""
    nodes: list[Node]
    """Every node, in tree walk order."""
    opd_levels: dict[str, OpdLevels]
    """Each agency's nodes by level, by agency id."""
    lineages: LineageCache
    """Each indicator's lineage and how its page lays it out (shared with the renderer)."""
    index_limit: int = DEFAULT_INDEX_LIMIT
    """Rows on one page of a site-wide listing (see :mod:`.listings`)."""
    listings: dict[str, Listing[Any]] = field(default_factory=dict)
    """The site-wide listings by name, each built once (:meth:`listing`)."""

    @classmethod
    def of(
        cls,
        result: CheckResult,
        language: str = "id",
        lineage_inline_limit: int = DEFAULT_INLINE_LIMIT,
        index_inline_limit: int = DEFAULT_INDEX_LIMIT,
        keep_lineages: bool = False,
    ) -> Planning:
        order = {node.id: i for i, (node, _depth) in enumerate(result.graph.walk())}
        site = result.site
        nodes = sorted(site.nodes.values(), key=lambda n: order.get(n.id, len(order)))
        opd_levels = {opd.id: _by_level(site, opd, order) for opd in site.opds.values()}
        lineages = LineageCache(result.graph, lineage_inline_limit, keep_all=keep_lineages)
        labels = labels_for(language, site.scheme)
        return cls(result, language, labels, order, nodes, opd_levels, lineages, index_inline_limit)

    @property
    def site(self) -> Site:
        return self.result.site

    def subjects(self, over: Over) -> Iterator[Any]:
        """What kinds planned ``over`` these subjects are planned for, in page order."""
        if over is Over.SITE:
            yield self.site
        elif over is Over.OPD:
            yield from self.site.opds.values()
        else:
            yield from self.nodes

    def indicators(self) -> list[Indicator]:
        """Every indicator, its node's walk order first, then its order in the node."""
        return [indicator for node in self.nodes for indicator in node.indicators]

    def listing(self, name: str) -> Listing[Any]:
        """The site-wide listing ``name`` (:data:`.listings.INDICATORS`, :data:`.listings.IKU`,
        :data:`.listings.CODES`), built on first use: its index page and its group pages read the same one."""
        found = self.listings.get(name)
        if found is None:
            site = self.site
            if name in (INDICATORS, IKU):
                graph = self.result.graph

                def indicator_owner(indicator: Indicator) -> str | None:
                    node = graph.indicator_node(indicator)
                    return node.opd_id if node is not None else None

                rows = self.indicators()
                if name == IKU:
                    rows = [indicator for indicator in rows if indicator.is_iku]
                found = build_listing(name, rows, indicator_owner, site, self.index_limit)
            elif name == CODES:
                order = self.order
                coded = sorted(
                    (node for node in site.nodes.values() if node.code),
                    key=lambda n: (_code_key(n.code or ""), order.get(n.id, 0)),
                )
                found = build_listing(name, coded, lambda n: n.opd_id, site, self.index_limit)
            else:
                raise KeyError(f"no listing {name!r}")
            self.listings[name] = found
        return found


def _by_level(site: Site, opd: Opd, order: dict[str, int]) -> OpdLevels:
    by_level: dict[str, list[Node]] = {}
    for node_id in sorted(opd.node_ids, key=lambda n: order.get(n, len(order))):
        node = site.nodes[node_id]
        by_level.setdefault(node.level, []).append(node)
    levels = [level for level in site.levels if level.id in by_level]
    levels += [
        Level(id=level_id, name=level_id) for level_id in by_level if site.level(level_id) is None
    ]
    return OpdLevels(levels, by_level)


def _no_source(planning: Planning, context: Context) -> Loc | None:
    return None


@dataclass(frozen=True, slots=True)
class PageKind:
    """One kind of page, declared once (see the module's docstring)."""

    id: str
    """What ``page.kind`` holds; also the page's ``data-pohon-kind`` attribute."""
    template: str
    """The Jinja template (under ``templates/pohon/``, or a site's ``custom_templates``)."""
    label: str
    """The key in :mod:`.labels` of the word that names a page of this kind (in the site's
    language); the title rule gets that word."""
    over: Over
    """What the kind's pages are planned over (see :class:`Over`)."""
    contexts: Callable[[Planning, Any], Iterable[Context]]
    """The kind's pages for one subject: one template context per page (none: no page)."""
    path: Callable[[Context], str]
    """Where a page lives (``node/<id>.md``), from its context, built by :mod:`.paths`."""
    title: Callable[[Planning, Context, str], str]
    """A page's title from its context and the kind's word (``label``)."""
    source: Callable[[Planning, Context], Loc | None] = _no_source
    """The YAML a page comes from (for the edit button); ``None``: generated from everything."""
    in_nav: bool = False
    """Whether the page is in the site's navigation (others are reachable by links only)."""
    nav_section: str | None = None
    """The key in :mod:`.labels` of the navigation section that lists the kind's pages
    (``indexes``: *Indeks*); ``None``: at the top level of the navigation."""
    nav_title: Callable[[Context, dict[str, str]], str] | None = None
    """A page's entry in the navigation, from its context and the site's words (a short name
    where the title is long); ``None``: its title."""
    search_boost: float | None = None
    """The page's weight in Material's search (``None``: the default weight)."""
    nav_owner: str | None = None
    """For a kind outside the navigation: the page (source path) whose navigation entry is lit
    while a page of the kind is shown; ``None``: its agency's (Beranda for the regional tree)."""
    searched: bool = True
    """Whether the page is in the search at all (a listing's group page is not: each of its
    rows is found on its own page, its agency on the agency's page)."""
    preview: Preview = Preview.OPD
    """What a ``serve_opd`` preview does with the kind's pages."""


# -- the rules of each kind --


def _site_page(planning: Planning, site: Site) -> Iterator[Context]:
    yield {}


def _word(planning: Planning, context: Context, word: str) -> str:
    return word


def _opd(planning: Planning, opd: Opd) -> Iterator[Context]:
    shared = planning.opd_levels[opd.id]
    yield {"opd": opd, "levels": shared.levels, "by_level": shared.by_level}


def _opd_level_pages(planning: Planning, opd: Opd) -> Iterator[Context]:
    shared = planning.opd_levels[opd.id]
    for level in shared.levels:
        yield {"opd": opd, "level": level, "nodes": shared.by_level[level.id]}


def _opd_level_title(planning: Planning, context: Context, word: str) -> str:
    return f"{context['level'].label(planning.language)} — {context['opd'].label}"


def _cascading(planning: Planning, opd: Opd) -> Iterator[Context]:
    shared = planning.opd_levels[opd.id]
    yield {"opd": opd, "nodes": [n for lv in shared.levels for n in shared.by_level[lv.id]]}


def _word_and_opd(planning: Planning, context: Context, word: str) -> str:
    return f"{word} — {context['opd'].label}"


def _opd_quality(planning: Planning, opd: Opd) -> Iterator[Context]:
    """The agency's Mutu Pohon page; its findings come from ``h.quality(opd)`` (the check's
    warnings sorted once per site, :mod:`.quality`)."""
    yield {"opd": opd}


def _pk(planning: Planning, opd: Opd) -> Iterator[Context]:
    if not opd.node_ids:
        return  # nothing to agree: no Perjanjian Kinerja (and no link to one)
    for year in planning.site.years:  # a Perjanjian Kinerja per year of the period
        yield {"opd": opd, "year": year}


def _pk_title(planning: Planning, context: Context, word: str) -> str:
    return f"{word} {context['year']} — {context['opd'].label}"


def _positions(planning: Planning, opd: Opd) -> Iterator[Context]:
    """One page per position (jabatan) of the agency (a second declaration of an id: none)."""
    positions = planning.site.positions
    for position in opd.positions:
        if positions.get(position.id) is position:
            yield {"opd": opd, "position": position}


def _position_pks(planning: Planning, opd: Opd) -> Iterator[Context]:
    """A Perjanjian Kinerja per year of the period for each position of eselon II, III or IV."""
    positions = planning.site.positions
    for position in opd.positions:
        if positions.get(position.id) is position and position.echelon in PK_ECHELONS:
            for year in planning.site.years:
                yield {"opd": opd, "position": position, "year": year}


def _position_title(planning: Planning, context: Context, word: str) -> str:
    return f"{context['position'].name} — {context['opd'].label}"


def _position_pk_title(planning: Planning, context: Context, word: str) -> str:
    return f"{word} {context['year']} — {context['position'].name}"


def _position_source(planning: Planning, context: Context) -> Loc | None:
    position: Position = context["position"]
    return position.loc


def _action_plans(planning: Planning, opd: Opd) -> Iterator[Context]:
    """The agency's Rencana Aksi pages: one per year in which one of its indicators has
    quarterly targets or an action plan (none for an agency without them)."""
    shared = planning.opd_levels[opd.id]
    nodes = [node for level in shared.levels for node in shared.by_level[level.id]]
    for year in plan_years(nodes):
        yield {"opd": opd, "year": year, "groups": opd_action_plan(nodes, year)}


def _opd_source(planning: Planning, context: Context) -> Loc | None:
    opd: Opd = context["opd"]
    return opd.loc


def _node(planning: Planning, node: Node) -> Iterator[Context]:
    yield {"node": node}


def _indicators_of(planning: Planning, node: Node) -> Iterator[Context]:
    for indicator in node.indicators:
        yield {"indicator": indicator, "node": node}


def _support_pages(planning: Planning, node: Node) -> Iterator[Context]:
    """One page per agency whose supporters of an indicator do not fit on the indicator's page
    (see :mod:`.lineage_groups`); none for most indicators."""
    limit = planning.lineages.limit
    for indicator in node.indicators:
        lin = planning.lineages.lineage(indicator)
        if len(lin.down) + len(lin.down_by_node) <= limit:
            continue
        for opd in planning.lineages.sections(indicator).split:
            yield {"indicator": indicator, "node": node, "opd": opd}


def _support_title(planning: Planning, context: Context, word: str) -> str:
    return f"{word} {context['indicator'].name} — {context['opd'].label}"


def _all_indicators(planning: Planning, site: Site) -> Iterator[Context]:
    """The index of every indicator: all of them, or (a split listing) none, the index then
    listing the groups (see :mod:`.listings`)."""
    listing = planning.listing(INDICATORS)
    yield {"indicators": [] if listing.split else listing.rows, "listing": listing}


def _listing_parts(name: str) -> Callable[[Planning, Site], Iterator[Context]]:
    """The group pages of a split listing (none while it fits on its index page)."""

    def rule(planning: Planning, site: Site) -> Iterator[Context]:
        listing = planning.listing(name)
        for part in listing.parts:
            yield {"part": part, "listing": listing, "rows": part.rows}

    return rule


def _part_title(planning: Planning, context: Context, word: str) -> str:
    part: ListingPart[Any] = context["part"]
    group = part.opd.label if part.opd is not None else planning.labels["regional"]
    pages = f" ({part.number}/{part.count})" if part.count > 1 else ""
    return f"{word} — {group}{pages}"


def _iku(planning: Planning, site: Site) -> Iterator[Context]:
    """The index of the key performance indicators: all of them, or (a split listing) none, the
    index then listing the groups (see :mod:`.listings`)."""
    listing = planning.listing(IKU)
    yield {"indicators": [] if listing.split else listing.rows, "listing": listing}


def _codes(planning: Planning, site: Site) -> Iterator[Context]:
    """The code index: every coded node by code, or (a split listing) none, the index then
    listing the groups (see :mod:`.listings`)."""
    listing = planning.listing(CODES)
    yield {"nodes": [] if listing.split else listing.rows, "listing": listing}


def _code_key(code: str) -> tuple[int | str, ...]:
    return tuple(int(part) if part.isdigit() else part for part in code.split("."))


def _home_title(planning: Planning, context: Context, word: str) -> str:
    region = planning.site.region
    return region.name if region else word


def _home_source(planning: Planning, context: Context) -> Loc | None:
    region = planning.site.region
    return region.loc if region else None


def _nav_word(key: str) -> Callable[[Context, dict[str, str]], str]:
    """A navigation entry named by the word ``key`` of :mod:`.labels`."""

    def rule(context: Context, labels: dict[str, str]) -> str:
        return labels[key]

    return rule


def _site_index(
    kind_id: str,
    label: str,
    contexts: Callable[[Planning, Site], Iterator[Context]],
    path: str,
    nav_word: str | None = None,
) -> PageKind:
    """A site-wide index of the Indeks menu (template ``<kind id>.html.j2``): one page over the
    whole model, so never in a preview; ``nav_word``: the word of :mod:`.labels` naming its
    menu entry (``None``: its title)."""
    return PageKind(
        id=kind_id,
        template=f"{kind_id}.html.j2",
        label=label,
        over=Over.SITE,
        contexts=contexts,
        path=_fixed(path),
        title=_word,
        in_nav=True,
        nav_section="indexes",
        nav_title=_nav_word(nav_word) if nav_word else None,
        preview=Preview.NEVER,
    )


def _listing_part(kind_id: str, listing: str, label: str, index_path: str) -> PageKind:
    """The group pages of a split site-wide listing (an agency's indicators, codes, IKU;
    template ``<kind id>.html.j2``): reached from the index at ``index_path``, which they sit
    under in the navigation; their rows are searched on their own pages, so they are left out of
    the search (and their heading out of Pagefind's, in the template)."""
    return PageKind(
        id=kind_id,
        template=f"{kind_id}.html.j2",
        label=label,
        over=Over.SITE,
        contexts=_listing_parts(listing),
        path=lambda c: c["part"].path,
        title=_part_title,
        nav_owner=index_path,
        searched=False,
        preview=Preview.NEVER,
    )


def _cascading_index(planning: Planning, site: Site) -> Iterator[Context]:
    yield {"opds": list(site.opds.values())}


def _problems(planning: Planning, site: Site) -> Iterator[Context]:
    """The index of the problem themes: a page only when the site has some."""
    if site.problems:
        yield {"themes": site.problems}


def _problem_pages(planning: Planning, site: Site) -> Iterator[Context]:
    """An Akar Masalah page per problem theme (the first of a repeated id)."""
    seen: set[str] = set()
    for theme in site.problems:
        if theme.id not in seen:
            seen.add(theme.id)
            yield {"theme": theme}


def _fixed(path: str) -> Callable[[Context], str]:
    def rule(context: Context) -> str:
        return path

    return rule


KINDS: tuple[PageKind, ...] = (
    PageKind(
        id=HOME,
        template="home.html.j2",
        label="home",
        over=Over.SITE,
        contexts=_site_page,
        path=_fixed(paths.HOME),
        title=_home_title,
        source=_home_source,
        in_nav=True,
        nav_title=_nav_word("home"),
        preview=Preview.ALWAYS,
    ),
    PageKind(
        id=OPD_LIST,
        template="opd_list.html.j2",
        label="opd_list",
        over=Over.SITE,
        contexts=_site_page,
        path=_fixed(paths.OPD_LIST),
        title=_word,
        in_nav=True,
        nav_section="opd",
        preview=Preview.ALWAYS,
    ),
    PageKind(
        id=OPD,
        template="opd.html.j2",
        label="opd_short",
        over=Over.OPD,
        contexts=_opd,
        path=lambda c: paths.opd_page(c["opd"].id),
        title=lambda planning, c, word: c["opd"].name,
        source=_opd_source,
        in_nav=True,
        nav_section="opd",
        nav_title=lambda c, labels: c["opd"].label,
    ),
    PageKind(
        id=OPD_LEVEL,
        template="opd_level.html.j2",
        label="level",
        over=Over.OPD,
        contexts=_opd_level_pages,
        path=lambda c: paths.opd_level_page(c["opd"].id, c["level"].id),
        title=_opd_level_title,
        source=_opd_source,
    ),
    PageKind(
        id=CASCADING,
        template="cascading.html.j2",
        label="cascading",
        over=Over.OPD,
        contexts=_cascading,
        path=lambda c: paths.cascading_page(c["opd"].id),
        title=_word_and_opd,
        source=_opd_source,
    ),
    PageKind(
        id=PK,
        template="pk.html.j2",
        label="pk_year",
        over=Over.OPD,
        contexts=_pk,
        path=lambda c: paths.pk_page(c["opd"].id, c["year"]),
        title=_pk_title,
        source=_opd_source,
    ),
    PageKind(
        id=POSITION,
        template="position.html.j2",
        label="position",
        over=Over.OPD,
        contexts=_positions,
        path=lambda c: paths.position_page(c["opd"].id, c["position"].id),
        title=_position_title,
        source=_position_source,
    ),
    PageKind(
        id=POSITION_PK,
        template="pk_position.html.j2",
        label="pk_year",
        over=Over.OPD,
        contexts=_position_pks,
        path=lambda c: paths.position_pk_page(c["opd"].id, c["position"].id, c["year"]),
        title=_position_pk_title,
        source=_position_source,
        # One a year for every structural post: boilerplate that would crowd the results; the
        # position's own page (searched) lists them.
        searched=False,
    ),
    PageKind(
        id=ACTION_PLAN,
        template="action_plan.html.j2",
        label="action_plan",
        over=Over.OPD,
        contexts=_action_plans,
        path=lambda c: paths.action_plan_page(c["opd"].id, c["year"]),
        title=_pk_title,
        source=_opd_source,
    ),
    PageKind(
        id=OPD_QUALITY,
        template="quality_opd.html.j2",
        label="quality",
        over=Over.OPD,
        contexts=_opd_quality,
        path=lambda c: paths.quality_page(c["opd"].id),
        title=_word_and_opd,
    ),
    # Node and indicator pages are what a search for a code or a name should land on first;
    # OPD, level and cascading pages list the same text many times over.
    PageKind(
        id=NODE,
        template="node.html.j2",
        label="node",
        over=Over.NODE,
        contexts=_node,
        path=lambda c: paths.node_page(c["node"].id),
        title=lambda planning, c, word: c["node"].statement,
        source=lambda planning, c: c["node"].loc,
        search_boost=2.0,
    ),
    PageKind(
        id=INDICATOR,
        template="indicator.html.j2",
        label="indicator",
        over=Over.NODE,
        contexts=_indicators_of,
        path=lambda c: paths.indicator_page(c["indicator"].id),
        title=lambda planning, c, word: c["indicator"].name,
        source=lambda planning, c: c["indicator"].loc,
        search_boost=2.0,
    ),
    PageKind(
        id=INDICATOR_SUPPORT,
        template="indicator_support.html.j2",
        label="support_for",
        over=Over.NODE,
        contexts=_support_pages,
        path=lambda c: paths.indicator_support_page(c["indicator"].id, c["opd"].id),
        title=_support_title,
        source=lambda planning, c: c["indicator"].loc,
    ),
    _site_index(INDEX_IKU, "iku_index", _iku, paths.INDEX_IKU, "nav_iku"),
    _listing_part(INDEX_IKU_PART, IKU, "iku_index", paths.INDEX_IKU),
    _site_index(
        INDEX_INDICATORS,
        "all_indicators",
        _all_indicators,
        paths.INDEX_INDICATORS,
        "all_indicators",
    ),
    _listing_part(INDEX_INDICATORS_PART, INDICATORS, "all_indicators", paths.INDEX_INDICATORS),
    _site_index(
        INDEX_CROSSCUTTING, "cc_matrix", _site_page, paths.INDEX_CROSSCUTTING, "nav_crosscutting"
    ),
    _site_index(INDEX_CASCADING, "cascading", _cascading_index, paths.INDEX_CASCADING),
    _site_index(INDEX_CODES, "code_index", _codes, paths.INDEX_CODES, "nav_codes"),
    _listing_part(INDEX_CODES_PART, CODES, "code_index", paths.INDEX_CODES),
    PageKind(
        id=PROBLEMS,
        template="problems.html.j2",
        label="problems",
        over=Over.SITE,
        contexts=_problems,
        path=_fixed(paths.PROBLEMS),
        title=_word,
        source=lambda planning, c: c["themes"][0].loc,
        in_nav=True,
        nav_section="indexes",
        preview=Preview.ALWAYS,
    ),
    PageKind(
        id=PROBLEM,
        template="problem.html.j2",
        label="problem",
        over=Over.SITE,
        contexts=_problem_pages,
        path=lambda c: paths.problem_page(c["theme"].id),
        title=lambda planning, c, word: f"{word}: {c['theme'].theme}",
        source=lambda planning, c: c["theme"].loc,
        nav_owner=paths.PROBLEMS,
        preview=Preview.ALWAYS,
    ),
    PageKind(
        id=QUALITY,
        template="quality.html.j2",
        label="quality",
        over=Over.SITE,
        contexts=_site_page,
        path=_fixed(paths.QUALITY),
        title=_word,
        in_nav=True,
        nav_section="indexes",
        preview=Preview.NEVER,
    ),
    PageKind(
        id=DOWNLOADS,
        template="downloads.html.j2",
        label="downloads_page",
        over=Over.SITE,
        contexts=_site_page,
        path=_fixed(paths.DOWNLOADS),
        title=_word,
        in_nav=True,
        preview=Preview.ALWAYS,
    ),
)
"""Every kind of page, in page order (see :class:`Over`); the navigation lists the pages of
the kinds ``in_nav`` in this order too."""

BY_ID: dict[str, PageKind] = {kind.id: kind for kind in KINDS}


def kind(kind_id: str) -> PageKind:
    """The declared kind ``kind_id``; :class:`KeyError` for a kind nobody declared."""
    try:
        return BY_ID[kind_id]
    except KeyError:
        raise KeyError(f"no page kind {kind_id!r} is declared in core/site/kinds.py") from None
