"""The rule cases: a valid tree with one thing broken, the rule it must break and where.

Shared by tests/test_rules.py (each case reports its rule at its line) and
tests/test_messages_bilingual.py (each case's messages exist in both languages)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.treebuilder import DINKES, PEMDA, indicator

Files = dict[str, "str | bytes"]


def replace(name: str, old: str, new: str, count: int = 1) -> Callable[[Files], Files]:
    def mutate(files: Files) -> Files:
        text = files[name]
        assert isinstance(text, str) and old in text, old
        files[name] = text.replace(old, new, count)
        return files

    return mutate


def add(name: str, content: str | bytes) -> Callable[[Files], Files]:
    def mutate(files: Files) -> Files:
        files[name] = content
        return files

    return mutate


def chain(*steps: Callable[[Files], Files]) -> Callable[[Files], Files]:
    def mutate(files: Files) -> Files:
        for step in steps:
            files = step(files)
        return files

    return mutate


@dataclass(frozen=True)
class Case:
    name: str
    rule: str
    mutate: Callable[[Files], Files]
    file: str
    needle: str | None  # the line is the first line containing this text in the mutated file
    line: int | None = None  # or an explicit line
    occurrence: int = 1


NOMENKLATUR = "  nomenklatur: {versi: Uji, berkas: nomenklatur}\n"
PROGRAM_CSV = "kode,nama\n1.02.02,PROGRAM PEMENUHAN UPAYA KESEHATAN\n1.06.05,PROGRAM PERLINDUNGAN\n"
KEGIATAN_CSV = "kode,nama\n1.02.02.2.02,Penyediaan Layanan Kesehatan\n1.06.05.2.01,Jaminan Sosial\n"
SUB_CSV = "kode,nama\n1.02.02.2.02.0001,Pengelolaan Pelayanan Kesehatan Ibu Hamil\n"

PROBLEM = (
    "masalah:\n  - id: gizi\n    tema: Gizi\n    masalah_pokok: Tingginya gizi buruk\n"
    "    penyebab:\n      - id: asi\n        uraian: Rendahnya ASI eksklusif\n"
)
"""A problem tree of one root cause (``asi``) for ``pemda.yaml``."""

SS_FREE_CODE = "kode: bebas, pola_kode: '^SS\\.\\d+$', contoh_kode: SS.1"
"""The sasaran strategis of :func:`own_levels` with free codes like ``SS.1``."""
SUB_WITHOUT_CODE = ""
"""No change: :func:`own_levels`' sub kegiatan level carries no Kemendagri code."""


def own_levels(strategic: str) -> str:
    """``pengaturan.tingkat``: the regional scheme's levels, the sasaran strategis with
    ``strategic`` keys, the lowest level without its sub kegiatan code (a scheme without one)
    unless ``strategic`` is :data:`SS_FREE_CODE`."""
    sub = ", kode: sub_kegiatan" if strategic else ""
    extra = f", {strategic}" if strategic else ""
    return (
        "pengaturan:\n  tingkat:\n"
        "    - {id: visi, nama: Visi, lingkup: pemda}\n"
        "    - {id: misi, nama: Misi, lingkup: pemda}\n"
        "    - {id: tujuan, nama: Tujuan, lingkup: pemda}\n"
        "    - {id: sasaran, nama: Sasaran, lingkup: pemda}\n"
        f"    - {{id: sasaran_strategis, nama: Sasaran Strategis, lingkup: opd{extra}}}\n"
        "    - {id: sasaran_program, nama: Sasaran Program, lingkup: opd, kode: program}\n"
        "    - {id: sasaran_kegiatan, nama: Sasaran Kegiatan, lingkup: opd, kode: kegiatan}\n"
        f"    - {{id: sasaran_sub_kegiatan, nama: Sasaran Sub Kegiatan, lingkup: opd{sub}}}\n"
    )


LINK = (
    "    crosscutting:\n      - {ke: dinsos-ssk, peran: Pendataan ibu hamil, status: disetujui}\n"
)
"""A crosscutting link from dinkes' program node to dinsos' (dinsos supports dinkes), to insert
after the sending node's code."""
SSK_BLOCK = """\
      - id: i-ssk
        nama: Indikator i-ssk
        satuan: persen
        polaritas: maksimal
        mendukung:
          - i-sk
          - i-tidak-ada
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 11, 2026: 12}
        definisi: Definisi operasional
"""

