"""`pohon fmt`: canonical layout that never loses a value or a comment, and is idempotent."""

from __future__ import annotations

import dataclasses
import io
import random
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.fmt import (
    FormatError,
    comments,
    format_paths,
    format_text,
)
from mkdocs_pohon_plugin.core.tree import spec
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "trees"


# --- helpers ---------------------------------------------------------------------------------


def _strip(value: Any) -> Any:
    """A model as plain data without where it came from (file, line)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("loc", "lines")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _model(root: Path) -> dict[str, Any]:
    result = check_trees(root)
    site = dataclasses.asdict(result.site)
    for key in ("root", "files"):
        site.pop(key)
    diagnostics = Counter(
        (d.rule, Path(d.file).resolve().relative_to(root.resolve()).as_posix())
        for d in result.diagnostics
    )
    return {"site": _strip(site), "diagnostics": diagnostics}


def _comment_lines(text: str) -> Counter[str]:
    """Whole-line comments, found without any YAML library."""
    return Counter(line.strip() for line in text.splitlines() if line.strip().startswith("#"))


def _texts(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted(root.rglob("*.y*ml"))
    }


def _assert_lossless_and_idempotent(root: Path, paths: list[Path] | None = None) -> dict[str, str]:
    before_model = _model(root)
    before = _texts(root)
    paths = paths or [root]
    report = format_paths(paths)
    assert not report.failed, report.failed
    after = _texts(root)
    assert _model(root) == before_model  # load(fmt(x)) == load(x)
    for name, text in before.items():
        assert Counter(comments(after[name])) == Counter(comments(text)), name
        assert _comment_lines(after[name]) == _comment_lines(text), name
    again = format_paths(paths, check=True)
    assert again.changed == [] and not again.failed  # fmt(fmt(x)) == fmt(x)
    return after


def _assert_canonical_order(text: str) -> None:
    """Every object's keys follow the field order of format_spec (unknown keys last)."""

    def walk(node: yaml.Node, obj: spec.ObjectSpec | None) -> None:
        if not isinstance(node, yaml.MappingNode) or obj is None:
            return
        keys = [k.value for k, _ in node.value]
        rank = [obj.by_key.get(k) for k in keys]
        known = [obj.fields.index(f) for f in rank if f is not None]
        assert known == sorted(known), keys
        assert all(f is not None for f in rank[: len(known)]), keys
        for (key, value), field in zip(node.value, rank, strict=True):
            if field is None:
                continue
            vtype = field.type
            if isinstance(vtype, spec.Obj):
                walk(value, vtype.spec)
            elif isinstance(vtype, spec.ListOf) and isinstance(vtype.item, spec.Obj):
                for item in value.value:
                    walk(item, vtype.item.spec)
            elif isinstance(vtype, spec.YearMap):
                years = [int(k.value) for k, _ in value.value]
                assert years == sorted(years), key.value
            elif isinstance(vtype, spec.Code):
                assert value.style == '"', f"{key.value} not quoted"

    root = yaml.compose(text, Loader=yaml.SafeLoader)
    keys = {k.value for k, _ in root.value}
    walk(root, spec.REGIONAL_FILE if "pemda" in keys else spec.OPD_FILE)


# --- the demo regency and a synthetic one ---------------------------------------------------------


def test_demo_trees_lossless_and_idempotent(tmp_path: Path) -> None:
    root = tmp_path / "trees"
    shutil.copytree(DEMO, root)
    after = _assert_lossless_and_idempotent(root)
    for text in after.values():
        _assert_canonical_order(text)


def test_synthetic_regency_lossless_and_idempotent(tmp_path: Path) -> None:
    root = tmp_path / "trees"
    generate_regency(root, SyntheticParams(opd=2, nodes=90, indicators=150, seed=5))
    after = _assert_lossless_and_idempotent(root)
    for text in after.values():
        _assert_canonical_order(text)


def _shuffled(text: str, seed: int) -> str:
    """The same tree with the keys of every mapping in a random order and codes unquoted."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 1_000_000
    handler.indent(mapping=2, sequence=4, offset=2)
    rng = random.Random(seed)

    def shuffle(obj: Any) -> None:
        if isinstance(obj, CommentedMap):
            for value in obj.values():
                shuffle(value)
            keys = list(obj.keys())
            rng.shuffle(keys)
            for key in keys:
                obj.move_to_end(key)
        elif isinstance(obj, CommentedSeq):
            for item in obj:
                shuffle(item)

    data = handler.load(text)
    shuffle(data)
    out = io.StringIO()
    handler.dump(data, out)
    # Codes with two dots or more stay text without quotes (1.02.02): unquote them.
    return re.sub(r'kode: "(\d\.\d\d\.\d[\d.]*)"', r"kode: \1", out.getvalue())


def test_shuffled_keys_come_back_in_order_without_loss(tmp_path: Path) -> None:
    root = tmp_path / "trees"
    shutil.copytree(DEMO, root)
    # The regional file, the agency with the most comments, one with crosscutting links.
    paths = [root / "pemda.yaml", root / "opd" / "bappeda.yaml", root / "opd" / "dinsos.yaml"]
    for path in paths:
        path.write_text(_shuffled(path.read_text("utf-8"), seed=len(path.name)), "utf-8")
    assert "kode: 5.01" in (root / "opd" / "bappeda.yaml").read_text("utf-8")  # to quote again
    _assert_lossless_and_idempotent(root, paths)
    for path in paths:
        _assert_canonical_order(path.read_text("utf-8"))
    assert _model(root) == _model(DEMO)


# --- the layout in detail --------------------------------------------------------------------------

MESSY = """\
# yaml-language-server: $schema=../../docs/schema/pohon.schema.json
opd:
  nama: Dinas Kesehatan   # nama resmi
  id: dinkes
  kode: 1.02.0.00.0.00.01.0000

