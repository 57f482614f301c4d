"""`pohon diff`: what changed between two versions of the trees, in the domain's words."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import (
    DiffLoadError,
    diff_sites,
    load_folder,
    load_revision,
    year_changes,
)
from mkdocs_pohon_plugin.core.review.diff_render import (
    change_diagram,
    diff_as_dict,
    render_json,
    render_markdown,
)
from tests.treebuilder import DINSOS, PEMDA, write_tree


def _ind(ident: str, name: str, polarity: str = "maksimal", target: str = "{2025: 80, 2026: 85}"):
    return (
        f"{{id: {ident}, nama: {name}, satuan: persen, polaritas: {polarity}, "
        f"kondisi_awal: {{tahun: 2024, nilai: 10}}, target: {target}, definisi: Definisi}}"
    )


DINKES_V1 = f"""\
opd:
  id: dinkes
  nama: Dinas Kesehatan
node:
  - id: dinkes-ss
    tingkat: sasaran_strategis
    induk: sasaran
    pernyataan: Menurunnya kematian ibu dan bayi
    indikator:
      - {_ind("dinkes-ss-i1", "Jumlah kematian ibu", "minimal", "{2025: 14, 2026: 13}")}
  - id: dinkes-sp-kia
    tingkat: sasaran_program
    induk: dinkes-ss
    pernyataan: Meningkatnya pelayanan kesehatan ibu dan anak
    kode: "1.02.02"
    indikator:
      - {_ind("dinkes-sp-kia-i1", "Persentase ibu hamil K6")}
  - id: dinkes-sp-gizi
    tingkat: sasaran_program
    induk: dinkes-ss
    pernyataan: Meningkatnya status gizi masyarakat
    kode: "1.02.02"
    indikator:
      - {_ind("dinkes-sp-gizi-i1", "Prevalensi stunting", "minimal", "{2025: 20, 2026: 18}")}
  - id: dinkes-sk-posyandu
    tingkat: sasaran_kegiatan
    induk: dinkes-sp-kia
    pernyataan: Meningkatnya posyandu aktif
    kode: "1.02.02.2.02"
    indikator:
      - {_ind("dinkes-sk-posyandu-i1", "Persentase posyandu aktif")}
  - id: dinkes-ssk-bumil
    tingkat: sasaran_sub_kegiatan
    induk: dinkes-sk-posyandu
    pernyataan: Terlayaninya ibu hamil sesuai standar
    kode: "1.02.02.2.02.0001"
    anggaran: {{2025: 1000000, 2026: 1100000}}
    indikator:
      - {_ind("dinkes-ssk-bumil-i1", "Jumlah ibu hamil yang dilayani")}
