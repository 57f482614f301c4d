"""The Akar Masalah page in a real browser, on a desktop and a phone: the problem tree is drawn,
the unaddressed root cause is in it, a box opens its row of the table, and the hostile cause text
runs nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browsing import Reader
from tests.sites import SiteConfig, build_site
from tests.test_problem_pages import write_problem_trees

if TYPE_CHECKING:
    pass

BOX = """
(href) => {
  for (const [host, root] of window.__pohonShadows || []) {
    if (!host.classList.contains('mermaid')) continue;
    for (const a of root.querySelectorAll('a')) {
      if ((a.getAttribute('href') || a.getAttribute('xlink:href')) !== href) continue;
      a.scrollIntoView({block: 'center'});
      const box = a.getBoundingClientRect();
      return {x: box.x + box.width / 2, y: box.y + box.height / 2, text: a.textContent};
    }
  }
  return null;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, mermaid_js: Path) -> Path:
    trees = write_problem_trees(tmp_path_factory.mktemp("akar-browser") / "trees")
    config = SiteConfig().with_options(mermaid_js=str(mermaid_js))
    return build_site(tmp_path_factory.mktemp("akar-browser-site"), trees, config)


def test_the_problem_tree_is_drawn_and_a_box_opens_its_row(reader: Reader) -> None:
    from playwright.sync_api import expect

    reader.open("masalah/gizi/")
    reader.check_diagrams()
    gap = reader.page.evaluate(BOX, "#penyebab-gizi-hostile")
    assert gap is not None and "belum ditangani" in gap["text"]
    assert "<script>alert(1)</script>" in gap["text"]  # shown as text
    point = reader.page.evaluate(BOX, "#penyebab-gizi-anc")
    assert point is not None, "no box links to the row of the root cause"
    reader.page.mouse.click(point["x"], point["y"])
    reader.page.wait_for_function("location.hash === '#penyebab-gizi-anc'")
    expect(reader.page.locator("#penyebab-gizi-anc")).to_be_in_viewport()
    scripts = reader.page.evaluate(
        "[...document.querySelectorAll('script')].map(s => s.textContent).join(' ')"
    )
    assert "alert(1)" not in scripts
    reader.watch.assert_no_errors()
