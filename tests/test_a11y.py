"""Accessibility and phone tables, in a real browser, on the built demo site.

- axe-core (npm, pinned in package.json, injected from ``node_modules``: nothing is fetched) runs
  on every page kind at phone (390×844) and desktop (1366×900) width: no serious or critical
  violation. Nothing is left out, but the inside of each diagram is beyond axe's reach: Material
  draws Mermaid's SVG in a closed shadow root (the diagram's container and the page around it are
  checked).
- On a phone, no table cell with a number lies outside the screen, unless it is inside a scroll
  container the reader can reach (``tabindex="0"``, on the screen itself), and the page itself never
  scrolls sideways.

The demo is built once for the module (``mkdocs build`` of the repository's ``mkdocs.yml``);
``POHON_A11Y_SITE=/path/to/site`` checks an already built demo instead. Skipped only when chromium
or npm's packages are missing outside CI (failed in CI).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.browsing import DESKTOP, PHONE, Reader, require
from tests.sites import MERMAID_JS, REPO

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Browser, Page, ViewportSize

AXE_JS = REPO / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core from npm (``scripts/setup_browser.sh`` runs ``npm ci``)."""

PAGES = {
    # page kind: path in the demo site
    "home": "",
    "opd": "opd/dinkes/",
    "opd level": "opd/dinkes/sasaran_strategis/",
    "node": "node/dinkes-sk-gizi/",
    "indicator": "indikator/dinkes-sk-gizi-i1/",
    "pk": "opd/dinkes/pk-2025/",
    "cascading": "opd/dinkes/cascading/",
    "iku": "indeks/iku/",
    "all indicators": "indeks/indikator/",
    "crosscutting": "indeks/crosscutting/",
    "codes": "indeks/kode/",
    "quality": "indeks/mutu/",
    "opd quality": "opd/dinkes/mutu/",
    # a group's page of the split all-indicators, code and IKU listings (issue 19)
    "all indicators (agency)": "indeks/indikator/opd/dinkes/",
    "codes (agency)": "indeks/kode/opd/dinkes/",
    "iku (regional)": "indeks/iku/daerah/",
    # quarterly targets and the year's action plan (issue 18)
    "action plan": "opd/dispangan/rencana-aksi-2025/",
    "position": "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/",
    "position pk": "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/pk-2026/",
    "problems": "indeks/masalah/",
    "problem": "masalah/stunting/",
    "indicator (quarters)": "indikator/dispangan-sk-stabilisasi-i1/",
    "404": "404.html",
    "docs": "format/",
}
WIDTHS: dict[str, ViewportSize] = {"phone": PHONE, "desktop": DESKTOP}
SERIOUS = ("serious", "critical")

RUN_AXE = """async (impacts) => {
  const result = await axe.run(document, { resultTypes: ["violations"] });
  return result.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 6).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
    }));
}"""

DIAGRAMS_SETTLED = """() => Array.from(document.querySelectorAll(".pohon-diagram .mermaid"))
  .every((el) => el.querySelector("svg")
    || (window.__pohonShadows || []).some(([host, root]) => host === el && root.querySelector("svg")))"""
"""Every diagram drawn: Material draws each in a closed shadow root (recorded by the Reader)."""

NUMBERS_OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  const reachable = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up);
      const scrolls = style.overflowX === "auto" || style.overflowX === "scroll";
      if (scrolls && up.scrollWidth > up.clientWidth + 1) {
        const box = up.getBoundingClientRect();
        const inside = box.left >= -1 && box.right <= width + 1;
        return up.tabIndex >= 0 && inside ? up : null;
      }
    }
    return null;
  };
  for (const cell of document.querySelectorAll("article td, article th")) {
    const text = cell.textContent.trim();
    if (!/\\d/.test(text)) continue;
    const box = cell.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue; // hidden (a filtered row)
    if (cell.closest("thead") && getComputedStyle(cell.closest("thead")).clipPath !== "none") {
      continue; // a header visually hidden for screen readers (a table stacked on a phone)
    }
    if (box.left >= -1 && box.right <= width + 1) continue;
    if (reachable(cell)) continue;
    outside.push(text.slice(0, 40) + " @ " + Math.round(box.left) + ".." + Math.round(box.right));
  }
  return {
    outside: outside.slice(0, 10),
    count: outside.length,
    pageWidth: document.documentElement.scrollWidth,
    width: width,
  };
}"""


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built with this checkout (or ``POHON_A11Y_SITE``)."""
    given = os.environ.get("POHON_A11Y_SITE")
    if given:
        return Path(given)
    require(MERMAID_JS)
    out = tmp_path_factory.mktemp("demo") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", str(out)]
    proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return out


@pytest.fixture(scope="module")
def base_url(demo_site: Path, serve: Callable[[Path], str]) -> str:
    for kind, path in PAGES.items():
        html = demo_site / (path if path.endswith(".html") else path + "index.html")
        assert html.is_file(), f"{kind}: {html} not built"
    return serve(demo_site)


@pytest.fixture(scope="module")
def axe_js() -> Path:
    require(AXE_JS)
    return AXE_JS


def show(page: Page, url: str) -> None:
    """Open ``url`` and let its diagrams draw (those not drawn are checked as they are)."""
    page.goto(url)
    page.wait_for_load_state("load")
    for diagram in page.locator(".pohon-diagram").all():
        diagram.scroll_into_view_if_needed()
    # a diagram that does not draw is test_browser's business: checked as it is
    with contextlib.suppress(Exception):
        page.wait_for_function(DIAGRAMS_SETTLED, timeout=20_000)
    page.evaluate("window.scrollTo(0, 0)")


def violations(page: Page, axe_js: Path) -> list[str]:
    """axe-core's serious and critical violations on the page, one text each."""
    page.add_script_tag(path=str(axe_js))
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE, list(SERIOUS))
    return [
        f"{v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in found
    ]


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_page_is_accessible(
    browser: Browser, base_url: str, axe_js: Path, kind: str, width: str
) -> None:
    """axe-core finds no serious or critical violation; on a phone, every number of every table
    is on the screen or in a scroll container the reader reaches, and the page does not scroll
    sideways (one visit per page and width: the demo's pages are large)."""
    reader = Reader(browser, base_url, viewport=WIDTHS[width])
    try:
        show(reader.page, reader.url(PAGES[kind]))
        problems = []
        if width == "phone":
            state = reader.page.evaluate(NUMBERS_OUTSIDE)
            if state["count"]:
                problems.append(f"{state['count']} numbers off the screen: {state['outside']}")
            if state["pageWidth"] > state["width"]:
                problems.append(f"the page scrolls sideways: {state}")
        problems += violations(reader.page, axe_js)
        external = reader.external
    finally:
        reader.close()
    assert not problems, f"{kind} ({width}):\n" + "\n".join(problems)
    assert not external, external
