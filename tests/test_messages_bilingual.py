"""Every message in both languages (issue 15, item 4): Indonesian by default, English on request.

- every rule's summary, and every diagnostic the rule tests and the adversarial corpus produce, has
  an Indonesian and an English text, and they differ (a translation, not a copy);
- a diagnostic's message is a :class:`Text` by construction: ``sink.add`` refuses a plain string,
  and every ``.add(`` on a sink in the package passes a ``Text(...)`` (checked on the source);
- ``pohon`` speaks Indonesian by default, English with ``--bahasa en`` or ``POHON_BAHASA=en``;
- the Perubahan page (``pohon diff``) and the 404 page follow the chosen language.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import mkdocs_pohon_plugin
from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core.review.diff import diff_sites, load_side
from mkdocs_pohon_plugin.core.review.diff_render import render_markdown
from mkdocs_pohon_plugin.core.tree.check import check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import RULES, Diagnostic, DiagnosticSink, Text
from tests import corpus
from tests.rule_cases import CASES as RULE_CASES
from tests.sites import MINI, SiteConfig, build, build_site, write_site
from tests.treebuilder import base_files, write_tree

PACKAGE = Path(mkdocs_pohon_plugin.__file__).resolve().parent

_QUOTED = re.compile(r"""'[^']*'|"[^"]*"|`[^`]*`""")
_ENGLISH = re.compile(
    r"\b(the|must|should|cannot|does not|is not|which|with|without|remove|write|add it|"
    r"fill it|appears|twice|file|line|years?|value|level|parent|agency)\b",
    re.IGNORECASE,
)
"""English words that an Indonesian message has no reason to contain outside quoted values
(``berkas``, ``baris``, ``tahun``, ``nilai``, ``tingkat``, ``induk``, ``perangkat daerah`` …)."""


def _unquoted(text: str) -> str:
    return _QUOTED.sub("", text)


def _assert_bilingual(diagnostic: Diagnostic) -> None:
    text = diagnostic.text
    where = f"{diagnostic.rule} at {diagnostic.file}:{diagnostic.line}"
    assert isinstance(text, Text), where
    assert text.id.strip() and text.en.strip(), where
    if _unquoted(text.id).strip(" .:;,"):  # a sentence, not just a quoted value
        assert text.id != text.en, f"{where}: not translated: {text.en!r}"
    said = _unquoted(text.id)
    if diagnostic.rule == "yaml-sintaks":  # the YAML parser's own words are quoted as they are
        said = said.split(":", 1)[0]
    english = _ENGLISH.search(said)
    assert english is None, f"{where}: English in the Indonesian text: {text.id!r}"


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
def test_every_rule_has_a_summary_in_both_languages(rule: object) -> None:
    summary = rule.summary  # type: ignore[attr-defined]
    assert isinstance(summary, Text)
    assert summary.id.strip() and summary.en.strip()
    assert summary.id != summary.en
    assert summary("id") == summary.id and summary("en") == summary.en


