"""A real strict build of the mini fixture: a Perjanjian Kinerja page per OPD and year, the OPD
capaian summary, and the cascading workbook download linked from the OPD and cascading pages."""

from __future__ import annotations

import io
import logging
import re
import sys
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site import RenderOptions, site_outputs
from tests.sites import MINI, article, build_site


@pytest.fixture
def site(built_mini_site: Path) -> Path:
    """The mini fixture built once for the session (tests/conftest.py)."""
    return built_mini_site


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_pk_page_per_opd_and_year(site: Path) -> None:
    result = check_trees(MINI)
    years = list(result.site.years)
    assert years == [2025, 2026]
    for opd_id in result.site.opds:
        pages = sorted(p.parent.name for p in (site / "opd" / opd_id).glob("pk-*/index.html"))
        assert pages == [f"pk-{year}" for year in years]
    page = article(site, "opd/dinkes/pk-2025/index.html")
    text = _text(page)
    assert "Perjanjian Kinerja Tahun 2025" in text
    assert "Pihak Pertama" in text and "Pihak Kedua" in text
    assert "Bupati Contoh" in text and "Kepala Dinas Kesehatan" in text
    # the annex: the sasaran strategis with its indicator and the target of that year
    annex = text[text.index("Lampiran") :]
    assert "Meningkatnya pelayanan kesehatan ibu Angka Kematian Ibu per 100.000 KH 100" in annex
    # programs with the budget of that year, and the total
    assert "1.02.02" in annex and "Rp1.500.000.000" in annex
    assert "Rp1.600.000.000" in _text(article(site, "opd/dinkes/pk-2026/index.html"))
    assert 'class="pohon-signatures"' in page and page.count("pohon-signatures") == 2


def test_opd_page_links_pk_pages_and_the_workbook(site: Path) -> None:
    page = article(site, "opd/dinkes/index.html")
    assert 'href="../../opd/dinkes/pk-2025/"' in page and 'href="../../opd/dinkes/pk-2026/"' in page
    assert 'href="../../unduh/matriks-cascading.xlsx"' in page
    cascading = article(site, "opd/dinkes/cascading/index.html")
    assert 'href="../../../unduh/matriks-cascading.xlsx"' in cascading
    data = (site / "unduh" / "matriks-cascading.xlsx").read_bytes()
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert "dinkes" in wb.sheetnames and "dinsos" in wb.sheetnames


def test_opd_capaian_summary_counts(site: Path) -> None:
    # Dinkes in 2025: AKI 100/95 (minimal) = 105 %, K4 91,5/90 = 101,7 %, ibu hamil 4280/4300 =
    # 99,5 %: three "sangat baik"; the ANC indicator has no realisation.
    text = _text(article(site, "opd/dinkes/index.html"))
    summary = text[text.index("Ringkasan Capaian 2025") : text.index("IKU")]
    expected = {
        "sangat baik": 3,
        "baik": 0,
        "cukup": 0,
        "kurang": 0,
        "sangat kurang": 0,
        "belum ada realisasi": 1,
        "tidak dihitung": 0,
    }
    found = dict(
        re.findall(
            r"(sangat baik|baik|cukup|sangat kurang|kurang|belum ada realisasi|tidak dihitung)"
            r" (\d+)",
            summary,
        )
    )
    assert {k: int(v) for k, v in found.items()} == expected
    # Dinsos has no realisation at all
    dinsos = _text(article(site, "opd/dinsos/index.html"))
    assert "Ringkasan Capaian Belum ada realisasi." in dinsos


def test_without_openpyxl_the_download_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import fails, find_spec raises
    from mkdocs_pohon_plugin.core.site import exports

    monkeypatch.setattr(exports.importlib.util, "find_spec", lambda name: None)
    outputs = {o.path: o for o in site_outputs(check_trees(MINI), RenderOptions())}
    assert "unduh/matriks-cascading.xlsx" not in outputs
    assert "matriks-cascading.xlsx" not in outputs["opd/dinkes/index.md"].content
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pohon"):
        site = build_site(tmp_path, MINI)
    assert not (site / "unduh" / "matriks-cascading.xlsx").exists()
    assert any("openpyxl tidak terpasang" in r.getMessage() for r in caplog.records)


def test_a_level_named_like_a_pk_page_does_not_collide() -> None:
    from mkdocs_pohon_plugin.core.site import paths

    assert paths.pk_page("dinkes", 2025) == "opd/dinkes/pk-2025.md"
    assert paths.opd_level_page("dinkes", "pk-2025") == "opd/dinkes/tingkat-pk-2025.md"
    assert paths.opd_level_page("dinkes", "pk-awal") == "opd/dinkes/pk-awal.md"
