"""Every place where Pohon relies on MkDocs or Material behaviour that is not public API.

The plugin is otherwise written against MkDocs' documented plugin events and structures. The few
things below are not documented (private attributes, how the build calls a page, the shape of
the plugin collection, what Material's templates test): each is one small function with a
comment on what it relies on and why Pohon needs it, and ``tests/test_mkdocs_internals.py``
(``tests/test_mkdocs_internals_templates.py`` for the theme templates) checks each against the
installed MkDocs and Material, so an upgrade that changes one fails there, loudly, with the
function's name.

Relied on, without a function of its own: MkDocs' build calls ``page.read_source(config)`` and
then ``page.render(config, files)`` on the page ``on_pre_page`` returned
(``mkdocs.commands.build._populate_page``); :class:`~.rendered_page.PohonPage` overrides both.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

MATERIAL_SEARCH = "material/search"
"""The name Material's search plugin has in ``config.plugins`` (``search`` in ``mkdocs.yml``)."""


def become(page: Page, cls: type[Page]) -> None:
    """Make MkDocs' ``page`` an instance of ``cls``, a subclass of :class:`Page` that adds
    methods and class-level annotations only.

    Relies on: MkDocs creating the ``Page`` objects itself (in ``get_navigation``) and handing
    the same object to every event, and ``Page`` having no ``__slots__``, so ``__class__`` can be
    assigned. Pohon needs it because no event lets a plugin choose the class of a page, and a
    generated page must skip Python-Markdown (about 40 % of a big build)."""
    if not issubclass(cls, type(page)):
        raise TypeError(f"{cls.__name__} is not a subclass of {type(page).__name__}")
    page.__class__ = cls


def skip_markdown(page: Page) -> None:
    """Leave ``page`` as ``Page.render`` would leave a page with an empty body, without running
    Python-Markdown: no content, no title from the Markdown, no anchors, no links to anchors.

    Relies on: ``Page._title_from_render`` (private; the first heading's title, which
    ``Page.title`` uses when ``meta`` has none), ``Page.present_anchor_ids`` and
    ``Page.links_to_anchors`` (undocumented; MkDocs validates anchor links with them after the
    pages are rendered, and ``None`` means "not rendered")."""
    page.content = ""
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


