"""Exact totals (issue 15): every finding is counted, listed or left out past the per-file cap,
and the note that says so is not counted as one more, in text and in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import (
    MAX_PER_RULE_AND_FILE,
    DiagnosticSink,
    Text,
    count_findings,
)
from tests.treebuilder import base_files, indicator, write_tree

MANY = MAX_PER_RULE_AND_FILE + 37


def _tree_over_the_cap(root: Path) -> Path:
    """The base tree with one dinkes node carrying ``MANY`` indicators without a unit."""
    files = base_files()
    many = "\n".join(
        f"      - {indicator(f'i-tanpa-satuan-{n}', satuan=None, mendukung='[i-sasaran]')}"
        for n in range(MANY)
    )
    text = files["opd/dinkes.yaml"]
    first = f"      - {indicator('i-ss')}"
    files["opd/dinkes.yaml"] = text.replace(first, f"{first}\n{many}", 1)
    return write_tree(root, files)


def test_the_sink_counts_what_it_leaves_out() -> None:
    sink = DiagnosticSink()
    for line in range(1, MANY + 1):
        sink.add("indikator-tanpa-satuan", "a.yaml", line, Text("tanpa satuan", "no unit"))
    sink.add("indikator-tanpa-satuan", "b.yaml", 1, Text("tanpa satuan", "no unit"))
    listed = [d for d in sink.items if d.file == "a.yaml"]
    assert len(listed) == MAX_PER_RULE_AND_FILE + 1
    note = listed[-1]
    assert (note.line, note.left_out, note.count) == (MAX_PER_RULE_AND_FILE + 1, 37, 37)
    assert all(d.left_out == 0 for d in listed[:-1])
    assert count_findings(sink.items) == MANY + 1 == sink.reported
    assert note.message.startswith("37 masalah sejenis (indikator-tanpa-satuan) lagi")
    assert note.message_in("en").startswith("37 more problem(s) of this kind")


def test_a_note_is_kept_up_to_date_across_reads() -> None:
    sink = DiagnosticSink()
    for line in range(MAX_PER_RULE_AND_FILE + 2):
        sink.add("indikator-tanpa-satuan", "a.yaml", line + 1, Text("x", "x"))
    assert count_findings(sink.items) == MAX_PER_RULE_AND_FILE + 2
    sink.add("indikator-tanpa-satuan", "a.yaml", 999, Text("x", "x"))
    assert count_findings(sink.items) == MAX_PER_RULE_AND_FILE + 3


def test_check_result_totals(tmp_path: Path) -> None:
    result = check_trees(_tree_over_the_cap(tmp_path / "trees"))
    capped = [d for d in result.warnings if d.rule == "indikator-tanpa-satuan"]
    assert len(capped) == MAX_PER_RULE_AND_FILE + 1
    assert count_findings(capped) == MANY
    assert result.warning_count == len(result.warnings) - len(capped) + MANY
    assert result.error_count == 0


def test_cli_totals_in_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    trees = _tree_over_the_cap(tmp_path / "trees")
    expected = check_trees(trees).warning_count
    assert expected >= MANY
    assert main(["check", str(trees)]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    assert summary.startswith(f"0 galat, {expected} peringatan")
    assert main(["--bahasa", "en", "check", str(trees)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"0 error(s), {expected} warning(s)")
    assert main(["check", str(trees), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["warnings"] == expected
    assert len(payload["diagnostics"]) < expected
    notes = [d for d in payload["diagnostics"] if "count" in d]
    assert [(d["rule"], d["count"]) for d in notes] == [("indikator-tanpa-satuan", 37)]
    listed = sum(d.get("count", 1) for d in payload["diagnostics"])
    assert listed == expected


def test_a_replayed_file_counts_towards_the_cap() -> None:
    """The serve cache replays a file's own diagnostics into the check's sink: later findings of
    the same rule and file must stay under the cap and be counted in the note."""
    first = DiagnosticSink()
    for line in range(MAX_PER_RULE_AND_FILE + 5):
        first.add("indikator-tanpa-satuan", "a.yaml", line + 1, Text("tanpa satuan", "no unit"))
    sink = DiagnosticSink()
    sink.replay(first.items, first.reported)
    for line in range(3):
        sink.add("indikator-tanpa-satuan", "a.yaml", 900 + line, Text("lagi", "again"))
    listed = [d for d in sink.items if d.file == "a.yaml"]
    assert len(listed) == MAX_PER_RULE_AND_FILE + 1
    assert count_findings(listed) == MAX_PER_RULE_AND_FILE + 5 + 3


def test_a_message_must_be_a_text() -> None:
    with pytest.raises(TypeError):
        DiagnosticSink().add("indikator-tanpa-satuan", "a.yaml", 1, "plain")  # type: ignore[arg-type]
