"""Nothing lost: what the YAML says is exactly what ``pohon.json`` publishes.

The demo regency, a synthetic regency (core/synthetic.py) and a small tree that uses every key of
the format are checked, exported with ``model_json`` (the site's ``unduh/pohon.json``) and
compared with their source files, parsed independently with PyYAML (a loader that leaves dates as
text, so nothing is turned into another type behind the comparison's back). The walk follows the
format's own specs (core/format_spec.py), field by field: every target and realisation of every
year, every code, every text exactly as written, every number equal *and* of the same type (an
integer stays an integer, ``72.30`` a float). A key the source does not have must be exported
as the model's default (nothing invented), and the run proves that every key of the format was
compared at least once.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.exports import model_json
from mkdocs_pohon_plugin.core.tree import spec
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

REPO = Path(__file__).resolve().parent.parent


class TextDates(yaml.SafeLoader):
    """PyYAML's safe loader without the timestamp resolver: a date stays the text written."""


TextDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=TextDates)  # noqa: S506


# A tree that uses every key of the format at least once, with numbers of every flavour.
EVERY_KEY = {
    "pemda.yaml": """\
pemda:
  nama: Kota Contoh
  jenis: kota
  kode: "33.99"
  kepala_daerah: Wali Kota Contoh
  periode: {awal: 2025, akhir: 2027}
  dokumen: RPJMD Kota Contoh 2025-2027
  nomenklatur: {versi: "Kepmendagri 900.1.15.5-1317/2023", berkas: nomenklatur}
pengaturan:
  aturan_nonaktif: [indikator-tanpa-definisi]
  mutu:
    tingkat_hasil: [sasaran]
    kata_kegiatan: [Pelaksanaan]
    kata_hasil: [meningkat]
    maks_indikator: 4
    tahun_laporan: 2025
  skema: sakip
  tingkat:
    - {id: visi, nama: Visi, nama_en: Vision, lingkup: pemda, nama_jamak: Visi, nama_jamak_en: Visions}
    - {id: sasaran, nama: Sasaran, lingkup: pemda, pola_kode: '^S\\.\\d+$', contoh_kode: S.1}
    - {id: sasaran_program, nama: Sasaran Program, lingkup: opd, kode: program, pk: true, pihak_kedua: Wali Kota Contoh, anggaran: true}
    - {id: sasaran_kegiatan, nama: Sasaran Kegiatan, lingkup: opd, kode: kegiatan, berulang: true}
node:
  - id: visi
    tingkat: visi
    urutan: 1
    pernyataan: "Terwujudnya kota yang ramah: aman, «bersih» & hijau — 100 %"
    indikator:
      - id: ikk-1
        nama: Indeks Kebahagiaan
        satuan: indeks
        kualitatif: true
        polaritas: stabil
        jenis: dampak
        iku: true
        kondisi_awal: {tahun: 2024, nilai: 72.30}
        target: {2025: 72.5, 2026: 73, 2027: +74}
        target_akhir: 74.0
        realisasi: {2025: 1.0e+2}
        realisasi_triwulan:
          2025: {tw1: 10, tw2: 20.5, tw3: "sedang dihitung", tw4: 999999999999999}
        definisi: Indeks dari survei BPS
        formula: "(a / b) x 100 %"
        sumber_data: BPS
        periode_pelaporan: triwulanan
        keterangan: Catatan indikator
        alasan_target: Metode survei berubah
        id_lama: [ikk-lama]
  - id: sasaran-1
    tingkat: sasaran
    induk: visi
    pernyataan: Meningkatnya layanan
    penanggung_jawab: Sekretaris Daerah
    pejabat: {nama: "Dr. A, M.Si.", nip: "198001012005011001"}
    unit_kerja: Bagian Organisasi
    tag: [program-unggulan, "≥ 80"]
    keterangan: Catatan node
    alasan_lintas_urusan: Penugasan dari Wali Kota
    id_lama: [sasaran-lama, sasaran-lama-2]
    indikator:
      - {id: iks-1, nama: Capaian, satuan: "%", kualitatif: true, polaritas: minimal, mendukung: [ikk-1], kondisi_awal: {tahun: 2024, nilai: "Predikat B"}, target: {2025: "≥ 80", 2026: -5, 2027: 0}}
""",
    "opd/setda.yaml": """\
opd:
  id: setda
  nama: Sekretariat Daerah
  singkatan: Setda
  kode: 4.01.0.00.0.00.01.0000
  kepala: Sekretaris Daerah
  jenis: sekretariat
  pk_ditandatangani: [2025, {tahun: 2026, tanggal: 2026-02-10, revisi: "v2026"}]
node:
  - id: setda-sp
    tingkat: sasaran_program
    induk: sasaran-1
    pernyataan: Meningkatnya tata kelola
    kode: 4.01.01
    anggaran: {2025: 12500000000, 2026: 13000000000.5, 2027: 0}
    crosscutting:
      - {ke: dinas-sp, peran: Data bersama, keterangan: Catatan link, status: disetujui}
      - {instansi: BPS Provinsi, peran: Survei, status: ditolak}
    indikator:
      - {id: setda-i, nama: Indeks, satuan: poin, polaritas: maksimal, kondisi_awal: {tahun: 2024, nilai: 1}, target: {2025: 2, 2026: 3, 2027: 4}}
  - id: setda-sk
    tingkat: sasaran_kegiatan
    induk: setda-sp
    pernyataan: Terlaksananya rapat
    kode: "4.01.01.2.01"
    indikator:
      - {id: setda-sk-i, nama: Rapat, satuan: kali, polaritas: maksimal, kondisi_awal: {tahun: 2024, nilai: 0}, target: {2025: 12, 2026: 12, 2027: 12}}
  - id: setda-sk-2
    tingkat: sasaran_kegiatan
    induk: setda-sk
    pernyataan: Terlaksananya rapat lanjutan
    indikator:
      - {id: setda-sk-2-i, nama: Rapat lanjutan, satuan: kali, polaritas: maksimal, kondisi_awal: {tahun: 2024, nilai: 0}, target: {2025: 1, 2026: 1, 2027: 1}}
""",
    "opd/dinas.yaml": """\
opd: {id: dinas, nama: Dinas Contoh}
node:
  - id: dinas-sp
    tingkat: sasaran_program
    induk: sasaran-1
    pernyataan: Meningkatnya contoh
    indikator:
      - {id: dinas-i, nama: Contoh, satuan: unit, polaritas: maksimal, kondisi_awal: {tahun: 2024, nilai: 3}, target: {2025: 4, 2026: 5, 2027: 6}}
""",
    "nomenklatur/program.csv": "kode,nama\n4.01.01,PROGRAM PENUNJANG\n",
}