node:
  # SS 1 - kematian ibu
  - pernyataan: Menurunnya kematian ibu dan bayi, dengan pernyataan yang sengaja dibuat sangat panjang sekali agar melewati delapan puluh karakter dan tidak boleh dipotong
    tingkat: sasaran_strategis
    # induk di pohon daerah
    induk: sasaran-1
    id: dinkes-ss
    catatan_internal: kunci yang tidak dikenal tetap ada, di akhir
    indikator:
      - {nama: AKI, id: dinkes-aki, polaritas: minimal}
    pejabat: {nip: '197305122002122004', nama: dr. Retno}
    anggaran: {2026: 2, 2025: 1}   # rupiah
    # catatan sesudah node pertama

  # SS 2
  - id: dinkes-ss-2
    tingkat: sasaran_strategis
    kode: 1.02.02
    pernyataan: Meningkatnya gizi
"""

CANONICAL = """\
# yaml-language-server: $schema=../../docs/schema/pohon.schema.json
opd:
  id: dinkes
  nama: Dinas Kesehatan   # nama resmi
  kode: "1.02.0.00.0.00.01.0000"

node:
  # SS 1 - kematian ibu
  - id: dinkes-ss
    tingkat: sasaran_strategis
    # induk di pohon daerah
    induk: sasaran-1
    pernyataan: Menurunnya kematian ibu dan bayi, dengan pernyataan yang sengaja dibuat sangat panjang sekali agar melewati delapan puluh karakter dan tidak boleh dipotong
    pejabat: {nama: dr. Retno, nip: "197305122002122004"}
    anggaran: {2025: 1, 2026: 2}   # rupiah
    indikator:
      - {id: dinkes-aki, nama: AKI, polaritas: minimal}
    catatan_internal: kunci yang tidak dikenal tetap ada, di akhir
    # catatan sesudah node pertama

  # SS 2
  - id: dinkes-ss-2
    tingkat: sasaran_strategis
    pernyataan: Meningkatnya gizi
    kode: "1.02.02"
"""


def test_canonical_layout_in_detail() -> None:
    assert format_text(MESSY) == CANONICAL
    assert format_text(CANONICAL) == CANONICAL


def test_files_that_are_not_trees_are_left_alone() -> None:
    other = "b: 1\na: 2   # komentar\n"
    assert format_text(other) == other


def test_invalid_yaml_is_reported_and_left_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "trees" / "opd" / "rusak.yaml"
    broken.parent.mkdir(parents=True)
    text = "opd:\n  id: x\n  id: y\n  nama: [tidak ditutup\n"
    broken.write_text(text, "utf-8")
    with pytest.raises(FormatError):
        format_text(text)
    assert main(["fmt", str(tmp_path / "trees")]) == 2
    assert "rusak.yaml" in capsys.readouterr().err
    assert broken.read_text("utf-8") == text


def test_a_value_that_would_change_is_refused() -> None:
    # `010` is octal 8 to the checker's YAML 1.1 reader but 10 to YAML 1.2: rewriting it could
    # change what the checker reads, so fmt must refuse rather than guess.
    text = "opd:\n  nama: X\n  id: x\nnode:\n  - id: a\n    urutan: 010\n"
    try:
        result = format_text(text)
    except FormatError:
        return
    assert yaml.safe_load(result) == yaml.safe_load(text)


def test_check_mode_lists_files_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "trees"
    (root / "opd").mkdir(parents=True)
    (root / "opd" / "dinkes.yaml").write_text(MESSY, "utf-8")
    (root / "opd" / "rapi.yaml").write_text(CANONICAL.replace("dinkes", "rapi"), "utf-8")
    assert main(["fmt", "--check", str(root)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [(root / "opd" / "dinkes.yaml").as_posix()]
    assert "1 berkas akan dirapikan" in captured.err
    assert (root / "opd" / "dinkes.yaml").read_text("utf-8") == MESSY
    assert main(["fmt", str(root / "opd" / "dinkes.yaml")]) == 0
    assert (root / "opd" / "dinkes.yaml").read_text("utf-8") == CANONICAL
    assert main(["fmt", "--check", str(root)]) == 0
    assert main(["fmt", str(tmp_path / "missing")]) == 2
