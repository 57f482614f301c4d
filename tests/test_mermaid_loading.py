"""Light pages: Mermaid only where a diagram is, fetched without blocking when it nears the screen.

The built pages are read for what they reference (no page has a script tag for Mermaid; the
site's script is deferred and carries the loader only when the site serves Mermaid itself), the
diagram's box (a focusable region) and its legend. In Debian's chromium (Playwright), on the
mini fixture served from 127.0.0.1 with Mermaid from the site and a hand-written page whose
``mermaid`` fence lies far below the first screen: nothing is fetched from another host,
Mermaid is fetched only once a diagram nears the screen, diagrams render after scrolling to
them, an agency's left-to-right diagram is drawn top-down on a 390 px phone and stays left to
right on a desktop, a box focused by the keyboard is not hidden under the sticky header.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import material
import pytest

from mkdocs_pohon_plugin import mkdocs_internals
from mkdocs_pohon_plugin.core.site.mermaid import INIT, build_diagram
from mkdocs_pohon_plugin.core.tree.graph import Graph
from mkdocs_pohon_plugin.core.tree.model import Crosscutting, Level, Node, Opd, Site
from mkdocs_pohon_plugin.plugin import ASSETS, MERMAID_DEST, SCRIPT_DEST
from tests.browsing import DESKTOP, PHONE, Reader
from tests.sites import DOCS, MERMAID_JS, MINI, SiteConfig, build_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

FAR_DOWN = "\n\n".join(
    f"Paragraf pengisi nomor {i}, supaya diagram jauh di bawah." for i in range(150)
)
HAND_WRITTEN = {
    **DOCS,
    "gambar.md": f"# Gambar tulisan tangan\n\n{FAR_DOWN}\n\n```mermaid\ngraph LR\n  A[Awal] --> B[Akhir]\n```\n",
}
DIAGRAM_PAGES = ["index.html", "opd/dinkes/index.html", "node/dinkes-sp-1/index.html"]
PLAIN_PAGES = ["opd/index.html", "indeks/iku/index.html", "indeks/indikator/index.html", "404.html"]
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not MERMAID_JS.is_file():
        pytest.fail(f"{MERMAID_JS} missing: run `bash scripts/setup_browser.sh` (npm ci)")
    config = SiteConfig(font=False).with_options(mermaid_js=MERMAID_JS)
    return build_site(tmp_path_factory.mktemp("light"), MINI, config, HAND_WRITTEN)


def _html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_no_page_has_a_script_tag_for_mermaid(site: Path) -> None:
    for path in [*DIAGRAM_PAGES, *PLAIN_PAGES, "gambar/index.html"]:
        tags = SCRIPT_TAG.findall(_html(site, path))
        assert not [tag for tag in tags if "mermaid" in tag], path
        pohon = [tag for tag in tags if "assets/pohon/pohon.js" in tag]
        assert len(pohon) == 1 and " defer" in pohon[0], (path, pohon)
    assert (site / MERMAID_DEST).is_file()


def test_the_site_script_loads_mermaid_only_when_the_site_serves_it(
    site: Path, built_mini_site: Path
) -> None:
    loader = (ASSETS / "pohon-mermaid.js").read_text(encoding="utf-8")
    own = (site / SCRIPT_DEST).read_text(encoding="utf-8")
    assert own.endswith(loader) and "IntersectionObserver" in own
    plain = (built_mini_site / SCRIPT_DEST).read_text(encoding="utf-8")
    assert plain == (ASSETS / "pohon.js").read_text(encoding="utf-8")
    assert not (built_mini_site / MERMAID_DEST).exists()


def test_the_loader_knows_the_plugins_diagrams() -> None:
    """The loader draws a diagram top-down on a phone when it starts as mermaid.py's do."""
    loader = (ASSETS / "pohon-mermaid.js").read_text(encoding="utf-8")
    match = re.search(r"var INIT = ((?:'[^']*'(?: \+\s*)?)+);", loader)
    assert match is not None
    assert "".join(re.findall(r"'([^']*)'", match[1])) == INIT


