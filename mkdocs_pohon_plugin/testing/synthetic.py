"""A generator of synthetic regencies: valid trees folders of any size, for benchmarks and tests.

``generate_regency(out_dir, params)`` writes ``pemda.yaml`` (the regional tree: visi, misi, tujuan,
sasaran), one ``opd/<id>.yaml`` per agency (sasaran strategis → program → kegiatan → sub kegiatan)
and a ``nomenklatur/`` folder with the Kemendagri CSVs shipped in the package. Every code is a real
one from those CSVs and sits under its parent's code; every node and indicator carries the fields
the evaluators look for, and every indicator below the visi names the indicators above it that it
drives (``mendukung``, across agencies too). The output depends only on the parameters: the same
seed gives the same bytes.

The regency is built as the core's model objects (:mod:`mkdocs_pohon_plugin.core.tree.model`) and
written with the core's YAML writer (:mod:`mkdocs_pohon_plugin.core.tree.yaml_writer`), in the
canonical layout ``pohon fmt`` keeps; the nomenclature is read with the core's reader
(:mod:`mkdocs_pohon_plugin.core.tree.nomenclature`) from the copy written into the trees folder.

Run it as a module::

    python -m mkdocs_pohon_plugin.testing.synthetic OUT_DIR --opd 45 --nodes 5000 \\
        --indicators 15000 --crosscutting 0.05 --seed 1
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from mkdocs_pohon_plugin.core.tree import model, spec, yaml_writer
from mkdocs_pohon_plugin.core.tree.nomenclature import (
    FILES,
    Entry,
    Nomenclature,
    code_kind,
    load_nomenclature,
    parent_code,
)

BASELINE_YEAR = 2024
YEARS = (2025, 2026, 2027, 2028, 2029)
NOMENCLATURE_VERSION = "Kepmendagri 900.1.15.5-1317/2023"
NOMENCLATURE_FOLDER = "nomenklatur"
NOMENCLATURE_FILES = FILES

REGIONAL_LEVELS = ("visi", "misi", "tujuan", "sasaran")
OPD_LEVELS = ("sasaran_strategis", "sasaran_program", "sasaran_kegiatan", "sasaran_sub_kegiatan")
LEVEL_SHAPE = (1, 3, 8, 20)
"""Relative number of agency nodes per level, top to bottom."""

_MIN_OPD_NODES = len(OPD_LEVELS)
_LEVEL_TAG = dict(zip(OPD_LEVELS, ("ss", "sp", "sk", "ssk"), strict=True))
"""Middle part of agency node ids: ``dinkes-sp-3``."""
_INDICATOR_WEIGHT = {"sasaran_strategis": 2.0, "sasaran_program": 1.5, "sasaran_sub_kegiatan": 0.9}
"""Relative share of the indicators beyond the first that a node of each level gets."""
_STATUS_WEIGHTS = (("disetujui", 85), ("menunggu", 10), ("ditolak", 5))
_THEMES: tuple[tuple[str, str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    (
        "stunting",
        "Stunting",
        "Tingginya prevalensi stunting pada balita",
        (
            (
                "Kurangnya asupan gizi ibu hamil dan balita",
                (
                    "Tingginya ibu hamil kurang energi kronis",
                    "Rendahnya cakupan ASI eksklusif",
                    "MP-ASI belum beragam",
                ),
            ),
            (
                "Tingginya penyakit infeksi pada balita",
                ("Belum lengkapnya imunisasi dasar", "Rendahnya akses sanitasi layak"),
            ),
            (
                "Kurang tepatnya pola asuh",
                ("Rendahnya kunjungan posyandu", "Masih tingginya perkawinan usia anak"),
            ),
        ),
    ),
    (
        "kemiskinan",
        "Kemiskinan Ekstrem",
        "Tingginya penduduk miskin ekstrem",
        (
            (
                "Rendahnya pendapatan keluarga miskin",
                ("Terbatasnya lapangan kerja di desa", "Rendahnya keterampilan kerja"),
            ),
            (
                "Tingginya beban pengeluaran keluarga miskin",
                ("Bantuan sosial belum tepat sasaran", "Rumah tidak layak huni"),
            ),
        ),
    ),
    (
        "pengangguran",
        "Pengangguran Terbuka",
        "Tingginya tingkat pengangguran terbuka",
        (
            (
                "Ketidaksesuaian keterampilan dengan kebutuhan kerja",
                ("Rendahnya mutu pelatihan vokasi", "Minimnya informasi pasar kerja"),
            ),
            (
                "Lambatnya pertumbuhan usaha",
                ("Sulitnya akses permodalan UMKM", "Rumitnya perizinan berusaha"),
            ),
        ),
    ),
)
"""The synthetic regency's problem themes: id, theme, core problem, causes with root causes."""
UNADDRESSED = 1
"""Root causes per theme that no node addresses (the last of each theme)."""


# --------------------------------------------------------------------------------------------
# Parameters and result


@dataclass(frozen=True)
class SyntheticParams:
    """What to generate. ``nodes`` and ``indicators`` are exact totals for the whole site."""

    opd: int = 45
    nodes: int = 5000
    indicators: int = 15000
    crosscutting: float = 0.05
    """Fraction of agency nodes that carry one crosscutting link to a node of another agency."""
    seed: int = 1
    nama: str = "Kabupaten Sukamaju"
    misi: int = 4
    tujuan_per_misi: int = 2
    sasaran_per_tujuan: int = 2
    positions: bool = True
    """Each agency lists its positions down to eselon IV (``opd.jabatan``: the head, a head of
    bidang or the secretary per program, a head of seksi or subbagian per kegiatan), and its
    nodes name them (``jabatan``); drawn from the nodes, with no random draw of their own."""
    masalah: int = 3
    """Problem themes (``masalah``), each with causes and root causes that agency nodes address
    (``menangani``); :data:`UNADDRESSED` root causes per theme are left unaddressed."""

    def __post_init__(self) -> None:
        if self.opd < 1:
            raise ValueError("opd must be at least 1")
        if min(self.misi, self.tujuan_per_misi, self.sasaran_per_tujuan) < 1:
            raise ValueError("misi, tujuan_per_misi and sasaran_per_tujuan must be at least 1")
        least = self.regional_nodes + _MIN_OPD_NODES * self.opd
        if self.nodes < least:
            raise ValueError(
                f"nodes must be at least {least} ({self.regional_nodes} regional nodes and "
                f"{_MIN_OPD_NODES} per agency) for {self.opd} agencies"
            )
        if self.indicators < self.nodes:
            raise ValueError("indicators must be at least nodes: every node gets one")
        if not 0.0 <= self.crosscutting <= 1.0:
            raise ValueError("crosscutting must be a fraction between 0 and 1")
        if self.crosscutting > 0 and self.opd < 2:
            raise ValueError("crosscutting links need at least two agencies")
        if not self.nama.strip():
            raise ValueError("nama must not be empty")
        if not 0 <= self.masalah <= len(_THEMES):
            raise ValueError(f"masalah must be between 0 and {len(_THEMES)}")

    @property
    def regional_nodes(self) -> int:
        tujuan = self.misi * self.tujuan_per_misi
        return 1 + self.misi + tujuan + tujuan * self.sasaran_per_tujuan


