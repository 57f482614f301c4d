"""Small valid trees written as text, for tests that corrupt one thing at a time."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

SUPPORTS = {
    "i-misi": "i-visi",
    "i-tujuan": "i-misi",
    "i-sasaran": "i-tujuan",
    "i-ss": "i-sasaran",
    "i-sp": "i-ss",
    "i-sk": "i-sp",
    "i-ssk": "i-sk",
    "i-dinsos-ss": "i-sasaran",
    "i-dinsos-sp": "i-dinsos-ss",
    "i-dinsos-sk": "i-dinsos-sp",
    "i-dinsos-sub": "i-dinsos-sk",
}
"""The base trees' cascading per indicator: each indicator supports its parent node's indicator."""


def indicator(ident: str, **overrides: str | None) -> str:
    """A complete indicator as one flow-mapping line (so line numbers stay predictable); an
    override ``None`` leaves the field out. An indicator of the base trees supports its parent
    node's indicator (:data:`SUPPORTS`) unless ``mendukung`` is given."""
    supports = SUPPORTS.get(ident)
    fields: dict[str, str | None] = {
        "id": ident,
        "nama": f"Indikator {ident}",
        "satuan": "persen",
        "polaritas": "maksimal",
        "mendukung": f"[{supports}]" if supports else None,
        "kondisi_awal": "{tahun: 2024, nilai: 10}",
        "target": "{2025: 11, 2026: 12}",
        "definisi": "Definisi operasional",
    }
    fields.update(overrides)
    body = ", ".join(f"{k}: {v}" for k, v in fields.items() if v is not None)
    return "{" + body + "}"


PEMDA = f"""\
pemda:
  nama: Kabupaten Uji
  periode: {{awal: 2025, akhir: 2026}}
node:
  - id: visi
    tingkat: visi
    pernyataan: Terwujudnya Kabupaten Uji yang sejahtera
    indikator:
      - {indicator("i-visi")}
  - id: misi
    tingkat: misi
    induk: visi
    pernyataan: Meningkatkan kesejahteraan
    indikator:
      - {indicator("i-misi")}
  - id: tujuan
    tingkat: tujuan
    induk: misi
    pernyataan: Meningkatnya derajat kesehatan
    indikator:
      - {indicator("i-tujuan")}
  - id: sasaran
    tingkat: sasaran
    induk: tujuan
    pernyataan: Menurunnya kematian ibu
    indikator:
      - {indicator("i-sasaran", polaritas="minimal")}
"""

DINKES = f"""\
opd:
  id: dinkes
  nama: Dinas Kesehatan
node:
  - id: ss
    tingkat: sasaran_strategis
    induk: sasaran
    pernyataan: Meningkatnya pelayanan kesehatan ibu
    indikator:
      - {indicator("i-ss")}
  - id: sp
    tingkat: sasaran_program
    induk: ss
    pernyataan: Meningkatnya cakupan layanan ibu hamil
    kode: "1.02.02"
    indikator:
      - {indicator("i-sp")}
  - id: sk
    tingkat: sasaran_kegiatan
    induk: sp
    pernyataan: Tersedianya layanan kesehatan ibu
    kode: "1.02.02.2.02"
    indikator:
      - {indicator("i-sk")}
  - id: ssk
    tingkat: sasaran_sub_kegiatan
    induk: sk
    pernyataan: Terlayaninya ibu hamil
    kode: "1.02.02.2.02.0001"
    anggaran: {{2025: 1000000, 2026: 1100000}}
    indikator:
      - {indicator("i-ssk")}
"""

DINSOS = f"""\
opd:
  id: dinsos
  nama: Dinas Sosial
node:
  - id: dinsos-ss
    tingkat: sasaran_strategis
    induk: sasaran
    pernyataan: Meningkatnya perlindungan sosial
    indikator:
      - {indicator("i-dinsos-ss")}
  - id: dinsos-ssk
    tingkat: sasaran_program
    induk: dinsos-ss
    pernyataan: Terdatanya ibu hamil keluarga miskin
    kode: "1.06.05"
    indikator:
      - {indicator("i-dinsos-sp")}
  - id: dinsos-sk
    tingkat: sasaran_kegiatan
    induk: dinsos-ssk
    pernyataan: Terlaksananya pendataan
    kode: "1.06.05.2.01"
    indikator:
      - {indicator("i-dinsos-sk")}
  - id: dinsos-sub
    tingkat: sasaran_sub_kegiatan
    induk: dinsos-sk
    pernyataan: Terdatanya keluarga penerima bantuan
    kode: "1.06.05.2.01.0001"
    indikator:
      - {indicator("i-dinsos-sub")}
"""


def base_files() -> dict[str, str]:
    return {"pemda.yaml": PEMDA, "opd/dinkes.yaml": DINKES, "opd/dinsos.yaml": DINSOS}


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the n-th line containing ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found")