@dataclass(frozen=True, slots=True)
class MarkdownRender:
    """What ``Page.render`` left on a page of the site's own (:func:`markdown_render`)."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str] | None
    links: dict[str, dict[str, str]] | None
    """The page's links to anchors of other pages, by the linked file's source path."""


def markdown_render(page: Page) -> MarkdownRender:
    """What ``Page.render`` left on ``page``, to leave it again on the same page of a later
    build (:func:`restore_markdown_render`).

    Relies on: ``Page.render`` (MkDocs 1.6) setting ``content``, ``toc``, ``_title_from_render``
    (private: the first heading's title), ``present_anchor_ids`` and ``links_to_anchors``
    (undocumented; ``{File: {anchor: link}}``) and nothing else on the page. Pohon needs it in
    ``mkdocs serve``: Python-Markdown converting the site's own pages again after every edit of a
    tree is a third of a preview of the demo."""
    links = page.links_to_anchors
    return MarkdownRender(
        content=page.content or "",
        toc=page.toc,
        title=page._title_from_render,
        anchors=frozenset(page.present_anchor_ids) if page.present_anchor_ids is not None else None,
        links={file.src_uri: dict(found) for file, found in links.items()}
        if links is not None
        else None,
    )


def restore_markdown_render(page: Page, rendered: MarkdownRender, files: Files) -> None:
    """Leave ``page`` as ``Page.render`` left it in an earlier build (:func:`markdown_render`),
    its links to anchors pointing at this build's files (same relies-on)."""
    page.content = rendered.content
    page.toc = rendered.toc
    page._title_from_render = rendered.title
    page.present_anchor_ids = set(rendered.anchors) if rendered.anchors is not None else None
    if rendered.links is None:
        page.links_to_anchors = None
        return
    links = {}
    for src_uri, found in rendered.links.items():
        file = files.get_file_from_path(src_uri)
        if file is not None:
            links[file] = dict(found)
    page.links_to_anchors = links


def set_anchors(page: Page, anchors: AbstractSet[str]) -> None:
    """Tell MkDocs which anchors ``page`` has, so links to them from other pages validate.

    Relies on: ``Page.present_anchor_ids`` (undocumented), which ``Page.validate_anchor_links``
    of the linking page reads, testing membership only: a ``frozenset`` shared by pages with the
    same anchors does."""
    page.present_anchor_ids = anchors  # type: ignore[assignment]  # MkDocs types it as set[str]


def table_of_contents(tokens: Iterable[dict[str, Any]]) -> TableOfContents:
    """A page's table of contents from toc tokens (Python-Markdown's ``toc_tokens`` shape:
    ``level``, ``id``, ``name``, ``children``).

    Relies on: ``mkdocs.structure.toc.get_toc`` (undocumented), the function ``Page.render``
    uses, so the theme gets the same ``TableOfContents`` as for a Markdown page."""
    return get_toc(list(tokens))  # type: ignore[arg-type]  # MkDocs types it as its private _TocToken


def skip_theme_template(env: jinja2.Environment, page: Page) -> None:
    """Make MkDocs build ``page`` with an empty template instead of the theme's (``main.html``):
    the plugin's ``on_post_page`` hands MkDocs the HTML to write.

    Relies on: MkDocs' ``_build_page`` (``mkdocs.commands.build``), after ``on_env``, choosing the
    template with ``env.get_template(page.meta.get("template", "main.html"))``, and Jinja's
    ``get_template`` returning a :class:`jinja2.Template` it is given as is. Pohon needs it in
    ``mkdocs serve``: a page in the navigation that an edit left unchanged must stay in the build
    (MkDocs makes the navigation from its pages), but rendering Material's template for it again
    is most of what it costs."""
    page.meta["template"] = env.from_string("")


def share_theme_listing(
    config: MkDocsConfig,
    listings: dict[str, list[str]],
    cache: jinja2.BytecodeCache,
    fresh: AbstractSet[str],
) -> None:
    """Make the Jinja environments the theme gives for the rest of this build keep compiled
    templates in ``cache`` and list the files of the theme's folders, except those in ``fresh``,
    from ``listings`` (a folder's files, walked the first time it is listed).

    Relies on: the build getting its environment from ``config.theme.get_env()`` after
    ``on_pre_build`` (``mkdocs.commands.build.build``; an attribute of the ``Theme`` instance, so
    one set on the instance wins), then listing the theme's static files with
    ``env.list_templates(filter_func=...)`` (``Files.add_files_from_theme``), and Jinja's
    ``FileSystemLoader.list_templates`` being the sorted union of each search path folder's
    files. Pohon needs it in ``mkdocs serve``: walking Material's 14,500 files again on every
    rebuild is a tenth of a preview; an installed theme changes only when it is upgraded, and
    ``mkdocs serve`` restarted (the site's ``custom_dir`` and Pohon's folders are in ``fresh``)."""
    theme = config.theme
    original = theme.get_env

    def get_env() -> jinja2.Environment:
        env = original()
        env.bytecode_cache = cache
        loader = env.loader
        if not isinstance(loader, jinja2.FileSystemLoader):
            return env

        def list_templates(
            extensions: Iterable[str] | None = None,
            filter_func: Callable[[str], bool] | None = None,
        ) -> list[str]:
            def chosen(names: Iterable[str]) -> list[str]:
                found = list(names)
                if extensions is not None:
                    wanted = set(extensions)
                    found = [n for n in found if "." in n and n.rsplit(".", 1)[1] in wanted]
                if filter_func is not None:
                    found = [n for n in found if filter_func(n)]
                return found

            # MkDocs' filter (``add_files_from_theme``) is the same function each build and
            # depends on the theme's ``static_templates`` only: an installed folder's files
            # are filtered once for it (fnmatch over 14,500 names is most of the listing).
            key = (
                getattr(filter_func, "__code__", filter_func),
                tuple(sorted(theme.static_templates)),
                tuple(extensions or ()),
            )
            names: set[str] = set()
            for folder in loader.searchpath:
                if folder in fresh:
                    names.update(chosen(jinja2.FileSystemLoader(folder).list_templates()))
                    continue
                name = f"{folder}\0{hash(key)}"
                if name not in listings:
                    listings[name] = chosen(jinja2.FileSystemLoader(folder).list_templates())
                names.update(listings[name])
            return sorted(names)

        env.list_templates = list_templates  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def drop_event_handlers(config: MkDocsConfig, event: str, plugin: BasePlugin[Any]) -> None:
    """Stop ``plugin`` from handling ``event`` (``page_context``) in this build, leaving it in
    ``config.plugins`` for everything else.

    Relies on: ``PluginCollection.events``, a dict from event name (without ``on_``) to the list
    of bound methods MkDocs calls (undocumented). Pohon needs it so that Material's search
    plugin, kept for its search box, does not index pages that Pagefind indexes."""
    handlers = config.plugins.events[event]
    handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]


