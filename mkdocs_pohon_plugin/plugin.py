"""The MkDocs plugin: a thin adapter from MkDocs events to :mod:`mkdocs_pohon_plugin.core.site`.

- ``on_config``: check the options (numbers in range, the search choice, ``changes_since``), then
  the trees (``pohon check``); log every diagnostic, stop with a short
  :class:`~mkdocs.exceptions.PluginError` when there are errors; watch the trees folder in serve.
- ``on_files``: plan every page with the core and add it as a generated file (rendered later);
  start the downloads, written from the checked model by a child process. The pages of the
  kinds declared ``in_nav`` make the site's navigation (Beranda, Perangkat Daerah, Indeks, Unduh
  Data), put before the site's own pages; every other page is ``NOT_IN_NAV`` (Material renders
  the whole nav into every page).
- ``on_pre_page``: a generated page becomes a :class:`~.rendered_page.PohonPage`, whose HTML comes
  straight from the core's templates (no Python-Markdown); ``on_post_page`` frees it again.
- ``on_page_context``: the edit button of a generated page opens its YAML file at the line; a
  page outside the navigation (a node, an indicator, an agency's level or PK page) lights up
  its agency's entry (or Beranda's, for the regional tree) while it is rendered, so the reader
  sees where it belongs.

What the plugin relies on beyond MkDocs' and Material's public behaviour is in
:mod:`.mkdocs_internals`, each use commented and tested.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage
from mkdocs.utils.templates import TemplateContext

from . import mkdocs_internals
from .core.review.diff import DiffLoadError, Side, diff_sites, load_side
from .core.review.diff_render import render_markdown
from .core.review.history import BlameCache, site_history
from .core.review.promises import DEFAULT_REVISIONS, PromiseCache, site_promises
from .core.site import RenderOptions, SiteBuild, paths
from .core.site.background import DownloadsError, DownloadsJob, DownloadsLanding, write_files
from .core.site.exports import xlsx_available
from .core.site.labels import labels_for
from .core.site.lineage_groups import DEFAULT_INLINE_LIMIT
from .core.site.listings import DEFAULT_INDEX_LIMIT
from .core.site.mermaid import DEFAULT_LIMIT as DEFAULT_DIAGRAM_LIMIT
from .core.site.page_hash import PageHasher, body_key, fingerprint, folder_stamp
from .core.site.pages import NAV_OPD_LIMIT, Page, Source, page_opd, site_nav
from .core.site.paths import EXPORT_CSV, EXPORT_JSON, EXPORT_XLSX, HOME, OPD_LIST, UnsafeIdError
from .core.site.redirects import redirects
from .core.site.render import RenderedPage, front_matter
from .core.site.search_index import (
    DEFAULT_SHARD_WORDS,
    INSTALL_HINT,
    OUTPUT_SUBDIR,
    SearchIndexer,
    SearchIndexError,
    SearchIndexStats,
    index_site,
    pagefind_available,
)
from .core.tree.check import CheckResult, check_trees
from .core.tree.diagnostics import Text
from .core.tree.load import LoadCache
from .heap import HeapTrimmer
from .markdown_cache import MarkdownCache
from .nav_cache import NavCache
from .rendered_page import GeneratedPages, PohonPage
from .serve_cache import ServeCache

log = logging.getLogger("mkdocs.plugins.pohon")

MERMAID_DEST = "assets/pohon/mermaid.min.js"
CHANGES_PAGE = "perubahan.md"
PRERENDERED_LIMIT = 1000
"""``mkdocs serve``: at most this many bodies rendered ahead that differ from the last build's
are kept for MkDocs to write; once there are that many, the other pages are built without a
comparison (bounded memory, and no body rendered twice, after an edit that changes many pages)."""
ASSETS = Path(__file__).parent / "assets"
SCRIPT_DEST = "assets/pohon/pohon.js"
STYLE_DEST = "assets/pohon/pohon.css"
SEARCH_SCRIPT_DEST = "assets/pohon/pohon-search.js"
# search: pagefind — Material's search box answered by Pagefind (partials/search.html).
THEME_OVERRIDES = Path(__file__).parent / "theme_overrides"
THEME_404 = Path(__file__).parent / "templates" / "theme_404"
"""Material templates for every Material site: the "not found" page in the site's language with
ways out (Material's own says "Not found" always) and the edit button named "Usulkan perubahan"."""


class PohonConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it from ``mkdocs.yml``."""

    trees = c.Dir(exists=True, default="trees")
    """The trees folder (``pemda.yaml``, ``opd/*.yaml``), relative to ``mkdocs.yml``."""

    custom_templates = c.Optional(c.Dir(exists=True))
    """A folder of page templates (``home.html.j2``, ``node.html.j2`` …) looked up before the built-in
    ones in ``mkdocs_pohon_plugin/templates/pohon/``: copy one there and change it."""

    language = c.Choice(("id", "en"), default="id")
    """Language of the generated pages' fixed wording: ``id`` (Indonesian) or ``en``."""

    mermaid_js = c.Optional(c.File(exists=True))
    """A local ``mermaid.min.js`` (e.g. ``node_modules/mermaid/dist/mermaid.min.js``) to serve from
    the site itself, so diagrams render offline instead of loading Mermaid from a CDN. It is
    fetched without blocking, only by a page with a diagram and when the diagram nears the
    screen (hand-written ``mermaid`` fences too). Without it, Material loads Mermaid from a CDN
    on every page that has a diagram."""

    fail_on_warning = c.Type(bool, default=False)
    """Stop the build when the trees have warnings too (quality rules), not only errors. Without
    it, warnings are logged at INFO level, so ``mkdocs build --strict`` is about the site."""

    edit_links = c.Type(bool, default=True)
    """Point each generated page's edit button at its YAML file and line."""

    edit_uri = c.Optional(c.Type(str))
    """Edit URL prefix for files at the repository root (``edit/main/``), joined to ``repo_url``.
    Default: the site's ``edit_uri`` without its trailing docs folder (``edit/main/docs/`` →
    ``edit/main/``)."""

    diagram_limit = c.Type(int, default=DEFAULT_DIAGRAM_LIMIT)
    """Most boxes in one diagram; the rest are listed below it."""

    lineage_inline_limit = c.Type(int, default=DEFAULT_INLINE_LIMIT)
    """Rows of an indicator's "Didukung oleh" written on its page; past it the deeper levels link
    to one page per agency (``indikator/<id>/dukungan/<opd>/``), so an indicator page stays small
    on a big regency."""

    index_inline_limit = c.Type(int, default=DEFAULT_INDEX_LIMIT)
    """Rows on one page of the site-wide listings (*Semua Indikator*, *Indeks Kode*); past it
    the index page lists the regional tree and each agency with its count and a finder, and the
    rows go to one page per agency (``indeks/indikator/opd/<opd>/``), so no listing page grows
    with the regency."""

    history = c.Type(bool, default=True)
    """Show on each node and indicator page when it last changed and in which commit (one
    ``git blame`` per tree file; nothing is shown when the trees are not in a git checkout)."""

    promise_revisions = c.Type(int, default=DEFAULT_REVISIONS)
    """With ``history``: how many revisions of each tree file (the newest) the history of
    promises reads, for each indicator's "Riwayat Janji" and the PK pages' revision stamp;
    ``0`` leaves both out."""

    changes_since = c.Optional(c.Type(str))
    """A git revision (``v2025.1``, ``origin/main~10``) or a folder: adds a *Perubahan* page listing
    what changed in the trees since then, in the domain's words (``pohon diff``)."""

    serve_opd = c.ListOfItems(c.Type(str), default=[])
    """``mkdocs serve`` only: preview just these agencies (OPD ids) — their pages, the regional
    tree, home and the OPD list — for a quick rebuild on a big regency. ``mkdocs build`` always
    builds everything."""

    serve_cache = c.Type(bool, default=True)
    """``mkdocs serve`` only: after an edit, render again only the generated pages whose content
    changed (a hash per page over everything it shows) and keep the others' files from the
    previous build, so a preview reloads in about two seconds. ``false``: every page is rendered
    on every rebuild. ``mkdocs build`` always renders everything."""

    nav_opd_limit = c.Type(int, default=NAV_OPD_LIMIT)
    """List each agency's page in the navigation when there are at most this many agencies;
    above it the Perangkat Daerah section holds the OPD list only (Material renders the whole
    navigation into every one of the site's pages)."""

    nav = c.Type(bool, default=True)
    """Put the regency's pages at the front of the navigation: Beranda, Perangkat Daerah (the
    OPD list and the agencies), Indeks (IKU, all indicators, crosscutting, cascading, codes) and
    Unduh Data, made from the page kinds declared ``in_nav`` (``core/site/kinds.py``); the site's
    own ``nav`` follows, unless it already names the home page or the OPD list (then it is used
    as written). A page outside the navigation (a node, an indicator …) marks its agency's entry
    (Beranda's for the regional tree) as the current one."""

    search = c.Choice(("auto", "pagefind", "material"), default="auto")
    """The site search behind Material's search box. ``pagefind``: every page is indexed with
    Pagefind as it is written (``<site>/pagefind/``) and the box answers from it, fetching only the
    index chunks of the words searched; generated pages stay out of Material's own index (whose
    parsing would cost about a quarter of a big build). Needs the ``pagefind`` extra
    (``pip install 'mkdocs-pohon-plugin[pagefind]'``) and the ``material`` theme. ``material``:
    Material's search plugin as configured. ``auto`` (default): ``pagefind`` when it is installed
    and the theme is Material, else ``material``."""

    search_stemming = c.Type(bool, default=False)
    """``search: pagefind``: index words by their Indonesian stem (Pagefind's ``id`` stemmer), so
    that "layanan" also finds "pelayanan". Off by default: the stemmer cuts "kematian" to "mati",
    so while a reader types ("kemat") no indexed word starts with what is typed and the box shows
    junk until the word is complete. Without it every typed prefix finds its words."""

    nav_cache = c.Type(bool, default=True)
    """Render Material's navigation (side bar and tabs) once for all the pages outside the
    navigation that show the same one, instead of once a page: the same HTML, about a sixth
    less build time on a big regency. Used only when the site keeps Material's own
    ``partials/nav.html`` and ``nav-item.html`` (``tabs.html``, ``tabs-item.html``)."""

    search_shard_words = c.Type(int, default=DEFAULT_SHARD_WORDS)
    """``search: pagefind``: words of page text in one shard of the index. Pagefind's memory
    grows with the words it holds (about 0.8 KB each while writing), so a big site is indexed in
    shards that the search box merges: the default keeps Pagefind under about 500 MB. Lower it on
    a runner with little memory; a higher one gives fewer, bigger shards."""


class PohonPlugin(BasePlugin[PohonConfig]):
    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.sources: dict[str, Source] = {}
        self.generated: set[str] = set()
        self.edit_base: str | None = None
        self.config_dir: Path = Path.cwd()
        self.changes_page: str | None = None
        self.search_mode = "material"
        self.command = "build"
        self.dirty = False
        self.search_indexer: SearchIndexer | None = None
        """Pagefind, fed each page as it is written (``search: pagefind``)."""
        self.load_cache = LoadCache()
        """Tree files read by an earlier build: ``mkdocs serve`` re-reads only changed ones."""
        self.blame_cache = BlameCache()
        """What git blame said on an earlier build: asked again only for changed files."""
        self.promise_cache = PromiseCache()
        """The history of promises of an earlier build: read again only when ``HEAD`` moves."""
        self.preview: frozenset[str] | None = None
        self.downloads: DownloadsJob | None = None
        self.skipped_downloads: set[str] = set()
        """Downloads the site's docs already have: theirs are published, not ours."""
        self.downloads_key: str | None = None
        """``mkdocs serve`` with the preview cache: what this build's downloads are made of."""
        self.landed_downloads: tuple[str, dict[str, bytes]] | None = None
        """``mkdocs serve``: the last downloads written, with their key; written again as they
        are while the model does not change."""
        self.downloads_landing: DownloadsLanding | None = None
        """``mkdocs serve``: the downloads still being written after the build ended."""
        self.build: SiteBuild | None = None
        self.planned: dict[str, Page] = {}
        self.nav_pages: dict[str, MkPage] = {}
        """The pages in the navigation, by source path (``on_nav``)."""
        self.generated_pages: GeneratedPages | None = None
        """The build and plans the generated pages of the current build share."""
        self.nav: Navigation | None = None
        self.nav_cache: NavCache | None = None
        """Material's navigation HTML shared by the pages outside it (``nav_cache``)."""
        self.lit: MkPage | None = None
        """The navigation entry marked active for the page being rendered (see
        :meth:`_light_owner`)."""
        self.serve_cache = ServeCache()
        """``mkdocs serve``: the generated pages of the previous build, reused when unchanged."""
        self.markdown_cache = MarkdownCache()
        """``mkdocs serve``: the site's own pages as Python-Markdown last converted them."""
        self.generated_files: dict[str, File] = {}
        """The generated pages' files, by source path (``on_files``)."""
        self.search_kept = False
        """This build kept the previous build's Pagefind index (``mkdocs serve``)."""
        self.previous_search: tuple[Path, list[Any]] | None = None
        """``mkdocs serve``: the last build's Material search entries, read once a build."""
        self.prerendered: dict[str, RenderedPage] = {}
        """``mkdocs serve``: bodies rendered to compare with the last build's, by source path."""
        self.heap = HeapTrimmer()
        """Gives the C heap's free memory back every few hundred pages written (:mod:`.heap`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its state, the load cache) across
        # `mkdocs serve` rebuilds.
        self.command = command
        self.dirty = dirty
        self.serve_cache.close()
        self.serve_cache = ServeCache()  # MkDocs keeps this instance for its next session too

    def _say(self, text: Text) -> str:
        """``text`` in the site's language (the ``language`` option)."""
        return text(self.config.language)

    @event_priority(100)
    def _share_theme_first(self, config: MkDocsConfig) -> None:
        """Before the other plugins' ``on_config``: in ``mkdocs serve`` the theme's Jinja
        environments keep their compiled templates from the first build on (Material's search
        plugin compiles its language templates three times in its ``on_config``)."""
        if self._caching():
            self._share_theme(config)

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        # The options first: a mistake in mkdocs.yml is reported at once, before the trees
        # (seconds on a big regency) are read. MkDocs has checked their types, choices and
        # folders already.
        self._check_numbers()
        self.search_mode = self._search_mode(config)
        self._check_changes_since()
        self._warn_stale_templates()
        self.edit_base = self._edit_base(config) if self.config.edit_links else None
        trees = Path(self.config.trees)
        started = time.perf_counter()
        result = check_trees(trees, cache=self.load_cache)
        seconds = time.perf_counter() - started
        read, reused = self.load_cache.read, self.load_cache.reused
        log.info(
            "pohon: %s",
            self._say(
                Text(
                    id=f"pohon diperiksa dalam {seconds:.2f} dtk ({read} berkas dibaca, {reused} "
                    "tidak berubah sejak pembangunan terakhir)",
                    en=f"trees checked in {seconds:.2f} s ({read} file(s) read, {reused} "
                    "unchanged since the last build)",
                )
            ),
        )
        language = self.config.language
        for diagnostic in result.diagnostics:
            if diagnostic.is_error:
                log.error("pohon: %s", diagnostic.format(language))
            elif self.config.fail_on_warning:
                log.warning("pohon: %s", diagnostic.format(language))
            else:
                log.info("pohon: %s", diagnostic.format(language))
        failing = result.errors + (result.warnings if self.config.fail_on_warning else [])
        if failing:
            first = failing[0].format(language)
            errors, warnings = result.error_count, result.warning_count
            raise PluginError(
                "pohon: "
                + self._say(
                    Text(
                        id=f"pohon di {trees} memiliki {errors} galat dan {warnings} peringatan; "
                        f"yang pertama: {first} — jalankan `pohon check {trees}` untuk daftar "
                        "lengkapnya, perbaiki, lalu bangun lagi.",
                        en=f"the trees in {trees} have {errors} error(s) and {warnings} "
                        f"warning(s); the first: {first} — run `pohon check {trees}` for the "
                        "full list, fix them and build again.",
                    )
                )
            )
        self.result = result
        self.preview = self._preview(result)
        if str(trees) not in config.watch:
            config.watch.append(str(trees))
        # Sortable, filterable tables and diagram helpers, served from the site (no CDN), run
        # after the page is parsed (defer). With ``mermaid_js`` the script also fetches Mermaid,
        # only on a page with a diagram and when the diagram nears the screen: no page has a
        # script tag for it.
        script = ExtraScriptValue(SCRIPT_DEST)
        script.defer = True
        config.extra_javascript.append(script)
        config.extra_css.append(STYLE_DEST)
        if self.search_mode == "pagefind":
            _use_pagefind_box(config)
        if config.theme.name == "material":
            mkdocs_internals.add_theme_dir(config, str(THEME_404))
        if not xlsx_available():
            log.info(
                "pohon: %s",
                self._say(
                    Text(
                        id="openpyxl tidak terpasang, sehingga situs tidak memiliki unduhan "
                        "unduh/matriks-cascading.xlsx (pip install 'mkdocs-pohon-plugin[xlsx]' "
                        "menambahkannya)",
                        en="openpyxl is not installed, so the site has no "
                        "unduh/matriks-cascading.xlsx download (pip install "
                        "'mkdocs-pohon-plugin[xlsx]' adds it)",
                    )
                ),
            )
        return config

    on_config = CombinedEvent(_share_theme_first, _configure)

    def _check_numbers(self) -> None:
        """The numeric options are in range (MkDocs has checked that they are integers)."""
        least = {
            "search_shard_words": (
                1,
                Text(id="jumlah kata yang positif", en="a positive number of words"),
                DEFAULT_SHARD_WORDS,
            ),
            "diagram_limit": (
                1,
                Text(id="jumlah kotak yang positif", en="a positive number of boxes"),
                DEFAULT_DIAGRAM_LIMIT,
            ),
            "lineage_inline_limit": (
                1,
                Text(id="jumlah baris yang positif", en="a positive number of rows"),
                DEFAULT_INLINE_LIMIT,
            ),
            "index_inline_limit": (
                1,
                Text(id="jumlah baris yang positif", en="a positive number of rows"),
                DEFAULT_INDEX_LIMIT,
            ),
            "nav_opd_limit": (
                0,
                Text(
                    id="jumlah perangkat daerah, 0 atau lebih", en="a number of agencies, 0 or more"
                ),
                NAV_OPD_LIMIT,
            ),
        }
        for name, (minimum, what, default) in least.items():
            value = self.config[name]
            if value < minimum:
                raise PluginError(
                    "pohon: "
                    + self._say(
                        Text(
                            id=f"{name} harus berupa {what.id} (tertulis {value}); nilai "
                            f"bawaannya {default}.",
                            en=f"{name} must be {what.en} (got {value}); the default is {default}.",
                        )
                    )
                )

    def _check_changes_since(self) -> None:
        """``changes_since`` names a folder or a git revision (read later, in ``on_files``)."""
        since = self.config.changes_since
        if not since or (self.config_dir / since).is_dir():
            return
        try:
            found = subprocess.run(
                ["git", "rev-parse", "--verify", "--quiet", f"{since}^{{commit}}"],
                cwd=self.config_dir,
                capture_output=True,
                check=False,
            )
        except OSError as exc:  # no git on this machine
            raise PluginError(
                "pohon: "
                + self._say(
                    Text(
                        id=f"changes_since {since!r} tidak dapat dibaca: bukan folder, dan git "
                        f"tidak dapat dijalankan ({exc})",
                        en=f"changes_since {since!r} cannot be read: it is not a folder, and "
                        f"git cannot be run ({exc})",
                    )
                )
            ) from exc
        if found.returncode != 0:
            raise PluginError(
                "pohon: "
                + self._say(
                    Text(
                        id=f"changes_since {since!r} tidak dapat dibaca: '{since}' bukan folder "
                        "maupun revisi git",
                        en=f"changes_since {since!r} cannot be read: '{since}' is neither a "
                        "folder nor a git revision",
                    )
                )
            )

    def _warn_stale_templates(self) -> None:
        if not self.config.custom_templates:
            return
        stale = sorted(p.name for p in Path(self.config.custom_templates).glob("*.md.j2"))
        if stale:
            names = ", ".join(stale)
            log.warning(
                "pohon: %s",
                self._say(
                    Text(
                        id=f"custom_templates berisi templat Markdown ({names}) yang tidak "
                        "dipakai lagi: halaman kini dibuat dari templat HTML; salin "
                        "<nama>.html.j2 bawaan dan ulangi perubahan Anda di sana.",
                        en=f"custom_templates has Markdown templates ({names}) that are no "
                        "longer used: pages are rendered from HTML templates now; copy the "
                        "built-in <name>.html.j2 and redo your change there.",
                    )
                ),
            )

    def _preview(self, result: CheckResult) -> frozenset[str] | None:
        """The agencies of a ``serve_opd`` preview (in ``mkdocs serve`` only), checked."""
        wanted = self.config.serve_opd
        if not wanted or self.command != "serve":
            return None
        unknown = [opd_id for opd_id in wanted if opd_id not in result.site.opds]
        if unknown:
            known = ", ".join(sorted(result.site.opds)) or "-"
            names = ", ".join(map(repr, unknown))
            raise PluginError(
                "pohon: "
                + self._say(
                    Text(
                        id=f"serve_opd menyebut {names}, yang tidak ada di pohon; id OPD yang "
                        f"ada: {known}.",
                        en=f"serve_opd names {names}, which the trees do not have; the OPD ids "
                        f"are: {known}.",
                    )
                )
            )
        shown = ", ".join(wanted)
        log.info(
            "pohon: %s",
            self._say(
                Text(
                    id=f"pratinjau {shown} saja (serve_opd); `mkdocs build` membangun semua "
                    "perangkat daerah",
                    en=f"preview of {shown} only (serve_opd); `mkdocs build` builds every agency",
                )
            ),
        )
        return frozenset(wanted)

    def _edit_base(self, config: MkDocsConfig) -> str | None:
        if not config.repo_url:
            return None
        edit_uri = self.config.edit_uri
        if edit_uri is None:
            site_edit = config.edit_uri
            if not site_edit:
                return None
            docs = os.path.relpath(config.docs_dir, self.config_dir).replace(os.sep, "/")
            trimmed = site_edit.rstrip("/")
            if trimmed.endswith("/" + docs) or trimmed == docs:
                trimmed = trimmed[: -len(docs)]
            edit_uri = trimmed.rstrip("/") + "/" if trimmed else ""
        base_url = config.repo_url if config.repo_url.endswith("/") else config.repo_url + "/"
        return urljoin(base_url, edit_uri)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.result is None:
            return None
        theirs = {id(file) for file in files}
        options = RenderOptions(
            language=self.config.language,
            custom_templates=Path(self.config.custom_templates)
            if self.config.custom_templates
            else None,
            directory_urls=config.use_directory_urls,
            diagram_limit=self.config.diagram_limit,
            lineage_inline_limit=self.config.lineage_inline_limit,
            template_cache=self.serve_cache.templates if self._caching() else None,
            keep_lineages=self._caching(),
            index_inline_limit=self.config.index_inline_limit,
            history=site_history(self.result.site, self.blame_cache)
            if self.config.history
            else None,
            promises=site_promises(
                self.result.site, self.config.promise_revisions, self.promise_cache
            )
            if self.config.history
            else None,
            **_permalink(config),
        )
        self.sources = {}
        self.generated = set()
        self.generated_files = {}
        self.planned = {}
        try:
            self.build = SiteBuild(self.result, options, only_opds=self.preview)
        except UnsafeIdError as exc:
            raise PluginError(
                f"pohon: {exc}; "
                + self._say(
                    Text(
                        id="jalankan `pohon check` pada pohon.",
                        en="run `pohon check` on the trees.",
                    )
                )
            ) from exc
        for page in self.build.pages:
            if files.get_file_from_path(page.path) is not None:
                log.info("pohon: %s", self._say(_own_file(page.path)))
                continue
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            # The body is rendered when MkDocs reads the page (PohonPage.read_source); the file
            # only carries the title for plugins that look at sources.
            generated = File.generated(
                config, page.path, content=front_matter(page.title), inclusion=inclusion
            )
            files.append(generated)
            self.generated_files[page.path] = generated
            self.generated.add(page.path)
            self.planned[page.path] = page
            if page.source is not None:
                self.sources[page.path] = page.source
        for data in self.build.listing_files():  # what the split listings' finders read
            if files.get_file_from_path(data.path) is None:
                files.append(File.generated(config, data.path, content=data.content))
        # The downloads are written by a child process on the other core while MkDocs builds
        # the pages, and land in the site in on_post_build.
        self._cancel_downloads()
        self.skipped_downloads = set()
        for path in (EXPORT_JSON, EXPORT_CSV, EXPORT_XLSX):
            if files.get_file_from_path(path) is not None:
                log.info("pohon: %s", self._say(_own_file(path)))
                self.skipped_downloads.add(path)
        if self.config.mermaid_js:
            files.append(
                File.generated(config, MERMAID_DEST, abs_src_path=str(self.config.mermaid_js))
            )
        files.append(File.generated(config, SCRIPT_DEST, content=self._script()))
        files.append(File.generated(config, STYLE_DEST, abs_src_path=str(ASSETS / "pohon.css")))
        self.changes_page = None
        if self.config.changes_since:
            content = self._changes_page()
            files.append(File.generated(config, CHANGES_PAGE, content=content))
            self.generated.add(CHANGES_PAGE)
            self.changes_page = CHANGES_PAGE
        # Old URLs of renamed nodes and indicators (id_lama) redirect to the new pages.
        for redirect in redirects(self.result.site, config.use_directory_urls):
            if files.get_file_from_path(redirect.path) is None:
                content = self.build.renderer.render_redirect(redirect)
                files.append(File.generated(config, redirect.path, content=content))
        if self.config.nav:
            self._extend_nav(config, files)
        self.downloads_key = None
        if self._caching():
            self._restore_own_folders(files, theirs)
            self._reuse_pages(config)
        landed = self.landed_downloads
        if landed is None or landed[0] != self.downloads_key or self.downloads_key is None:
            # The child gets the model the pages come from: it checks nothing again.
            self.downloads = DownloadsJob(self.result, workbook=self.build.publishes_workbook)
        return files

    # mkdocs serve: reuse unchanged pages -------------------------------------------------------

    def _caching(self) -> bool:
        """Whether this build reuses the unchanged pages of the previous one: ``mkdocs serve``
        (not ``--dirty``, not ``--clean``) with the ``serve_cache`` option on."""
        return (
            self.config.enabled
            and self.config.serve_cache
            and self.command == "serve"
            and not self.dirty
        )

    def _outside(self, config: MkDocsConfig) -> object:
        """What every page shows that the trees do not say: the site's configuration file, the
        navigation (with the site's own pages, by their files), the git commit and the theme's
        templates."""
        config_file = Path(config.config_file_path) if config.config_file_path else None
        return (
            config_file.read_bytes() if config_file is not None and config_file.is_file() else b"",
            fingerprint(config.nav),
            config.use_directory_urls,
            config.site_url,
            self.edit_base,
            folder_stamp(Path(config.docs_dir)),
            self._git_head(),
            # The site's theme folder and the plugin's; an installed theme (Material, with its
            # 14,000 icons) changes only when it is upgraded, and `mkdocs serve` is restarted.
            [
                folder_stamp(Path(folder))
                for folder in config.theme.dirs
                if folder in (config.theme.custom_dir, str(THEME_OVERRIDES), str(THEME_404))
            ],
        )

    def _git_head(self) -> str:
        """The commit checked out beside ``mkdocs.yml`` (pages may show what git says: the last
        change of a node, the history of an indicator's targets); empty outside git."""
        try:
            found = subprocess.run(
                ["git", "rev-parse", "--verify", "--quiet", "HEAD"],
                cwd=self.config_dir,
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError:
            return ""
        return found.stdout.strip()

    def _restore_own_folders(self, files: Files, theirs: set[int]) -> None:
        """Move back, whole, each folder at the top of the site that holds only files this
        plugin makes (``node/``, ``indikator/``, ...): one rename instead of one per page.
        ``theirs``: the files that were there before this plugin added its own."""
        own: set[str] = set()
        shared: set[str] = set()
        for file in files:
            top, slash, _ = file.dest_uri.partition("/")
            if slash:
                (shared if id(file) in theirs else own).add(top)
        dests = {file.dest_uri for file in files if id(file) not in theirs}
        downloads = frozenset((EXPORT_JSON, EXPORT_CSV, EXPORT_XLSX))
        self.serve_cache.restore_folders(own - shared, dests, later=downloads)

    def _reuse_pages(self, config: MkDocsConfig) -> None:
        """Hash every generated page; take over the previous build's file of each unchanged
        page outside the navigation, and leave it out of this build (MkDocs neither renders nor
        writes it). Pages in the navigation are few and always built: MkDocs makes the
        navigation from their pages."""
        assert self.build is not None
        started = time.perf_counter()
        cache = self.serve_cache
        hasher = PageHasher(self.build, outside=self._outside(config))
        self.downloads_key = hasher.downloads_digest(self.build.publishes_workbook)
        reused: list[File] = []
        for path, page in self.planned.items():
            file = self.generated_files.get(path)
            if file is None:
                continue
            frame = hasher.frame(page)
            cache.plan(path, hasher.page_hash(page, frame), file.dest_uri, frame)
            if page.in_nav:
                if cache.keep(path) is not None:  # built, from its last HTML (_kept_output)
                    reused.append(file)
            elif cache.reuse(path):
                file.inclusion = InclusionLevel.EXCLUDED
                reused.append(file)
        self._keep_search_entries(config, reused)
        self.search_kept = False
        if reused and self.search_indexer is not None:
            # Pagefind indexes a whole site at once (seconds on the demo, minutes at full size):
            # a preview keeps the previous build's index, so a search finds the edited pages
            # by their text before the edit until `mkdocs serve` is started again.
            self.search_indexer.abort()
            self.search_indexer = None
            self.search_kept = self.serve_cache.restore(OUTPUT_SUBDIR)
        seconds = time.perf_counter() - started
        count, total = len(reused), len(self.planned)
        log.info(
            "pohon: %s",
            self._say(
                Text(
                    id=f"{count} dari {total} halaman tidak berubah dan dipakai lagi "
                    f"({seconds:.2f} dtk); {total - count} dibangun",
                    en=f"{count} of {total} pages unchanged and reused ({seconds:.2f} s); "
                    f"{total - count} built",
                )
            ),
        )

    def _share_theme(self, config: MkDocsConfig) -> None:
        """``mkdocs serve``: the theme's environment keeps its compiled templates between
        rebuilds and lists the installed theme's files once (the site's ``custom_dir`` and the
        plugin's folders every time)."""
        # Listed on every rebuild: the site's own theme folder and the plugin's (put into the
        # theme's path later, in on_config).
        fresh = {
            folder
            for folder in (config.theme.custom_dir, str(THEME_OVERRIDES), str(THEME_404))
            if folder
        }
        cache = self.serve_cache
        mkdocs_internals.share_theme_listing(
            config, cache.theme_files, cache.theme_templates, fresh
        )

    def _compare_bodies(self, config: MkDocsConfig) -> None:
        """``mkdocs serve``: render now the body of each page to be built whose frame is the
        last build's (its hash changed because of what it shows of the trees); when the body
        is the last build's too, the theme would write the same page: its last HTML is written
        again (as for an unchanged page in the navigation). Otherwise the body rendered here
        is used when MkDocs writes the page (up to :data:`PRERENDERED_LIMIT` of them)."""
        assert self.build is not None
        cache = self.serve_cache
        self.prerendered = {}
        same: list[File] = []
        for path, file in self.generated_files.items():
            if len(self.prerendered) >= PRERENDERED_LIMIT:
                break
            planned = self.planned.get(path)
            if planned is None or file.inclusion.is_excluded() or not cache.may_be_same(path):
                continue
            rendered = self.build.render(planned)
            key = body_key(
                cache.building[path].frame,
                rendered.html,
                [entry.as_token() for entry in rendered.toc],
                rendered.anchors,
            )
            if cache.same_body(path, key) is not None:
                same.append(file)
            else:
                self.prerendered[path] = rendered
        self._keep_search_entries(config, same)
        if same:
            count = len(same)
            log.info(
                "pohon: %s",
                self._say(
                    Text(
                        id=f"{count} halaman berubah hash-nya tetapi tidak isinya: ditulis "
                        "seperti pada pembangunan terakhir",
                        en=f"{count} page(s) with a new hash but the same content: written as "
                        "in the last build",
                    )
                ),
            )

    def _record_body(self, page: PohonPage, rendered: RenderedPage) -> None:
        """``mkdocs serve``: the body key of a page rendered in this build."""
        path = page.file.src_uri
        planned = self.serve_cache.building.get(path)
        if planned is not None:
            toc = [entry.as_token() for entry in rendered.toc]
            key = body_key(planned.frame, rendered.html, toc, rendered.anchors)
            self.serve_cache.rendered(path, key)

    def _skip_kept_templates(self, env: Any) -> None:
        """The pages whose last HTML is written again: no theme template, and no entries in
        Material's search index but those of the last build (:meth:`_keep_search_entries`)."""
        for path in self.serve_cache.kept:
            file = self.generated_files.get(path)
            page = file.page if file is not None else None
            if page is not None:
                mkdocs_internals.skip_theme_template(env, page)
                page.meta["search"] = {"exclude": True}

    def _kept_output(self, page: MkPage) -> str | None:
        """The last build's HTML of an unchanged page in the navigation (``mkdocs serve``)."""
        if not self._caching():
            return None
        return self.serve_cache.kept.get(page.file.src_uri)

    def _keep_search_entries(self, config: MkDocsConfig, reused: list[File]) -> None:
        """Material's search (``search: material``): the reused pages keep their entries of
        the previous build's index."""
        if not reused or self.search_mode != "material":
            return
        previous = self.serve_cache.kept_search_entries()
        if previous is None:
            return
        if self.previous_search is None or self.previous_search[0] != previous:
            entries = mkdocs_internals.read_search_entries(previous) or []
            self.previous_search = (previous, entries)  # read once a build
        # a page's URL as MkDocs' Page gives it (the home page's is empty)
        urls = {"" if f.url in (".", "./") else f.url for f in reused}
        mkdocs_internals.keep_search_entries(config, self.previous_search[1], urls)

    def _script(self) -> str:
        """``pohon.js``; with ``mermaid_js``, followed by ``pohon-mermaid.js``, which loads the
        site's Mermaid when a diagram nears the screen (and keeps Material from asking a CDN)."""
        script = (ASSETS / "pohon.js").read_text(encoding="utf-8")
        if self.config.mermaid_js:
            script += (ASSETS / "pohon-mermaid.js").read_text(encoding="utf-8")
        return script

    def _changes_page(self) -> str:
        """The Perubahan page: ``pohon diff`` from ``changes_since`` to the trees being built."""
        assert self.result is not None and self.config.changes_since is not None
        since = self.config.changes_since
        trees = Path(self.config.trees)
        try:
            old = load_side(since, str(trees), cwd=self.config_dir)
        except DiffLoadError as exc:
            raise PluginError(
                "pohon: "
                + self._say(
                    Text(
                        id=f"changes_since {since!r} tidak dapat dibaca: {exc.text.id}",
                        en=f"changes_since {since!r} cannot be read: {exc.text.en}",
                    )
                )
            ) from exc
        new = Side("trees", self.result, trees, trees.name)
        title = labels_for(self.config.language)["changes"]
        page = render_markdown(diff_sites(old, new), language=self.config.language)
        return front_matter(title) + page

    def _extend_nav(self, config: MkDocsConfig, files: Files) -> None:
        assert self.result is not None
        labels = labels_for(self.config.language)
        assert self.build is not None
        ours = site_nav(
            self.build.pages,
            self.config.language,
            self.config.nav_opd_limit,
            scheme=self.build.result.site.scheme,
        )
        if self.changes_page:
            ours.append({labels["changes"]: self.changes_page})
        if config.nav is None:
            # Without a nav MkDocs lists every page; list ours first, then the site's own pages.
            own = [
                f.src_uri
                for f in files.documentation_pages()
                if f.src_uri not in self.generated and f.inclusion.is_in_nav()
            ]
            config.nav = ours + sorted(own, key=lambda uri: (uri != "index.md", uri))
            return
        named = set(_nav_paths(config.nav))
        if HOME in named or OPD_LIST in named:
            return
        config.nav = ours + list(config.nav)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav_pages = {page.file.src_uri: page for page in nav.pages}
        self.nav = nav
        return None

    def _light_owner(self, planned: Page) -> None:
        """Mark the navigation entry a page outside the navigation belongs to as active while
        the page is rendered: its agency's page, else the OPD list (a regency with more agencies
        than ``nav_opd_limit``); Beranda for the regional tree. Material then shows that entry
        highlighted and its section open, as for a page in the navigation. Undone in
        :meth:`on_post_page` (MkDocs does the same with the page itself)."""
        owner = page_opd(planned)
        candidates = (HOME,) if owner is None else (paths.opd_page(owner), OPD_LIST)
        if planned.declaration.nav_owner is not None:  # a listing's group page: its index
            candidates = (planned.declaration.nav_owner, *candidates)
        for path in candidates:
            entry = self.nav_pages.get(path)
            if entry is not None:
                entry.active = True
                self.lit = entry
                return

    def _unlight(self) -> None:
        if self.lit is not None:
            self.lit.active = False
            self.lit = None

    def on_pre_page(self, page: MkPage, *, config: MkDocsConfig, files: Files) -> MkPage | None:
        if self.config.enabled and page.file.src_uri in self.planned and self.build is not None:
            shared = self.generated_pages
            if (
                shared is None
                or shared.build is not self.build
                or shared.planned is not self.planned
            ):
                shared = self.generated_pages = GeneratedPages(self.build, self.planned)
            shared.adopt(page)
        return page

    def _cancel_downloads(self) -> None:
        if self.downloads_landing is not None:
            self.downloads_landing.cancel()
            self.downloads_landing = None
        if self.downloads is not None:
            self.downloads.cancel()
            self.downloads = None

    def wait_for_downloads(self) -> None:
        """``mkdocs serve``: return once the last build's downloads are in the site (tests and
        benchmarks that look at the whole site)."""
        if self.downloads_landing is not None:
            self.downloads_landing.join()

    def _write_downloads(self, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        job, self.downloads = self.downloads, None
        if job is None:
            landed = self.landed_downloads
            if (
                landed is not None
                and self.downloads_key is not None
                and landed[0] == self.downloads_key
            ):
                # Nothing they are made of changed since they were written: the same files.
                write_files(site, landed[1], skip=self.skipped_downloads)
            return
        if self.command == "serve":
            # A preview does not wait for the workbook: the pages are served at once and the
            # downloads follow a moment later (a new rebuild stops them, in on_pre_build).
            key = self.downloads_key
            self.downloads_landing = DownloadsLanding(
                job,
                site,
                skip=self.skipped_downloads,
                landed=lambda files, seconds: self._downloads_landed(key, files, seconds),
                failed=self._downloads_failed,
            )
            return
        try:
            written = job.wait()
        except DownloadsError as exc:
            raise PluginError("pohon: " + self._say(self._downloads_text(exc))) from exc
        write_files(site, written, skip=self.skipped_downloads)

    def _downloads_text(self, exc: DownloadsError) -> Text:
        return Text(
            id=f"unduhan tidak dapat ditulis: {exc.text('id')}",
            en=f"the downloads could not be written: {exc.text('en')}",
        )

    def _downloads_landed(self, key: str | None, files: dict[str, bytes], seconds: float) -> None:
        """``mkdocs serve``: the downloads are in the site (called by the landing's thread)."""
        self.landed_downloads = (key, files) if key is not None else None
        log.info(
            "pohon: %s",
            self._say(
                Text(
                    id=f"unduhan siap, {seconds:.1f} dtk setelah halaman",
                    en=f"downloads ready, {seconds:.1f} s after the pages",
                )
            ),
        )

    def _downloads_failed(self, exc: DownloadsError) -> None:
        """``mkdocs serve``: the downloads failed after the pages were served; the preview
        goes on without them (a build stops on the same failure)."""
        log.error("pohon: %s", self._say(self._downloads_text(exc)))

    @event_priority(-100)  # after other plugins: the page's Markdown is final
    def on_page_markdown(
        self, markdown: str, *, page: MkPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        if self._caching() and page.file.src_uri not in self.generated:
            self.markdown_cache.attach(page, config, files)
        return None

    def on_build_error(self, *, error: Exception) -> None:
        self.serve_cache.fail()
        self.markdown_cache.clear()
        self.previous_search = None
        self.prerendered = {}
        self._unlight()
        self._cancel_downloads()
        if self.search_indexer is not None:
            self.search_indexer.abort()
            self.search_indexer = None

    @event_priority(-100)  # after other plugins: Pagefind indexes the page as it is written
    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str | None:
        kept = self._kept_output(page)
        if kept is not None:
            output = kept
        searched = True
        if isinstance(page, PohonPage):
            # a kind the search leaves out (a listing's group page, a position's PK) is not
            # given to Pagefind (Material's search reads the page's meta, see PohonPage)
            searched = page.pohon_page.declaration.searched
            page.release()
        self._unlight()
        if searched:
            self._index_page(page.url, output)
        self.heap.wrote()
        if self._caching():
            anchors = page.present_anchor_ids if isinstance(page, PohonPage) else None
            self.serve_cache.wrote(
                page.file.src_uri, frozenset(anchors) if anchors is not None else None
            )
        return output

    def _index_page(self, url: str, html: str) -> None:
        """Give a written page to Pagefind (``search: pagefind``)."""
        if self.search_indexer is not None:
            try:
                self.search_indexer.add_page("/" + url, html)
            except SearchIndexError as exc:
                raise PluginError(f"pohon: search: {exc.text(self.config.language)}") from exc

    @event_priority(100)  # before other plugins (Material's search) look at the content
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled or page.file.src_uri not in self.generated:
            return None
        kept = self._caching() and page.file.src_uri in self.serve_cache.kept
        if isinstance(page, PohonPage):
            if kept:  # its last HTML is written again (on_post_page): only its anchors
                anchors = self.serve_cache.anchors.get(page.file.src_uri, frozenset())
                mkdocs_internals.set_anchors(page, anchors)
            else:
                rendered = page.fill(self.prerendered.pop(page.file.src_uri, None))
                if self._caching():
                    self._record_body(page, rendered)
        planned = self.planned.get(page.file.src_uri)
        if planned is not None and page.file.src_uri not in self.nav_pages:
            self._light_owner(planned)
        source = self.sources.get(page.file.src_uri)
        page.edit_url = self._edit_url(source) if source is not None else None
        return context

    def _edit_url(self, source: Source) -> str | None:
        if self.edit_base is None:
            return None
        path = Path(source.file).resolve()
        try:
            relative = path.relative_to(self.config_dir).as_posix()
        except ValueError:
            return None
        return f"{self.edit_base}{posixpath.normpath(relative)}#L{source.line}"

    # search: pagefind -------------------------------------------------------------------------

    def _search_mode(self, config: MkDocsConfig) -> str:
        """The ``search`` option resolved on this machine: ``pagefind`` or ``material``."""
        wanted = self.config.search
        if wanted == "material":
            return "material"
        installed = pagefind_available()
        material = config.theme.name == "material"
        if wanted == "pagefind":
            if not installed:
                raise PluginError(
                    "pohon: search: "
                    + self._say(
                        Text(
                            id=f"pagefind memerlukan Pagefind, yang belum terpasang: "
                            f"{INSTALL_HINT} — atau tulis `search: material`.",
                            en=f"pagefind needs Pagefind, which is not installed: "
                            f"{INSTALL_HINT} — or set `search: material`.",
                        )
                    )
                )
            if not material:
                theme = config.theme.name
                raise PluginError(
                    "pohon: search: "
                    + self._say(
                        Text(
                            id="pagefind menjawab di kotak pencarian Material dan memerlukan "
                            f"`theme: material` (tema situs ini {theme!r}) — atau tulis "
                            "`search: material`.",
                            en="pagefind answers in Material's search box and needs "
                            f"`theme: material` (this site's theme is {theme!r}) — or set "
                            "`search: material`.",
                        )
                    )
                )
            return "pagefind"
        if not installed:
            log.info(
                "pohon: search: %s",
                self._say(
                    Text(
                        id=f"pencarian Material, karena Pagefind tidak terpasang ({INSTALL_HINT})",
                        en=f"Material's search, as Pagefind is not installed ({INSTALL_HINT})",
                    )
                ),
            )
            return "material"
        if not material:
            log.info(
                "pohon: search: %s",
                self._say(
                    Text(
                        id="pencarian bawaan tema (Pagefind memerlukan theme: material)",
                        en="the theme's own search (Pagefind needs theme: material)",
                    )
                ),
            )
            return "material"
        return "pagefind"

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self._caching():
            env.bytecode_cache = self.serve_cache.theme_templates
            self._compare_bodies(config)
            self.previous_search = None  # read for on_files and here only (90 MB at full size)
            self._skip_kept_templates(env)
        self.nav_cache = None
        if self.config.enabled and self.config.nav_cache and self.nav is not None:
            self.nav_cache = NavCache(self.nav)
            self.nav_cache.install(env, THEME_OVERRIDES)
        if self.config.enabled:
            env.globals["pohon_language"] = self.config.language
            env.globals["pohon_theme"] = _theme_words(  # theme_404/
                self.config.language, config.use_directory_urls
            )
        if self.config.enabled and self.search_mode == "pagefind":
            words = labels_for(self.config.language)
            env.globals["pohon_search"] = {
                key: value
                for key, value in words.items()
                if key == "search" or key.startswith("search_")
            }
        return env

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # The last preview's downloads may still be landing: stop them before the folder is
        # emptied (or moved aside).
        self._cancel_downloads()
        if self._caching():  # before MkDocs empties the site folder
            self.serve_cache.stash_previous(config.site_dir)
            self.markdown_cache.start()
        if self.search_indexer is not None:  # a build that ended without on_post_build
            self.search_indexer.abort()
        self.search_indexer = None
        # Pages are indexed as they are written, on the other CPU core. A dirty `mkdocs serve`
        # rebuild writes only the changed pages: the whole folder is indexed after it instead.
        if self.config.enabled and self.search_mode == "pagefind" and not self.dirty:
            self.search_indexer = SearchIndexer(
                config.site_dir,
                language=self.config.language,
                stemming=self.config.search_stemming,
                shard_words=self.config.search_shard_words,
            )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.previous_search = None
        self.prerendered = {}
        self._post_build(config)
        if self._caching():
            self.serve_cache.finish()
            self.markdown_cache.finish()

    def on_shutdown(self) -> None:
        self._cancel_downloads()
        self.serve_cache.close()

    def _post_build(self, config: MkDocsConfig) -> None:
        self._write_downloads(config)
        if not self.config.enabled or self.search_mode != "pagefind":
            return
        site = Path(config.site_dir)
        script = site / SEARCH_SCRIPT_DEST
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / "pohon-search.js", script)
        indexer, self.search_indexer = self.search_indexer, None
        if self.search_kept:
            return
        try:
            if indexer is not None:
                stats = indexer.finish()
            else:
                stats = index_site(
                    site,
                    language=self.config.language,
                    stemming=self.config.search_stemming,
                    shard_words=self.config.search_shard_words,
                )
        except SearchIndexError as exc:
            raise PluginError(f"pohon: search: {exc.text(self.config.language)}") from exc
        _log_search_index(stats, self.config.language)


def _log_search_index(stats: SearchIndexStats, language: str) -> None:
    shards_en = "shard" if stats.shards == 1 else "shards"
    mb = f"{stats.bytes / 1e6:.1f}"
    text = Text(
        id=f"Pagefind {stats.version} mengindeks {stats.pages} halaman ({stats.words} kata, "
        f"{stats.filters} filter, {stats.shards} bagian indeks) dalam {stats.seconds:.1f} d, "
        f"build menunggunya {stats.wait_seconds:.1f} d: {stats.files} berkas, {mb} MB di "
        f"{stats.output}",
        en=f"Pagefind {stats.version} indexed {stats.pages} pages ({stats.words} words, "
        f"{stats.filters} filters, {stats.shards} {shards_en}) in {stats.seconds:.1f} s, the "
        f"build waited {stats.wait_seconds:.1f} s for it: {stats.files} files, {mb} MB in "
        f"{stats.output}",
    )
    log.info("pohon: %s", text(language))


def _own_file(path: str) -> Text:
    """The site's docs/ already has ``path``: its own file is used instead of the generated one."""
    return Text(
        id=f"docs/{path} sudah ada, sehingga berkas buatan pohon tidak dipakai",
        en=f"docs/{path} exists, so the generated file is not used",
    )


def _theme_words(language: str, directory_urls: bool) -> dict[str, str]:
    """The words of the theme templates the plugin adds (``templates/theme_404/``: the 404 page
    and the edit button) and the site path of the agency list the 404 page links to."""
    words = labels_for(language)
    found = {key: value for key, value in words.items() if key.startswith("theme_")}
    opd_list = OPD_LIST.removesuffix("index.md") if directory_urls else OPD_LIST[:-3] + ".html"
    found.update(home=words["home"], opd=words["opd"], opd_list_path=opd_list)
    return found


def _use_pagefind_box(config: MkDocsConfig) -> None:
    """Material's search box answered by Pagefind: ``theme_overrides/`` (``partials/search.html``)
    goes into the theme after the site's ``custom_dir`` (a site's own partial wins) and before
    Material's own templates."""
    mkdocs_internals.add_theme_dir(config, str(THEME_OVERRIDES))
    search = mkdocs_internals.show_material_search_box(config)
    if search is not None:
        # Material's search plugin stays for its box (the header shows it only with the plugin)
        # but indexes no page: Pagefind has them all. Its page handler would otherwise add each
        # page to an index nobody downloads and run a regular expression over every page's HTML
        # (about 0.2 ms a page).
        mkdocs_internals.drop_event_handlers(config, "page_context", search)


def _permalink(config: MkDocsConfig) -> dict[str, Any]:
    """Heading permalinks as the site's ``toc`` extension writes them (``permalink: true`` → ¶,
    a string → that mark, absent → none), so generated pages look like the site's own."""
    toc = (config.mdx_configs or {}).get("toc") or {}
    permalink = toc.get("permalink")
    if not permalink:
        return {"permalink": None}
    mark = "&para;" if permalink is True else str(permalink)
    return {"permalink": mark, "permalink_title": str(toc.get("permalink_title", "Permanent link"))}


def _nav_paths(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    return []
