"""The MkDocs plugin: a thin adapter from MkDocs events to :mod:`mkdocs_pohon_plugin.core.site`.

- ``on_config``: check the trees (``pohon check``), log every diagnostic, stop with a short
  :class:`~mkdocs.exceptions.PluginError` when there are errors; watch the trees folder in serve.
- ``on_files``: render every page and download with the core and add them as generated files. Only
  Home, the OPD list and the OPD pages are in the navigation; every other page is ``NOT_IN_NAV``
  (Material renders the whole nav into every page, so a nav of thousands of pages costs O(N²)).
- ``on_page_context``: the edit button of a generated page opens its YAML file at the line.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkPage

from .core.check import CheckResult, check_trees
from .core.diff import DiffLoadError, Side, diff_sites, load_side
from .core.diff_render import render_markdown
from .core.history import site_history
from .core.site import RenderOptions, site_outputs
from .core.site.exports import xlsx_available
from .core.site.labels import labels_for
from .core.site.pages import Source
from .core.site.paths import HOME, OPD_LIST, UnsafeIdError, opd_page
from .core.site.redirects import redirects
from .core.site.render import front_matter

log = logging.getLogger("mkdocs.plugins.pohon")

MERMAID_DEST = "assets/pohon/mermaid.min.js"
CHANGES_PAGE = "perubahan.md"
ASSETS = Path(__file__).parent / "assets"
SCRIPT_DEST = "assets/pohon/pohon.js"
STYLE_DEST = "assets/pohon/pohon.css"


class PohonConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Switch the plugin off without removing it from ``mkdocs.yml``."""

    trees = c.Dir(exists=True, default="trees")
    """The trees folder (``pemda.yaml``, ``opd/*.yaml``), relative to ``mkdocs.yml``."""

    custom_templates = c.Optional(c.Dir(exists=True))
    """A folder of page templates (``home.md.j2``, ``node.md.j2`` …) looked up before the built-in
    ones in ``mkdocs_pohon_plugin/templates/pohon/``: copy one there and change it."""

    language = c.Choice(("id", "en"), default="id")
    """Language of the generated pages' fixed wording: ``id`` (Indonesian) or ``en``."""

    mermaid_js = c.Optional(c.File(exists=True))
    """A local ``mermaid.min.js`` (e.g. ``node_modules/mermaid/dist/mermaid.min.js``) to serve from
    the site itself, so diagrams render offline instead of loading Mermaid from a CDN."""

    fail_on_warning = c.Type(bool, default=False)
    """Stop the build when the trees have warnings too (quality rules), not only errors. Without
    it, warnings are logged at INFO level, so ``mkdocs build --strict`` is about the site."""

    edit_links = c.Type(bool, default=True)
    """Point each generated page's edit button at its YAML file and line."""

    edit_uri = c.Optional(c.Type(str))
    """Edit URL prefix for files at the repository root (``edit/main/``), joined to ``repo_url``.
    Default: the site's ``edit_uri`` without its trailing docs folder (``edit/main/docs/`` →
    ``edit/main/``)."""

    diagram_limit = c.Type(int, default=25)
    """Most boxes in one diagram; the rest are listed below it."""

    history = c.Type(bool, default=True)
    """Show on each node and indicator page when it last changed and in which commit (one
    ``git blame`` per tree file; nothing is shown when the trees are not in a git checkout)."""

    changes_since = c.Optional(c.Type(str))
    """A git revision (``v2025.1``, ``origin/main~10``) or a folder: adds a *Perubahan* page listing
    what changed in the trees since then, in the domain's words (``pohon diff``)."""

    nav = c.Type(bool, default=True)
    """Put Home, the OPD list and the OPD pages at the front of the navigation (unless the
    site's ``nav`` already names them)."""


