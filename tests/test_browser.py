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
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.served import served

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
MERMAID_JS = REPO / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
IN_CI = "CI" in os.environ
SHOTS = Path(os.environ.get("POHON_SHOTS", "/tmp/pohon-shots"))
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SHOT_MAX_HEIGHT = 8000  # the top of a long index shows its layout; all 49,000 px cost seconds

if not CHROMIUM.exists() and not IN_CI:
    pytest.skip(
        f"{CHROMIUM} not found (run `bash scripts/setup_browser.sh`); required in CI",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, Request, Route, expect, sync_playwright  # noqa: E402

# Material renders each diagram into a *closed* shadow root, out of reach of selectors: record the
# roots as they are attached (nothing else changes) so the checks can look inside them.
RECORD_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  window.__pohonShadows = [];
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    window.__pohonShadows.push([this, root]);
    return root;
  };
})();
"""

DIAGRAMS = """
() => {
  const roots = new Map(window.__pohonShadows || []);
  const containers = Array.from(document.querySelectorAll('.mermaid'));
  return {
    containers: containers.map((el) => {
      const root = roots.get(el);
      return {
        tag: el.tagName.toLowerCase(),
        svg: root ? root.querySelectorAll('svg').length : el.querySelectorAll('svg').length,
        syntaxError: ((root ? root.textContent : el.textContent) || '').includes('Syntax error'),
      };
    }),
    pageSyntaxError: document.body.innerText.includes('Syntax error'),
  };
}
"""

DIAGRAMS_DONE = """
(expected) => {
  const roots = new Map(window.__pohonShadows || []);
  const rendered = Array.from(document.querySelectorAll('div.mermaid'))
    .filter((el) => roots.has(el) && roots.get(el).querySelector('svg'));
  return document.querySelectorAll('pre.mermaid').length === 0 && rendered.length >= expected;
}
"""

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


def _leaves_localhost(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


@dataclass
class Watch:
    """What one browser context did: requests aborted for leaving localhost, errors seen."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if _leaves_localhost(url):
            self.external.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def request(self, request: Request) -> None:
        """Any request at all (workers' too), in case one is not routed."""
        if _leaves_localhost(request.url) and request.url not in self.external:
            self.external.append(request.url)

    def watch(self, page: Page) -> Page:
        page.on("console", lambda msg: self._console(msg.type, msg.text, msg.location))
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("response", self._response)
        return page

    def _console(self, kind: str, text: str, location: dict) -> None:
        if kind != "error":
            return
        # A resource this test refused to fetch fails in the console too: it is reported once,
        # as a request that left localhost (test_no_request_leaves_localhost), not here.
        if location.get("url") in self.external:
            return
        self.console_errors.append(f"{location.get('url')}: {text}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.http_errors.append(f"{response.status} {response.url}")

    def assert_no_errors(self) -> None:
        assert self.page_errors == [], "page errors"
        assert self.console_errors == [], "console errors"
        assert self.http_errors == [], "failed requests to the local site"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not MERMAID_JS.is_file():
        pytest.fail(f"{MERMAID_JS} missing: run `bash scripts/setup_browser.sh` (npm ci)")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("browser") / "site"
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins["pohon"].config.mermaid_js = str(MERMAID_JS)
    build(config)
    assert (out / "assets" / "pohon" / "mermaid.min.js").is_file()
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} missing in CI: scripts/setup_browser.sh installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


