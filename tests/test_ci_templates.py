"""The CI templates in docs/ci/ run exactly the pohon commands this test runs, and they work."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_pohon_plugin.cli import main

REPO = Path(__file__).resolve().parent.parent
GITLAB = REPO / "docs" / "ci" / "gitlab-ci.yml"
GITHUB = REPO / "docs" / "ci" / "github-workflow.yml"
GIT = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@example.invalid"]

# What each template runs, with the target branch of the merge request written as `main`.
GITLAB_COMMANDS = [
    "pohon check --format gitlab trees",
    "pohon fmt --check trees",
    "mkdocs build --strict",
    "pohon diff origin/main HEAD --format markdown",
    "pohon check --published origin/main trees",
    "mkdocs build --strict --site-dir public",
]
GITHUB_COMMANDS = [
    "pohon check --format github trees",
    "pohon fmt --check trees",
    "mkdocs build --strict",
    "pohon diff origin/main HEAD --format markdown",
    "pohon check --published origin/main trees",
]
# The target branch, as each CI system names it.
BRANCH_VARIABLES = ("$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "${{ github.base_ref }}")


def _shell_lines(template: dict[str, Any]) -> list[str]:
    """Every shell line of a GitLab `script` or a GitHub step's `run`, in order."""
    lines: list[str] = []

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("script", "before_script", "run"):
                    for block in item if isinstance(item, list) else [item]:
                        lines.extend(str(block).splitlines())
                else:
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(template)
    return lines


def _commands(path: Path) -> list[str]:
    """The pohon and mkdocs commands of a template, output redirection and quoting removed."""
    commands = []
    for line in _shell_lines(yaml.safe_load(path.read_text("utf-8"))):
        line = line.strip()
        if not re.match(r"(pohon|mkdocs) ", line):
            continue
        for variable in BRANCH_VARIABLES:
            line = line.replace(variable, "main")
        words = shlex.split(line.split(" > ")[0])
        commands.append(" ".join(words))
    return commands


def test_templates_run_the_commands_this_test_runs() -> None:
    assert _commands(GITLAB) == GITLAB_COMMANDS
    assert _commands(GITHUB) == GITHUB_COMMANDS


