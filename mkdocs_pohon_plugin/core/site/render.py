"""HTML for each planned page, from Jinja2 templates a site can override.

Templates live in ``mkdocs_pohon_plugin/templates/pohon/*.html.j2``; a ``custom_templates`` folder
is looked up first, so a site replaces one template by putting a file of the same name there.
``docs/templates.md`` lists every template and the context it receives.

Python computes data, the templates write every piece of markup. A page template gets the page's
context (``page.context``), the site-wide globals (``L``, ``site``, ``graph`` …) and ``h``, a
:class:`PageView` whose methods return data (names, numbers, lists, view objects). The few that
return markup take it from a template macro: links (``_link.html.j2``), lineage steps
(``_lineage.html.j2``) and headings (``_heading.html.j2``, after the heading's anchor is added to
the page's table of contents). Links and lineage steps are the same on every page (see
:data:`ROOT`), and most headings repeat from page to page, so each is rendered once for the whole
site and kept. ``_page.html.j2`` wraps the page template's output.

Pages are rendered straight to HTML (the body of Material's content column), not to Markdown: a
regency has about 20,000 pages and Python-Markdown would be most of the build. The MkDocs plugin
hands the HTML to MkDocs as the page content; ``pohon generate`` wraps it in a Markdown file
(front matter + one raw HTML block), which any Markdown site generator passes through unchanged.

Escaping: autoescape is on, so every value a template prints has ``<``, ``>``, ``&`` and quotes
turned into entities; a statement ``<script>alert(1)</script>`` shows as text. What the macros
return is :class:`markupsafe.Markup` and is printed as it is.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType
from typing import Any

from jinja2 import (
    BaseLoader,
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
)
from jinja2.runtime import Context
from jinja2.runtime import Macro as JinjaMacro
from markupsafe import Markup, escape

from ..review.history import Commit, History
from ..review.promises import Promises, signed_pk
from ..tree import budget as budgets
from ..tree import spec
from ..tree.check import logic_findings
from ..tree.diagnostics import RULES
from ..tree.model import (
    Crosscutting,
    Indicator,
    Node,
    Official,
    Opd,
    Position,
    ProblemTheme,
    Site,
    Value,
)
from ..tree.nomenclature import CODE_KIND_LABELS, code_kind
from . import paths
from .action_plans import (
    QuarterRow,
    cumulative,
    has_plan,
    plan_years,
    quarter_rows,
    quarterly_years,
)
from .capaian import (
    SUMMARY_KEYS,
    Achievement,
    band_summary,
    indicator_achievement,
    latest_achievement,
    latest_realised_year,
)
from .charts import (
    FULL,
    SMALL,
    SPARK,
    BandBar,
    TrendChart,
    band_bar,
    coord,
    short_number,
    trend_chart,
)
from .exports import xlsx_available
from .funding import Funding
from .labels import labels_for
from .lineage import Lineage, Step
from .lineage_groups import (
    DEFAULT_INLINE_LIMIT,
    LevelGroup,
    LineageCache,
    LineageSections,
    group_steps,
    support_steps,
)
from .listings import DEFAULT_INDEX_LIMIT
from .memo import LastOne, Memo
from .mermaid import (
    DEFAULT_LIMIT,
    Diagram,
    Legend,
    build_diagram,
    indicator_chain,
    node_neighbourhood,
)
from .pages import Page, SitePlan
from .positions import Party, PositionIndex, PositionView, first_party, second_party
from .problems import NodeCause, Problems, ThemeView, cause_anchor
from .promise_views import PkRevisionView, PromisesView, indicator_promises, pk_revision
from .quality import Quality, QualityReport, quality_of
from .redirects import Redirect

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "pohon"
BUILTIN_PREFIX = "pohon"
"""``pohon/node.html.j2`` always names the built-in template, even where a site's
``custom_templates`` has its own ``node.html.j2``: a site's template can include (or import
from) the built-in one and add to it instead of copying it."""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")
_LIST_START = re.compile(r"^([-+])(\s)|^(\d+)([.)])(\s)")
_TAGS = re.compile(r"<[^>]*>")
_NODE_FOLDER = paths.node_page("x").split("/", 1)[0]
"""The folder of the node pages (``node``)."""
_NODE_RUN = frozenset({"node", "indicator"})
"""The page kinds written one after the other for a node: its page, then its indicators'."""
ROOT = Markup("<@>")
"""Stands for the path from the page being rendered to the site root in every link
(``<@>node/x/``, :attr:`LinkView.href`); replaced once per page (``../../``). Data can never
produce it (every value is HTML-escaped, so ``<`` becomes ``&lt;``), and it makes a link's HTML
the same on every page, so the HTML of a node link or of a lineage step is rendered once for the
whole site."""
_INDONESIAN_SEPARATORS = str.maketrans(",.", ".,")
_SLUG_DROP = re.compile(r"[^\w\s-]")
_SLUG_JOIN = re.compile(r"[-\s]+")


def md_escape(text: str) -> str:
    """``text`` as inline Markdown that renders literally (HTML escaping is left to Jinja).

    Used where Pohon still writes Markdown: ``pohon diff`` reports and the *Perubahan* page."""
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


def slugify(text: str) -> str:
    """A heading anchor as Python-Markdown's ``toc`` extension makes it (ASCII, hyphens)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = _SLUG_DROP.sub("", value).strip().lower()
    return _SLUG_JOIN.sub("-", value) or "bagian"


def front_matter(title: str, boost: float | None = None) -> str:
    """YAML front matter naming the page's title, HTML-escaped.

    MkDocs would otherwise take the title from the first heading as plain text, and themes print
    ``page.title`` unescaped into ``<title>`` and the navigation: a statement ``<script>…`` would
    become markup there. JSON quoting makes the value valid YAML whatever it holds.
    """
    meta = f"title: {json.dumps(page_title(title))}\n"
    if boost is not None:  # Material's search ranks this page above pages that merely list it
        meta += f"search:\n  boost: {boost}\n"
    return f"---\n{meta}---\n\n"


def page_title(title: str) -> str:
    """A page title as themes print it (unescaped): the text on one line, HTML-escaped."""
    return str(escape(" ".join(str(title).split())))


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    return value


_BUDGET_LABELS = {
    budgets.PLAN: "budget_plan",
    budgets.ADOPTED: "budget_adopted",
    budgets.REVISED: "budget_revised",
    budgets.SPENT: "budget_spent",
}
"""The label of each budget kind's column (:mod:`..tree.budget`)."""


def format_number(value: int | float, language: str, decimals: int | None = None) -> str:
    """A number with thousands separators, Indonesian (``1.234,5``) or English (``1,234.5``)."""
    if decimals is not None:
        text = f"{value:,.{decimals}f}"
    elif isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,}"
    if language == "id":
        text = text.translate(_INDONESIAN_SEPARATORS)
    return text


