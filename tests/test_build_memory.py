"""What a generated page keeps once the theme has written it: its title, URL and anchors, not
its body or table of contents, and nothing of its own besides what MkDocs gives every page."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkPage

from mkdocs_pohon_plugin.rendered_page import PohonPage
from tests.sites import SiteConfig, write_site


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[MkDocsConfig, list[Any]]:
    """Build the mini site; the config, and a weak reference to the table of contents and to
    every heading entry of each generated page, taken as the page was written."""
    written: list[Any] = []
    release = PohonPage.release

    def recording_release(page: PohonPage) -> None:
        written.append(weakref.ref(page.toc))
        stack = list(page.toc)
        while stack:
            entry = stack.pop()
            written.append(weakref.ref(entry))
            stack.extend(entry.children)
        release(page)

    monkeypatch.setattr(PohonPage, "release", recording_release)
    write_site(root, config=SiteConfig(permalink=True))
    config = load_config(str(root / "mkdocs.yml"), strict=True)
    mkdocs_build(config)
    return config, written


def _pages(config: MkDocsConfig) -> list[MkPage]:
    plugin: Any = config.plugins["pohon"]
    pages = [page for page in gc.get_objects() if isinstance(page, PohonPage)]
    return [page for page in pages if page.pohon is plugin.generated_pages]  # of this build


def test_a_written_page_keeps_no_body_nor_table_of_contents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, written = _build(tmp_path, monkeypatch)
    pages = _pages(config)
    assert len(pages) > 20
    assert len(written) > 3 * len(pages)  # every page had headings in its table of contents
    for page in pages:
        assert page.content == "" and page.markdown == ""
        assert list(page.toc) == []
        assert page.title  # navigation, sitemap and other pages' links still have it
        assert page.present_anchor_ids  # links to its headings are still checked
    gc.collect()
    alive = [ref() for ref in written if ref() is not None]
    assert alive == [], f"{len(alive)} table(s) of contents or entries outlived their page"


def test_a_generated_page_carries_nothing_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build and the plans are on the page's class; the plan is found by source path."""
    config, _ = _build(tmp_path, monkeypatch)
    pages = _pages(config)
    # What the site's own Markdown page (tentang.md) has after the same build.
    plugin: Any = config.plugins["pohon"]
    (own,) = [page for page in plugin.nav.pages if page.file.src_uri == "tentang.md"]
    assert type(own) is MkPage
    # A page in a section of the nav also has its nav entry's title and its parent.
    markdown = set(vars(own)) | {"title", "parent"}
    for page in pages:
        assert set(vars(page)) <= markdown, set(vars(page)) - markdown
        assert page.pohon_page.path == page.file.src_uri
    assert len({type(page) for page in pages}) == 1  # one class for the whole build


def test_pages_with_the_same_headings_share_their_anchors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, _ = _build(tmp_path, monkeypatch)
    pages = _pages(config)
    by_anchors: dict[frozenset[str], set[int]] = {}
    for page in pages:
        anchors = page.present_anchor_ids
        assert anchors is not None
        by_anchors.setdefault(frozenset(anchors), set()).add(id(anchors))
    assert len(by_anchors) < len(pages)  # some pages have the same headings …
    assert all(len(objects) == 1 for objects in by_anchors.values())  # … and share one set
