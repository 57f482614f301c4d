"""The last slow pages on a phone (issue 16): an agency's cascading matrix, the crosscutting index
and the home page keep every row, number and link while a phone lays out less of them as the
page loads (the speed itself is measured by ``benchmarks/bench_pages.py``, not here).

- the cascading matrix: one card per node of the agency on a phone (a stacked table), every
  node, indicator, code and budget figure there, each cell but the level labelled;
- the crosscutting index of a regency past ``MATRIX_FOLD_AGENCIES`` agencies: the matrix folded
  in a closed ``<details>`` that pohon.js opens on a wide screen, every count of the matrix
  linked to its row in the list, every link in the list (as a labelled card on a phone); a
  regency of a few agencies (the mini fixture) keeps the matrix open;
- the home page: what follows each heading below the diagram is in a ``.pohon-later`` box (laid
  out when it nears the screen), the headings themselves outside those boxes.

Pages are rendered by the core :class:`Renderer` (no MkDocs build): a synthetic regency of 16
agencies, and the mini fixture.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site import paths
from mkdocs_pohon_plugin.core.site.labels import labels_for
from mkdocs_pohon_plugin.core.site.pages import SitePlan, plan_site
from mkdocs_pohon_plugin.core.site.render import MATRIX_FOLD_AGENCIES, Renderer, format_number
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from mkdocs_pohon_plugin.core.tree.model import Node
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency
from tests.sites import MINI

L = labels_for("id")
ASSETS = Path(__file__).resolve().parent.parent / "mkdocs_pohon_plugin" / "assets"


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    """A regency with one agency more than the matrix keeps open, with crosscutting links."""
    root = tmp_path_factory.mktemp("regency") / "trees"
    params = SyntheticParams(
        opd=MATRIX_FOLD_AGENCIES + 1,
        nodes=120,
        indicators=160,
        crosscutting=0.4,
        seed=3,
        misi=1,
        tujuan_per_misi=1,
        sasaran_per_tujuan=2,
    )
    generate_regency(root, params)
    checked = check_trees(root)
    assert not checked.errors
    return checked


@pytest.fixture(scope="module")
def big_plan(big: CheckResult) -> SitePlan:
    return plan_site(big, "id")


@pytest.fixture(scope="module")
def mini_plan() -> SitePlan:
    checked = check_trees(MINI)
    assert not checked.errors
    return plan_site(checked, "id")


def render(plan: SitePlan, path: str) -> str:
    page = next(p for p in plan.pages if p.path == path)
    return Renderer(plan).render(page).html


class Elements(HTMLParser):
    """Every element of a page with its attributes, the chain of elements around it and its
    text (``elements``: (tag, attributes, ancestors, text))."""

    VOID = frozenset({"br", "img", "input", "hr", "meta", "link", "wbr", "source"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.stack: list[tuple[str, dict[str, str], list[str]]] = []
        self.elements: list[tuple[str, dict[str, str], list[tuple[str, dict[str, str]]], str]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag in self.VOID:
            self.elements.append((tag, attributes, self.ancestors(), ""))
            return
        self.stack.append((tag, attributes, []))

    def handle_data(self, data: str) -> None:
        for _, _, text in self.stack:
            text.append(data)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, attributes, text = self.stack.pop()
            self.elements.append((name, attributes, self.ancestors(), "".join(text)))
            if name == tag:
                return

    def ancestors(self) -> list[tuple[str, dict[str, str]]]:
        return [(name, attributes) for name, attributes, _ in self.stack]


def classes(attributes: dict[str, str]) -> list[str]:
    return attributes.get("class", "").split()


# -- the cascading matrix ------------------------------------------------------------------------


def test_cascading_matrix_keeps_every_node_and_number_as_cards(big: CheckResult) -> None:
    plan = plan_site(big, "id")
    opd = next(o for o in big.site.opds.values() if len(o.node_ids) >= 3)
    html = render(plan, paths.cascading_page(opd.id))
    elements = Elements(html).elements
    tables = [(a, up) for tag, a, up, _ in elements if tag == "table"]
    assert len(tables) == 1
    assert any("pohon-stack" in classes(a) for _, a in tables[0][1]), "not stacked on a phone"
    rows = [(a, up) for tag, a, up, _ in elements if tag == "tr" and ("tbody", {}) in up]
    nodes = [big.site.nodes[node_id] for node_id in opd.node_ids]
    assert len(rows) == len(nodes)
    cells = [(a, text) for tag, a, up, text in elements if tag == "td"]
    assert len(cells) == 5 * len(nodes)
    for index, (attributes, _text) in enumerate(cells):
        # the level opens the card; the other cells say their column
        assert bool(attributes.get("data-label")) == (index % 5 != 0), attributes
    labels = {a["data-label"] for a, _ in cells if a.get("data-label")}
    assert labels == {L["node"], L["indicator"], L["code"], L["budget"]}
    for node in nodes:
        assert f'href="../../../node/{node.id}/"' in html, node.id
        for indicator in node.indicators:
            assert f'href="../../../indikator/{indicator.id}/"' in html, indicator.id
        if node.code:
            assert f"<code>{node.code}</code>" in html, node.code
    budgets = [text for a, text in cells if a.get("data-label") == L["budget"]]
    for node, text in zip(nodes_in_rows(html, big), budgets, strict=True):
        if node.budget:
            total = sum(v for v in node.budget.values() if isinstance(v, int | float))
            assert text == "Rp" + format_number(total, "id", 0), node.id
        else:
            assert text == "", node.id


def nodes_in_rows(html: str, checked: CheckResult) -> list[Node]:
    """The nodes of the cascading matrix's rows, in order (the first node link of each row)."""
    found: list[Node] = []
    for row in re.findall(r"<tr><td>.*?</tr>", html):
        match = re.search(r'href="[./]*node/([^/]+)/"', row)
        assert match, row
        found.append(checked.site.nodes[match[1]])
    return found