"""

# The four changes of the issue: a moved node, a changed target, a renamed id, a new crosscutting
# link. The node's rename is detected (same content); its indicator's is declared in id_lama.
DINKES_V2 = (
    DINKES_V1.replace(
        "    induk: dinkes-sp-kia\n    pernyataan: Meningkatnya posyandu",
        "    induk: dinkes-sp-gizi\n    pernyataan: Meningkatnya posyandu",
    )
    .replace("{2025: 14, 2026: 13}", "{2025: 14, 2026: 14}")
    .replace("id: dinkes-ssk-bumil\n", "id: dinkes-ssk-ibu-hamil\n")
    .replace(
        "{id: dinkes-ssk-bumil-i1,",
        "{id: dinkes-ssk-ibu-hamil-i1, id_lama: [dinkes-ssk-bumil-i1],",
    )
    .replace(
        '    kode: "1.02.02"\n    indikator:\n      - {id: dinkes-sp-gizi-i1',
        '    kode: "1.02.02"\n'
        "    crosscutting:\n"
        "      - {ke: dinsos-ssk, peran: Pendataan keluarga miskin, status: menunggu}\n"
        "    indikator:\n      - {id: dinkes-sp-gizi-i1",
    )
)

GIT = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.invalid"]


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run([*GIT, *args], cwd=repo, capture_output=True, text=True, check=True)
    return proc.stdout


def _commit_tree(repo: Path, dinkes: str, message: str) -> None:
    write_tree(
        repo / "trees",
        {"pemda.yaml": PEMDA, "opd/dinkes.yaml": dinkes, "opd/dinsos.yaml": DINSOS},
    )
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message)


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q")
    _commit_tree(root, DINKES_V1, "pohon 2025")
    _commit_tree(root, DINKES_V2, "pohon 2025, revisi")
    monkeypatch.chdir(root)
    return root


def test_both_versions_are_valid_trees(repo: Path) -> None:
    result = check_trees(repo / "trees")
    assert result.ok, [d.format() for d in result.errors]


EXPECTED = {
    "ringkasan": {
        "node_ditambah": 0,
        "node_dihapus": 0,
        "node_dipindah": 1,
        "node_diganti_id": 1,
        "node_diubah": 3,
        "indikator_ditambah": 0,
        "indikator_dihapus": 0,
        "indikator_diganti_id": 1,
        "target_berubah": 1,
        "target_melemah": 1,
        "realisasi_berubah": 0,
        "anggaran_berubah": 0,
        "crosscutting_ditambah": 1,
        "crosscutting_dihapus": 0,
        "crosscutting_status": 0,
        "mendukung_ditambah": 0,
        "mendukung_dihapus": 0,
        "penyebab_ditambah": 0,
        "penyebab_dihapus": 0,
        "menangani_ditambah": 0,
        "menangani_dihapus": 0,
    },
    "old_label": "HEAD~1",
    "new_label": "HEAD",
    "region": [],
    "groups": [
        {
            "id": "dinkes",
            "name": "Dinas Kesehatan",
            "change": None,
            "fields": [],
            "nodes": [
                {
                    "id": "dinkes-ss",
                    "change": "diubah",
                    "level": "sasaran_strategis",
                    "statement": "Menurunnya kematian ibu dan bayi",
                    "opd_id": "dinkes",
                    "parent": "sasaran",
                    "old_id": None,
                    "rename_declared": False,
                    "old_parent": None,
                    "new_parent": None,
                    "moved": False,
                    "fields": [],
                    "budget": [],
                    "indicators": [
                        {
                            "id": "dinkes-ss-i1",
                            "name": "Jumlah kematian ibu",
                            "change": "diubah",
                            "node_id": "dinkes-ss",
                            "old_id": None,
                            "rename_declared": False,
                            "moved_from": None,
                            "polarity": "minimal",
                            "fields": [],
                            "targets": [
                                {
                                    "year": 2026,
                                    "old": 13,
                                    "new": 14,
                                    "direction": "naik",
                                    "assessment": "melemah",
                                }
                            ],
                            "realisations": [],
                            "quarters": [],
                            "supports": [],
                            "file": "trees/opd/dinkes.yaml",
                            "line": 10,
                        }
                    ],
                    "crosscutting": [],
                    "addresses": [],
                    "file": "trees/opd/dinkes.yaml",
                    "line": 5,
                },
                {
                    "id": "dinkes-sp-gizi",
                    "change": "diubah",
                    "level": "sasaran_program",
                    "statement": "Meningkatnya status gizi masyarakat",
                    "opd_id": "dinkes",
                    "parent": "dinkes-ss",
                    "old_id": None,
                    "rename_declared": False,
                    "old_parent": None,
                    "new_parent": None,
                    "moved": False,
                    "fields": [],
                    "budget": [],
                    "indicators": [],
                    "crosscutting": [
                        {
                            "change": "ditambah",
                            "target": "dinsos-ssk",
                            "external": False,
                            "role": "Pendataan keluarga miskin",
                            "old_status": None,
                            "new_status": "menunggu",
                            "fields": [],
                        }
                    ],
                    "addresses": [],
                    "file": "trees/opd/dinkes.yaml",
                    "line": 18,
                },
                {
                    "id": "dinkes-sk-posyandu",
                    "change": "diubah",
                    "level": "sasaran_kegiatan",
                    "statement": "Meningkatnya posyandu aktif",
                    "opd_id": "dinkes",
                    "parent": "dinkes-sp-gizi",
                    "old_id": None,
                    "rename_declared": False,
                    "old_parent": "dinkes-sp-kia",
                    "new_parent": "dinkes-sp-gizi",
                    "moved": True,
                    "fields": [],
                    "budget": [],
                    "indicators": [],
                    "crosscutting": [],
                    "addresses": [],
                    "file": "trees/opd/dinkes.yaml",
                    "line": 27,
                },
                {
                    "id": "dinkes-ssk-ibu-hamil",
                    "change": "diubah",
                    "level": "sasaran_sub_kegiatan",
                    "statement": "Terlayaninya ibu hamil sesuai standar",
                    "opd_id": "dinkes",
                    "parent": "dinkes-sk-posyandu",
                    "old_id": "dinkes-ssk-bumil",
                    "rename_declared": False,
                    "old_parent": None,
                    "new_parent": None,
                    "moved": False,
                    "fields": [],
                    "budget": [],
                    "indicators": [
                        {
                            "id": "dinkes-ssk-ibu-hamil-i1",
                            "name": "Jumlah ibu hamil yang dilayani",
                            "change": "diubah",
                            "node_id": "dinkes-ssk-ibu-hamil",
                            "old_id": "dinkes-ssk-bumil-i1",
                            "rename_declared": True,
                            "moved_from": None,
                            "polarity": "maksimal",
                            "fields": [],
                            "targets": [],
                            "realisations": [],
                            "quarters": [],
                            "supports": [],
                            "file": "trees/opd/dinkes.yaml",
                            "line": 41,
                        }
                    ],
                    "crosscutting": [],
                    "addresses": [],
                    "file": "trees/opd/dinkes.yaml",
                    "line": 34,
                },
            ],
        }
    ],
    "old_errors": 0,
    "new_errors": 0,
    "problems": [],
}


def test_exact_diff_between_two_commits(repo: Path) -> None:
    old = load_revision("HEAD~1")
    new = load_revision("HEAD")
    assert diff_as_dict(diff_sites(old, new)) == EXPECTED


def test_cli_json_is_the_same_diff(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_a_side_can_be_a_folder(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "trees", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["ringkasan"] == EXPECTED["ringkasan"]
    assert payload["new_label"] == "trees"


def test_markdown_comment(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## Perubahan pohon kinerja\n\n`HEAD~1` → `HEAD`\n")
    assert (
        "**Ringkasan:** 1 node dipindah · 1 id node diganti · 3 node diubah · "
        "1 id indikator diganti · 1 target berubah · 1 target melemah · "
        "1 crosscutting ditambah\n"
    ) in text
    assert "> - `dinkes-ss-i1` Jumlah kematian ibu, 2026: 13 → 14 (minimal)\n" in text
    assert "### Dinas Kesehatan (`dinkes`)\n" in text
    for line in (
        "    - target 2026: 13 → 14 (+1) — naik, **melemah** ⚠️",
        "  - dipindah: induk `dinkes-sp-kia` → `dinkes-sp-gizi`",
        "  - id diganti: `dinkes-ssk-bumil` → `dinkes-ssk-ibu-hamil` (terdeteksi: isi sama; "
        "tambahkan `id_lama` agar tautan lama tetap berlaku)",
        "    - id diganti: `dinkes-ssk-bumil-i1` → `dinkes-ssk-ibu-hamil-i1` "
        "(dinyatakan di `id_lama`)",
        "  - crosscutting **ditambah** → `dinsos-ssk`: Pendataan keluarga miskin (menunggu)",
    ):
        assert line + "\n" in text, line
    # One Mermaid diagram of the changed part.
    assert text.count("```mermaid\n") == 1
    diagram = text.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert diagram.startswith("flowchart TB\n")
    boxes = re.findall(r'^    (n\d+)\["([^"\n]*)"\]$', diagram, re.M)
    assert [b[0] for b in boxes] == [f"n{i}" for i in range(len(boxes))]
    labels = dict(boxes)
    assert labels["n3"].startswith("dinkes-ssk-bumil → dinkes-ssk-ibu-hamil · Terlayaninya")
    ids = {label.split(" ")[0]: box for box, label in boxes}
    assert f"    {ids['dinkes-sp-gizi']} --> {ids['dinkes-sk-posyandu']}\n" in diagram
    assert f"    {ids['dinkes-sp-kia']} -.->|dulu| {ids['dinkes-sk-posyandu']}\n" in diagram
    assert f"    {ids['dinkes-sp-gizi']} -.->|crosscutting baru| {ids['dinsos-ssk']}\n" in diagram
    assert f"    class {ids['dinkes-sk-posyandu']} dipindah\n" in diagram
    assert f"    class {ids['dinkes-sp-kia']} konteks\n" in diagram


def test_no_change(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD", "HEAD"]) == 0
    text = capsys.readouterr().out
    assert "Tidak ada perubahan isi pohon kinerja" in text and "```mermaid" not in text
    assert diff_sites(load_revision("HEAD"), load_revision("HEAD")).empty


def test_loading_errors_exit_2(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "no-such-branch", "HEAD"]) == 2
    assert "'no-such-branch' bukan folder maupun revisi git" in capsys.readouterr().err
    assert main(["--bahasa", "en", "diff", "no-such-branch", "HEAD"]) == 2
    assert "'no-such-branch' is neither a folder nor a git revision" in capsys.readouterr().err
    assert main(["diff", "HEAD~1", "HEAD", "--trees", "pohon"]) == 2
    assert "pohon" in capsys.readouterr().err
    with pytest.raises(DiffLoadError):
        load_revision("HEAD", cwd=tmp_path.parent)  # not a git repository
    with pytest.raises(SystemExit) as exc:
        main(["diff", "HEAD"])
    assert exc.value.code == 2


def test_every_kind_of_change_between_folders(tmp_path: Path) -> None:
    old = DINKES_V1
    new = (
        DINKES_V1.replace(  # statement of a program, code of another, budget of a sub kegiatan
            "pernyataan: Meningkatnya pelayanan kesehatan ibu dan anak\n",
            "pernyataan: Meningkatnya mutu pelayanan kesehatan ibu dan anak\n",
        )
        .replace(
            'pernyataan: Meningkatnya status gizi masyarakat\n    kode: "1.02.02"',
            'pernyataan: Meningkatnya status gizi masyarakat\n    kode: "1.02.05"',
        )
        .replace("{2025: 1000000, 2026: 1100000}", "{2025: 1000000, 2026: 900000}")
        # a lowered target where higher is better, a realisation, an indicator added
        .replace(
            _ind("dinkes-sp-kia-i1", "Persentase ibu hamil K6"),
            _ind("dinkes-sp-kia-i1", "Persentase ibu hamil K6", target="{2025: 80, 2026: 82}")[:-1]
            + ", realisasi: {2025: 78}}\n      - "
            + _ind("dinkes-sp-kia-i2", "Persentase bayi diimunisasi"),
        )
        # a node renamed with id_lama, its indicator removed
        .replace(
            "  - id: dinkes-sk-posyandu\n",
            "  - id: dinkes-sk-posyandu-aktif\n    id_lama: [dinkes-sk-posyandu]\n",
        )
        .replace("induk: dinkes-sk-posyandu\n", "induk: dinkes-sk-posyandu-aktif\n")
        .replace("      - " + _ind("dinkes-sk-posyandu-i1", "Persentase posyandu aktif") + "\n", "")
        # a node added, with a crosscutting link to an outside body
        + "  - id: dinkes-ssk-gizi\n"
        "    tingkat: sasaran_sub_kegiatan\n"
        "    induk: dinkes-sk-posyandu-aktif\n"
        "    pernyataan: Terlayaninya balita gizi kurang\n"
        '    kode: "1.02.02.2.02.0015"\n'
        "    crosscutting:\n"
        "      - {instansi: BKKBN Provinsi, peran: Pendampingan keluarga, status: disetujui}\n"
    )
    dinsos_old = DINSOS + (
        "  - id: dinsos-extra\n    tingkat: sasaran_sub_kegiatan\n    induk: dinsos-sk\n"
        "    pernyataan: Node yang akan dihapus\n"
        "    crosscutting:\n      - {ke: dinkes-sp-kia, peran: Rujukan, status: menunggu}\n"
    )
    dinsos_new = DINSOS.replace(
        "    pernyataan: Terdatanya keluarga penerima bantuan\n",
        "    pernyataan: Terdatanya keluarga penerima bantuan\n"
        "    crosscutting:\n      - {ke: dinkes-sp-kia, peran: Rujukan, status: disetujui}\n",
    )
    old_root = write_tree(
        tmp_path / "old",
        {"pemda.yaml": PEMDA, "opd/dinkes.yaml": old, "opd/dinsos.yaml": dinsos_old},
    )
    new_root = write_tree(
        tmp_path / "new",
        {"pemda.yaml": PEMDA, "opd/dinkes.yaml": new, "opd/dinsos.yaml": dinsos_new},
    )
    checked = check_trees(new_root)
    assert checked.ok, [d.format() for d in checked.errors]
    diff = diff_sites(load_folder(old_root), load_folder(new_root))
    nodes = {n.id: n for n in diff.nodes}
    summary = diff.summary()
    assert summary["node_ditambah"] == 1 and summary["node_dihapus"] == 1
    assert summary["indikator_ditambah"] == 1 and summary["indikator_dihapus"] == 1

    kia = nodes["dinkes-sp-kia"]
    assert [(c.field, c.old, c.new) for c in kia.fields] == [
        (
            "pernyataan",
            "Meningkatnya pelayanan kesehatan ibu dan anak",
            "Meningkatnya mutu pelayanan kesehatan ibu dan anak",
        )
    ]
    assert [(c.field, c.old, c.new) for c in nodes["dinkes-sp-gizi"].fields] == [
        ("kode", "1.02.02", "1.02.05")
    ]
    (k6, imunisasi) = kia.indicators
    assert [(t.year, t.old, t.new, t.assessment) for t in k6.targets] == [(2026, 85, 82, "melemah")]
    assert [(r.year, r.old, r.new) for r in k6.realisations] == [(2025, None, 78)]
    assert imunisasi.change == "ditambah" and imunisasi.id == "dinkes-sp-kia-i2"

    posyandu = nodes["dinkes-sk-posyandu-aktif"]
    assert posyandu.old_id == "dinkes-sk-posyandu" and posyandu.rename_declared
    assert not posyandu.moved
    assert [(i.id, i.change) for i in posyandu.indicators] == [("dinkes-sk-posyandu-i1", "dihapus")]
    assert not nodes["dinkes-ssk-bumil"].moved  # its parent was renamed, not changed

    bumil = nodes["dinkes-ssk-bumil"]
    assert [(b.year, b.old, b.new, b.direction) for b in bumil.budget] == [
        (2026, 1100000, 900000, "turun")
    ]

    added = nodes["dinkes-ssk-gizi"]
    assert added.change == "ditambah" and added.parent == "dinkes-sk-posyandu-aktif"
    assert [(c.change, c.target, c.external) for c in added.crosscutting] == [
        ("ditambah", "BKKBN Provinsi", True)
    ]

    removed = nodes["dinsos-extra"]
    assert removed.change == "dihapus" and removed.old_parent == "dinsos-sk"
    status = nodes["dinsos-sub"].crosscutting
    assert [(c.change, c.target) for c in status] == [("ditambah", "dinkes-sp-kia")]

    text = render_markdown(diff)
    assert "### Dinas Sosial (`dinsos`)" in text
    assert "- **Dihapus** `dinsos-extra`" in text
    assert "- **Ditambah** `dinkes-ssk-gizi`" in text
    assert "  - anggaran 2026: Rp 1.100.000 → Rp 900.000 (−200.000)" in text
    assert "  - kode: 1.02.02 → 1.02.05" in text
    assert json.loads(render_json(diff))["ringkasan"] == summary


def test_crosscutting_status_change_and_removal(tmp_path: Path) -> None:
    link = "    crosscutting:\n      - {ke: dinkes-sp-kia, peran: Rujukan, status: menunggu}\n"
    body = "    pernyataan: Terdatanya keluarga penerima bantuan\n"
    before = DINSOS.replace(body, body + link).replace(
        "    pernyataan: Terlaksananya pendataan\n",
        "    pernyataan: Terlaksananya pendataan\n"
        "    crosscutting:\n      - {instansi: Kemensos, peran: Data DTKS, status: disetujui}\n",
    )
    after = DINSOS.replace(body, body + link.replace("menunggu", "disetujui"))
    files = {"pemda.yaml": PEMDA, "opd/dinkes.yaml": DINKES_V1}
    old = write_tree(tmp_path / "old", {**files, "opd/dinsos.yaml": before})
    new = write_tree(tmp_path / "new", {**files, "opd/dinsos.yaml": after})
    diff = diff_sites(check_trees(old), check_trees(new))
    nodes = {n.id: n for n in diff.nodes}
    (changed,) = nodes["dinsos-sub"].crosscutting
    assert (changed.change, changed.old_status, changed.new_status) == (
        "status",
        "menunggu",
        "disetujui",
    )
    (gone,) = nodes["dinsos-sk"].crosscutting
    assert (gone.change, gone.target, gone.external) == ("dihapus", "Kemensos", True)
    text = render_markdown(diff)
    assert "  - crosscutting → `dinkes-sp-kia`: status menunggu → **disetujui**\n" in text
    assert "  - crosscutting **dihapus** → Kemensos: Data DTKS (disetujui)\n" in text


def test_direction_against_polarity() -> None:
    up, down = {2025: 10}, {2025: 8}
    assert year_changes(up, down, "target", "maksimal")[0].assessment == "melemah"
    assert year_changes(down, up, "target", "maksimal")[0].assessment == "menguat"
    assert year_changes(down, up, "target", "minimal")[0].assessment == "melemah"
    assert year_changes(up, down, "target", "minimal")[0].assessment == "menguat"
    assert year_changes(up, down, "target", "stabil")[0].assessment is None
    assert year_changes(up, down, "realisasi", "maksimal")[0].assessment == "memburuk"
    text = year_changes({2025: "B"}, {2025: "A"}, "target", "maksimal")[0]
    assert (text.direction, text.assessment) == (None, None)
    assert year_changes({2025: 10}, {2025: 10.0}, "target", "maksimal") == []
    added = year_changes({}, {2026: 5}, "target", "maksimal")[0]
    assert (added.old, added.new, added.direction) == (None, 5, None)


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    hostile = 'Tutup"] --> n9["x <script>alert(1)</script> | [tautan](http://x) %%'
    files = {"pemda.yaml": PEMDA, "opd/dinsos.yaml": DINSOS}
    old = write_tree(tmp_path / "old", {**files, "opd/dinkes.yaml": DINKES_V1})
    new = write_tree(
        tmp_path / "new",
        {
            **files,
            "opd/dinkes.yaml": DINKES_V1.replace(
                "pernyataan: Meningkatnya status gizi masyarakat",
                f"pernyataan: {json.dumps(hostile)}",
            ),
        },
    )
    diff = diff_sites(check_trees(old), check_trees(new))
    text = render_markdown(diff)
    assert "<script>" not in text and "[tautan](http" not in text
    diagram = change_diagram(diff)
    assert diagram is not None
    for line in diagram.source.splitlines()[1:]:
        assert re.fullmatch(
            r'    (n\d+\["[^"<>\[\]]*"\]|n\d+ [-.>x|a-z ]+ n\d+|class n\d+ \w+|classDef \w+ [^"]+)',
            line,
        ), line
