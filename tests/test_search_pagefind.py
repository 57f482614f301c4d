"""Pagefind as the site search (plugin option ``search``), tested for real: the Pagefind binary of
the ``pagefind[bin]`` wheel, real MkDocs builds and Debian's chromium driven by Playwright.

- the core's :func:`index_site` on a small hand-made site: what is indexed and what is not (read
  back from the bundle's fragments), the files skipped, clear errors;
- the plugin: ``search: pagefind`` builds ``site/pagefind/``, keeps generated pages out of
  Material's ``search_index.json``, puts Material's search box (answered by Pagefind) in the header
  even without the ``search`` plugin; ``search: material`` changes nothing; a missing Pagefind is a
  clear error, or with ``auto`` a fallback;
- a reader types an indicator's name into the header's search box (desktop and phone), sees the
  result and lands on the indicator's page, with no request leaving localhost; the same on a
  synthetic regency.

The browser tests are skipped only when ``/usr/bin/chromium`` is missing outside CI.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import io
import json
import logging
import shutil
import stat
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from mkdocs.exceptions import Abort

from mkdocs_pohon_plugin import plugin as plugin_module
from mkdocs_pohon_plugin.core.site import search_index
from mkdocs_pohon_plugin.core.site.search_index import (
    SHARDS_FILE,
    SearchIndexer,
    SearchIndexError,
    index_site,
    page_url,
    pagefind_available,
    pagefind_executable,
    search_document,
    site_pages,
)
from mkdocs_pohon_plugin.core.tree.check import check_trees
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency
from tests.browsing import DESKTOP, PHONE, Reader, require
from tests.served import served
from tests.sites import MERMAID_JS, MINI, SiteConfig, build_site, mermaid_if_installed

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SITE = SiteConfig(repo=False, font=False, permalink=True).with_options(
    history=False, search="pagefind", **mermaid_if_installed()
)
"""The test site with Pagefind as its search (Mermaid served from the site, when installed)."""

PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header><nav>Navigasi Zebraheader</nav></header>
<article class="md-content__inner md-typeset">{body}</article>
<footer>Kakifooter</footer></body></html>
"""


def test_pagefind_is_installed() -> None:
    """The test environment has it (the `test` extra brings pagefind[bin]); the rest needs it."""
    assert pagefind_available(), "pip install -e '.[test]' brings pagefind[bin]"
    assert pagefind_executable() is not None


# ----------------------------------------------------------------------------------------------
# The core: index_site on a hand-made site


def _fragments(site: Path) -> dict[str, dict]:
    """Every page in the bundle (all its shards), by URL, read back from Pagefind's (gzipped
    JSON) fragments."""
    pages = {}
    for path in (site / "pagefind").glob("**/fragment/*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd"), path
        data = json.loads(raw[len(b"pagefind_dcd") :])
        pages[data["url"]] = data
    return pages


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("tiny") / "site"
    site.mkdir()
    home = (
        '<h1 id="beranda">Beranda<a class="headerlink" href="#beranda">¶</a></h1>'
        "<p>Angka kematian ibu menurun di Kabupaten Contoh.</p>"
        '<div class="pohon-facets" hidden><span data-pagefind-filter="opd">Dinas Kesehatan</span>'
        '<span data-pagefind-filter="tingkat">Sasaran Strategis</span>'
        '<span data-pagefind-filter="tahun">2025</span>'
        '<span data-pagefind-filter="tahun">2026</span></div>'
        '<div class="pohon-diagram"><pre class="mermaid">flowchart TD\n n1["Kerbaudiagram"]</pre>'
        '</div><pre class="mermaid"><code>flowchart LR\n a[Bebekmermaid]</code></pre>'
        '<div data-pagefind-ignore="all">Kambingabaikan</div>'
    )
    (site / "index.html").write_text(PAGE.format(title="Beranda", body=home), "utf-8")
    (site / "indikator" / "jeruk").mkdir(parents=True)
    jeruk = "<h1>Jumlah jeruk nipis</h1><p>Jeruk nipis &lt;script&gt; segar per tahun.</p>"
    (site / "indikator" / "jeruk" / "index.html").write_text(
        PAGE.format(title="Jeruk", body=jeruk), "utf-8"
    )
    (site / "404.html").write_text(
        PAGE.format(title="404", body="<h1>Tidakditemukan</h1>"), "utf-8"
    )
    # An id_lama redirect page: no article, so not a search result.
    (site / "lama").mkdir()
    (site / "lama" / "index.html").write_text(
        '<!doctype html><html lang="id"><head><meta http-equiv="refresh" content="0; '
        'url=../indikator/jeruk/"><title>Dialihkan</title></head><body><p>Pindah ke '
        '<a href="../indikator/jeruk/">Jeruk</a>.</p></body></html>',
        "utf-8",
    )
    (site / "assets").mkdir()
    (site / "assets" / "x.html").write_text(PAGE.format(title="Aset", body="<p>Aset</p>"), "utf-8")
    stale = site / "pagefind" / "stale.txt"
    stale.parent.mkdir()
    stale.write_text("from an older build", "utf-8")
    return site


