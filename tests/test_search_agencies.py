"""A reader searches for an agency, or mistypes a word: Pagefind over the demo regency, for real.

The demo (trees/, 9 agencies) built with ``search: pagefind``; the queries are typed into the
header's search box (assets/pohon-search.js, with its ranking options) in Debian's chromium:

- an agency's name ("Dinas Kesehatan"), short name ("Bappeda") or abbreviation ("dinkes") finds
  the agency's page first (its name weighs most on its page: ``opd.html.j2``);
- a typo ("stuntimg") finds no Perjanjian Kinerja and no page through an official's degree
  ("S.T."): officials' names, degrees and NIP and the PK's boilerplate are not indexed
  (read back from the bundle's fragments too);
- no result says what to try instead, in the site's language.

The browser tests are skipped only when ``/usr/bin/chromium`` is missing outside CI.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browsing import DESKTOP, PHONE, Reader, require
from tests.sites import DEMO, MERMAID_JS, MINI, SiteConfig, build_site, mermaid_if_installed

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SITE = SiteConfig(repo=False, font=False, permalink=True).with_options(
    history=False, search="pagefind", **mermaid_if_installed()
)


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("demo-search"), DEMO, SITE)


@pytest.fixture(scope="module")
def fragments(demo_site: Path) -> dict[str, str]:
    """The text Pagefind holds of each page, by URL (its gzipped JSON fragments); the metadata of
    each page under ``meta:`` + its URL."""
    pages = {}
    for path in (demo_site / "pagefind").glob("**/fragment/*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw[len(b"pagefind_dcd") :])
        pages[data["url"]] = data["content"]
        pages["meta:" + data["url"]] = json.dumps(data["meta"], ensure_ascii=False)
    return pages


def test_officials_and_agreement_boilerplate_are_not_indexed(fragments: dict[str, str]) -> None:
    bappeda_ss = fragments["/node/bappeda-ss-perencanaan/"]
    assert "Hendro" not in bappeda_ss and "197502142000121002" not in bappeda_ss
    assert "Meningkatnya" in bappeda_ss or "meningkatnya" in bappeda_ss.lower()
    pk = fragments["/opd/bappeda/pk-2025/"]
    assert "Perjanjian Kinerja" in pk and "Badan Perencanaan Pembangunan Daerah" in pk
    for boilerplate in ("Hendro", "S.T.", "bertanda tangan", "Pihak Pertama", "Lampiran"):
        assert boilerplate not in pk, boilerplate
    everywhere = "\n".join(v for k, v in fragments.items() if not k.startswith("meta:"))
    assert "Hendro Wibisono" not in everywhere
    # The agency's page holds its name and short name, and its names as metadata.
    assert "Dinas Kesehatan (Dinkes)" in fragments["/opd/dinkes/"]
    assert json.loads(fragments["meta:/opd/dinkes/"])["alias"] == "Dinas Kesehatan Dinkes"


@pytest.fixture(scope="module")
def demo_url(demo_site: Path, serve: Callable[[Path], str], browser: Browser) -> str:
    require(MERMAID_JS)
    return serve(demo_site)


@pytest.fixture(scope="module")
def ranked(browser: Browser, demo_url: str) -> Callable[[str], list[str]]:
    reader = Reader(browser, demo_url, DESKTOP, intercept=False)
    reader.page.goto(demo_url + "tentang/")

    def ranked(query: str) -> list[str]:
        """The result links the header's box shows for ``query``, in rank order."""
        return reader.search(query)

    yield ranked  # type: ignore[misc]  # a generator fixture
    assert reader.errors == [] and reader.external == []
    reader.close()


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("Dinas Kesehatan", "/opd/dinkes/"),
        ("dinkes", "/opd/dinkes/"),
        ("Dinkes", "/opd/dinkes/"),
        ("Bappeda", "/opd/bappeda/"),
        ("Badan Perencanaan Pembangunan Daerah", "/opd/bappeda/"),
        ("DP3A", "/opd/dp3a/"),
        ("Dinas Sosial", "/opd/dinsos/"),
    ],
)
def test_an_agency_is_found_first(
    ranked: Callable[[str], list[str]], query: str, page: str
) -> None:
    found = ranked(query)
    assert found and found[0] == page, found


def test_a_typo_finds_no_agreement_and_no_degree(
    ranked: Callable[[str], list[str]], fragments: dict[str, str]
) -> None:
    found = ranked("stuntimg")
    assert not any("/pk-" in url for url in found), found
    for url in found:  # whatever a prefix of the typo finds, it is not an official's degree
        assert "S.T." not in fragments[url], url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_box_opens_the_agency_and_says_what_to_try(
    browser: Browser, demo_url: str, viewport
) -> None:
    reader = Reader(browser, demo_url, viewport, intercept=False)
    try:
        reader.page.goto(demo_url + "tentang/")
        hrefs = reader.search("dinkes")
        assert hrefs[0] == "/opd/dinkes/", hrefs[:5]
        first = reader.page.locator(".md-search-result__link").first
        assert first.locator("h1").inner_text() == "Dinas Kesehatan (Dinkes)"
        reader.page.keyboard.press("Escape")  # closed, as a reader leaves it (on a phone too)
        assert reader.search("xqzvutsrq") == []
        status = reader.page.locator(".pohon-search__status").inner_text()
        assert status == (
            "Tidak ada hasil untuk \u201cxqzvutsrq\u201d \u2014 coba kata lain, nama OPD atau kode."
        )
        assert reader.errors == [] and reader.external == []
    finally:
        reader.close()


def test_the_empty_answer_in_english(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, SITE.with_options(language="en"))
    html = (site / "index.html").read_text("utf-8")
    assert "No results for \\u201c#\\u201d \\u2014 try other words" in html or (
        "No results for “#” — try other words, an agency&#39;s name or a code." in html
    ), "the English hint is in the search box's words"
