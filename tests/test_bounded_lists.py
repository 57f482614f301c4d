"""Bounded listing pages (issue 19 item 2, issue 16's DOMContentLoaded target): the
all-indicators index, the IKU index and the code index of a regency past ``index_inline_limit``
rows are split into one page per agency (and one for the regional tree), each at most the limit,
with a finder on the index that reads a data file.

A small synthetic regency is built with a low limit (so the site stays small): the index pages
hold no rows but a line per group; every indicator, every IKU and every coded node is reached
from its index in two links; the data files list every row with a URL that exists; no page links to a missing
page; in Debian's chromium the finder finds an indicator of an agency and a code through the data
file, fetched from 127.0.0.1 only; axe-core finds no serious violation on the new pages. Under the
limit (the mini fixture with the default limit) an index stays one page without a data file.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urlsplit

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.listings import (
    DEFAULT_INDEX_LIMIT,
    build_listing,
    listing_data,
)
from mkdocs_pohon_plugin.core.site.pages import plan_site
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency
from tests.browsing import DESKTOP, PHONE, Reader, require
from tests.sites import MINI, SiteConfig, article, build_site, mermaid_if_installed, write_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

LIMIT = 5
"""Rows on one listing page in the test site: every agency's indicators and codes take several
pages, and so do the regional tree's IKU (the test regency has 12 IKU: 6 regional, 2 an agency)."""

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("regency") / "trees"
    params = SyntheticParams(
        opd=3,
        nodes=40,
        indicators=80,
        crosscutting=0.1,
        seed=7,
        misi=2,
        tujuan_per_misi=1,
        sasaran_per_tujuan=2,
    )
    generate_regency(root, params)
    return root


@pytest.fixture(scope="module")
def result(trees: Path) -> CheckResult:
    checked = check_trees(trees)
    assert not checked.errors
    return checked


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, trees: Path) -> Path:
    config = SiteConfig(font=False, search_plugin=True).with_options(
        index_inline_limit=LIMIT, search="material", history=False, **mermaid_if_installed()
    )
    return build_site(tmp_path_factory.mktemp("split"), trees, config)


def _page(site: Path, url: str) -> Path:
    """The file a site-relative URL is served from."""
    target = site / url
    return target / "index.html" if url.endswith("/") or not url else target


def _links(site: Path, url: str) -> list[str]:
    """The site-relative URLs of the pages the article of page ``url`` links to."""
    found = []
    for href in HREF.findall(article(site, str(_page(site, url).relative_to(site)))):
        target, _fragment = urldefrag(href)
        if not target or urlsplit(target).scheme:
            continue
        joined = posixpath.normpath(posixpath.join(url or ".", target))
        found.append("" if joined == "." else joined + ("/" if target.endswith("/") else ""))
    return found


def _kind(site: Path, url: str) -> str:
    match = re.search(r'data-pohon-kind="([a-z_]+)"', _page(site, url).read_text("utf-8"))
    assert match, url
    return match.group(1)


def _rows(site: Path, url: str) -> int:
    body = article(site, str(_page(site, url).relative_to(site)))
    return body.count("<tr>") - body.count("<thead><tr>")


def test_a_listing_is_cut_into_pages_of_the_limit(result: CheckResult) -> None:
    site = result.site
    indicators = [i for n in site.nodes.values() for i in n.indicators]

    def owner(indicator: object) -> str | None:
        node = result.graph.indicator_node(indicator)  # type: ignore[arg-type]
        return node.opd_id if node is not None else None

    listing = build_listing("indikator", indicators, owner, site, LIMIT)
    assert listing.split
    assert [g.opd.id if g.opd else None for g in listing.groups] == [None, *site.opds]
    assert sum(len(g.rows) for g in listing.groups) == len(indicators)
    for group in listing.groups:
        assert [row for part in group.parts for row in part.rows] == group.rows
        assert all(1 <= len(part.rows) <= LIMIT for part in group.parts)
        assert [(p.first, p.last) for p in group.parts][0] == (1, min(LIMIT, len(group.rows)))
        assert group.parts[-1].last == len(group.rows)
    first = listing.groups[1].parts
    assert first[0].path == f"indeks/indikator/opd/{first[0].opd.id}/index.md"  # type: ignore[union-attr]
    assert first[1].path == f"indeks/indikator/opd/{first[0].opd.id}/2.md"  # type: ignore[union-attr]
    assert listing.groups[0].parts[0].path == "indeks/indikator/daerah/index.md"
    whole = build_listing("indikator", indicators, owner, site, len(indicators))
    assert not whole.split and whole.parts == []
    with pytest.raises(ValueError, match="at least one row"):
        build_listing("indikator", indicators, owner, site, 0)
    data = json.loads(listing_data(listing, False, "Pemerintah Daerah"))
    assert data["groups"][0] == [
        "Pemerintah Daerah",
        "Pemerintah Daerah",
        "indeks/indikator/daerah/index.html",
    ]
    assert data["rows"][0][3].startswith("indikator/") and data["rows"][0][3].endswith(".html")