@dataclass(slots=True)
class RenderOptions:
    language: str = "id"
    custom_templates: Path | None = None
    directory_urls: bool = True
    """Whether pages are published as ``node/x/`` (MkDocs' default) or ``node/x.html``: every
    link in the HTML is written for one of the two."""
    diagram_limit: int = DEFAULT_LIMIT
    xlsx: bool | None = None
    """Publish (and link) the cascading workbook; ``None``: when openpyxl is installed."""
    history: History | None = None
    """Last change of each node and indicator (from git); ``None``: not shown."""
    promises: Promises | None = None
    """Every change of each indicator's targets and realisations (from git, the history of
    promises, with the revision the site is built from); ``None``: not shown."""
    permalink: str | None = "&para;"
    """The permanent-link mark after each heading (HTML, as the ``toc`` extension's
    ``permalink``); ``None``: headings without one."""
    permalink_title: str = "Permanent link"
    lineage_inline_limit: int = DEFAULT_INLINE_LIMIT
    """Rows of an indicator's "Didukung oleh" written on its page; past it the deeper levels
    link to one support page per agency (:mod:`.lineage_groups`)."""
    template_cache: BytecodeCache | None = None
    """Compiled page templates kept between builds (``mkdocs serve`` rebuilds); ``None``: each
    build compiles them again."""
    index_inline_limit: int = DEFAULT_INDEX_LIMIT
    """Rows on one page of a site-wide listing (all indicators, codes); past it the listing is
    split into one page per agency, with a finder on the index (:mod:`.listings`)."""
    keep_lineages: bool = False
    """Keep every indicator's lineage for the whole build instead of the recent ones: what
    planning computed is reused when every page is hashed (``mkdocs serve``'s preview cache),
    at the cost of memory that grows with the site."""


@dataclass(slots=True)
class TocEntry:
    """One heading of a page: what MkDocs' table of contents is built from."""

    level: int
    id: str
    name: str
    """The heading's text, HTML-escaped."""
    children: list[TocEntry] = field(default_factory=list)

    def as_token(self) -> dict[str, Any]:
        """The entry as a Python-Markdown ``toc_tokens`` item (what ``mkdocs`` expects)."""
        return {
            "level": self.level,
            "id": self.id,
            "name": self.name,
            "children": [child.as_token() for child in self.children],
        }


@dataclass(slots=True)
class RenderedPage:
    page: Page
    html: str
    """The page body: what goes in the theme's content column."""
    toc: list[TocEntry]
    title: str
    """The title, HTML-escaped (see :func:`page_title`)."""
    search_boost: float | None = None

    @property
    def anchors(self) -> set[str]:
        found: set[str] = set()
        stack = list(self.toc)
        while stack:
            entry = stack.pop()
            found.add(entry.id)
            stack.extend(entry.children)
        return found

    def markdown(self) -> str:
        """The page as a Markdown file: front matter and the body as one raw HTML block."""
        return front_matter(self.page.title, self.search_boost) + self.html


def element_text(value: object) -> Markup:
    """``value`` escaped as element content: only ``&``, ``<`` and ``>``, as Python-Markdown
    writes a code block (a template filter, for the Mermaid source of a diagram)."""
    return Markup(html.escape(str(value), quote=False))


@dataclass(frozen=True, slots=True)
class LinkView:
    """A link to a page or a download: what the macros of ``_link.html.j2`` print."""

    url: str
    """The target's URL from the site root (``node/x/``, ``unduh/pohon.json``)."""
    text: str | Markup
    """The link text: plain text on one line (escaped when printed), or markup."""
    item: Node | Indicator | Opd | None = None
    """The node, indicator or agency linked to (``None`` for other links)."""

    @property
    def href(self) -> Markup:
        """The target as a page writes it: :data:`ROOT` and the URL (``<@>node/x/``)."""
        return ROOT + self.url


@dataclass(frozen=True, slots=True)
class StepView:
    """One step of an indicator's lineage: what ``_lineage.html.j2``'s ``step`` prints."""

    step: Step
    """The step itself (its ``relation``, ``distance``, ``via`` link …)."""
    indicator: Markup
    """The link to the step's indicator."""
    level: str
    """The name of the level of the node that carries the indicator."""
    node: Markup
    """The link to that node."""
    opd: Markup | None
    """For a step across agencies (``step.via`` set): the link to the node's agency (or the
    word for the regional government); ``None`` otherwise."""
    status: str | None
    """For a step across agencies: the crosscutting link's status, in words."""


@dataclass(frozen=True, slots=True)
class RowView:
    """One row of an indicator's grouped lineage: what ``_lineage.html.j2``'s ``row`` prints."""

    step: Step
    indicator: Markup
    """The link to the step's indicator."""
    node: Markup
    """The link to the node that carries it."""
    level: str | None
    """The node's level, in words (``None`` where the group already says it)."""
    opd: Markup | None
    """The link to the node's agency, or the word for the regional government (``None`` where
    the group already says it)."""
    status: str | None
    """For a step across a crosscutting link: the link's status, in words."""
    through: Markup | None
    """The link to the next indicator on the way to the subject (for a step further than one
    hop; in a chain upwards only where it is not the row before), ``None`` otherwise."""
    upwards: bool
    """Whether the row is in the chain upwards (``through`` is then the indicator below it,
    that it is reached through), not in "Didukung oleh"."""


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of the page: what ``_heading.html.j2``'s ``heading`` prints."""

    level: int
    """1 to 6 (``<h1>`` …)."""
    id: str
    """The anchor, unique on the page (as Python-Markdown's ``toc`` extension makes it)."""
    content: Markup
    """What the heading shows: escaped text, or markup such as a link."""
    permalink: Markup | None
    """The permanent-link mark from the site's ``toc`` settings (HTML); ``None``: none."""
    permalink_title: str
    """The permanent link's tooltip."""
    weight: float | None = None
    """The heading's weight in the search (Pagefind's ``data-pagefind-weight``, 0 to 10; an
    ``<h1>`` weighs 7 without one); ``None``: Pagefind's default for its level."""


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of a page's breadcrumb (``_breadcrumb.html.j2``): a node of the chain above the
    page, or the agency where the chain enters it."""

    short: str
    """The step named short: its level and number (``Misi 2``, ``Tujuan 2.1``,
    ``Sasaran Program``), or the agency's short name."""
    level: str
    """What the step is, before its link in the whole chain: the level and number, or the
    word for an agency."""
    link: Markup
    """The link to the node's page (its statement) or to the agency's page (its name)."""
    node: Node | None
    """The node (``None`` for the agency's step)."""


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    """Where a page sits in the tree: what ``_breadcrumb.html.j2`` prints."""

    compact: list[Crumb | None]
    """The steps shown on one short line: the first two, the agency and the last one, with
    ``None`` where steps in between are left out (``…``)."""
    full: list[Crumb]
    """Every step from the top of the tree down."""
    current: str
    """What the page itself is (the node's level, or the word for an indicator)."""


COMPACT_CRUMBS = 5
"""Breadcrumbs with more steps than this show only some of them on their short line."""


@dataclass(frozen=True, slots=True)
class Partner:
    """The other end of a crosscutting link, seen from one of its ends."""

    node: Node | None
    """The partner node, when the link names a node of the trees."""
    body: str | None
    """The outside body (``instansi``), when the link goes outside the regency."""
    id: str | None
    """The id the link names when it is neither (shown as written)."""


@dataclass(frozen=True, slots=True)
class CrosscuttingPair:
    """The crosscutting links from one agency (``sender``) to another (``receiver``; ``None``: an
    outside body), with the id of their first row in the list of links (``anchor``) and how many
    are agreed apart from the pending or rejected ones."""

    sender: str | None
    receiver: str | None
    anchor: str
    agreed: int
    other: int


MATRIX_FOLD_AGENCIES = 15
"""Past this many agencies the crosscutting matrix is folded (a closed ``<details>``, opened by
pohon.js on a wide screen once the page is ready): a phone does not lay its cells out while the
page loads. At full size (45 agencies: 45 × 46 cells) the matrix cost the emulated slow-4G phone
of ``benchmarks/bench_pages.py`` about a second of DOMContentLoaded (benchmarks/README.md); the
demo's nine agencies keep it open."""


