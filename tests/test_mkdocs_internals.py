"""What ``mkdocs_pohon_plugin/mkdocs_internals.py`` relies on, checked against the installed MkDocs
and Material. A failure here means an upgrade changed private behaviour the plugin uses: the
message names the function to fix."""

from __future__ import annotations

import inspect
import logging
from pathlib import Path

import material
import pytest
from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.theme import Theme

from mkdocs_pohon_plugin import mkdocs_internals
from mkdocs_pohon_plugin.rendered_page import PohonPage
from tests.sites import SiteConfig, write_site


def _config(tmp_path: Path, search: bool = True, custom_dir: bool = False) -> MkDocsConfig:
    """A site without the pohon plugin: Material, with its search plugin or not."""
    overrides = tmp_path / "overrides"
    if custom_dir:
        overrides.mkdir(parents=True, exist_ok=True)
    config = SiteConfig(
        search_plugin=search, custom_dir=overrides if custom_dir else None, pohon=None
    )
    return load_config(str(write_site(tmp_path, None, config, docs={})))


def _page(config: MkDocsConfig, path: str) -> Page:
    file = File(path, config.docs_dir, config.site_dir, config.use_directory_urls)
    return Page(None, file, config)


def test_become_swaps_the_class_of_a_page(tmp_path: Path) -> None:
    page = _page(_config(tmp_path), "a.md")
    assert not hasattr(Page, "__slots__"), (
        "mkdocs_internals.become: mkdocs.structure.pages.Page has __slots__ now, so a page's "
        "__class__ may not be assignable"
    )
    mkdocs_internals.become(page, PohonPage)
    assert type(page) is PohonPage and page.file.page is page
    with pytest.raises(TypeError):
        mkdocs_internals.become(page, File)  # type: ignore[arg-type]


def test_the_build_reads_and_renders_the_page_pre_page_returned() -> None:
    source = inspect.getsource(mkdocs_build._populate_page)
    for call in (
        "page = config.plugins.on_pre_page(page",
        "page.read_source(config)",
        "page.render(config, files)",
    ):
        assert call in source, (
            "PohonPage (rendered_page.py, see mkdocs_internals' docstring): MkDocs' "
            f"_populate_page no longer does {call!r}; a generated page may go through "
            "Python-Markdown or not be rendered at all"
        )
    assert source.index("page.read_source(") < source.index("page.render(")


def test_skip_markdown_leaves_what_render_would(tmp_path: Path) -> None:
    config = _config(tmp_path)
    page = _page(config, "a.md")
    assert hasattr(page, "_title_from_render"), (
        "mkdocs_internals.skip_markdown: Page.__init__ no longer sets _title_from_render"
    )
    page.markdown = ""
    page.meta = {}
    page._title_from_render = "Dari Markdown"
    assert page.title == "Dari Markdown", (
        "mkdocs_internals.skip_markdown: Page.title no longer uses _title_from_render"
    )
    mkdocs_internals.skip_markdown(page)
    assert page.content == ""
    assert page.title != "Dari Markdown"
    assert page.present_anchor_ids == set() and page.links_to_anchors == {}
    page.meta = {"title": "Dari meta"}
    assert page.title == "Dari meta"


def test_a_kept_markdown_render_is_what_render_leaves(tmp_path: Path) -> None:
    """markdown_render / restore_markdown_render: every attribute Page.render sets, and nothing
    else it sets, is carried to a page of a later build."""
    config = _config(tmp_path)
    source, target = _page(config, "a.md"), _page(config, "b.md")
    files = Files([source.file, target.file])
    markdown = "# Judul A\n\n## Bagian {#bagian}\n\nLihat [B](b.md#atas) dan [C](c.md).\n"
    source.markdown, source.meta = markdown, {}
    config.validation.anchors = logging.INFO  # links_to_anchors is kept from INFO on
    before = dict(vars(source))
    source.render(config, files)
    set_by_render = {key for key, value in vars(source).items() if before.get(key) is not value}
    assert set_by_render <= {
        "content",
        "toc",
        "_title_from_render",
        "present_anchor_ids",
        "links_to_anchors",
    }, f"mkdocs_internals.markdown_render: Page.render now also sets {set_by_render}"
    kept = mkdocs_internals.markdown_render(source)
    later = _page(config, "a.md")
    later_files = Files([later.file, _page(config, "b.md").file])
    later.markdown, later.meta = markdown, {}
    mkdocs_internals.restore_markdown_render(later, kept, later_files)
    assert later.content == source.content and "Lihat" in later.content
    assert later.title == source.title == "Judul A"
    assert later.present_anchor_ids == source.present_anchor_ids >= {"bagian"}
    assert [item.title for item in later.toc] == [item.title for item in source.toc]
    (linked,) = later.links_to_anchors or {}
    assert linked is later_files.get_file_from_path("b.md"), "this build's file"
    assert later.links_to_anchors == {linked: {"atas": "b.md#atas"}}