CASES = [
    # --- reading files
    Case(
        "latin-1 bytes",
        "berkas-tidak-terbaca",
        add("opd/x.yaml", b"opd:\n  nama: Dinas \xe9\n"),
        "opd/x.yaml",
        None,
        2,
    ),
    Case(
        "NUL byte",
        "berkas-tidak-terbaca",
        add("opd/x.yaml", "opd:\n\n  id: a\x00\n"),
        "opd/x.yaml",
        None,
        3,
    ),
    Case(
        "syntax",
        "yaml-sintaks",
        replace(
            "opd/dinkes.yaml", "pernyataan: Tersedianya layanan", "pernyataan: Tersedianya: layanan"
        ),
        "opd/dinkes.yaml",
        "Tersedianya: layanan",
    ),
    Case(
        "tab indentation",
        "yaml-sintaks",
        replace("opd/dinkes.yaml", "  nama: Dinas Kesehatan", "\tnama: Dinas Kesehatan"),
        "opd/dinkes.yaml",
        None,
        3,
    ),
    Case(
        "deep nesting",
        "yaml-sintaks",
        add("opd/deep.yaml", "opd: " + "[" * 5000 + "]" * 5000 + "\n"),
        "opd/deep.yaml",
        None,
        1,
    ),
    Case(
        "alias",
        "yaml-alias",
        chain(
            replace("opd/dinkes.yaml", "anggaran: {2025: 1000000, 2026: 1100000}", "anggaran: *a"),
            replace(
                "opd/dinkes.yaml",
                '    kode: "1.02.02"\n',
                '    kode: "1.02.02"\n    anggaran: &a {2025: 1, 2026: 2}\n',
            ),
        ),
        "opd/dinkes.yaml",
        "anggaran: *a",
    ),
    Case(
        "duplicate key",
        "kunci-ganda",
        replace(
            "opd/dinkes.yaml",
            "    pernyataan: Meningkatnya cakupan",
            "    pernyataan: Dua kali\n    pernyataan: Meningkatnya cakupan",
        ),
        "opd/dinkes.yaml",
        "pernyataan: Meningkatnya cakupan",
    ),
    Case(
        "duplicate year",
        "kunci-ganda",
        replace(
            "opd/dinkes.yaml", "{2025: 1000000, 2026: 1100000}", "{2025: 1000000, 2025: 1100000}"
        ),
        "opd/dinkes.yaml",
        "anggaran:",
    ),
    Case(
        "neither pemda nor opd",
        "jenis-berkas",
        add("opd/x.yaml", "# a note\nnama: x\n"),
        "opd/x.yaml",
        None,
        2,
    ),
    Case(
        "empty file", "jenis-berkas", add("opd/x.yaml", "# only a comment\n"), "opd/x.yaml", None, 1
    ),
    Case(
        "second pemda",
        "jenis-berkas",
        add("zz.yaml", PEMDA.replace("id: visi", "id: visi2")),
        "zz.yaml",
        None,
        1,
    ),
    # --- shape
    Case(
        "typo key",
        "kolom-tidak-dikenal",
        replace("opd/dinkes.yaml", "    pernyataan: Tersedianya", "    pernyatan: Tersedianya"),
        "opd/dinkes.yaml",
        "pernyatan:",
    ),
    Case(
        "missing name",
        "kolom-wajib",
        replace("opd/dinkes.yaml", "  nama: Dinas Kesehatan\n", ""),
        "opd/dinkes.yaml",
        "  id: dinkes",
        None,
    ),
    Case(
        "missing induk",
        "kolom-wajib",
        replace("opd/dinkes.yaml", "    induk: ss\n", ""),
        "opd/dinkes.yaml",
        "- id: sp",
    ),
    Case(
        "list instead of mapping",
        "tipe-salah",
        replace("opd/dinkes.yaml", '    kode: "1.02.02"\n', "    kode: [1, 2]\n"),
        "opd/dinkes.yaml",
        "kode: [1, 2]",
    ),
    Case("file is a list", "jenis-berkas", add("opd/x.yaml", "- opd: a\n"), "opd/x.yaml", None, 1),
    Case(
        "bad polarity",
        "nilai-salah",
        replace("opd/dinkes.yaml", indicator("i-sp"), indicator("i-sp", polaritas="naik")),
        "opd/dinkes.yaml",
        "polaritas: naik",
    ),
    Case(
        "code as float",
        "yaml-konversi",
        replace("opd/dinkes.yaml", 'kode: "1.02.02"\n', "kode: 1.10\n"),
        "opd/dinkes.yaml",
        "kode: 1.10",
    ),
    Case(
        "NO as boolean",
        "yaml-konversi",
        replace("opd/dinkes.yaml", "  nama: Dinas Kesehatan", "  nama: NO"),
        "opd/dinkes.yaml",
        "nama: NO",
    ),
    Case(
        "octal target",
        "yaml-konversi",
        replace(
            "opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", target="{2025: 010, 2026: 12}")
        ),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "date as text",
        "yaml-konversi",
        replace(
            "opd/dinkes.yaml",
            "    pernyataan: Terlayaninya ibu hamil",
            "    pernyataan: 2025-01-01",
        ),
        "opd/dinkes.yaml",
        "2025-01-01",
    ),
    Case(
        "decimal comma",
        "koma-desimal",
        replace(
            "opd/dinkes.yaml",
            indicator("i-ss"),
            indicator("i-ss", target='{2025: "85,5", 2026: 12}'),
        ),
        "opd/dinkes.yaml",
        "85,5",
    ),
    Case(
        "decimal comma inside a flow mapping",
        "koma-desimal",
        replace(
            "opd/dinkes.yaml",
            indicator("i-ss"),
            indicator("i-ss", realisasi="{2025: 83,4}"),
        ),
        "opd/dinkes.yaml",
        "83,4",
    ),
    Case(
        "percent sign in a target",
        "nilai-bukan-angka",
        replace(
            "opd/dinkes.yaml",
            indicator("i-ss"),
            indicator("i-ss", target='{2025: "14%", 2026: 12}'),
        ),
        "opd/dinkes.yaml",
        "14%",
    ),
    # --- site-wide
    Case(
        "duplicate node id across files",
        "id-ganda",
        replace("opd/dinsos.yaml", "- id: dinsos-ss\n", "- id: ss\n"),
        "opd/dinsos.yaml",
        "- id: ss",
    ),
    Case(
        "indicator id = node id",
        "id-ganda",
        replace("opd/dinsos.yaml", indicator("i-dinsos-sk"), indicator("sk")),
        "opd/dinsos.yaml",
        "{id: sk,",
    ),
    Case(
        "duplicate opd id",
        "id-ganda",
        replace("opd/dinsos.yaml", "  id: dinsos\n", "  id: dinkes\n"),
        "opd/dinsos.yaml",
        "  id: dinkes",
    ),
    Case(
        "path traversal id",
        "id-tidak-aman",
        replace("opd/dinkes.yaml", "- id: ssk\n", "- id: ../../etc/passwd\n"),
        "opd/dinkes.yaml",
        "../../etc",
    ),
    Case(
        "capital id",
        "id-tidak-aman",
        replace("opd/dinkes.yaml", "- id: ssk\n", "- id: SSK\n"),
        "opd/dinkes.yaml",
        "- id: SSK",
    ),
    Case(
        "id with a trailing newline",
        "id-tidak-aman",
        replace("opd/dinkes.yaml", "- id: ssk\n", '- id: "ssk\\n"\n'),
        "opd/dinkes.yaml",
        '- id: "ssk',
    ),
    Case(
        "look-alike ids",
        "nama-kembar",
        replace("opd/dinsos.yaml", "- id: dinsos-sub\n", "- id: dinsos_ssk\n"),
        "opd/dinsos.yaml",
        "- id: dinsos_ssk",
    ),
    Case(
        "look-alike agency names",
        "nama-kembar",
        replace("opd/dinsos.yaml", "  nama: Dinas Sosial", "  nama: Dinаs Kesehatan"),
        "opd/dinsos.yaml",
        "  nama: Din",
    ),
    Case(
        "file names that differ only in case",
        "nama-kembar",
        add("opd/DINKES.yaml", DINKES.replace("dinkes", "dinkes2").replace("- id: ", "- id: x")),
        "opd/dinkes.yaml",
        None,
        1,
    ),
    Case(
        "windows device file name",
        "nama-berkas-tidak-aman",
        add("opd/aux.yaml", "opd: {id: aux-opd, nama: Kantor Lain}\n"),
        "opd/aux.yaml",
        None,
        1,
    ),
    Case(
        "windows device id",
        "id-tidak-aman",
        replace("opd/dinkes.yaml", "- id: ssk\n", "- id: con\n"),
        "opd/dinkes.yaml",
        "- id: con",
    ),
    Case(
        "missing parent",
        "rujukan-hilang",
        replace("opd/dinkes.yaml", "    induk: sp\n", "    induk: tidak-ada\n"),
        "opd/dinkes.yaml",
        "induk: tidak-ada",
    ),
    Case(
        "cycle across files",
        "siklus",
        chain(
            replace("opd/dinkes.yaml", "    induk: sasaran\n", "    induk: dinsos-ss\n"),
            replace("opd/dinsos.yaml", "    induk: sasaran\n", "    induk: ss\n"),
        ),
        "opd/dinkes.yaml",
        "induk: dinsos-ss",
    ),
    Case(
        "skipped level",
        "tingkat-salah",
        replace("opd/dinkes.yaml", "    induk: sp\n", "    induk: ss\n"),
        "opd/dinkes.yaml",
        "induk: ss",
        occurrence=2,
    ),
    Case(
        "unknown level",
        "tingkat-salah",
        replace("opd/dinkes.yaml", "tingkat: sasaran_kegiatan", "tingkat: kegiatan"),
        "opd/dinkes.yaml",
        "tingkat: kegiatan",
    ),
    Case(
        "regional level in opd file",
        "tingkat-salah",
        replace("opd/dinkes.yaml", "tingkat: sasaran_strategis", "tingkat: sasaran"),
        "opd/dinkes.yaml",
        "tingkat: sasaran\n"[:-1] + "",
    ),
    Case(
        "target out of period",
        "tahun-di-luar-periode",
        replace(
            "opd/dinkes.yaml",
            indicator("i-sp"),
            indicator("i-sp", target="{2025: 11, 2026: 12, 2030: 13}"),
        ),
        "opd/dinkes.yaml",
        "2030: 13",
    ),
    Case(
        "regional year out of period",
        "tahun-di-luar-periode",
        replace(
            "pemda.yaml",
            indicator("i-misi"),
            indicator("i-misi", target="{2024: 9, 2025: 11, 2026: 12}"),
        ),
        "pemda.yaml",
        "2024: 9",
    ),
    Case(
        "malformed code",
        "kode-salah",
        replace("opd/dinkes.yaml", 'kode: "1.02.02.2.02.0001"', 'kode: "1.2.2.2.2.1"'),
        "opd/dinkes.yaml",
        "1.2.2.2.2.1",
    ),
    Case(
        "code of the wrong kind",
        "kode-salah",
        replace("opd/dinkes.yaml", 'kode: "1.02.02"\n', 'kode: "1.02.02.2.02"\n'),
        "opd/dinkes.yaml",
        '    kode: "1.02.02.2.02"',
        None,
    ),
    Case(
        "code not under parent code",
        "kode-tidak-sesuai-induk",
        replace("opd/dinkes.yaml", 'kode: "1.02.02.2.02.0001"', 'kode: "1.02.03.2.02.0001"'),
        "opd/dinkes.yaml",
        "1.02.03.2.02.0001",
    ),
    Case(
        "bad OPD code",
        "kode-salah",
        replace(
            "opd/dinkes.yaml",
            "  nama: Dinas Kesehatan\n",
            "  nama: Dinas Kesehatan\n  kode: 1.02.0.00\n",
        ),
        "opd/dinkes.yaml",
        "kode: 1.02.0.00",
    ),
    Case(
        "parent in another agency",
        "induk-opd-lain",
        replace("opd/dinsos.yaml", "    induk: dinsos-ss\n", "    induk: ss\n"),
        "opd/dinsos.yaml",
        "induk: ss",
    ),
    Case(
        "crosscutting to itself",
        "crosscutting-diri",
        replace(
            "opd/dinkes.yaml",
            '    kode: "1.02.02"\n',
            '    kode: "1.02.02"\n    crosscutting:\n      - {ke: sp, peran: sendiri, status: disetujui}\n',
        ),
        "opd/dinkes.yaml",
        "ke: sp",
    ),
    Case(
        "crosscutting to nowhere",
        "rujukan-hilang",
        replace(
            "opd/dinkes.yaml",
            '    kode: "1.02.02"\n',
            '    kode: "1.02.02"\n    crosscutting:\n      - ke: tidak-ada\n        peran: x\n        status: disetujui\n',
        ),
        "opd/dinkes.yaml",
        "ke: tidak-ada",
    ),
    Case(
        "former id is live",
        "id-lama-bentrok",
        replace("opd/dinkes.yaml", "- id: sk\n", "- id: sk\n    id_lama: [ssk]\n"),
        "opd/dinkes.yaml",
        "id_lama: [ssk]",
    ),
    # --- cascading per indikator (mendukung)
    Case(
        "supports an unknown indicator",
        "mendukung-tidak-dikenal",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", mendukung="[i-spp]")),
        "opd/dinkes.yaml",
        "mendukung: [i-spp]",
    ),
    Case(
        "supports an unknown indicator, one item per line",
        "mendukung-tidak-dikenal",
        replace("opd/dinkes.yaml", "      - " + indicator("i-ssk") + "\n", SSK_BLOCK),
        "opd/dinkes.yaml",
        "- i-tidak-ada",
    ),
    Case(
        "supports itself",
        "mendukung-diri",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", mendukung="[i-sk]")),
        "opd/dinkes.yaml",
        "mendukung: [i-sk]",
    ),
    Case(
        "supports a descendant's indicator",
        "mendukung-ke-bawah",
        replace("opd/dinkes.yaml", indicator("i-sp"), indicator("i-sp", mendukung="[i-sk]")),
        "opd/dinkes.yaml",
        "mendukung: [i-sk]",
    ),
    Case(
        "supports the partner that supports it",
        "mendukung-ke-bawah",
        chain(
            replace("opd/dinkes.yaml", '    kode: "1.02.02"\n', '    kode: "1.02.02"\n' + LINK),
            replace(
                "opd/dinkes.yaml",
                indicator("i-sp"),
                indicator("i-sp", mendukung="[i-ss, i-dinsos-sp]"),
            ),
        ),
        "opd/dinkes.yaml",
        "i-dinsos-sp]",
    ),
    Case(
        "supports an indicator of the same node",
        "mendukung-tidak-di-atas",
        replace(
            "opd/dinkes.yaml",
            "      - " + indicator("i-sp") + "\n",
            "      - "
            + indicator("i-sp")
            + "\n      - "
            + indicator("i-sp2", mendukung="[i-sp]")
            + "\n",
        ),
        "opd/dinkes.yaml",
        "{id: i-sp2,",
    ),
    Case(
        "supports another agency's indicator without a link",
        "mendukung-tidak-di-atas",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", mendukung="[i-dinsos-sp]")),
        "opd/dinkes.yaml",
        "mendukung: [i-dinsos-sp]",
    ),
    Case(
        "supports through a rejected link",
        "mendukung-crosscutting-ditolak",
        chain(
            replace(
                "opd/dinkes.yaml",
                '    kode: "1.02.02"\n',
                '    kode: "1.02.02"\n' + LINK.replace("disetujui", "ditolak"),
            ),
            replace(
                "opd/dinsos.yaml",
                indicator("i-dinsos-sp"),
                indicator("i-dinsos-sp", mendukung="[i-dinsos-ss, i-sp]"),
            ),
        ),
        "opd/dinsos.yaml",
        "mendukung: [i-dinsos-ss, i-sp]",
    ),
    Case(
        "support in a cycle through mutual crosscutting",
        "mendukung-siklus",
        chain(
            replace("opd/dinkes.yaml", '    kode: "1.02.02"\n', '    kode: "1.02.02"\n' + LINK),
            replace(
                "opd/dinsos.yaml",
                '    kode: "1.06.05"\n',
                '    kode: "1.06.05"\n' + LINK.replace("dinsos-ssk", "sp"),
            ),
            replace(
                "opd/dinkes.yaml",
                indicator("i-sp"),
                indicator("i-sp", mendukung="[i-ss, i-dinsos-sp]"),
            ),
            replace(
                "opd/dinsos.yaml",
                indicator("i-dinsos-sp"),
                indicator("i-dinsos-sp", mendukung="[i-dinsos-ss, i-sp]"),
            ),
        ),
        "opd/dinkes.yaml",
        "mendukung: [i-ss, i-dinsos-sp]",
    ),
    # --- warnings
    Case(
        "node without indicator",
        "node-tanpa-indikator",
        replace("opd/dinkes.yaml", "    indikator:\n      - " + indicator("i-sk") + "\n", ""),
        "opd/dinkes.yaml",
        "- id: sk",
    ),
    Case(
        "indicator without unit",
        "indikator-tanpa-satuan",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", satuan=None)),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "indicator without baseline",
        "indikator-tanpa-kondisi-awal",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", kondisi_awal=None)),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "indicator missing a year",
        "indikator-tanpa-target",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", target="{2025: 11}")),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "quarterly targets without a yearly target",
        "target-triwulan-tanpa-target",
        replace(
            "opd/dinkes.yaml",
            indicator("i-sk"),
            indicator(
                "i-sk",
                target="{2025: 11}",
                target_triwulan="{2026: {tw1: 3, tw2: 6, tw3: 9, tw4: 12}}",
            ),
        ),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "quarterly targets short of the year",
        "target-triwulan-tidak-sesuai",
        replace(
            "opd/dinkes.yaml",
            indicator("i-sk"),
            indicator("i-sk", target_triwulan="{2025: {tw1: 3, tw2: 6, tw3: 9, tw4: 10}}"),
        ),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "quarterly realisation without its target",
        "realisasi-triwulan-tanpa-target",
        replace(
            "opd/dinkes.yaml",
            indicator("i-sk"),
            indicator(
                "i-sk",
                target_triwulan="{2025: {tw1: 3, tw2: 6, tw3: 9, tw4: 11}}",
                realisasi_triwulan="{2026: {tw1: 4}}",
            ),
        ),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "indicator without definition",
        "indikator-tanpa-definisi",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", definisi=None)),
        "opd/dinkes.yaml",
        "i-sk",
    ),
    Case(
        "leaf without sub kegiatan",
        "daun-tanpa-sub-kegiatan",
        replace("opd/dinsos.yaml", "    induk: dinsos-sk\n", "    induk: dinsos-sk\n", 1),
        "opd/dinsos.yaml",
        None,
        None,
    ),
    Case(
        "regional sasaran without agency",
        "sasaran-tanpa-cascading",
        chain(
            replace("opd/dinkes.yaml", "    induk: sasaran\n", "    induk: sasaran-2\n"),
            replace("opd/dinsos.yaml", "    induk: sasaran\n", "    induk: sasaran-2\n"),
            replace(
                "pemda.yaml",
                "  - id: sasaran\n",
                "  - id: sasaran-2\n    tingkat: sasaran\n    induk: tujuan\n    pernyataan: Dua\n    indikator:\n      - "
                + indicator("i-s2")
                + "\n  - id: sasaran\n",
            ),
        ),
        "pemda.yaml",
        "  - id: sasaran",
        occurrence=2,
    ),
    Case(
        "crosscutting pending",
        "crosscutting-menunggu",
        replace(
            "opd/dinkes.yaml",
            '    kode: "1.02.02"\n',
            '    kode: "1.02.02"\n    crosscutting:\n      - ke: dinsos-ss\n        peran: data\n        status: menunggu\n',
        ),
        "opd/dinkes.yaml",
        "status: menunggu",
    ),
    Case(
        "crosscutting rejected",
        "crosscutting-ditolak",
        replace(
            "opd/dinkes.yaml",
            '    kode: "1.02.02"\n',
            '    kode: "1.02.02"\n    crosscutting:\n      - instansi: BKKBN\n        peran: data\n        status: ditolak\n',
        ),
        "opd/dinkes.yaml",
        "status: ditolak",
    ),
    Case(
        "supports through a pending link",
        "mendukung-crosscutting-menunggu",
        chain(
            replace(
                "opd/dinkes.yaml",
                '    kode: "1.02.02"\n',
                '    kode: "1.02.02"\n' + LINK.replace("disetujui", "menunggu"),
            ),
            replace(
                "opd/dinsos.yaml",
                indicator("i-dinsos-sp"),
                indicator("i-dinsos-sp", mendukung="[i-dinsos-ss, i-sp]"),
            ),
        ),
        "opd/dinsos.yaml",
        "mendukung: [i-dinsos-ss, i-sp]",
    ),
    Case(
        "indicator supports nothing",
        "mendukung-kosong",
        replace("opd/dinkes.yaml", indicator("i-sk"), indicator("i-sk", mendukung=None)),
        "opd/dinkes.yaml",
        "{id: i-sk,",
    ),
    Case(
        "file declares no support at all",
        "mendukung-belum-dinyatakan",
        chain(
            *(
                replace("opd/dinsos.yaml", indicator(ident), indicator(ident, mendukung=None))
                for ident in ("i-dinsos-ss", "i-dinsos-sp", "i-dinsos-sk", "i-dinsos-sub")
            )
        ),
        "opd/dinsos.yaml",
        "{id: i-dinsos-ss,",
    ),
    Case(
        "regional indicator nothing supports",
        "tidak-didukung",
        replace(
            "pemda.yaml",
            "      - " + indicator("i-tujuan") + "\n",
            "      - "
            + indicator("i-tujuan")
            + "\n      - "
            + indicator("i-tujuan2", mendukung="[i-misi]")
            + "\n",
        ),
        "pemda.yaml",
        "{id: i-tujuan2,",
    ),
    Case(
        "code not in nomenclature",
        "kode-tidak-di-nomenklatur",
        chain(
            replace("pemda.yaml", "node:\n", NOMENKLATUR + "node:\n"),
            add("nomenklatur/program.csv", PROGRAM_CSV),
            add("nomenklatur/kegiatan.csv", KEGIATAN_CSV),
            add("nomenklatur/sub_kegiatan.csv", SUB_CSV),
        ),
        "opd/dinsos.yaml",
        "1.06.05.2.01.0001",
    ),
    Case(
        "nomenclature folder missing",
        "nomenklatur-tidak-ditemukan",
        replace("pemda.yaml", "node:\n", NOMENKLATUR + "node:\n"),
        "pemda.yaml",
        "nomenklatur:",
    ),
    Case(
        "unknown rule switched off",
        "aturan-tidak-dikenal",
        replace("pemda.yaml", "node:\n", "pengaturan:\n  aturan_nonaktif: [tidak-ada]\nnode:\n"),
        "pemda.yaml",
        "aturan_nonaktif",
    ),
    # --- the level scheme (tests/test_level_scheme.py has the fixtures) ---
    Case(
        "free code that does not match its level's pattern",
        "kode-tidak-cocok-pola",
        chain(
            replace("pemda.yaml", "node:\n", own_levels(SS_FREE_CODE) + "node:\n"),
            replace(
                "opd/dinkes.yaml", "    induk: sasaran\n", "    induk: sasaran\n    kode: SS-1\n"
            ),
        ),
        "opd/dinkes.yaml",
        "kode: SS-1",
    ),
    Case(
        "agency leaf above the lowest level of a scheme without sub kegiatan",
        "daun-di-atas-tingkat-terbawah",
        chain(
            replace("pemda.yaml", "node:\n", own_levels(SUB_WITHOUT_CODE) + "node:\n"),
            replace("opd/dinkes.yaml", DINKES[DINKES.index("  - id: ssk\n") :], ""),
        ),
        "opd/dinkes.yaml",
        "  - id: sk",
    ),
    Case(
        "regional tree that stops above the lowest regional level",
        "pohon-pemda-terhenti",
        replace(
            "pemda.yaml",
            "  - id: tujuan\n",
            "  - id: misi-2\n    tingkat: misi\n    induk: visi\n    pernyataan: Dua\n"
            "    indikator:\n      - "
            + indicator("i-misi-2", mendukung="[i-visi]")
            + "\n  - id: tujuan\n",
        ),
        "pemda.yaml",
        "  - id: misi-2",
    ),
    Case(
        "agency without nodes",
        "opd-tanpa-node",
        add("opd/kosong.yaml", "opd:\n  id: kosong\n  nama: Dinas Kosong\nnode: []\n"),
        "opd/kosong.yaml",
        "  id: kosong",
    ),
    # Problem trees (tests/test_problem_rules.py has the details)
    Case(
        "cause named under menangani that does not exist",
        "menangani-tidak-dikenal",
        chain(
            replace("pemda.yaml", "node:\n", PROBLEM + "node:\n"),
            replace("opd/dinkes.yaml", "    induk: sk\n", "    induk: sk\n    menangani: [asii]\n"),
        ),
        "opd/dinkes.yaml",
        "    menangani: [asii]",
    ),
    Case(
        "cause id used twice",
        "masalah-id-ganda",
        replace(
            "pemda.yaml", "node:\n", PROBLEM + "      - id: asi\n        uraian: Lagi\nnode:\n"
        ),
        "pemda.yaml",
        "      - id: asi",
        occurrence=2,
    ),
    Case(
        "root cause nobody addresses",
        "akar-masalah-tak-ditangani",
        replace("pemda.yaml", "node:\n", PROBLEM + "node:\n"),
        "pemda.yaml",
        "      - id: asi",
    ),
]
