"""`pohon check --format gitlab|github`: Code Quality report and workflow annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.report_formats import (
    escape_data,
    escape_property,
    fingerprint,
    github_annotation,
    gitlab_issues,
)
from mkdocs_pohon_plugin.core.tree.diagnostics import Diagnostic
from tests.treebuilder import DINKES, base_files, indicator, write_tree

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "gitlab_code_quality.schema.json").read_text("utf-8")
)

# ::error file=<path>,line=<n>,title=<title>::<message>   (warning alike; line optional)
ANNOTATION = re.compile(
    r"^::(?P<kind>error|warning) "
    r"file=(?P<file>[^,:\r\n]+)"
    r"(?:,line=(?P<line>[1-9]\d*))?"
    r"(?:,col=(?P<col>[1-9]\d*))?"
    r",title=(?P<title>[^,:\r\n]+)"
    r"::(?P<message>[^\r\n]*)$"
)


def _broken_tree(root: Path) -> Path:
    files = base_files()
    files["opd/dinkes.yaml"] = (
        DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n")  # error
        .replace(indicator("i-sk"), indicator("i-sk", satuan=None))  # warning
        .replace("Tersedianya layanan", "Tersedianya 100% layanan ibu, bayi")
    )
    return write_tree(root, files)


def _unescape(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def test_gitlab_report_validates_against_the_documented_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _broken_tree(tmp_path / "trees")
    monkeypatch.chdir(tmp_path)  # CI runs from the repository root: paths are relative to it
    assert main(["check", "--format", "gitlab", "trees"]) == 1
    out = capsys.readouterr().out
    report = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(report)
    severities = {item["check_name"]: item["severity"] for item in report}
    assert severities["rujukan-hilang"] == "major"
    assert severities["indikator-tanpa-satuan"] == "minor"
    (missing,) = [i for i in report if i["check_name"] == "rujukan-hilang"]
    dinkes = (tmp_path / "trees" / "opd" / "dinkes.yaml").read_text("utf-8").splitlines()
    assert missing["location"] == {
        "path": "trees/opd/dinkes.yaml",
        "lines": {"begin": dinkes.index("    induk: tidak-ada") + 1},
    }
    fingerprints = [item["fingerprint"] for item in report]
    assert len(set(fingerprints)) == len(fingerprints)


def test_gitlab_report_of_clean_trees_is_an_empty_array(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path / "trees", base_files())
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "gitlab", "trees"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == []
    jsonschema.Draft202012Validator(SCHEMA).validate(report)


def test_fingerprint_is_stable_and_ignores_the_line() -> None:
    a = Diagnostic("rujukan-hilang", "trees/opd/x.yaml", 10, "Parent 'p' does not exist.")
    moved = Diagnostic("rujukan-hilang", "trees/opd/x.yaml", 42, "Parent 'p' does not exist.")
    other = Diagnostic("rujukan-hilang", "trees/opd/y.yaml", 10, "Parent 'p' does not exist.")
    assert fingerprint(a) == fingerprint(moved) != fingerprint(other)
    assert re.fullmatch(r"[0-9a-f]{32}", fingerprint(a))
    # Identical findings in one file stay distinct (GitLab keeps one finding per fingerprint).
    twice = gitlab_issues([a, moved])
    assert twice[0]["fingerprint"] != twice[1]["fingerprint"]
    assert twice[0]["fingerprint"] == fingerprint(a)
    # Line 0 (a whole-file problem) is reported on line 1, the first line GitLab accepts.
    whole = gitlab_issues([Diagnostic("yaml-sintaks", "trees/a.yaml", 0, "bad")])
    assert whole[0]["location"]["lines"]["begin"] == 1


def test_github_annotations_match_the_workflow_command_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _broken_tree(tmp_path / "trees")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--format", "github", "trees"]) == 1
    lines = capsys.readouterr().out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    result = check_trees("trees")
    assert len(annotations) == len(result.diagnostics) > 1
    assert lines[-1].startswith("1 galat")  # the summary, as a plain log line
    for line, diagnostic in zip(annotations, result.diagnostics, strict=True):
        match = ANNOTATION.fullmatch(line)
        assert match, line
        assert match["kind"] == diagnostic.severity.value
        assert _unescape(match["file"]) == diagnostic.file
        assert int(match["line"]) == diagnostic.line
        assert _unescape(match["title"]) == f"pohon {diagnostic.rule}"
        assert _unescape(match["message"]) == diagnostic.message


def test_github_escaping_of_data_and_properties() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("C:\\trees,x\n%") == "C%3A\\trees%2Cx%0A%25"
    hostile = Diagnostic(
        "rujukan-hilang",
        "trees/a,b:c.yaml",
        3,
        "line one\n::error file=x::injected 100%",
    )
    line = github_annotation(hostile)
    assert "\n" not in line and "\r" not in line
    # The command ends at the first '::' after the properties; the message may hold more.
    assert line.split("::")[1].startswith("error file=trees/a%2Cb%3Ac.yaml,line=3,")
    match = ANNOTATION.fullmatch(line)
    assert match and match["kind"] == "error" and match["line"] == "3"
    assert _unescape(match["file"]) == "trees/a,b:c.yaml"
    assert _unescape(match["message"]) == hostile.message
    warning = github_annotation(Diagnostic("indikator-tanpa-satuan", "trees/b.yaml", 0, "w"))
    assert warning == "::warning file=trees/b.yaml,title=pohon indikator-tanpa-satuan::w"
