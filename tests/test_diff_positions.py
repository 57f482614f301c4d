"""`pohon diff` of positions: a node or indicator reassigned to another position reads
"Penanggung jawab berpindah dari … ke …", and an agency's positions added or changed are listed
one by one (not as one long list)."""

from __future__ import annotations

from pathlib import Path

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import render_markdown
from tests.test_position_rules import _files
from tests.treebuilder import write_tree


def _diff(tmp_path: Path, old: dict[str, str], new: dict[str, str]):
    before = check_trees(write_tree(tmp_path / "old", old))
    after = check_trees(write_tree(tmp_path / "new", new))
    return diff_sites(before, after)


def test_a_reassigned_node_and_indicator_in_the_domain_s_words(tmp_path: Path) -> None:
    old = _files()
    new = _files(opd__dinkes="    jabatan: dinkes.kasi\n=>    jabatan: dinkes.kabid\n")
    new["opd/dinkes.yaml"] = new["opd/dinkes.yaml"].replace(
        "{id: i-sk,", "{jabatan: dinkes.kasi, id: i-sk,"
    )
    diff = _diff(tmp_path, old, new)
    (ssk,) = [node for node in diff.nodes if node.id == "ssk"]
    assert [(c.field, c.old, c.new) for c in ssk.fields] == [
        ("jabatan", "dinkes.kasi", "dinkes.kabid")
    ]
    text = render_markdown(diff)
    assert (
        "Penanggung jawab berpindah dari Kepala Seksi Kesehatan Keluarga (`dinkes.kasi`) ke "
        "Kepala Bidang Kesehatan Masyarakat (`dinkes.kabid`)"
    ) in text
    assert "Penanggung jawab ditetapkan: Kepala Seksi Kesehatan Keluarga (`dinkes.kasi`)" in text
    english = render_markdown(diff, language="en")
    assert "Responsibility moved from Kepala Seksi Kesehatan Keluarga (`dinkes.kasi`) to" in english


def test_positions_added_and_changed_one_by_one(tmp_path: Path) -> None:
    old = _files()
    new = _files(
        opd__dinkes="      eselon: IV.a\n=>      eselon: IV.b\n",
    )
    new["opd/dinkes.yaml"] = new["opd/dinkes.yaml"].replace(
        "node:\n",
        "    - {id: dinkes.kasubbag, nama: Kepala Subbagian Umum, eselon: IV.a, atasan: "
        "dinkes.kadis}\nnode:\n",
        1,
    )
    diff = _diff(tmp_path, old, new)
    (group,) = [g for g in diff.groups if g.id == "dinkes"]
    fields = {c.field: (c.old, c.new) for c in group.fields}
    assert fields["jabatan dinkes.kasi: eselon"] == ("IV.a", "IV.b")
    assert fields["jabatan dinkes.kasubbag"][0] is None
    assert fields["jabatan dinkes.kasubbag"][1]["nama"] == "Kepala Subbagian Umum"
    assert "jabatan" not in fields  # never the whole list at once


def test_hostile_position_name_stays_text_in_the_comment(tmp_path: Path) -> None:
    old = _files()
    new = _files(opd__dinkes="    jabatan: dinkes.kasi\n=>    jabatan: dinkes.kabid\n")
    new["opd/dinkes.yaml"] = new["opd/dinkes.yaml"].replace(
        "nama: Kepala Bidang Kesehatan Masyarakat", 'nama: "<script>alert(1)</script>"'
    )
    text = render_markdown(_diff(tmp_path, old, new))
    assert "<script>" not in text
