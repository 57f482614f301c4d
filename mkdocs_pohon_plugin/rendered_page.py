"""MkDocs pages whose body Pohon renders to HTML itself, bypassing Python-Markdown.

MkDocs builds a page in three steps: ``read_source`` (the Markdown and its front matter),
``render`` (Python-Markdown to HTML and the table of contents), then the theme template. For a
generated page the core already produces the HTML and the headings, so :class:`PohonPage`
renders the page from the plan when MkDocs reads it and skips the Markdown step: on a regency of
20,000 pages Python-Markdown would otherwise be about 40 % of the build.

The plugin turns MkDocs' page objects into :class:`PohonPage` in ``on_pre_page`` (before
``read_source``). The body is rendered in the plugin's ``on_page_context``, right before the theme
writes the page, and dropped right after (``on_post_page``): MkDocs reads every page before it
writes the first, and 20,000 bodies held at once would be most of a big build's memory. So other
plugins see a generated page's HTML from ``on_page_context`` on, not in ``on_page_content``.

What this relies on beyond MkDocs' public API is in :mod:`.mkdocs_internals`.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkPage

from . import mkdocs_internals
from .core.site.generate import SiteBuild
from .core.site.pages import Page


class PohonPage(MkPage):
    """A generated page: source and HTML come from :class:`~.core.site.generate.SiteBuild`."""

    pohon_build: SiteBuild
    pohon_page: Page
    pohon_search: dict[str, Any] | None

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = ""  # rendered in fill(), just before the theme writes the page
        self.meta = {"title": self.pohon_build.renderer.title(self.pohon_page)}
        if self.pohon_search:
            self.meta["search"] = dict(self.pohon_search)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        mkdocs_internals.skip_markdown(self)

    def fill(self) -> None:
        """Render the body and the table of contents (the plugin's ``on_page_context``, before
        any other plugin's): only the page being written is in memory, not 20,000 of them."""
        rendered = self.pohon_build.render(self.pohon_page)
        self.markdown = self.content = rendered.html
        self.toc = mkdocs_internals.table_of_contents(entry.as_token() for entry in rendered.toc)
        mkdocs_internals.set_anchors(self, rendered.anchors)

    def release(self) -> None:
        """Drop the body once the theme has written the page. The title stays (it comes from
        ``meta``), so navigation and sitemap still work."""
        self.markdown = ""
        self.content = ""


def adopt(page: MkPage, build: SiteBuild, planned: Page, search: dict[str, Any] | None) -> None:
    """Make MkDocs' ``page`` a :class:`PohonPage` rendering ``planned``."""
    mkdocs_internals.become(page, PohonPage)
    assert isinstance(page, PohonPage)
    page.pohon_build = build
    page.pohon_page = planned
    page.pohon_search = search