@dataclass(frozen=True, slots=True)
class CrosscuttingMatrix:
    """The site's crosscutting links for the crosscutting matrix: ``cells`` by (sender,
    receiver), ``links`` grouped by pair in the order of the agencies (outside bodies last) and
    ``anchors``, the anchor of each pair's first link by its index in ``links``."""

    cells: dict[tuple[str | None, str | None], CrosscuttingPair]
    links: list[Crosscutting]
    anchors: dict[int, str]


@dataclass(frozen=True, slots=True)
class DiagramView:
    """A Mermaid diagram and the nodes that did not fit in it."""

    source: str
    """The Mermaid source (labels already escaped for Mermaid, see :mod:`.mermaid`)."""
    overflow: list[Node]
    """The nodes left out of the diagram (past ``diagram_limit``), to be listed below it."""
    legend: Legend
    """What the diagram draws (levels and their colours, focus, kinds of edge), for its legend."""


class PageContext(Context):
    """Jinja's template context with a shorter way to call what page templates call most:
    ``h``'s methods and macros. Neither takes the context or the environment, so Jinja's checks
    for ``pass_context`` and the like (a few attribute lookups on every call, a hundred calls
    and more on a page) are skipped; any other callable goes Jinja's way."""

    def call(__self, __obj: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        if type(__obj) is JinjaMacro or (
            isinstance(__obj, MethodType)
            and type(__obj.__self__) is PageView
            and not hasattr(__obj.__func__, "jinja_pass_arg")
        ):
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


class LabelWords(dict[str, str]):
    """The page words as templates read them (``L.node``): a dict whose words are attributes
    too, so Jinja finds ``L.node`` at its first try (on a plain dict it first tries an
    attribute, fails, then the item: several times slower, and a page reads a hundred words).
    A word whose key is a ``dict`` method's name (none today) stays an item only, as on a
    plain dict: ``L.get`` is the method."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__(words)
        reserved = set(dir(dict))
        self.__dict__.update(
            (key, value)
            for key, value in words.items()
            if key not in reserved and key.isidentifier()
        )


Macro = Callable[..., Markup]
"""A Jinja macro called from Python (it returns markup)."""


class Renderer:
    """Renders the pages of one :class:`SitePlan`; the Jinja environment is built once, and the
    links and lineage steps, the same on every page, are rendered once for the whole site."""

    def __init__(self, plan: SitePlan, options: RenderOptions | None = None) -> None:
        self.plan = plan
        self.options = options or RenderOptions()
        self.labels = labels_for(self.options.language, plan.result.site.scheme)
        self.xlsx = self.options.xlsx if self.options.xlsx is not None else xlsx_available()
        builtin = FileSystemLoader(str(BUILTIN_TEMPLATES))
        loaders: list[BaseLoader] = [PrefixLoader({BUILTIN_PREFIX: builtin}, delimiter="/")]
        if self.options.custom_templates is not None:
            loaders.append(FileSystemLoader(str(self.options.custom_templates)))
        loaders.append(builtin)
        self.env = Environment(
            loader=ChoiceLoader(loaders),
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            auto_reload=False,
            bytecode_cache=self.options.template_cache,
        )
        self.env.context_class = PageContext
        self.env.filters["element_text"] = element_text
        self.env.filters["coord"] = coord
        result = plan.result
        self.env.globals.update(
            L=LabelWords(self.labels),
            site=result.site,
            graph=result.graph,
            plan=plan,
            language=self.options.language,
            P=paths,
            XLSX=paths.EXPORT_XLSX if self.xlsx else None,
        )
        self.permalink = Markup(self.options.permalink) if self.options.permalink else None
        """The permalink mark: HTML by definition (the ``toc`` extension's ``permalink``)."""
        self._free_code_levels: dict[str, str] | None = None
        self._page_macro = _macro(
            self.env.get_template("_page.html.j2").module, "_page.html.j2", "page"
        )
        links = self.env.get_template("_link.html.j2").module
        self._link_macros: dict[str, Macro] = {
            name: _macro(links, "_link.html.j2", name)
            for name in ("link", "node", "indicator", "opd")
        }
        # A site's _lineage.html.j2 may define one of the two macros (``row`` is newer than
        # ``step``): the other stays the built-in one.
        lineage_macros = self.env.get_template("_lineage.html.j2").module
        builtin_lineage = self.env.get_template(f"{BUILTIN_PREFIX}/_lineage.html.j2").module
        self._step_macro, self._row_macro = (
            _macro(
                lineage_macros
                if callable(getattr(lineage_macros, name, None))
                else builtin_lineage,
                "_lineage.html.j2",
                name,
            )
            for name in ("step", "row")
        )
        self._heading_macro = _macro(
            self.env.get_template("_heading.html.j2").module, "_heading.html.j2", "heading"
        )
        self.lineages = plan.lineages or LineageCache(
            plan.result.graph, self.options.lineage_inline_limit
        )
        """Each indicator's lineage, funding and layout (the plan's, so the indicator pages
        link to the support pages it planned)."""
        self.rows: Memo[tuple[str, ...], Markup] = Memo()
        """Rendered rows of the grouped lineage, kept while recently used (:mod:`.memo`)."""
        self._numbers: dict[str, str | None] = {}
        self._urls: Memo[str, str] = Memo()
        self.links: Memo[tuple[str, str], Markup] = Memo()
        """Rendered links (with :data:`ROOT`) by kind and target (``("node", id)`` …), kept
        while recently used (:mod:`.memo`)."""
        self.headings: Memo[tuple[int, str, Markup, float | None], Markup] = Memo()
        """Rendered headings, kept while recently used (:mod:`.memo`)."""
        self.steps: Memo[tuple[str, str, str], Markup] = Memo()
        """Rendered lineage steps by indicator, node and crosscutting status, kept while
        recently used (:mod:`.memo`)."""
        self._quality: Quality | None = None
        self._positions: PositionIndex | None = None
        self._problems: Problems | None = None
        self._speed_memos()

    @property
    def positions(self) -> PositionIndex:
        """What each position (jabatan) answers for (:mod:`.positions`), computed on first use."""
        if self._positions is None:
            result = self.plan.result
            order = {node.id: i for i, (node, _depth) in enumerate(result.graph.walk())}
            self._positions = PositionIndex.build(result.site, result.graph, order)
        return self._positions

    @property
    def quality(self) -> Quality:
        """The check's quality warnings and the logic rules' findings (profile ``lke``, computed
        here, on first use, so a build that writes no Mutu Pohon page never pays for them) per
        agency and criterion (:mod:`.quality`)."""
        if self._quality is None:
            result = self.plan.result
            found = [*result.diagnostics, *logic_findings(result)]
            self._quality = quality_of(result, self.options.language, diagnostics=found)
        return self._quality

    @property
    def problems(self) -> Problems:
        """The problem trees with the nodes that work on each cause (:mod:`.problems`), built
        on first use."""
        if self._problems is None:
            self._problems = Problems(self.plan.result.site, self.plan.result.graph)
        return self._problems

    def free_code_level(self, code: str) -> str:
        """The name of the level whose free code ``code`` is ("" when no level has it); the
        site's free codes are gathered once."""
        if self._free_code_levels is None:
            site = self.plan.result.site
            self._free_code_levels = _free_code_levels(site, self.options.language)
        return self._free_code_levels.get(code, "")

    def _speed_memos(self) -> None:
        """The memos of what pages of one agency (or of the whole site) repeat (issue 19 item
        4): heading texts and anchors, level names, node diagrams, breadcrumbs."""
        self._year_macro: Macro | None = None
        self.heading_texts: Memo[str, tuple[str, str]] = Memo()
        """A heading's table-of-contents text and anchor (before numbering) by its markup."""
        self.level_names: dict[str, str] = {}
        """Each level's name in the site's language (a handful of levels)."""
        self.node_diagrams: LastOne[tuple[str, str], DiagramView] = LastOne()
        """A node's diagram by node and way up to the root (see :meth:`PageView.node_diagram`),
        shared by the pages of its indicators (written one after the other)."""
        self.year_tables: LastOne[str, dict[str, Markup]] = LastOne()
        """The tables of years of one node's indicators by indicator (:meth:`year_table`): the
        node's page renders them, its indicators' pages, written next, reuse them."""
        self.breadcrumbs: LastOne[tuple[str, str, bool], Breadcrumb] = LastOne()
        """The breadcrumb by node, current page's name and whether the node is in the chain (the
        same on the pages of a node's indicators; its links are the same on every page,
        :data:`ROOT`)."""

    def year_table(self, view: PageView, indicator: Indicator) -> Markup:
        """The ``indicator_years`` macro of ``_macros.html.j2`` (a site's, if it has one) for
        ``indicator``, kept in :attr:`year_tables` with the other tables of its node: what it shows (targets, realisations,
        capaian) is the same on every page, and it adds nothing to a page's table of
        contents."""
        node_id = self.plan.result.graph.indicator_node(indicator).id
        tables = self.year_tables.get(node_id)
        if tables is None:
            tables = self.year_tables[node_id] = {}
        found = tables.get(indicator.id)
        if found is None:
            if self._year_macro is None:
                module = self.env.get_template("_macros.html.j2").module
                self._year_macro = _macro(module, "_macros.html.j2", "indicator_years")
            found = tables[indicator.id] = self._year_macro(view, indicator)
        return found

    def _forget_node(self) -> None:
        """Drop what the pages of the last node shared (a page of another kind ends them)."""
        self.node_diagrams.clear()
        self.breadcrumbs.clear()
        self.year_tables.clear()

    def heading_text(self, html: Markup) -> tuple[str, str]:
        """A heading's text for the table of contents (links lose their tags, and the ROOT
        mark of their target, itself tag-like) and its anchor before numbering, kept in
        :attr:`heading_texts`."""
        found = self.heading_texts.get(html)
        if found is None:
            text = " ".join(_TAGS.sub("", str(html).replace(ROOT, "")).split())
            found = self.heading_texts[html] = (text, slugify(Markup(text).unescape()))
        return found

    def render_redirect(self, redirect: Redirect) -> str:
        """The whole HTML file of a former id's address (template ``redirect.html.j2``)."""
        return self.env.get_template("redirect.html.j2").render(redirect=redirect)

    def render(self, page: Page) -> RenderedPage:
        if page.kind not in _NODE_RUN:
            self._forget_node()
        view = PageView(self, page)
        body = self.env.get_template(page.template).render(page=page, h=view, **page.context)
        body = str(self._page_macro(page, Markup(body)))  # the template's output: markup
        body = body.replace(ROOT, view.linker.root)
        if not view.linker.root:  # a link to the home page from the home page itself
            body = body.replace(' href=""', ' href="./"')
        return RenderedPage(page, body, view.toc, page_title(page.title), page.search_boost)

    def title(self, page: Page) -> str:
        """The page's title as themes print it (see :func:`page_title`), without rendering."""
        return page_title(page.title)

    def lineage(self, indicator: Indicator) -> Lineage:
        return self.lineages.lineage(indicator)

    def number(self, node: Node) -> str | None:
        """A regional node's number in the tree (``2`` for the second misi, ``2.1`` for the
        first tujuan under it), counted among the siblings of its level in the trees' order;
        ``None`` for an agency's node and for an only child of an unnumbered parent."""
        if node.id in self._numbers:
            return self._numbers[node.id]
        number: str | None = None
        if node.opd_id is None:
            graph = self.plan.result.graph
            nodes = self.plan.result.site.nodes
            parent = nodes.get(node.parent_id) if node.parent_id else None
            if parent is not None:
                siblings = graph.child_nodes(parent.id)
            else:
                siblings = [nodes[root] for root in graph.roots if root in nodes]
            same = [n.id for n in siblings if n.level == node.level and n.opd_id is None]
            above = self.number(parent) if parent is not None else None
            place = same.index(node.id) + 1 if node.id in same else 1
            if above:
                number = f"{above}.{place}"
            elif len(same) > 1:
                number = str(place)
        self._numbers[node.id] = number
        return number

    def url(self, path: str) -> str:
        """The URL of a page or file, from the site root (cached)."""
        found = self._urls.get(path)
        if found is None:
            found = self._urls[path] = paths.page_url(path, self.options.directory_urls)
        return found

    def link(self, kind: str, view: LinkView) -> Markup:
        """The ``kind`` macro of ``_link.html.j2`` (``link``, ``node``, ``indicator``, ``opd``)
        applied to ``view``; callers keep the result in :attr:`links`."""
        return self._link_macros[kind](view)

    def heading(
        self, level: int, anchor: str, content: Markup, weight: float | None = None
    ) -> Markup:
        """The ``heading`` macro of ``_heading.html.j2`` applied to a :class:`Heading`, rendered
        once per distinct heading for the site (most headings repeat on every page of a kind)."""
        key = (level, anchor, content, weight)
        found = self.headings.get(key)
        if found is None:
            view = Heading(
                level, anchor, content, self.permalink, self.options.permalink_title, weight
            )
            found = self.headings[key] = self._heading_macro(view)
        return found

    def step(self, view: StepView) -> Markup:
        """The ``step`` macro of ``_lineage.html.j2`` applied to ``view``; callers keep the
        result in :attr:`steps`."""
        return self._step_macro(view)

    def row(self, view: RowView) -> Markup:
        """The ``row`` macro of ``_lineage.html.j2`` applied to ``view``; callers keep the
        result in :attr:`rows`."""
        return self._row_macro(view)


def _macro(module: object, template: str, name: str) -> Macro:
    found = getattr(module, name, None)
    if not callable(found):
        raise LookupError(f"template {template} has no macro {name!r}")
    return found  # type: ignore[no-any-return]  # jinja2's TemplateModule is untyped


def _free_code_levels(site: Site, language: str) -> dict[str, str]:
    """Each free code of the site (``kode: bebas`` levels) with its level's name."""
    levels = {level.id: level for level in site.levels if level.free_code}
    return {
        node.code: levels[node.level].label(language)
        for node in site.nodes.values()
        if node.code and node.level in levels
    }


class PageView:
    """``h`` in a template: the data a template asks for, bound to the page being rendered (for
    relative links and the page's table of contents).

    Methods return data (names, numbers, nodes, view objects), except the links (:meth:`node`,
    :meth:`indicator`, :meth:`opd`, :meth:`link`), the lineage steps (:meth:`lineage_items`) and
    :meth:`heading`, which return the markup of their macro (``_link.html.j2``,
    ``_lineage.html.j2``, ``_heading.html.j2``)."""

    def __init__(self, renderer: Renderer, page: Page) -> None:
        self.r = renderer
        self.page = page
        self.site = renderer.plan.result.site
        self.graph = renderer.plan.result.graph
        self.language = renderer.options.language
        self.L = renderer.labels
        self.linker = paths.Linker(page.path, renderer.options.directory_urls)
        self.toc: list[TocEntry] = []
        self._ids: set[str] = set()

    def last_change(self, item_id: str) -> Commit | None:
        history = self.r.options.history
        return history.last_change(item_id) if history is not None else None

    # -- headings and search facets --

    def heading(self, level: int, content: object, weight: float | None = None) -> Markup:
        """``<hN>`` with an anchor and a permalink (``_heading.html.j2``), added to the page's
        table of contents. ``content``: text, or markup such as a link."""
        html = content if isinstance(content, Markup) else escape(" ".join(str(content).split()))
        text, anchor = self.r.heading_text(html)
        if anchor in self._ids:
            number = 1
            while f"{anchor}_{number}" in self._ids:
                number += 1
            anchor = f"{anchor}_{number}"
        self._ids.add(anchor)
        entry = TocEntry(level, anchor, text)
        parent = self.toc
        while parent and parent[-1].level < level:
            parent = parent[-1].children
        parent.append(entry)
        return self.r.heading(level, anchor, html, weight)

    def facets(
        self,
        opd: Opd | None = None,
        level: str | None = None,
        years: Iterable[int] = (),
    ) -> list[tuple[str, str]]:
        """The search filters (Pagefind) of a page, as ``(filter, value)``: the agency, the
        level and the years."""
        facets = []
        if opd is not None:
            facets.append(("opd", opd.label))
        if level is not None:
            facets.append(("tingkat", self.level_name(level)))
        facets.extend(("tahun", str(year)) for year in sorted(set(years)))
        return facets

    def indicator_years(self, indicator: Indicator) -> Markup:
        """The indicator's targets, realisations and capaian per year: the ``indicator_years``
        macro of ``_macros.html.j2``, rendered once for the node's page and the indicator's
        (:meth:`Renderer.year_table`)."""
        return self.r.year_table(self, indicator)

    def target_years(self, indicator: Indicator) -> list[int]:
        return sorted({*indicator.targets, *indicator.realisations})

    def node_years(self, node: Node) -> list[int]:
        years = set(node.budget)
        for indicator in node.indicators:
            years.update(indicator.targets)
            years.update(indicator.realisations)
        return sorted(year for year in years if isinstance(year, int))

    # -- links --

    def link(self, path: str, text: object) -> Markup:
        """A link to a page (``.md`` source path) or a download (``link`` macro); ``text``:
        plain text, or markup."""
        label = text if isinstance(text, Markup) else " ".join(str(text).split())
        key = ("markup:" if isinstance(text, Markup) else "link:") + path, label
        found = self.r.links.get(key)
        if found is None:
            view = LinkView(self.r.url(path), label)
            found = self.r.links[key] = self.r.link("link", view)
        return found

    def node(self, node: Node | str | None) -> Markup:
        """The link to a node's page (``node`` macro); ``–`` for none, an unknown id as text."""
        if node is None:
            return escape("–")
        if isinstance(node, str):
            if node not in self.site.nodes:
                return escape(node)
            node = self.site.nodes[node]
        key = ("node", node.id)
        found = self.r.links.get(key)
        if found is None:
            url = self.r.url(paths.node_page(node.id))
            view = LinkView(url, " ".join(node.statement.split()), node)
            found = self.r.links[key] = self.r.link("node", view)
        return found

    def indicator(self, indicator: Indicator) -> Markup:
        """The link to an indicator's page (``indicator`` macro)."""
        key = ("indicator", indicator.id)
        found = self.r.links.get(key)
        if found is None:
            url = self.r.url(paths.indicator_page(indicator.id))
            view = LinkView(url, " ".join(indicator.name.split()), indicator)
            found = self.r.links[key] = self.r.link("indicator", view)
        return found

    def opd(self, opd: Opd | str | None) -> Markup:
        """The link to an agency's page (``opd`` macro); for none, the word for the regional
        government."""
        if opd is None:
            return escape(self.L["regional"])
        if isinstance(opd, str):
            opd = self.site.opds[opd]
        key = ("opd", opd.id)
        found = self.r.links.get(key)
        if found is None:
            url = self.r.url(paths.opd_page(opd.id))
            view = LinkView(url, " ".join(opd.label.split()), opd)
            found = self.r.links[key] = self.r.link("opd", view)
        return found

    def lineage_items(self, steps: Iterable[Step]) -> Markup:
        """The steps of a lineage, each as the ``step`` macro of ``_lineage.html.j2`` writes it
        (an ``<li>``), one after the other."""
        items = []
        rendered = self.r.steps
        for step in steps:
            via = step.via
            key = (step.indicator.id, step.node.id, via.status if via else "")
            found = rendered.get(key)
            if found is None:
                found = rendered[key] = self.r.step(self._step_view(step))
            items.append(found)
        return Markup("".join(items))  # markup from the macro, joined

    def _step_view(self, step: Step) -> StepView:
        via = step.via
        return StepView(
            step,
            self.indicator(step.indicator),
            self.level_name(step.node.level),
            self.node(step.node),
            self.opd(self.opd_of(step.node)) if via is not None else None,
            self.status(via.status) if via is not None else None,
        )

    def lineage_rows(self, steps: Iterable[Step], full: bool = False) -> Markup:
        """Rows of a grouped lineage (``row`` macro of ``_lineage.html.j2``, each an ``<li>``):
        the indicator, its node, across agencies the crosscutting status, and the indicator it
        supports on the way to the subject. ``full``: a list upwards (what the indicator
        supports), not grouped: with the level and agency too."""
        items = []
        rendered = self.r.rows
        previous = ""
        for step in steps:
            via = step.via
            # a chain upwards names the indicator below only where it is not the row before
            through = step.through if step.through and step.through != previous else ""
            previous = step.indicator.id if full else ""
            key = (
                "full" if full else "row",
                step.indicator.id,
                step.node.id,
                via.status if via else "",
                through,
            )
            found = rendered.get(key)
            if found is None:
                found = rendered[key] = self.r.row(self._row_view(step, full, through))
            items.append(found)
        return Markup("".join(items))  # markup from the macro, joined

    def _row_view(self, step: Step, full: bool, through_id: str) -> RowView:
        via = step.via
        through = self.site.indicators.get(through_id) if through_id else None
        return RowView(
            step,
            self.indicator(step.indicator),
            self.node(step.node),
            self.level_name(step.node.level) if full else None,
            self.opd(self.opd_of(step.node)) if full else None,
            self.status(via.status) if via is not None else None,
            self.indicator(through) if through is not None else None,
            full,
        )

    def lineage_sections(self, indicator: Indicator) -> LineageSections:
        """``Didukung oleh`` grouped by level and agency, and which groups moved to support
        pages (:mod:`.lineage_groups`)."""
        return self.r.lineages.sections(indicator)

    def support_page(self, indicator: Indicator, opd: Opd) -> str:
        """The source path of the page listing ``indicator``'s supporters in ``opd``."""
        return paths.indicator_support_page(indicator.id, opd.id)

    def support_groups(
        self, indicator: Indicator, opd: Opd
    ) -> tuple[list[LevelGroup], list[LevelGroup]]:
        """The declared and by-node supporters of ``indicator`` in ``opd``, grouped by level,
        every group open and written out (a support page)."""
        declared, by_node = support_steps(self.r.lineages.lineage(indicator), opd)
        grouped = group_steps(self.site, declared), group_steps(self.site, by_node)
        for group in [*grouped[0], *grouped[1]]:
            group.open = True
        return grouped

    def funding(self, indicator: Indicator) -> Funding:
        """The pagu behind ``indicator``, per year, and where it comes from."""
        return self.r.lineages.funding(indicator)

    def funding_rows(self, funding: Funding) -> list[tuple[int, int | float, int, int]]:
        """``(year, total pagu, sub kegiatan, agencies)`` for each year of the period (then any
        other year with a figure): the total and how many nodes and agencies it comes from."""
        period = self.years()
        years = [*period, *(year for year in funding.by_year if year not in period)]
        rows = []
        for year in years:
            funded = [node for node in funding.nodes if year in node.budget]
            opds = {node.opd_id for node in funded if node.opd_id}
            rows.append((year, funding.by_year.get(year, 0), len(funded), len(opds)))
        return rows

    def funding_by_opd(
        self, funding: Funding
    ) -> list[tuple[Opd | None, int, dict[int, int | float]]]:
        """When the sub kegiatan behind an indicator are too many to list on its page (past
        ``lineage_inline_limit``): per agency, how many and their pagu per year; empty
        otherwise (the page lists each sub kegiatan)."""
        if len(funding.nodes) <= self.r.lineages.limit:
            return []
        grouped: dict[str | None, tuple[Opd | None, list[Node]]] = {}
        for node in funding.nodes:
            entry = grouped.setdefault(node.opd_id, (self.opd_of(node), []))
            entry[1].append(node)
        return [
            (opd, len(nodes), {year: self.budget_sum(nodes, year) for year in self.years()})
            for opd, nodes in grouped.values()
        ]

    def opd_of(self, node: Node) -> Opd | None:
        return self.site.opds.get(node.opd_id) if node.opd_id else None

    def partner(self, link: Crosscutting, direction: str) -> Partner:
        """The other end of a crosscutting link (``direction``: ``sent`` or ``received``, as
        seen from the node the link is listed on)."""
        other = link.target_id if direction == "sent" else link.source_id
        if other and other in self.site.nodes:
            return Partner(self.site.nodes[other], None, None)
        return Partner(None, link.body or None, other or None)

    def official(self, official: Official | None) -> str | None:
        if official is None or not official.name:
            return None
        return f"{official.name} (NIP {official.nip})" if official.nip else official.name

    # -- words and numbers --

    def level_name(self, level_id: str) -> str:
        names = self.r.level_names
        found = names.get(level_id)
        if found is None:
            level = self.site.level(level_id)
            found = names[level_id] = level.label(self.language) if level is not None else level_id
        return found

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

    def is_code(self, code: str | None) -> bool:
        """Whether ``code`` is a well-formed Kemendagri code (shown as code, not as text)."""
        return code_kind(code) is not None if code else False

    def code_kind(self, code: str | None) -> str:
        kind = code_kind(code) if code else None
        if kind is None:
            return ""
        return self.L.get(kind, CODE_KIND_LABELS[kind])

    def code_system(self, code: str | None) -> str:
        """What a code is: its Kemendagri kind (``program`` …), or for a free code the name of
        the level whose code system it belongs to (``Intermediate Outcome``)."""
        if not code:
            return ""
        return self.code_kind(code) or self.r.free_code_level(code)

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

    def breadcrumb(self, node: Node, current: str, *, with_node: bool = False) -> Breadcrumb:
        """Where a page sits: the chain of nodes above ``node`` (and ``node`` itself with
        ``with_node``, on an indicator's page), with the agency where the chain enters one;
        ``current`` names the page itself. Kept in :attr:`Renderer.breadcrumbs` (the pages of
        a node's indicators show the same)."""
        key = (node.id, current, with_node)
        found = self.r.breadcrumbs.get(key)
        if found is None:
            found = self.r.breadcrumbs[key] = self._breadcrumb(node, current, with_node)
        return found

    def _breadcrumb(self, node: Node, current: str, with_node: bool) -> Breadcrumb:
        chain = self.ancestors(node) + ([node] if with_node else [])
        full: list[Crumb] = []
        owner: str | None = None
        entered: int | None = None
        for step in chain:
            if step.opd_id is not None and step.opd_id != owner:
                opd = self.site.opds.get(step.opd_id)
                if opd is not None:
                    entered = len(full) if entered is None else entered
                    link = self.link(paths.opd_page(opd.id), opd.name)
                    full.append(Crumb(opd.label, self.L["opd_short"], link, None))
            owner = step.opd_id
            level = self.level_name(step.level)
            number = self.r.number(step)
            short = f"{level} {number}" if number else level
            full.append(Crumb(short, short, self.node(step), step))
        if len(full) <= COMPACT_CRUMBS:
            return Breadcrumb(list(full), full, current)
        keep = {0, 1, len(full) - 1, entered if entered is not None else len(full) - 2}
        compact: list[Crumb | None] = []
        for index, crumb in enumerate(full):
            if index in keep:
                compact.append(crumb)
            elif compact and compact[-1] is not None:
                compact.append(None)
        return Breadcrumb(compact, full, current)

    def top_levels_heading(self) -> str:
        """The heading over the regional tree's top nodes and their regional children (the home
        page's "Visi dan Misi"), in the scheme's plural names: the two top regional levels."""
        regional = [level for level in self.site.levels if level.scope == "pemda"][:2]
        names = [level.plural_label(self.language) for level in regional]
        if len(names) == 2 and self.language == "en" and regional[1].plural_en:
            names[1] = (
                names[1][:1].lower() + names[1][1:]
            )  # English sentence case: "Vision and missions"
        return f" {self.L['and']} ".join(names) if names else self.L["regional_tree"]

    def regional_top(self) -> list[Node]:
        """The regional tree's roots (the visi, or whatever the scheme's top level is)."""
        return [n for n, depth in self.graph.walk() if depth == 0 and n.opd_id is None]

    def children(self, node: Node) -> list[Node]:
        return self.graph.child_nodes(node.id)

    def sent(self, node: Node) -> list[Crosscutting]:
        return self.graph.sent.get(node.id, [])

    def received(self, node: Node) -> list[Crosscutting]:
        return self.graph.received.get(node.id, [])

    def lineage(self, indicator: Indicator) -> Lineage:
        return self.r.lineage(indicator)

    def opd_sent(self, opd: Opd) -> list[Crosscutting]:
        return self.r.plan.sent_by_opd.get(opd.id, [])

    def opd_received(self, opd: Opd) -> list[Crosscutting]:
        return self.r.plan.received_by_opd.get(opd.id, [])

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
        """The agency's programs, in tree order: the nodes that carry a Kemendagri program
        code, and the nodes of a program level (a level whose code kind is ``program``) that
        carry money of some kind without such a code (an older RPJMD's programs)."""
        return budgets.program_nodes(self.opd_walk(opd), self.site.levels)

    def opd_program_budgets(self, opd: Opd) -> list[budgets.ProgramBudget]:
        """The agency's budget rows (:class:`~..tree.budget.ProgramBudget`): each program code
        with the nodes that carry it (several sasaran program may share one Kemendagri program),
        then each program without a code, by its statement."""
        return budgets.program_rows(self.opd_programs(opd))

    def budget_sum(self, nodes: Iterable[Node], year: int) -> int | float:
        """The adopted APBD murni (``anggaran``) of ``nodes`` in ``year``, 0 when none has it."""
        return self.total(node.budget.get(year) for node in nodes)

    def kind_sum(self, nodes: Iterable[Node], year: int, kind: spec.Field) -> int | float | None:
        """The sum of budget ``kind`` over ``nodes`` in ``year``; ``None`` (shown ``–``) when
        none has a number."""
        return budgets.kind_total(nodes, kind, year)

    def budget_plain(self, kinds: Sequence[spec.Field]) -> bool:
        """Whether a budget table shows the adopted budget alone (one figure per year, as
        before budget kinds existed)."""
        return len(kinds) == 1 and kinds[0].key == budgets.ADOPTED

    def budget_kinds(self, nodes: Iterable[Node]) -> list[spec.Field]:
        """The budget kinds a table of ``nodes`` shows (:func:`~..tree.budget.kinds_in`)."""
        return budgets.kinds_in(nodes)

    def budget_years(self, nodes: Iterable[Node]) -> list[int]:
        """The years of a budget table of ``nodes``: the baseline year when some node has money
        for it, then the period (:func:`~..tree.budget.years_of`)."""
        return budgets.years_of(nodes, self.site.years)

    def node_budget_years(self, node: Node) -> list[int]:
        """The years of ``node``'s own budget table: every year it has money of some kind."""
        years = {year for kind in budgets.KINDS for year in budgets.amounts(node, kind)}
        return sorted(year for year in years if isinstance(year, int))

    def budget_label(self, kind: spec.Field, kinds: Sequence[spec.Field]) -> str:
        """The heading of ``kind``'s column; the plain word for the budget when the adopted
        budget is the only kind shown (the table a reader of older trees knew)."""
        if len(kinds) == 1 and kind.key == budgets.ADOPTED:
            return self.L["budget"]
        return self.L[_BUDGET_LABELS[kind.key]]

    def budget_year(self, year: int) -> str:
        """A year in a budget table, the baseline year marked as such."""
        if len(self.site.years) and year == self.site.years.start - 1:
            return f"{year} {self.L['budget_baseline_year']}"
        return str(year)

    def has_spent(self, kinds: Sequence[spec.Field]) -> bool:
        """Whether ``kinds`` include the realisation (then the absorption is shown too)."""
        return any(kind.key == budgets.SPENT for kind in kinds)

    def absorption(self, nodes: Sequence[Node], year: int) -> str:
        """The money spent in ``year`` as a percentage of the adopted budget, or ``–``."""
        percent = budgets.absorption(nodes, year)
        return "–" if percent is None else format_number(percent, self.language, 2) + " %"

    def all_crosscutting(self) -> list[Crosscutting]:
        return [link for links in self.graph.sent.values() for link in links]

    def crosscutting_pairs(self) -> CrosscuttingMatrix:
        """The links grouped by sending and receiving agency (:class:`CrosscuttingMatrix`)."""
        nodes = self.site.nodes
        order = {opd_id: index for index, opd_id in enumerate(self.site.opds)}
        groups: dict[tuple[str | None, str | None], list[Crosscutting]] = {}
        for link in self.all_crosscutting():
            sender = nodes[link.source_id].opd_id if link.source_id in nodes else None
            target = nodes.get(link.target_id) if link.target_id else None
            groups.setdefault((sender, target.opd_id if target is not None else None), []).append(
                link
            )

        def rank(opd_id: str | None) -> int:
            return order.get(opd_id, len(order)) if opd_id is not None else len(order) + 1

        cells: dict[tuple[str | None, str | None], CrosscuttingPair] = {}
        links: list[Crosscutting] = []
        anchors: dict[int, str] = {}
        for key in sorted(groups, key=lambda pair: (rank(pair[0]), rank(pair[1]))):
            group = groups[key]
            anchor = f"cc-{key[0] or 'luar'}-{key[1] or 'luar'}"
            agreed = sum(1 for link in group if link.status == "disetujui")
            cells[key] = CrosscuttingPair(key[0], key[1], anchor, agreed, len(group) - agreed)
            anchors[len(links)] = anchor
            links.extend(group)
        return CrosscuttingMatrix(cells, links, anchors)

    def crosscutting_folded(self) -> bool:
        """Whether the crosscutting index folds its matrix (:data:`MATRIX_FOLD_AGENCIES`)."""
        return len(self.site.opds) > MATRIX_FOLD_AGENCIES

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
    ) -> DiagramView | None:
        """A Mermaid diagram of ``nodes`` (in priority order) and the nodes that did not fit;
        ``None`` without nodes."""
        if not nodes:
            return None
        diagram: Diagram = build_diagram(
            self.graph,
            nodes,
            href=lambda n: self.linker.url(paths.node_page(n.id)),
            focus=focus,
            limit=self.r.options.diagram_limit,
            direction=direction,
            caption=self.diagram_caption,
        )
        return DiagramView(diagram.source, diagram.overflow, diagram.legend)

    def diagram_caption(self, node: Node) -> str:
        """The second line of a node's box: its level and, for an agency's node, the agency's
        short name (``Sasaran Program · Dinkes``)."""
        opd = self.opd_of(node)
        level = self.level_name(node.level)
        return f"{level} · {opd.label}" if opd is not None else level

    def chain_diagram(self, indicator: Indicator) -> DiagramView | None:
        """The indicator's declared chain (:func:`.mermaid.indicator_chain`); ``None`` when it
        has none."""
        chain = indicator_chain(
            self.graph,
            self.r.lineages.lineage(indicator),
            href=lambda ind: self.linker.url(paths.indicator_page(ind.id)),
            more=self.L["lineage_more"],
        )
        return DiagramView(chain.source, [], chain.legend) if chain is not None else None

    # -- problem trees (Akar Masalah) --

    def problem(self, theme: ProblemTheme) -> ThemeView:
        """A theme's Akar Masalah page: its causes with who works on them, and its diagram."""
        return self.r.problems.theme(theme, self.L)

    def problem_summary(self, view: ThemeView) -> str:
        """The summary of a theme's root causes (12 akar masalah: 11 ditangani, 1 belum)."""
        return (
            self.L["problem_summary"]
            .replace("#", str(len(view.roots)))
            .replace("@", str(view.addressed))
            .replace("%", str(len(view.unaddressed)))
        )

    def node_causes(self, node: Node) -> list[NodeCause]:
        """The causes a node addresses (``menangani``), each with its theme."""
        if not node.addresses:
            return []
        return self.r.problems.of_node(node)

    def cause_url(self, found: NodeCause) -> str:
        """The link to a cause's row on its theme's page."""
        url = self.linker.url(paths.problem_page(found.theme.id))
        return f"{url}#{cause_anchor(found.cause)}"

    def node_diagram(self, node: Node) -> DiagramView | None:
        """The diagram of a node's neighbourhood, ``node`` outlined. Its boxes link to node pages
        (``node/…``): from a page outside ``node/`` such a link is the way up to the root and
        the target, the same for every page at that depth, so the pages of a node's indicators
        share one (:attr:`Renderer.node_diagrams`)."""
        base = self.linker.base
        if base and base[0] == _NODE_FOLDER:
            return self._node_diagram(node)
        key = (node.id, self.linker.root)
        found = self.r.node_diagrams.get(key)
        if found is None:
            made = self._node_diagram(node)
            if made is None:
                return None
            found = self.r.node_diagrams[key] = made
        return found

    def _node_diagram(self, node: Node) -> DiagramView | None:
        return self.diagram(node_neighbourhood(self.graph, node.id), focus=node.id)

    def regional_diagram(self) -> DiagramView | None:
        regional = [n for n, _depth in self.graph.walk() if n.opd_id is None]
        return self.diagram(regional, direction="LR")  # wide trees read left to right

    def opd_diagram(self, opd: Opd) -> DiagramView | None:
        tops = self.graph.opd_top_nodes(opd.id)
        parents = [self.site.nodes[n.parent_id] for n in tops if n.parent_id in self.site.nodes]
        below = [child for top in tops for child in self.graph.child_nodes(top.id)]
        return self.diagram([*parents, *tops, *below], direction="LR")

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
        strategic = {level.id for level in self.site.levels if level.on_pk}
        walk = self.opd_walk(opd)
        chosen = [n for n in walk if n.level in strategic]
        return chosen or self.graph.opd_top_nodes(opd.id)

    # -- quarterly targets and the action plan (:mod:`.action_plans`) --

    def action_plan_years(self, opd: Opd) -> list[int]:
        """The years of the agency's Rencana Aksi pages: those in which one of its indicators
        has quarterly targets or an action plan."""
        nodes = self.site.nodes
        return plan_years(nodes[node_id] for node_id in opd.node_ids if node_id in nodes)

    def quarterly_years(self, indicator: Indicator) -> list[int]:
        """The years the indicator's page shows quarters for."""
        return quarterly_years(indicator)

    def has_quarter_plan(self, indicator: Indicator) -> bool:
        """Whether the indicator has quarterly targets or an action plan (its page then shows
        the quarters with their targets and capaian, else only the quarterly realisation)."""
        return bool(indicator.quarterly_targets or indicator.action_plan)

    def has_plan(self, indicator: Indicator, year: int) -> bool:
        return has_plan(indicator, year)

    def quarter_rows(self, indicator: Indicator, year: int) -> list[QuarterRow]:
        return quarter_rows(indicator, year)

    def quarter_name(self, key: str) -> str:
        """``TW II`` (``Q2`` in English) for ``tw2``."""
        label = spec.QUARTER_TARGETS_SPEC.by_key[key].label
        assert label is not None
        return label[1] if self.language == "en" else label[0]

    def quarterly_basis(self, indicator: Indicator) -> str:
        """How the indicator's quarters relate to the year, in words."""
        return self.L["cumulative" if cumulative(indicator) else "per_quarter"]

    def pk_years(self, opd: Opd) -> list[int]:
        """The years of the agency's Perjanjian Kinerja pages: none for an agency with nothing
        to agree (no node)."""
        return list(self.site.years) if opd.node_ids else []

    def pk_second_party(self, opd: Opd) -> str:
        """Who signs the agency's Perjanjian Kinerja as second party: the ``pihak_kedua`` of the
        level of its agreed targets when the scheme names one, else the regional head, else the
        scheme's word for the head (Kepala Daerah, Pimpinan Instansi)."""
        for node in self.pk_nodes(opd):
            level = self.site.level(node.level)
            if level is not None and level.pk_signer:
                return level.pk_signer
        region = self.site.region
        return region.head if region and region.head else self.L["head"]

    def pk_signed(self, opd: Opd, year: int) -> bool:
        """Whether the agency file says the PK of ``year`` carries the parties' signatures."""
        return signed_pk(opd, year) is not None

    def pk_revision(self, opd: Opd, year: int) -> PkRevisionView | None:
        """The revision the PK of ``year`` is built from, and the targets of that year changed
        after its signing (``_promises.html.j2``); ``None`` without git history."""
        indicators = [ind for node in self.pk_nodes(opd) for ind in node.indicators]
        return pk_revision(self.r.options.promises, opd, year, indicators)

    def promises(self, indicator: Indicator) -> PromisesView | None:
        """The indicator's history of promises (``_promises.html.j2``); ``None`` without git
        history."""
        return indicator_promises(self.r.options.promises, indicator, self.L)

    def indicator_owners(self, nodes: Iterable[Node]) -> bool:
        """Whether some indicator of ``nodes`` names its own owner (``penanggung_jawab``)."""
        return any(ind.responsible for node in nodes for ind in node.indicators)

    def pk_head(self, opd: Opd) -> tuple[str, str | None, str | None]:
        """The agency head's position, name and NIP (from the top node the head is responsible
        for, when the trees record the official)."""
        position = opd.head or f"{self.L['opd_head']} {opd.name}"
        for node in self.graph.opd_top_nodes(opd.id):
            official = node.official
            if official and official.name and (not opd.head or node.responsible == opd.head):
                return position, official.name, official.nip
        return position, None, None

    # -- positions (jabatan, ``position.html.j2``, ``pk_position.html.j2``) --

    def position(self, position: Position | str | None) -> Markup:
        """The link to a position's page, named by the position; an unknown id as text."""
        if position is None:
            return escape("–")
        if isinstance(position, str):
            found = self.site.positions.get(position)
            if found is None:
                return escape(position)
            position = found
        return self.link(paths.position_page(position.opd_id, position.id), position.name)

    def position_view(self, position: Position) -> PositionView | None:
        """What the position answers for, the chain above it and the positions below it."""
        return self.r.positions.view(position)

    def positions(self, opd: Opd) -> list[PositionView]:
        """The agency's positions, each after its superior (the head first)."""
        return self.r.positions.of_opd(opd)

    def position_roots(self, opd: Opd) -> list[PositionView]:
        """The agency's positions at the top of its hierarchy (the head)."""
        return self.r.positions.roots(opd)

    def position_children(self, view: PositionView) -> list[PositionView]:
        return self.r.positions.children(view)

    def position_holder(self, position_id: str | None) -> str | None:
        """The holder of the position ``position_id`` (name and NIP), when recorded."""
        position = self.site.positions.get(position_id) if position_id else None
        return self.official(position.official) if position is not None else None

    def position_parties(self, position: Position) -> tuple[Party, Party]:
        """The first party (the holder) and the second party (the superior position's holder;
        for the agency's head, the agency PK's second party) of the position's PK."""
        second = second_party(position, self.site.positions, self.pk_second_party_of(position))
        return first_party(position), second

    def pk_second_party_of(self, position: Position) -> str:
        opd = self.site.opds.get(position.opd_id)
        return self.pk_second_party(opd) if opd is not None else self.L["head"]

    # -- charts (``_charts.html.j2``) --

    def chart_number(self, value: float) -> str:
        """A number as a chart writes it in the picture (``1,5 jt``, see
        :func:`.charts.short_number`); the text beside a chart writes numbers in full."""
        words = (self.L["num_thousand"], self.L["num_million"], self.L["num_billion"])
        return short_number(value, self.language, (*words, self.L["num_trillion"]))

    def trend_chart(self, indicator: Indicator, size: str = "full") -> TrendChart | None:
        """Target against realisation of ``indicator`` over the period, as geometry for
        ``_charts.html.j2`` (``size``: ``full``, ``small`` or ``spark``); ``None`` for a
        qualitative indicator (text values are never drawn)."""
        layout = {"full": FULL, "small": SMALL, "spark": SPARK}[size]
        return trend_chart(indicator, self.site.years, self.chart_number, layout)

    def trend_charts(
        self, indicators: Iterable[Indicator], size: str = "small"
    ) -> list[tuple[Indicator, TrendChart]]:
        """The charts of ``indicators`` that have numbers (qualitative ones are left out)."""
        charts = ((indicator, self.trend_chart(indicator, size)) for indicator in indicators)
        return [(indicator, chart) for indicator, chart in charts if chart is not None]

    def band_chart(self, opd: Opd) -> BandBar | None:
        """The agency's capaian band summary in the latest year with a realisation, as a
        stacked bar; ``None`` before any realisation."""
        indicators = self.opd_indicators(opd)
        year = latest_realised_year(indicators)
        if year is None:
            return None
        counts = band_summary(indicators, year)
        return band_bar([(key, counts[key]) for key in SUMMARY_KEYS], year)

    # -- Mutu Pohon (:mod:`.quality`) --

    def quality(self, opd: Opd | None = None) -> QualityReport:
        """The quality findings of an agency, per criterion; the regional tree's for none."""
        return self.r.quality.report(opd)

    def quality_site(self) -> Quality:
        """The quality findings of the whole site (every agency and the regional tree)."""
        return self.r.quality

    def quality_disabled(self) -> list[tuple[str, str]]:
        """The quality rules the site switches off (``aturan_nonaktif``), as ``(rule id,
        summary)``: their findings are not on the Mutu Pohon pages."""
        rules = (RULES.get(rule_id) for rule_id in self.site.settings.disabled_rules)
        return [
            (rule.id, rule.summary(self.language))
            for rule in rules
            if rule is not None and rule.criterion is not None
        ]
