"""The 404 page in a real browser, on a site served under a sub-path.

The mini fixture's site (``site_url: https://example.org/pohon/``) is served as
``http://127.0.0.1:PORT/pohon/``; a missing page deep under it (``/pohon/tidak/ada/``) is answered
with the site's 404.html, as a web server configured for it does. Its stylesheets and scripts must
load from the sub-path, and its ways out (Beranda, Perangkat Daerah, search) must work. (Requests
that would leave the machine, Google Fonts and Mermaid's CDN copy of the usual test site, are
aborted by the reader and are not this test's business.) Skipped only when chromium
is missing outside CI.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browsing import PHONE, Reader

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Response, Route

MISSING = "pohon/tidak/ada/"


@pytest.fixture(scope="module")
def sub_path_url(
    built_mini_site: Path, serve: Callable[[Path], str], tmp_path_factory: pytest.TempPathFactory
) -> str:
    """The base URL of a server that has the mini site at ``/pohon/``."""
    root = tmp_path_factory.mktemp("sub-path")
    (root / "pohon").symlink_to(built_mini_site, target_is_directory=True)
    return serve(root)


def test_not_found_page_works_under_a_sub_path(
    browser: Browser, built_mini_site: Path, sub_path_url: str
) -> None:
    from playwright.sync_api import expect

    body = (built_mini_site / "404.html").read_text(encoding="utf-8")
    reader = Reader(browser, sub_path_url, viewport=PHONE)
    page = reader.page
    missing = reader.url(MISSING)
    failed: list[str] = []

    def answer(route: Route) -> None:
        route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8")

    def response(answered: Response) -> None:
        if answered.status >= 400 and answered.url != missing:
            failed.append(f"{answered.status} {answered.url}")

    try:
        page.route(missing, answer)
        page.on("response", response)
        page.goto(missing)
        page.wait_for_load_state("load")
        expect(page.locator("article h1")).to_have_text("404 - Halaman tidak ditemukan")
        sheets = page.evaluate("Array.from(document.styleSheets, (s) => s.href || '')")
        assert any(href.endswith("/pohon/assets/pohon/pohon.css") for href in sheets), sheets
        # Material's stylesheet applies: the header is a coloured bar, not unstyled text
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert header in {"sticky", "fixed"}, header
        assert not failed, failed

        page.get_by_role("button", name="Cari di situs ini").click()
        expect(page.locator(".md-search__input")).to_be_focused()
        page.keyboard.press("Escape")

        page.locator("article").get_by_role("link", name="Perangkat Daerah", exact=True).click()
        page.wait_for_url(reader.url("pohon/opd/"))
        expect(page.locator("article h1")).to_have_text("Daftar Perangkat Daerah")

        page.goto(missing)
        page.locator("article").get_by_role("link", name="Beranda", exact=True).click()
        page.wait_for_url(reader.url("pohon/"))
        assert not failed, failed
    finally:
        reader.close()