@dataclasses.dataclass
class Comparison:
    """Differences found, and which keys of which objects were compared."""

    differences: list[str] = dataclasses.field(default_factory=list)
    keys: set[tuple[str, str]] = dataclasses.field(default_factory=set)

    def differ(self, where: str, source: Any, exported: Any) -> None:
        self.differences.append(f"{where}: source {source!r}, pohon.json {exported!r}")


def _defaults(obj: spec.ObjectSpec) -> dict[str, Any]:
    if obj.build is None:
        return {}
    instance = obj.build()
    return {f.export_name: _default(f, instance) for f in obj.fields}


def _default(field: spec.Field, instance: Any) -> Any:
    value = field.get(instance)
    if value is None and isinstance(field.type, spec.Boolean):
        return False  # a flag kept in ``extra`` (kualitatif), left out: the export writes false
    return _plain(value)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda v: dataclasses.asdict(v)))


IN_FORCE = {("tingkat", "pk"), ("tingkat", "anggaran")}
"""Keys the export writes as in force when the source leaves them out (a level's defaults follow
its code system; tests/test_level_scheme.py checks them), not as the model's default."""


def compare_object(
    obj: spec.ObjectSpec, source: dict, exported: dict, where: str, cmp: Comparison
) -> None:
    unknown = set(source) - set(obj.by_key)
    assert not unknown, f"{where}: keys the format does not have: {unknown}"
    defaults = _defaults(obj)
    for field in obj.fields:
        if field.key not in source:
            name = field.export_name
            if (obj.name, field.key) in IN_FORCE:
                continue
            if obj.build is not None and exported.get(name) != defaults[name]:
                cmp.differ(f"{where}.{field.key} (absent)", defaults[name], exported.get(name))
            continue
        cmp.keys.add((obj.name, field.key))
        compare_value(
            field.type, source[field.key], exported[field.export_name], f"{where}.{field.key}", cmp
        )


