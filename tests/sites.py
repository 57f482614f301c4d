"""Test sites: a folder with ``mkdocs.yml`` (Material and the pohon plugin), ``docs/`` and
``trees/``, built for real with MkDocs. The one place that writes a test site's ``mkdocs.yml``.

A :class:`SiteConfig` says how a site differs from the usual one (the Markdown extensions of the
demo's ``mkdocs.yml``, Material, edit links into a repository, Material's search plugin and the
pohon plugin reading ``trees``); :func:`write_site` writes the folder, :func:`build` runs a strict
``mkdocs build`` of it into ``site/``, :func:`build_site` does both.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MINI = HERE / "fixtures" / "mini"
"""The mini fixture: two OPD, every page kind, small enough to build in seconds."""
DEMO = REPO / "trees"
"""The demo regency (Kabupaten Sukamaju)."""
MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
"""Mermaid from npm (``scripts/setup_browser.sh``), served from the site so that no page asks a CDN."""

DOCS = {"tentang.md": "# Tentang\n\nHalaman milik situs.\n"}
"""The site's own pages next to the generated ones."""


@dataclass(frozen=True)
class SiteConfig:
    """What a test site's ``mkdocs.yml`` says, where it differs from the usual test site."""

    repo: bool = True
    """``repo_url`` and ``edit_uri``: pages get edit links (to the YAML lines for generated ones)."""
    theme: str = "material"
    font: bool = True
    """``False``: ``theme.font: false`` (system fonts, no request to Google Fonts)."""
    custom_dir: Path | None = None
    features: tuple[str, ...] = ("content.action.edit",)
    permalink: bool = False
    """A permalink anchor after each heading (``toc: permalink: true``)."""
    search_plugin: bool = True
    """Material's ``search`` plugin in the ``plugins`` list."""
    pohon: Mapping[str, object] | None = field(default_factory=dict)
    """The pohon plugin's options besides ``trees: trees``; ``None``: no pohon plugin at all."""

    def with_options(self, **options: object) -> SiteConfig:
        """The same site with more (or other) pohon plugin options."""
        assert self.pohon is not None, "a site without the pohon plugin has no options"
        return dataclasses.replace(self, pohon={**self.pohon, **options})

    def text(self) -> str:
        """The ``mkdocs.yml`` text."""
        lines = ["site_name: Test", "site_url: https://example.org/pohon/"]
        if self.repo:
            lines += ["repo_url: https://example.org/repo", "edit_uri: edit/main/docs/"]
        lines += ["theme:", f"  name: {self.theme}", "  language: id"]
        if not self.font:
            lines.append("  font: false")
        if self.custom_dir is not None:
            lines.append(f"  custom_dir: {_yaml(self.custom_dir)}")
        if self.features:
            lines.append(f"  features: {_yaml(list(self.features))}")
        toc = "  - toc:\n      permalink: true" if self.permalink else "  - toc"
        lines += ["markdown_extensions:", "  - tables", "  - attr_list", "  - md_in_html", toc]
        lines += [
            "  - pymdownx.details",
            "  - pymdownx.superfences:",
            "      custom_fences:",
            "        - name: mermaid",
            "          class: mermaid",
            "          format: !!python/name:pymdownx.superfences.fence_code_format",
        ]
        if not self.search_plugin and self.pohon is None:
            lines.append("plugins: []")  # an empty `plugins:` would be MkDocs' default, [search]
        else:
            lines.append("plugins:")
        if self.search_plugin:
            lines.append("  - search")
        if self.pohon is not None:
            lines += ["  - pohon:", "      trees: trees"]
            lines += [f"      {name}: {_yaml(value)}" for name, value in self.pohon.items()]
        return "\n".join(lines) + "\n"


def _yaml(value: object) -> str:
    """A scalar or a list as YAML (JSON is YAML); paths as strings."""
    if isinstance(value, Path):
        value = str(value)
    elif isinstance(value, list | tuple):
        value = [str(item) if isinstance(item, Path) else item for item in value]
    return json.dumps(value)


def mermaid_if_installed() -> dict[str, object]:
    """The pohon option serving Mermaid from the site, when npm installed it (else: none)."""
    return {"mermaid_js": MERMAID_JS} if MERMAID_JS.is_file() else {}


def write_site(
    root: Path,
    trees: Path | None = MINI,
    config: SiteConfig = SiteConfig(),  # noqa: B008 (frozen, never changed)
    docs: Mapping[str, str] | None = DOCS,
) -> Path:
    """Write the site folder ``root``: a copy of ``trees`` in ``root/trees`` (``None``: the trees
    are there already), the pages ``docs`` in ``root/docs`` (``None``: leave ``docs`` as it is)
    and ``root/mkdocs.yml``. Returns the ``mkdocs.yml`` path."""
    if trees is not None:
        shutil.copytree(trees, root / "trees")
    if docs is not None:
        (root / "docs").mkdir(parents=True, exist_ok=True)
        for name, text in docs.items():
            (root / "docs" / name).write_text(text, encoding="utf-8")
    config_file = root / "mkdocs.yml"
    config_file.write_text(config.text(), encoding="utf-8")
    return config_file


def build(root: Path, *, strict: bool = True) -> Path:
    """``mkdocs build`` (strict unless told) of ``root/mkdocs.yml``; returns ``root/site``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), strict=strict)
    # As `mkdocs build` does: MkDocs keeps the plugin for the process, and a serve test in the
    # same process may have left it previewing.
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    return root / "site"


def build_site(
    root: Path,
    trees: Path | None = MINI,
    config: SiteConfig = SiteConfig(),  # noqa: B008 (frozen, never changed)
    docs: Mapping[str, str] | None = DOCS,
    *,
    strict: bool = True,
) -> Path:
    """:func:`write_site` and :func:`build`: the built site, ``root/site``."""
    write_site(root, trees, config, docs)
    return build(root, strict=strict)


def page_html(site: Path, path: str) -> str:
    """The HTML of the built page ``path`` (``node/x/index.html``)."""
    return (site / path).read_text(encoding="utf-8")


def article(site: Path, path: str) -> str:
    """The page's own content, without the navigation and the table of contents."""
    page = page_html(site, path)
    return page[page.index("<article") : page.index("</article>")]