class SearchBoxOnly:
    """Stands in ``config.plugins`` for Material's search plugin on a site without one: it
    handles no event, so nothing of Material's search runs."""

    def __init__(self) -> None:
        self.config = {"enabled": True}


def show_material_search_box(config: MkDocsConfig) -> BasePlugin[Any] | None:
    """Make Material's header show its search box; the site's search plugin, or ``None`` when
    the site has none (a :class:`SearchBoxOnly` stands in for it then).

    Relies on: Material's ``partials/header.html`` showing the box only when
    ``"material/search" in config.plugins`` and that plugin's ``config.enabled`` is true.
    Pohon needs the box for Pagefind's answers, with or without Material's search plugin."""
    search = config.plugins.get(MATERIAL_SEARCH)
    if search is None:
        config.plugins[MATERIAL_SEARCH] = SearchBoxOnly()  # type: ignore[assignment]
        return None
    return None if isinstance(search, SearchBoxOnly) else search


def add_theme_dir(config: MkDocsConfig, folder: str) -> None:
    """Put ``folder`` into the theme's template path after the site's ``custom_dir`` (the
    site's own templates still win) and before the theme's own.

    Relies on: ``Theme.dirs`` being read when the build creates the Jinja environment
    (``Theme.get_env``, after ``on_config``), with ``custom_dir`` first when the site has one.
    Pohon needs it to answer Material's search box with Pagefind (``partials/search.html``)."""
    dirs = config.theme.dirs
    if folder not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, folder)


MATERIAL_MERMAID_CONTRACT = (
    'typeof mermaid=="undefined"',
    "mermaid.initialize(",
    "mermaid.render(",
    '"pre.mermaid"',
)
"""What Material's script does with Mermaid, as its minified bundle spells it."""


def material_mermaid_contract(bundle: str) -> list[str]:
    """The parts of :data:`MATERIAL_MERMAID_CONTRACT` missing from Material's script ``bundle``
    (the text of ``assets/javascripts/bundle.*.min.js``); none when it still works as relied on.

    Relies on: Material rendering each ``pre.mermaid`` of a page at DOMContentLoaded through a
    global ``mermaid`` (loaded from a CDN only when there is none): ``mermaid.initialize(settings)``
    once, then ``mermaid.render(id, text)`` resolving to ``{svg, fn}``. Pohon's script
    (``assets/pohon-mermaid.js``) stands in for that global before then, so Mermaid comes from
    the site, only when a diagram nears the screen, and diagrams of the plugin are drawn top-down
    on a narrow screen."""
    return [part for part in MATERIAL_MERMAID_CONTRACT if part not in bundle]


def keep_search_entries(config: MkDocsConfig, previous: Path | list[Any], urls: set[str]) -> int:
    """Add to Material's search index of this build the entries of the pages at ``urls`` from
    the index ``previous`` (a ``search_index.json`` Material wrote, or its entries as
    :func:`read_search_entries` gives them); how many were added.

    Relies on: Material's search plugin keeping the entries of the build's index as dicts in
    ``plugin.search_index.entries`` (created in its ``on_config``, written in its
    ``on_post_build``), each with a ``location`` that is the page's URL, followed by ``#`` and an
    anchor for a section. Pohon needs it in ``mkdocs serve``: a page reused from the previous
    build is not rendered again, so Material's plugin does not see it."""
    search = config.plugins.get(MATERIAL_SEARCH)
    index = getattr(search, "search_index", None)
    entries = getattr(index, "entries", None)
    if not isinstance(entries, list):
        return 0
    kept = previous if isinstance(previous, list) else read_search_entries(previous)
    if kept is None:
        return 0
    added = [
        entry
        for entry in kept
        if isinstance(entry, dict) and str(entry.get("location", "")).split("#", 1)[0] in urls
    ]
    entries.extend(added)
    return len(added)


