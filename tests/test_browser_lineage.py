"""An indicator's grouped lineage in a real browser (issue 13): a reader opens a collapsed group,
follows a link down to a sub kegiatan indicator and climbs back up the declared chain; every
chain diagram on the way renders (the hostile names of the fixture included) and a box opens its
indicator's page. The fixture ``tests/fixtures/support_pages`` is built for real (strict MkDocs,
Mermaid served from the site); skipped like tests/test_browser.py when chromium is missing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browsing import Reader
from tests.sites import HERE, SiteConfig, build_site

if TYPE_CHECKING:
    pass

FIXTURE = HERE / "fixtures" / "support_pages"
SUB = "Jumlah ibu hamil yang mendapatkan pelayanan kesehatan sesuai standar"
DEEPER = "Sasaran Sub Kegiatan · 3 indikator, 2 OPD"

# The centre of the chain diagram's box linking to `href`, scrolled into view (null if none).
CHAIN_BOX = """
(href) => {
  for (const [host, root] of window.__pohonShadows || []) {
    if (!host.classList.contains('mermaid')) continue;
    for (const a of root.querySelectorAll('a')) {
      if ((a.getAttribute('href') || a.getAttribute('xlink:href')) !== href) continue;
      a.scrollIntoView({block: 'center'});
      const box = a.getBoundingClientRect();
      return {x: box.x + box.width / 2, y: box.y + box.height / 2};
    }
  }
  return null;
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, mermaid_js: Path) -> Path:
    config = SiteConfig().with_options(mermaid_js=str(mermaid_js))
    return build_site(tmp_path_factory.mktemp("browser-lineage"), FIXTURE, config)


def test_open_a_collapsed_group_go_down_to_a_sub_kegiatan_and_back_up(reader: Reader) -> None:
    from playwright.sync_api import expect

    reader.open("indikator/dinkes-sp-1-k4/")
    lineage = reader.page.locator(".pohon-lineage")
    link = lineage.get_by_role("link", name=SUB, exact=True)
    expect(link).to_be_hidden()  # a deeper level starts collapsed
    summary = lineage.locator("summary", has_text=DEEPER)
    expect(summary).to_be_visible()
    summary.click()
    expect(link).to_be_visible()
    reader.follow(SUB, "indikator/dinkes-ssk-1-i1/", SUB, within=".pohon-lineage")
    # up again along the declared chain: the sub kegiatan supports the kegiatan, K4 above it
    chain = "ol.pohon-chain"
    expect(reader.page.locator(chain).get_by_role("link", name="Cakupan K4")).to_be_visible()
    reader.follow("Cakupan K4", "indikator/dinkes-sp-1-k4/", "Cakupan K4", within=chain)
    reader.follow(
        "Indeks Pembangunan Manusia",
        "indikator/ipm/",
        "Indeks Pembangunan Manusia",
        within=chain,
    )
    reader.watch.assert_no_errors()


def test_a_chain_diagram_box_opens_its_indicator(reader: Reader) -> None:
    reader.open("indikator/dinkes-sk-1-i1/")  # its supporters' names are hostile
    point = reader.page.evaluate(CHAIN_BOX, "../dinkes-sp-1-k4/")
    assert point is not None, "no box of the chain diagram links to the indicator above"
    reader.page.mouse.click(point["x"], point["y"])
    reader.expect_page("indikator/dinkes-sp-1-k4/", "Cakupan K4")
    reader.watch.assert_no_errors()
