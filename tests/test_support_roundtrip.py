"""``mendukung`` survives the cascading workbook (export-xlsx → import-xlsx) and ``pohon fmt``
writes it where the spec puts it: right after ``iku``."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

from mkdocs_pohon_plugin.cli import main  # noqa: E402
from mkdocs_pohon_plugin.core import check_trees  # noqa: E402
from mkdocs_pohon_plugin.core.review.fmt import format_text  # noqa: E402
from mkdocs_pohon_plugin.core.spreadsheet.exporter import export_bytes  # noqa: E402
from mkdocs_pohon_plugin.core.tree import spec  # noqa: E402
from tests.rule_cases import LINK  # noqa: E402
from tests.treebuilder import DINKES, DINSOS, base_files, indicator, write_tree  # noqa: E402


def _supporting_tree(root: Path) -> Path:
    """The base trees with two targets on one indicator, an IKU, and support across agencies
    through an agreed crosscutting link."""
    files = base_files()
    files["opd/dinkes.yaml"] = (
        DINKES.replace('    kode: "1.02.02"\n', '    kode: "1.02.02"\n' + LINK)
        .replace(indicator("i-ssk"), indicator("i-ssk", mendukung="[i-sk, i-sp]"))
        .replace(indicator("i-sk"), indicator("i-sk", iku="true"))
    )
    files["opd/dinsos.yaml"] = DINSOS.replace(
        indicator("i-dinsos-sp"), indicator("i-dinsos-sp", mendukung="[i-dinsos-ss, i-sp]")
    )
    return write_tree(root, files)


def test_the_workbook_keeps_mendukung(tmp_path: Path) -> None:
    trees = _supporting_tree(tmp_path / "in")
    before = check_trees(trees)
    assert before.diagnostics == [], [d.format() for d in before.diagnostics]
    workbook = tmp_path / "matriks.xlsx"
    assert main(["export-xlsx", str(workbook), "--trees", str(trees)]) == 0
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.read_bytes()))["dinsos"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Mendukung Indikator" in cells and "i-dinsos-ss, i-sp" in cells

    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(trees / "pemda.yaml", out / "pemda.yaml")
    command = ["import-xlsx", str(workbook), "--out", str(out / "opd"), "--trees", str(out)]
    assert main(command) == 0
    after = check_trees(out)
    assert after.diagnostics == [], [d.format() for d in after.diagnostics]
    agency = {
        i: ind for i, ind in before.site.indicators.items() if ind.node_id in after.site.nodes
    }
    assert {i: ind.supports for i, ind in agency.items()} == {
        i: after.site.indicators[i].supports for i in agency
    }
    assert after.site.indicators["i-ssk"].supports == ["i-sk", "i-sp"]
    assert after.site.indicators["i-dinsos-sp"].supports == ["i-dinsos-ss", "i-sp"]
    for path in (out / "opd").glob("*.yaml"):
        text = path.read_text("utf-8")
        assert format_text(text, str(path)) == text  # written in the canonical layout


def test_export_bytes_carry_the_ids_in_order(tmp_path: Path) -> None:
    result = check_trees(_supporting_tree(tmp_path / "in"))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(result)))
    values = [str(c.value) for row in book["dinkes"].iter_rows() for c in row if c.value]
    assert "i-sk, i-sp" in values and "i-sp, i-sk" not in values


def test_fmt_puts_mendukung_after_iku() -> None:
    keys = [f.key for f in spec.INDICATOR.fields]
    assert keys.index("mendukung") == keys.index("iku") + 1
    text = (
        "opd:\n  id: contoh\n  nama: Dinas Contoh\n\nnode:\n  - id: contoh-ss-1\n"
        "    tingkat: sasaran_strategis\n    induk: sasaran-1\n    pernyataan: Meningkatnya contoh\n"
        "    indikator:\n"
        "      - id: contoh-ss-1-i1\n"
        "        mendukung: [sasaran-1-i1]\n"
        "        nama: Contoh\n"
        "        iku: true\n"
        "        polaritas: maksimal\n"
        "        kondisi_awal: {tahun: 2024, nilai: 1}\n"
    )
    formatted = format_text(text, "contoh.yaml")
    lines = [line.strip() for line in formatted.splitlines()]
    assert lines.index("mendukung: [sasaran-1-i1]") == lines.index("iku: true") + 1
    assert lines.index("kondisi_awal: {tahun: 2024, nilai: 1}") > lines.index("iku: true")
    assert format_text(formatted, "contoh.yaml") == formatted