class Reader:
    """One browser context and tab on the served site, watched."""

    def __init__(self, browser: Browser, base_url: str, site: Path, viewport: dict) -> None:
        self.base_url = base_url
        self.site = site
        self.watch = Watch()
        self.context = browser.new_context(viewport=viewport, service_workers="block")
        self.context.set_default_timeout(20_000)
        self.context.add_init_script(RECORD_SHADOW_ROOTS)
        self.context.route("**/*", self.watch.route)
        self.context.on("request", self.watch.request)
        self.page = self.watch.watch(self.context.new_page())

    def close(self) -> None:
        self.context.close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def open(self, path: str) -> None:
        self.page.goto(self.url(path))
        self.check_diagrams()

    def path(self) -> str:
        return urlsplit(self.page.url).path.lstrip("/")

    def expect_page(self, path: str, heading: str) -> None:
        """The tab shows `path` (query and fragment aside) with `heading` as its title."""
        self.page.wait_for_url(lambda url: urlsplit(url).path == "/" + path)
        expect(self.page.locator("article h1")).to_have_text(
            re.compile(r"^\s*" + re.escape(heading) + r"\W*$")
        )
        self.check_diagrams()

    def follow(self, name: str, path: str, heading: str, within: str = "article") -> None:
        """Click the link named `name` in the page's content; land on `path` titled `heading`."""
        link = self.page.locator(within).get_by_role("link", name=name, exact=True).first
        link.click()
        self.expect_page(path, heading)

    def expected_diagrams(self) -> int:
        html = self.site / self.path() / "index.html"
        return html.read_text("utf-8").count('class="mermaid"')

    def check_diagrams(self) -> None:
        """Every Mermaid container on the page rendered an svg, none says "Syntax error"."""
        self.page.wait_for_load_state("load")
        expected = self.expected_diagrams()
        try:
            self.page.wait_for_function(DIAGRAMS_DONE, arg=expected, timeout=20_000)
        except Exception as exc:  # report what is on the page, not just a timeout
            state = self.page.evaluate(DIAGRAMS)
            raise AssertionError(f"{self.page.url}: diagrams not rendered: {state}") from exc
        state = self.page.evaluate(DIAGRAMS)
        containers = state["containers"]
        where = self.page.url
        assert len(containers) == expected, f"{where}: {expected} diagrams in HTML, {containers}"
        assert all(c["tag"] == "div" and c["svg"] >= 1 for c in containers), (where, containers)
        assert not any(c["syntaxError"] for c in containers), (where, containers)
        assert not state["pageSyntaxError"], f"{where}: 'Syntax error' on the page"

    def search(self, query: str, target: str) -> list[str]:
        """Type `query` into Material's search box and click the result for page `target`.

        Returns the result links shown (page links, in rank order) for the report."""
        page = self.page
        box = page.locator("input.md-search__input")
        if not box.is_visible():  # phone layout: the box opens from the header's search button
            page.locator("label.md-header__button[for='__search']").click()
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=15)
        results = page.locator(".md-search-result__list > li > a.md-search-result__link")
        meta = page.locator(".md-search-result__meta")
        # The index loads in a worker: wait (at most 20 s) for the target or for results to settle.
        hrefs: list[str] = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            shown = [urlsplit(h).path.lstrip("/") for h in _hrefs(results)]
            if target in shown or (shown and shown == hrefs):
                hrefs = shown
                break
            hrefs = shown
            page.wait_for_timeout(500)
        assert target in hrefs, (
            f"Material's search for {query!r} does not list {target!r}; "
            f"it says {meta.inner_text()!r} and lists {hrefs}"
        )
        # Click by address, not by position: the list may re-render between reading and clicking.
        results.and_(page.locator(f'[href*="{target}"]')).first.click()
        page.wait_for_url(lambda url: urlsplit(url).path == "/" + target)
        self.check_diagrams()
        return hrefs


def _hrefs(locator) -> list[str]:
    """All result links in one evaluation (Material re-renders the list while results arrive)."""
    return locator.evaluate_all("links => links.map(a => a.href)")


@pytest.fixture
def reader(browser: Browser, base_url: str, site: Path) -> Iterator[Reader]:
    reader = Reader(browser, base_url, site, DESKTOP)
    try:
        yield reader
    finally:
        reader.close()


def test_reader_follows_links_from_home_down_to_an_indicator_and_its_lineage(
    reader: Reader,
) -> None:
    reader.open("")
    reader.expect_page("", "Kabupaten Sukamaju")
    reader.follow("Dinkes", "opd/dinkes/", "Dinas Kesehatan", within="article table")
    reader.follow(
        "Menurunnya kematian ibu dan bayi",
        "node/dinkes-ss-kia/",
        "Menurunnya kematian ibu dan bayi",
    )
    reader.follow("Jumlah kematian ibu", "indikator/dinkes-ss-kia-i1/", "Jumlah kematian ibu")
    # Lineage, up: the regional indicator this one supports ...
    lineage = "#keterkaitan-indikator ~ ul"
    reader.follow(
        "Angka Kematian Ibu", "indikator/sasaran-1-1-1-aki/", "Angka Kematian Ibu", within=lineage
    )
    # ... and down again, to a sub kegiatan indicator of the agency that supports it.
    name = "Jumlah Ibu Hamil yang Mendapatkan Pelayanan Kesehatan Sesuai Standar"
    reader.follow(name, "indikator/dinkes-sub-bumil-i1/", name, within=lineage)
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
    reader.search(query, target)
    reader.expect_page(target, heading)
    reader.watch.assert_no_errors()


def test_no_request_leaves_localhost(reader: Reader) -> None:
    reader.open("")
    reader.open("node/dinkes-ss-kia/")
    reader.open("indikator/dinkes-ss-kia-i1/")
    reader.search("Jumlah kematian ibu", "indikator/dinkes-ss-kia-i1/")
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
}


WITH_DIAGRAM = {"home", "opd", "node", "indicator"}


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_every_page_kind_renders_and_is_photographed(
    browser: Browser, base_url: str, site: Path, width: str
) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    reader = Reader(browser, base_url, site, viewport)
    SHOTS.mkdir(parents=True, exist_ok=True)
    summary = {}
    try:
        for kind, path in PAGE_KINDS.items():
            started = time.monotonic()
            reader.open(path)
            if kind in WITH_DIAGRAM:
                assert reader.expected_diagrams() == 1, f"{path}: one diagram per page"
            metrics = reader.page.evaluate(
                """() => ({
                  scrollWidth: document.documentElement.scrollWidth,
                  innerWidth: window.innerWidth,
                  height: document.documentElement.scrollHeight,
                })"""
            )
            shot = SHOTS / f"{kind}-{viewport['width']}.png"
            height = min(metrics["height"], SHOT_MAX_HEIGHT)
            clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
            reader.page.screenshot(path=str(shot), full_page=True, clip=clip)
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
