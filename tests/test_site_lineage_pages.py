"""The indicator page's lineage and budget (issue 13), on a real MkDocs build of
``tests/fixtures/support_pages``: declared chains up and down, grouped by level and agency with
counts, the node-level lists under their own heading, support pages per agency past
``lineage_inline_limit``, the chain diagram and the pagu behind each indicator."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site.lineage import lineage
from mkdocs_pohon_plugin.core.site.lineage_groups import lineage_sections
from mkdocs_pohon_plugin.core.site.mermaid import indicator_chain
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from tests.sites import HERE, SiteConfig, article, build_site

FIXTURE = HERE / "fixtures" / "support_pages"
LIMIT = 8
"""Low enough that the visi's indicator (16 rows below it) gets support pages, high enough
that Cakupan K4 (6 rows) keeps all of them on its page."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = SiteConfig().with_options(lineage_inline_limit=LIMIT)
    return build_site(tmp_path_factory.mktemp("support"), FIXTURE, config)


@pytest.fixture(scope="module")
def result() -> CheckResult:
    return check_trees(FIXTURE)


def page(site: Path, path: str) -> str:
    return article(site, path + "/index.html")


def section(html: str, start: str, end: str) -> str:
    """The part of ``html`` from the heading with id ``start`` to the one with id ``end``."""
    begin = html.index(f'id="{start}"')
    return html[begin : html.index(f'id="{end}"', begin)]


def summaries(html: str) -> list[tuple[bool, str]]:
    """Each ``<details>``'s summary text, and whether it is open."""
    found = re.findall(r"<details[^>]*?( open)?>\s*<summary>(.*?)</summary>", html, re.S)
    return [(bool(is_open), re.sub(r"<[^>]+>", "", text)) for is_open, text in found]


def test_the_chain_up_is_declared_nearest_first_with_levels_and_agencies(site: Path) -> None:
    html = page(site, "indikator/dinkes-sp-1-k4")
    up = section(html, "mendukung-indikator-di-atasnya", "didukung-oleh-indikator-di-bawahnya")
    assert '<ol class="pohon-chain"' in up
    names = re.findall(r'href="[^"]*indikator/([\w-]+)/"', up)
    assert names == ["dinkes-ss-1-aki", "aki-daerah", "uhh", "ipm"]
    assert "— Sasaran Strategis: " in up and ">Dinkes</a>)" in up
    assert "— Visi: " in up and "(Pemerintah Daerah)" in up
    # an indicator of an ancestor node that the chain does not pass is never claimed
    assert "Angka Kematian Bayi" not in up and "Rata-rata Lama Sekolah" not in up
    assert "belum dinyatakan" not in up


def test_supported_by_is_grouped_by_level_then_agency_with_counts(site: Path) -> None:
    html = page(site, "indikator/dinkes-sp-1-k4")
    down = section(html, "didukung-oleh-indikator-di-bawahnya", "rantai-indikator")
    assert summaries(down) == [
        (True, "Sasaran Program · 1 indikator · Dinas Sosial"),  # one agency: no inner group
        (True, "Sasaran Kegiatan · 2 indikator, 2 OPD"),
        (True, "Dinkes · 1 indikator"),
        (True, "Dinas Sosial · 1 indikator"),
        (False, "Sasaran Sub Kegiatan · 3 indikator, 2 OPD"),  # deeper levels collapsed
        (True, "Dinkes · 2 indikator"),
        (True, "Dinas Sosial · 1 indikator"),
    ]
    # the crosscutting partner's row says so, with the link's status
    row = re.search(r"<li>[^\n]*dinsos-sp-1-i1/[^\n]*</li>", down)
    assert row is not None and "(melalui crosscutting, disetujui)" in row.group(0)
    # a row two hops away names the indicator it supports on the way
    row = re.search(r"<li><a [^>]*dinkes-ssk-1-i1/[^\n]*</li>", down)
    assert row is not None and "· mendukung <a" in row.group(0)
    assert "dinkes-sk-1-i1/" in row.group(0).split("· mendukung")[1]
    assert "dukungan/" not in html  # 6 rows: all on the page


def test_an_undeclared_indicator_says_so_and_lists_the_node_tree_under_its_own_heading(
    site: Path,
) -> None:
    html = page(site, "indikator/disdik-ss-1-i1")
    up = section(html, "mendukung-indikator-di-atasnya", "didukung-oleh-indikator-di-bawahnya")
    assert "belum menyatakan indikator di atas yang didukungnya" in up
    assert ">Melalui sasaran (belum dinyatakan per indikator)<" in up
    assert "bukan pernyataan bahwa indikator ini mendukungnya" in up
    assert "pohon-chain" not in up
    assert re.findall(r'href="[^"]*indikator/([\w-]+)/"', up) == ["aps", "rls", "uhh", "ipm"]
    down = section(html, "didukung-oleh-indikator-di-bawahnya", "anggaran-pendukung")
    assert "Belum ada indikator di bawahnya yang menyatakan mendukung" in down
    assert "Melalui sasaran di bawahnya (belum dinyatakan per indikator)" in down
    assert summaries(down)[0] == (True, "Sasaran Sub Kegiatan · 1 indikator · Disdik")