@dataclass(frozen=True)
class SyntheticStats:
    """What was written."""

    files: int
    """YAML files (the regional file and one per agency); the CSVs are not counted."""
    opd: int
    nodes: int
    indicators: int
    crosscutting: int
    nodes_per_level: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Numbers


def _number(value: float, decimals: int) -> model.Value:
    """``value`` with at most ``decimals`` decimals: an integer when none are left (``105``),
    else a float (``72.3``)."""
    if decimals <= 0:
        return round(value)
    text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    return float(text) if "." in text else int(text)


# --------------------------------------------------------------------------------------------
# The nomenclature shipped in the package


@dataclass(frozen=True)
class _Hierarchy:
    """The nomenclature as the generator walks it, names with their whitespace collapsed."""

    programs: dict[str, list[tuple[str, str]]]
    """Programs that have kegiatan, by bidang urusan (``1.02``)."""
    kegiatan: dict[str, list[tuple[str, str]]]
    """Kegiatan that have sub kegiatan, by program code."""
    sub_kegiatan: dict[str, list[Entry]]
    """Sub kegiatan by kegiatan code."""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _nomenclature_files() -> dict[str, bytes]:
    folder = resources.files("mkdocs_pohon_plugin").joinpath("data").joinpath(NOMENCLATURE_FOLDER)
    return {name: folder.joinpath(name).read_bytes() for name in NOMENCLATURE_FILES}


def _hierarchy(nomenclature: Nomenclature) -> _Hierarchy:
    """Programs, kegiatan and sub kegiatan by their parent, in the nomenclature's order; only
    programs and kegiatan with something under them."""
    by_kind: dict[str | None, list[Entry]] = {}
    for code, entry in nomenclature.entries.items():
        by_kind.setdefault(code_kind(code), []).append(entry)
    sub_kegiatan: dict[str, list[Entry]] = {}
    for entry in by_kind.get("sub_kegiatan", []):
        cleaned = dataclasses.replace(
            entry,
            name=_clean(entry.name),
            indicator=_clean(entry.indicator),
            unit=_clean(entry.unit),
        )
        sub_kegiatan.setdefault(_parent(entry.code), []).append(cleaned)
    kegiatan: dict[str, list[tuple[str, str]]] = {}
    for entry in by_kind.get("kegiatan", []):
        if entry.code in sub_kegiatan:
            kegiatan.setdefault(_parent(entry.code), []).append((entry.code, _clean(entry.name)))
    programs: dict[str, list[tuple[str, str]]] = {}
    for entry in by_kind.get("program", []):
        if entry.code in kegiatan:
            bidang = entry.code.rsplit(".", 1)[0]
            programs.setdefault(bidang, []).append((entry.code, _clean(entry.name)))
    return _Hierarchy(programs, kegiatan, sub_kegiatan)


def _parent(code: str) -> str:
    parent = parent_code(code)
    if parent is None:  # pragma: no cover - only kegiatan and sub kegiatan are asked
        raise ValueError(f"{code} has no parent code")
    return parent


# --------------------------------------------------------------------------------------------
# Agencies


class _Agency(NamedTuple):
    id: str
    nama: str
    singkatan: str
    jenis: str
    bidang: tuple[str, ...]
    """Bidang urusan whose programs the agency runs; the first gives its OPD code."""
    tema: str
    """What its outcomes are about, used in statements and indicator names."""


def _agency_table(text: str) -> tuple[_Agency, ...]:
    rows = (line.split("|") for line in text.strip().splitlines())
    return tuple(
        _Agency(
            row[0].strip(),
            row[1].strip(),
            row[2].strip(),
            row[3].strip(),
            tuple(row[4].split()),
            row[5].strip(),
        )
        for row in rows
    )


# The agencies of a typical kabupaten, most important first; further agencies are kecamatan.
_AGENCIES = _agency_table(
    """
dinkes | Dinas Kesehatan | Dinkes | dinas | 1.02 | derajat kesehatan masyarakat
disdik | Dinas Pendidikan dan Kebudayaan | Disdikbud | dinas | 1.01 2.22 | mutu pendidikan
dpupr | Dinas Pekerjaan Umum dan Penataan Ruang | DPUPR | dinas | 1.03 | kemantapan infrastruktur
disperkim | Dinas Perumahan, Kawasan Permukiman dan Pertanahan | Disperkim | dinas | 1.04 2.10 |
    kualitas kawasan permukiman
satpolpp | Satuan Polisi Pamong Praja | Satpol PP | lainnya | 1.05 | ketertiban umum
dinsos | Dinas Sosial | Dinsos | dinas | 1.06 | perlindungan dan jaminan sosial
disnaker | Dinas Tenaga Kerja dan Transmigrasi | Disnakertrans | dinas | 2.07 3.32 |
    kesempatan kerja
dp3a | Dinas Pemberdayaan Perempuan dan Perlindungan Anak | DP3A | dinas | 2.08 |
    perlindungan perempuan dan anak
dkp | Dinas Ketahanan Pangan | DKP | dinas | 2.09 | ketahanan pangan masyarakat
dlh | Dinas Lingkungan Hidup | DLH | dinas | 2.11 | kualitas lingkungan hidup
disdukcapil | Dinas Kependudukan dan Pencatatan Sipil | Disdukcapil | dinas | 2.12 |
    layanan administrasi kependudukan
dpmd | Dinas Pemberdayaan Masyarakat dan Desa | DPMD | dinas | 2.13 | kemandirian desa
dppkb | Dinas Pengendalian Penduduk dan Keluarga Berencana | DPPKB | dinas | 2.14 |
    pengendalian penduduk
dishub | Dinas Perhubungan | Dishub | dinas | 2.15 | keselamatan transportasi
diskominfo | Dinas Komunikasi, Informatika, Statistik dan Persandian | Diskominfo | dinas |
    2.16 2.20 2.21 | pemerintahan digital
diskopukm | Dinas Koperasi dan Usaha Mikro | Diskop UM | dinas | 2.17 | daya saing usaha mikro
dpmptsp | Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu | DPMPTSP | dinas | 2.18 |
    iklim investasi
disporapar | Dinas Kepemudaan, Olahraga dan Pariwisata | Disporapar | dinas | 3.26 2.19 |
    daya tarik pariwisata
dispusip | Dinas Perpustakaan dan Kearsipan | Dispusip | dinas | 2.23 2.24 | budaya literasi
diskan | Dinas Perikanan | Diskan | dinas | 3.25 | produksi perikanan
distan | Dinas Pertanian | Distan | dinas | 3.27 | produktivitas pertanian
disperindag | Dinas Perindustrian dan Perdagangan | Disperindag | dinas | 3.31 3.30 |
    daya saing industri dan perdagangan
setda | Sekretariat Daerah | Setda | sekretariat | 4.01 | kualitas tata kelola pemerintahan
setwan | Sekretariat DPRD | Setwan | sekretariat | 4.02 | dukungan terhadap fungsi DPRD
bappeda | Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah | Bapperida | badan |
    5.01 5.05 | kualitas perencanaan pembangunan
bkad | Badan Keuangan dan Aset Daerah | BKAD | badan | 5.02 | akuntabilitas keuangan daerah
bkpsdm | Badan Kepegawaian dan Pengembangan Sumber Daya Manusia | BKPSDM | badan | 5.03 5.04 |
    profesionalitas aparatur
inspektorat | Inspektorat Daerah | Inspektorat | inspektorat | 6.01 | efektivitas pengawasan
kesbangpol | Badan Kesatuan Bangsa dan Politik | Kesbangpol | badan | 8.01 | wawasan kebangsaan
bpbd | Badan Penanggulangan Bencana Daerah | BPBD | badan | 1.05 | ketangguhan terhadap bencana
rsud | Rumah Sakit Umum Daerah | RSUD | lainnya | 1.02 | mutu pelayanan kesehatan rujukan
""".replace("|\n    ", "| ")
)
_KECAMATAN_BIDANG = "7.01"
_KECAMATAN_THEME = "kualitas pelayanan publik di kecamatan"
_PLACE_HEADS: tuple[str, ...] = ("Suka", "Mekar", "Sari", "Karang", "Tanjung", "Sumber", "Giri")
_PLACE_HEADS += ("Jati", "Wana", "Cinta", "Bumi", "Tirta", "Wono", "Purwo", "Sido", "Margo")
_PLACE_TAILS: tuple[str, ...] = ("maju", "jaya", "makmur", "asih", "mulya", "rahayu", "sari")
_PLACE_TAILS += ("wangi", "agung", "harja", "tani", "raharja", "rejo", "luhur", "mukti", "asri")


