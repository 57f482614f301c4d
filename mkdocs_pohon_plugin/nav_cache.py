"""Material's navigation, rendered once for all the generated pages that show the same one.

Material renders its whole navigation (``partials/nav.html``, and ``partials/tabs.html`` with
``navigation.tabs``) into every page: on a regency of 20,000 pages that is about half of the
theme's time, and for a page outside the navigation (a node, an indicator …) the result is the
same for every such page that

- has the same navigation entries marked active (the agency the plugin lights up for it), and
- gets the same relative URL for every URL the partial writes through MkDocs' ``url`` filter
  (links are relative to the page: ``../../opd/dinkes/`` from ``indikator/IND-1/``), and has
  the same ``base_url`` (the way up to the site's root).

:class:`NavCache` stands in for the partial's render function. For a page outside the
navigation it looks up the HTML by that key; on a miss it renders the partial with Material's own
template while recording the values given to the ``url`` filter, so the key's URLs are exactly
the ones the partial writes. A page in the navigation (its own entry and table of contents are in
the partial) is always rendered as before. The output is the same HTML either way
(``tests/test_nav_cache.py`` builds a site with and without the cache and compares every page).

The side bar, the tabs and Pohon's Pagefind search box in the header are cached so. It is
used only when the partial and the macros it imports are Material's own (or Pohon's): a site
that overrides them in ``custom_dir`` may show anything of the page there, so its partials are
rendered for every page, as MkDocs does.
Partials they include that a site may override for their looks (``logo.html``, ``source.html``)
are assumed to depend on the page only through the ``url`` filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

from . import mkdocs_internals

CACHED_PARTIALS: dict[str, tuple[str, ...]] = {
    "partials/nav.html": ("partials/nav.html", "partials/nav-item.html"),
    "partials/tabs.html": ("partials/tabs.html", "partials/tabs-item.html"),
    "partials/search.html": ("partials/search.html",),
    "partials/footer.html": (
        "partials/footer.html",
        "partials/copyright.html",
        "partials/social.html",
    ),
}
"""The partials cached, each with the templates that must be Material's own (or Pohon's own
Pagefind search box, ``theme_overrides/partials/search.html``) for it. The footer's links to
the previous and next page are only on pages in the navigation, which are not cached."""

CACHED_BLOCKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("base.html", "config"): ("base.html", "partials/language.html"),
    ("base.html", "styles"): ("base.html", "partials/icons.html"),
}
"""Blocks of Material's page template cached the same way (the settings its script reads, its
style sheets), each with the templates that must be Material's own for it."""

Key = tuple[str, ...]
"""``base_url`` and the relative form of each URL a partial wrote."""


@dataclass
class _State:
    """The cached HTML of one partial for one set of active navigation entries."""

    urls: list[str]
    """The values the partial gave to the ``url`` filter, in order."""
    html: dict[Key, str] = field(default_factory=dict)
    """The partial's HTML by the relative form of :attr:`urls` on the page."""


@dataclass
class NavCache:
    """The HTML of Material's navigation partials for the pages outside the navigation."""

    nav: Navigation
    entries: list[Any] = field(init=False)
    """Every entry of the navigation (sections, pages, links), in order."""
    in_nav: set[int] = field(init=False)
    """``id()`` of the pages in the navigation: rendered as MkDocs renders them."""
    states: dict[tuple[str, tuple[bool, ...]], _State] = field(default_factory=dict)
    renders: int = 0
    """Partials rendered (cache misses and pages in the navigation)."""
    reused: int = 0
    """Partials taken from the cache."""

    def __post_init__(self) -> None:
        self.entries = list(_walk(self.nav.items))
        self.in_nav = {id(page) for page in self.nav.pages}

    def install(self, env: Any, own: Path) -> list[str]:
        """Cache every partial of :data:`CACHED_PARTIALS` whose templates are Material's own
        or in the plugin's folder ``own``, in the Jinja environment ``env``; the names of those
        cached."""
        material = mkdocs_internals.material_templates()
        if material is None:
            return []
        wanted: list[tuple[str, str | None, tuple[str, ...]]] = [
            (name, None, needed) for name, needed in CACHED_PARTIALS.items()
        ]
        wanted += [(name, block, needed) for (name, block), needed in CACHED_BLOCKS.items()]
        cached = []
        for name, block, needed in wanted:
            if not all(
                mkdocs_internals.template_from(env, each, (material, own)) for each in needed
            ):
                continue
            label = name if block is None else f"{name}#{block}"
            if mkdocs_internals.wrap_template(env, name, self._wrapper(env, label), block):
                cached.append(label)
        return cached

    def _wrapper(
        self, env: Any, name: str
    ) -> Callable[[Callable[[Any], Iterator[str]], Any], Iterator[str]]:
        def render(original: Callable[[Any], Iterator[str]], context: Any) -> Iterator[str]:
            page = context.get("page")
            if not isinstance(page, Page) or id(page) in self.in_nav:
                self.renders += 1
                return original(context)
            return iter((self._html(env, name, original, context, page),))

        return render

    def _html(
        self,
        env: Any,
        name: str,
        original: Callable[[Any], Iterator[str]],
        context: Any,
        page: Page,
    ) -> str:
        active = (name, tuple(bool(entry.active) for entry in self.entries))
        base = context.get("base_url", "")
        state = self.states.get(active)
        if state is not None:
            key = _key(state.urls, page, base)
            html = state.html.get(key)
            if html is not None:
                self.reused += 1
                return html
        urls: list[str] = []
        with mkdocs_internals.recording_url_filter(env, urls):
            html = "".join(original(context))
        self.renders += 1
        if state is None or state.urls != urls:
            # First page of this state (a page with other URLs would be a new state: not for
            # Material's own partials, whose URLs depend on the active entries only).
            state = self.states[active] = _State(urls)
        state.html[_key(urls, page, base)] = html
        return html


def _key(urls: list[str], page: Page, base: str) -> Key:
    return (base, *(normalize_url(url, page=page, base=base) for url in urls))


def _walk(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if isinstance(item, Section):
            yield from _walk(item.children)
