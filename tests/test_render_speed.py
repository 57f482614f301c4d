"""The renderer's shortcuts for speed (issue 19 item 4) change no page: what it keeps from one
page for the next (node diagrams, breadcrumbs, tables of years, heading anchors) is what a fresh
renderer makes for that page, the page words read as attributes are the words, and Jinja still
hands its context to the functions that ask for it."""

from __future__ import annotations

import pytest
from jinja2 import Environment, StrictUndefined, pass_context
from jinja2.runtime import Context

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.site.labels import labels_for
from mkdocs_pohon_plugin.core.site.memo import LastOne, Memo
from mkdocs_pohon_plugin.core.site.render import LabelWords, PageContext, PageView
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

KINDS = ("node", "indicator", "position_pk", "opd_level", "pk", "indicator_support", "opd")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    root = tmp_path_factory.mktemp("speed") / "trees"
    params = SyntheticParams(opd=2, nodes=60, indicators=180, crosscutting=0.2, seed=3, masalah=1)
    generate_regency(root, params)
    return check_trees(root)


def test_pages_are_the_same_whatever_was_rendered_before(result: CheckResult) -> None:
    """Every page of a small regency, rendered in the plan's order by one renderer (a node's
    page before its indicators'), is byte for byte what another renderer writes rendering them
    in the reverse order (the indicators' pages first, filling what the node's page then finds)
    and what a renderer that rendered nothing before writes: a node's diagram on its indicators'
    pages links from their folder, not from ``node/``, and the breadcrumb, the table of years
    and the anchors are the page's own."""
    forward = SiteBuild(result)
    written = {page.path: forward.render(page).html for page in forward.pages}
    backward = SiteBuild(result)
    pages = [page for page in backward.pages if page.kind in KINDS]
    assert len(pages) > 100
    for page in reversed(pages):
        assert backward.render(page).html == written[page.path], page.path
    cold = SiteBuild(result)
    node_page = next(p for p in cold.pages if p.kind == "node" and p.context["node"].indicators)
    node = node_page.context["node"]
    indicator_page = next(p for p in cold.pages if p.context.get("indicator") is node.indicators[0])
    assert cold.render(indicator_page).html == written[indicator_page.path]
    assert cold.render(node_page).html == written[node_page.path]
    # The diagrams of a node's page and of its indicator's page: the same boxes, each linked
    # from where its page sits.
    assert f'href "../../node/{node.id}/"' in written[indicator_page.path]
    assert f'href "../../node/{node.id}/"' not in written[node_page.path]


def test_table_of_years_is_rendered_once_for_a_node_and_its_indicators(
    result: CheckResult,
) -> None:
    build = SiteBuild(result)
    renderer = build.renderer
    node_page = next(p for p in build.pages if p.kind == "node" and p.context["node"].indicators)
    build.render(node_page)
    node = node_page.context["node"]
    tables = renderer.year_tables.get(node.id)
    assert tables is not None and set(tables) == {ind.id for ind in node.indicators}
    indicator = node.indicators[0]
    page = next(p for p in build.pages if p.context.get("indicator") is indicator)
    view = PageView(renderer, page)
    kept = tables[indicator.id]
    assert kept is not None and view.indicator_years(indicator) is kept
    assert kept in build.render(page).html


def test_label_words_are_attributes_and_items() -> None:
    words = labels_for("id")
    labels = LabelWords(words)
    assert dict(labels) == words
    for key, value in words.items():
        assert getattr(labels, key) == value == labels[key]
    # A word named like a dict method stays an item only: L.get is still the method, as on a
    # plain dict.
    odd = LabelWords({"get": "Ambil", "items": "Butir", "2x": "dua", "node": "Simpul"})
    assert odd["get"] == "Ambil" and odd.get("node") == "Simpul"
    assert callable(odd.items) and odd["2x"] == "dua"
    env = Environment(undefined=StrictUndefined, autoescape=True)
    template = env.from_string("{{ L.node }} {{ L['get'] }} {{ L.get('items') }} {{ L['2x'] }}")
    assert template.render(L=odd) == "Simpul Ambil Butir dua"


SOURCE = (
    "{% macro box(x) %}[{{ x }}]{% endmacro %}"
    "{% macro wrap(x) %}[{{ x }}{{ caller() }}]{% endmacro %}"
    "{% for n in names %}{{ who(n) }};{{ box(n) }}{% call wrap(n) %}!{% endcall %}"
    "{% set greeting = 'hai' %}{{ who(n) }}|{% endfor %}"
)


def test_page_context_still_passes_context_and_environment() -> None:
    """Only h's methods and macros skip Jinja's checks: a function that asks for the context
    gets it, inside a loop too, and a macro called in a loop, with a caller too, works as
    before."""

    @pass_context
    def who(context: Context, name: str) -> str:
        return f"{context['greeting']} {name}"

    env = Environment(undefined=StrictUndefined, autoescape=True)
    env.context_class = PageContext
    out = env.from_string(SOURCE).render(names=["a", "b"], who=who, greeting="halo")
    plain = Environment(undefined=StrictUndefined, autoescape=True).from_string(SOURCE)
    assert out == plain.render(names=["a", "b"], who=who, greeting="halo")
    assert out.startswith("halo a;[a][a!]hai a|")


def test_renderer_uses_page_context(result: CheckResult) -> None:
    renderer = SiteBuild(result).renderer
    assert renderer.env.context_class is PageContext
    assert isinstance(renderer.env.globals["L"], LabelWords)
    # What the renderer keeps from page to page is bounded (:mod:`.memo`); the level names are
    # one per level of the scheme.
    assert isinstance(renderer.year_tables, LastOne) and isinstance(renderer.heading_texts, Memo)
    assert isinstance(renderer.node_diagrams, LastOne)
    assert isinstance(renderer.breadcrumbs, LastOne)


def test_last_one_keeps_one_value() -> None:
    kept: LastOne[str, str] = LastOne()
    assert kept.get("a") is None and len(kept) == 0
    kept["a"] = "A"
    assert kept.get("a") == "A" and kept.get("b") is None
    kept["b"] = "B"
    assert kept.get("a") is None and kept.get("b") == "B" and len(kept) == 1
    kept.clear()
    assert kept.get("b") is None and len(kept) == 0


def test_a_page_of_another_kind_forgets_the_last_node(result: CheckResult) -> None:
    """What a node's pages shared goes once a page of another kind is rendered (nothing of the
    last node stays to the end of the build)."""
    build = SiteBuild(result)
    renderer = build.renderer
    node_page = next(
        p
        for p in build.pages
        if p.kind == "node" and p.context["node"].indicators and p.context["node"].parent_id
    )
    build.render(node_page)
    assert len(renderer.year_tables) == 1 and len(renderer.breadcrumbs) == 1
    build.render(next(p for p in build.pages if p.kind == "opd"))
    assert len(renderer.year_tables) == len(renderer.breadcrumbs) == 0
    assert len(renderer.node_diagrams) == 0
