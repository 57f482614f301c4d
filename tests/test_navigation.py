"""Finding one's way: the navigation made from the page-kind registry, the agency a page belongs
to lit in it, the compact breadcrumb, the owner of each child, and a table of contents of plain
words with readable anchors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site.pages import SitePlan, nav_entries, plan_site, site_nav
from mkdocs_pohon_plugin.core.site.render import Renderer, TocEntry
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from tests.sites import DEMO, MINI, SiteConfig, article, build, build_site, page_html, write_site


@pytest.fixture(scope="module")
def mini() -> CheckResult:
    return check_trees(MINI)


@pytest.fixture(scope="module")
def mini_plan(mini: CheckResult) -> SitePlan:
    return plan_site(mini)


def test_the_navigation_has_the_regencys_sections(mini_plan: SitePlan) -> None:
    nav = site_nav(mini_plan.pages)
    assert [next(iter(entry)) for entry in nav] == [
        "Beranda",
        "Perangkat Daerah",
        "Indeks",
        "Unduh Data",
    ]
    assert nav[0] == {"Beranda": "index.md"}
    assert nav[1]["Perangkat Daerah"] == [
        {"Daftar Perangkat Daerah": "opd/index.md"},  # first: the section's index page
        {"Dinkes": "opd/dinkes/index.md"},
        {"Dinas Sosial": "opd/dinsos/index.md"},
    ]
    assert nav[2]["Indeks"] == [
        {"IKU": "indeks/iku.md"},
        {"Semua Indikator": "indeks/indikator.md"},
        {"Crosscutting": "indeks/crosscutting.md"},
        {"Matriks Cascading": "indeks/cascading.md"},
        {"Kode": "indeks/kode.md"},
        {"Mutu Pohon": "indeks/mutu.md"},
    ]
    assert nav[3] == {"Unduh Data": "unduh/index.md"}
    english = site_nav(plan_site(check_trees(MINI), "en").pages, "en")
    assert [next(iter(entry)) for entry in english] == [
        "Home",
        "Agencies",
        "Indexes",
        "Download data",
    ]


def test_many_agencies_and_a_preview_keep_the_navigation_short(mini: CheckResult) -> None:
    few = nav_entries(mini, opd_limit=1)
    assert few[1]["Perangkat Daerah"] == [{"Daftar Perangkat Daerah": "opd/index.md"}]
    preview = nav_entries(mini, only_opds=frozenset({"dinkes"}))
    # A preview builds no site-wide index: the navigation does not name them.
    assert [next(iter(entry)) for entry in preview] == ["Beranda", "Perangkat Daerah", "Unduh Data"]
    assert {"Dinkes": "opd/dinkes/index.md"} in preview[1]["Perangkat Daerah"]
    assert {"Dinas Sosial": "opd/dinsos/index.md"} not in preview[1]["Perangkat Daerah"]


def test_regional_nodes_are_numbered_as_in_the_rpjmd() -> None:
    """The demo's ids carry the RPJMD numbers (misi-2, tujuan-2-1, sasaran-2-1-3): the breadcrumb
    counts the same numbers from the trees' order."""
    demo = check_trees(DEMO)
    renderer = Renderer(plan_site(demo))
    checked = 0
    for node in demo.site.nodes.values():
        found = re.fullmatch(r"(misi|tujuan|sasaran)-([\d-]+)", node.id)
        if node.opd_id is None and found:
            assert renderer.number(node) == found.group(2).replace("-", "."), node.id
            checked += 1
    assert checked > 10
    assert renderer.number(demo.site.nodes["visi"]) is None  # the only visi: no number
    assert renderer.number(demo.site.nodes["dinkes-ss-kia"]) is None  # an agency's node


def _entries(toc: list[TocEntry]) -> list[TocEntry]:
    found = []
    for entry in toc:
        found.append(entry)
        found.extend(_entries(entry.children))
    return found


def test_the_table_of_contents_is_plain_words_with_readable_anchors(mini_plan: SitePlan) -> None:
    renderer = Renderer(mini_plan)
    for path in ("opd/dinkes/index.md", "node/dinkes-sp-1.md", "indikator/dinkes-sp-1-k4.md"):
        page = next(p for p in mini_plan.pages if p.path == path)
        rendered = renderer.render(page)
        entries = _entries(rendered.toc)
        assert entries, path
        for entry in entries:
            assert "<" not in entry.name and "href" not in entry.name and '/"' not in entry.name
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*(_\d+)?", entry.id), (path, entry.id)
            assert f'id="{entry.id}"' in rendered.html
        ids = [entry.id for entry in entries]
        assert len(ids) == len(set(ids)), path
        if path.startswith("opd/"):
            assert "sasaran-strategis" in ids
            assert "Sasaran Strategis" in [entry.name for entry in entries]
        if path.startswith("node/"):  # an indicator's heading is a link; its entry is its name
            assert "Cakupan K4" in [entry.name for entry in entries]
            assert "cakupan-k4" in ids


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = SiteConfig(permalink=True, features=("navigation.tabs", "navigation.indexes"))
    return build_site(tmp_path_factory.mktemp("nav"), MINI, config)


def _primary_nav(html: str) -> str:
    nav = html[html.index('<nav class="md-nav md-nav--primary') :]
    return nav[: nav.index("md-sidebar--secondary")]


