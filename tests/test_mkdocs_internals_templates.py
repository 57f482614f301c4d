"""The theme-template internals :mod:`mkdocs_pohon_plugin.nav_cache` relies on, checked against
the installed MkDocs, Material and Jinja (each failure names the function in
``mkdocs_internals``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from mkdocs_pohon_plugin import mkdocs_internals


def _material_env(custom_dir: Path | None = None) -> jinja2.Environment:
    theme = Theme(name="material", custom_dir=str(custom_dir) if custom_dir else None)
    return theme.get_env()


def test_material_templates_is_materials_template_folder() -> None:
    folder = mkdocs_internals.material_templates()
    assert folder is not None and (folder / "partials" / "nav.html").is_file(), (
        "mkdocs_internals.material_templates: Material's templates are no longer in its "
        "package's templates/ folder"
    )


def test_template_from_tells_materials_partial_from_a_sites(tmp_path: Path) -> None:
    material = mkdocs_internals.material_templates()
    assert material is not None
    assert mkdocs_internals.template_from(_material_env(), "partials/nav.html", [material]), (
        "mkdocs_internals.template_from: the theme's loader no longer names Material's file"
    )
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "nav.html").write_text("<nav></nav>", encoding="utf-8")
    env = _material_env(tmp_path)
    assert not mkdocs_internals.template_from(env, "partials/nav.html", [material])
    assert mkdocs_internals.template_from(env, "partials/footer.html", [material])
    assert not mkdocs_internals.template_from(env, "partials/nothing.html", [material])


def _shout(render: Any, context: Any) -> Any:
    yield "<"
    yield from render(context)
    yield ">"


def test_wrap_template_wraps_every_include_and_extended_block() -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "part.html": "p{{ x }}",
                "page.html": '{% include "part.html" %}|{% include "part.html" %}',
                "base.html": "[{% block b %}b{{ x }}{% endblock %}]",
                "child.html": '{% extends "base.html" %}',
                "own.html": '{% extends "base.html" %}{% block b %}o{{ super() }}{% endblock %}',
            }
        ),
        auto_reload=False,
    )
    assert mkdocs_internals.wrap_template(env, "part.html", _shout)
    assert env.get_template("page.html").render(x=1) == "<p1>|<p1>", (
        "mkdocs_internals.wrap_template: {% include %} no longer calls root_render_func"
    )
    assert mkdocs_internals.wrap_template(env, "base.html", _shout, block="b")
    assert env.get_template("child.html").render(x=2) == "[<b2>]", (
        "mkdocs_internals.wrap_template: an extending template no longer takes the blocks "
        "from the base template's .blocks"
    )
    # A template's own block wins; the wrapped one is what super() renders.
    assert env.get_template("own.html").render(x=3) == "[o<b3>]"
    assert not mkdocs_internals.wrap_template(env, "base.html", _shout, block="missing")


def test_recording_url_filter_sees_what_the_url_filter_gets(tmp_path: Path) -> None:
    env = _material_env()
    template = env.from_string('{{ "opd/" | url }} {{ "assets/x.css" | url }}')
    page = Page(None, File("indikator/a.md", "docs", "site", True), {})  # type: ignore[arg-type]
    urls: list[str] = []
    with mkdocs_internals.recording_url_filter(env, urls):
        html = template.render(page=page, base_url="../..")
    assert urls == ["opd/", "assets/x.css"], (
        "mkdocs_internals.recording_url_filter: the url filter is no longer looked up in "
        "env.filters when a template renders"
    )
    assert html == "../../opd/ ../../assets/x.css"
    assert template.render(page=page, base_url="../..") == html
    assert urls == ["opd/", "assets/x.css"]  # recording stops with the block