def test_templates_publish_on_main_and_comment_on_reviews() -> None:
    gitlab = yaml.safe_load(GITLAB.read_text("utf-8"))
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
    assert gitlab["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    report = gitlab["pohon-check"]["artifacts"]["reports"]["codequality"]
    assert "> " + report in " ".join(gitlab["pohon-check"]["script"])
    assert "merge_requests/{}/notes" in " ".join(gitlab["pohon-diff"]["script"])
    github = yaml.safe_load(GITHUB.read_text("utf-8"))
    jobs = github["jobs"]
    assert jobs["deploy"]["steps"][-1]["uses"].startswith("actions/deploy-pages@")
    assert any("gh pr comment" in step.get("run", "") for step in jobs["diff"]["steps"])
    assert jobs["diff"]["steps"][0]["with"]["fetch-depth"] == 0


def test_the_merge_requests_site_is_kept_as_a_preview() -> None:
    gitlab = yaml.safe_load(GITLAB.read_text("utf-8"))
    site = gitlab["site"]
    assert site["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert site["artifacts"]["paths"] == ["site/"]  # where `mkdocs build` writes
    assert site["artifacts"]["expose_as"]  # a link in the merge request
    dotenv = site["artifacts"]["reports"]["dotenv"]
    assert any(f"> {dotenv}" in line and "${CI_JOB_URL}" in line for line in site["script"])
    assert "/artifacts/file/site/index.html" in " ".join(site["script"])
    github = yaml.safe_load(GITHUB.read_text("utf-8"))
    steps = github["jobs"]["check"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site"
    assert upload["if"] == "github.event_name == 'pull_request'"
    build = next(i for i, s in enumerate(steps) if s.get("run") == "mkdocs build --strict")
    assert steps.index(upload) > build


def _step_with(lines: list[str], needle: str) -> str:
    (block,) = [line for line in lines if needle in line]
    return block


def test_the_comment_links_the_preview(tmp_path: Path) -> None:
    """The shell step that adds the preview's link to pohon-diff.md, run as CI would."""
    gitlab = yaml.safe_load(GITLAB.read_text("utf-8"))
    github = yaml.safe_load(GITHUB.read_text("utf-8"))
    diff_steps = github["jobs"]["diff"]["steps"]
    link = next(s for s in diff_steps if "RUN_URL" in s.get("run", ""))
    comment = next(s for s in diff_steps if "gh pr comment" in s.get("run", ""))
    assert diff_steps.index(link) < diff_steps.index(comment)
    assert link["env"]["RUN_URL"].endswith("/actions/runs/${{ github.run_id }}")
    cases = [
        (
            _step_with(gitlab["pohon-diff"]["script"], "POHON_PREVIEW_URL"),
            {"POHON_PREVIEW_URL": "https://gitlab.example/-/jobs/7/artifacts/file/site/index.html"},
            "https://gitlab.example/-/jobs/7/artifacts/file/site/index.html",
        ),
        (link["run"], {"RUN_URL": "https://github.com/o/r/actions/runs/9"}, "actions/runs/9"),
    ]
    for script, env, expected in cases:
        (tmp_path / "pohon-diff.md").write_text("## Perubahan\n", "utf-8")
        subprocess.run(["bash", "-euc", script], cwd=tmp_path, env=env, check=True)
        text = (tmp_path / "pohon-diff.md").read_text("utf-8")
        assert text.startswith("## Perubahan\n") and expected in text.splitlines()[-1]
    # Without a preview (no site job): the comment stays as pohon diff wrote it.
    script = _step_with(gitlab["pohon-diff"]["script"], "POHON_PREVIEW_URL")
    (tmp_path / "pohon-diff.md").write_text("## Perubahan\n", "utf-8")
    subprocess.run(["bash", "-euc", script], cwd=tmp_path, env={}, check=True)
    assert (tmp_path / "pohon-diff.md").read_text("utf-8") == "## Perubahan\n"


def test_the_install_line_works_before_a_release() -> None:
    """Not the bare package name (nothing is on PyPI yet): a direct reference to Pohon's git
    repository, with the search extra, installed by one pip line in every job."""
    from packaging.requirements import Requirement

    repo_url = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=yaml.UnsafeLoader)[
        "repo_url"
    ]
    for package, template in (
        (yaml.safe_load(GITLAB.read_text("utf-8"))["variables"]["POHON_PACKAGE"], GITLAB),
        (yaml.safe_load(GITHUB.read_text("utf-8"))["env"]["POHON_PACKAGE"], GITHUB),
    ):
        requirement = Requirement(package)
        assert requirement.name == "mkdocs-pohon-plugin"
        assert requirement.extras == {"pagefind"}
        assert requirement.url == f"git+{repo_url}.git"
        installs = [
            line.strip()
            for line in _shell_lines(yaml.safe_load(template.read_text("utf-8")))
            if "pip install" in line
        ]
        assert installs and set(installs) == {'pip install --quiet "$POHON_PACKAGE"'}


@pytest.fixture()
def review_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site repository: the demo trees on main (as origin/main), one change on a branch."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "trees", root / "trees")

    def git(*args: str) -> None:
        subprocess.run([*GIT, *args], cwd=root, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "demo")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-q", "-b", "revisi")
    dinkes = root / "trees" / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    dinkes.write_text(
        text.replace(
            "target: {2025: 14, 2026: 14, 2027: 13", "target: {2025: 14, 2026: 15, 2027: 13"
        ),
        "utf-8",
    )
    git("commit", "-q", "-am", "revisi target")
    monkeypatch.chdir(root)
    return root


def test_the_templates_pohon_commands_pass_on_the_demo(
    review_repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands = dict.fromkeys(
        c for c in [*GITLAB_COMMANDS, *GITHUB_COMMANDS] if c.startswith("pohon ")
    )
    outputs = {}
    for command in commands:
        code = main(shlex.split(command)[1:])
        outputs[command] = capsys.readouterr().out
        assert code == 0, (command, outputs[command][-2000:])
    assert isinstance(json.loads(outputs["pohon check --format gitlab trees"]), list)
    annotations = outputs["pohon check --format github trees"].splitlines()
    assert all(line.startswith("::warning ") for line in annotations[:-1])
    comment = outputs["pohon diff origin/main HEAD --format markdown"]
    assert "2026: 14 → 15 (+1) — naik, **melemah**" in comment
