"""Real MkDocs builds (strict) of the mini fixture and of a hostile variant, asserting on HTML."""

from __future__ import annotations

import json
import logging
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.sites import MINI, SiteConfig, article, build, build_site, page_html, write_site


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


@pytest.fixture
def site(built_mini_site: Path) -> Path:
    """The mini fixture built once for the session (tests/conftest.py)."""
    return built_mini_site


def test_page_counts_per_kind(site: Path) -> None:
    def count(folder: str) -> int:
        return len(list((site / folder).glob("*/index.html")))

    assert count("node") == 10
    assert count("indikator") == 10
    assert count("opd") == 2
    # levels + cascading + a Perjanjian Kinerja per OPD and year + Mutu Pohon per OPD
    assert len(list((site / "opd").glob("*/*/index.html"))) == 6 + 2 + 2 * 2 + 2
    assert count("indeks") == 6  # IKU, indicators, crosscutting, cascading, codes, Mutu Pohon
    assert (site / "unduh" / "index.html").is_file()
    assert (site / "index.html").is_file() and (site / "opd" / "index.html").is_file()
    assert (site / "unduh" / "pohon.json").is_file()
    assert (site / "unduh" / "indikator.csv").read_text("utf-8").count("\n") == 11
    assert (site / "unduh" / "matriks-cascading.xlsx").read_bytes()[:2] == b"PK"


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    clicks = 0
    for page in site.rglob("*.html"):
        if page.name == "404.html":  # absolute links, by design
            continue
        html = page.read_text(encoding="utf-8")
        parser = _Links()
        parser.feed(html)
        # Diagram boxes link through Mermaid's `click ... href "..."`, checked the same way.
        diagram_links = re.findall(r'click n\d+ href "([^"]*)"', html)
        clicks += len(diagram_links)
        for href in parser.hrefs + diagram_links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert broken == []
    assert clicks > 100


def test_nav_holds_only_home_and_opd_pages(site: Path) -> None:
    home = page_html(site, "index.html")
    nav = home[home.index('<nav class="md-nav md-nav--primary"') :]
    nav = nav[: nav.index("md-sidebar--secondary")]
    assert 'href="opd/dinkes/"' in nav and 'href="opd/dinsos/"' in nav
    assert 'href="node/' not in nav and 'href="indikator/' not in nav
    assert "tentang/" in nav  # the site's own pages stay in the nav


def test_crosscutting_on_both_ends(site: Path) -> None:
    sender = article(site, "node/dinkes-sp-1/index.html")
    receiver = article(site, "node/dinsos-sp-1/index.html")
    sent = sender[sender.index("Crosscutting (dikirim)") : sender.index("Crosscutting (diterima)")]
    # Links go up to the site root and down again (the same HTML from every page).
    assert 'href="../../node/dinsos-sp-1/"' in sent and "disetujui" in sent
    received = receiver[receiver.index("Crosscutting (diterima)") :]
    assert 'href="../../node/dinkes-sp-1/"' in received.split("Diagram")[0]


def test_lineage_on_the_indicator_page(site: Path) -> None:
    page = article(site, "indikator/dinkes-sp-1-k4/index.html")
    down = page[page.index("Didukung oleh indikator") :]
    down = down[: down.index("<h2")]
    for target in ("dinkes-sk-1-i1", "dinkes-ssk-1-i1", "dinsos-sp-1-i1"):
        assert f'href="../../indikator/{target}/"' in down


def test_edit_link_points_at_the_yaml_line(site: Path) -> None:
    page = page_html(site, "node/dinkes-sp-1/index.html")
    assert 'href="https://example.org/repo/edit/main/trees/opd/dinkes.yaml#L22"' in page
    indicator = page_html(site, "indikator/ipm/index.html")
    assert 'href="https://example.org/repo/edit/main/trees/pemda.yaml#L12"' in indicator
    user_page = page_html(site, "tentang/index.html")
    assert 'href="https://example.org/repo/edit/main/docs/tentang.md"' in user_page


def test_diagrams_are_rendered_blocks_excluded_from_search(tmp_path: Path) -> None:
    """With Material's own search (``search: material``) the generated pages are indexed by it,
    without the diagrams' Mermaid source."""
    site = build_site(tmp_path, MINI, SiteConfig().with_options(search="material"))
    page = page_html(site, "node/dinkes-sp-1/index.html")
    assert '<pre class="mermaid"><code>%%{init: {"flowchart"' in page
    index = json.loads(page_html(site, "search/search_index.json"))
    assert not any("flowchart" in doc["text"] or "classDef" in doc["text"] for doc in index["docs"])
    assert any("Cakupan K4" in doc["title"] for doc in index["docs"])


