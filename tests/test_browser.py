"""The demo site in a real browser: Debian's chromium driven by Playwright, no mocks.

The demo regency is built once (strict, real MkDocs) with Mermaid served from the site
(``node_modules/mermaid/dist/mermaid.min.js``, installed by ``scripts/setup_browser.sh``) and
served on 127.0.0.1. Every request that would leave this machine is aborted and recorded. The
tests follow links as a reader does (Home → OPD → node → indicator → lineage), search with
Material's search box, click a diagram box, and check on every page they visit that each Mermaid
diagram rendered an ``svg`` without "Syntax error", with no console error and no page error.

Screenshots of each page kind at a phone and a desktop width (the whole page, cut at 8,000 px)
go to ``$POHON_SHOTS`` (default ``/tmp/pohon-shots``), never into the repository.

Skipped only when ``/usr/bin/chromium`` is missing outside CI; in CI (``CI`` set) it must run.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browsing import DESKTOP, PHONE, Reader
from tests.sites import REPO

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SHOTS = Path(os.environ.get("POHON_SHOTS", "/tmp/pohon-shots"))
SHOT_MAX_HEIGHT = 8000  # the top of a long index shows its layout; all 49,000 px cost seconds

# The centre of the diagram box linking to `href`, scrolled into view (null if there is none).
DIAGRAM_LINK = """
(href) => {
  for (const [host, root] of window.__pohonShadows || []) {
    if (!host.classList.contains('mermaid')) continue;
    for (const a of root.querySelectorAll('a')) {
      const target = a.getAttribute('href') || a.getAttribute('xlink:href');
      if (target !== href) continue;
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
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("browser") / "site"
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins["pohon"].config.mermaid_js = str(mermaid_js)
    build(config)
    assert (out / "assets" / "pohon" / "mermaid.min.js").is_file()
    return out


@pytest.fixture
def reader(browser: Browser, base_url: str, site: Path) -> Iterator[Reader]:
    reader = Reader(browser, base_url, DESKTOP, site)
    try:
        yield reader
    finally:
        reader.close()


def test_reader_follows_links_from_home_down_to_an_indicator_and_its_lineage(
    reader: Reader,
) -> None:
    reader.open("")
    reader.expect_page("", "Kabupaten Sukamaju")
    reader.follow("Dinkes", "opd/dinkes/", "Dinas Kesehatan (Dinkes)", within="article table")
    reader.follow(
        "Menurunnya kematian ibu dan bayi",
        "node/dinkes-ss-kia/",
        "Menurunnya kematian ibu dan bayi",
    )
    reader.follow("Jumlah kematian ibu", "indikator/dinkes-ss-kia-i1/", "Jumlah kematian ibu")
    # Lineage, up: the regional indicator this one supports ...
    lineage = "#keterkaitan-indikator ~ :is(ol, ul)"
    reader.follow(
        "Angka Kematian Ibu", "indikator/sasaran-1-1-1-aki/", "Angka Kematian Ibu", within=lineage
    )
    # ... and down again, to a sub kegiatan indicator of the agency that supports it: its level
    # (and agency) groups start collapsed, so open them first.
    name = "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar"
    link = reader.page.locator('a[href$="/dinkes-sub-bumil-i1/"]')  # by role: visible ones only
    for group in reader.page.locator(".pohon-lineage details", has=link).all():
        if group.get_attribute("open") is None:
            group.locator(":scope > summary").click()
    reader.follow(name, "indikator/dinkes-sub-bumil-i1/", name, within=".pohon-lineage")
    reader.watch.assert_no_errors()


def test_a_diagram_box_opens_its_page(reader: Reader) -> None:
    reader.open("node/dinkes-ss-kia/")
    point = reader.page.evaluate(DIAGRAM_LINK, "../dinkes-sp-kia/")
    assert point is not None, "no box in the node's diagram links to its child's page"
    reader.page.mouse.click(point["x"], point["y"])
    reader.expect_page(
        "node/dinkes-sp-kia/",
        "Meningkatnya cakupan dan mutu pelayanan kesehatan ibu dan anak sesuai standar",
    )
    reader.watch.assert_no_errors()


@pytest.mark.parametrize(
    ("query", "target", "heading"),
    [
        ("Jumlah kematian ibu", "indikator/dinkes-ss-kia-i1/", "Jumlah kematian ibu"),
        (
            "1.02.02.2.02.0001",
            "node/dinkes-sub-bumil/",
            "Terlaksananya pelayanan kesehatan ibu hamil sesuai standar",
        ),
    ],
    ids=["indicator-name", "sub-kegiatan-code"],
)
def test_search_lands_on_the_page(reader: Reader, query: str, target: str, heading: str) -> None:
    reader.open("")
    reader.search_and_open(query, target)
    reader.expect_page(target, heading)
    reader.watch.assert_no_errors()


def test_no_request_leaves_localhost(reader: Reader) -> None:
    reader.open("")
    reader.open("node/dinkes-ss-kia/")
    reader.open("indikator/dinkes-ss-kia-i1/")
    reader.search_and_open("Jumlah kematian ibu", "indikator/dinkes-ss-kia-i1/")
    reader.page.wait_for_load_state("networkidle")
    # Material itself asks for Google Fonts unless `theme.font: false`, and for the repository's
    # facts on api.github.com when `repo_url` is set and the header shows the source widget.
    external = sorted(set(reader.watch.external))
    assert external == [], f"requests that left localhost (aborted): {external}"


PAGE_KINDS = {
    "home": "",
    "opd-list": "opd/",
    "opd": "opd/dinkes/",
    "opd-level": "opd/dinkes/sasaran_program/",
    "node": "node/dinkes-sp-gizi/",
    "indicator": "indikator/dinkes-ss-kia-i1/",
    "indicator-index": "indeks/indikator/",
    "iku": "indeks/iku/",
    "crosscutting": "indeks/crosscutting/",
    "cascading": "opd/dinkes/cascading/",
    "code-index": "indeks/kode/",
    "quality": "indeks/mutu/",
    "opd-quality": "opd/dinkes/mutu/",
    # issue 18: a position, its PK (eselon IV), the stunting problem tree, an agency's action plan
    "position": "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/",
    "position-pk": "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/pk-2026/",
    "position-pk-eselon-iii": "opd/dinkes/jabatan/dinkes.kabid-masyarakat/pk-2026/",
    "problems": "indeks/masalah/",
    "problem": "masalah/stunting/",
    "action-plan": "opd/dispangan/rencana-aksi-2026/",
}


WITH_DIAGRAM = {"home": 1, "opd": 1, "node": 1, "indicator": 2, "problem": 1}
"""Diagrams per page kind: an indicator page has its node's diagram and its indicator chain."""


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_page_kind_renders_and_is_photographed(
    browser: Browser, base_url: str, site: Path, width: str
) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    reader = Reader(browser, base_url, viewport, site)
    SHOTS.mkdir(parents=True, exist_ok=True)
    summary = {}
    try:
        for kind, path in PAGE_KINDS.items():
            started = time.monotonic()
            reader.open(path)
            if kind in WITH_DIAGRAM:
                expected = WITH_DIAGRAM[kind]
                assert reader.expected_diagrams() == expected, f"{path}: {expected} diagram(s)"
            metrics = reader.page.evaluate(
                """() => ({
                  scrollWidth: document.documentElement.scrollWidth,
                  innerWidth: window.innerWidth,
                  height: document.documentElement.scrollHeight,
                })"""
            )
            shot = SHOTS / f"{kind}-{viewport['width']}.png"
            height = min(metrics["height"], SHOT_MAX_HEIGHT)
            reader.page.screenshot(
                path=str(shot),
                full_page=True,
                clip={"x": 0, "y": 0, "width": viewport["width"], "height": height},
            )
            summary[kind] = {
                "path": path,
                "shot": shot.name,
                "seconds": round(time.monotonic() - started, 2),
                **metrics,
            }
        reader.watch.assert_no_errors()
    finally:
        reader.close()
        (SHOTS / f"summary-{viewport['width']}.json").write_text(json.dumps(summary, indent=2))
