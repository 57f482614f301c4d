"""Problems found in trees: the rule catalogue and the diagnostics that cite it.

Every diagnostic names a rule id, a file and a line, and says what to do. Errors cannot be switched
off; warnings (the evaluators' quality rules) can, per site, with ``pengaturan.aturan_nonaktif``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


LANGUAGES = ("id", "en")
"""The languages of every message the tool writes; Indonesian is the default."""


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in both languages the tool speaks (Indonesian first, the default)."""

    id: str
    en: str

    def __call__(self, language: str = "id") -> str:
        return self.en if language == "en" else self.id

    def map(self, change: Callable[[str], str]) -> Text:
        return Text(change(self.id), change(self.en))

    @classmethod
    def same(cls, text: str) -> Text:
        """A text that reads the same in both languages: a quoted value, a system's own words."""
        return cls(text, text)

    def __add__(self, other: Text) -> Text:
        """Both languages joined: ``Text("a", "b") + Text(" c", " d")``."""
        return Text(self.id + other.id, self.en + other.en)


def as_text(message: str | Text) -> Text:
    """``message`` as a :class:`Text`; a plain string (a value, not a sentence) stands for both."""
    return message if isinstance(message, Text) else Text.same(message)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    summary: Text
    """What the rule finds, in both languages."""
    criterion: str | None = None
    """The evaluation criterion a quality warning serves (an id in
    :data:`.criteria.CRITERIA`); None for errors and housekeeping warnings."""
    profile: str = "dasar"
    """The check profile that runs the rule (:data:`PROFILES`): ``dasar`` in every check and
    build, ``lke`` only with ``pohon check --profil lke`` (the logic rules)."""


PROFILES = ("dasar", "lke")
"""Check profiles: ``dasar`` (the default) runs every rule of its profile; ``lke`` runs those and
the logic rules in the spirit of the SAKIP evaluation sheet (LKE)."""


