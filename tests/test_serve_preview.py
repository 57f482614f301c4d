"""``mkdocs serve`` previews: after an edit only the pages whose content changed are rendered and
written again; the others keep their file from the previous build.

The tests drive MkDocs the way ``mkdocs serve`` does (``mkdocs.commands.serve``): one
``on_startup(command="serve", dirty=False)``, then for every build a fresh ``load_config`` (MkDocs
hands back the same plugin instances, as the tests check) and ``build(config, serve_url=...)``
into the same site folder. Only the HTTP server and the file watcher are left out.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site import background, generate
from mkdocs_pohon_plugin.core.site.search_index import pagefind_available
from mkdocs_pohon_plugin.plugin import PohonPlugin
from tests.sites import MINI, SiteConfig, write_site

SERVE_URL = "http://127.0.0.1:8000/"
CONFIG = SiteConfig().with_options(history=False, search="material")


class Session:
    """One ``mkdocs serve`` of the site at ``root``, building into ``site``."""

    def __init__(self, root: Path, site: Path, command: str = "serve") -> None:
        self.root = root
        self.site = site
        self.command = command
        self.plugin: PohonPlugin | None = None

    def build(self, *, wait: bool = True) -> PohonPlugin:
        """One build; with ``wait``, return once its downloads (which a preview does not wait
        for) are in the site too."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = SERVE_URL
        plugin = config.plugins["pohon"]
        assert isinstance(plugin, PohonPlugin)
        if self.plugin is None:
            config.plugins.on_startup(command=self.command, dirty=False)
        else:
            assert plugin is self.plugin, "MkDocs keeps the plugin between rebuilds"
        self.plugin = plugin
        build(config, serve_url=SERVE_URL if self.command == "serve" else None)
        if wait:
            plugin.wait_for_downloads()
        return plugin

    def close(self) -> None:
        if self.plugin is not None:
            self.plugin.on_shutdown()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 2_000_000_000  # newer than the last read, whatever the disk
    os.utime(path, ns=(stamp, stamp))


def _pages(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*.html"))
    }