def test_the_rules_command_prints_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POHON_BAHASA", raising=False)
    rule = RULES["kolom-wajib"]
    assert main(["rules"]) == 0
    assert rule.summary.id in capsys.readouterr().out
    assert main(["--bahasa", "en", "rules", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert rule.summary.en in out and "# Check rules" in out
    monkeypatch.setenv("POHON_BAHASA", "en")
    assert main(["rules"]) == 0
    assert rule.summary.en in capsys.readouterr().out


# --- diagnostics ---------------------------------------------------------------------------------


@pytest.mark.parametrize("case", RULE_CASES, ids=[c.name for c in RULE_CASES])
def test_rule_case_messages_are_bilingual(case: object, tmp_path: Path) -> None:
    files = case.mutate(base_files())  # type: ignore[attr-defined]
    if case.name == "leaf without sub kegiatan":  # type: ignore[attr-defined]
        text = files["opd/dinsos.yaml"]  # as in test_rules: dinsos' program becomes a leaf
        files["opd/dinsos.yaml"] = text[: text.index("  - id: dinsos-sk\n")]
    write_tree(tmp_path / "trees", files)
    result = check_trees(tmp_path / "trees")
    assert case.rule in {d.rule for d in result.diagnostics}  # type: ignore[attr-defined]
    for diagnostic in result.diagnostics:
        _assert_bilingual(diagnostic)


_SMALL_CORPUS = [
    case
    for case in corpus.all_cases()
    if case.expect.outcome in ("error", "loads")
    and not any(word in case.name for word in ("huge", "100000", "many-nodes", "flood", "deep"))
]


@pytest.mark.parametrize("case", _SMALL_CORPUS, ids=[c.name for c in _SMALL_CORPUS])
def test_corpus_messages_are_bilingual(case: corpus.Case, tmp_path: Path) -> None:
    files = case.files()
    if sum(len(content) for content in files.values()) > 2_000_000:
        pytest.skip("a case about size: its messages are checked by the smaller cases")
    trees = case.write(tmp_path / "trees")
    result = check_trees(trees)
    for diagnostic in result.diagnostics:
        _assert_bilingual(diagnostic)


def test_a_plain_string_is_refused() -> None:
    sink = DiagnosticSink()
    with pytest.raises(TypeError):
        sink.add("kolom-wajib", "a.yaml", 1, "untranslated")  # type: ignore[arg-type]
    sink.add("kolom-wajib", "a.yaml", 1, Text(id="kosong", en="empty"))
    (diagnostic,) = sink.items
    assert diagnostic.format() == "a.yaml:1: error[kolom-wajib] kosong"
    assert diagnostic.format("en") == "a.yaml:1: error[kolom-wajib] empty"
    assert diagnostic.as_dict("en")["message"] == "empty"


def _receiver_is_sink(call: ast.Call) -> bool:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "add"):
        return False
    receiver = ast.unparse(func.value)
    return receiver.endswith("sink") or receiver == "local"


def _text_functions() -> set[str]:
    """The package's functions declared to return a :class:`Text` (``def f(...) -> Text``)."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            returns = node.returns if isinstance(node, ast.FunctionDef) else None
            if returns is not None and ast.unparse(returns) == "Text":
                names.add(node.name)
    return names


TEXT_FUNCTIONS = _text_functions()


def _builds_text(node: ast.expr) -> bool:
    """``Text(...)``, ``Text.same(...)``, a call of a function declared ``-> Text`` (mypy checks
    it returns one), or an expression joining such texts."""
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func)
        return name in ("Text", "Text.same") or name.rsplit(".", 1)[-1] in TEXT_FUNCTIONS
    if isinstance(node, ast.BinOp):
        return _builds_text(node.left) and _builds_text(node.right)
    return False


def _text_names(function: ast.AST) -> set[str]:
    """Names bound to a Text in ``function``: parameters annotated ``Text``, and variables
    assigned ``Text(...)`` only."""
    names: set[str] = set()
    others: set[str] = set()
    if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        for arg in [*function.args.args, *function.args.kwonlyargs]:
            if arg.annotation is not None and ast.unparse(arg.annotation) == "Text":
                names.add(arg.arg)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    (names if _builds_text(node.value) else others).add(target.id)
    return names - others


def test_every_sink_add_in_the_package_passes_a_text() -> None:
    calls = 0
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            bound = _text_names(function)
            for node in ast.walk(function):
                if not (isinstance(node, ast.Call) and _receiver_is_sink(node)):
                    continue
                calls += 1
                message = next((k.value for k in node.keywords if k.arg == "message"), None)
                if message is None and len(node.args) >= 4:
                    message = node.args[3]
                ok = message is not None and (
                    _builds_text(message) or (isinstance(message, ast.Name) and message.id in bound)
                )
                if not ok:
                    where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                    problems.append(f"{where}: {ast.unparse(node)[:120]}")
    assert calls > 40, "the walk found the package's diagnostics"
    assert not problems, "\n".join(problems)


# --- the command ---------------------------------------------------------------------------------


def _broken_tree(root: Path) -> Path:
    files = base_files()
    text = files["opd/dinkes.yaml"]
    assert isinstance(text, str)
    files["opd/dinkes.yaml"] = text.replace("induk: ", "induk: tidak-ada-", 1)
    write_tree(root / "trees", files)
    return root / "trees"


def test_check_speaks_indonesian_by_default_and_english_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POHON_BAHASA", raising=False)
    trees = str(_broken_tree(tmp_path))
    assert main(["check", trees]) == 1
    out = capsys.readouterr().out
    assert "tidak ada di berkas mana pun" in out and "galat" in out
    assert "does not exist" not in out
    for argv in (["--bahasa", "en", "check", trees], ["check", trees, "--bahasa", "en"]):
        assert main(argv) == 1
        out = capsys.readouterr().out
        assert "which does not exist in any file" in out and "error(s)" in out
    monkeypatch.setenv("POHON_BAHASA", "en")
    assert main(["check", trees, "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert any("does not exist" in d["message"] for d in payload["diagnostics"])
    assert main(["--bahasa", "id", "check", trees, "--format", "github"]) == 1
    assert "tidak ada di berkas mana pun" in capsys.readouterr().out


def test_help_and_usage_errors_speak_the_chosen_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POHON_BAHASA", raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: pohon") and "opsi:" in out
    assert "periksa pohon dan laporkan setiap masalah" in out
    assert "show this help" not in out and "usage:" not in out
    with pytest.raises(SystemExit):
        main(["--bahasa", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: pohon") and "validate the trees" in out
    monkeypatch.setenv("POHON_BAHASA", "en")
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "warnings fail the check too" in capsys.readouterr().out
    monkeypatch.delenv("POHON_BAHASA")
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--format", "xml"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "pohon check: galat: argumen --format: pilihan tidak sah: 'xml'" in err
    assert main(["check", "tidak-ada-folder"]) == 2
    assert "tidak-ada-folder bukan folder pohon" in capsys.readouterr().err


# --- pages ---------------------------------------------------------------------------------------


def test_the_changes_page_follows_the_language(tmp_path: Path) -> None:
    old = tmp_path / "old"
    write_tree(old, base_files())
    files = base_files()
    text = files["opd/dinkes.yaml"]
    assert isinstance(text, str)
    files["opd/dinkes.yaml"] = text.replace("pernyataan: ", "pernyataan: Baru ", 1)
    new = tmp_path / "new"
    write_tree(new, files)
    diff = diff_sites(load_side(str(old)), load_side(str(new)))
    indonesian = render_markdown(diff)
    english = render_markdown(diff, language="en")
    assert "## Perubahan pohon kinerja" in indonesian and "**Ringkasan:**" in indonesian
    assert "## Changes to the performance tree" in english and "**Summary:**" in english
    assert "Ringkasan" not in english and "Diubah" not in english
    assert "**Changed**" in english
    # level names follow the language too (the scheme's name_en)
    assert "Sasaran Strategis" in indonesian and "Strategic target" not in indonesian
    assert "Strategic target" in english and "Sasaran Strategis" not in english


@pytest.mark.parametrize(
    ("language", "heading"), [("id", "Halaman tidak ditemukan"), ("en", "Not found")]
)
def test_the_404_page_follows_the_site_language(
    tmp_path: Path, language: str, heading: str
) -> None:
    site = build_site(tmp_path, MINI, SiteConfig().with_options(language=language))
    page = (site / "404.html").read_text(encoding="utf-8")
    assert f"<h1>404 - {heading}</h1>" in page
    other = "Not found" if language == "id" else "Halaman tidak ditemukan"
    assert other not in page
    # the way home is the site's root, never a protocol-relative "//"
    home = re.search(r'<h1>404 - .*?<a href="([^"]*)">', page, re.S)
    assert home is not None and home.group(1) != "//" and home.group(1).endswith("/"), home


def test_the_404_page_leads_home_without_a_site_url(tmp_path: Path) -> None:
    config = write_site(tmp_path, MINI, SiteConfig())
    root = config.parent
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    config.write_text("".join(x for x in lines if not x.startswith("site_url:")), "utf-8")
    page = (build(root) / "404.html").read_text(encoding="utf-8")
    home = re.search(r'<h1>404 - .*?<a href="([^"]*)">', page, re.S)
    assert home is not None and home.group(1) == "/", home


def test_import_problems_and_notes_are_bilingual(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    from mkdocs_pohon_plugin.core.spreadsheet.importer import import_xlsx
    from tests.workbooks import messy_workbook

    workbook = tmp_path / "messy.xlsx"
    messy_workbook(workbook)
    result = import_xlsx(workbook, tmp_path / "out", trees=MINI)
    assert result.problems and result.notes
    for text in [p.text for p in result.problems] + result.notes:
        assert isinstance(text, Text) and text.id and text.en and text.id != text.en, text
        assert _ENGLISH.search(_unquoted(text.id)) is None, text.id
    problem = result.problems[0]
    assert problem.format().startswith("sheet 'Renstra Dinkes', baris 11: Pagu Indikatif 2025")
    assert problem.format("en").startswith("sheet 'Renstra Dinkes', row 11: Pagu Indikatif 2025")