_E = Severity.ERROR
_W = Severity.WARNING

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # Reading files
        Rule(
            "berkas-tidak-terbaca",
            _E,
            Text(
                id="berkas pohon tidak dapat dibaca atau didekode sebagai UTF-8, atau terlalu besar",
                en="a tree file cannot be read or decoded as UTF-8, or is too large",
            ),
        ),
        Rule(
            "yaml-sintaks",
            _E,
            Text(
                id="berkas bukan YAML yang sah",
                en="the file is not valid YAML",
            ),
        ),
        Rule(
            "yaml-alias",
            _E,
            Text(
                id="anchor dan alias YAML tidak diizinkan: keduanya menyembunyikan isi dari penelaah",
                en="YAML anchors and aliases are not allowed: they hide content from reviewers",
            ),
        ),
        Rule(
            "kunci-ganda",
            _E,
            Text(
                id="satu kunci muncul dua kali dalam satu pemetaan; YAML diam-diam hanya menyimpan yang terakhir",
                en="a key appears twice in one mapping; YAML would silently keep the last",
            ),
        ),
        Rule(
            "jenis-berkas",
            _E,
            Text(
                id="berkas bukan berkas pemda (pemda:) maupun berkas perangkat daerah (opd:)",
                en="a file is neither the regional file (pemda:) nor an agency file (opd:)",
            ),
        ),
        Rule(
            "nama-berkas-tidak-aman",
            _E,
            Text(
                id="nama berkas atau folder pohon yang tidak dapat di-checkout di semua sistem (Windows)",
                en="a tree file or folder name that cannot be checked out on every system (Windows)",
            ),
        ),
        # Shape of a file
        Rule(
            "kolom-tidak-dikenal",
            _E,
            Text(
                id="kunci yang tidak dikenal format (sering salah ketik)",
                en="a key that the format does not know (often a typo)",
            ),
        ),
        Rule(
            "kolom-wajib",
            _E,
            Text(
                id="kunci wajib tidak ada",
                en="a required key is missing",
            ),
        ),
        Rule(
            "tipe-salah",
            _E,
            Text(
                id="nilai dengan tipe yang salah",
                en="a value of the wrong type",
            ),
        ),
        Rule(
            "nilai-salah",
            _E,
            Text(
                id="nilai di luar pilihan yang diizinkan",
                en="a value outside the allowed choices",
            ),
        ),
        Rule(
            "yaml-konversi",
            _E,
            Text(
                id="teks tanpa tanda kutip yang diubah YAML menjadi angka, boolean, atau tanggal",
                en="unquoted text that YAML turns into a number, boolean or date",
            ),
        ),
        Rule(
            "koma-desimal",
            _E,
            Text(
                id="angka yang ditulis dengan koma desimal, yang dibaca YAML sebagai teks (atau, "
                "di dalam {…}, sebagai angka dan kunci yang tersasar)",
                en="a number written with a decimal comma, which YAML reads as text (or, inside "
                "{…}, as a number and a stray key)",
            ),
        ),
        Rule(
            "nilai-bukan-angka",
            _E,
            Text(
                id="kondisi awal, target atau realisasi yang ditulis sebagai teks (85%, 14 kasus, "
                '"85") pada indikator yang tidak dinyatakan kualitatif (kualitatif: true)',
                en='a baseline, target or realisation written as text (85%, 14 kasus, "85") in an '
                "indicator not declared qualitative (kualitatif: true)",
            ),
        ),
        # Site-wide consistency
        Rule(
            "id-ganda",
            _E,
            Text(
                id="id yang sama dipakai dua kali dalam situs",
                en="the same id is used twice in the site",
            ),
        ),
        Rule(
            "id-tidak-aman",
            _E,
            Text(
                id="id yang tidak aman dipakai dalam URL",
                en="an id that is not safe in a URL",
            ),
        ),
        Rule(
            "nama-kembar",
            _E,
            Text(
                id="dua nama, id, atau nama berkas perangkat daerah yang tidak dapat dibedakan pembaca",
                en="two agency names, ids or file names that a reader cannot tell apart",
            ),
        ),
        Rule(
            "rujukan-hilang",
            _E,
            Text(
                id="rujukan ke node yang tidak ada",
                en="a reference to a node that does not exist",
            ),
        ),
        Rule(
            "siklus",
            _E,
            Text(
                id="induk-induk yang membentuk lingkaran",
                en="parents that form a cycle",
            ),
        ),
        Rule(
            "tingkat-salah",
            _E,
            Text(
                id="node yang tidak tepat satu tingkat di bawah induknya, atau tingkat yang tidak dikenal",
                en="a node that is not exactly one level below its parent, or an unknown level",
            ),
        ),
        Rule(
            "tahun-di-luar-periode",
            _E,
            Text(
                id="tahun di luar periode perencanaan",
                en="a year outside the planning period",
            ),
        ),
        Rule(
            "kode-salah",
            _E,
            Text(
                id="kode Kemendagri yang salah bentuk, atau berjenis salah untuk tingkatnya",
                en="a malformed Kemendagri code, or one of the wrong kind for the level",
            ),
        ),
        Rule(
            "kode-tidak-cocok-pola",
            _E,
            Text(
                id="kode bebas yang tidak cocok dengan pola kode tingkatnya",
                en="a free code that does not match its level's code pattern",
            ),
        ),
        Rule(
            "kode-tidak-sesuai-induk",
            _E,
            Text(
                id="kode yang tidak berada di bawah kode induknya",
                en="a code that does not belong under its parent's code",
            ),
        ),
        Rule(
            "id-lama-bentrok",
            _E,
            Text(
                id="id lama (id_lama) yang masih dipakai, atau diklaim dua kali",
                en="a former id (id_lama) that is live, or claimed twice",
            ),
        ),
        Rule(
            "id-hilang",
            _E,
            Text(
                id="id yang sudah terbit lalu hilang tanpa dicantumkan sebagai id_lama",
                en="a published id that disappeared without being listed as id_lama",
            ),
        ),
        Rule(
            "induk-opd-lain",
            _E,
            Text(
                id="induk di perangkat daerah lain (gunakan crosscutting)",
                en="a parent in another agency (use crosscutting instead)",
            ),
        ),
        Rule(
            "crosscutting-diri",
            _E,
            Text(
                id="tautan crosscutting dari node ke dirinya sendiri atau ke perangkat daerahnya sendiri",
                en="a crosscutting link from a node to itself or its own agency",
            ),
        ),
        # Problem trees (masalah, menangani): core/tree/problem_rules.py
        Rule(
            "masalah-id-ganda",
            _E,
            Text(
                id="id tema masalah atau id penyebab yang dipakai dua kali",
                en="a problem theme id or a cause id used twice",
            ),
        ),
        Rule(
            "menangani-tidak-dikenal",
            _E,
            Text(
                id="'menangani' menyebut id penyebab yang tidak ada",
                en="'menangani' names a cause id that does not exist",
            ),
        ),
        Rule(
            "akar-masalah-tak-ditangani",
            _W,
            Text(
                id="akar masalah (penyebab tanpa penyebab di bawahnya) yang tidak disebut node mana "
                "pun di 'menangani'; node yang menangani penyebab di atasnya tidak dihitung",
                en="a root cause (a cause with no cause below it) that no node names under "
                "'menangani'; a node addressing a cause above it does not count",
            ),
            "selaras",
        ),
        # Cascading per indikator (indikator.mendukung)
        Rule(
            "mendukung-tidak-dikenal",
            _E,
            Text(
                id="'mendukung' menyebut id indikator yang tidak ada",
                en="'mendukung' names an indicator id that does not exist",
            ),
        ),
        Rule(
            "mendukung-diri",
            _E,
            Text(
                id="indikator yang menyebut dirinya sendiri di 'mendukung'",
                en="an indicator that names itself under 'mendukung'",
            ),
        ),
        Rule(
            "mendukung-ke-bawah",
            _E,
            Text(
                id="'mendukung' yang menunjuk ke bawah: indikator node turunannya, atau indikator "
                "mitra crosscutting yang justru mendukungnya",
                en="'mendukung' pointing downwards: an indicator of a descendant node, or of a "
                "crosscutting partner that supports it instead",
            ),
        ),
        Rule(
            "mendukung-tidak-di-atas",
            _E,
            Text(
                id="'mendukung' yang menunjuk indikator yang tidak di atasnya: indikator node yang "
                "sama, atau node yang bukan leluhurnya dan tidak meminta dukungannya lewat "
                "crosscutting",
                en="'mendukung' naming an indicator that is not above: of the same node, or of a "
                "node that is neither an ancestor nor asks for its support through crosscutting",
            ),
        ),
        Rule(
            "mendukung-crosscutting-ditolak",
            _E,
            Text(
                id="'mendukung' ke indikator mitra melalui tautan crosscutting yang ditolak",
                en="'mendukung' naming a partner's indicator through a rejected crosscutting link",
            ),
        ),
        Rule(
            "mendukung-siklus",
            _E,
            Text(
                id="dukungan antarindikator yang membentuk lingkaran (dilaporkan sekali per "
                "lingkaran)",
                en="support between indicators that forms a cycle (reported once per cycle)",
            ),
        ),
        # Positions (opd.jabatan) and who answers for nodes and indicators (jabatan)
        Rule(
            "jabatan-ganda",
            _E,
            Text(
                id="id jabatan yang dinyatakan dua kali dalam situs",
                en="a position id declared twice in the site",
            ),
        ),
        Rule(
            "jabatan-tidak-dikenal",
            _E,
            Text(
                id="'jabatan' pada node atau indikator, atau 'atasan' suatu jabatan, yang menyebut "
                "jabatan yang tidak ada",
                en="a node's or indicator's 'jabatan', or a position's 'atasan', naming a position "
                "that does not exist",
            ),
        ),
        Rule(
            "jabatan-siklus",
            _E,
            Text(
                id="atasan-atasan jabatan yang membentuk lingkaran (dilaporkan sekali per "
                "lingkaran, dengan setiap jabatannya)",
                en="superiors of positions that form a cycle (reported once per cycle, naming "
                "each position)",
            ),
        ),
        Rule(
            "atasan-opd-lain",
            _E,
            Text(
                id="atasan jabatan di perangkat daerah lain (hierarki jabatan berada dalam satu "
                "perangkat daerah; pihak kedua PK kepala mengikuti PK perangkat daerah)",
                en="a position's superior in another agency (the hierarchy of positions lies "
                "within one agency; the head's PK second party follows the agency PK)",
            ),
        ),
        Rule(
            "jabatan-opd-lain",
            _W,
            Text(
                id="node atau indikator yang dipertanggungjawabkan jabatan perangkat daerah lain "
                "tanpa tautan crosscutting dengan perangkat daerah itu",
                en="a node or indicator answered for by a position of another agency without a "
                "crosscutting link with that agency",
            ),
            "selaras",
        ),
        Rule(
            "jabatan-tanpa-tugas",
            _W,
            Text(
                id="jabatan struktural (eselon II–IV) yang tidak mempertanggungjawabkan node atau "
                "indikator apa pun, begitu pula bawahannya",
                en="a structural position (eselon II–IV) that answers for no node or indicator, "
                "nor does any position below it",
            ),
            "selaras",
        ),
        # Quality rules (PermenPANRB 88/2021 evaluation sheet)
        Rule(
            "node-tanpa-indikator",
            _W,
            Text(
                id="node tanpa indikator",
                en="a node without an indicator",
            ),
            "indikator-tepat",
        ),
        Rule(
            "indikator-tanpa-satuan",
            _W,
            Text(
                id="indikator tanpa satuan",
                en="an indicator without a unit (satuan)",
            ),
            "indikator-tepat",
        ),
        Rule(
            "indikator-tanpa-kondisi-awal",
            _W,
            Text(
                id="indikator tanpa kondisi awal",
                en="an indicator without a baseline (kondisi awal)",
            ),
            "indikator-tepat",
        ),
        Rule(
            "indikator-tanpa-target",
            _W,
            Text(
                id="indikator tanpa target untuk salah satu tahun periode",
                en="an indicator without a target for some year of the period",
            ),
            "indikator-tepat",
        ),
        Rule(
            "target-triwulan-tanpa-target",
            _W,
            Text(
                id="target triwulan untuk tahun yang tidak memiliki target tahunan",
                en="quarterly targets for a year without a yearly target",
            ),
            "indikator-tepat",
        ),
        Rule(
            "target-triwulan-tidak-sesuai",
            _W,
            Text(
                id="target triwulan yang tidak sampai ke target tahunan (TW IV untuk indikator "
                "kumulatif, jumlah TW I–IV untuk 'per_triwulan')",
                en="quarterly targets that do not reach the yearly target (TW IV for a "
                "cumulative indicator, the sum of TW I–IV for 'per_triwulan')",
            ),
            "indikator-tepat",
        ),
        Rule(
            "realisasi-triwulan-tanpa-target",
            _W,
            Text(
                id="realisasi triwulan tanpa target triwulan itu, pada indikator yang memiliki "
                "target triwulan",
                en="a quarter's realisation without a target for that quarter, in an indicator "
                "that has quarterly targets",
            ),
            "pengukuran",
        ),
        Rule(
            "indikator-tanpa-definisi",
            _W,
            Text(
                id="indikator tanpa definisi operasional",
                en="an indicator without an operational definition",
            ),
            "indikator-tepat",
        ),
        Rule(
            "daun-tanpa-sub-kegiatan",
            _W,
            Text(
                id="node daun perangkat daerah yang tidak tertaut ke sub kegiatan",
                en="an agency leaf node that does not link to a sub kegiatan",
            ),
            "selaras",
        ),
        Rule(
            "daun-di-atas-tingkat-terbawah",
            _W,
            Text(
                id="node daun perangkat daerah di atas tingkat terbawah skema (skema tanpa "
                "sub kegiatan)",
                en="an agency leaf node above the scheme's lowest level (a scheme without sub "
                "kegiatan)",
            ),
            "selaras",
        ),
        Rule(
            "pohon-pemda-terhenti",
            _W,
            Text(
                id="cabang pohon pemda yang berhenti di atas tingkat pemda terbawah",
                en="a branch of the regional tree that stops above the lowest regional level",
            ),
            "selaras",
        ),
        Rule(
            "opd-tanpa-node",
            _W,
            Text(
                id="perangkat daerah tanpa satu node pun",
                en="an agency without a single node",
            ),
            "selaras",
        ),
        Rule(
            "sasaran-tanpa-cascading",
            _W,
            Text(
                id="sasaran pemda yang tidak didukung node perangkat daerah mana pun",
                en="a regional sasaran that no agency node supports",
            ),
            "selaras",
        ),
        Rule(
            "crosscutting-menunggu",
            _W,
            Text(
                id="tautan crosscutting yang masih menunggu kesepakatan",
                en="a crosscutting link still pending agreement",
            ),
            "selaras",
        ),
        Rule(
            "crosscutting-ditolak",
            _W,
            Text(
                id="tautan crosscutting yang ditolak",
                en="a crosscutting link that was rejected",
            ),
            "selaras",
        ),
        Rule(
            "mendukung-crosscutting-menunggu",
            _W,
            Text(
                id="'mendukung' ke indikator mitra melalui tautan crosscutting yang masih menunggu "
                "kesepakatan",
                en="'mendukung' naming a partner's indicator through a crosscutting link still "
                "pending agreement",
            ),
            "selaras",
        ),
        Rule(
            "mendukung-kosong",
            _W,
            Text(
                id="indikator di bawah tingkat teratas yang tidak mendukung indikator mana pun, "
                "padahal node induknya memiliki indikator (dalam berkas yang sudah menyatakan "
                "'mendukung')",
                en="an indicator below the top level that supports no indicator although its "
                "parent node has indicators (in a file that declares 'mendukung')",
            ),
            "selaras",
        ),
        Rule(
            "mendukung-belum-dinyatakan",
            _W,
            Text(
                id="berkas yang belum menyatakan 'mendukung' pada indikator mana pun: satu "
                "peringatan per berkas (dengan jumlahnya), bukan satu per indikator",
                en="a file that declares 'mendukung' on no indicator: one warning per file (with "
                "the count), not one per indicator",
            ),
            "selaras",
        ),
        Rule(
            "tidak-didukung",
            _W,
            Text(
                id="indikator pemda atau IKU yang tidak didukung indikator mana pun, kecuali di "
                "tingkat terendah (dilaporkan setelah berkas di bawahnya menyatakan 'mendukung')",
                en="a regional or IKU indicator that no indicator supports, except at the lowest "
                "level (reported once a file below it declares 'mendukung')",
            ),
            "selaras",
        ),
        Rule(
            "kode-tidak-di-nomenklatur",
            _W,
            Text(
                id="kode yang tidak ada dalam nomenklatur yang dinyatakan",
                en="a code missing from the declared nomenclature",
            ),
            "anggaran-urusan",
        ),
        # Logic rules in the spirit of the LKE (pohon check --profil lke)
        Rule(
            "pernyataan-berupa-kegiatan",
            _W,
            Text(
                id="pernyataan di tingkat hasil (tujuan, sasaran, sasaran strategis, sasaran "
                "program) yang berupa kegiatan atau proses (Pelaksanaan, Penyusunan, Koordinasi …)",
                en="a statement at an outcome level (goal, target, strategic target, program "
                "target) phrased as an activity or process (Pelaksanaan, Penyusunan, Koordinasi …)",
            ),
            "berorientasi-hasil",
            "lke",
        ),
        Rule(
            "pernyataan-tanpa-hasil",
            _W,
            Text(
                id="pernyataan di bawah misi yang tidak memuat hasil (mis. hanya nama kegiatan, "
                "tanpa Meningkatnya, Tersedianya, Terlaksananya …)",
                en="a statement below the mission with no result in it (e.g. only an activity's "
                "name, without Meningkatnya, Tersedianya, Terlaksananya …)",
            ),
            "berorientasi-hasil",
            "lke",
        ),
        Rule(
            "jenis-indikator-tidak-sesuai",
            _W,
            Text(
                id="indikator yang jenisnya tidak cocok dengan tingkatnya: indikator output di "
                "tingkat hasil atau di atasnya, indikator dampak di bawah tingkat hasil",
                en="an indicator whose kind does not fit its level: an output indicator at an "
                "outcome level or above, an impact indicator below the outcome levels",
            ),
            "indikator-tepat",
            "lke",
        ),
        Rule(
            "indikator-terlalu-banyak",
            _W,
            Text(
                id="node dengan indikator lebih banyak dari batas situs (pengaturan.mutu."
                "maks_indikator, bawaan 5)",
                en="a node with more indicators than the site's limit (pengaturan.mutu."
                "maks_indikator, default 5)",
            ),
            "indikator-tepat",
            "lke",
        ),
        Rule(
            "indikator-beda-nomenklatur",
            _W,
            Text(
                id="sub kegiatan yang indikator atau satuannya berbeda dari indikator baku "
                "nomenklatur",
                en="a sub kegiatan whose indicator or unit differs from the nomenclature's "
                "standard one",
            ),
            "indikator-tepat",
            "lke",
        ),
        Rule(
            "target-melemah",
            _W,
            Text(
                id="target yang melemah dari tahun ke tahun berlawanan dengan polaritasnya, tanpa "
                "'alasan_target'",
                en="targets that weaken from year to year against the polarity, without "
                "'alasan_target'",
            ),
            "target-meningkat",
            "lke",
        ),
        Rule(
            "target-awal-lebih-buruk",
            _W,
            Text(
                id="target tahun pertama yang lebih buruk dari kondisi awal, tanpa 'alasan_target'",
                en="a first-year target worse than the baseline, without 'alasan_target'",
            ),
            "target-meningkat",
            "lke",
        ),
        Rule(
            "indikator-berulang",
            _W,
            Text(
                id="indikator yang sama (nama setelah dinormalkan) di node induk dan node anaknya",
                en="the same indicator (name after normalisation) at a parent node and its child",
            ),
            "selaras",
            "lke",
        ),
        Rule(
            "kode-di-luar-urusan",
            _W,
            Text(
                id="program, kegiatan atau sub kegiatan berkode di luar urusan/bidang perangkat "
                "daerahnya (menurut kode OPD), tanpa 'alasan_lintas_urusan'",
                en="a program, kegiatan or sub kegiatan whose code lies outside its agency's "
                "affairs (from the agency code), without 'alasan_lintas_urusan'",
            ),
            "anggaran-urusan",
            "lke",
        ),
        Rule(
            "opd-tanpa-iku",
            _W,
            Text(
                id="perangkat daerah yang belum menetapkan satu pun Indikator Kinerja Utama "
                "(iku: true)",
                en="an agency that has set no key performance indicator (iku: true)",
            ),
            "iku",
            "lke",
        ),
        Rule(
            "realisasi-belum-diisi",
            _W,
            Text(
                id="indikator bertarget tanpa realisasi untuk tahun yang laporannya sudah jatuh "
                "tempo (pengaturan.mutu.tahun_laporan)",
                en="an indicator with a target but no realisation for a year whose report is due "
                "(pengaturan.mutu.tahun_laporan)",
            ),
            "pengukuran",
            "lke",
        ),
        Rule(
            "pengaturan-mutu-salah",
            _W,
            Text(
                id="pengaturan.mutu menyebut tingkat yang tidak ada, daftar kata kosong, atau "
                "batas indikator di bawah 1",
                en="pengaturan.mutu names a level that does not exist, an empty word list, or an "
                "indicator limit below 1",
            ),
        ),
        Rule(
            "nomenklatur-tidak-ditemukan",
            _W,
            Text(
                id="folder nomenklatur yang dinyatakan tidak dapat dibaca",
                en="the declared nomenclature folder cannot be read",
            ),
        ),
        Rule(
            "aturan-tidak-dikenal",
            _W,
            Text(
                id="aturan_nonaktif menyebut aturan yang tidak ada",
                en="aturan_nonaktif names a rule that does not exist",
            ),
        ),
    )
}


