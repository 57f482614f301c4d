"""The columns of a cascading-matrix workbook, declared once for the importer, the exporter, the
template workbook and the documentation (``docs/xlsx.md`` lists exactly these).

A column is recognised by its header, compared after :func:`normalise`: lower case, brackets,
``*``, ``:``, ``Rp`` and repeated spaces removed, ``Sub-Kegiatan``/``Subkegiatan`` read as
``sub kegiatan``, ``TW I``…``TW IV`` (``Triwulan I`` …) as ``tw1``…``tw4``. Yearly columns
(targets, realisations, budgets) carry the year in the header (``Target 2025``, ``2025``,
``Pagu Indikatif (Rp) 2025``), or in a second header row under a merged group header (``Target``
spanning ``2025 | 2026 | …``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

NODE, INDICATOR, IGNORED = "node", "indicator", "ignored"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    """The header the exporter and the template write (for yearly columns, ``{year}`` is filled)."""
    variants: tuple[str, ...]
    """Other headers accepted (normalised), ``{year}`` for yearly columns."""
    scope: str
    """``node`` (a property of the sasaran: blank cells repeat the value above), ``indicator``
    or ``ignored`` (read for people, not stored)."""
    doc: str
    yearly: bool = False
    printed: bool = True
    """Inside the print area of an exported sheet; technical columns sit to the right of it."""
    width: float = 12


COLUMNS: tuple[Column, ...] = (
    Column("no", "No", ("no.", "nomor"), IGNORED, "Row number; ignored.", width=5),
    Column(
        "level",
        "Tingkat",
        ("level", "tingkatan", "jenjang", "level sasaran", "tingkat sasaran"),
        NODE,
        "Level: its name (`Sasaran Program`), its id (`sasaran_program`), a short form "
        "(`SS`, `SP`, `SK`, `SSK`) or the kind of code it carries (`Program`, `Kegiatan`, "
        "`Sub Kegiatan`). Blank: the level of the row above.",
        width=13,
    ),
    Column(
        "statement",
        "Sasaran",
        (
            "pernyataan",
            "sasaran/pernyataan",
            "pernyataan sasaran",
            "uraian sasaran",
            "sasaran kinerja",
            "kondisi",
            "nama sasaran",
        ),
        NODE,
        "The sasaran, phrased as a change. Written once above its indicator rows (or merged "
        "over them): a blank cell continues the sasaran above.",
        width=34,
    ),
    Column(
        "indicator",
        "Indikator Kinerja",
        (
            "indikator",
            "nama indikator",
            "indikator sasaran",
            "indikator kinerja sasaran",
            "indikator kinerja utama",
        ),
        INDICATOR,
        "Indicator name: one row per indicator.",
        width=34,
    ),
    Column("unit", "Satuan", ("satuan indikator",), INDICATOR, "Unit.", width=10),
    Column(
        "baseline",
        "Kondisi Awal",
        ("baseline", "kondisi awal nilai", "nilai kondisi awal", "nilai baseline", "capaian awal"),
        INDICATOR,
        "Baseline value. `Kondisi Awal 2024` / `Baseline 2024` gives the year in the header.",
        width=10,
    ),
    Column(
        "target",
        "Target {year}",
        ("{year}", "target tahun {year}", "target kinerja {year}", "target kinerja tahun {year}"),
        INDICATOR,
        "Target of that year (number, or text such as `Predikat A`).",
        yearly=True,
        width=10,
    ),
    Column(
        "final_target",
        "Target Akhir",
        ("target akhir periode", "kondisi akhir", "target akhir renstra", "kondisi kinerja akhir"),
        INDICATOR,
        "End-of-period target, when it differs from the last year's.",
        width=10,
    ),
    Column(
        "realisation",
        "Realisasi {year}",
        ("realisasi tahun {year}", "realisasi kinerja {year}"),
        INDICATOR,
        "Realisation of that year.",
        yearly=True,
        width=10,
    ),
    Column(
        "code",
        "Kode",
        (
            "kode program/kegiatan/sub kegiatan",
            "kode program/kegiatan",
            "kode rekening",
            "kode nomenklatur",
            "kode program",
            "kode kegiatan",
            "kode sub kegiatan",
        ),
        NODE,
        "Kemendagri program, kegiatan or sub kegiatan code (`1.02.02`, `1.02.02.2.02.0001`). "
        "Several code columns may be present; the one whose code matches the level wins.",
        width=17,
    ),
    Column(
        "code_name",
        "Program/Kegiatan/Sub Kegiatan",
        (
            "program",
            "kegiatan",
            "sub kegiatan",
            "nama program",
            "nama kegiatan",
            "nama sub kegiatan",
            "program/kegiatan",
            "nomenklatur",
            "uraian program/kegiatan/sub kegiatan",
            "uraian program/kegiatan",
        ),
        IGNORED,
        "Name of the program, kegiatan or sub kegiatan. Not stored (the site takes names from "
        "the nomenclature); a cell `1.02.02 Program …` supplies the code when there is no Kode.",
        width=28,
    ),
    Column(
        "budget",
        "Pagu {year}",
        (
            "anggaran {year}",
            "pagu indikatif {year}",
            "pagu anggaran {year}",
            "alokasi anggaran {year}",
            "anggaran tahun {year}",
            "pagu tahun {year}",
        ),
        NODE,
        "Budget of that year in rupiah (`1.250.000.000`, `Rp 1.250.000.000` or a number).",
        yearly=True,
        width=15,
    ),
    Column(
        "responsible",
        "Penanggung Jawab",
        ("penanggungjawab", "jabatan penanggung jawab", "pemilik kinerja", "pj", "jabatan"),
        NODE,
        "Responsible position (jabatan).",
        width=18,
    ),
    # -- technical columns: to the right of the print area of an exported sheet --
    Column(
        "node_id",
        "ID",
        ("id sasaran", "id node"),
        NODE,
        "Stable id of the sasaran. Without it ids are generated from the OPD id, the level and "
        "the code (or a sequence number): keep the column to keep ids stable.",
        printed=False,
        width=24,
    ),
    Column(
        "parent",
        "Induk",
        ("id induk", "induk id", "sasaran induk", "parent"),
        NODE,
        "Parent: its id, or its statement. Blank: the nearest sasaran one level up above the row. "
        "An agency's top sasaran names a regional sasaran of `pemda.yaml` here.",
        printed=False,
        width=24,
    ),
    Column("order", "Urutan", (), NODE, "Order among siblings (`urutan`).", printed=False, width=7),
    Column(
        "indicator_id",
        "ID Indikator",
        (),
        INDICATOR,
        "Stable id of the indicator; generated from the sasaran id when absent.",
        printed=False,
        width=24,
    ),
    Column(
        "polarity",
        "Polaritas",
        ("polarisasi", "arah", "arah kinerja"),
        INDICATOR,
        "`maksimal` (also `max`, `positif`, `naik`), `minimal` (`min`, `negatif`, `turun`) or "
        "`stabil` (`tetap`). Blank: `maksimal` (reported).",
        printed=False,
        width=10,
    ),
    Column(
        "baseline_year",
        "Tahun Kondisi Awal",
        ("tahun baseline", "kondisi awal tahun", "baseline tahun"),
        INDICATOR,
        "Year of the baseline. Blank: the year before the period.",
        printed=False,
        width=9,
    ),
    Column(
        "kind",
        "Jenis Indikator",
        ("jenis",),
        INDICATOR,
        "`dampak`, `outcome` or `output`.",
        printed=False,
        width=10,
    ),
    Column(
        "iku",
        "IKU",
        (),
        INDICATOR,
        "`ya` (also `y`, `iku`, `true`, `1`, `✓`) for an Indikator Kinerja Utama.",
        printed=False,
        width=6,
    ),
    Column(
        "definition",
        "Definisi Operasional",
        ("definisi",),
        INDICATOR,
        "Operational definition.",
        printed=False,
        width=30,
    ),
    Column(
        "formula",
        "Formula",
        ("rumus", "cara perhitungan", "formulasi", "cara pengukuran"),
        INDICATOR,
        "How it is computed.",
        printed=False,
        width=24,
    ),
    Column("data_source", "Sumber Data", (), INDICATOR, "Data source.", printed=False, width=20),
    Column(
        "reporting_period",
        "Periode Pelaporan",
        (),
        INDICATOR,
        "`bulanan`, `triwulanan`, `semesteran` or `tahunan`.",
        printed=False,
        width=11,
    ),
    Column(
        "quarterly",
        "Realisasi {year} TW{quarter}",
        ("realisasi tw{quarter} {year}", "tw{quarter} {year}"),
        INDICATOR,
        "Realisation in a quarter (TW I–IV) of that year.",
        yearly=True,
        printed=False,
        width=9,
    ),
    Column(
        "indicator_notes",
        "Keterangan Indikator",
        (),
        INDICATOR,
        "Notes on the indicator.",
        printed=False,
        width=24,
    ),
    Column(
        "indicator_former_ids",
        "ID Lama Indikator",
        (),
        INDICATOR,
        "Former ids of the indicator, separated by commas.",
        printed=False,
        width=16,
    ),
    Column(
        "work_unit",
        "Unit Kerja",
        ("bidang", "bidang/seksi"),
        NODE,
        "Organisational unit.",
        printed=False,
        width=18,
    ),
    Column(
        "official_name",
        "Nama Pejabat",
        ("pejabat", "nama penanggung jawab"),
        NODE,
        "Name of the holder of the position.",
        printed=False,
        width=22,
    ),
    Column(
        "official_nip",
        "NIP",
        ("nip pejabat",),
        NODE,
        "NIP of the holder (18 digits).",
        printed=False,
        width=20,
    ),
    Column("tags", "Tag", ("tags",), NODE, "Tags, separated by commas.", printed=False, width=16),
    Column(
        "notes",
        "Keterangan",
        ("catatan", "keterangan sasaran"),
        NODE,
        "Notes on the sasaran.",
        printed=False,
        width=24,
    ),
    Column(
        "former_ids",
        "ID Lama",
        (),
        NODE,
        "Former ids of the sasaran, separated by commas.",
        printed=False,
        width=16,
    ),
    Column(
        "opd_id",
        "ID OPD",
        (),
        NODE,
        "Agency id per row, for a single sheet holding several agencies. Usually given once "
        "above the header instead (see below).",
        printed=False,
        width=12,
    ),
)
BY_KEY = {column.key: column for column in COLUMNS}

# Crosscutting sheet: one row per link.
CC_COLUMNS: tuple[Column, ...] = (
    Column("no", "No", ("no.",), IGNORED, "Row number.", width=5),
    Column("from_opd", "OPD Pengirim", (), IGNORED, "Sending agency (for reading).", width=14),
    Column(
        "from_name", "Sasaran Pengirim", (), IGNORED, "Sending sasaran (for reading).", width=34
    ),
    Column("to_opd", "Mitra", ("opd penerima",), IGNORED, "Partner (for reading).", width=16),
    Column(
        "to_name", "Sasaran Mitra", ("sasaran penerima",), IGNORED, "Partner sasaran.", width=34
    ),
    Column("role", "Peran", ("peran mitra",), NODE, "The role the partner plays.", width=30),
    Column(
        "status",
        "Status",
        (),
        NODE,
        "`menunggu`, `disetujui` or `ditolak`.",
        width=11,
    ),
    Column("note", "Keterangan", ("catatan",), NODE, "Note.", width=20),
    Column(
        "from_id",
        "Dari",
        ("id pengirim", "dari id", "id sasaran pengirim"),
        NODE,
        "Id of the sending sasaran.",
        printed=False,
        width=24,
    ),
    Column(
        "to_id",
        "Ke",
        ("id penerima", "ke id", "id sasaran mitra"),
        NODE,
        "Id of the partner's sasaran (another agency's).",
        printed=False,
        width=24,
    ),
    Column(
        "body",
        "Instansi",
        ("instansi luar", "instansi mitra"),
        NODE,
        "An outside body, when the partner is not a sasaran of the site.",
        printed=False,
        width=24,
    ),
)
CC_BY_KEY = {column.key: column for column in CC_COLUMNS}

# Labels of the "Label: value" lines above the header row of an agency sheet.
META_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("perangkat daerah", "nama opd", "opd", "nama perangkat daerah", "skpd"),
    "id": ("id opd", "id perangkat daerah"),
    "short_name": ("singkatan", "nama singkat"),
    "code": ("kode opd", "kode perangkat daerah", "kode unit", "kode skpd"),
    "head": ("kepala", "kepala opd", "kepala perangkat daerah", "jabatan kepala"),
    "kind": ("jenis opd", "jenis perangkat daerah"),
    "scope": ("lingkup",),
}
META_HEADERS: dict[str, str] = {
    "name": "Perangkat Daerah",
    "id": "ID OPD",
    "short_name": "Singkatan",
    "code": "Kode OPD",
    "head": "Kepala",
    "kind": "Jenis OPD",
    "scope": "Lingkup",
}

SUMMARY_SHEET = "Ringkasan"
REGIONAL_SHEET = "Pemda"
CROSSCUTTING_SHEET = "Crosscutting"
GUIDE_SHEET = "Petunjuk"

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_TW = re.compile(r"\b(?:tw|triwulan)\s*-?\s*(iv|iii|ii|i|[1-4])\b")
_YEAR = re.compile(r"\b((?:19|20|21)\d\d)\b")


def normalise(text: object) -> str:
    """A header or label as compared: lower case, without brackets, ``Rp``, ``*`` and extra
    spaces; ``sub-kegiatan`` as ``sub kegiatan``; ``TW II`` as ``tw2``."""
    value = unicodedata.normalize("NFKC", str(text)).lower()
    value = value.replace("\u00a0", " ")
    for char in "()[]*:":
        value = value.replace(char, " ")
    value = re.sub(r"\bsub[\s-]*kegiatan\b", "sub kegiatan", value)
    value = re.sub(r"\s*/\s*", "/", value)
    value = re.sub(r"\brp\.?(?=\s|$)", " ", value)
    value = _TW.sub(lambda m: "tw" + _ROMAN.get(m.group(1), m.group(1)), value)
    return " ".join(value.split()).strip(" .")


@dataclass(frozen=True, slots=True)
class HeaderRef:
    key: str
    year: int | None = None
    quarter: int | None = None


def _plain_variants(columns: tuple[Column, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        if column.yearly:
            continue
        for text in (column.header, *column.variants):
            table.setdefault(normalise(text), column.key)
    return table


_PLAIN = _plain_variants(COLUMNS)
_CC_PLAIN = _plain_variants(CC_COLUMNS)


def _yearly_prefixes() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS:
        if not column.yearly or column.key == "quarterly":
            continue
        for text in (column.header, *column.variants):
            table[normalise(text.replace("{year}", "")).strip()] = column.key
    return table


_YEARLY = _yearly_prefixes()
_BASELINE_PREFIXES = ("kondisi awal", "baseline", "kondisi awal tahun", "capaian awal")


def match_header(text: object) -> HeaderRef | None:
    """The column a header names, or ``None``."""
    if text is None:
        return None
    value = normalise(text)
    if not value:
        return None
    if value in _PLAIN:
        return HeaderRef(_PLAIN[value])
    years = _YEAR.findall(value)
    if len(years) != 1:
        return None
    year = int(years[0])
    rest = " ".join(_YEAR.sub(" ", value).split())
    quarter = None
    tw = re.search(r"\btw([1-4])\b", rest)
    if tw:
        quarter = int(tw.group(1))
        rest = " ".join(rest.replace(tw.group(0), " ").split())
        if rest in ("realisasi", "", "realisasi tahun"):
            return HeaderRef("quarterly", year, quarter)
        return None
    rest = re.sub(r"\btahun$", "", rest).strip()
    if rest in _YEARLY:
        return HeaderRef(_YEARLY[rest], year)
    if rest in _BASELINE_PREFIXES:
        return HeaderRef("baseline", year)
    return None


def match_cc_header(text: object) -> HeaderRef | None:
    value = normalise(text) if text is not None else ""
    return HeaderRef(_CC_PLAIN[value]) if value in _CC_PLAIN else None


def match_meta(label: object) -> str | None:
    value = normalise(label)
    for key, labels in META_LABELS.items():
        if value in labels:
            return key
    return None


def header_text(column: Column, year: int | None = None, quarter: int | None = None) -> str:
    text = column.header
    if year is not None:
        text = text.replace("{year}", str(year))
    if quarter is not None:
        text = text.replace("{quarter}", str(quarter))
    return text
