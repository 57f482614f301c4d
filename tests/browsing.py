"""A reader in a real browser: Debian's chromium driven by Playwright, on a site served from
127.0.0.1, with every request that would leave this machine aborted and recorded.

The ``browser`` fixture (tests/conftest.py) launches the browser; :class:`Reader` is one watched
browser context and tab on a served site. Playwright is imported only where it is used, so that a
test module importing this one is collected without it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Locator,
        Page,
        Request,
        Response,
        Route,
        ViewportSize,
    )

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = "CI" in os.environ
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
TIMEOUT_MS = 30_000
"""How long a Playwright action or wait may take (Playwright's own default, set explicitly)."""


def require(path: Path) -> None:
    """The browser tests' policy for what they need (chromium, Mermaid): when ``path`` is missing
    the test is skipped, except in CI (``CI`` set), where it fails."""
    if path.exists():
        return
    if IN_CI:
        pytest.fail(f"{path} missing in CI: scripts/setup_browser.sh installs it")
    pytest.skip(f"{path} not found (run `bash scripts/setup_browser.sh`); required in CI")


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


# Scroll the first diagram still to be drawn into view; the scroll position before (or null).
SCROLL_TO_DIAGRAM = """
() => {
  const diagram = document.querySelector('pre.mermaid');
  if (!diagram) return null;
  const y = window.scrollY;
  diagram.scrollIntoView({block: 'center'});
  return y;
}
"""


def leaves_localhost(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


@dataclass
class Watch:
    """What one browser context did: every request, those aborted for leaving localhost, and
    the errors seen."""

    external: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    blocked_console_errors: list[str] = field(default_factory=list)
    """Console errors about a request this watch aborted (it is reported as leaving localhost)."""
    page_errors: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """Console warnings: the search box says why it failed there (``pohon-search: …``)."""
    failed_requests: list[str] = field(default_factory=list)
    """Requests that got no answer at all (refused, reset, cut short), with the browser's reason."""

    def route(self, route: Route) -> None:
        url = route.request.url
        if leaves_localhost(url):
            self.external.append(url)
            route.abort("blockedbyclient")
        else:
            route.continue_()

    def request(self, request: Request) -> None:
        """Any request at all (workers' too), in case one is not routed."""
        self.requests.append(request.url)
        if leaves_localhost(request.url) and request.url not in self.external:
            self.external.append(request.url)

    def request_failed(self, request: Request) -> None:
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("response", self._response)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "warning":
            self.warnings.append(message.text)
        if message.type != "error":
            return
        where = message.location.get("url")
        text = f"{where}: {message.text}"
        # A resource this watch refused to fetch fails in the console too: it is reported as a
        # request that left localhost, not among the console errors.
        if where in self.external:
            self.blocked_console_errors.append(text)
        else:
            self.console_errors.append(text)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.http_errors.append(f"{response.status} {response.url}")

    @property
    def errors(self) -> list[str]:
        """Every error seen: page errors, console errors (a blocked request's too), failed
        requests to the local site."""
        return [
            *self.page_errors,
            *self.console_errors,
            *self.blocked_console_errors,
            *self.http_errors,
        ]

    def assert_no_errors(self) -> None:
        assert self.page_errors == [], "page errors"
        assert self.console_errors == [], "console errors"
        assert self.http_errors == [], "failed requests to the local site"


class Reader:
    """One browser context and tab on the site served at ``base_url``, watched. ``site`` is the
    built folder, for the checks that compare the page with its HTML file (the diagrams)."""

    def __init__(
        self,
        browser: Browser,
        base_url: str,
        viewport: ViewportSize = DESKTOP,
        site: Path | None = None,
        *,
        intercept: bool = True,
    ) -> None:
        """``intercept=False`` only records requests (those leaving localhost are still listed
        in :attr:`external`) instead of routing each one through Playwright, which aborts them.
        The Pagefind tests read that way: Pagefind fetches from a web worker, and on a loaded
        machine a worker's fetch routed through Playwright now and then reached Pagefind broken
        ("invalid gzip data", "Failed to load Pagefind metadata") while the files were whole."""
        self.base_url = base_url
        self.site = site
        self.watch = Watch()
        self.context = browser.new_context(viewport=viewport, service_workers="block")
        self.context.set_default_timeout(TIMEOUT_MS)
        self.context.add_init_script(RECORD_SHADOW_ROOTS)
        if intercept:
            self.context.route("**/*", self.watch.route)
        self.context.on("request", self.watch.request)
        self.context.on("requestfailed", self.watch.request_failed)
        self.page = self.watch.watch(self.context.new_page())

    @property
    def external(self) -> list[str]:
        """Requests that would have left localhost (aborted)."""
        return self.watch.external

    @property
    def requests(self) -> list[str]:
        """Every request's URL, in order."""
        return self.watch.requests

    @property
    def errors(self) -> list[str]:
        return self.watch.errors

    def close(self) -> None:
        self.context.close()

    def url(self, path: str) -> str:
        return self.base_url + path

    def open(self, path: str) -> None:
        self.page.goto(self.url(path))
        self.check_diagrams()

    def path(self) -> str:
        """The path of the page shown, without its leading ``/``."""
        return urlsplit(self.page.url).path.lstrip("/")

    def expect_page(self, path: str, heading: str) -> None:
        """The tab shows `path` (query and fragment aside) with `heading` as its title."""
        from playwright.sync_api import expect

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
        assert self.site is not None, "the reader was not given the built site"
        html = self.site / self.path() / "index.html"
        return html.read_text("utf-8").count('class="mermaid"')

    def check_diagrams(self) -> None:
        """Every Mermaid container on the page rendered an svg, none says "Syntax error"."""
        self.page.wait_for_load_state("load")
        expected = self.expected_diagrams()
        # Mermaid is fetched when a diagram nears the screen: scroll to it as a reader does,
        # and back once it is drawn.
        scrolled = self.page.evaluate(SCROLL_TO_DIAGRAM) if expected else None
        try:
            self.page.wait_for_function(DIAGRAMS_DONE, arg=expected, timeout=20_000)
        except Exception as exc:  # report what is on the page, not just a timeout
            state = self.page.evaluate(DIAGRAMS)
            raise AssertionError(f"{self.page.url}: diagrams not rendered: {state}") from exc
        if scrolled is not None:
            self.page.evaluate("(y) => window.scrollTo(0, y)", scrolled)
        state = self.page.evaluate(DIAGRAMS)
        containers = state["containers"]
        where = self.page.url
        assert len(containers) == expected, f"{where}: {expected} diagrams in HTML, {containers}"
        assert all(c["tag"] == "div" and c["svg"] >= 1 for c in containers), (where, containers)
        assert not any(c["syntaxError"] for c in containers), (where, containers)
        assert not state["pageSyntaxError"], f"{where}: 'Syntax error' on the page"

    def search_and_open(self, query: str, target: str) -> list[str]:
        """Type `query` into Material's own search box and click the result for page `target`.

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

    def search(self, query: str) -> list[str]:
        """Type ``query`` into the header's search box answered by Pagefind (plugin option
        ``search: pagefind``); the result links shown, in order."""
        page = self.page
        box = page.locator("input.md-search__input")
        viewport = page.viewport_size
        if not box.is_visible() or (viewport is not None and viewport["width"] < 600):
            # Phone: the box opens from the magnifier in the header.
            page.locator("label.md-header__button[for='__search']").click()
        else:
            box.click()
        box.fill("")
        box.press_sequentially(query, delay=15)
        status = page.locator(".pohon-search__status")
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        # The status says "N hasil" (or "Tidak ada hasil") once the answer is rendered.
        try:
            status.filter(has_text="hasil").wait_for(timeout=2 * TIMEOUT_MS)
        except PlaywrightTimeoutError:
            raise AssertionError(self._search_report(query, status.inner_text())) from None
        links = page.locator(".md-search-result__list > li > a.md-search-result__link")
        if "Tidak ada" not in status.inner_text():
            links.first.wait_for()
        found: list[str] = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        return found

    def _search_report(self, query: str, status: str) -> str:
        """Why a search gave no answer: what the box says and what the browser saw."""
        pagefind = [url for url in self.requests if "/pagefind/" in url]
        return "\n".join(
            [
                f"no answer to the search {query!r}; the box says {status!r}",
                f"warnings: {self.watch.warnings}",
                f"errors: {self.errors}",
                f"failed requests: {self.watch.failed_requests}",
                f"{len(pagefind)} Pagefind requests, the last: {pagefind[-8:]}",
            ]
        )

    def click_result(self, href: str) -> None:
        """Click the search result linking to ``href`` and wait for its page."""
        link = self.page.locator(f'.md-search-result__link[href="{href}"]')
        link.click()
        self.page.wait_for_url(lambda url: urlsplit(url).path == href)
        self.page.wait_for_load_state("load")


def _hrefs(locator: Locator) -> list[str]:
    """All result links in one evaluation (Material re-renders the list while results arrive)."""
    hrefs: list[str] = locator.evaluate_all("links => links.map(a => a.href)")
    return hrefs
