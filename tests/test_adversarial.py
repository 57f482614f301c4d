"""The adversarial corpus (tests/adversarial/, tests/corpus.py) in the normal suite.

- Broken and huge input (``outcome: error`` / ``loads``): ``check_trees`` runs in a fresh Python
  per case, with a hang detector (:data:`corpus.HANG_SECONDS`) and its peak memory measured in the
  child; it must end normally, stay under :data:`corpus.MEMORY_LIMIT`, write nothing, and report
  exactly the expected errors, each naming a file and a line, in one sentence that says what to do.
- Hostile but valid input (``outcome: builds``): a strict ``mkdocs build``; every payload shows as
  text (escaped in the HTML, never a live tag or attribute, never double-escaped), and nothing is
  written outside the site folder.
"""

from __future__ import annotations

import logging
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from mkdocs_pohon_plugin.core import RULES, check_trees
from tests import corpus
from tests.sites import build, build_site, write_site

CASES = corpus.all_cases()
CHECKED = [case for case in CASES if case.expect.outcome in ("error", "loads")]
BUILT = [case for case in CASES if case.expect.outcome == "builds"]
FOLDER_ERRORS = [case for case in corpus.folder_cases() if case.expect.outcome == "error"]


def _ids(cases: list[corpus.Case]) -> list[str]:
    return [case.name for case in cases]


def test_corpus_names_are_unique_and_cover_every_outcome() -> None:
    names = _ids(CASES)
    assert len(names) == len(set(names))
    assert {case.expect.outcome for case in CASES} == {"error", "loads", "builds"}
    assert all(case.expect.about for case in CASES), "every case says what it throws at the site"


class _Outcome:
    def __init__(self, run: corpus.CheckRun | None, wrote: list[str], hung: bool) -> None:
        self.run = run
        self.wrote = wrote
        self.hung = hung


def _check_case(case: corpus.Case, root: Path) -> _Outcome:
    project = root / case.name
    case.write(project / "trees")
    before = corpus.snapshot(project)
    try:
        run = corpus.run_check(project)
    except subprocess.TimeoutExpired:
        return _Outcome(None, [], True)
    after = corpus.snapshot(project)
    wrote = sorted(set(after) ^ set(before) | {k for k in after if after[k] != before.get(k)})
    # The 50 MB and 100,000-node files need not outlive their check.
    for path in (project / "trees").rglob("*"):
        if path.is_file() and not path.is_symlink() and path.stat().st_size > 1_000_000:
            path.unlink()
    return _Outcome(run, wrote, False)


@pytest.fixture(scope="module")
def checks(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, _Outcome]:
    """Every selected case's check, two at a time (each in its own process)."""
    selected = {
        item.callspec.params["case"].name
        for item in request.session.items
        if hasattr(item, "callspec") and isinstance(item.callspec.params.get("case"), corpus.Case)
    }
    cases = [case for case in CHECKED if case.name in selected]
    root = tmp_path_factory.mktemp("corpus")
    with ThreadPoolExecutor(max_workers=2) as pool:
        # The slow ones first, so that the small ones fill in around them.
        cases.sort(key=lambda c: c.name not in ("nodes-100000", "values-over-limit", "alias-flood"))
        outcomes = pool.map(lambda case: _check_case(case, root), cases)
        return dict(zip(_ids(cases), outcomes, strict=True))


def _well_formed(diagnostic: dict) -> list[str]:
    problems = []
    message = diagnostic["message"]
    if diagnostic["rule"] not in RULES:
        problems.append("unknown rule")
    file = diagnostic["file"]
    if file != "trees" and not file.startswith("trees/"):
        problems.append("file outside the trees folder")
    if file != "trees" and diagnostic["line"] < 1:
        problems.append("no line")
    if not message or "\n" in message or "\r" in message or len(message) > 600:
        problems.append("not one short line")
    if not message.endswith((".", "?", ")")):
        problems.append("not a sentence")
    if "Traceback" in message or "Error:" in message:
        problems.append("a traceback or exception text")
    return problems


@pytest.mark.parametrize("case", CHECKED, ids=_ids(CHECKED))
def test_broken_or_huge_input_gives_clear_diagnostics(
    case: corpus.Case, checks: dict[str, _Outcome]
) -> None:
    outcome = checks[case.name]
    assert not outcome.hung, (
        f"check_trees used more than {corpus.HANG_SECONDS} s of CPU (taken for hung)"
    )
    run = outcome.run
    assert run is not None
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.peak_rss < corpus.MEMORY_LIMIT, f"peak RSS {run.peak_rss / 2**20:.0f} MB"
    assert outcome.wrote == [], "the check wrote files"
    bad = [(d, p) for d in run.diagnostics if (p := _well_formed(d))]
    assert bad == []
    errors = {
        (d["rule"], d["file"].removeprefix("trees/"), d["line"])
        for d in run.diagnostics
        if RULES[d["rule"]].severity.value == "error"
    }
    expected = set(case.expect.errors)
    if case.expect.outcome == "loads":
        assert errors == set()
        return
    assert errors, "a broken case must report an error"
    if case.expect.exact:
        assert errors == expected
    else:
        assert expected <= errors, sorted(errors)


@pytest.mark.parametrize("case", BUILT, ids=_ids(BUILT))
def test_hostile_but_valid_input_builds_and_shows_as_text(
    case: corpus.Case, tmp_path: Path
) -> None:
    sandbox = tmp_path / "sandbox"
    project = sandbox / "project"
    case.write(project / "trees")
    result = check_trees(project / "trees")
    assert result.errors == [], "\n".join(d.format() for d in result.errors)
    write_site(project, None, corpus.SITE)
    before = corpus.snapshot(sandbox)
    site = build(project)
    after = corpus.snapshot(sandbox, skip=site)
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert changed == set(), "the build wrote outside its site folder"
    assert not any(p.is_symlink() for p in site.rglob("*"))
    text = corpus.SiteText.read(site)
    assert text.live == {}, "payloads became live markup"
    assert text.broken_tables == [], "a value broke a table"
    missing = [s for s in case.expect.text if not text.shows(s)]
    assert missing == [], "not shown as text anywhere"
    for page, strings in case.expect.pages.items():
        assert [s for s in strings if not text.shows(s, page)] == [], page
    doubled = {s: text.double_escaped(s) for s in case.expect.text if text.double_escaped(s)}
    assert doubled == {}, "shown as entities (double-escaped)"


@pytest.mark.parametrize("case", FOLDER_ERRORS, ids=_ids(FOLDER_ERRORS))
def test_broken_input_stops_the_build_with_a_one_line_summary(
    case: corpus.Case,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = tmp_path / "project"
    case.write(project / "trees")
    monkeypatch.chdir(project)  # as `mkdocs build` is run: file names relative to the project
    with caplog.at_level(logging.ERROR), pytest.raises((PluginError, Abort)):
        build_site(project, None, corpus.SITE)
    summary = [r.getMessage() for r in caplog.records if "yang pertama:" in r.getMessage()]
    assert len(summary) == 1, [r.getMessage() for r in caplog.records]
    assert "Traceback" not in summary[0] and "\n" not in summary[0]
    first = summary[0].split("yang pertama: ", 1)[1]
    assert first.startswith("trees") and "error[" in first
    assert not (project / "site").exists()