def read_search_entries(index: Path) -> list[Any] | None:
    """The entries (``docs``) of the search index ``index`` Material wrote; ``None`` when it
    cannot be read."""
    try:
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
    except (OSError, ValueError, AttributeError):
        return None
    return docs if isinstance(docs, list) else None


def template_from(env: Any, name: str, folders: Iterable[Path]) -> bool:
    """Whether the theme's template ``name`` is found in one of ``folders`` (Material's own:
    :func:`material_templates`), not in a site's ``custom_dir`` or another folder before them.

    Relies on: MkDocs' theme environment loading templates with a ``FileSystemLoader`` over
    ``Theme.dirs`` (``Theme.get_env``), whose ``get_source`` names the file it found. Pohon needs
    it so that :mod:`.nav_cache` caches only partials whose behaviour it knows."""
    try:
        _source, filename, _uptodate = env.loader.get_source(env, name)
    except jinja2.TemplateNotFound:
        return False
    if filename is None:
        return False
    found = Path(filename).resolve()
    return any(found.is_relative_to(folder.resolve()) for folder in folders)


def material_templates() -> Path | None:
    """The folder of Material's own templates; ``None`` without Material.

    Relies on: Material's templates being in the ``templates`` folder of its package
    (``material/templates``, the theme's ``dirs`` entry)."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "templates"


def wrap_template(
    env: jinja2.Environment,
    name: str,
    wrapper: Callable[[Callable[[Any], Iterator[str]], Any], Iterator[str]],
    block: str | None = None,
) -> bool:
    """Make every ``{% include name %}`` of this build call ``wrapper(render, context)`` instead
    of the template's own ``render(context)`` (with ``block``: every rendering of that block of
    the template ``name``); whether it could.

    Relies on: Jinja's compiled ``include`` calling ``environment.get_template(name)`` and then
    its ``root_render_func`` (an attribute of ``jinja2.Template``); a template that
    ``{% extends name %}`` taking the blocks from ``get_template(name).blocks`` each time it is
    rendered; and MkDocs' environment (``auto_reload=False``) handing out the template object
    loaded here while its cache keeps it. Should Jinja drop it from its cache (400 templates),
    the template is loaded again and rendered as usual: the output is the same, only slower.
    Pohon needs it to render Material's navigation once for every generated page that shows
    the same one (:mod:`.nav_cache`)."""
    template = env.get_template(name)
    original = template.root_render_func if block is None else template.blocks.get(block)
    if original is None:
        return False
    if getattr(original, "pohon_wrapped", False):
        return True

    def render(context: Any) -> Iterator[str]:
        yield from wrapper(original, context)  # a generator, as Jinja closes it

    render.pohon_wrapped = True  # type: ignore[attr-defined]
    if block is None:
        template.root_render_func = render
    else:
        template.blocks[block] = render
    return True


@contextmanager
def recording_url_filter(env: jinja2.Environment, urls: list[str]) -> Iterator[None]:
    """While in the block, every value a template gives to MkDocs' ``url`` filter is appended
    to ``urls`` (as the filter reads it, ``str(value)``).

    Relies on: ``url`` being a context filter in ``env.filters`` (``mkdocs.utils.templates``),
    looked up when a template (or an imported macro module) starts rendering, and computing the
    URL from ``str(value)``, the page and ``base_url`` only. Pohon needs it to know on which
    URLs a partial's HTML depends (:mod:`.nav_cache`)."""
    original = env.filters["url"]

    @jinja2.pass_context
    def url(context: Any, value: Any) -> str:
        urls.append(str(value))
        return str(original(context, value))

    env.filters["url"] = url
    try:
        yield
    finally:
        env.filters["url"] = original
