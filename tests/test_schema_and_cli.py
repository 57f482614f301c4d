"""The published JSON Schema and the `pohon check` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core.tree.json_schema import json_schema, json_schema_text
from tests.treebuilder import DINKES, base_files, indicator, write_tree

REPO = Path(__file__).resolve().parent.parent


def _jsonable(value: object) -> object:
    """YAML as JSON sees it: year keys become strings, as editors' schema checkers do."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_generated_from_the_model() -> None:
    committed = (REPO / "docs" / "schema" / "pohon.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "run: pohon schema docs/schema/pohon.schema.json"


@pytest.mark.parametrize(
    "tree", ["trees", "tests/fixtures/mini"], ids=["demo regency", "mini fixture"]
)
def test_trees_validate_against_schema(tree: str) -> None:
    validator = _validator()
    files = sorted((REPO / tree).rglob("*.yaml"))
    assert files
    for path in files:
        data = _jsonable(yaml.safe_load(path.read_text(encoding="utf-8")))
        errors = sorted(validator.iter_errors(data), key=str)
        assert not errors, f"{path}: {errors[0].message}"


def test_schema_rejects_what_the_checker_rejects() -> None:
    validator = _validator()
    good = _jsonable(yaml.safe_load(DINKES))
    assert not list(validator.iter_errors(good))
    for broken in (
        DINKES.replace("pernyataan: Tersedianya", "pernyatan: Tersedianya"),  # unknown key
        DINKES.replace(indicator("i-sk"), indicator("i-sk", polaritas="naik")),  # bad choice
        DINKES.replace("- id: ssk", "- id: ../ssk"),  # unsafe id
        DINKES.replace("  nama: Dinas Kesehatan\n", ""),  # missing required key
    ):
        assert list(validator.iter_errors(_jsonable(yaml.safe_load(broken)))), broken


def test_schema_lists_every_documented_key() -> None:
    """docs/format.md documents every key of a node and an indicator."""
    doc = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    defs = json_schema()["$defs"]
    for name in ("node", "indikator", "crosscutting", "opd", "pemda"):
        for key in defs[name]["properties"]:
            assert f"`{key}`" in doc, f"{name}.{key} is not documented in docs/format.md"


def test_check_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path / "ok", base_files())
    assert main(["check", str(tmp_path / "ok")]) == 0

    warn = base_files()
    warn["opd/dinkes.yaml"] = DINKES.replace(indicator("i-sk"), indicator("i-sk", satuan=None))
    write_tree(tmp_path / "warn", warn)
    assert main(["check", str(tmp_path / "warn")]) == 0
    assert main(["check", "--strict", str(tmp_path / "warn")]) == 1
    assert (
        main(["check", "--strict", "--disable", "indikator-tanpa-satuan", str(tmp_path / "warn")])
        == 0
    )

    bad = base_files()
    bad["opd/dinkes.yaml"] = DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n")
    write_tree(tmp_path / "bad", bad)
    capsys.readouterr()
    assert main(["check", str(tmp_path / "bad")]) == 1
    out = capsys.readouterr().out
    assert "error[rujukan-hilang]" in out and "dinkes.yaml:" in out

    assert main(["check", str(tmp_path / "missing-folder")]) == 2
    assert main(["check", "--disable", "no-such-rule", str(tmp_path / "ok")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "xml", str(tmp_path / "ok")])
    assert exc.value.code == 2


def test_check_json_output(tmp_path: Path) -> None:
    bad = base_files()
    bad["opd/dinkes.yaml"] = DINKES.replace("    induk: sp\n", "    induk: tidak-ada\n")
    write_tree(tmp_path, bad)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs_pohon_plugin.cli",
            "check",
            "--format",
            "json",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    payload = json.loads(proc.stdout)
    assert payload["ok"] is False and payload["errors"] == 1
    (diagnostic,) = [d for d in payload["diagnostics"] if d["severity"] == "error"]
    assert diagnostic["rule"] == "rujukan-hilang"
    assert diagnostic["file"].endswith("opd/dinkes.yaml")
    assert (
        diagnostic["line"] == bad["opd/dinkes.yaml"].splitlines().index("    induk: tidak-ada") + 1
    )
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("language", ["id", "en"])
def test_rules_page_is_current(language: str) -> None:
    from mkdocs_pohon_plugin.cli import RULES_PAGES, rules_markdown

    page = REPO / "docs" / RULES_PAGES[language]
    assert page.read_text(encoding="utf-8") == rules_markdown(language), (
        f"run: pohon --bahasa {language} rules --format markdown > docs/{RULES_PAGES[language]}"
    )
