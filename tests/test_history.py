"""Last change per node and indicator from git, one blame per file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review import history as history_module
from mkdocs_pohon_plugin.core.review.history import BlameCache, site_history
from tests.treebuilder import DINKES, base_files, indicator, write_tree


def _commit(repo: Path, message: str, when: str) -> str:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "PATH": "/usr/bin:/bin"}
    run = {"cwd": repo, "check": True, "capture_output": True, "env": env}
    subprocess.run(["git", "add", "-A"], **run)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", "commit", "-q", "-m", message],
        **run,
    )
    return subprocess.run(["git", "rev-parse", "HEAD"], **run).stdout.decode().strip()


def test_last_change_per_node_and_indicator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    write_tree(tmp_path / "trees", base_files())
    first = _commit(tmp_path, "Pohon awal", "2025-01-10T10:00:00+00:00")
    changed = DINKES.replace(indicator("i-sk"), indicator("i-sk", target="{2025: 15, 2026: 16}"))
    (tmp_path / "trees/opd/dinkes.yaml").write_text(changed, "utf-8")
    second = _commit(tmp_path, "Target kegiatan dinaikkan", "2025-03-05T10:00:00+00:00")

    history = site_history(check_trees(tmp_path / "trees").site)
    assert history.last_change("i-sk").sha == second
    assert history.last_change("i-sk").summary == "Target kegiatan dinaikkan"
    assert history.last_change("i-sk").date == "2025-03-05"
    assert history.last_change("sk").sha == second  # a node changes with its indicators
    for unchanged in ("sp", "i-sp", "ssk", "i-ssk", "visi", "dinsos-ss"):
        assert history.last_change(unchanged).sha == first, unchanged


def test_no_git_no_history(tmp_path: Path) -> None:
    write_tree(tmp_path, base_files())
    assert site_history(check_trees(tmp_path).site).changed == {}


def test_a_rebuild_asks_git_again_only_about_the_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """mkdocs serve: the blame of an unchanged file is kept; the edited file and a new commit
    are asked about again, and the history is what a fresh reading gives."""
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    write_tree(tmp_path / "trees", base_files())
    _commit(tmp_path, "Pohon awal", "2025-01-10T10:00:00+00:00")
    blamed: list[str] = []
    real = history_module.blame

    def counting(path: Path) -> object:
        blamed.append(path.name)
        return real(path)

    monkeypatch.setattr(history_module, "blame", counting)
    cache = BlameCache()

    def read() -> dict[str, str]:
        found = site_history(check_trees(tmp_path / "trees").site, cache)
        return {item: commit.sha for item, commit in found.changed.items()}

    files = len(read())
    first = sorted(blamed)
    assert len(first) >= 3 and files
    blamed.clear()
    read()
    assert blamed == [], "nothing changed: git is not asked again"
    dinkes = tmp_path / "trees/opd/dinkes.yaml"
    dinkes.write_text(
        DINKES.replace(indicator("i-sk"), indicator("i-sk", target="{2025: 15, 2026: 16}")), "utf-8"
    )
    assert "i-sk" not in read(), "an uncommitted change has no commit"
    assert blamed == ["dinkes.yaml"]
    blamed.clear()
    second = _commit(tmp_path, "Target kegiatan dinaikkan", "2025-03-05T10:00:00+00:00")
    now = read()
    assert sorted(blamed) == first, "a new commit: every file again"
    assert now["i-sk"] == second
    monkeypatch.setattr(history_module, "blame", real)
    fresh = site_history(check_trees(tmp_path / "trees").site)
    assert now == {item: commit.sha for item, commit in fresh.changed.items()}