class PohonPlugin(BasePlugin[PohonConfig]):
    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.sources: dict[str, Source] = {}
        self.generated: set[str] = set()
        self.edit_base: str | None = None
        self.config_dir: Path = Path.cwd()
        self.changes_page: str | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance (and its state) across `mkdocs serve` rebuilds.
        return None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.config_dir = Path(config.config_file_path or ".").resolve().parent
        trees = Path(self.config.trees)
        result = check_trees(trees)
        for diagnostic in result.diagnostics:
            if diagnostic.is_error:
                log.error("pohon: %s", diagnostic.format())
            elif self.config.fail_on_warning:
                log.warning("pohon: %s", diagnostic.format())
            else:
                log.info("pohon: %s", diagnostic.format())
        failing = result.errors + (result.warnings if self.config.fail_on_warning else [])
        if failing:
            first = failing[0]
            raise PluginError(
                f"pohon: the trees in {trees} have {len(result.errors)} error(s) and "
                f"{len(result.warnings)} warning(s); the first: {first.format()} — run "
                f"`pohon check {trees}` for the full list, fix them and build again."
            )
        self.result = result
        if str(trees) not in config.watch:
            config.watch.append(str(trees))
        if self.config.mermaid_js:
            config.extra_javascript.append(MERMAID_DEST)
        # Sortable, filterable tables and diagram styles, served from the site (no CDN).
        config.extra_javascript.append(SCRIPT_DEST)
        config.extra_css.append(STYLE_DEST)
        self.edit_base = self._edit_base(config) if self.config.edit_links else None
        if not xlsx_available():
            log.info(
                "pohon: openpyxl is not installed, so the site has no unduh/matriks-cascading.xlsx "
                "download (pip install 'mkdocs-pohon-plugin[xlsx]' adds it)"
            )
        return config

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
        options = RenderOptions(
            language=self.config.language,
            custom_templates=Path(self.config.custom_templates)
            if self.config.custom_templates
            else None,
            directory_urls=config.use_directory_urls,
            diagram_limit=self.config.diagram_limit,
            history=site_history(self.result.site) if self.config.history else None,
        )
        self.sources = {}
        self.generated = set()
        try:
            outputs = list(site_outputs(self.result, options))
        except UnsafeIdError as exc:
            raise PluginError(f"pohon: {exc}; run `pohon check` on the trees.") from exc
        for output in outputs:
            if files.get_file_from_path(output.path) is not None:
                log.info("pohon: docs/%s exists, so the generated page is not used", output.path)
                continue
            page = output.page
            inclusion = (
                InclusionLevel.INCLUDED
                if page is None or page.in_nav
                else InclusionLevel.NOT_IN_NAV
            )
            files.append(
                File.generated(config, output.path, content=output.content, inclusion=inclusion)
            )
            self.generated.add(output.path)
            if page is not None and page.source is not None:
                self.sources[output.path] = page.source
        if self.config.mermaid_js:
            files.append(
                File.generated(config, MERMAID_DEST, abs_src_path=str(self.config.mermaid_js))
            )
        for dest, name in ((SCRIPT_DEST, "pohon.js"), (STYLE_DEST, "pohon.css")):
            files.append(File.generated(config, dest, abs_src_path=str(ASSETS / name)))
        self.changes_page = None
        if self.config.changes_since:
            content = self._changes_page()
            files.append(File.generated(config, CHANGES_PAGE, content=content))
            self.generated.add(CHANGES_PAGE)
            self.changes_page = CHANGES_PAGE
        # Old URLs of renamed nodes and indicators (id_lama) redirect to the new pages.
        for redirect in redirects(self.result.site, config.use_directory_urls):
            if files.get_file_from_path(redirect.path) is None:
                files.append(File.generated(config, redirect.path, content=redirect.html))
        if self.config.nav:
            self._extend_nav(config, files)
        return files

    def _changes_page(self) -> str:
        """The Perubahan page: ``pohon diff`` from ``changes_since`` to the trees being built."""
        assert self.result is not None
        since = self.config.changes_since
        trees = Path(self.config.trees)
        try:
            old = load_side(since, str(trees), cwd=self.config_dir)
        except DiffLoadError as exc:
            raise PluginError(f"pohon: changes_since {since!r} cannot be read: {exc}") from exc
        new = Side("trees", self.result, trees, trees.name)
        title = labels_for(self.config.language)["changes"]
        return front_matter(title) + render_markdown(diff_sites(old, new))

    def _extend_nav(self, config: MkDocsConfig, files: Files) -> None:
        assert self.result is not None
        labels = labels_for(self.config.language)
        opd_section: list[Any] = [{labels["opd_list"]: OPD_LIST}]
        # Nav titles are printed unescaped by themes: escape the agencies' names here.
        opd_section += [
            {str(escape(opd.label)): opd_page(opd.id)} for opd in self.result.site.opds.values()
        ]
        ours: list[Any] = [{labels["home"]: HOME}, {labels["opd"]: opd_section}]
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

    def on_page_context(
        self, context: dict[str, Any], *, page: MkPage, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any] | None:
        if not self.config.enabled or page.file.src_uri not in self.generated:
            return None
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


def _nav_paths(nav: Any) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _nav_paths(item)]
    if isinstance(nav, dict):
        return [p for value in nav.values() for p in _nav_paths(value)]
    return []