def compare_value(vtype: Any, source: Any, exported: Any, where: str, cmp: Comparison) -> None:
    if isinstance(vtype, spec.Obj) and vtype.is_shorthand(source):  # 2025 for {tahun: 2025}
        compare_value(vtype.spec.by_key[vtype.spec.shorthand].type, source, exported, where, cmp)
    elif isinstance(vtype, spec.Obj):
        compare_object(vtype.spec, source, exported, where, cmp)
    elif isinstance(vtype, spec.ListOf):
        if len(source) != len(exported):
            cmp.differ(f"{where} (length)", len(source), len(exported))
            return
        for index, (a, b) in enumerate(zip(source, exported, strict=True)):
            compare_value(vtype.item, a, b, f"{where}[{index}]", cmp)
    elif isinstance(vtype, spec.YearMap):
        if {str(year) for year in source} != set(exported):
            cmp.differ(f"{where} (years)", sorted(source), sorted(exported))
            return
        for year, value in source.items():
            compare_value(vtype.item, value, exported[str(year)], f"{where}[{year}]", cmp)
    elif source != exported or type(source) is not type(exported):
        cmp.differ(where, source, exported)


def compare_tree(root: Path) -> Comparison:
    """Check and export ``root``; compare every file of it with the export."""
    result = check_trees(root)
    assert result.ok, "\n".join(d.format() for d in result.errors)
    export = json.loads(model_json(result))
    jsonschema.Draft202012Validator(export["schema"]).validate(export)  # and keeps its contract
    nodes = {node["id"]: node for node in export["node"]}
    opds = {opd["id"]: opd for opd in export["opd"]}
    cmp = Comparison()
    listed: list[str] = []
    for path in sorted(root.rglob("*.yaml")):
        name = path.relative_to(root).as_posix()
        source = parse(path)
        if "pemda" in source:
            compare_object(spec.REGION, source["pemda"], export["pemda"], f"{name}:pemda", cmp)
            settings = source.get("pengaturan") or {}
            if "pengaturan" in source:
                cmp.keys.add(("berkas_pemda", "pengaturan"))
            if "tingkat" in settings:
                compare_value(
                    spec.ListOf(spec.Obj(spec.LEVEL)),
                    settings["tingkat"],
                    export["tingkat"],
                    f"{name}:pengaturan.tingkat",
                    cmp,
                )
                cmp.keys.add(("pengaturan", "tingkat"))
            if "skema" in settings:
                if export["skema"] != settings["skema"]:
                    cmp.differ(f"{name}:pengaturan.skema", settings["skema"], export["skema"])
                cmp.keys.add(("pengaturan", "skema"))
            # aturan_nonaktif configures the check; it is not data and pohon.json leaves it out.
            if "aturan_nonaktif" in settings:
                cmp.keys.add(("pengaturan", "aturan_nonaktif"))
            # mutu configures the logic rules (pohon check --profil lke), like aturan_nonaktif.
            if "mutu" in settings:
                cmp.keys.add(("pengaturan", "mutu"))
                cmp.keys.update(("mutu", key) for key in settings["mutu"])
            cmp.keys.add(("berkas_pemda", "pemda"))
            if "masalah" in source:  # the problem trees (issue 18)
                compare_value(
                    spec.ListOf(spec.Obj(spec.PROBLEM_THEME)),
                    source["masalah"],
                    export["masalah"],
                    f"{name}:masalah",
                    cmp,
                )
                cmp.keys.add(("berkas_pemda", "masalah"))
            opd_id = None
        else:
            compare_object(spec.OPD, source["opd"], opds[source["opd"]["id"]], f"{name}:opd", cmp)
            cmp.keys.add(("berkas_opd", "opd"))
            opd_id = source["opd"]["id"]
        for index, node in enumerate(source.get("node") or []):
            where = f"{name}:node[{index}]"
            exported = nodes[node["id"]]
            compare_object(spec.NODE, node, exported, where, cmp)
            if exported["opd"] != opd_id:
                cmp.differ(f"{where} (agency)", opd_id, exported["opd"])
            listed.append(node["id"])
        if source.get("node") is not None:
            cmp.keys.add(("berkas_pemda" if opd_id is None else "berkas_opd", "node"))
    # Nothing invented: the export holds exactly the nodes and agencies of the files.
    assert sorted(listed) == sorted(nodes)
    assert len(opds) == len([p for p in root.rglob("*.yaml") if "opd" in parse(p)])
    return cmp


