"""Fixtures shared by the test modules.

- ``built_mini_site``: the mini fixture built once (strict MkDocs, the usual test site of
  :mod:`tests.sites`), for the tests that only read its pages;
- ``serve``: serves a built site folder on 127.0.0.1 (:mod:`tests.served`) for the session;
- ``chromium``, ``browser``: Debian's chromium, and the same driven by Playwright
  (:mod:`tests.browsing`), skipped when missing outside CI and failed in CI;
- ``mermaid_js``: Mermaid from npm, for sites that must render diagrams offline (missing: a failure).

Helpers that are not fixtures live in modules: :mod:`tests.sites` (writing and building a test
site), :mod:`tests.browsing` (the Playwright reader), :mod:`tests.served`, :mod:`tests.treebuilder`
and :mod:`tests.corpus`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Every check and build in the tests runs "on" 15 January 2026 (the reproducible-builds date that
# MkDocs and Pohon's logic rules read): no realisation is due yet for the fixtures' 2025-based
# periods, and the results do not change with the day the tests run. Built sites inherit it.
os.environ["SOURCE_DATE_EPOCH"] = "1768435200"

# The helper modules' asserts report as the tests' own do (before the modules are imported).
pytest.register_assert_rewrite("tests.browsing", "tests.corpus", "tests.fuzzing", "tests.sites")

from tests.browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, Reader, require  # noqa: E402
from tests.served import served  # noqa: E402
from tests.sites import MERMAID_JS, MINI, build_site  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser


@pytest.fixture(scope="session")
def built_mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini fixture built with the usual test site's ``mkdocs.yml``: ``site/`` (read only)."""
    return build_site(tmp_path_factory.mktemp("mini"), MINI)


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """``serve(site)`` serves the folder ``site`` on a free local port until the session ends and
    gives its base URL (``http://127.0.0.1:PORT/``); the same folder twice, the same server."""
    with ExitStack() as servers:
        urls: dict[Path, str] = {}

        def serve(site: Path) -> str:
            if site not in urls:
                urls[site] = servers.enter_context(served(site))
            return urls[site]

        yield serve


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's ``/usr/bin/chromium``."""
    require(CHROMIUM)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[Browser]:
    """Chromium driven by Playwright, headless, for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def mermaid_js() -> Path:
    """Mermaid from npm (``node_modules/mermaid/dist/mermaid.min.js``)."""
    if not MERMAID_JS.is_file():
        pytest.fail(f"{MERMAID_JS} missing: run `bash scripts/setup_browser.sh` (npm ci)")
    return MERMAID_JS


@pytest.fixture(scope="module")
def base_url(site: Path, serve: Callable[[Path], str]) -> str:
    """The address of the module's built ``site`` (a fixture each browser test module defines),
    served on 127.0.0.1."""
    return serve(site)


@pytest.fixture
def phone(browser: Browser, base_url: str, site: Path) -> Iterator[Reader]:
    """A reader on a phone-sized viewport (390 px) of the module's ``site``."""
    reader = Reader(browser, base_url, PHONE, site)
    try:
        yield reader
    finally:
        reader.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def reader(
    request: pytest.FixtureRequest, browser: Browser, base_url: str, site: Path
) -> Iterator[Reader]:
    """A reader of the module's ``site``, once on a desk (1366 px) and once on a phone (390 px):
    a test that takes it runs twice. A module that needs another reader defines its own
    ``reader`` (``test_browser.py``: the desk only; ``test_browser_hostile.py``: with a trap)."""
    reader = Reader(browser, base_url, request.param, site)
    try:
        yield reader
    finally:
        reader.close()
