"""The position rules (``opd.jabatan``, ``jabatan`` on nodes and indicators): one case per rule with
its file and line, sound trees next to each defect, and a cycle named once with each position."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES, Severity
from tests.rule_cases import LINK
from tests.treebuilder import base_files, line_of, write_tree

POSITIONS = """\
  jabatan:
    - id: dinkes.kadis
      nama: Kepala Dinas Kesehatan
      eselon: II.b
      pejabat: {nama: dr. Uji, nip: "197305122002122004"}
    - id: dinkes.kabid
      nama: Kepala Bidang Kesehatan Masyarakat
      eselon: III.b
      atasan: dinkes.kadis
    - id: dinkes.kasi
      nama: Kepala Seksi Kesehatan Keluarga
      eselon: IV.a
      atasan: dinkes.kabid
"""

ASSIGNED = {
    "    pernyataan: Meningkatnya pelayanan kesehatan ibu\n": "dinkes.kadis",
    "    pernyataan: Meningkatnya cakupan layanan ibu hamil\n": "dinkes.kabid",
    "    pernyataan: Terlayaninya ibu hamil\n": "dinkes.kasi",
}


def _files(**changes: str) -> dict[str, str]:
    files = base_files()
    dinkes = files["opd/dinkes.yaml"].replace("node:\n", POSITIONS + "node:\n", 1)
    for statement, position in ASSIGNED.items():
        dinkes = dinkes.replace(statement, statement + f"    jabatan: {position}\n")
    files["opd/dinkes.yaml"] = dinkes
    for name, (old, new) in (
        (k.replace("__", "/") + ".yaml", v.split("=>", 1)) for k, v in changes.items()
    ):
        assert old in files[name], old
        files[name] = files[name].replace(old, new, 1)
    return files


def _found(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int, str]]:
    result = check_trees(write_tree(tmp_path, files))
    return [(d.rule, d.file.rsplit("/", 1)[-1], d.line, d.text.id) for d in result.diagnostics]


def test_sound_positions_are_clean(tmp_path: Path) -> None:
    result = check_trees(write_tree(tmp_path, _files()))
    assert result.diagnostics == []
    site = result.site
    assert [p.id for p in site.opds["dinkes"].positions] == [
        "dinkes.kadis",
        "dinkes.kabid",
        "dinkes.kasi",
    ]
    assert site.positions["dinkes.kabid"].superior_id == "dinkes.kadis"
    assert site.positions["dinkes.kasi"].opd_id == "dinkes"
    assert site.nodes["sp"].position_id == "dinkes.kabid"


def _only(found: list[tuple[str, str, int, str]], rule: str) -> list[tuple[str, str, int, str]]:
    return [f for f in found if f[0] == rule]


def test_duplicate_position_id(tmp_path: Path) -> None:
    files = _files(
        opd__dinsos="node:\n=>  jabatan:\n    - {id: dinkes.kabid, nama: Kepala Dinas Sosial}\n"
        "node:\n"
    )
    (found,) = _only(_found(tmp_path, files), "jabatan-ganda")
    assert found[1:3] == ("dinsos.yaml", line_of(files["opd/dinsos.yaml"], "id: dinkes.kabid"))
    assert "dinkes.yaml:" in found[3]
    assert RULES["jabatan-ganda"].severity is Severity.ERROR


def test_unknown_position_on_node_indicator_and_superior(tmp_path: Path) -> None:
    files = _files(
        opd__dinkes="jabatan: dinkes.kasi\n=>jabatan: dinkes.kasie\n",
    )
    files["opd/dinkes.yaml"] = files["opd/dinkes.yaml"].replace(
        "atasan: dinkes.kabid", "atasan: dinkes.kabid-x"
    )
    files["opd/dinkes.yaml"] = files["opd/dinkes.yaml"].replace(
        "{id: i-sk,", "{jabatan: tidak.ada, id: i-sk,"
    )
    found = _only(_found(tmp_path, files), "jabatan-tidak-dikenal")
    text = files["opd/dinkes.yaml"]
    assert sorted(f[2] for f in found) == sorted(
        [
            line_of(text, "atasan: dinkes.kabid-x"),
            line_of(text, "jabatan: dinkes.kasie"),
            line_of(text, "jabatan: tidak.ada"),
        ]
    )
    assert all(f[1] == "dinkes.yaml" for f in found)
    assert any("dinkes.kabid" in f[3] and "dikenal" in f[3] for f in found)


def test_a_cycle_names_each_position_once(tmp_path: Path) -> None:
    files = _files(
        opd__dinkes="      eselon: II.b\n=>      eselon: II.b\n      atasan: dinkes.kasi\n"
    )
    found = _only(_found(tmp_path, files), "jabatan-siklus")
    assert len(found) == 1
    rule, file, line, text = found[0]
    assert (file, line) == ("dinkes.yaml", line_of(files["opd/dinkes.yaml"], "atasan: dinkes.kasi"))
    for position in ("dinkes.kadis", "dinkes.kabid", "dinkes.kasi"):
        assert position in text
    # no idle warning for positions caught in the cycle that are assigned
    assert not _only(_found(tmp_path / "again", files), "jabatan-tanpa-tugas")


def test_superior_in_another_agency(tmp_path: Path) -> None:
    files = _files(
        opd__dinsos="node:\n=>  jabatan:\n    - id: dinsos.kabid\n      nama: Kepala Bidang\n"
        "      eselon: III.b\n      atasan: dinkes.kadis\nnode:\n"
    )
    files["opd/dinsos.yaml"] = files["opd/dinsos.yaml"].replace(
        "    pernyataan: Terdatanya ibu hamil keluarga miskin\n",
        "    pernyataan: Terdatanya ibu hamil keluarga miskin\n    jabatan: dinsos.kabid\n",
    )
    found = _found(tmp_path, files)
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("atasan-opd-lain", "dinsos.yaml", line_of(files["opd/dinsos.yaml"], "atasan: dinkes"))
    ]
    assert RULES["atasan-opd-lain"].severity is Severity.ERROR


def test_position_of_another_agency_without_crosscutting(tmp_path: Path) -> None:
    assign = (
        "    pernyataan: Terdatanya ibu hamil keluarga miskin\n=>"
        "    pernyataan: Terdatanya ibu hamil keluarga miskin\n    jabatan: dinkes.kabid\n"
    )
    files = _files(opd__dinsos=assign)
    found = _found(tmp_path / "a", files)
    assert [(f[0], f[1], f[2]) for f in found] == [
        ("jabatan-opd-lain", "dinsos.yaml", line_of(files["opd/dinsos.yaml"], "jabatan: dinkes"))
    ]
    assert RULES["jabatan-opd-lain"].criterion == "selaras"
    # the same assignment with an agreed crosscutting link between the two agencies is sound
    linked = _files(opd__dinsos=assign)
    linked["opd/dinkes.yaml"] = linked["opd/dinkes.yaml"].replace(
        '    kode: "1.02.02"\n', '    kode: "1.02.02"\n' + LINK, 1
    )
    assert _found(tmp_path / "b", linked) == []


def test_idle_position_and_its_busy_chain(tmp_path: Path) -> None:
    extra = (
        "    - id: dinkes.kasubbag\n      nama: Kepala Subbagian Umum\n      eselon: IV.a\n"
        "      atasan: dinkes.kadis\n"
        "    - id: dinkes.analis\n      nama: Analis Kebijakan\n      eselon: fungsional\n"
        "      atasan: dinkes.kasubbag\n"
    )
    files = _files(opd__dinkes="node:\n=>" + extra + "node:\n")
    found = _found(tmp_path / "a", files)
    assert [(f[0], f[1], f[2]) for f in found] == [
        (
            "jabatan-tanpa-tugas",
            "dinkes.yaml",
            line_of(files["opd/dinkes.yaml"], "id: dinkes.kasubbag"),
        )
    ]
    assert RULES["jabatan-tanpa-tugas"].criterion == "selaras"
    # a subordinate with work keeps its superior busy, even with nothing of its own
    busy = _files(opd__dinkes="node:\n=>" + extra + "node:\n")
    busy["opd/dinkes.yaml"] = busy["opd/dinkes.yaml"].replace(
        "{id: i-sk,", "{jabatan: dinkes.analis, id: i-sk,"
    )
    assert _found(tmp_path / "b", busy) == []


@pytest.mark.parametrize("language", ["id", "en"])
def test_messages_say_what_to_do(tmp_path: Path, language: str) -> None:
    files = _files(opd__dinkes="atasan: dinkes.kabid\n=>atasan: dinkes.nope\n")
    result = check_trees(write_tree(tmp_path, files))
    (diagnostic,) = result.diagnostics
    message = diagnostic.text(language)
    assert message.endswith((".", ")"))
    assert ("tulis id" if language == "id" else "write the id") in message
