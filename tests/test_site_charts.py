"""Capaian at a glance in a real strict build of the mini fixture: the indicator page's chart,
the OPD page's band bar and sparklines, the home page's IKU small multiples; numbers as text;
hostile names only as text; the text printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.sites import MINI, SiteConfig, article, build_site


@pytest.fixture
def site(built_mini_site: Path) -> Path:
    """The mini fixture built once for the session (tests/conftest.py)."""
    return built_mini_site


def _figures(html: str, kind: str) -> list[str]:
    return re.findall(rf'<figure class="pohon-chart {kind}">.*?</figure>', html, re.S)


def _sr_text(figure: str) -> str:
    found = re.search(r'<p class="pohon-sr">(.*?)</p>', figure, re.S)
    assert found, figure
    return found.group(1)


def test_indicator_page_has_a_trend_chart_with_its_numbers_as_text(site: Path) -> None:
    page = article(site, "indikator/dinkes-ss-1-aki/index.html")
    (figure,) = _figures(page, "pohon-trend")
    assert "<figcaption>Target dan realisasi (per 100.000 KH)</figcaption>" in figure
    svg = re.search(r"<svg [^>]*>", figure)
    assert svg and 'role="img"' in svg.group(0)
    assert 'aria-label="Target dan realisasi: Angka Kematian Ibu"' in svg.group(0)
    text = _sr_text(figure)
    assert "Kondisi Awal 2024: 110." in text
    assert "2025: target 100, realisasi 95, capaian 105,26 % (sangat baik)." in text
    assert "2026: target 90." in text
    assert 'class="pohon-b pohon-b-sangat_baik"' in figure  # the bar, coloured by its band
    assert 'class="pohon-base"' in figure  # the baseline's mark
    assert ">95</text>" in figure  # the realised value in the picture
    assert "<script" not in figure and "http" not in figure  # nothing run, nothing fetched
    assert len(figure.encode()) < 2500  # light


def test_indicator_page_decimal_comma(site: Path) -> None:
    page = article(site, "indikator/dinkes-sp-1-k4/index.html")
    (figure,) = _figures(page, "pohon-trend")
    assert "realisasi 91,5, capaian 101,67 % (sangat baik)" in _sr_text(figure)


def test_opd_page_has_the_band_bar_and_sparklines(site: Path) -> None:
    page = article(site, "opd/dinkes/index.html")
    (figure,) = _figures(page, "pohon-bandbar")
    svg = re.search(r"<svg [^>]*>", figure)
    assert svg and 'role="img"' in svg.group(0)
    assert "Banyaknya indikator per predikat capaian 2025: sangat baik 3" in svg.group(0)
    assert '<li class="pohon-b-sangat_baik">sangat baik: 3</li>' in figure
    sparks = re.search(r'<ul class="pohon-sparks".*?</ul>', page, re.S)
    assert sparks, "no sparklines"
    items = re.findall(r"<li>.*?</li>", sparks.group(0), re.S)
    assert len(items) == 1  # Dinkes has one IKU in the mini fixture
    (item,) = items
    assert '<svg class="pohon-spark"' in item and 'role="img"' in item
    assert "Angka Kematian Ibu</a>" in item
    assert "2025: 105,26 % · sangat baik" in item
    assert 'aria-label="Kondisi Awal' not in item  # a sparkline leaves the baseline out
    assert "realisasi 95" in item


def test_home_has_the_iku_small_multiples(site: Path) -> None:
    page = article(site, "index.html")
    grid = re.search(r'<div class="pohon-multiples".*?</div>', page, re.S)
    assert grid, "no small multiples"
    figures = _figures(grid.group(0), "pohon-small")
    assert len(figures) == 1  # the regional IKU of the mini fixture: Angka Kematian Bayi
    (figure,) = figures
    assert "Angka Kematian Bayi</a>" in figure
    assert 'role="img" aria-label="Target dan realisasi: Angka Kematian Bayi"' in figure
    assert "2025: target 8,5. 2026: target 8." in _sr_text(figure)
    assert "belum ada realisasi" in figure
    assert page.index("pohon-multiples") > page.index('id="iku-daerah"')


def test_print_shows_the_numbers_of_a_chart() -> None:
    css = (Path(__file__).parents[1] / "mkdocs_pohon_plugin/assets/pohon.css").read_text()
    screen = re.search(r"^\.pohon-sr \{([^}]*)\}", css, re.M)
    assert screen and "position: absolute" in screen.group(1)
    prints = css[css.index("/* charts") :]
    printed = re.search(r"@media print \{.*?\.pohon-sr \{([^}]*)\}", prints, re.S)
    assert printed and "position: static" in printed.group(1) and "clip: auto" in printed.group(1)


def _hostile_site(tmp_path: Path) -> Path:
    trees = tmp_path / "source"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text(encoding="utf-8")
    hostile = '\'<script>alert("x")</script> & "kutip" <b>tebal</b>\''
    text = text.replace("nama: Angka Kematian Ibu", f"nama: {hostile}", 1)
    text = text.replace("satuan: per 100.000 KH", "satuan: '<i>kasus</i>'", 1)
    dinkes.write_text(text, encoding="utf-8")
    return build_site(tmp_path / "site", trees, SiteConfig())


def test_hostile_names_are_only_text(tmp_path: Path) -> None:
    built = _hostile_site(tmp_path)
    for path, region in (
        (
            "indikator/dinkes-ss-1-aki/index.html",
            r'<figure class="pohon-chart pohon-trend">.*?</figure>',
        ),
        ("opd/dinkes/index.html", r'<ul class="pohon-sparks".*?</ul>'),
        ("index.html", r'<div class="pohon-multiples".*?</div>'),
    ):
        page = article(built, path)
        assert "<script>alert" not in page and "<b>tebal" not in page and "<i>kasus" not in page
        found = re.search(region, page, re.S)
        if path != "index.html":  # the regional IKU is not the hostile one
            assert (
                found
                and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#34;kutip&#34;"
                in found.group(0)
            )
    chart = _figures(article(built, "indikator/dinkes-ss-1-aki/index.html"), "pohon-trend")[0]
    assert 'aria-label="Target dan realisasi: &lt;script&gt;alert(&#34;x&#34;)' in chart
    assert "(&lt;i&gt;kasus&lt;/i&gt;)</figcaption>" in chart


def test_qualitative_indicator_gets_a_note_not_a_chart(tmp_path: Path) -> None:
    trees = tmp_path / "source"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text(encoding="utf-8")
    text = text.replace(
        "target: {2025: 85, 2026: 90}",
        'kualitatif: true\n        target: {2025: "Predikat A", 2026: 3}',
        1,
    )
    dinkes.write_text(text, encoding="utf-8")
    built = build_site(tmp_path / "site", trees, SiteConfig())
    page = article(built, "indikator/dinkes-sk-1-i1/index.html")
    assert not _figures(page, "pohon-trend")
    assert "Indikator kualitatif (nilainya teks): tidak digambarkan dalam grafik." in page


def test_english_words(tmp_path: Path) -> None:
    built = build_site(tmp_path, MINI, SiteConfig().with_options(language="en"))
    (figure,) = _figures(article(built, "indikator/dinkes-sp-1-k4/index.html"), "pohon-trend")
    assert "Target and realisation" in figure
    assert "realisation 91.5, achievement 101.67 % (very good)" in _sr_text(figure)
