"""`pohon diff` tells a change of a quarterly target, realisation or planned step in the domain's
words ("Target TW II 2026 berubah dari 6 ke 8"), quarter by quarter, not as a changed mapping;
hostile text in a planned step stays text."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.diff import diff_sites
from mkdocs_pohon_plugin.core.review.diff_render import render_json, render_markdown
from tests.treebuilder import DINKES, base_files, indicator, write_tree

_OLD = indicator(
    "i-sk",
    target_triwulan="{2025: {tw1: 2, tw2: 5, tw3: 8, tw4: 11}, 2026: {tw1: 3, tw2: 6, tw3: 9, "
    "tw4: 12}}",
    realisasi_triwulan="{2025: {tw1: 2}}",
    rencana_aksi="{2026: {tw1: Pendataan sasaran, tw2: Kelas ibu hamil}}",
)
_HOSTILE = "<script>alert(1)</script> [tautan](http://x) | **tebal**"
_NEW = indicator(
    "i-sk",
    target_triwulan="{2025: {tw1: 2, tw2: 5, tw3: 8, tw4: 11}, 2026: {tw1: 3, tw2: 8, tw3: 9, "
    "tw4: 12}}",
    realisasi_triwulan="{2025: {tw1: 2, tw2: 4}}",
    rencana_aksi="{2026: {tw1: Pendataan sasaran, tw2: " + json.dumps(_HOSTILE) + "}}",
)


def _diff(tmp_path: Path, polarity: str = "maksimal"):  # type: ignore[no-untyped-def]
    files = base_files()
    old_ind, new_ind = _OLD, _NEW
    if polarity != "maksimal":
        old_ind = old_ind.replace("polaritas: maksimal", f"polaritas: {polarity}")
        new_ind = new_ind.replace("polaritas: maksimal", f"polaritas: {polarity}")
    line = "      - " + indicator("i-sk") + "\n"
    old = write_tree(
        tmp_path / "lama",
        {**files, "opd/dinkes.yaml": DINKES.replace(line, f"      - {old_ind}\n")},
    )
    new = write_tree(
        tmp_path / "baru",
        {**files, "opd/dinkes.yaml": DINKES.replace(line, f"      - {new_ind}\n")},
    )
    result_old, result_new = check_trees(old), check_trees(new)
    assert result_new.errors == [], [d.format() for d in result_new.errors]
    return diff_sites(result_old, result_new)


def test_quarter_changes_in_the_domain_s_words(tmp_path: Path) -> None:
    diff = _diff(tmp_path)
    (node,) = diff.nodes
    (ind,) = node.indicators
    assert [(c.kind, c.year, c.quarter, c.old, c.new, c.assessment) for c in ind.quarters] == [
        ("target", 2026, "TW II", 6, 8, "menguat"),
        ("realisasi", 2025, "TW II", None, 4, None),
        ("rencana_aksi", 2026, "TW II", "Kelas ibu hamil", _HOSTILE, None),
    ]
    # not a raw change of the mappings
    assert all(c.field not in ("target_triwulan", "realisasi_triwulan") for c in ind.fields)
    assert all(c.field != "rencana_aksi" for c in ind.fields)

    markdown = render_markdown(diff)
    assert "    - Target TW II 2026 berubah dari 6 ke 8 (+2) — menguat\n" in markdown
    assert "    - Realisasi TW II 2025 ditetapkan: 4\n" in markdown
    assert "    - Rencana aksi TW II 2026 berubah dari Kelas ibu hamil ke " in markdown
    assert "<script>" not in markdown and "[tautan](http" not in markdown
    assert "target_triwulan" not in markdown

    english = render_markdown(diff, language="en")
    assert "    - Target TW II 2026 changed from 6 to 8 (+2) — strengthened\n" in english
    assert "    - Realisation TW II 2025 set: 4\n" in english

    data = json.loads(render_json(diff))
    (quarters,) = [i["quarters"] for n in data["groups"][0]["nodes"] for i in n["indicators"]]
    assert quarters[0] == {
        "kind": "target",
        "year": 2026,
        "quarter": "TW II",
        "old": 6,
        "new": 8,
        "direction": "naik",
        "assessment": "menguat",
    }


def test_a_raised_quarter_target_weakens_where_lower_is_better(tmp_path: Path) -> None:
    diff = _diff(tmp_path, polarity="minimal")
    (ind,) = diff.nodes[0].indicators
    assert ind.quarters[0].assessment == "melemah"
    assert "Target TW II 2026 berubah dari 6 ke 8 (+2) — melemah\n" in render_markdown(diff)