@pytest.fixture(scope="module")
def tiny_stats(tiny: Path):
    return index_site(tiny)


def test_index_site_writes_the_bundle(tiny: Path, tiny_stats) -> None:
    assert tiny_stats.pages == 2
    assert tiny_stats.output == tiny.resolve() / "pagefind"
    assert (tiny / "pagefind" / "pagefind.js").is_file()
    assert (tiny / "pagefind" / "pagefind-entry.json").is_file()
    assert not (tiny / "pagefind" / "stale.txt").exists(), "the old bundle is removed first"
    written = [p for p in (tiny / "pagefind").rglob("*") if p.is_file()]
    assert tiny_stats.files == len(written)
    assert tiny_stats.bytes == sum(p.stat().st_size for p in written)
    assert tiny_stats.words > 0 and tiny_stats.filters == 3
    assert tiny_stats.version.startswith("1.")
    # One language-neutral index of whole words (no stemmer: prefixes find words as typed).
    entry = json.loads((tiny / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["unknown"] == [tiny_stats.language]


def test_only_the_page_content_is_indexed(tiny: Path, tiny_stats) -> None:
    pages = _fragments(tiny)
    assert set(pages) == {"/", "/indikator/jeruk/"}, "404, redirect and assets/ are skipped"
    home = pages["/"]
    assert "Angka kematian ibu menurun" in home["content"]
    assert home["meta"]["title"] == "Beranda"
    for word in (
        "Zebraheader",  # header navigation
        "Kakifooter",  # footer
        "Kerbaudiagram",  # diagram in .pohon-diagram
        "Bebekmermaid",  # a bare Mermaid block
        "flowchart",
        "Kambingabaikan",  # data-pagefind-ignore
        "¶",  # heading anchor
        "Dinas Kesehatan",  # hidden filter text: not searched ...
    ):
        assert word not in home["content"], word
    # ... but the filters are recorded.
    assert home["filters"] == {
        "opd": ["Dinas Kesehatan"],
        "tingkat": ["Sasaran Strategis"],
        "tahun": ["2025", "2026"],
    }
    assert pages["/indikator/jeruk/"]["meta"]["title"] == "Jumlah jeruk nipis"


def test_site_pages_skip_top_level_entries(tiny: Path) -> None:
    found = [path.relative_to(tiny).as_posix() for path in site_pages(tiny)]
    assert found == ["index.html", "indikator/jeruk/index.html", "lama/index.html"]
    assert [page_url(path) for path in found] == ["/", "/indikator/jeruk/", "/lama/"]
    assert page_url("a/b.html") == "/a/b.html"


def test_only_materials_article_goes_to_pagefind() -> None:
    page = (
        '<html lang="id"><head><title>T</title></head><body><nav>Menu</nav><main>'
        '<article class="md-content__inner md-typeset"><h1>Judul</h1><p>Isi</p></article>'
        "</main><footer>Kaki</footer></body></html>"
    )
    assert search_document(page) == (
        '<html><body><article class="md-content__inner md-typeset"><h1>Judul</h1><p>Isi</p>'
        "</article></body></html>"
    )
    assert search_document("<article data-x='1' class='md-content__inner'>x") is not None
    for without in (
        '<article class="md-content__innerx">x</article>',
        '<div class="md-content__inner">x</div>',
        "<p>md-content__inner</p>",
    ):
        assert search_document(without) is None, without


def test_every_bundle_file_is_whole_when_indexing_ends(tiny: Path, tmp_path: Path) -> None:
    """The files are on disk, complete, when ``finish`` returns: Pagefind hands them over and
    the indexer writes them (Pagefind's own writes could still be under way, or cut short)."""
    site = tmp_path / "site"
    shutil.copytree(tiny, site)
    indexer = SearchIndexer(site, shard_words=1, window=0)
    for path in site_pages(site):
        indexer.add_page(page_url(path.relative_to(site).as_posix()), path.read_text("utf-8"))
    indexer.finish()
    bundle = site / "pagefind"
    entries = sorted(bundle.rglob("pagefind-entry.json"))
    assert len(entries) == 2, entries
    for entry in entries:
        assert json.loads(entry.read_text("utf-8"))["languages"], entry
    chunks = [p for p in bundle.rglob("*") if p.suffix.startswith(".pf_")]
    assert {p.suffix for p in chunks} >= {".pf_meta", ".pf_fragment", ".pf_index"}
    for chunk in chunks:
        assert gzip.decompress(chunk.read_bytes()).startswith(b"pagefind_dcd"), chunk
    (wasm,) = bundle.glob("wasm.*.pagefind")
    assert gzip.decompress(wasm.read_bytes()).startswith(b"pagefind_dcd\0asm"), "whole"
    assert (bundle / "pagefind.js").stat().st_size > 1000


class _Trickle(io.RawIOBase):
    """A pipe that gives what it holds a few bytes at a time."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data, self.step = data, step

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        piece, self.data = self.data[: self.step], self.data[self.step :]
        buffer[: len(piece)] = piece
        return len(piece)


@pytest.mark.parametrize("step", [1, 7, 1 << 16])
def test_the_service_s_answers_are_read_whole_however_they_arrive(step: int) -> None:
    """Answers end with a comma; one may come in many reads (a shard's files are megabytes),
    several in one."""
    answers = [{"message_id": n, "payload": {"files": "x" * (n * 500)}} for n in (1, 2, 3)]
    wire = b"".join(base64.b64encode(json.dumps(a).encode()) + b"," for a in answers)
    service = search_index._Service.__new__(search_index._Service)
    service._process = SimpleNamespace(stdout=io.BufferedReader(_Trickle(wire, step)))
    service._answers, service._ready, service._ended = {}, threading.Condition(), False
    service._read()
    assert service._ended
    assert service._answers == {a["message_id"]: a["payload"] for a in answers}


def test_a_small_shard_budget_writes_one_shard_per_page(
    tiny: Path, tiny_stats, tmp_path: Path
) -> None:
    """Each shard is a bundle of its own, without the script and WebAssembly the first one
    serves; pohon-shards.json lists them, and together they hold every page once."""
    site = tmp_path / "site"
    shutil.copytree(tiny, site)
    indexer = SearchIndexer(site, shard_words=1, window=0)
    for path in site_pages(site):
        indexer.add_page(page_url(path.relative_to(site).as_posix()), path.read_text("utf-8"))
    stats = indexer.finish()
    assert indexer.skipped == 1, "the redirect page"
    assert stats.pages == 2 and stats.shards == 2
    manifest = json.loads((site / "pagefind" / SHARDS_FILE).read_text("utf-8"))
    assert manifest == {"shards": ["shard-2/"]}
    second = site / "pagefind" / "shard-2"
    assert (second / "pagefind-entry.json").is_file()
    assert list(second.glob("*.pf_meta")) and list(second.glob("fragment/*.pf_fragment"))
    assert not list(second.glob("*.js")) and not list(second.glob("wasm.*"))
    assert set(_fragments(site)) == set(_fragments(tiny)) == {"/", "/indikator/jeruk/"}
    one = json.loads((tiny / "pagefind" / SHARDS_FILE).read_text("utf-8"))
    assert one == {"shards": []}


@pytest.mark.parametrize("hold_bytes", [0, 1 << 20], ids=["wait", "hold"])
def test_pages_that_come_while_a_shard_is_written_are_all_indexed(
    tmp_path: Path, hold_bytes: int
) -> None:
    """A shard per page: each page but the first comes while the previous shard is written, and
    is held (or waited for) before it goes into the next one; none is lost or doubled."""
    indexer = SearchIndexer(tmp_path, shard_words=1, window=0, hold_bytes=hold_bytes)
    urls = [f"/indikator/i{number}/" for number in range(12)]
    for number, url in enumerate(urls):
        body = f"<h1>Indikator {number}</h1><p>Kata{number} cakupan layanan</p>"
        assert indexer.add_page(url, PAGE.format(title=str(number), body=body))
    stats = indexer.finish()
    assert stats.pages == 12 and stats.shards == 12, stats
    pages = _fragments(tmp_path)
    assert sorted(pages) == sorted(urls)
    assert all(f"Kata{urls.index(url)}" in pages[url]["content"] for url in urls)
    manifest = json.loads((tmp_path / "pagefind" / SHARDS_FILE).read_text("utf-8"))
    assert manifest["shards"] == [f"shard-{number}/" for number in range(2, 13)]


def test_index_site_errors_are_clear(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="tidak ada: bangun situsnya dulu"):
        index_site(tmp_path / "missing")
    # A site without Material's article: nothing to index.
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "index.html").write_text("<html><body><p>Tanpa artikel</p></body></html>", "utf-8")
    with pytest.raises(SearchIndexError, match="tidak mengindeks satu halaman pun"):
        index_site(bare)
    # Pagefind failing: its last lines are in the message.
    good = tmp_path / "good"
    good.mkdir()
    (good / "index.html").write_text(PAGE.format(title="Ada", body="<h1>Ada</h1>"), "utf-8")
    failing = tmp_path / "pagefind-failing"
    failing.write_text("#!/bin/sh\necho 'starting' \necho 'Error: disk full' >&2\nexit 3\n")
    failing.chmod(failing.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(SearchIndexError, match=r"status keluar 3\):\nError: disk full"):
        index_site(good, executable=failing)
    # One that answers nonsense and then stops.
    garbled = tmp_path / "pagefind-garbled"
    garbled.write_text("#!/bin/sh\nprintf 'bm90IGpzb24=,'\necho 'Error: confused' >&2\nsleep 1\n")
    garbled.chmod(garbled.stat().st_mode | stat.S_IEXEC)
    with pytest.raises(SearchIndexError, match=r"berhenti saat .*\nError: confused"):
        index_site(good, executable=garbled)
    with pytest.raises(SearchIndexError, match="tidak dapat dijalankan") as error:
        index_site(good, executable=tmp_path / "no-such-binary")
    assert "could not be started" in error.value.text("en")


# ----------------------------------------------------------------------------------------------
# The plugin


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("mini-pagefind"), MINI, SITE)


def test_build_writes_the_pagefind_bundle(mini_site: Path) -> None:
    assert (mini_site / "pagefind" / "pagefind.js").is_file()
    assert (mini_site / "assets" / "pohon" / "pohon-search.js").is_file()
    pages = _fragments(mini_site)
    assert "/indikator/dinkes-sp-1-k4/" in pages and "/node/dinkes-sp-1/" in pages
    assert "/tentang/" in pages, "the site's own pages are searched too"
    assert "/404.html" not in pages
    k4 = pages["/indikator/dinkes-sp-1-k4/"]
    assert k4["meta"]["title"] == "Cakupan K4"
    assert "flowchart" not in k4["content"] and "classDef" not in k4["content"]


def test_materials_search_indexes_nothing(mini_site: Path) -> None:
    """Pagefind has every page (the site's own ones too): Material's search plugin keeps only its
    box and leaves the pages alone."""
    index = json.loads((mini_site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"] == []
    assert "/tentang/" in _fragments(mini_site)


def test_header_has_materials_box_answered_by_pagefind(mini_site: Path) -> None:
    html = (mini_site / "indikator" / "dinkes-sp-1-k4" / "index.html").read_text("utf-8")
    header = html[html.index("<header") : html.index("</header>")]
    assert 'class="md-search pohon-search"' in header
    assert 'data-pohon-bundle="../../pagefind/pagefind.js"' in header
    assert '<script src="../../assets/pohon/pohon-search.js" defer>' in header
    assert 'placeholder="Cari"' in header and "Ketik untuk mencari" in header
    # None of the hooks Material's own search binds to (it would fetch search_index.json).
    assert 'data-md-component="search' not in header
    assert 'name="search"' not in header
    assert 'class="md-header__button md-icon" for="__search"' in header


def test_a_site_without_the_search_plugin_still_has_the_box(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, dataclasses.replace(SITE, search_plugin=False))
    assert not (site / "search" / "search_index.json").exists()
    assert (site / "pagefind" / "pagefind.js").is_file()
    html = (site / "index.html").read_text("utf-8")
    assert 'class="md-search pohon-search"' in html
    assert 'class="md-header__button md-icon" for="__search"' in html


def test_search_material_changes_nothing(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, SITE.with_options(search="material"))
    assert not (site / "pagefind").exists()
    assert not (site / "assets" / "pohon" / "pohon-search.js").exists()
    html = (site / "index.html").read_text("utf-8")
    assert 'data-md-component="search"' in html and "pohon-search" not in html
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith("indikator/dinkes-sp-1-k4/") for doc in index["docs"])


def test_a_sites_own_search_partial_wins(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides" / "partials"
    overrides.mkdir(parents=True)
    (overrides / "search.html").write_text('<div class="situs-sendiri">Cari di sini</div>\n')
    root = tmp_path / "site-root"
    root.mkdir()
    site = build_site(root, MINI, dataclasses.replace(SITE, custom_dir=tmp_path / "overrides"))
    html = (site / "index.html").read_text("utf-8")
    assert "situs-sendiri" in html and "pohon-search" not in html
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_english_wording(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, SITE.with_options(language="en"))
    html = (site / "index.html").read_text("utf-8")
    assert 'placeholder="Search"' in html and "Type to search" in html


def test_pagefind_missing_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(plugin_module, "pagefind_available", lambda: False)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path / "explicit", MINI, SITE)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(
        "search: pagefind memerlukan Pagefind" in m
        and "pip install 'mkdocs-pohon-plugin[pagefind]'" in m
        for m in said
    ), said
    caplog.clear()
    # auto: Material's search, and the log says why.
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pohon"):
        site = build_site(tmp_path / "auto", MINI, SITE.with_options(search="auto"))
    assert not (site / "pagefind").exists()
    assert 'data-md-component="search"' in (site / "index.html").read_text("utf-8")
    assert any("Pagefind tidak terpasang" in r.getMessage() for r in caplog.records)


def test_stemming_can_be_switched_on(tmp_path: Path) -> None:
    """search_stemming: true gives an index of Indonesian stems: Pagefind's `id` language, with
    its stemmer's WebAssembly."""
    site = build_site(tmp_path, MINI, SITE.with_options(search_stemming=True))
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["wasm"] == "id"


def test_shard_words_must_be_positive(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path, MINI, SITE.with_options(search_shard_words=0))
    assert any(
        "search_shard_words harus berupa jumlah kata yang positif" in r.getMessage()
        for r in caplog.records
    )


def test_auto_uses_pagefind_when_installed(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, SITE.with_options(search="auto"))
    assert (site / "pagefind" / "pagefind.js").is_file()


def test_pagefind_needs_the_material_theme(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(
            tmp_path,
            MINI,
            dataclasses.replace(SITE, theme="mkdocs", search_plugin=False),
            strict=False,
        )
    assert any("memerlukan `theme: material`" in r.getMessage() for r in caplog.records)


# ----------------------------------------------------------------------------------------------
# In a real browser


@pytest.fixture(scope="module")
def browser(browser: Browser) -> Browser:
    """The session's browser (tests/conftest.py), for sites that serve Mermaid themselves: without
    it their pages would ask a CDN (skipped when it is missing outside CI, failed in CI)."""
    require(MERMAID_JS)
    return browser


@pytest.fixture(scope="module")
def mini_url(mini_site: Path, serve: Callable[[Path], str]) -> str:
    return serve(mini_site)


def test_pagefind_answers_a_query_in_the_browser(browser, tiny: Path, tiny_stats) -> None:
    with served(tiny) as url:
        # Not routed through Playwright: Pagefind fetches from a web worker, and twice in about
        # thirty runs on a loaded machine a routed worker fetch gave Pagefind a broken body
        # ("invalid gzip data" for the WebAssembly, "Failed to load Pagefind metadata" for its
        # entry) while the files on disk were whole. Requests are still recorded.
        reader = Reader(browser, url, DESKTOP, intercept=False)
        try:
            reader.page.goto(url)
            found = _search_or_explain(reader, tiny)
            assert [row[:2] for row in found] == [["/indikator/jeruk/", "Jumlah jeruk nipis"]]
            assert "<mark>" in found[0][2]
            # Without interception Chromium asks for /favicon.ico, which the tiny site has not.
            errors = [error for error in reader.errors if "/favicon.ico" not in error]
            assert errors == [] and reader.external == []
        finally:
            reader.close()


def _search_or_explain(reader: Reader, site: Path) -> list[list[str]]:
    """Pagefind's answer to "jeruk nipis"; when it fails, the failure says what the browser got
    for the WebAssembly (it failed once in a dozen runs on a loaded machine: "invalid gzip
    data") against the file on disk, read again after the failure."""
    wasm: list[str] = []

    def seen(response) -> None:
        if "/pagefind/wasm." in response.url:
            try:
                body = response.body()
                wasm.append(f"{response.status} {len(body)} bytes, starting {body[:12]!r}")
            except Exception as exc:  # noqa: BLE001 - a diagnostic only
                wasm.append(f"{response.status}, body unreadable: {exc}")

    reader.context.on("response", seen)  # the worker's responses too
    try:
        return reader.page.evaluate(
            """async (query) => {
                  const pagefind = await import('/pagefind/pagefind.js');
                  const search = await pagefind.search(query);
                  const pages = await Promise.all(search.results.map((r) => r.data()));
                  return pages.map((p) => [p.url, p.meta.title, p.excerpt]);
                }""",
            "jeruk nipis",
        )
    except Exception as exc:
        on_disk = {
            p.name: (p.stat().st_size, p.read_bytes()[:12])
            for p in (site / "pagefind").glob("wasm.*")
        }
        raise AssertionError(
            f"Pagefind failed: {exc}\nthe browser got: {wasm}\non disk now: {on_disk}"
        ) from exc


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reader_finds_an_indicator_and_lands_on_it(browser, mini_url: str, viewport) -> None:
    reader = Reader(browser, mini_url, viewport, intercept=False)
    try:
        reader.page.goto(mini_url + "node/dinkes-ss-1/")
        hrefs = reader.search("Cakupan K4")
        assert hrefs and hrefs[0] == "/indikator/dinkes-sp-1-k4/", hrefs
        first = reader.page.locator(".md-search-result__link").first
        assert first.locator("h1").inner_text() == "Cakupan K4"
        assert first.locator("mark").first.inner_text().lower().startswith("cakupan")
        assert "Dinkes" in first.locator(".pohon-search__facets").inner_text()
        # Only what the query needs: no filter data unless the reader asks for the OPD list.
        assert not any("/pagefind/filter/" in url for url in reader.requests)
        assert not any(url.endswith("search_index.json") for url in reader.requests)
        reader.click_result("/indikator/dinkes-sp-1-k4/")
        assert reader.page.locator("article h1").inner_text().startswith("Cakupan K4")
        # The box closed on the way (Material's toggle), and nothing left localhost.
        assert not reader.page.locator("#__search").is_checked()
        assert reader.external == [], reader.external
        assert reader.errors == [], reader.errors
    finally:
        reader.close()


def test_keyboard_enter_opens_the_first_result_and_escape_closes(browser, mini_url: str) -> None:
    reader = Reader(browser, mini_url, DESKTOP, intercept=False)
    try:
        page = reader.page
        page.goto(mini_url)
        page.keyboard.press("/")  # Material's shortcut opens the box
        assert page.locator("#__search").is_checked()
        page.keyboard.type("Angka Kematian Ibu", delay=15)
        first = page.locator(".md-search-result__link").first
        first.wait_for()
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
        page.locator("input.md-search__input").click()
        page.locator(".pohon-search__status").filter(has_text="hasil").wait_for()
        href, title = first.get_attribute("href"), first.locator("h1").inner_text()
        assert title == "Angka Kematian Ibu", title
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: urlsplit(url).path == href)
        assert page.locator("article h1").inner_text().startswith("Angka Kematian Ibu")
        assert reader.errors == [] and reader.external == []
    finally:
        reader.close()


def test_unknown_words_say_no_result_and_text_stays_text(browser, mini_url: str) -> None:
    reader = Reader(browser, mini_url, DESKTOP, intercept=False)
    try:
        reader.page.goto(mini_url)
        # Pagefind alone would answer with every page holding a word "x…" (its prefix fallback).
        assert reader.search("xqzvutsrq") == []
        status = reader.page.locator(".pohon-search__status").inner_text()
        assert status.startswith("Tidak ada hasil untuk \u201cxqzvutsrq\u201d"), status
        # A prefix typed so far finds the whole words (no stemmer in the way).
        assert "/indikator/dinkes-ss-1-aki/" in reader.search("kemat")
        assert reader.errors == []
    finally:
        reader.close()


def test_search_can_be_narrowed_to_one_opd(browser, mini_url: str) -> None:
    reader = Reader(browser, mini_url, DESKTOP, intercept=False)
    try:
        page = reader.page
        page.goto(mini_url)
        everyone = reader.search("ibu hamil")
        select = page.locator("select.pohon-search__filter")
        assert select.is_hidden(), "the OPD list is loaded only when asked for"
        page.locator("button.pohon-search__filter-open").click()
        select.wait_for()
        options = select.locator("option").all_inner_texts()
        assert options[0] == "Semua OPD" and len(options) == 3 and "Dinkes" in options, options
        other = next(name for name in options[1:] if name != "Dinkes")
        select.select_option(other)
        page.wait_for_function(
            """(before) => {
              const links = [...document.querySelectorAll('.md-search-result__link')];
              return links.length > 0 && links.length < before;
            }""",
            arg=len(everyone),
        )
        facets = page.locator(".pohon-search__facets").all_inner_texts()
        assert facets and all(other in text for text in facets), facets
        assert reader.errors == []
    finally:
        reader.close()


# ----------------------------------------------------------------------------------------------
# At scale: a synthetic regency

SCALE = SyntheticParams(opd=3, nodes=150, indicators=450, seed=1)


SHARD_WORDS = 20_000  # a few shards for this regency, as a full one gets with the default


@pytest.fixture(scope="module")
def regency(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A synthetic regency built with Pagefind in several shards, and one indicator whose name no
    other has, indexed in a later shard (merged into the search by the search box): the last
    shard that holds one (the very last may hold the site-wide indexes only)."""
    root = tmp_path_factory.mktemp("regency")
    trees = root / "generated"
    generate_regency(trees, SCALE)
    config = SITE.with_options(search_shard_words=SHARD_WORDS)
    site = build_site(root / "build", trees, config, strict=False)
    manifest = json.loads((site / "pagefind" / SHARDS_FILE).read_text("utf-8"))
    assert len(manifest["shards"]) >= 2, manifest
    indicators = check_trees(trees).site.indicators
    names = Counter(indicator.name for indicator in indicators.values())
    unique = []
    for shard in reversed(manifest["shards"]):
        in_shard = {
            json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["url"]
            for path in (site / "pagefind" / shard).glob("fragment/*.pf_fragment")
        }
        unique = sorted(
            (
                i
                for i in indicators.values()
                if names[i.name] == 1
                and len(i.name.split()) >= 5
                and f"/indikator/{i.id}/" in in_shard
            ),
            key=lambda i: i.id,
        )
        if unique:
            break
    assert unique, "the synthetic regency has no indicator with a name of its own in a later shard"
    return site, unique[0].id, unique[0].name


def test_search_finds_a_known_indicator_at_scale(browser, regency) -> None:
    site, indicator_id, name = regency
    pages = _fragments(site)
    assert len(pages) > 400, f"only {len(pages)} pages indexed"
    generated = {path.parent.relative_to(site).as_posix() for path in site.glob("*/*/index.html")}
    assert {f"/{path}/" for path in generated} - set(pages) == set(), "every shard holds its own"
    target = f"/indikator/{indicator_id}/"
    with served(site) as url:
        reader = Reader(browser, url, DESKTOP, intercept=False)
        try:
            reader.page.goto(url)
            hrefs = reader.search(name)
            assert target in hrefs, f"{name!r}: {target} not among {hrefs}"
            shards = [url for url in reader.requests if "/pagefind/shard-" in url]
            assert any("/pagefind-entry.json" in url for url in shards), shards
            reader.click_result(target)
            assert reader.page.locator("article h1").inner_text().startswith(name)
            assert reader.external == [] and reader.errors == []
        finally:
            reader.close()