def test_set_anchors_is_what_anchor_validation_reads(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(tmp_path)
    source, target = _page(config, "a.md"), _page(config, "b.md")
    files = Files([source.file, target.file])
    source.links_to_anchors = {target.file: {"bagian": "b.md#bagian"}}
    mkdocs_internals.set_anchors(target, {"bagian"})
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        source.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert not caplog.records, (
        "mkdocs_internals.set_anchors: Page.validate_anchor_links no longer reads "
        "present_anchor_ids: " + "; ".join(r.getMessage() for r in caplog.records)
    )
    mkdocs_internals.set_anchors(target, set())
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        source.validate_anchor_links(files=files, log_level=logging.WARNING)
    assert any("bagian" in r.getMessage() for r in caplog.records), (
        "mkdocs_internals.set_anchors: a missing anchor is no longer reported through "
        "present_anchor_ids / links_to_anchors"
    )


def test_table_of_contents_from_tokens() -> None:
    toc = mkdocs_internals.table_of_contents(
        [
            {
                "level": 2,
                "id": "indikator",
                "name": "Indikator",
                "children": [{"level": 3, "id": "ik-1", "name": "IK 1", "children": []}],
            }
        ]
    )
    assert isinstance(toc, TableOfContents), "mkdocs_internals.table_of_contents: get_toc changed"
    [entry] = list(toc)
    assert (entry.title, entry.id, entry.level) == ("Indikator", "indikator", 2), (
        "mkdocs_internals.table_of_contents: get_toc reads the tokens differently"
    )
    assert [(c.title, c.id) for c in entry.children] == [("IK 1", "ik-1")]


def test_drop_event_handlers_removes_materials_search_page_handler(tmp_path: Path) -> None:
    config = _config(tmp_path)
    search = config.plugins.get(mkdocs_internals.MATERIAL_SEARCH)
    assert isinstance(search, SearchPlugin), (
        "mkdocs_internals.MATERIAL_SEARCH: Material's search plugin is no longer registered as "
        f"{mkdocs_internals.MATERIAL_SEARCH!r}"
    )
    events = config.plugins.events
    assert isinstance(events, dict) and all(isinstance(v, list) for v in events.values()), (
        "mkdocs_internals.drop_event_handlers: PluginCollection.events is no longer a dict of lists"
    )
    owners = [getattr(h, "__self__", None) for h in events["page_context"]]
    assert search in owners, (
        "mkdocs_internals.drop_event_handlers: Material's search plugin no longer handles "
        "page_context through a bound method in PluginCollection.events (it may index "
        "generated pages elsewhere now)"
    )
    mkdocs_internals.drop_event_handlers(config, "page_context", search)
    assert search not in [getattr(h, "__self__", None) for h in events["page_context"]]
    assert search in [getattr(h, "__self__", None) for h in events["post_build"]]
    # MkDocs runs the event from that same list.
    assert "self.events[name]" in inspect.getsource(type(config.plugins).run_event), (
        "mkdocs_internals.drop_event_handlers: PluginCollection.run_event no longer runs the "
        "handlers in PluginCollection.events"
    )


def test_materials_header_shows_the_box_for_the_stand_in(tmp_path: Path) -> None:
    header = Path(material.__file__).parent / "templates" / "partials" / "header.html"
    text = header.read_text("utf-8")
    for needed in (
        '"material/search" in config.plugins',
        'config.plugins["material/search"] | attr("config")',
        "search.enabled",
    ):
        assert needed in text, (
            "mkdocs_internals.show_material_search_box: Material's partials/header.html no "
            f"longer has {needed!r}; the search box may not show on a site without the plugin"
        )
    config = _config(tmp_path / "a", search=False)
    assert mkdocs_internals.show_material_search_box(config) is None
    stand_in = config.plugins[mkdocs_internals.MATERIAL_SEARCH]
    assert isinstance(stand_in, mkdocs_internals.SearchBoxOnly)
    assert mkdocs_internals.show_material_search_box(config) is None  # not twice
    with_search = _config(tmp_path / "b")
    assert isinstance(mkdocs_internals.show_material_search_box(with_search), SearchPlugin)


@pytest.mark.parametrize("custom_dir", [False, True])
def test_add_theme_dir_goes_after_the_sites_own(tmp_path: Path, custom_dir: bool) -> None:
    config = _config(tmp_path, custom_dir=custom_dir)
    theme = config.theme
    assert isinstance(theme, Theme) and isinstance(theme.dirs, list), (
        "mkdocs_internals.add_theme_dir: Theme.dirs is no longer a list"
    )
    assert "self.dirs" in inspect.getsource(Theme.get_env), (
        "mkdocs_internals.add_theme_dir: Theme.get_env no longer builds its loader from dirs"
    )
    folder = str(tmp_path / "ours")
    mkdocs_internals.add_theme_dir(config, folder)
    mkdocs_internals.add_theme_dir(config, folder)
    assert theme.dirs.count(folder) == 1
    expected = 1 if custom_dir else 0
    if custom_dir:
        assert theme.dirs[0] == str(tmp_path / "overrides"), (
            "mkdocs_internals.add_theme_dir: the site's custom_dir is no longer first in dirs"
        )
    assert theme.dirs.index(folder) == expected
    loader = theme.get_env().loader
    assert folder in getattr(loader, "searchpath", []), (
        "mkdocs_internals.add_theme_dir: the Jinja loader no longer searches Theme.dirs"
    )
