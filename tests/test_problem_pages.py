"""The Akar Masalah pages of a built site: the theme index, a theme's page (diagram, flagged
root causes, links to the nodes that address them), the node pages, and hostile text in a cause."""

from __future__ import annotations

import html as html_lib
import re
import shutil
from pathlib import Path

import pytest

from tests.sites import MINI, article, build_site, page_html

HOSTILE = '<script>alert(1)</script> "]] --> x; click c0 href "javascript:alert(2)" %%'
PROBLEMS = f"""\
masalah:
  - id: gizi
    tema: Gizi Buruk
    masalah_pokok: Tingginya kematian ibu dan gizi buruk
    data: AKI 120 per 100.000 (uji 2024)
    penyebab:
      - id: gizi-akses
        uraian: Rendahnya akses layanan ibu hamil
        penyebab:
          - id: gizi-anc
            uraian: Kunjungan ANC belum lengkap
            data: K6 71% (uji 2024)
          - id: gizi-hostile
            uraian: {HOSTILE!r}
      - id: gizi-sosial
        uraian: Keluarga miskin belum terlindungi
"""
# gizi-anc: addressed by a Dinkes sub kegiatan; gizi-sosial by a Dinsos program; gizi-akses
# (not a root cause) by the Dinkes program; gizi-hostile by nobody.


def write_problem_trees(trees: Path) -> Path:
    """The mini fixture with the problem tree :data:`PROBLEMS` and three nodes addressing it,
    written to ``trees``."""
    shutil.copytree(MINI, trees)
    pemda = trees / "pemda.yaml"
    pemda.write_text(pemda.read_text("utf-8").replace("node:\n", PROBLEMS + "node:\n", 1))
    for name, node, ids in (
        ("dinkes", "dinkes-ssk-1", "[gizi-anc]"),
        ("dinkes", "dinkes-sp-1", "[gizi-akses]"),
        ("dinsos", "dinsos-sp-1", "[gizi-sosial]"),
    ):
        path = trees / "opd" / f"{name}.yaml"
        text = path.read_text("utf-8")
        start = text.index(f"  - id: {node}\n")
        at = text.index("    pernyataan:", start)
        end = text.index("\n", at) + 1
        path.write_text(text[:end] + f"    menangani: {ids}\n" + text[end:], "utf-8")
    return trees


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    trees = write_problem_trees(tmp_path_factory.mktemp("akar") / "trees")
    return build_site(tmp_path_factory.mktemp("akar-site"), trees)


def test_the_theme_page_shows_the_tree_the_gap_and_who_works_on_what(site: Path) -> None:
    page = article(site, "masalah/gizi/index.html")
    assert "Akar Masalah: Gizi Buruk" in page
    assert "Tingginya kematian ibu dan gizi buruk" in page and "AKI 120 per 100.000" in page
    assert "3 akar masalah: 2 ditangani, 1 belum ditangani." in page
    # the diagram: core problem on top, a box per cause, the unaddressed one flagged in words
    source = html_lib.unescape(re.search(r'<pre class="mermaid"><code>(.*?)</code>', page, re.S)[1])
    assert source.splitlines()[1] == "flowchart TB"
    assert 'p0["Tingginya kematian ibu dan gizi buruk<br/><small>Masalah pokok</small>"]' in source
    assert "p0 --- c0" in source and "p0 --- c3" in source
    # the root causes of one cause stacked in a column joined to it by one line
    assert '    subgraph g0 [" "]\n        direction TB\n        c1["' in source
    assert "        c1 ~~~ c2\n    end\n    c0 --- g0\n" in source
    assert "class c2 gap" in source and "class c1 root" in source and "class c0 cause" in source
    assert "⚠ belum ditangani" in source
    assert 'click c1 href "#penyebab-gizi-anc"' in source
    # the flagged list and the table rows
    gaps = page[
        page.index("admonition warning") : page.index("</div>", page.index("admonition warning"))
    ]
    assert 'href="#penyebab-gizi-hostile"' in gaps and "gizi-anc" not in gaps
    assert 'id="penyebab-gizi-anc"' in page
    assert 'href="../../node/dinkes-ssk-1/"' in page and "Dinkes" in page
    assert 'href="../../node/dinsos-sp-1/"' in page
    # a node addressing a mid-level cause is shown with it, and counts for no root cause
    row = page[page.index('id="penyebab-gizi-akses"') :]
    row = row[: row.index("</tr>")]
    assert 'href="../../node/dinkes-sp-1/"' in row and "tidak dihitung" in row


def test_hostile_text_in_a_cause_is_only_text(site: Path) -> None:
    page = page_html(site, "masalah/gizi/index.html")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the table shows it as text
    source = html_lib.unescape(re.search(r'<pre class="mermaid"><code>(.*?)</code>', page, re.S)[1])
    hostile_box = next(line for line in source.splitlines() if line.strip().startswith("c2["))
    # inside Mermaid: entity-escaped, one label, no new statement, no link of its own
    assert "<script>" not in hostile_box and "-->" not in hostile_box and "%%" not in hostile_box
    assert hostile_box.count('"') == 2
    assert "javascript:" not in "".join(x for x in source.splitlines() if "click" in x)


def test_the_index_and_the_navigation_list_the_themes(site: Path) -> None:
    index = article(site, "indeks/masalah/index.html")
    assert (
        'href="../../masalah/gizi/"' in index and "Tingginya kematian ibu dan gizi buruk" in index
    )
    assert "⚠ 1" in index
    home = page_html(site, "index.html")
    assert "Akar Masalah" in home and 'href="indeks/masalah/"' in home


def test_node_pages_name_the_causes_they_address(site: Path) -> None:
    page = article(site, "node/dinkes-ssk-1/index.html")
    assert "Menangani akar masalah" in page
    assert 'href="../../masalah/gizi/#penyebab-gizi-anc"' in page
    assert "Kunjungan ANC belum lengkap</a> (Gizi Buruk)" in page
    other = article(site, "node/dinkes-sk-1/index.html")
    assert "Menangani akar masalah" not in other
