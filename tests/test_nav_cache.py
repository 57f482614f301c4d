"""Material's navigation rendered once per state (``nav_cache``) writes the same pages as
rendering it for every page, reuses it for the pages outside the navigation, and steps aside
for a site that overrides Material's navigation partials."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from mkdocs_pohon_plugin.nav_cache import NavCache
from tests.sites import SiteConfig, write_site

TABS = ("content.action.edit", "navigation.tabs", "navigation.sections", "navigation.indexes")


def _build(root: Path, config: SiteConfig) -> tuple[dict[str, bytes], NavCache | None]:
    """Build the mini site with ``config``: every written file by path, and the plugin's cache."""
    write_site(root, config=config)
    mkdocs_config = load_config(str(root / "mkdocs.yml"), strict=True)
    mkdocs_build(mkdocs_config)
    plugin = mkdocs_config.plugins["pohon"]
    site = root / "site"
    files = {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in site.rglob("*")
        if path.is_file() and path.suffix == ".html"
    }
    return files, plugin.nav_cache  # type: ignore[attr-defined]


def _assert_same(cached: dict[str, bytes], plain: dict[str, bytes]) -> None:
    assert sorted(cached) == sorted(plain)
    different = [path for path in sorted(plain) if cached[path] != plain[path]]
    assert different == [], f"{len(different)} page(s) differ, the first: {different[:3]}"


@pytest.mark.parametrize(
    ("features", "options"),
    [
        (("content.action.edit",), {}),
        (TABS, {}),
        (TABS + ("navigation.prune",), {"nav_opd_limit": 0}),
        (("content.action.edit", "toc.integrate", "navigation.expand"), {"nav_opd_limit": 1}),
    ],
    ids=["plain", "tabs-sections-indexes", "prune-opd-list", "integrated-toc"],
)
def test_same_pages_with_and_without_the_cache(
    tmp_path: Path, features: tuple[str, ...], options: dict[str, object]
) -> None:
    config = SiteConfig(features=features).with_options(**options)
    cached, cache = _build(tmp_path / "cached", config)
    plain, none = _build(tmp_path / "plain", config.with_options(nav_cache=False))
    _assert_same(cached, plain)
    assert none is None
    assert cache is not None
    # Most generated pages are outside the navigation: their navigation is reused.
    assert cache.reused > len(cached) // 2
    assert cache.renders < cache.reused
    cached_partials = {name for name, _active in cache.states}
    assert {"partials/nav.html", "partials/footer.html", "base.html#config"} <= cached_partials
    assert ("partials/tabs.html" in cached_partials) == ("navigation.tabs" in features)


def test_the_cache_keeps_each_agencys_entry_lit(tmp_path: Path) -> None:
    """A node page lights its agency's entry; two agencies, two different navigations."""
    cached, cache = _build(tmp_path / "cached", SiteConfig(features=TABS))
    assert cache is not None
    nav_states = {state[1] for state in cache.states}
    assert len(nav_states) >= 3  # Beranda (regional tree) and each of the two agencies


def test_the_pagefind_search_box_is_cached_too(tmp_path: Path) -> None:
    config = SiteConfig().with_options(search="pagefind")
    cached, cache = _build(tmp_path / "cached", config)
    plain, _ = _build(tmp_path / "plain", config.with_options(nav_cache=False))
    _assert_same(cached, plain)
    assert cache is not None
    assert "partials/search.html" in {name for name, _active in cache.states}
    assert b"data-pohon-search" in cached["index.html"]


def test_a_site_overriding_the_navigation_partials_renders_them_for_every_page(
    tmp_path: Path,
) -> None:
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    # A site's own partial may show anything of the page: here its title.
    (overrides / "nav.html").write_text(
        '<nav class="md-nav md-nav--primary">{{ page.title | e }}</nav>\n', encoding="utf-8"
    )
    # … and a footer that names the page, and page settings for a script.
    (overrides / "copyright.html").write_text(
        '<div class="md-copyright">{{ page.url }}</div>\n', encoding="utf-8"
    )
    (overrides.parent / "main.html").write_text(
        '{% extends "base.html" %}\n'
        '{% block config %}{{ super() }}<meta name="x-page" content="{{ page.url }}">'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    config = SiteConfig(custom_dir=tmp_path / "overrides")
    cached, cache = _build(tmp_path / "cached", config)
    plain, _ = _build(tmp_path / "plain", config.with_options(nav_cache=False))
    _assert_same(cached, plain)
    assert cache is not None
    assert "partials/nav.html" not in {name for name, _active in cache.states}
    titles = {
        html.split(b'<nav class="md-nav md-nav--primary">')[1][:40] for html in cached.values()
    }
    assert len(titles) > 10  # each page shows its own title: nothing was shared
    assert "partials/footer.html" not in {name for name, _active in cache.states}
    urls = {html.split(b'<meta name="x-page" content="')[1][:40] for html in cached.values()}
    assert len(urls) > 10  # the site's block shows each page's URL after Material's settings