def test_the_indexes_hold_no_rows_but_a_line_per_group(site: Path, result: CheckResult) -> None:
    nodes = result.site.nodes.values()
    for url, kind, part_kind in (
        ("indeks/indikator/", "index_indicators", "index_indicators_part"),
        ("indeks/iku/", "index_iku", "index_iku_part"),
        ("indeks/kode/", "index_codes", "index_codes_part"),
    ):
        assert _kind(site, url) == kind
        body = article(site, url + "index.html")
        assert 'class="pohon-finder"' in body and " hidden " in body  # shown by pohon.js
        assert not re.search(r'href="[./]*(indikator|node)/[^"]+"', body), url
        groups = [link for link in _links(site, url) if "/opd/" in link or "/daerah/" in link]
        assert {link.split("/")[3] for link in groups if "/opd/" in link} <= set(result.site.opds)
        # a line for the regional tree (when it has rows) and for each agency
        if url == "indeks/kode/":
            owners = {n.opd_id for n in nodes if n.code}
        elif url == "indeks/iku/":
            owners = {n.opd_id for n in nodes if any(i.is_iku for i in n.indicators)}
        else:
            owners = {n.opd_id for n in nodes if n.indicators}
        assert _rows(site, url) == len(owners)
        for link in set(groups):
            assert _kind(site, link) == part_kind
            assert 1 <= _rows(site, link) <= LIMIT, link


def test_a_group_page_lights_its_index_in_the_navigation(site: Path) -> None:
    for index in ("indikator", "iku", "kode"):
        url = f"indeks/{index}/opd/dinkes/"
        html = (site / url / "index.html").read_text("utf-8")
        lit = re.findall(
            r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]*)"', html
        )
        assert [posixpath.normpath(posixpath.join(url, href)) for href in lit] == [
            f"indeks/{index}"
        ]


def _reached(site: Path, start: str) -> set[str]:
    """The pages reached from ``start`` in two links (within the articles)."""
    first = set(_links(site, start))
    pages = {link for link in first if link.endswith("/")}
    return first | {link for page in pages for link in _links(site, page)}


def test_every_indicator_and_code_is_two_links_from_its_index(
    site: Path, result: CheckResult
) -> None:
    nodes = result.site.nodes.values()
    indicators = {f"indikator/{i.id}/" for n in nodes for i in n.indicators}
    iku = {f"indikator/{i.id}/" for n in nodes for i in n.indicators if i.is_iku}
    coded = {f"node/{n.id}/" for n in nodes if n.code}
    assert len(indicators) > 3 * LIMIT and len(coded) > LIMIT and len(iku) > 2 * LIMIT
    assert indicators <= _reached(site, "indeks/indikator/")
    assert coded <= _reached(site, "indeks/kode/")
    reached = _reached(site, "indeks/iku/")
    assert iku <= reached
    # the IKU index's group pages list the IKU only
    assert not {link for link in reached if link.startswith("indikator/")} - iku