def _stamps(site: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in site.rglob("*.html"):
        stat = path.stat()
        found[path.relative_to(site).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
    return found


def _search_docs(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted(json.dumps(doc, sort_keys=True) for doc in index["docs"])


@pytest.fixture
def served(tmp_path: Path):
    write_site(tmp_path / "root", MINI, CONFIG)
    session = Session(tmp_path / "root", tmp_path / "served")
    session.build()
    yield session
    session.close()


def _assert_same_as_a_clean_build(tmp_path: Path, served: Session) -> None:
    """The served site is, page for page and in its search index, a clean build of its trees."""
    reference = _reference(tmp_path, served.root)
    served_pages, reference_pages = _pages(served.site), _pages(reference)
    assert sorted(served_pages) == sorted(reference_pages)
    stale = [path for path in reference_pages if served_pages[path] != reference_pages[path]]
    assert stale == []
    assert _search_docs(served.site) == _search_docs(reference)


def _reference(tmp_path: Path, root: Path, config: SiteConfig = CONFIG) -> Path:
    """The same trees built from scratch, without the cache (``serve_cache: false``)."""
    other = tmp_path / "reference"
    docs = {path.name: path.read_text("utf-8") for path in (root / "docs").glob("*.md")}
    write_site(other, root / "trees", config.with_options(serve_cache=False), docs=docs)
    session = Session(other, tmp_path / "reference-site")
    plugin = session.build()
    session.close()
    assert not plugin.serve_cache.written
    return tmp_path / "reference-site"


NODE_PAGE = "node/dinkes-sp-1/index.html"
UNRELATED = "node/dinsos-ss-1/index.html"
"""A page the edit of ``dinkes-sp-1``'s statement does not touch (another agency's node)."""


def test_an_edit_reaches_its_page_and_unchanged_pages_are_not_rewritten(served: Session) -> None:
    site = served.site
    before = _stamps(site)
    assert "Meningkatnya cakupan pelayanan kesehatan ibu hamil" in (site / NODE_PAGE).read_text()
    _edit(
        served.root / "trees/opd/dinkes.yaml",
        "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
        "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
    )
    plugin = served.build()
    assert "Meningkatnya cakupan layanan ibu hamil (diubah)" in (site / NODE_PAGE).read_text()
    after = _stamps(site)
    assert after[UNRELATED] == before[UNRELATED], "an unchanged page is not written again"
    reused = set(plugin.serve_cache.reused)
    assert "node/dinsos-ss-1.md" in reused
    assert "node/dinkes-sp-1.md" not in reused
    kept = [path for path in before if after.get(path) == before[path]]
    assert len(kept) >= len(reused) > 0
    # Nothing of the previous build is left beside the site once it is done.
    served.close()
    assert not list(site.parent.glob(f"{site.name}.pohon-previous-*"))


def test_without_an_edit_every_generated_page_is_reused(served: Session) -> None:
    """Outside the navigation a page keeps its file; a page in the navigation stays in the build
    (MkDocs makes the navigation from it) but its last HTML is written again, unrendered."""
    before = _pages(served.site)
    plugin = served.build()
    assert sorted(plugin.serve_cache.reused) == sorted(plugin.planned)
    in_nav = {path for path, page in plugin.planned.items() if page.in_nav}
    assert in_nav and set(plugin.serve_cache.held) == in_nav
    assert _pages(served.site) == before


def _last_node_block() -> str:
    """The YAML of ``dinkes-ssk-1``, the last node of the mini fixture's ``dinkes.yaml`` (a leaf
    that nothing names)."""
    start = "  - id: dinkes-ssk-1\n"
    text = (MINI / "opd" / "dinkes.yaml").read_text(encoding="utf-8")
    return start + text.split(start)[1]


EDITS = {
    "node statement": (
        "opd/dinkes.yaml",
        "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
        "pernyataan: Cakupan ibu hamil (diubah)",
    ),
    "regional node": ("pemda.yaml", "pernyataan: ", "pernyataan: (diubah) "),
    "indicator name": ("opd/dinkes.yaml", "nama: Cakupan K4", "nama: Cakupan K4 (diubah)"),
    "target value": (
        "opd/dinkes.yaml",
        "target: {2025: 4300, 2026: 4350}",
        "target: {2025: 4301, 2026: 4350}",
    ),
    "agency name": ("opd/dinsos.yaml", "nama: Dinas Sosial", "nama: Dinas Sosial Baru"),
    "removed node": ("opd/dinkes.yaml", _last_node_block(), ""),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_rebuild_from_the_cache_is_the_same_as_a_clean_build(
    served: Session, tmp_path: Path, edit: str
) -> None:
    """Every page (and Material's search index) after a rebuild that reused the unchanged pages
    is byte for byte what a build without the cache writes: no page shows stale content."""
    name, old, new = EDITS[edit]
    _edit(served.root / "trees" / name, old, new)
    plugin = served.build()
    # An agency's name is in the navigation, which is on every page, and every page of the mini
    # fixture's agencies is below each regional node: nothing can be reused then.
    assert bool(plugin.serve_cache.reused) == (edit not in ("agency name", "regional node"))
    if edit == "indicator name":
        # Pages whose hash changed (the agency's, the indexes) but whose body did not are
        # written from their last HTML; the indicator's node page shows the new name.
        unchanged = set(plugin.serve_cache.unchanged)
        assert "indeks/cascading.md" in unchanged
        assert "node/dinkes-sp-1.md" not in unchanged | set(plugin.serve_cache.reused)
    _assert_same_as_a_clean_build(tmp_path, served)


def test_a_removed_node_is_gone_and_no_page_links_to_it(served: Session) -> None:
    site = served.site
    assert (site / "node/dinkes-ssk-1/index.html").is_file()
    _, old, new = EDITS["removed node"]
    _edit(served.root / "trees/opd/dinkes.yaml", old, new)
    served.build()
    assert not (site / "node/dinkes-ssk-1").exists()
    assert not (site / "indikator/dinkes-ssk-1-i1").exists()
    linking = [path for path, html in _pages(site).items() if b"node/dinkes-ssk-1/" in html]
    assert linking == []


def test_a_new_title_reaches_every_page_that_shows_it(served: Session) -> None:
    """A renamed agency: the navigation of every page, reused ones included, and the
    breadcrumbs and lists of its nodes' pages."""
    _edit(served.root / "trees/opd/dinsos.yaml", "nama: Dinas Sosial", "nama: Dinas Sosial Baru")
    served.build()
    pages = _pages(served.site)
    generated = [path for path in pages if path.startswith(("node/", "indikator/", "opd/"))]
    assert generated
    missing = [path for path in generated if b"Dinas Sosial Baru" not in pages[path]]
    assert missing == []
    assert not [path for path, html in pages.items() if b"Dinas Sosial<" in html]


@pytest.mark.skipif(not pagefind_available(), reason="Pagefind is not installed")
def test_a_pagefind_preview_keeps_the_previous_search_index(tmp_path: Path) -> None:
    """Pagefind indexes a whole site at once: a rebuild that reuses pages keeps the index of the
    previous build instead of indexing every page again."""
    write_site(tmp_path / "root", MINI, SiteConfig().with_options(history=False, search="pagefind"))
    session = Session(tmp_path / "root", tmp_path / "served")
    session.build()
    entry = session.site / "pagefind" / "pagefind-entry.json"
    assert entry.is_file()
    indexed = entry.read_bytes()
    _edit(
        session.root / "trees/opd/dinkes.yaml",
        "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
        "pernyataan: Cakupan ibu hamil (diubah)",
    )
    plugin = session.build()
    session.close()
    assert plugin.serve_cache.reused
    assert entry.read_bytes() == indexed
    assert (session.site / "assets/pohon/pohon-search.js").is_file()
    assert "Cakupan ibu hamil (diubah)" in (session.site / NODE_PAGE).read_text()


SPLIT = CONFIG.with_options(index_inline_limit=2)
"""Listings of at most 2 rows a page: every agency's indicators, codes and IKU are split."""


def test_an_edit_in_one_agency_rewrites_only_its_listing_groups(tmp_path: Path) -> None:
    """A group page of a split listing is hashed by the rows of its group: after an edit in
    Dinkes, the group pages of the other agencies are reused, Dinkes's are written again, and
    every page is what a clean build writes."""
    write_site(tmp_path / "root", MINI, SPLIT)
    served = Session(tmp_path / "root", tmp_path / "served")
    try:
        first = served.build()
        parts = {
            path
            for path, page in first.planned.items()
            if page.kind in ("index_indicators_part", "index_codes_part", "index_iku_part")
        }
        dinsos = {path for path in parts if "/opd/dinsos/" in path}
        dinkes = {path for path in parts if "/opd/dinkes/" in path}
        assert dinsos and len(dinkes) >= 2
        _, old, new = EDITS["node statement"]
        _edit(served.root / "trees/opd/dinkes.yaml", old, new)
        plugin = served.build()
        reused = set(plugin.serve_cache.reused)
        assert dinsos <= reused
        assert not dinkes & reused
    finally:
        served.close()
    reference = _reference(tmp_path, served.root, SPLIT)
    served_pages, reference_pages = _pages(served.site), _pages(reference)
    assert sorted(served_pages) == sorted(reference_pages)
    stale = [path for path in reference_pages if served_pages[path] != reference_pages[path]]
    assert stale == []


POSITIONS = {
    "opd/dinkes.yaml": (
        "  kode: 1.02.0.00.0.00.01.0000\n",
        "  kode: 1.02.0.00.0.00.01.0000\n"
        "  jabatan:\n"
        "    - id: dinkes.kepala\n"
        "      nama: Kepala Dinas Kesehatan\n"
        "      eselon: II.b\n"
        "    - id: dinkes.kabid\n"
        "      nama: Kepala Bidang Kesehatan Masyarakat\n"
        "      eselon: III.b\n"
        "      atasan: dinkes.kepala\n"
        "    - id: dinkes.kasi\n"
        "      nama: Kepala Seksi Kesehatan Ibu\n"
        "      eselon: IV.a\n"
        "      atasan: dinkes.kabid\n",
    ),
    "opd/dinsos.yaml": (
        "  nama: Dinas Sosial\n",
        "  nama: Dinas Sosial\n"
        "  jabatan:\n"
        "    - id: dinsos.kepala\n"
        "      nama: Kepala Dinas Sosial\n"
        "      eselon: II.b\n",
    ),
}
"""Positions for the mini fixture: Dinkes's head answers for its strategic goal, a head of
division for the program and a head of section for the activity; Dinsos's head for its
strategic goal."""


def _with_positions(root: Path) -> None:
    trees = root / "trees"
    for name, (old, new) in POSITIONS.items():
        _edit(trees / name, old, new)
    for node, position in (
        ("dinkes-ss-1", "dinkes.kepala"),
        ("dinkes-sp-1", "dinkes.kabid"),
        ("dinkes-sk-1", "dinkes.kasi"),
    ):
        _edit(
            trees / "opd/dinkes.yaml",
            f"  - id: {node}\n",
            f"  - id: {node}\n    jabatan: {position}\n",
        )
    _edit(
        trees / "opd/dinsos.yaml",
        "  - id: dinsos-ss-1\n",
        "  - id: dinsos-ss-1\n    jabatan: dinsos.kepala\n",
    )


def test_a_position_s_pages_are_built_again_only_when_its_nodes_change(tmp_path: Path) -> None:
    """A position's pages (and its Perjanjian Kinerja) are hashed over the nodes it answers for:
    an edit of the activity of Dinkes's head of section rebuilds the pages of the head of
    section (and of the head of division, whose program is the activity's parent), not those
    of Dinsos's head; the unchanged agency page in the navigation is written from its last
    HTML; every page is what a clean build writes."""
    write_site(tmp_path / "root", MINI, CONFIG)
    _with_positions(tmp_path / "root")
    served = Session(tmp_path / "root", tmp_path / "served")
    try:
        first = served.build()
        kinds = {path: page.kind for path, page in first.planned.items()}
        positions = {path for path, kind in kinds.items() if kind in ("position", "position_pk")}
        kasi = {path for path in positions if "dinkes.kasi" in path}
        kepala_dinsos = {path for path in positions if "dinsos.kepala" in path}
        assert kasi and kepala_dinsos
        _edit(
            served.root / "trees/opd/dinkes.yaml",
            "pernyataan: Tersedianya layanan kesehatan ibu hamil",
            "pernyataan: Tersedianya layanan ibu hamil (diubah)",
        )
        plugin = served.build()
        reused = set(plugin.serve_cache.reused)
        assert kepala_dinsos <= reused
        assert not kasi & reused
        assert "opd/dinsos/index.md" in plugin.serve_cache.held
        assert "opd/dinkes/index.md" not in reused
    finally:
        served.close()
    _assert_same_as_a_clean_build(tmp_path, served)


# The downloads ------------------------------------------------------------------------------


@pytest.fixture
def gated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The downloads child (forked: it inherits the patch) writes nothing until the file this
    fixture names exists."""
    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")
    gate = tmp_path / "gate"
    original = generate.model_json

    def waits(result: object, *args: object, **kwargs: object) -> str:
        while not gate.exists():
            time.sleep(0.02)
        return original(result, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(background, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(generate, "model_json", waits)
    return gate


def _exported_statements(site: Path) -> set[str]:
    export = json.loads((site / "unduh" / "pohon.json").read_text("utf-8"))
    return {node["pernyataan"] for node in export["node"]}


def test_a_preview_is_served_before_its_downloads_land(tmp_path: Path, gated: Path) -> None:
    """The pages are written and the build ends while the workbook is still being written; the
    downloads land a moment later, from the edited trees."""
    write_site(tmp_path / "root", MINI, CONFIG)
    served = Session(tmp_path / "root", tmp_path / "served")
    try:
        plugin = served.build(wait=False)
        assert (served.site / "index.html").is_file()
        assert not (served.site / "unduh" / "pohon.json").exists(), "the build did not wait"
        gated.touch()
        plugin.wait_for_downloads()
        assert "Meningkatnya cakupan pelayanan kesehatan ibu hamil" in _exported_statements(
            served.site
        )
        gated.unlink()
        _edit(
            served.root / "trees/opd/dinkes.yaml",
            "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
            "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
        )
        served.build(wait=False)
        # Another edit before those downloads landed: they are stopped, the new ones land.
        _edit(
            served.root / "trees/opd/dinkes.yaml",
            "layanan ibu hamil (diubah)",
            "layanan ibu hamil (diubah lagi)",
        )
        served.build(wait=False)
        assert not (served.site / "unduh" / "pohon.json").exists()
        gated.touch()
        plugin.wait_for_downloads()
        statements = _exported_statements(served.site)
        assert "Meningkatnya cakupan layanan ibu hamil (diubah lagi)" in statements
        assert "Meningkatnya cakupan layanan ibu hamil (diubah)" not in statements
    finally:
        gated.touch()
        served.close()


def test_unchanged_trees_keep_their_downloads_without_a_child(served: Session) -> None:
    """A rebuild with nothing changed in the trees writes the last downloads again at once: no
    child is started; an edit starts one and its downloads show the edit."""
    before = {
        p: (served.site / p).read_bytes() for p in ("unduh/pohon.json", "unduh/indikator.csv")
    }
    plugin = served.build(wait=False)
    assert plugin.downloads_landing is None, "no child for unchanged trees"
    assert {p: (served.site / p).read_bytes() for p in before} == before
    _edit(
        served.root / "trees/opd/dinkes.yaml",
        "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
        "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
    )
    plugin = served.build()
    assert "Meningkatnya cakupan layanan ibu hamil (diubah)" in _exported_statements(served.site)


# git ---------------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_the_first_edit_of_a_clean_checkout_builds_only_what_it_changed(tmp_path: Path) -> None:
    """In a git checkout an agency's Perjanjian Kinerja says when the trees have uncommitted
    changes. The first edit after a clean checkout makes them so: the PKs are built again, the
    pages the edit does not touch are reused, and the preview is a clean build of the trees."""
    root = tmp_path / "root"
    config = SiteConfig().with_options(search="material")
    write_site(root, MINI, config)
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "trees")
    served = Session(root, tmp_path / "served")
    try:
        served.build()
        pk = served.site / "opd/dinkes/pk-2025/index.html"
        assert "belum di-commit" not in pk.read_text("utf-8")
        _edit(
            root / "trees/opd/dinkes.yaml",
            "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
            "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
        )
        plugin = served.build()
    finally:
        served.close()
    reused = set(plugin.serve_cache.reused)
    assert "node/dinsos-ss-1.md" in reused, "a page the edit does not touch"
    assert "opd/dinkes/pk-2025.md" not in reused and "opd/dinsos/pk-2025.md" not in reused
    assert "ditambah perubahan yang belum di-commit" in pk.read_text("utf-8")
    write_site(root, None, config.with_options(serve_cache=False), docs=None)
    reference = Session(root, tmp_path / "reference")
    try:
        reference.build()
    finally:
        reference.close()
    served_pages, reference_pages = _pages(served.site), _pages(tmp_path / "reference")
    assert sorted(served_pages) == sorted(reference_pages)
    assert [path for path in reference_pages if served_pages[path] != reference_pages[path]] == []


# The site's own pages ----------------------------------------------------------------------

OWN_PAGE = (
    "# Tentang\n\nHalaman milik situs, dengan tautan ke [Dinkes](opd/dinkes.md) dan ke "
    "[halaman yang tidak ada](hilang.md).\n"
)


def test_the_site_s_own_pages_are_converted_again_only_when_they_change(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """After an edit of a tree the site's own Markdown page is not converted again: it comes
    out as a clean build writes it, and its broken link is still reported. Its own edit is
    converted."""
    root = tmp_path / "root"
    write_site(root, MINI, CONFIG, docs={"tentang.md": OWN_PAGE})
    served = Session(root, tmp_path / "served")
    try:
        first = served.build()
        assert first.markdown_cache.reused == []
        _edit(
            root / "trees/opd/dinkes.yaml",
            "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
            "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
        )
        caplog.clear()
        with caplog.at_level(logging.INFO, logger="mkdocs"):
            plugin = served.build()
        assert plugin.markdown_cache.reused == ["tentang.md"]
        assert any("hilang.md" in r.getMessage() for r in caplog.records), "reported again"
        _assert_same_as_a_clean_build(tmp_path, served)
        _edit(root / "docs/tentang.md", "Halaman milik situs", "Halaman situs (diubah)")
        plugin = served.build()
        assert plugin.markdown_cache.reused == []
        assert "Halaman situs (diubah)" in (served.site / "tentang/index.html").read_text("utf-8")
    finally:
        served.close()


def test_folders_of_generated_pages_come_back_whole(tmp_path: Path) -> None:
    """A folder that holds only generated pages (``indikator/``) is moved back in one piece;
    one the site's own pages share (a page of ``docs/node/``) page by page. Either way an
    unchanged page keeps its file and the preview is a clean build of the trees."""
    root = tmp_path / "root"
    docs = {"tentang.md": OWN_PAGE}
    write_site(root, MINI, CONFIG, docs=docs)
    (root / "docs/node").mkdir()
    (root / "docs/node/catatan.md").write_text("# Catatan\n\nCatatan situs.\n", "utf-8")
    served = Session(root, tmp_path / "served")
    try:
        served.build()
        before = _stamps(served.site)
        _edit(
            root / "trees/opd/dinkes.yaml",
            "pernyataan: Meningkatnya cakupan pelayanan kesehatan ibu hamil",
            "pernyataan: Meningkatnya cakupan layanan ibu hamil (diubah)",
        )
        plugin = served.build()
        restored = plugin.serve_cache.restored
        assert "indikator" in restored and "node" not in restored and "tentang" not in restored
        reused = set(plugin.serve_cache.reused)
        assert {"indikator/dinsos-ss-1-i1.md", "node/dinsos-ss-1.md"} <= reused
        after = _stamps(served.site)
        whole, one = "indikator/dinsos-ss-1-i1/index.html", UNRELATED
        assert after[whole] == before[whole], "moved back with its folder"
        assert after[one] == before[one], "moved back on its own"
        assert "node/catatan/index.html" in after
    finally:
        served.close()
    reference = tmp_path / "reference"
    write_site(reference, root / "trees", CONFIG.with_options(serve_cache=False), docs=docs)
    (reference / "docs/node").mkdir()
    shutil.copy(root / "docs/node/catatan.md", reference / "docs/node/catatan.md")
    clean = Session(reference, tmp_path / "reference-site")
    try:
        clean.build()
    finally:
        clean.close()
    assert _pages(served.site) == _pages(tmp_path / "reference-site")


def test_an_agency_s_mutu_page_follows_its_own_findings(served: Session) -> None:
    """An agency's Mutu Pohon page is built again when a finding about the agency changes
    (Dinkes no longer names an IKU), and kept when another agency is edited."""
    _edit(served.root / "trees/opd/dinkes.yaml", "        iku: true\n", "")
    plugin = served.build()
    reused = set(plugin.serve_cache.reused) | set(plugin.serve_cache.unchanged)
    assert "opd/dinkes/mutu.md" not in reused
    assert "opd/dinsos/mutu.md" in set(plugin.serve_cache.reused)
    mutu = (served.site / "opd/dinkes/mutu/index.html").read_text("utf-8")
    assert "opd-tanpa-iku" in mutu or "Indikator Kinerja Utama" in mutu
    _assert_same_as_a_clean_build(served.root.parent, served)