# -- the crosscutting index ----------------------------------------------------------------------


def test_crosscutting_matrix_of_many_agencies_is_folded_and_every_link_listed(
    big: CheckResult, big_plan: SitePlan
) -> None:
    html = render(big_plan, paths.INDEX_CROSSCUTTING)
    elements = Elements(html).elements
    folds = [
        a for tag, a, _, _ in elements if tag == "details" and "pohon-matrix-fold" in classes(a)
    ]
    assert len(folds) == 1
    assert "open" not in folds[0] and "data-pohon-open-wide" in folds[0]
    agencies = len(big.site.opds)
    summary = L["cc_matrix_folded"].format(senders=agencies, receivers=agencies + 1)
    assert summary in html
    tables = [up for tag, _, up, _ in elements if tag == "table"]
    assert len(tables) == 2
    matrix, listing = tables
    assert ("details", folds[0]) in matrix
    assert not any(tag == "details" for tag, _ in listing)
    assert any("pohon-stack" in classes(a) for _, a in listing), "list not stacked on a phone"

    links = [link for sent in big.graph.sent.values() for link in sent]
    assert links, "the test regency has crosscutting links"
    list_rows = [
        a for tag, a, up, _ in elements if tag == "tr" and not any(t == "details" for t, _ in up)
    ][1:]  # the list's header row aside
    assert len(list_rows) == len(links)
    list_cells = [
        a for tag, a, up, _ in elements if tag == "td" and not any(t == "details" for t, _ in up)
    ]
    assert len(list_cells) == 4 * len(links)
    assert all(a.get("data-label") for a in list_cells)
    # every count in the matrix leads to its links in the list, and they add up to every link
    total = 0
    for tag, attributes, up, text in elements:
        if tag == "a" and attributes.get("href", "").startswith("#cc-"):
            assert ("details", folds[0]) in up
            anchor = attributes["href"][1:]
            assert html.count(f'id="{anchor}"') == 1, anchor
            numbers = [int(n) for n in re.findall(r"\d+", text)]
            total += sum(numbers)
    assert total == len(links)


def test_crosscutting_matrix_of_a_few_agencies_stays_open(mini_plan: SitePlan) -> None:
    assert len(mini_plan.result.site.opds) <= MATRIX_FOLD_AGENCIES
    html = render(mini_plan, paths.INDEX_CROSSCUTTING)
    assert "<details" not in html
    assert '<div class="pohon-matrix">' in html
    assert '<div class="pohon-table pohon-stack">' in html  # the list: cards on a phone


def test_a_wide_screen_opens_the_folded_matrix_after_load() -> None:
    script = (ASSETS / "pohon.js").read_text(encoding="utf-8")
    part = script[script.index("folded on a phone (issue 16)") :]
    part = part[: part.index("end of folded on a phone")]
    assert 'querySelectorAll("details[data-pohon-open-wide]")' in part
    assert "matchMedia" in part and "min-width" in part
    assert "window.pohonOnEveryPage(init)" in part  # after the page is parsed, on every page
    assert 'addEventListener("beforeprint"' in part  # a printed page has the whole matrix
    css = (ASSETS / "pohon.css").read_text(encoding="utf-8")
    assert re.search(r"\.pohon-later \{ content-visibility: auto; contain-intrinsic-size:", css)


# -- the home page -------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["big", "mini"])
def test_home_sections_below_the_diagram_are_laid_out_late(
    which: str, big_plan: SitePlan, mini_plan: SitePlan
) -> None:
    plan = big_plan if which == "big" else mini_plan
    site = plan.result.site
    html = render(plan, paths.HOME)
    elements = Elements(html).elements
    later = [(a, up, text) for tag, a, up, text in elements if "pohon-later" in classes(a)]
    assert len(later) == 3
    for tag, _, up, _ in elements:
        if tag in {"h1", "h2", "h3"}:
            assert not any("pohon-later" in classes(a) for _, a in up), "a heading in a late box"
    # the diagram comes before every late box; each box follows its own heading
    assert html.index('class="pohon-diagram"') < html.index('class="pohon-later"')
    for heading in (L["opd"], L["regional_iku"], L["indexes"]):
        start = html.index(f">{heading}<")
        assert html.index('<div class="pohon-later">', start) < html.index("<h2", start + 1)
    # nothing is lost: every agency with its counts, every regional IKU, every index link
    agencies_box = later[0][2]
    for opd in site.opds.values():
        assert opd.label in agencies_box
        assert format_number(len(opd.node_ids), "id") in agencies_box
    assert f'href="{paths.page_url(paths.INDEX_CROSSCUTTING, True)}"' in html
    for opd in site.opds.values():
        assert f'href="{paths.page_url(paths.cascading_page(opd.id), True)}"' in html