class TextError(Exception):
    """An error whose message is said in both languages; ``str()`` gives the Indonesian (the
    default language), ``text(language)`` either."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, which rule it breaks, and what to do about it."""

    rule: str
    file: str
    line: int
    text: Text
    """What is wrong and what to do, in both languages."""
    column: int = 0
    left_out: int = 0
    """For the note that ends the list of one rule in one file (past
    :data:`MAX_PER_RULE_AND_FILE`): how many findings it stands for, its own line's included;
    0 for an ordinary finding."""
    subject: str | None = None
    """The id of the node, indicator or OPD the finding is about, where the rule says so (the
    public "Mutu Pohon" page links to its page); None otherwise."""

    def __post_init__(self) -> None:
        if isinstance(self.text, str):  # built by hand (tests, old callers): one text for both
            object.__setattr__(self, "text", as_text(self.text))

    @property
    def message(self) -> str:
        """The message in Indonesian (the default language)."""
        return self.text.id

    def message_in(self, language: str = "id") -> str:
        return self.text(language)

    @property
    def count(self) -> int:
        """How many findings this diagnostic stands for: 1, or more for a note."""
        return self.left_out or 1

    @property
    def severity(self) -> Severity:
        return RULES[self.rule].severity

    @property
    def is_error(self) -> bool:
        return RULES[self.rule].severity is Severity.ERROR

    def format(self, language: str = "id") -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity.value}[{self.rule}] {self.text(language)}"

    def as_dict(self, language: str = "id") -> dict[str, object]:
        found: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "rule": self.rule,
            "message": self.text(language),
        }
        if self.left_out:
            found["count"] = self.left_out
        return found


