"""`pohon diff` says a change of ``mendukung`` in the domain's words ("kini mendukung …", "tidak
lagi mendukung …"), not as a changed list, and a renamed target alone is no change of support."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import ADDED, REMOVED, diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import render_json, render_markdown
from tests.treebuilder import DINKES, PEMDA, base_files, indicator, write_tree


def _sides(tmp_path: Path, files_new: dict[str, str]) -> tuple[Path, Path]:
    old = write_tree(tmp_path / "lama", base_files())
    new = write_tree(tmp_path / "baru", files_new)
    return old, new


def _changed_tree() -> dict[str, str]:
    files = base_files()
    # i-sk now supports the strategic target's indicator instead of the program's; a new
    # indicator supports the program's
    files["opd/dinkes.yaml"] = DINKES.replace(
        "      - " + indicator("i-sk") + "\n",
        "      - "
        + indicator("i-sk", mendukung="[i-ss]")
        + "\n      - "
        + indicator("i-sk2", nama="Cakupan K6", mendukung="[i-sp]")
        + "\n",
    )
    return files


def test_support_changes_in_the_domain_s_words(tmp_path: Path) -> None:
    old, new = _sides(tmp_path, _changed_tree())
    result_old, result_new = check_trees(old), check_trees(new)
    assert result_new.diagnostics == [], [d.format() for d in result_new.diagnostics]
    diff = diff_sites(result_old, result_new)
    (node,) = [n for n in diff.nodes if n.id == "sk"]
    by_id = {i.id: i for i in node.indicators}
    changed = by_id["i-sk"]
    assert [(s.change, s.target, s.name) for s in changed.supports] == [
        (ADDED, "i-ss", "Indikator i-ss"),
        (REMOVED, "i-sp", "Indikator i-sp"),
    ]
    assert all(c.field != "mendukung" for c in changed.fields)  # not a raw list change
    assert [(s.change, s.target) for s in by_id["i-sk2"].supports] == [(ADDED, "i-sp")]
    summary = diff.summary()
    assert (summary["mendukung_ditambah"], summary["mendukung_dihapus"]) == (2, 1)

    markdown = render_markdown(diff)
    assert "  - indikator `i-sk`: Indikator i-sk\n" in markdown
    assert "    - kini mendukung `i-ss`: Indikator i-ss\n" in markdown
    assert "    - tidak lagi mendukung `i-sp`: Indikator i-sp\n" in markdown
    assert "  - indikator **ditambah** `i-sk2`: Cakupan K6\n    - mendukung `i-sp`" in markdown
    assert "2 dukungan indikator ditambah · 1 dukungan indikator dihapus" in markdown
    assert "mendukung: " not in markdown

    english = render_markdown(diff, language="en")
    assert "    - now supports `i-ss`: Indikator i-ss\n" in english
    assert "    - no longer supports `i-sp`: Indikator i-sp\n" in english
    assert "  - indicator **added** `i-sk2`: Cakupan K6\n    - supports `i-sp`" in english
    assert "2 indicator support(s) added · 1 indicator support(s) removed" in english

    data = json.loads(render_json(diff))
    assert data["ringkasan"]["mendukung_ditambah"] == 2
    (group,) = [g for g in data["groups"] if g["id"] == "dinkes"]
    (sk,) = [n for n in group["nodes"] if n["id"] == "sk"]
    assert sk["indicators"][0]["supports"] == [
        {"change": "ditambah", "target": "i-ss", "name": "Indikator i-ss"},
        {"change": "dihapus", "target": "i-sp", "name": "Indikator i-sp"},
    ]


def test_a_renamed_target_is_no_change_of_support(tmp_path: Path) -> None:
    files = base_files()
    files["pemda.yaml"] = PEMDA.replace(
        indicator("i-tujuan"),
        indicator("i-tujuan-baru", id_lama="[i-tujuan]", mendukung="[i-misi]"),
    ).replace(
        indicator("i-sasaran", polaritas="minimal"),
        indicator("i-sasaran", polaritas="minimal", mendukung="[i-tujuan-baru]"),
    )
    old, new = _sides(tmp_path, files)
    result_new = check_trees(new)
    assert result_new.diagnostics == [], [d.format() for d in result_new.diagnostics]
    diff = diff_sites(check_trees(old), result_new)
    indicators = {i.id: i for n in diff.nodes for i in n.indicators}
    assert indicators["i-tujuan-baru"].old_id == "i-tujuan"
    assert "i-sasaran" not in indicators  # only its target's id changed
    assert diff.summary()["mendukung_ditambah"] == diff.summary()["mendukung_dihapus"] == 0
    assert "mendukung" not in render_markdown(diff)


def test_hostile_names_stay_text(tmp_path: Path) -> None:
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES.replace(
        indicator("i-sp"), indicator("i-sp", nama='"<script>x</script> *b*"')
    ).replace(indicator("i-sk"), indicator("i-sk", mendukung="[i-ss]"))
    old, new = _sides(tmp_path, files)
    markdown = render_markdown(diff_sites(check_trees(old), check_trees(new)))
    line = next(x for x in markdown.splitlines() if "tidak lagi mendukung" in x)
    assert "<script>" not in line and "&lt;script&gt;" in line
    assert "\\*b\\*" in line
