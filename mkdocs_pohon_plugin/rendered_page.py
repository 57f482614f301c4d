"""MkDocs pages whose body Pohon renders to HTML itself, bypassing Python-Markdown.

MkDocs builds a page in three steps: ``read_source`` (the Markdown and its front matter),
``render`` (Python-Markdown to HTML and the table of contents), then the theme template. For a
generated page the core already produces the HTML and the headings, so :class:`PohonPage`
renders the page from the plan when MkDocs reads it and skips the Markdown step: on a regency of
20,000 pages Python-Markdown would otherwise be about 40 % of the build.

The plugin turns MkDocs' page objects into :class:`PohonPage` in ``on_pre_page`` (before
``read_source``). The body is rendered in the plugin's ``on_page_context``, right before the theme
writes the page, and dropped right after (``on_post_page``) with the table of contents: MkDocs
reads every page before it writes the first and keeps every page object to the end of the build,
so whatever a written page still held would grow with the site (80,000 pages on a province).
So other plugins see a generated page's HTML and table of contents from ``on_page_context`` to
``on_post_page``, not in ``on_page_content``.

A generated page carries nothing of its own beyond what MkDocs gives every page: the build and
the plans are on its class (one class a build, :class:`GeneratedPages`), its plan is found by its
source path, and pages with the same headings share one set of anchors.

What this relies on beyond MkDocs' public API is in :mod:`.mkdocs_internals`.
"""

from __future__ import annotations

import sys
from typing import ClassVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkPage

from . import mkdocs_internals
from .core.site.generate import SiteBuild
from .core.site.pages import Page
from .core.site.render import RenderedPage


class GeneratedPages:
    """What the generated pages of one build share: the build, each page's plan by source path
    and the anchor sets of pages already rendered."""

    def __init__(self, build: SiteBuild, planned: dict[str, Page]) -> None:
        self.build = build
        self.planned = planned
        """The plan of each generated page by source path (filled by the plugin)."""
        self.anchor_sets: dict[frozenset[str], frozenset[str]] = {}
        self.no_toc = mkdocs_internals.table_of_contents(())
        """The empty table of contents every written page keeps (one for the build)."""
        self.page_class: type[PohonPage] = type("PohonPage", (PohonPage,), {"pohon": self})
        """:class:`PohonPage` for this build (the class holds the build, not each page)."""

    def adopt(self, page: MkPage) -> None:
        """Make MkDocs' ``page`` a :class:`PohonPage` rendering its plan."""
        mkdocs_internals.become(page, self.page_class)

    def anchors(self, found: set[str]) -> frozenset[str]:
        """``found`` as a set shared with every page that has the same anchors."""
        key = frozenset(map(sys.intern, found))
        return self.anchor_sets.setdefault(key, key)


class PohonPage(MkPage):
    """A generated page: source and HTML come from :class:`~.core.site.generate.SiteBuild`."""

    pohon: ClassVar[GeneratedPages]

    @property
    def pohon_page(self) -> Page:
        """The page's plan."""
        return self.pohon.planned[self.file.src_uri]

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""  # rendered in fill(), just before the theme writes the page
        planned = self.pohon_page
        self.meta = {"title": self.pohon.build.renderer.title(planned)}
        if not planned.declaration.searched:
            # A page the search leaves out (a split listing's group page: each row is found on
            # its own page), for Material's search plugin.
            self.meta["search"] = {"exclude": True}
        elif planned.search_boost is not None:
            # Front matter ``search:`` for Material's search plugin: node and indicator pages
            # rank first (they are what a search for a name or a code should find).
            self.meta["search"] = {"boost": planned.search_boost}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        mkdocs_internals.skip_markdown(self)

    def fill(self, rendered: RenderedPage | None = None) -> RenderedPage:
        """Render the body and the table of contents (the plugin's ``on_page_context``, before
        any other plugin's): only the page being written is in memory, not 20,000 of them.
        ``rendered``: the page rendered already (``mkdocs serve``, see the plugin's
        ``_compare_bodies``). Returns the rendered page."""
        if rendered is None:
            rendered = self.pohon.build.render(self.pohon_page)
        self.markdown = self.content = rendered.html
        self.toc = mkdocs_internals.table_of_contents(entry.as_token() for entry in rendered.toc)
        mkdocs_internals.set_anchors(self, self.pohon.anchors(rendered.anchors))
        return rendered

    def release(self) -> None:
        """Drop what only the theme needed once it has written the page: the body and the
        table of contents. The title stays (it comes from ``meta``), so navigation and sitemap
        still work, and so do the anchors, which MkDocs checks links to after the last page."""
        self.markdown = ""
        self.content = ""
        self.toc = self.pohon.no_toc