def test_the_iku_index_is_split_into_regional_and_agency_pages(
    site: Path, result: CheckResult
) -> None:
    nodes = result.site.nodes.values()
    regional = [i for n in nodes if n.opd_id is None for i in n.indicators if i.is_iku]
    assert len(regional) > LIMIT  # the regional IKU take two pages
    groups = list(dict.fromkeys(_links(site, "indeks/iku/")))  # each group page once, in order
    assert groups[:2] == ["indeks/iku/daerah/", "indeks/iku/daerah/2/"]
    assert groups[2:] == [f"indeks/iku/opd/{opd}/" for opd in result.site.opds]
    first = article(site, "indeks/iku/daerah/index.html")
    second = article(site, "indeks/iku/daerah/2/index.html")
    assert [f"indikator/{i.id}/" in first for i in regional] == [True] * LIMIT + [False] * (
        len(regional) - LIMIT
    )
    assert all(f"indikator/{i.id}/" in second for i in regional[LIMIT:])
    assert 'aria-current="page"' in second


def test_the_data_files_list_every_row_with_a_working_url(site: Path, result: CheckResult) -> None:
    nodes = result.site.nodes.values()
    data = json.loads((site / "indeks/data/indikator.json").read_text("utf-8"))
    assert data["version"] == 1 and data["listing"] == "indikator"
    assert sorted(row[0] for row in data["rows"]) == sorted(
        i.id for n in nodes for i in n.indicators
    )
    codes = json.loads((site / "indeks/data/kode.json").read_text("utf-8"))
    assert sorted(row[0] for row in codes["rows"]) == sorted(n.code for n in nodes if n.code)
    iku = json.loads((site / "indeks/data/iku.json").read_text("utf-8"))
    assert iku["listing"] == "iku" and iku["groups"][0][2] == "indeks/iku/daerah/"
    assert sorted(row[0] for row in iku["rows"]) == sorted(
        i.id for n in nodes for i in n.indicators if i.is_iku
    )
    for listing in (data, iku, codes):
        labels = {group[0] for group in listing["groups"]}
        assert {opd.label for opd in result.site.opds.values()} <= labels
        for group in listing["groups"]:
            assert _page(site, group[2]).is_file(), group
        for key, text, group, url in listing["rows"]:
            assert 0 <= group < len(listing["groups"]) and text, key
            assert _page(site, url).is_file(), url
    by_id = {row[0]: row for row in data["rows"]}
    some = next(i for n in nodes if n.opd_id for i in n.indicators)
    assert by_id[some.id][3] == f"indikator/{some.id}/"


def test_no_page_links_to_a_missing_page(site: Path) -> None:
    missing = []
    for html in site.rglob("*.html"):
        url = html.relative_to(site).as_posix()
        if url.startswith(("assets/", "search/", "pagefind/")) or url == "404.html":
            continue
        url = url.removesuffix("index.html")
        for link in _links(site, url):
            target = site / link
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.append(f"{url} → {link}")
    assert not missing, missing[:10]


def test_the_group_pages_are_left_out_of_the_search(site: Path) -> None:
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    located = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "indeks/indikator/" in located
    assert "indeks/iku/" in located
    groups = ("indeks/indikator/opd/", "indeks/iku/opd/", "indeks/iku/daerah/", "indeks/kode/opd/")
    assert not any(loc.startswith(groups) for loc in located)


def test_under_the_limit_an_index_stays_one_page(built_mini_site: Path) -> None:
    result = check_trees(MINI)
    indicators = [i for n in result.site.nodes.values() for i in n.indicators]
    assert len(indicators) <= DEFAULT_INDEX_LIMIT
    body = article(built_mini_site, "indeks/indikator/index.html")
    for indicator in indicators:
        assert f'href="../../indikator/{indicator.id}/"' in body
    assert "pohon-finder" not in body
    assert not (built_mini_site / "indeks/indikator/opd").exists()
    assert not (built_mini_site / "indeks/data").exists()
    iku = [indicator for indicator in indicators if indicator.is_iku]
    body = article(built_mini_site, "indeks/iku/index.html")
    assert iku and all(f'href="../../indikator/{i.id}/"' in body for i in iku)
    assert "pohon-finder" not in body and not (built_mini_site / "indeks/iku/opd").exists()
    plan = plan_site(result)
    assert not [p for p in plan.pages if p.kind.endswith("_part")]


