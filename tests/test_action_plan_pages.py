"""The quarters on an indicator's page and an agency's "Rencana Aksi <year>" pages, built from the
mini fixture with quarterly targets, realisations and planned steps added to Dinkes (one site
build for the module)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site import RenderOptions, site_outputs
from tests.browsing import PHONE, Reader
from tests.sites import MINI, SiteConfig, article, build_site, mermaid_if_installed

if TYPE_CHECKING:
    pass

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> [tautan](http://x) %%{init}%%'

_K4 = """\
        realisasi: {2025: 91.5}
        realisasi_triwulan:
          2025: {tw1: 24, tw2: 45, tw3: 68, tw4: 91.5}
        target_triwulan:
          2025: {tw1: 22.5, tw2: 45, tw3: 67.5, tw4: 90}
          2026: {tw1: 23, tw2: 46, tw3: 69, tw4: 92}
        rencana_aksi:
          2026:
            tw1: Pendataan ibu hamil per desa
            tw2: Kelas ibu hamil di setiap Puskesmas
"""
_AKI = f"""\
        realisasi: {{2025: 95}}
        realisasi_triwulan:
          2025: {{tw1: 30, tw2: 40}}
        target_triwulan:
          2025: {{tw1: 25, tw2: 50, tw3: 75, tw4: 100}}
        rencana_aksi:
          2025:
            tw1: {HOSTILE!r}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("renaksi")
    trees = root / "trees-src"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text(encoding="utf-8")
    text = text.replace("        realisasi: {2025: 91.5}\n", _K4, 1)
    text = text.replace("        realisasi: {2025: 95}\n", _AKI, 1)
    dinkes.write_text(text, encoding="utf-8")
    # Mermaid served from the site (when installed) so that the browser test sees diagrams drawn
    return build_site(root, trees, SiteConfig().with_options(**mermaid_if_installed()))


@pytest.fixture(scope="module")
def english(site: Path) -> dict[str, str]:
    """The generated Markdown pages of the same trees in English (no MkDocs build)."""
    result = check_trees(site.parent / "trees")
    outputs = site_outputs(result, RenderOptions(language="en"))
    return {o.path: str(o.content) for o in outputs if o.page is not None}


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_pages_only_for_years_and_agencies_with_plans(site: Path) -> None:
    plans = sorted(p.parent.name for p in site.glob("opd/*/rencana-aksi-*/index.html"))
    assert plans == ["rencana-aksi-2025", "rencana-aksi-2026"]
    assert (site / "opd/dinkes/rencana-aksi-2025/index.html").is_file()
    assert not list(site.glob("opd/dinsos/rencana-aksi-*"))
    opd = article(site, "opd/dinkes/index.html")
    assert 'href="../../opd/dinkes/rencana-aksi-2025/"' in opd
    assert 'href="../../opd/dinkes/rencana-aksi-2026/"' in opd
    assert "Rencana Aksi" not in article(site, "opd/dinsos/index.html")


def test_the_2025_plan_groups_quarters_with_capaian(site: Path) -> None:
    page = article(site, "opd/dinkes/rencana-aksi-2025/index.html")
    words = _text(page)
    assert "Rencana Aksi 2025" in words
    # grouped by level, in the agency's order: the strategic target before the program
    assert words.index("Sasaran Strategis") < words.index("Sasaran Program")
    # AKI (lower is better): TW II target 50, realisation 40 -> 125 %; TW I 25 / 30 -> 83,33 %
    assert "TW I 2025 25 30 83,33 % baik" in words
    assert "TW II 2025 50 40 125,00 % sangat baik" in words
    assert "TW III 2025 75 – – –" in words
    # K4 (higher is better, cumulative): TW I 24 / 22,5 -> 106,67 %; TW IV 91,5 / 90
    assert "TW I 2025 22,5 24 106,67 % sangat baik" in words
    assert "TW IV 2025 90 91,5 101,67 % sangat baik" in words
    assert "kumulatif" in words
    # stacked per quarter on a phone: each cell labelled by its column
    assert 'class="pohon-table pohon-stack"' in page
    assert 'data-label="Capaian"' in page


def test_the_2026_plan_lists_only_indicators_planned_that_year(site: Path) -> None:
    words = _text(article(site, "opd/dinkes/rencana-aksi-2026/index.html"))
    assert "Cakupan K4" in words and "Angka Kematian Ibu" not in words
    assert "TW II 2026 46 – – – Kelas ibu hamil di setiap Puskesmas" in words
    assert "Pendataan ibu hamil per desa" in words


def test_hostile_planned_step_is_text(site: Path) -> None:
    for path in ("opd/dinkes/rencana-aksi-2025/index.html", "indikator/dinkes-ss-1-aki/index.html"):
        page = article(site, path)
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page, path
        assert '<a href="http://x"' not in page, path


def test_indicator_page_shows_the_quarters_beside_the_year(site: Path) -> None:
    page = article(site, "indikator/dinkes-sp-1-k4/index.html")
    words = _text(page)
    assert "Target, Realisasi dan Capaian Triwulan" in words
    assert "Target tahun 2025: 90 %" in words
    assert "TW I 2025 22,5 24 106,67 % sangat baik" in words
    assert "TW I 2026 23 – – – Pendataan ibu hamil per desa" in words
    assert 'href="../../opd/dinkes/rencana-aksi-2026/"' in page
    # the yearly table stays: its 2025 row, and TW IV 2025 (cumulative) with the same figures
    assert words.count("2025 90 91,5 101,67 % sangat baik") == 2


def test_english_words(english: dict[str, str]) -> None:
    page = english["opd/dinkes/rencana-aksi-2025.md"]
    words = _text(page)
    assert "Action Plan 2025" in words
    assert "Q2 2025 50 40 125.00 % very good" in words
    assert "cumulative (Q4 = year)" in words
    assert "TW II" not in words


# --- in the browser: stacked per quarter on a phone, a table on a desktop -----------------------


def test_read_the_plan_and_go_to_an_indicator_and_back(reader: Reader) -> None:
    reader.open("opd/dinkes/rencana-aksi-2025/")
    page = reader.page
    phone = page.viewport_size == PHONE
    row = page.locator("article .pohon-stack tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == ("block" if phone else "table-row")
    # nothing wider than the screen: the quarters fit without scrolling sideways
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")
    label = row.locator("td[data-label]").first
    before = label.evaluate("c => getComputedStyle(c, '::before').content")
    assert ("Target" in before) == phone, before
    reader.follow("Angka Kematian Ibu", "indikator/dinkes-ss-1-aki/", "Angka Kematian Ibu")
    reader.follow(
        "Rencana Aksi 2025 — Dinkes", "opd/dinkes/rencana-aksi-2025/", "Rencana Aksi 2025"
    )
    reader.watch.assert_no_errors()