def count_findings(diagnostics: Iterable[Diagnostic]) -> int:
    """How many findings ``diagnostics`` hold: every finding, listed or left out past the cap."""
    return sum(d.count for d in diagnostics)


MAX_PER_RULE_AND_FILE = 100
"""At most this many diagnostics of one rule in one file are kept; one more says the rest were
left out. A hostile 20 MB file could otherwise produce millions of them (and gigabytes)."""

# Control characters, and the invisible format characters that reorder or hide text (direction
# overrides, zero-width characters): a file name or a value quoted in a message must not start a
# new line in a CI log or a terminal, nor reorder what a reviewer reads.
_INVISIBLE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


def visible(text: str) -> str:
    """``text`` with control and invisible characters written as ``\\uXXXX`` escapes."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _note(rule: str, count: int) -> Text:
    return Text(
        f"{count} masalah sejenis ({rule}) lagi, mulai baris ini, tidak ditampilkan satu per "
        f"satu: pemeriksaan menampilkan paling banyak {MAX_PER_RULE_AND_FILE} per aturan dan "
        "berkas. Perbaiki yang sudah tampil lalu jalankan lagi.",
        f"{count} more problem(s) of this kind ({rule}), from this line on, are not listed one "
        f"by one: the check lists at most {MAX_PER_RULE_AND_FILE} per rule and file. Fix those "
        "listed and run it again.",
    )


class DiagnosticSink:
    """Collects diagnostics while loading and validating; nothing stops at the first one.

    At most :data:`MAX_PER_RULE_AND_FILE` diagnostics of one rule in one file are listed; the next
    becomes a note that stands for all the rest (:attr:`Diagnostic.left_out`), so totals stay
    exact (:func:`count_findings`)."""

    __slots__ = ("_items", "reported", "_counts", "_notes")

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        self.reported = 0
        """Diagnostics added, including those left out over :data:`MAX_PER_RULE_AND_FILE`."""
        self._counts: dict[tuple[str, str], int] = {}
        self._notes: dict[tuple[str, str], int] = {}
        """(rule, file) → index in :attr:`_items` of the note past the cap."""

    @property
    def items(self) -> list[Diagnostic]:
        """The diagnostics listed, each note counting the findings it stands for so far."""
        for key, index in self._notes.items():
            left_out = self._counts[key] - MAX_PER_RULE_AND_FILE
            note = self._items[index]
            if note.left_out != left_out:
                self._items[index] = replace(note, text=_note(key[0], left_out), left_out=left_out)
        return self._items

    def replay(self, items: list[Diagnostic], reported: int | None = None) -> None:
        """Add diagnostics another sink collected (already capped per rule and file there); they
        count towards this sink's cap, so later findings of the same rule and file stay capped."""
        for diagnostic in items:
            key = (diagnostic.rule, diagnostic.file)
            self._counts[key] = self._counts.get(key, 0) + (diagnostic.left_out or 1)
            if diagnostic.left_out:
                self._notes[key] = len(self._items)
            self._items.append(diagnostic)
        self.reported += len(items) if reported is None else reported

    def add(
        self,
        rule: str,
        file: str,
        line: int,
        message: Text,
        column: int = 0,
        *,
        subject: str | None = None,
    ) -> None:
        """Record a problem; ``message`` says what is wrong and what to do, in both languages."""
        if rule not in RULES:
            raise KeyError(f"no rule {rule!r} in the catalogue (core/tree/diagnostics.py)")
        if not isinstance(message, Text):
            raise TypeError("a diagnostic's message is a Text in both languages")
        self.reported += 1
        key = (rule, file)
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        left_out = 0
        if count > MAX_PER_RULE_AND_FILE:
            if count > MAX_PER_RULE_AND_FILE + 1:
                return  # counted in the note (see items)
            self._notes[key] = len(self._items)
            message, left_out = _note(rule, 1), 1
        text = as_text(message).map(visible)
        self._items.append(
            Diagnostic(
                rule, visible(file), line, text, column, left_out, subject if not left_out else None
            )
        )


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.rule)