def test_past_the_threshold_deeper_groups_link_to_a_support_page_per_agency(site: Path) -> None:
    html = page(site, "indikator/ipm")
    down = section(html, "didukung-oleh-indikator-di-bawahnya", "rantai-indikator")
    levels = [text for _open, text in summaries(down) if "·" in text and "OPD" in text]
    assert "Sasaran Kegiatan · 2 indikator, 2 OPD" in levels
    # the top levels are written out; from Sasaran Kegiatan on (row 9 > 8) each agency links out
    assert "indikator/dinsos-ss-1-i1/" in down
    assert "indikator/dinkes-ssk-1-i1/" not in down
    for opd in ("dinkes", "dinsos", "disdik"):
        assert f'href="../../indikator/ipm/dukungan/{opd}/"' in down, opd
        assert (site / "indikator" / "ipm" / "dukungan" / opd / "index.html").is_file()
    assert "Daftar lengkap di halaman dukungan" in down
    support = page(site, "indikator/ipm/dukungan/dinkes")
    title = "Dukungan untuk Indeks Pembangunan Manusia — Dinkes"
    assert f"<title>{title}" in (site / "indikator/ipm/dukungan/dinkes/index.html").read_text()
    assert "Indikator yang mendukung" in support
    for indicator in ("dinkes-ss-1-aki", "dinkes-sp-1-k4", "dinkes-sk-1-i1", "dinkes-ssk-2-i1"):
        assert f"indikator/{indicator}/" in support
    assert "dinsos-" not in re.sub(r'href="[^"]*"', "", support)
    assert "Sasaran Sub Kegiatan · 2 indikator · Dinkes" in support
    # only indicators past the threshold get support pages; none is in the navigation
    assert not (site / "indikator" / "dinkes-sp-1-k4" / "dukungan").exists()
    assert "dukungan/" not in (site / "index.html").read_text().split("<article")[0]


def test_the_split_is_decided_once_for_plan_and_page(result: CheckResult) -> None:
    lin = lineage(result.graph, "ipm")
    sections = lineage_sections(result.site, lin, LIMIT)
    assert [opd.id for opd in sections.split] == ["dinkes", "dinsos", "disdik"]
    assert sections.total == 16
    assert lineage_sections(result.site, lin, 16).split == []


def test_the_budget_behind_an_indicator_per_year(site: Path) -> None:
    html = page(site, "indikator/dinkes-sp-1-k4")
    budget = section(html, "anggaran-pendukung", "diagram")
    assert "mengikuti keterkaitan indikator" in budget
    assert (
        '<td>2025</td><td class="pohon-num">Rp425.000.000</td><td>3 sub kegiatan, 2 OPD</td>'
        in budget
    )
    assert (
        '<td>2026</td><td class="pohon-num">Rp355.000.000</td><td>2 sub kegiatan, 2 OPD</td>'
        in budget
    )
    for node in ("dinkes-ssk-1", "dinkes-ssk-2", "dinsos-ssk-1"):
        assert f"node/{node}/" in budget
    assert "opd/dinsos/" in budget
    # not declared: the figure follows the node tree, and says so
    undeclared = page(site, "indikator/disdik-ss-1-i1")
    budget = section(undeclared, "anggaran-pendukung", "diagram")
    assert "angka ini mengikuti pohon sasaran" in budget
    assert "Rp300.000.000" in budget and "1 sub kegiatan, 1 OPD" in budget


def test_the_chain_diagram_is_bounded_and_clickable(site: Path, result: CheckResult) -> None:
    html = page(site, "indikator/dinkes-sp-1-k4")
    diagram = section(html, "rantai-indikator", "anggaran-pendukung")
    assert 'click i0 href "../ipm/"' in diagram
    assert "class i4 focus" in diagram  # ipm, uhh, aki-daerah, dinkes-ss-1-aki, then K4
    assert diagram.count("    click ") == 7  # 4 above, K4, 2 direct supporters
    assert "-.-&gt;" in diagram  # the crosscutting partner's edge is dotted
    chain = indicator_chain(
        result.graph,
        lineage(result.graph, "dinkes-sp-1-k4"),
        href=lambda i: i.id,
        more="lainnya",
        limit=3,
    )
    assert chain is not None
    source = chain.source
    assert chain.legend.focus and chain.legend.levels
    assert source.count("click ") == 3
    assert 'more["+4 lainnya"]' in source
    assert indicator_chain(result.graph, lineage(result.graph, "rls"), href=str, more="x") is None


def test_hostile_text_in_a_name_is_shown_as_text(site: Path) -> None:
    html = page(site, "indikator/dinkes-sk-1-i1")
    assert "<script>alert" not in html and "<b>hamil" not in html
    assert "&lt;b&gt;hamil&lt;/b&gt;" in html
    diagram = section(html, "rantai-indikator", "anggaran-pendukung")
    assert "#lt;b#gt;hamil#lt;/b#gt; #quot;#93;#58;#58;#58;x --#gt; #37;#37; end" in diagram
    budget = page(site, "indikator/dinkes-sp-1-k4")
    assert "Tersedianya kelas ibu &lt;script&gt;alert(1)&lt;/script&gt;" in budget


def test_every_link_of_the_lineage_pages_resolves(site: Path) -> None:
    """Rows, support-page links and chain diagram boxes (``click iN href``) lead to pages."""
    broken = []
    checked = 0
    for html_file in (site / "indikator").rglob("index.html"):
        html = article(site, html_file.relative_to(site).as_posix())
        hrefs = re.findall(r'href="([^"#:]+)"', html)
        hrefs += re.findall(r'click i\d+ href "([^"]*)"', html)
        for href in hrefs:
            target = (html_file.parent / href).resolve()
            if href.endswith("/") or target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.is_file():
                broken.append(f"{html_file.relative_to(site)} -> {href}")
    assert broken == []
    assert checked > 300