class _Unit(NamedTuple):
    """An agency being generated: its model object and what its tree is about."""

    opd: model.Opd
    bidang: tuple[str, ...]
    """Bidang urusan whose programs the agency runs; the first gives its OPD code."""
    tema: str
    weight: float
    """Relative share of the agency nodes it gets."""


def _make_opds(rng: random.Random, count: int) -> list[_Unit]:
    units: list[_Unit] = []
    serials: dict[str, int] = {}

    def opd_code(bidang: Sequence[str]) -> str:
        serial = serials.get(bidang[0], 0)
        serials[bidang[0]] = serial + 1
        parts = [*bidang[:3], *(["0.00"] * (3 - len(bidang[:3])))]
        return ".".join(parts) + f".{serial % 99 + 1:02d}.{serial // 99:04d}"

    for agency_id, nama, singkatan, jenis, bidang, tema in _AGENCIES[:count]:
        kepala = (
            f"Kepala {nama}" if not nama.startswith("Sekretariat") else f"Sekretaris {nama[12:]}"
        )
        if agency_id == "setda":
            kepala = "Sekretaris Daerah"
        elif agency_id == "inspektorat":
            kepala = "Inspektur Daerah"
        elif agency_id == "rsud":
            kepala = "Direktur Rumah Sakit Umum Daerah"
        weight = rng.uniform(0.7, 1.3)
        opd = model.Opd(id=agency_id, name=nama, short_name=singkatan, head=kepala, kind=jenis)
        units.append(_Unit(opd, bidang, tema, weight))
    places = [head + tail for head in _PLACE_HEADS for tail in _PLACE_TAILS]
    rng.shuffle(places)
    for index in range(count - len(units)):
        place = places[index % len(places)]
        round_ = index // len(places)
        name = place if round_ == 0 else f"{place} {round_ + 1}"
        kecamatan_id = f"kec-{place.lower()}" + (f"-{round_ + 1}" if round_ else "")
        weight = rng.uniform(0.35, 0.65)
        opd = model.Opd(
            id=kecamatan_id,
            name=f"Kecamatan {name}",
            short_name=f"Kec. {name}",
            head=f"Camat {name}",
            kind="kecamatan",
        )
        units.append(_Unit(opd, (_KECAMATAN_BIDANG,), _KECAMATAN_THEME, weight))
    for unit in units:
        unit.opd.code = opd_code(unit.bidang)
    return units


# --------------------------------------------------------------------------------------------
# Indicators


class _Measure(NamedTuple):
    polaritas: str
    low: float
    high: float
    step_low: float
    step_high: float
    decimals: int
    bound: float | None
    """Upper bound for ``maksimal``, lower bound for ``minimal``."""


class _Template(NamedTuple):
    nama: str
    satuan: str
    measure: _Measure
    formula: str | None = None


_PERSEN = _Measure("maksimal", 45, 85, 1, 4, 2, 100)
_PERSEN_TURUN = _Measure("minimal", 6, 25, 0.5, 2, 2, 0)
_NILAI = _Measure("maksimal", 60, 80, 0.5, 2.5, 2, 100)
_INDEKS = _Measure("maksimal", 2.6, 3.3, 0.02, 0.1, 2, 4)
_DOKUMEN = _Measure("maksimal", 1, 6, 0, 1, 0, None)
_JUMLAH = _Measure("maksimal", 20, 400, 2, 30, 0, None)
_LAPORAN = _Measure("stabil", 4, 12, 0, 0, 0, None)
_RASIO = _Measure("stabil", 1, 1, 0, 0, 2, None)
_RATIO_FORMULA = "(realisasi / target) x 100%"


def _template_table(text: str) -> tuple[_Template, ...]:
    """Rows of ``name | unit | polarity | low high step_low step_high decimals bound``."""
    templates: list[_Template] = []
    for line in text.strip().splitlines():
        nama, satuan, polaritas, numbers = (cell.strip() for cell in line.split("|"))
        low, high, step_low, step_high, decimals, bound = map(float, numbers.split())
        measure = _Measure(polaritas, low, high, step_low, step_high, int(decimals), bound)
        templates.append(_Template(nama, satuan, measure))
    return tuple(templates)