def _active_links(html: str) -> list[str]:
    """The links of the navigation entries marked active (``md-nav__item--active``)."""
    nav = _primary_nav(html)
    return re.findall(r'<li class="md-nav__item md-nav__item--active">\s*<a href="([^"]*)"', nav)


def test_a_page_outside_the_navigation_lights_its_agency(site: Path) -> None:
    node = page_html(site, "node/dinkes-sp-1/index.html")
    assert _active_links(node) == ["../../opd/dinkes/"]
    assert re.search(r'md-tabs__item--active">\s*<a href="../../opd/"', node)
    indicator = page_html(site, "indikator/dinkes-sp-1-k4/index.html")
    assert _active_links(indicator) == ["../../opd/dinkes/"]
    assert _active_links(page_html(site, "opd/dinkes/pk-2025/index.html")) == ["../"]
    level = page_html(site, "opd/dinsos/sasaran_strategis/index.html")
    assert _active_links(level) == ["../"]
    assert _active_links(page_html(site, "opd/dinkes/cascading/index.html")) == ["../"]
    # The regional tree lights Beranda; a page in the navigation lights no other entry.
    regional = page_html(site, "node/misi-1/index.html")
    assert re.search(r'md-tabs__item--active">\s*<a href="../.."', regional)
    assert _active_links(regional) == ["../.."]
    assert _active_links(page_html(site, "indeks/iku/index.html")) == []
    # Lit for its own page only: the next page written shows nothing of it.
    assert _active_links(page_html(site, "tentang/index.html")) == []


def test_the_sites_own_pages_stay_after_ours(site: Path) -> None:
    nav = _primary_nav(page_html(site, "index.html"))
    at = {word: nav.index(word) for word in ("Perangkat Daerah", "Indeks", "Unduh Data", "Tentang")}
    assert at["Perangkat Daerah"] < at["Indeks"] < at["Unduh Data"] < at["Tentang"]


def test_the_breadcrumb_is_short_and_opens_the_whole_chain(site: Path) -> None:
    page = article(site, "node/dinkes-ssk-1/index.html")
    crumb = page[page.index('<nav class="pohon-breadcrumb"') :]
    crumb = crumb[: crumb.index("</nav>")]
    summary = re.sub(r"<[^>]+>", "", crumb[crumb.index("<summary>") : crumb.index("</summary>")])
    assert summary == "Visi › Misi › … › Dinkes › … › Sasaran Kegiatan › Sasaran Sub Kegiatan"
    full = crumb[crumb.index("<ol>") :]
    hrefs = re.findall(r'href="([^"]*)"', full)
    assert hrefs == [
        "../../node/visi/",
        "../../node/misi-1/",
        "../../node/tujuan-1/",
        "../../node/sasaran-1/",
        "../../opd/dinkes/",
        "../../node/dinkes-ss-1/",
        "../../node/dinkes-sp-1/",
        "../../node/dinkes-sk-1/",
    ]
    assert ">Dinas Kesehatan</a>" in full
    assert 'data-pagefind-ignore="all"' in crumb
    indicator = article(site, "indikator/dinkes-sp-1-k4/index.html")
    summary = indicator[indicator.index("<summary>") : indicator.index("</summary>")]
    assert re.sub(r"<[^>]+>", "", summary).endswith("› Sasaran Program › Indikator Kinerja")


def test_children_are_listed_with_their_agency(site: Path) -> None:
    page = article(site, "node/sasaran-1/index.html")
    below = page[page.index("Sasaran di bawahnya") :]
    below = below[: below.index("</ul>")]
    assert 'dinkes-ss-1/">' in below and "· Dinkes</span>" in below
    assert 'dinsos-ss-1/">' in below and "· Dinas Sosial</span>" in below


def test_the_downloads_and_cascading_pages(site: Path) -> None:
    downloads = article(site, "unduh/index.html")
    for href in ("pohon.json", "indikator.csv", "matriks-cascading.xlsx"):
        assert f'href="../unduh/{href}"' in downloads
    assert 'href="../opd/dinkes/cascading/"' in downloads
    assert 'href="../opd/dinsos/pk-2025/"' in downloads
    cascading = article(site, "indeks/cascading/index.html")
    assert 'href="../../opd/dinkes/cascading/"' in cascading
    assert 'href="../../opd/dinsos/cascading/"' in cascading


def _titles(nav: str) -> list[str]:
    """The titles of the navigation's entries, in order (pages and sections)."""
    return [
        " ".join(title.split())
        for title in re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    ]


def test_a_sites_own_nav_follows_ours(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, MINI, SiteConfig(repo=False))
    config_file.write_text(
        config_file.read_text("utf-8") + 'nav: [{"Tentang kami": "tentang.md"}]\n', "utf-8"
    )
    titles = _titles(_primary_nav(page_html(build(tmp_path), "tentang/index.html")))
    order = ["Beranda", "Perangkat Daerah", "Indeks", "Unduh Data", "Tentang kami"]
    assert [t for t in titles if t in order] == order


def test_a_sites_nav_naming_the_home_page_is_used_as_written(tmp_path: Path) -> None:
    config_file = write_site(tmp_path, MINI, SiteConfig(repo=False))
    nav = 'nav: [{"Mulai": "index.md"}, {"Tentang kami": "tentang.md"}]\n'
    config_file.write_text(config_file.read_text("utf-8") + nav, "utf-8")
    titles = _titles(_primary_nav(page_html(build(tmp_path), "tentang/index.html")))
    assert titles == ["Mulai", "Tentang kami"]
