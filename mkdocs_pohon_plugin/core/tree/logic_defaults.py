"""The default word lists and thresholds of the logic rules (:mod:`.logic_rules`).

Data only. A site replaces any of them in ``pemda.yaml`` under ``pengaturan.mutu`` (declared in
:data:`.spec.QUALITY`); ``docs/rules.md`` lists these defaults (``pohon rules --format markdown``).
"""

from __future__ import annotations

OUTCOME_LEVELS: tuple[str, ...] = ("tujuan", "sasaran", "sasaran_strategis", "sasaran_program")
"""Level ids whose statements state a result (outcome), from the default level scheme
(:func:`.spec.default_levels`); a site with its own scheme names its own (``tingkat_hasil``).
The statements of the levels above the first of them (visi, misi) are left alone, but an output
indicator fits them no better; the levels below the last of them (sasaran kegiatan, sasaran sub
kegiatan) state the result their output brings, and an impact indicator does not fit them."""

OUTCOME_LEVELS_BY_SCHEME: dict[str, tuple[str, ...]] = {
    "sakip": OUTCOME_LEVELS,
    "kl": ("ultimate_outcome", "intermediate_outcome", "immediate_outcome"),
}
"""The outcome levels of each preset scheme (``pengaturan.skema``): a ministry's outcome tree
states results from its ultimate down to its immediate outcomes; its outputs are below them."""

ACTIVITY_WORDS: tuple[str, ...] = (
    "pelaksanaan",
    "penyelenggaraan",
    "penyusunan",
    "fasilitasi",
    "koordinasi",
    "rapat",
    "pengadaan",
    "penyediaan",
    "pengelolaan",
    "pembinaan",
    "pembangunan",
    "pemeliharaan",
    "pendampingan",
    "pengembangan",
    "peningkatan",
    "penguatan",
    "pemberdayaan",
    "pengendalian",
    "percepatan",
    "optimalisasi",
    "sosialisasi",
    "penyuluhan",
    "pelatihan",
    "pendataan",
    "monitoring",
    "bimbingan",
    "bimtek",
    "program",
    "kegiatan",
    "belanja",
)
"""Words that, opening a statement (its first word), make it an activity or a process rather
than a result: "Pelaksanaan rapat koordinasi", "Peningkatan kualitas layanan". The result is
said with the -nya form instead: "Meningkatnya kualitas layanan"."""

RESULT_WORDS: tuple[str, ...] = (
    "meningkat",
    "menurun",
    "berkurang",
    "bertambah",
    "naik",
    "turun",
    "tercapai",
    "terwujud",
    "tersedia",
    "terlaksana",
    "terlayani",
    "terpenuhi",
    "terkendali",
    "terkelola",
    "terbangun",
    "tersusun",
    "terselesaikan",
    "tertangani",
    "terjamin",
    "terjaga",
    "terpelihara",
    "optimal",
    "berkualitas",
    "bermutu",
)
"""Words that state a result, besides the nominal -nya forms (Meningkatnya, Tersedianya,
Ditetapkannya, Berkembangnya …), which are recognised by their shape."""

MAX_INDICATORS = 5
"""Most indicators one node may have: an evaluator asks for a few indicators that measure the
target, not a list of everything measured."""

REPORT_DUE_MONTH = 4
"""The performance report (LKjIP) of a year is due by 31 March of the next year: from 1 April
(this month) on, that year's realisation must be recorded."""
