"""The MkDocs internals the ``mkdocs serve`` preview relies on (:mod:`.mkdocs_internals`):
``skip_theme_template`` and ``share_theme_listing``, checked against the installed MkDocs,
Material and Jinja, so an upgrade that changes what they rely on fails here, with the
function's name."""

from __future__ import annotations

import inspect
from pathlib import Path

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from mkdocs_pohon_plugin import mkdocs_internals
from mkdocs_pohon_plugin.serve_cache import TemplateCache
from tests.sites import SiteConfig, write_site


def _config(tmp_path: Path) -> MkDocsConfig:
    """A Material site without the pohon plugin, with a ``custom_dir``."""
    overrides = tmp_path / "overrides"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "extra.js").write_text("// the site's own\n", encoding="utf-8")
    config = SiteConfig(custom_dir=overrides, pohon=None)
    return load_config(str(write_site(tmp_path, None, config, docs={})))


def test_skip_theme_template_gives_the_build_an_empty_template(tmp_path: Path) -> None:
    source = inspect.getsource(mkdocs_build._build_page)
    wanted = "env.get_template(page.meta.get('template', 'main.html'))"
    assert wanted in source, (
        "mkdocs_internals.skip_theme_template: MkDocs' _build_page no longer picks the template "
        f"with {wanted}"
    )
    assert source.index(wanted) < source.index("template.render(context)")
    build_source = inspect.getsource(mkdocs_build.build)
    assert build_source.index("on_env(") < build_source.index("_build_page("), (
        "mkdocs_internals.skip_theme_template: on_env no longer comes before the pages are built"
    )
    config = _config(tmp_path)
    env = config.theme.get_env()
    file = File("a.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    page.meta = {"title": "A"}
    mkdocs_internals.skip_theme_template(env, page)
    template = env.get_template(page.meta.get("template", "main.html"))
    assert template.render({"page": page, "config": config}) == ""


def _theme_files(config: MkDocsConfig) -> list[str]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return sorted(f"{file.src_uri} {file.abs_src_path}" for file in files)


def test_share_theme_listing_lists_what_the_theme_has(tmp_path: Path) -> None:
    """The theme's static files, listed from the shared listing, are those MkDocs finds
    itself; a file added to the site's ``custom_dir`` (listed afresh) is found; the compiled
    templates go to the shared cache."""
    build_source = inspect.getsource(mkdocs_build.build)
    assert "config.theme.get_env()" in build_source, (
        "mkdocs_internals.share_theme_listing: the build no longer gets its environment from "
        "config.theme.get_env()"
    )
    assert build_source.index("on_pre_build(") < build_source.index("config.theme.get_env()")
    assert "env.list_templates(" in inspect.getsource(Files.add_files_from_theme), (
        "mkdocs_internals.share_theme_listing: MkDocs no longer lists the theme's files with "
        "env.list_templates"
    )
    config = _config(tmp_path)
    expected = _theme_files(config)
    listings: dict[str, list[str]] = {}
    cache = TemplateCache()
    custom_dir = config.theme.custom_dir
    assert custom_dir is not None
    mkdocs_internals.share_theme_listing(config, listings, cache, {custom_dir})
    assert _theme_files(config) == expected
    assert listings and not [name for name in listings if name.startswith(custom_dir)]
    assert any("extra.js" in line and custom_dir in line for line in expected)
    (Path(custom_dir) / "added.js").write_text("// new\n", encoding="utf-8")
    again = load_config(config.config_file_path)
    mkdocs_internals.share_theme_listing(again, listings, cache, {custom_dir})
    assert [line for line in _theme_files(again) if line not in expected] == [
        f"added.js {Path(custom_dir) / 'added.js'}"
    ]
    env = again.theme.get_env()
    assert env.bytecode_cache is cache
    env.get_template("main.html")
    assert cache.compiled
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader(again.theme.dirs))
    assert env.list_templates(extensions=["html"]) == plain.list_templates(extensions=["html"])
