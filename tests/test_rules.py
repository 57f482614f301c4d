"""Every rule, one case at a time: a valid tree with one thing broken must report that rule at the
exact file and line. The last test proves the cases cover the whole rule catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import RULES, check_trees
from mkdocs_pohon_plugin.core.tree import yaml_source
from tests.rule_cases import CASES, Case, Files
from tests.treebuilder import DINKES, DINSOS, PEMDA, base_files, indicator, line_of, write_tree

# Cases whose expected line needs the mutated text in a way a needle cannot express.
_LINE_FIXUPS = {
    "leaf without sub kegiatan": ("opd/dinsos.yaml", "- id: dinsos-ssk"),
}


def _expected_line(case: Case, files: Files) -> int:
    if case.line is not None:
        return case.line
    text = files[case.file]
    assert isinstance(text, str)
    if case.needle is not None:
        return line_of(text, case.needle, case.occurrence)
    raise AssertionError(case.name)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    files = case.mutate(base_files())
    if case.name == "leaf without sub kegiatan":
        # cut dinsos' tree below the program: the program node becomes a leaf without a code.
        text = files["opd/dinsos.yaml"]
        assert isinstance(text, str)
        files["opd/dinsos.yaml"] = text[: text.index("  - id: dinsos-sk\n")]
        file, needle = _LINE_FIXUPS[case.name]
        expected_line = line_of(files[file], needle)  # type: ignore[arg-type]
    else:
        expected_line = _expected_line(case, files)
    write_tree(tmp_path / "trees", files)
    result = check_trees(tmp_path / "trees")
    found = [(d.rule, d.file, d.line) for d in result.diagnostics]
    assert (case.rule, f"trees/{case.file}", expected_line) in found, "\n".join(
        d.format() for d in result.diagnostics
    )
    for diagnostic in result.diagnostics:  # every message says what to do, in a sentence
        assert diagnostic.message.endswith((".", "?", ")")), diagnostic.message


def test_valid_base_is_clean(tmp_path: Path) -> None:
    write_tree(tmp_path, base_files())
    result = check_trees(tmp_path)
    assert result.diagnostics == []
    assert len(result.site.nodes) == 12
    assert len(result.site.indicators) == 12


def test_cases_cover_every_rule() -> None:
    # id-hilang needs a published revision: tests/test_stable_ids.py covers it with git.
    covered = {case.rule for case in CASES} | {"berkas-tidak-terbaca", "id-hilang"}
    # The logic rules (profile lke) and their settings: tests/test_logic_rules.py covers them.
    covered |= {r.id for r in RULES.values() if r.profile == "lke"} | {"pengaturan-mutu-salah"}
    # The position rules: tests/test_position_rules.py covers them.
    covered |= {r.id for r in RULES.values() if r.id.startswith(("jabatan-", "atasan-"))}
    assert set(RULES) - covered == set()


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 100)
    write_tree(tmp_path, base_files())
    result = check_trees(tmp_path)
    assert {d.rule for d in result.errors} >= {"berkas-tidak-terbaca"}


def test_all_problems_at_once(tmp_path: Path) -> None:
    """Three unrelated problems in two files are all reported, none hides another."""
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n").replace(
        "  nama: Dinas Kesehatan", "  nama: NO"
    )
    files["opd/dinsos.yaml"] = DINSOS.replace(
        "pernyataan: Terlaksananya", "pernyatan: Terlaksananya"
    )
    write_tree(tmp_path, files)
    rules = {d.rule for d in check_trees(tmp_path).errors}
    assert rules == {"rujukan-hilang", "yaml-konversi", "kolom-tidak-dikenal", "kolom-wajib"}


def test_warning_switched_off_by_site(tmp_path: Path) -> None:
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES.replace(indicator("i-sk"), indicator("i-sk", definisi=None))
    write_tree(tmp_path, files)
    assert [d.rule for d in check_trees(tmp_path).diagnostics] == ["indikator-tanpa-definisi"]
    files["pemda.yaml"] = PEMDA.replace(
        "node:\n", "pengaturan:\n  aturan_nonaktif: [indikator-tanpa-definisi]\nnode:\n"
    )
    write_tree(tmp_path, files)
    assert check_trees(tmp_path).diagnostics == []


def test_error_rule_cannot_be_switched_off(tmp_path: Path) -> None:
    files = base_files()
    files["pemda.yaml"] = PEMDA.replace(
        "node:\n", "pengaturan:\n  aturan_nonaktif: [rujukan-hilang]\nnode:\n"
    )
    files["opd/dinkes.yaml"] = DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n")
    write_tree(tmp_path, files)
    rules = [d.rule for d in check_trees(tmp_path).diagnostics]
    assert "rujukan-hilang" in rules and "aturan-tidak-dikenal" in rules


def test_custom_level_scheme(tmp_path: Path) -> None:
    """A site inserts 'tujuan_pd' between the regional sasaran and the sasaran strategis."""
    scheme = """pengaturan:
  tingkat:
    - {id: visi, nama: Visi, lingkup: pemda}
    - {id: misi, nama: Misi, lingkup: pemda}
    - {id: tujuan, nama: Tujuan, lingkup: pemda}
    - {id: sasaran, nama: Sasaran, lingkup: pemda}
    - {id: tujuan_pd, nama: Tujuan PD, lingkup: opd}
    - {id: sasaran_strategis, nama: Sasaran Strategis, lingkup: opd}
    - {id: sasaran_program, nama: Sasaran Program, lingkup: opd, kode: program}
    - {id: sasaran_kegiatan, nama: Sasaran Kegiatan, lingkup: opd, kode: kegiatan}
    - {id: sasaran_sub_kegiatan, nama: Sasaran Sub Kegiatan, lingkup: opd, kode: sub_kegiatan}
node:
"""
    files = base_files()
    files["pemda.yaml"] = PEMDA.replace("node:\n", scheme)
    write_tree(tmp_path, files)
    result = check_trees(tmp_path)
    # the agencies' sasaran strategis now skip a level
    bad = [(d.rule, d.file.rsplit("/", 1)[-1]) for d in result.errors]
    assert bad == [("tingkat-salah", "dinkes.yaml"), ("tingkat-salah", "dinsos.yaml")]
    files["opd/dinkes.yaml"] = DINKES.replace(
        "  - id: ss\n",
        "  - id: tpd\n    tingkat: tujuan_pd\n    induk: sasaran\n    pernyataan: Tujuan PD\n"
        "    indikator:\n      - " + indicator("i-tpd") + "\n  - id: ss\n",
    ).replace(
        "    induk: sasaran\n    pernyataan: Meningkatnya",
        "    induk: tpd\n    pernyataan: Meningkatnya",
    )
    files["opd/dinsos.yaml"] = DINSOS.replace("    induk: sasaran\n", "    induk: tpd\n").replace(
        "- id: dinsos-ss\n", "- id: dinsos-ss\n"
    )
    write_tree(tmp_path, files)
    errors = [d for d in check_trees(tmp_path).errors]
    # dinsos now hangs under dinkes' tujuan_pd: a parent in another agency
    assert [(d.rule, d.file.rsplit("/", 1)[-1]) for d in errors] == [
        ("induk-opd-lain", "dinsos.yaml")
    ]