def test_materials_mermaid_is_still_what_the_loader_stands_in_for() -> None:
    bundles = list(
        (Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js")
    )
    assert len(bundles) == 1, bundles
    assert mkdocs_internals.material_mermaid_contract(bundles[0].read_text("utf-8")) == []
    assert mkdocs_internals.material_mermaid_contract("") == list(
        mkdocs_internals.MATERIAL_MERMAID_CONTRACT
    )


def test_a_diagram_is_a_focusable_region_with_a_legend(site: Path) -> None:
    for path in DIAGRAM_PAGES:
        html = _html(site, path)
        box = re.search(r'<div class="pohon-diagram"([^>]*)>', html)
        assert box is not None, path
        assert 'tabindex="0"' in box[1] and 'role="region"' in box[1], path
        assert 'aria-label="Diagram pohon kinerja' in box[1], path
        legend = html[html.index('<div class="pohon-legend"') :]
        legend = legend[: legend.index("</div>")]
        assert "Keterangan diagram" in legend and "pohon-swatch" in legend, path
    node = _html(site, "node/dinkes-sp-1/index.html")
    assert "Bingkai merah tebal" in node  # the page's own node is drawn with the red border
    assert "Garis putus-putus: crosscutting" in node  # it sends an agreed link to Dinsos
    for path in PLAIN_PAGES:
        assert "pohon-diagram" not in _html(site, path) and "pohon-legend" not in _html(site, path)


def _graph() -> Graph:
    site = Site(root=".")
    site.levels = [Level(id="visi", name="Visi", scope="pemda"), Level(id="ss", name="Sasaran")]
    site.opds["a"] = Opd(id="a", name="Dinas A", short_name='A"] --> x')
    site.nodes["v"] = Node(id="v", level="visi", statement="Visi")
    links = [
        Crosscutting(status="ditolak", target_id="c", source_id="b"),
        Crosscutting(status="menunggu", target_id="v", source_id="b"),
    ]
    site.nodes["b"] = Node(id="b", level="ss", statement="B", parent_id="v", opd_id="a")
    site.nodes["b"].crosscutting = links
    site.nodes["c"] = Node(id="c", level="ss", statement="C", parent_id="v", opd_id="a")
    return Graph.build(site)


def test_the_legend_says_what_the_diagram_draws() -> None:
    graph = _graph()
    nodes = list(graph.site.nodes.values())
    opd = graph.site.opds["a"]
    diagram = build_diagram(
        graph,
        nodes,
        href=lambda n: f"../{n.id}/",
        focus="b",
        caption=lambda n: f"Sasaran · {opd.label}" if n.opd_id else "Visi",
    )
    legend = diagram.legend
    assert [level.level for level in legend.levels] == ["visi", "ss"]
    assert legend.focus and legend.parent_edges and legend.crosscutting and legend.rejected
    assert "n1 -.-x n2" in diagram.source and "n1 -.-> n0" in diagram.source
    # The caption is escaped like the statement: the agency's name cannot end the label.
    assert '"B<br/><small>Sasaran · A#quot;#93; --#gt; x</small>"' in diagram.source
    plain = build_diagram(graph, nodes[:1], href=lambda n: "x/", crosscutting=False)
    assert plain.legend.levels[0].level == "visi"
    assert not (plain.legend.focus or plain.legend.parent_edges or plain.legend.rejected)


# -- in a browser --

REQUESTED_MERMAID = (
    "() => performance.getEntriesByType('resource').some(r => /mermaid/.test(r.name))"
)
# The first two boxes of the diagram (n0 → n1): their rectangles, from Mermaid's shadow root.
FIRST_BOXES = """
() => {
  for (const [host, root] of window.__pohonShadows || []) {
    if (!host.classList.contains('mermaid')) continue;
    const box = (n) => root.querySelector(`g.node[id*="-${n}-"]`);
    const a = box('n0'), b = box('n1');
    if (!a || !b) return null;
    const r = (el) => { const x = el.getBoundingClientRect(); return {top: x.top, bottom: x.bottom, left: x.left, right: x.right}; };
    return {parent: r(a), child: r(b)};
  }
  return null;
}
"""
# Focus the first box's link (as Tab would) with the diagram's top right under the header;
# where the link and the header end up.
FOCUS_FIRST_BOX = """
() => {
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const diagram = document.querySelector('.pohon-diagram');
  window.scrollBy(0, diagram.getBoundingClientRect().top - 5);
  for (const [host, root] of window.__pohonShadows || []) {
    const link = root.querySelector('a');
    if (!link) continue;
    link.focus();
    return {focused: root.activeElement === link, top: link.getBoundingClientRect().top,
            header: header.bottom};
  }
  return null;
}
"""


def test_mermaid_is_fetched_when_the_diagram_nears_the_screen(phone: Reader) -> None:
    page = phone.page
    page.goto(phone.url("indeks/iku/"))
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(REQUESTED_MERMAID), "a page without a diagram fetched Mermaid"
    page.goto(phone.url("gambar/"))
    page.wait_for_load_state("networkidle")
    assert not page.evaluate(REQUESTED_MERMAID), "Mermaid fetched before the diagram was near"
    assert page.locator("pre.mermaid").count() == 1
    phone.check_diagrams()  # scrolls to the hand-written diagram, which renders
    assert page.evaluate(REQUESTED_MERMAID)
    assert phone.external == []
    phone.watch.assert_no_errors()


def test_on_a_phone_a_wide_diagram_is_drawn_top_down(phone: Reader) -> None:
    phone.open("opd/dinsos/")
    boxes = phone.page.evaluate(FIRST_BOXES)
    assert boxes is not None
    assert boxes["child"]["top"] >= boxes["parent"]["bottom"], boxes
    assert phone.page.locator(".pohon-legend").is_visible()
    assert phone.external == []
    phone.watch.assert_no_errors()


def test_on_a_desktop_it_stays_left_to_right(browser: Browser, base_url: str, site: Path) -> None:
    desk = Reader(browser, base_url, DESKTOP, site)
    try:
        desk.open("opd/dinsos/")
        boxes = desk.page.evaluate(FIRST_BOXES)
        assert boxes is not None
        assert boxes["child"]["left"] >= boxes["parent"]["right"], boxes
        assert desk.external == []
    finally:
        desk.close()


def test_the_diagram_takes_the_keyboard_and_keeps_focus_in_sight(phone: Reader) -> None:
    phone.open("node/dinkes-sp-1/")
    box = phone.page.locator(".pohon-diagram")
    box.focus()
    assert phone.page.evaluate("document.activeElement.classList.contains('pohon-diagram')")
    focus = phone.page.evaluate(FOCUS_FIRST_BOX)
    assert focus is not None and focus["focused"], focus
    assert focus["top"] >= focus["header"], f"a focused box hides under the header: {focus}"
    assert phone.external == []
    phone.watch.assert_no_errors()


def test_under_a_sub_path_mermaid_comes_from_the_site(
    browser: Browser,
    site: Path,
    serve: Callable[[Path], str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The site served at ``/pohon/`` (its ``site_url``'s path): Mermaid is fetched next to the
    site's script, under the sub-path."""
    host = tmp_path_factory.mktemp("host")
    (host / "pohon").symlink_to(site, target_is_directory=True)
    reader = Reader(browser, serve(host) + "pohon/", PHONE, host)
    try:
        reader.open("node/dinkes-sp-1/")
        mermaid = [url for url in reader.requests if "mermaid" in url]
        assert mermaid and all("/pohon/assets/pohon/mermaid.min.js" in url for url in mermaid)
        assert reader.external == []
        reader.watch.assert_no_errors()
    finally:
        reader.close()
