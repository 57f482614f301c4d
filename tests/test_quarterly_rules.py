"""The quarterly-target rules (``core/tree/quarterly_rules.py``): each finding at the line of the
field it is about, cumulative and ``per_triwulan`` indicators, and nothing for a tree without
quarterly targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import RULES, check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import Diagnostic
from tests.treebuilder import base_files, indicator, line_of, write_tree


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


_QUARTERLY_RULES = {
    "target-triwulan-tanpa-target",
    "target-triwulan-tidak-sesuai",
    "realisasi-triwulan-tanpa-target",
}

_BLOCK = """\
      - id: i-q1
        nama: Cakupan kumulatif
        satuan: persen
        polaritas: maksimal
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 40, 2026: 50}
        target_triwulan:
          2025: {tw1: 10, tw2: 20, tw3: 30, tw4: 35}
          2026: {tw1: 12, tw2: 25, tw3: 37, tw4: 50}
        realisasi_triwulan:
          2025: {tw1: 9, tw2: 21}
          2026: {tw1: 11}
        definisi: Definisi operasional
      - id: i-q2
        nama: Kegiatan per triwulan
        satuan: kegiatan
        polaritas: maksimal
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 40}
        sifat_triwulan: per_triwulan
        target_triwulan:
          2025: {tw1: 10, tw2: 10, tw3: 10, tw4: 10}
          2026: {tw1: 10, tw2: 10, tw3: 10, tw4: 10}
        realisasi_triwulan:
          2025: {tw1: 9, tw2: 11, tw3: 10}
        definisi: Definisi operasional
      - id: i-q3
        nama: Kegiatan per triwulan yang tidak genap
        satuan: kegiatan
        polaritas: maksimal
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 40, 2026: 45}
        sifat_triwulan: per_triwulan
        target_triwulan:
          2025: {tw1: 10, tw2: 10, tw3: 10, tw4: 10}
          2026: {tw1: 10, tw2: 10, tw3: 10, tw4: 10}
        definisi: Definisi operasional
"""


def _check(tmp_path: Path, block: str) -> tuple[str, list[Diagnostic]]:
    """Check the base trees with ``block`` (indicators) added under Dinkes' sub kegiatan: the
    Dinkes file's text and the quarterly findings (file names relative to ``tmp_path``)."""
    files = base_files()
    marker = "      - " + indicator("i-sk") + "\n"
    dinkes = files["opd/dinkes.yaml"]
    assert marker in dinkes
    files["opd/dinkes.yaml"] = dinkes.replace(marker, marker + block, 1)
    write_tree(tmp_path / "trees", files)
    result = check_trees(Path("trees"))
    assert result.errors == [], [d.format() for d in result.errors]
    return files["opd/dinkes.yaml"], [d for d in result.diagnostics if d.rule in _QUARTERLY_RULES]


def test_findings_name_rule_file_line_and_subject(tmp_path: Path) -> None:
    text, found = _check(tmp_path, _BLOCK)
    got = sorted((d.rule, d.subject, d.file, d.line) for d in found)
    file = "trees/opd/dinkes.yaml"
    q1_targets = line_of(text, "target_triwulan:", 1)
    q1_realised = line_of(text, "realisasi_triwulan:", 1)
    q2_targets = line_of(text, "target_triwulan:", 2)
    q3_targets = line_of(text, "target_triwulan:", 3)
    assert got == sorted(
        [
            # i-q1: TW IV 2025 (35) is not the 2025 target (40); TW II 2025 has a target.
            ("target-triwulan-tidak-sesuai", "i-q1", file, q1_targets),
            # i-q2: 2026 has quarterly targets but no yearly target; 2025 adds up (4 × 10);
            # TW III 2025 has a realisation and a target.
            ("target-triwulan-tanpa-target", "i-q2", file, q2_targets),
            # i-q3: 4 × 10 = 40 is not the 2026 target 45.
            ("target-triwulan-tidak-sesuai", "i-q3", file, q3_targets),
        ]
    ), [d.format() for d in found]
    assert q1_realised != q1_targets
    by_subject = {(d.subject, d.rule): d for d in found}
    cumulative = by_subject["i-q1", "target-triwulan-tidak-sesuai"]
    assert "TW IV 2025 (35)" in cumulative.text.id and "(40)" in cumulative.text.id
    assert "per_triwulan" in cumulative.text.en
    summed = by_subject["i-q3", "target-triwulan-tidak-sesuai"]
    assert "jumlah target TW I–IV 2026 (40)" in summed.text.id and "(45)" in summed.text.id


def test_realisation_without_its_quarter_target(tmp_path: Path) -> None:
    block = """\
      - id: i-q4
        nama: Cakupan
        satuan: persen
        polaritas: maksimal
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 40, 2026: 50}
        target_triwulan:
          2025: {tw1: 10, tw2: 20, tw4: 40}
        realisasi_triwulan:
          2025: {tw1: 9, tw2: 21, tw3: 30}
          2026: {tw1: 11, tw2: 24}
        definisi: Definisi operasional
"""
    text, found = _check(tmp_path, block)
    line = line_of(text, "realisasi_triwulan:")
    assert [(d.rule, d.line) for d in found] == [("realisasi-triwulan-tanpa-target", line)] * 2
    messages = [d.text.id for d in found]
    assert "realisasi TW III 2025 tanpa target" in messages[0]
    assert "realisasi TW I, TW II 2026 tanpa target" in messages[1]
    assert all(RULES[d.rule].criterion == "pengukuran" for d in found)


_QUIET_BLOCKS = {
    # Quarterly realisation alone (every site before quarterly targets) stays without findings.
    "realisation-only": """\
      - id: i-q5
        nama: Cakupan
        satuan: persen
        polaritas: maksimal
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: 10}
        target: {2025: 40, 2026: 50}
        realisasi_triwulan:
          2025: {tw1: 9, tw2: 21, tw3: 30, tw4: 39}
        definisi: Definisi operasional
""",
    # A qualitative indicator's quarters (B, BB) are not compared with its yearly target (A).
    "qualitative": """\
      - id: i-q6
        nama: Predikat
        satuan: predikat
        polaritas: maksimal
        kualitatif: true
        mendukung: [i-sp]
        kondisi_awal: {tahun: 2024, nilai: B}
        target: {2025: A, 2026: A}
        target_triwulan:
          2025: {tw1: B, tw2: B, tw3: BB, tw4: BB}
        definisi: Definisi operasional
""",
}


@pytest.mark.parametrize("block", _QUIET_BLOCKS.values(), ids=_QUIET_BLOCKS.keys())
def test_no_quarterly_findings(tmp_path: Path, block: str) -> None:
    _, found = _check(tmp_path, block)
    assert found == []