@pytest.fixture(scope="module")
def demo() -> Comparison:
    return compare_tree(REPO / "trees")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    root = tmp_path_factory.mktemp("synthetic") / "trees"
    generate_regency(root, SyntheticParams(opd=6, nodes=300, indicators=900, crosscutting=0.1))
    return compare_tree(root)


def _every_key_tree(root: Path) -> Path:
    for name, text in EVERY_KEY.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_demo_round_trips_field_by_field(demo: Comparison) -> None:
    assert demo.differences == []
    assert len(demo.keys) > 50


def test_synthetic_regency_round_trips_field_by_field(synthetic: Comparison) -> None:
    assert synthetic.differences == []


def test_every_key_of_the_format_round_trips(
    tmp_path: Path, demo: Comparison, synthetic: Comparison
) -> None:
    cmp = compare_tree(_every_key_tree(tmp_path / "trees"))
    assert cmp.differences == []
    covered = cmp.keys | demo.keys | synthetic.keys
    every = {(obj.name, f.key) for obj in spec.ALL_SPECS for f in obj.fields}
    assert every - covered == set(), "keys of the format no round-trip test compares"


def test_a_changed_value_is_caught(tmp_path: Path) -> None:
    """The comparison itself: a target that the export would round (or retype) is a difference."""
    root = _every_key_tree(tmp_path / "trees")
    source = parse(root / "pemda.yaml")
    export = json.loads(model_json(check_trees(root)))
    node = next(n for n in export["node"] if n["id"] == "visi")
    node["indikator"][0]["target"]["2026"] = 73.0  # 73 written: an int
    cmp = Comparison()
    compare_object(spec.NODE, source["node"][0], node, "visi", cmp)
    assert cmp.differences == ["visi.indikator[0].target[2026]: source 73, pohon.json 73.0"]


def test_numbers_keep_their_type_and_text_its_characters(tmp_path: Path) -> None:
    """Spot checks of the comparison itself, on values that are easy to lose."""
    root = _every_key_tree(tmp_path / "trees")
    export = json.loads(model_json(check_trees(root)))
    indicator = next(n for n in export["node"] if n["id"] == "visi")["indikator"][0]
    assert indicator["kondisi_awal"]["nilai"] == 72.3 and isinstance(
        indicator["kondisi_awal"]["nilai"], float
    )
    assert indicator["target"] == {"2025": 72.5, "2026": 73, "2027": 74}
    assert isinstance(indicator["target"]["2026"], int) and isinstance(
        indicator["target_akhir"], float
    )
    assert indicator["realisasi"] == {"2025": 100.0}
    assert indicator["realisasi_triwulan"]["2025"] == {
        "tw1": 10,
        "tw2": 20.5,
        "tw3": "sedang dihitung",
        "tw4": 999999999999999,
    }
    node = next(n for n in export["node"] if n["id"] == "setda-sp")
    assert node["kode"] == "4.01.01" and node["anggaran"]["2026"] == 13000000000.5
    regional = next(n for n in export["node"] if n["id"] == "visi")
    assert regional["pernyataan"] == "Terwujudnya kota yang ramah: aman, «bersih» & hijau — 100 %"