# Regional indicators (IKU Pemda): baseline between low and high, a yearly step between step_low
# and step_high in the direction of the polarity, never past bound.
_REGIONAL_TEMPLATES = _template_table("""
Indeks Pembangunan Manusia | poin | maksimal | 68 74 0.3 0.7 2 100
Umur Harapan Hidup | tahun | maksimal | 71 74 0.1 0.3 2 90
Persentase Penduduk Miskin | % | minimal | 7 13 0.2 0.6 2 0
Tingkat Pengangguran Terbuka | % | minimal | 3.5 7 0.1 0.4 2 0
Laju Pertumbuhan Ekonomi | % | maksimal | 4.5 5.5 0.05 0.2 2 10
Indeks Gini | indeks | minimal | 0.33 0.4 0.002 0.006 3 0
Rata-rata Lama Sekolah | tahun | maksimal | 7.5 9 0.05 0.15 2 16
Harapan Lama Sekolah | tahun | maksimal | 12 13.5 0.05 0.15 2 18
Prevalensi Stunting | % | minimal | 14 25 1 2.5 2 0
Angka Kematian Ibu | per 100.000 kelahiran hidup | minimal | 90 140 4 9 0 0
Indeks Kualitas Lingkungan Hidup | indeks | maksimal | 62 72 0.3 1 2 100
Indeks Reformasi Birokrasi | nilai | maksimal | 60 72 1 3 2 100
Nilai SAKIP Pemerintah Daerah | nilai | maksimal | 62 72 1 2.5 2 100
Indeks Kepuasan Masyarakat | nilai | maksimal | 76 84 0.5 1.2 2 100
PDRB per Kapita | juta rupiah | maksimal | 30 45 1.5 3 2 1000
Indeks Desa Membangun | indeks | maksimal | 0.62 0.72 0.01 0.02 3 1
""")
_OUTCOME_TEMPLATES = (
    _Template("Persentase capaian kinerja {}", "%", _PERSEN, _RATIO_FORMULA),
    _Template("Indeks kepuasan masyarakat terhadap layanan {}", "nilai", _NILAI),
    _Template("Nilai evaluasi kinerja {}", "nilai", _NILAI),
    _Template(
        "Persentase permasalahan {} yang belum tertangani",
        "%",
        _PERSEN_TURUN,
        "(jumlah permasalahan belum tertangani / jumlah permasalahan) x 100%",
    ),
    _Template(
        "Persentase layanan {} yang memenuhi standar",
        "%",
        _PERSEN,
        "(jumlah layanan sesuai standar / jumlah layanan) x 100%",
    ),
    _Template("Indeks kualitas {}", "indeks", _INDEKS),
)
_OUTPUT_TEMPLATES = (
    _Template("Jumlah dokumen {} yang tersusun", "dokumen", _DOKUMEN),
    _Template("Jumlah kegiatan {} yang terlaksana", "kegiatan", _JUMLAH),
    _Template(
        "Persentase pelaksanaan {} tepat waktu",
        "%",
        _PERSEN,
        "(jumlah tahapan tepat waktu / jumlah tahapan) x 100%",
    ),
    _Template("Jumlah laporan pelaksanaan {}", "laporan", _LAPORAN),
    _Template("Jumlah penerima manfaat {}", "orang", _JUMLAH),
    _Template("Rasio realisasi terhadap rencana {}", "rasio", _RASIO, "realisasi / rencana"),
    _Template(
        "Persentase serapan anggaran {}",
        "%",
        _PERSEN,
        "(realisasi anggaran / pagu anggaran) x 100%",
    ),
)


ACTION_PLAN_EVERY = 4
"""Every how many sub kegiatan nodes one indicator gets quarterly targets and an action plan."""
_STEPS = (
    "Pendataan sasaran dan penyusunan jadwal:",
    "Pelaksanaan tahap I:",
    "Pelaksanaan tahap II dan pemantauan:",
    "Penyelesaian dan evaluasi:",
)


def _quarters(value: model.Value, grows: bool) -> dict[str, model.Value]:
    """TW I–IV of a yearly figure, cumulative: a quarter, a half, three quarters and the whole
    of it when higher is better (counted up during the year), else the figure every quarter (a
    state held). TW IV is always the figure itself."""
    if not grows or not isinstance(value, int | float) or isinstance(value, bool):
        return dict.fromkeys(spec.QUARTERS, value)
    shares = (0.25, 0.5, 0.75)
    if isinstance(value, int):
        parts: list[model.Value] = [round(value * share) for share in shares]
    else:
        parts = [round(value * share, 2) for share in shares]
    return dict(zip(spec.QUARTERS, [*parts, value], strict=True))


def _series(rng: random.Random, m: _Measure) -> tuple[model.Value, list[model.Value], model.Value]:
    """Baseline, five yearly targets moving the right way for the polarity, and a realisation."""
    value = rng.uniform(m.low, m.high)
    if m.decimals == 0:
        value = float(round(value))
    baseline = value
    targets: list[float] = []
    for _ in YEARS:
        step = rng.uniform(m.step_low, m.step_high)
        if m.polaritas == "maksimal":
            value += step
            if m.bound is not None:
                value = min(value, m.bound)
        elif m.polaritas == "minimal":
            value -= step
            if m.bound is not None:
                value = max(value, m.bound)
        if m.decimals == 0:
            value = float(round(value))
        targets.append(value)
    first = targets[0]
    if m.polaritas == "maksimal":
        achieved = first * rng.uniform(0.85, 1.06)
        if m.bound is not None:
            achieved = min(achieved, m.bound)
    elif m.polaritas == "minimal":
        achieved = first * rng.uniform(0.94, 1.15)
    else:
        achieved = first * rng.uniform(0.97, 1.03)
    return (
        _number(baseline, m.decimals),
        [_number(target, m.decimals) for target in targets],
        _number(achieved, m.decimals),
    )


# --------------------------------------------------------------------------------------------
# Nodes


_LOWER_WORDS = frozenset({"dan", "di", "ke", "dari", "untuk", "yang", "atau", "serta", "pada"})
_LOWER_WORDS |= {"dalam", "bagi", "oleh", "dengan", "terhadap"}


def _title(upper_name: str) -> str:
    """``PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)`` → ``Pengelolaan Sumber Daya Air (SDA)``."""
    words = upper_name.split()
    if words and words[0] == "PROGRAM":
        words = words[1:]
    out: list[str] = []
    for index, word in enumerate(words):
        letters = word.strip("(),./-")
        if word.startswith("(") or (letters and not any(c in "AIUEO" for c in letters)):
            out.append(word)
        elif index and word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        else:
            out.append("/".join(part.capitalize() for part in word.split("/")))
    return " ".join(out)


def _program_head(opd: model.Opd, kode: str, topic: str) -> str:
    """The position owning a program: the secretary for the supporting program, else a bidang."""
    if not kode.endswith(".01"):
        return f"Kepala Bidang {_short(topic)}"
    if opd.kind == "sekretariat":
        return "Kepala Bagian Umum"
    return f"Sekretaris {opd.name}"


def _echelon(position_name: str) -> str:
    """The echelon of a position the generator names (see :func:`_program_head`)."""
    if position_name.startswith(("Sekretaris", "Kepala Bagian")):
        return "III.a"
    if position_name.startswith("Kepala Bidang"):
        return "III.b"
    if position_name.startswith(("Kepala Seksi", "Kepala Subbagian")):
        return "IV.a"
    return "II.b"


def _assign_positions(opd: model.Opd, nodes: Sequence[model.Node]) -> None:
    """Give ``opd`` its positions and each of ``nodes`` the one that answers for it: the
    sasaran strategis the head, a program its bidang (or the secretary), a kegiatan and its sub
    kegiatan the kegiatan's seksi (or subbagian). A position is named once (by its name) and
    sits under the position of the first node above it that another position answers for."""
    head = model.Position(
        id=f"{opd.id}.kepala", name=opd.head or f"Kepala {opd.name}", echelon="II.b"
    )
    positions: dict[str, model.Position] = {head.name: head}
    by_id = {node.id: node for node in nodes}
    counters = {"III": 0, "IV": 0}
    for node in nodes:
        if node.level == OPD_LEVELS[0]:
            node.position_id = head.id
            continue
        parent = by_id.get(node.parent_id or "")
        if node.level == OPD_LEVELS[3]:
            node.position_id = parent.position_id if parent is not None else head.id
            continue
        name = node.responsible or ""
        position = positions.get(name)
        if position is None:
            echelon = _echelon(name)
            tier = echelon.split(".")[0]
            counters[tier] = counters.get(tier, 0) + 1
            short = "kabid" if tier == "III" else "kasi"
            superior = parent.position_id if parent is not None else head.id
            position = model.Position(
                id=f"{opd.id}.{short}-{counters[tier]}",
                name=name,
                echelon=echelon,
                superior_id=superior or head.id,
            )
            positions[name] = position
        node.position_id = position.id
    opd.positions = list(positions.values())