HOSTILE = '<script>alert("x")</script> | *bold* [link](javascript:alert(1)) `--> end` %%{init}%%'


def test_hostile_statement_shows_as_text(tmp_path: Path) -> None:
    trees = tmp_path / "input"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    text = text.replace("Meningkatnya cakupan pelayanan kesehatan ibu hamil", quoted, 1)
    dinkes.write_text(text, "utf-8")
    site = build_site(tmp_path / "out", trees)
    for path in ("node/dinkes-sp-1/index.html", "node/dinkes-sk-1/index.html"):
        page = page_html(site, path)
        assert "<script>alert" not in page
        assert "javascript:alert" not in page.replace("javascript:alert(1))", "")
        assert 'href="javascript' not in page
    page = page_html(site, "node/dinkes-sp-1/index.html")
    assert "&lt;script&gt;alert(" in page
    assert "<em>bold</em>" not in page and "*bold*" in page


def test_errors_stop_the_build_with_a_summary(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    trees = tmp_path / "input"
    shutil.copytree(MINI, trees)
    dinsos = trees / "opd" / "dinsos.yaml"
    dinsos.write_text(dinsos.read_text("utf-8").replace("induk: dinsos-ss-1", "induk: hilang"))
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)):
        build_site(tmp_path / "out", trees)
    summary = [r.getMessage() for r in caplog.records if "yang pertama:" in r.getMessage()]
    assert len(summary) == 1 and "rujukan-hilang" in summary[0] and "Traceback" not in summary[0]


def test_english_site(tmp_path: Path) -> None:
    site = build_site(tmp_path, MINI, SiteConfig().with_options(language="en"))
    assert "Performance Indicators" in page_html(site, "node/dinkes-sp-1/index.html")


def test_indicator_index_is_a_sortable_table_served_locally(site: Path) -> None:
    html = page_html(site, "indeks/indikator/index.html")
    assert 'class="pohon-sortable"' in html and "<table" in html
    assert (site / "assets" / "pohon" / "pohon.js").is_file()
    assert 'src="../../assets/pohon/pohon.js"' in html
    assert "cdn" not in (site / "assets" / "pohon" / "pohon.js").read_text("utf-8").lower()


def test_custom_templates_override_built_in_ones(tmp_path: Path) -> None:
    """A site's copy of a template wins over the built-in one; the others stay built in."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "node.html.j2").write_text(
        "{{ h.heading(1, page.title) }}\n<p>Templat situs sendiri: {{ node.id }} "
        "({{ L.responsible }})</p>\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path, MINI, SiteConfig().with_options(custom_templates=templates))
    node = article(site, "node/dinkes-sp-1/index.html")
    assert "Templat situs sendiri: dinkes-sp-1" in node
    assert "Templat situs sendiri" not in page_html(site, "indikator/dinkes-sp-1-k4/index.html")


def _content_links(site: Path) -> dict[str, list[str]]:
    """Every page's links inside the page content (``<div class="pohon-page">``), by page."""
    links: dict[str, list[str]] = {}
    for page in sorted(site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        start = html.find('<div class="pohon-page"')
        if start < 0:
            continue
        parser = _Links()
        parser.feed(html[start : html.index("</article>", start)])
        # heading permalinks (#…) follow each site's toc settings; everything else must match
        links[page.relative_to(site).as_posix()] = [h for h in parser.hrefs if h[0] != "#"]
    return links


def test_bare_mkdocs_builds_the_same_pages_from_pohon_generate(site: Path, tmp_path: Path) -> None:
    """The benchmark's baseline is fair: ``pohon generate`` written out as Markdown and built by
    bare MkDocs + Material gives the same pages with the same content links as the plugin."""
    from mkdocs_pohon_plugin.cli import main

    docs = tmp_path / "docs"
    assert main(["generate", str(docs), "--trees", str(MINI)]) == 0
    write_site(tmp_path, None, SiteConfig(pohon=None))
    bare = build(tmp_path, strict=False)
    ours, theirs = _content_links(site), _content_links(bare)
    assert len(ours) > 30
    assert ours.keys() == theirs.keys()
    for page, hrefs in ours.items():
        assert hrefs == theirs[page], page
