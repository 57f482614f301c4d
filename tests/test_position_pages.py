"""A real strict build of the mini fixture with positions (jabatan): the position page, the PK of an
eselon II, III and IV position with the right parties, links from the agency, node and indicator
pages, and a hostile position name shown as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.sites import MINI, article, build_site

HOSTILE = "Kepala Seksi <script>alert('x')</script> & Gizi"
HOSTILE_YAML = "'" + HOSTILE.replace("'", "''") + "'"

POSITIONS = f"""\
  jabatan:
    - id: dinkes.kepala
      nama: Kepala Dinas Kesehatan
      eselon: II.b
      pejabat: {{nama: dr. Kepala Uji, nip: "197305122002122004"}}
    - id: dinkes.kabid
      nama: Kepala Bidang Kesehatan Masyarakat
      eselon: III.b
      atasan: dinkes.kepala
      pejabat: {{nama: dr. Kabid Uji, nip: "197910202006042011"}}
    - id: dinkes.kasi
      nama: {HOSTILE_YAML}
      eselon: IV.a
      atasan: dinkes.kabid
      pejabat: {{nama: Bu Kasi Uji, nip: "198305092008012015"}}
    - id: dinkes.bidan
      nama: Bidan Ahli Madya
      eselon: fungsional
      atasan: dinkes.kasi
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("positions")
    trees = root / "trees-src"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text(encoding="utf-8").replace("node:\n", POSITIONS + "node:\n", 1)
    for node_id, position in (
        ("dinkes-ss-1", "dinkes.kepala"),
        ("dinkes-sp-1", "dinkes.kabid"),
        ("dinkes-sk-1", "dinkes.kasi"),
        ("dinkes-ssk-1", "dinkes.kasi"),
    ):
        marker = f"  - id: {node_id}\n"
        text = text.replace(marker, marker + f"    jabatan: {position}\n", 1)
    # an indicator answered for by a position other than its node's
    text = text.replace(
        "      - id: dinkes-ssk-1-i1\n",
        "      - id: dinkes-ssk-1-i1\n        jabatan: dinkes.bidan\n",
        1,
    )
    dinkes.write_text(text, encoding="utf-8")
    return build_site(root / "build", trees)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_position_page(site: Path) -> None:
    page = article(site, "opd/dinkes/jabatan/dinkes.kabid/index.html")
    text = _text(page)
    assert "Kepala Bidang Kesehatan Masyarakat" in text and "III.b" in text
    assert "dr. Kabid Uji (NIP 197910202006042011)" in text
    # the chain above (to the head) and the position below
    above = text[text.index("Atasan sampai kepala") : text.index("Bawahan")]
    assert "Kepala Dinas Kesehatan (II.b)" in above
    below = text[text.index("Bawahan") : text.index("Sasaran yang dipertanggungjawabkan")]
    assert "Gizi (IV.a)" in below
    assert 'href="../../../../opd/dinkes/jabatan/dinkes.kasi/"' in page
    # what it answers for, by level, and its indicators with capaian
    nodes = text[text.index("Sasaran yang dipertanggungjawabkan") : text.index("Indikator dan")]
    assert "Sasaran Program" in nodes
    assert "Meningkatnya cakupan pelayanan kesehatan ibu hamil" in nodes
    assert "Cakupan K4" in text and "101,67 % (2025)" in text
    # its PK per year
    pk = 'href="../../../../opd/dinkes/jabatan/dinkes.kabid/pk-{}/"'
    assert pk.format(2025) in page and pk.format(2026) in page


def test_eselon_iii_pk_parties(site: Path) -> None:
    text = _text(article(site, "opd/dinkes/jabatan/dinkes.kabid/pk-2026/index.html"))
    assert "Perjanjian Kinerja Tahun 2026" in text
    first = text.index("selanjutnya disebut pihak pertama")
    second = text.index("selanjutnya disebut pihak kedua")
    assert "dr. Kabid Uji Jabatan Kepala Bidang Kesehatan Masyarakat" in text[:first]
    assert "dr. Kepala Uji Jabatan Kepala Dinas Kesehatan" in text[first:second]
    assert "NIP 197910202006042011" in text and "NIP 197305122002122004" in text
    annex = text[text.index("Lampiran") :]
    assert "Cakupan K4 % 92" in annex
    assert "Rp1.600.000.000" in annex
    assert "Draf" in text  # the agency's PK of 2026 is not signed


def test_eselon_iv_pk_parties_and_annex(site: Path) -> None:
    page = article(site, "opd/dinkes/jabatan/dinkes.kasi/pk-2025/index.html")
    text = _text(page)
    first = text.index("selanjutnya disebut pihak pertama")
    second = text.index("selanjutnya disebut pihak kedua")
    assert "Bu Kasi Uji" in text[:first]
    assert "dr. Kabid Uji Jabatan Kepala Bidang Kesehatan Masyarakat" in text[first:second]
    annex = text[text.index("Lampiran") :]
    assert "Persentase puskesmas yang melayani ANC sesuai standar % 85" in annex
    # the indicator of its sub kegiatan is answered for by the midwife, not by the section head
    assert "Jumlah ibu hamil yang mendapatkan pelayanan" not in annex
    assert "Terlayaninya ibu hamil sesuai standar" in annex
    # hostile text in a position name: text, never markup
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Gizi" in page


def test_head_pk_second_party_follows_the_agency_pk(site: Path) -> None:
    text = _text(article(site, "opd/dinkes/jabatan/dinkes.kepala/pk-2025/index.html"))
    first = text.index("selanjutnya disebut pihak pertama")
    second = text.index("selanjutnya disebut pihak kedua")
    assert "dr. Kepala Uji" in text[:first]
    assert "Bupati Contoh" in text[first:second]


def test_no_pk_below_eselon_iv_and_links_from_other_pages(site: Path) -> None:
    base = site / "opd" / "dinkes" / "jabatan"
    assert (base / "dinkes.bidan" / "index.html").exists()
    assert not list((base / "dinkes.bidan").glob("pk-*"))
    opd = article(site, "opd/dinkes/index.html")
    assert 'href="../../opd/dinkes/jabatan/dinkes.kepala/"' in opd
    assert 'href="../../opd/dinkes/jabatan/dinkes.bidan/"' in opd
    node = article(site, "node/dinkes-sp-1/index.html")
    assert 'href="../../opd/dinkes/jabatan/dinkes.kabid/"' in node
    assert "dr. Kabid Uji" in node
    indicator = article(site, "indikator/dinkes-ssk-1-i1/index.html")
    assert 'href="../../opd/dinkes/jabatan/dinkes.bidan/"' in indicator
    # the agency without positions is unchanged: no positions section
    assert "Susunan jabatan" not in article(site, "opd/dinsos/index.html")
