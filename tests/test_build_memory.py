"""What a generated page keeps once the theme has written it: its title, URL and anchors, not
its body or table of contents, and nothing of its own besides what MkDocs gives every page."""

from __future__ import annotations

import gc
import platform
import sys
import weakref
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page as MkPage

from mkdocs_pohon_plugin.core.site import memo
from mkdocs_pohon_plugin.heap import EVERY, HeapTrimmer
from mkdocs_pohon_plugin.rendered_page import PohonPage
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency
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


# -- what the renderer keeps grows with the pages of an agency, not with the site ------------

WRITTEN_MARKS = (0.4, 1.0)
"""Where the objects alive are counted: after 40 % of the generated pages, and after the last."""


def _own_objects() -> Counter[str]:
    """The objects alive, by type, of the types the growth test watches: Pohon's own and the
    markup it renders (the bodies' pieces), after a full collection."""
    gc.collect()
    found: Counter[str] = Counter()
    for thing in gc.get_objects():
        kind = type(thing)
        if kind is Markup or str(kind.__module__).startswith("mkdocs_pohon_plugin"):
            found[kind.__qualname__] += 1
    return found


@dataclass
class Built:
    """One build of :func:`_regency_build`, as it was when the build ended."""

    site: Path
    counts: list[Counter[str]]
    """Objects alive at :data:`WRITTEN_MARKS`."""
    written: int
    renderer: Any
    trims: int
    """Heap trims the plugin did in this build."""


def _regency_build(root: Path, limit: int | None) -> Built:
    """Build a small synthetic regency with memos of ``limit`` entries a generation (``None``:
    the default)."""
    trees = root / "trees"
    generate_regency(
        trees,
        SyntheticParams(
            opd=3, nodes=60, indicators=150, crosscutting=0.1, seed=3, misi=2, tujuan_per_misi=1
        ),
    )
    write_site(root, trees=None, config=SiteConfig(repo=False, font=False))
    config = load_config(str(root / "mkdocs.yml"), strict=True)
    # As `mkdocs build` does: MkDocs keeps the plugin for the process, and a serve test in the
    # same process may have left it previewing.
    config.plugins.on_startup(command="build", dirty=False)
    plugin: Any = config.plugins["pohon"]
    counts: list[Counter[str]] = []
    written = 0
    release = PohonPage.release

    def counting_release(page: PohonPage) -> None:
        nonlocal written
        release(page)
        written += 1
        total = len(plugin.planned)
        if any(written == max(1, round(mark * total)) for mark in WRITTEN_MARKS):
            counts.append(_own_objects())

    trims = plugin.heap.trims
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(PohonPage, "release", counting_release)
        if limit is not None:
            patch.setattr(memo, "DEFAULT_LIMIT", limit)
        mkdocs_build(config)
    # MkDocs keeps a plugin with ``on_startup`` for the next build: take what this one did now.
    return Built(root / "site", counts, written, plugin.build.renderer, plugin.heap.trims - trims)


@pytest.fixture(scope="module")
def regency_builds(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Built, Built]:
    """The small regency built with memos of 3 entries (watched), and with the default."""
    small = _regency_build(tmp_path_factory.mktemp("memo3"), 3)
    usual = _regency_build(tmp_path_factory.mktemp("memo_default"), None)
    return small, usual


def test_small_memos_write_the_same_site(
    regency_builds: tuple[Built, Built],
) -> None:
    """What a memo drops is computed again, the same: every file of the site is unchanged."""
    small, usual = (built.site for built in regency_builds)

    def listed(site: Path) -> list[Path]:  # Pagefind names its files by hashes of its own
        return sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())

    files = [f for f in listed(usual) if f.parts[0] != "pagefind"]
    assert len([f for f in files if f.suffix == ".html"]) > 200
    assert files == [f for f in listed(small) if f.parts[0] != "pagefind"]
    differ = [f for f in files if (usual / f).read_bytes() != (small / f).read_bytes()]
    assert differ == []


def test_the_renderer_keeps_a_bounded_number_of_pieces(
    regency_builds: tuple[Built, Built],
) -> None:
    renderer = regency_builds[0].renderer
    memos = [renderer.links, renderer.headings, renderer.rows, renderer.steps, renderer._urls]
    lineages = renderer.lineages
    memos += [lineages._lineages, lineages._sections, lineages._funding]
    assert all(isinstance(kept, memo.Memo) for kept in memos)
    assert all(len(kept) <= 2 * 3 for kept in memos), [len(kept) for kept in memos]


def test_objects_alive_do_not_grow_with_the_pages_written(
    regency_builds: tuple[Built, Built],
) -> None:
    """Between 40 % and 100 % of the pages written, Pohon's own objects and rendered markup
    alive grow by less than one per ten pages (with memos that keep everything, as before:
    about 7 a page)."""
    counts, written = regency_builds[0].counts, regency_builds[0].written
    assert len(counts) == 2
    pages = written - round(WRITTEN_MARKS[0] * written)
    # Material's navigation, cached once per agency lit up (:mod:`.nav_cache`), grows with the
    # agencies, not with the pages.
    growth = {kind: counts[1][kind] - counts[0][kind] for kind in counts[1] if kind != "_State"}
    grown = {kind: n for kind, n in growth.items() if n > 0}
    assert sum(grown.values()) < pages / 10, (pages, sorted(grown.items(), key=lambda i: -i[1]))


# -- the C heap's free memory goes back to the system while pages are written ----------------


def test_the_heap_is_trimmed_every_few_hundred_pages_written() -> None:
    calls: list[int] = []

    def trim(pad: int) -> int:
        calls.append(pad)
        return 1

    trimmer = HeapTrimmer(every=3, trim=trim)
    for _ in range(7):
        trimmer.wrote()
    assert calls == [0, 0] and trimmer.trims == 2
    never = HeapTrimmer(every=1, trim=None)
    never.wrote()
    assert never.trims == 0


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_the_plugin_trims_the_heap_with_glibc(
    regency_builds: tuple[Built, Built],
) -> None:
    """The build above wrote more pages than a trim's interval: the plugin trimmed."""
    built = regency_builds[0]
    assert HeapTrimmer().trim is not None
    assert built.written >= EVERY
    assert built.trims >= 1
