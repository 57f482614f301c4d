"""Quarterly targets, their basis and the action plan in the cascading workbook: the columns sit
beside the quarterly realisation, export → import gives back the same values (numbers, the
per-quarter basis, planned steps with line breaks and hostile text), and hand-written headers
(``Target TW II 2026``, ``Renaksi 2026 Triwulan IV``) are read."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from mkdocs_pohon_plugin.core import check_trees  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.columns import HeaderRef, match_header  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx  # noqa: E402
from tests.sites import MINI  # noqa: E402

STEP = 'Kelas ibu hamil\n<script>alert("x")</script> =SUM(A1)'


def _trees(tmp_path: Path) -> Path:
    trees = tmp_path / "src"
    shutil.copytree(MINI, trees)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text(encoding="utf-8")
    step = STEP.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    k4 = (
        "        realisasi: {2025: 91.5}\n"
        "        realisasi_triwulan:\n"
        "          2025: {tw1: 24, tw2: 45, tw3: 68, tw4: 91.5}\n"
        "        target_triwulan:\n"
        "          2025: {tw1: 22.5, tw2: 45, tw3: 67.5, tw4: 90}\n"
        "          2026: {tw1: 23, tw2: 46, tw3: 69, tw4: 92}\n"
        "        rencana_aksi:\n"
        "          2026:\n"
        "            tw1: Pendataan ibu hamil per desa\n"
        f'            tw2: "{step}"\n'
    )
    aki = (
        "        realisasi: {2025: 95}\n"
        "        sifat_triwulan: per_triwulan\n"
        "        target_triwulan:\n"
        "          2025: {tw1: 25, tw2: 25, tw3: 25, tw4: 25}\n"
    )
    text = text.replace("        realisasi: {2025: 91.5}\n", k4, 1)
    text = text.replace("        realisasi: {2025: 95}\n", aki, 1)
    dinkes.write_text(text, encoding="utf-8")
    return trees


def test_quarterly_columns_round_trip(tmp_path: Path) -> None:
    trees = _trees(tmp_path)
    before = check_trees(trees)
    assert not before.errors, [d.format() for d in before.errors]
    k4 = before.site.indicators["dinkes-sp-1-k4"]
    assert k4.action_plan[2026]["tw2"] == STEP

    data = export_bytes(before)
    sheet = openpyxl.load_workbook(io.BytesIO(data))["dinkes"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(max_row=12)]
    first = next(r for r, row in enumerate(rows) if "Indikator Kinerja" in row)
    group, headers = None, []
    for top, sub in zip(rows[first], rows[first + 1], strict=True):
        group = top if top is not None else group  # a merged group header over its columns
        headers.append(f"{group} {sub}" if sub is not None else top)
    at = {h: i for i, h in enumerate(headers) if isinstance(h, str)}
    assert at["Realisasi 2025 TW4"] + 1 == at["Target 2025 TW1"]  # beside the realisation
    for header in ("Target 2026 TW4", "Sifat Triwulan", "Rencana Aksi 2026 TW2"):
        assert header in at, header

    workbook = tmp_path / "matriks.xlsx"
    workbook.write_bytes(data)
    out = tmp_path / "trees"
    out.mkdir()
    shutil.copy(trees / "pemda.yaml", out / "pemda.yaml")
    shutil.copytree(trees / "nomenklatur", out / "nomenklatur")
    result = import_xlsx(workbook, out / "opd", trees=trees)
    assert result.problems == []
    after = check_trees(out)
    assert not after.errors
    for ident in ("dinkes-sp-1-k4", "dinkes-ss-1-aki"):
        old, new = before.site.indicators[ident], after.site.indicators[ident]
        assert new.quarterly == old.quarterly, ident
        assert new.quarterly_targets == old.quarterly_targets, ident
        assert new.quarterly_basis == old.quarterly_basis, ident
        assert new.action_plan == old.action_plan, ident
    assert after.site.indicators["dinkes-ss-1-aki"].quarterly_basis == "per_triwulan"
    assert after.site.indicators["dinkes-sp-1-k4"].action_plan[2026]["tw2"] == STEP


@pytest.mark.parametrize(
    ("header", "ref"),
    [
        ("Target 2026 TW1", HeaderRef("quarterly_target", 2026, 1)),
        ("Target TW II 2026", HeaderRef("quarterly_target", 2026, 2)),
        ("Realisasi 2025 TW3", HeaderRef("quarterly", 2025, 3)),
        ("TW IV 2025", HeaderRef("quarterly", 2025, 4)),
        ("Rencana Aksi 2026 TW3", HeaderRef("action_plan", 2026, 3)),
        ("Renaksi 2026 Triwulan IV", HeaderRef("action_plan", 2026, 4)),
        ("Target 2026", HeaderRef("target", 2026)),
        ("Sifat Triwulan", HeaderRef("quarterly_basis")),
    ],
)
def test_quarterly_headers_are_read(header: str, ref: HeaderRef) -> None:
    assert match_header(header) == ref