def test_the_limit_must_be_positive(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    write_site(tmp_path, MINI, SiteConfig().with_options(index_inline_limit=0))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        mkdocs_build(load_config(str(tmp_path / "mkdocs.yml")))
    assert "index_inline_limit harus berupa jumlah baris yang positif (tertulis 0)" in caplog.text


# -- in a browser ------------------------------------------------------------------------------


def test_the_finder_finds_an_indicator_of_an_agency(phone: Reader, result: CheckResult) -> None:
    opd = list(result.site.opds.values())[-1]
    node = next(n for n in result.site.nodes.values() if n.opd_id == opd.id and n.indicators)
    indicator = node.indicators[-1]
    page = phone.page
    phone.open("indeks/indikator/")
    finder = page.locator(".pohon-finder")
    assert finder.is_visible()
    assert not any(r.endswith("/indeks/data/indikator.json") for r in phone.requests)
    box = finder.locator("input")
    box.fill(f"{indicator.id} {opd.label.lower()}")
    result_link = finder.locator(".pohon-finder__results a").first
    result_link.wait_for()
    assert result_link.inner_text().strip() == " ".join(indicator.name.split())
    assert any(r.endswith("/indeks/data/indikator.json") for r in phone.requests)
    assert finder.locator(".pohon-finder__status").inner_text().strip() != ""
    result_link.click()
    page.wait_for_url(f"**/indikator/{indicator.id}/")
    phone.open("indeks/indikator/")
    page.locator(".pohon-finder input").fill("zzzz tidak ada yang begini")
    page.wait_for_function(
        "() => document.querySelector('.pohon-finder__status').textContent.includes('Tidak ada')"
    )
    assert page.locator(".pohon-finder__results li").count() == 0
    assert phone.external == []
    phone.watch.assert_no_errors()


def test_the_finder_finds_a_code(phone: Reader, result: CheckResult) -> None:
    node = max((n for n in result.site.nodes.values() if n.code), key=lambda n: n.code or "")
    page = phone.page
    phone.open("indeks/kode/")
    page.locator(".pohon-finder input").fill(node.code or "")
    links = page.locator(".pohon-finder__results a")
    links.first.wait_for()
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert f"../../node/{node.id}/" in hrefs
    assert phone.external == []
    phone.watch.assert_no_errors()


def test_the_finder_finds_an_iku(phone: Reader, result: CheckResult) -> None:
    iku = [i for n in result.site.nodes.values() if n.opd_id for i in n.indicators if i.is_iku]
    other = next(i for n in result.site.nodes.values() for i in n.indicators if not i.is_iku)
    page = phone.page
    phone.open("indeks/iku/")
    box = page.locator(".pohon-finder input")
    box.fill(iku[-1].id)
    links = page.locator(".pohon-finder__results a")
    links.first.wait_for()
    assert f"../../indikator/{iku[-1].id}/" in links.first.get_attribute("href")
    assert any(r.endswith("/indeks/data/iku.json") for r in phone.requests)
    box.fill(other.id)  # an indicator that is not an IKU is not in this listing
    page.wait_for_function(
        "() => document.querySelector('.pohon-finder__status').textContent.includes('Tidak ada')"
    )
    assert phone.external == []
    phone.watch.assert_no_errors()


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_new_pages_are_accessible(
    browser: Browser, base_url: str, result: CheckResult, width: str
) -> None:
    """axe-core on a split index and a group page (the page kinds this change adds), as
    tests/test_a11y.py checks the demo's other kinds."""
    from tests.test_a11y import AXE_JS, NUMBERS_OUTSIDE, show, violations

    require(AXE_JS)
    opd = next(iter(result.site.opds))
    reader = Reader(browser, base_url, viewport=PHONE if width == "phone" else DESKTOP)
    problems = []
    try:
        for url in (
            "indeks/indikator/",
            f"indeks/indikator/opd/{opd}/",
            f"indeks/kode/opd/{opd}/2/",
            "indeks/iku/",
            "indeks/iku/daerah/2/",
        ):
            show(reader.page, reader.url(url))
            if width == "phone":
                state = reader.page.evaluate(NUMBERS_OUTSIDE)
                if state["count"] or state["pageWidth"] > state["width"]:
                    problems.append(f"{url}: {state}")
            # Material's own search dialog has no name; the demo's Pagefind box names it (this
            # site keeps Material's search, whose index the exclusion test reads)
            found = violations(reader.page, AXE_JS)
            problems += [f"{url}: {v}" for v in found if "aria-dialog-name" not in v]
        external = reader.external
    finally:
        reader.close()
    assert not problems, "\n".join(problems)
    assert not external, external