def _kegiatan_head(program: str) -> str:
    """Kegiatan of the supporting program belong to a subbagian, the others to a seksi."""
    return "Kepala Subbagian" if program.endswith(".01") else "Kepala Seksi"


def _short(text: str, words: int = 6) -> str:
    """The first ``words`` words of ``text``, not ending on a conjunction or preposition."""
    kept = text.split()[:words]
    while len(kept) > 1 and kept[-1].lower() in _LOWER_WORDS:
        kept.pop()
    return " ".join(kept)


def _split_exact(total: int, weights: Sequence[float], minimum: int) -> list[int]:
    """Split ``total`` into parts proportional to ``weights``, each at least ``minimum``."""
    spare = total - minimum * len(weights)
    scale = spare / sum(weights)
    shares = [weight * scale for weight in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: (parts[i] - shares[i], i))
    for index in by_remainder[: spare - sum(parts)]:
        parts[index] += 1
    return [minimum + part for part in parts]


def _level_counts(total: int, least_strategic: int = 1) -> list[int]:
    """Nodes per agency level, close to ``LEVEL_SHAPE``, never more at a level than below it.

    At least ``least_strategic`` top nodes where ``total`` leaves room for a chain under each.
    """
    unit = total / sum(LEVEL_SHAPE)
    strategic = max(
        1, min(total // len(LEVEL_SHAPE), max(least_strategic, round(unit * LEVEL_SHAPE[0])))
    )
    program = max(strategic, round(unit * LEVEL_SHAPE[1]))
    kegiatan = max(program, round(unit * LEVEL_SHAPE[2]))
    while total - strategic - program - kegiatan < kegiatan:
        if kegiatan > program:
            kegiatan -= 1
        elif program > strategic:
            program -= 1
        else:
            strategic -= 1
    return [strategic, program, kegiatan, total - strategic - program - kegiatan]


def _spread(rng: random.Random, children: int, parents: int) -> list[int]:
    """How many of ``children`` each of ``parents`` gets: at least one each, the rest at random."""
    counts = [1] * parents
    for _ in range(children - parents):
        counts[rng.randrange(parents)] += 1
    return counts


_MISI = (
    "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berkarakter",
    "Mewujudkan perekonomian daerah yang tangguh, berdaya saing dan berkelanjutan",
    "Meningkatkan kualitas infrastruktur dan lingkungan hidup",
    "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani",
    "Memperkuat kehidupan sosial yang aman, rukun dan berbudaya",
    "Mengembangkan desa dan kawasan perdesaan yang mandiri",
)
_TUJUAN = (
    "Meningkatnya derajat kesehatan masyarakat",
    "Meningkatnya kualitas pendidikan",
    "Meningkatnya pertumbuhan ekonomi yang inklusif",
    "Menurunnya tingkat kemiskinan dan pengangguran",
    "Meningkatnya kualitas infrastruktur wilayah",
    "Meningkatnya kualitas lingkungan hidup",
    "Meningkatnya akuntabilitas kinerja pemerintahan",
    "Meningkatnya kualitas pelayanan publik",
    "Terwujudnya ketenteraman dan ketertiban masyarakat",
    "Meningkatnya kemandirian desa",
)
_SASARAN = (
    "Menurunnya angka kematian ibu dan bayi",
    "Menurunnya prevalensi stunting",
    "Meningkatnya rata-rata lama sekolah",
    "Meningkatnya produktivitas sektor pertanian",
    "Meningkatnya investasi daerah",
    "Menurunnya persentase penduduk miskin",
    "Meningkatnya kemantapan jalan kabupaten",
    "Meningkatnya akses air minum dan sanitasi layak",
    "Meningkatnya kualitas udara dan air",
    "Meningkatnya nilai SAKIP pemerintah daerah",
    "Meningkatnya indeks kepuasan masyarakat",
    "Meningkatnya kualitas pengelolaan keuangan daerah",
    "Menurunnya gangguan ketenteraman dan ketertiban",
    "Meningkatnya status desa mandiri",
    "Meningkatnya kunjungan wisatawan",
    "Meningkatnya kualitas layanan administrasi kependudukan",
)
_SS_PATTERNS = ("Meningkatnya {}", "Meningkatnya kualitas {}", "Terwujudnya peningkatan {}",
                "Menguatnya {}", "Optimalnya {}")  # fmt: skip
_SP_PATTERNS = ("Meningkatnya kinerja {}", "Meningkatnya efektivitas {}", "Optimalnya {}")
_SK_PATTERNS = ("Terlaksananya {}", "Meningkatnya kualitas {}", "Tercapainya sasaran {}")
_ROLES = (
    "Dukungan data dan informasi",
    "Pelaksanaan kegiatan bersama",
    "Penyediaan sarana pendukung",
    "Pendampingan teknis",
    "Koordinasi lintas sektor",
    "Sosialisasi kepada masyarakat",
)


def _numbered(pool: Sequence[str], index: int) -> str:
    text = pool[index % len(pool)]
    return text if index < len(pool) else f"{text} ({index // len(pool) + 1})"


class _Builder:
    """Builds the regency as model objects for one set of parameters."""

    def __init__(self, params: SyntheticParams, nomenclature: _Hierarchy) -> None:
        self.params = params
        self.nomenclature = nomenclature
        self.rng = random.Random(params.seed)
        self.regional: list[model.Node] = []
        self.sasaran: list[model.Node] = []
        self.opds = _make_opds(self.rng, params.opd)
        self.opd_nodes: list[list[model.Node]] = []
        self.topics: dict[str, str] = {}
        """Short subject of each node, used to name its indicators."""
        self.subs: dict[str, Entry] = {}
        """The nomenclature's sub kegiatan of each sasaran sub kegiatan."""
        self.problems: list[model.ProblemTheme] = []
        """The problem themes (``masalah``) of the regional file."""

    def _node(
        self,
        id: str,
        level: str,
        parent: str | None,
        statement: str,
        responsible: str,
        topic: str,
        code: str | None = None,
    ) -> model.Node:
        self.topics[id] = topic
        return model.Node(
            id=id,
            level=level,
            parent_id=parent,
            statement=statement,
            responsible=responsible,
            code=code,
        )

    # -- structure ---------------------------------------------------------------------------

    def build(self) -> None:
        self._build_regional()
        budgets = _split_exact(
            self.params.nodes - self.params.regional_nodes,
            [unit.weight for unit in self.opds],
            _MIN_OPD_NODES,
        )
        # Enough sasaran strategis for every regional sasaran to be cascaded to an agency.
        least = -(-len(self.sasaran) // len(self.opds))
        shapes = [_level_counts(budget, least) for budget in budgets]
        parents = self._strategic_parents(sum(shape[0] for shape in shapes))
        for unit, shape in zip(self.opds, shapes, strict=True):
            nodes = self._build_opd(unit, shape, parents)
            unit.opd.node_ids = [node.id for node in nodes]
            self.opd_nodes.append(nodes)
        self._build_indicators()
        self._build_action_plans()
        self._build_crosscutting()
        self._build_supports()
        self._build_problems()

    def _build_regional(self) -> None:
        p = self.params
        head = self._head()
        visi = self._node(
            "visi",
            "visi",
            None,
            f"Terwujudnya {p.nama} yang Sehat, Cerdas, Sejahtera dan Berdaya Saing",
            head,
            "pembangunan daerah",
        )
        self.regional.append(visi)
        tujuan_index = 0
        sasaran_index = 0
        for m in range(1, p.misi + 1):
            misi = self._node(
                f"misi-{m}", "misi", visi.id, _numbered(_MISI, m - 1), head, "pembangunan daerah"
            )
            self.regional.append(misi)
            for t in range(1, p.tujuan_per_misi + 1):
                statement = _numbered(_TUJUAN, tujuan_index)
                tujuan_index += 1
                tujuan = self._node(
                    f"tujuan-{m}-{t}", "tujuan", misi.id, statement, head, statement
                )
                self.regional.append(tujuan)
                for s in range(1, p.sasaran_per_tujuan + 1):
                    statement = _numbered(_SASARAN, sasaran_index)
                    sasaran_index += 1
                    sasaran = self._node(
                        f"sasaran-{m}-{t}-{s}", "sasaran", tujuan.id, statement, head, statement
                    )
                    self.regional.append(sasaran)
                    self.sasaran.append(sasaran)

    def _kind(self) -> str:
        first = self.params.nama.split()[0].lower()
        return first if first in ("kota", "provinsi") else "kabupaten"

    def _head(self) -> str:
        nama = self.params.nama
        title = {"kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur"}[self._kind()]
        first, _, rest = nama.partition(" ")
        return f"{title} {rest}" if first.lower() == self._kind() and rest else f"{title} {nama}"

    def _strategic_parents(self, count: int) -> Iterator[model.Node]:
        """Regional sasaran for ``count`` sasaran strategis: each one at least once if possible."""
        parents = list(self.sasaran)
        self.rng.shuffle(parents)
        parents.extend(self.rng.choice(self.sasaran) for _ in range(count - len(parents)))
        parents = parents[:count]
        self.rng.shuffle(parents)
        return iter(parents)

    def _build_opd(
        self, unit: _Unit, shape: Sequence[int], parents: Iterator[model.Node]
    ) -> list[model.Node]:
        rng = self.rng
        nom = self.nomenclature
        opd = unit.opd
        n_ss, n_sp, n_sk, n_ssk = shape
        sp_per_ss = _spread(rng, n_sp, n_ss)
        sk_per_sp = _spread(rng, n_sk, n_sp)
        ssk_per_sk = _spread(rng, n_ssk, n_sk)
        programs = [program for bidang in unit.bidang for program in nom.programs[bidang]]
        rng.shuffle(programs)
        nodes: list[model.Node] = []
        counters = dict.fromkeys(OPD_LEVELS, 0)

        def new_id(level: str) -> str:
            counters[level] += 1
            return f"{opd.id}-{_LEVEL_TAG[level]}-{counters[level]}"

        sp_iter = iter(sk_per_sp)
        sk_iter = iter(ssk_per_sk)
        for ss_index, sp_count in enumerate(sp_per_ss):
            parent = next(parents)
            pattern = _SS_PATTERNS[ss_index % len(_SS_PATTERNS)]
            ss = self._node(
                new_id(OPD_LEVELS[0]),
                OPD_LEVELS[0],
                parent.id,
                pattern.format(unit.tema),
                opd.head or "",
                unit.tema,
            )
            nodes.append(ss)
            for _ in range(sp_count):
                kode, nama = programs[counters[OPD_LEVELS[1]] % len(programs)]
                topic = _title(nama)
                sp = self._node(
                    new_id(OPD_LEVELS[1]),
                    OPD_LEVELS[1],
                    ss.id,
                    rng.choice(_SP_PATTERNS).format(topic),
                    _program_head(opd, kode, topic),
                    topic,
                    kode,
                )
                nodes.append(sp)
                kegiatan = list(nom.kegiatan[kode])
                rng.shuffle(kegiatan)
                sp_budgets: list[dict[int, int]] = []
                for k in range(next(sp_iter)):
                    kode_k, nama_k = kegiatan[k % len(kegiatan)]
                    sk = self._node(
                        new_id(OPD_LEVELS[2]),
                        OPD_LEVELS[2],
                        sp.id,
                        rng.choice(_SK_PATTERNS).format(nama_k),
                        f"{_kegiatan_head(kode)} {_short(nama_k)}",
                        nama_k,
                        kode_k,
                    )
                    nodes.append(sk)
                    subs = list(nom.sub_kegiatan[kode_k])
                    rng.shuffle(subs)
                    sk_budgets: list[dict[int, int]] = []
                    for u in range(next(sk_iter)):
                        sub = subs[u % len(subs)]
                        ssk = self._node(
                            new_id(OPD_LEVELS[3]),
                            OPD_LEVELS[3],
                            sk.id,
                            f"Terlaksananya {sub.name}",
                            f"Pejabat Pelaksana Teknis Kegiatan {_short(sub.name)}",
                            sub.name,
                            sub.code,
                        )
                        budget = self._budget()
                        ssk.budget = dict(budget)
                        self.subs[ssk.id] = sub
                        sk_budgets.append(budget)
                        nodes.append(ssk)
                    sk_budget = _sum_budgets(sk_budgets)
                    sk.budget = dict(sk_budget)
                    sp_budgets.append(sk_budget)
                sp.budget = dict(_sum_budgets(sp_budgets))
                _budget_kinds(sp, len(nodes))
        for node in nodes:
            node.opd_id = opd.id
        if self.params.positions:
            _assign_positions(opd, nodes)
        return nodes

    def _budget(self) -> dict[int, int]:
        base = self.rng.randrange(50, 2000) * 1_000_000
        budget: dict[int, int] = {}
        for year in YEARS:
            budget[year] = base
            base = int(round(base * self.rng.uniform(1.0, 1.1), -5))
        return budget

    # -- indicators --------------------------------------------------------------------------

    def _build_indicators(self) -> None:
        rng = self.rng
        everyone: list[tuple[model.Node, _Unit | None]] = [(node, None) for node in self.regional]
        for unit, nodes in zip(self.opds, self.opd_nodes, strict=True):
            everyone.extend((node, unit) for node in nodes)
        weights = [_INDICATOR_WEIGHT.get(node.level, 1.0) for node, _ in everyone]
        counts = [1] * len(everyone)
        extra = self.params.indicators - len(everyone)
        for index in rng.choices(range(len(everyone)), weights=weights, k=extra):
            counts[index] += 1
        for (node, owner), count in zip(everyone, counts, strict=True):
            node.indicators = self._indicators(node, owner, count)

    def _build_action_plans(self) -> None:
        """Quarterly targets (the first two years), quarterly realisation (the first year) and an
        action plan (the second year) on the first indicator of every fourth sub kegiatan node,
        so that benchmarks build the Rencana Aksi pages. Derived from the yearly figures, without
        drawing from the random stream (the rest of the regency stays as it was)."""
        lowest = OPD_LEVELS[-1]
        subs = [node for nodes in self.opd_nodes for node in nodes if node.level == lowest]
        for node in subs[::ACTION_PLAN_EVERY]:
            if not node.indicators:
                continue
            indicator = node.indicators[0]
            grows = indicator.polarity == "maksimal"
            plan = {
                year: _quarters(indicator.targets[year], grows)
                for year in YEARS[:2]
                if year in indicator.targets
            }
            if len(plan) < 2:
                continue
            indicator.quarterly_targets = plan
            achieved = indicator.realisations.get(YEARS[0])
            if achieved is not None:
                indicator.quarterly = {YEARS[0]: _quarters(achieved, grows)}
            indicator.action_plan = {
                YEARS[1]: {
                    quarter: f"{step} {indicator.name[0].lower()}{indicator.name[1:]}"
                    for quarter, step in zip(spec.QUARTERS, _STEPS, strict=True)
                }
            }

    def _indicators(
        self, node: model.Node, unit: _Unit | None, count: int
    ) -> list[model.Indicator]:
        """``count`` indicators for ``node``, without repeating a template while there are more."""
        rng = self.rng
        outcome = node.level in ("sasaran_strategis", "sasaran_program")
        if unit is None:
            pool = _REGIONAL_TEMPLATES
            jenis = "dampak" if node.level in ("visi", "misi", "tujuan") else "outcome"
            owner, source = "Pemerintah Daerah", f"Badan Pusat Statistik {self.params.nama}"
        else:
            pool = _OUTCOME_TEMPLATES if outcome else _OUTPUT_TEMPLATES
            jenis = "outcome" if outcome else "output"
            owner, source = unit.opd.label, f"Laporan Kinerja {unit.opd.name}"
        chosen: list[tuple[str, _Template]] = []
        sub = self.subs.get(node.id)
        if sub is not None and sub.indicator:
            # The nomenclature's own output indicator for the sub kegiatan comes first.
            unit_name = sub.unit or ""
            measure = _DOKUMEN if unit_name.lower() in ("dokumen", "laporan") else _JUMLAH
            chosen.append((sub.indicator, _Template(sub.indicator, unit_name or "unit", measure)))
        start = rng.randrange(len(pool))
        topic = self.topics[node.id]
        while len(chosen) < count:
            template = pool[(start + len(chosen)) % len(pool)]
            chosen.append((template.nama.format(topic), template))
        indicators: list[model.Indicator] = []
        for number, (nama, template) in enumerate(chosen[:count], start=1):
            baseline, targets, achieved = _series(rng, template.measure)
            indicators.append(
                model.Indicator(
                    id=f"{node.id}-i{number}",
                    name=nama,
                    unit=template.satuan,
                    polarity=template.measure.polaritas,
                    kind=jenis,
                    is_iku=number == 1 and node.level in ("tujuan", "sasaran", "sasaran_strategis"),
                    baseline=model.Baseline(BASELINE_YEAR, baseline),
                    targets=dict(zip(YEARS, targets, strict=True)),
                    realisations={YEARS[0]: achieved},
                    definition=f"{nama} yang dicapai {owner} pada akhir tahun anggaran",
                    data_source=source,
                    formula=template.formula,
                    responsible=(
                        f"Sekretariat {owner}"
                        if number == 2 and node.level == OPD_LEVELS[0]
                        else None
                    ),
                    node_id=node.id,
                )
            )
        return indicators

    # -- crosscutting ------------------------------------------------------------------------

    def _build_crosscutting(self) -> None:
        rng = self.rng
        sources = [
            (opd_index, node) for opd_index, nodes in enumerate(self.opd_nodes) for node in nodes
        ]
        count = round(self.params.crosscutting * len(sources))
        if not count:
            return
        by_level: dict[str, list[list[model.Node]]] = {
            level: [[node for node in nodes if node.level == level] for nodes in self.opd_nodes]
            for level in OPD_LEVELS
        }
        statuses = [status for status, _ in _STATUS_WEIGHTS]
        status_weights = [weight for _, weight in _STATUS_WEIGHTS]
        for opd_index, node in rng.sample(sources, count):
            other = rng.randrange(len(self.opds) - 1)
            other += other >= opd_index
            target = rng.choice(by_level[node.level][other])
            role = f"{rng.choice(_ROLES)} oleh {self.opds[other].opd.label}"
            status = rng.choices(statuses, weights=status_weights)[0]
            node.crosscutting = [
                model.Crosscutting(role=role, status=status, target_id=target.id, source_id=node.id)
            ]

    # -- cascading per indicator -------------------------------------------------------------

    def _build_supports(self) -> None:
        """``mendukung`` on every indicator below the visi, valid for the rules of
        :mod:`mkdocs_pohon_plugin.core.tree.support_rules`:

        - each supports one indicator of its parent node (a fifth of them two, where the parent
          has two or more);
        - each regional and IKU indicator of a node with children is supported by at least one
          indicator of a child (one more entry on a child's indicator where none chose it);
        - half of the agreed crosscutting links add support from an indicator of the partner (or
          of one of its children) to the first indicator of the sender. Links join nodes of one
          level, and such an entry is added only from a node later in the file order to an
          earlier one, so support never runs in a cycle. Pending and rejected links carry none.
        """
        rng = self.rng
        everyone = [*self.regional, *(node for nodes in self.opd_nodes for node in nodes)]
        by_id = {node.id: node for node in everyone}
        children: dict[str, list[model.Node]] = {}
        for node in everyone:
            parent = by_id.get(node.parent_id or "")
            if parent is None or not parent.indicators:
                continue
            children.setdefault(parent.id, []).append(node)
            above = parent.indicators
            for indicator in node.indicators:
                two = len(above) > 1 and rng.random() < 0.2
                picks = rng.sample(above, 2) if two else [rng.choice(above)]
                indicator.supports = [pick.id for pick in picks]
        supported = {t for node in everyone for i in node.indicators for t in i.supports}
        for node in everyone:
            below = children.get(node.id)
            if not below:
                continue
            for indicator in node.indicators:
                if indicator.id in supported or not (node.opd_id is None or indicator.is_iku):
                    continue
                helper = rng.choice(rng.choice(below).indicators)
                helper.supports.append(indicator.id)
                supported.add(indicator.id)
        order = {node.id: index for index, node in enumerate(everyone)}
        for sender in everyone:
            for link in sender.crosscutting:
                partner = by_id.get(link.target_id or "")
                if (
                    partner is None
                    or link.status != "disetujui"
                    or order[partner.id] < order[sender.id]
                    or not sender.indicators
                    or rng.random() < 0.5
                ):
                    continue
                helpers = [partner, *children.get(partner.id, ())]
                helper = rng.choice(rng.choice(helpers).indicators)
                target = sender.indicators[0].id
                if target not in helper.supports:
                    helper.supports.append(target)

    # -- problem trees (akar masalah) ----------------------------------------------------------

    def _build_problems(self) -> None:
        """The first ``masalah`` themes of :data:`_THEMES`; each root cause but the last
        (:data:`UNADDRESSED`) is addressed by one to three agency nodes of the lower levels, and a
        sasaran strategis addresses each theme's first cause (a mid-level cause). Drawn from a
        random generator of its own, so the rest of the regency does not change with it."""
        self.problems = []
        rng = random.Random(f"{self.params.seed}-masalah")
        agency = [node for nodes in self.opd_nodes for node in nodes]
        lower = [n for n in agency if n.level in ("sasaran_kegiatan", "sasaran_sub_kegiatan")]
        strategic = [n for n in agency if n.level == "sasaran_strategis"]
        for theme_id, name, core, causes in _THEMES[: self.params.masalah]:
            theme = model.ProblemTheme(
                theme_id,
                name,
                core,
                data=f"{rng.randint(8, 30)},{rng.randint(0, 9)}% (data sintetis {YEARS[0] - 1})",
            )
            roots: list[model.Cause] = []
            for number, (description, root_texts) in enumerate(causes, 1):
                cause = model.Cause(f"{theme_id}-{number}", description)
                for sub, text in enumerate(root_texts, 1):
                    root = model.Cause(
                        f"{theme_id}-{number}-{sub}",
                        text,
                        data=f"{rng.randint(20, 95)}% (data sintetis {YEARS[0] - 1})",
                    )
                    cause.causes.append(root)
                    roots.append(root)
                theme.causes.append(cause)
            self.problems.append(theme)
            for root in roots[: len(roots) - UNADDRESSED] if lower else ():
                for node in rng.sample(lower, min(len(lower), rng.randint(1, 3))):
                    node.addresses.append(root.id)
            if strategic and theme.causes:
                rng.choice(strategic).addresses.append(theme.causes[0].id)

    # -- output ------------------------------------------------------------------------------

    def region(self) -> model.Region:
        p = self.params
        return model.Region(
            name=p.nama,
            kind=self._kind(),
            head=self._head(),
            period=model.Period(YEARS[0], YEARS[-1]),
            document=f"RPJMD {p.nama} {YEARS[0]}-{YEARS[-1]}",
            nomenclature=model.NomenclatureRef(NOMENCLATURE_VERSION, NOMENCLATURE_FOLDER),
        )

    def pemda_yaml(self) -> str:
        comments = [
            yaml_writer.schema_comment(1),
            "Synthetic regency generated by mkdocs_pohon_plugin.testing.synthetic "
            f"(seed {self.params.seed}).",
        ]
        return yaml_writer.regional_file(
            self.region(), self.regional, comments=comments, problems=self.problems
        )

    def opd_yaml(self, opd: model.Opd, nodes: list[model.Node]) -> str:
        return yaml_writer.opd_file(opd, nodes, comments=[yaml_writer.schema_comment(2)])


def _budget_kinds(program: model.Node, number: int) -> None:
    """The other budget kinds of a program, derived from its APBD murni without touching the
    random stream (so every other value of a generated regency stays as it was): the RPJMD
    ceiling (``pagu_indikatif``) ten percent above it, also for the baseline year; for every
    third program an APBD perubahan five percent above it in the first year; and the money spent
    in the first year (the year indicators have a realisation), 92 % of the budget in force."""
    first = YEARS[0]
    adopted = {year: int(amount) for year, amount in program.budget.items()}
    program.budget_plan = {BASELINE_YEAR: int(round(adopted[first] * 0.95, -5))}
    for year in YEARS:
        program.budget_plan[year] = int(round(adopted[year] * 1.1, -5))
    in_force = adopted[first]
    if number % 3 == 0:
        in_force = int(round(adopted[first] * 1.05, -5))
        program.budget_revised = {first: in_force}
    program.budget_spent = {first: int(round(in_force * 0.92, -5))}


def _sum_budgets(budgets: Sequence[dict[int, int]]) -> dict[int, int]:
    """Budgets added up year by year (a kegiatan's is its sub kegiatan's)."""
    return {year: sum(budget[year] for budget in budgets) for year in YEARS}


# --------------------------------------------------------------------------------------------
# Public API


def generate_regency(out_dir: Path, params: SyntheticParams) -> SyntheticStats:
    """Write a valid trees folder for ``params`` into ``out_dir`` (missing or empty).

    Raises ``FileExistsError`` when ``out_dir`` already holds files, so that a stale agency file
    from an earlier, larger run can never end up in the result.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    (out_dir / "opd").mkdir(parents=True, exist_ok=True)
    folder = out_dir / NOMENCLATURE_FOLDER
    folder.mkdir(exist_ok=True)
    for name, data in _nomenclature_files().items():
        (folder / name).write_bytes(data)
    # The nomenclature as the checker will read it: the copy in the trees folder.
    builder = _Builder(params, _hierarchy(load_nomenclature(folder, NOMENCLATURE_VERSION)))
    builder.build()

    _write(out_dir / "pemda.yaml", builder.pemda_yaml())
    for unit, nodes in zip(builder.opds, builder.opd_nodes, strict=True):
        _write(out_dir / "opd" / f"{unit.opd.id}.yaml", builder.opd_yaml(unit.opd, nodes))

    all_nodes = [*builder.regional, *(node for nodes in builder.opd_nodes for node in nodes)]
    per_level = dict.fromkeys((*REGIONAL_LEVELS, *OPD_LEVELS), 0)
    for node in all_nodes:
        per_level[node.level] += 1
    return SyntheticStats(
        files=1 + len(builder.opds),
        opd=len(builder.opds),
        nodes=len(all_nodes),
        indicators=sum(len(node.indicators) for node in all_nodes),
        crosscutting=sum(bool(node.crosscutting) for node in all_nodes),
        nodes_per_level=per_level,
    )


def _write(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    defaults = SyntheticParams()
    parser = argparse.ArgumentParser(
        prog="python -m mkdocs_pohon_plugin.testing.synthetic",
        description="Write a synthetic regency (a valid trees folder) for benchmarks and tests.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to create (must be missing or empty)")
    parser.add_argument("--opd", type=int, default=defaults.opd, help="number of agencies")
    parser.add_argument("--nodes", type=int, default=defaults.nodes, help="total nodes")
    parser.add_argument(
        "--indicators", type=int, default=defaults.indicators, help="total indicators"
    )
    parser.add_argument(
        "--crosscutting",
        type=float,
        default=defaults.crosscutting,
        help="fraction of agency nodes with a crosscutting link",
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="random seed")
    parser.add_argument(
        "--no-positions",
        dest="positions",
        action="store_false",
        help="no positions (opd.jabatan), as before issue 18: for comparing figures",
    )
    args = parser.parse_args(argv)
    try:
        params = SyntheticParams(
            opd=args.opd,
            nodes=args.nodes,
            indicators=args.indicators,
            crosscutting=args.crosscutting,
            seed=args.seed,
            positions=args.positions,
        )
    except ValueError as error:
        parser.error(str(error))
    started = time.perf_counter()
    try:
        stats = generate_regency(args.out_dir, params)
    except FileExistsError as error:
        parser.error(str(error))
    elapsed = time.perf_counter() - started
    print(
        f"{args.out_dir}: {stats.files} files, {stats.opd} OPD, {stats.nodes} nodes, "
        f"{stats.indicators} indicators, {stats.crosscutting} crosscutting links "
        f"in {elapsed:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
