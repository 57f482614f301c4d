"""History on the site: last change per page from git, and a Perubahan page since a revision."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.sites import MINI, SiteConfig, build_site


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@e.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    )
    return proc.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINI, tmp_path / "trees")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Situs\n", "utf-8")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "Pohon 2025 ditetapkan")
    _git(tmp_path, "tag", "rilis-2025")
    tree = tmp_path / "trees/opd/dinkes.yaml"
    tree.write_text(
        tree.read_text("utf-8").replace(
            "target: {2025: 90, 2026: 92}", "target: {2025: 89, 2026: 92}"
        ),
        "utf-8",
    )
    _git(tmp_path, "commit", "-q", "-am", "Target K4 2025 diturunkan")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(repo: Path, **options: object) -> Path:
    """The site of the repository's trees, with these pohon plugin options."""
    config = SiteConfig(search_plugin=False).with_options(**options)
    return build_site(repo, None, config, docs=None)


def test_pages_say_when_they_last_changed(repo: Path) -> None:
    site = _build(repo)
    head = _git(repo, "rev-parse", "HEAD")[:8]
    first = _git(repo, "rev-parse", "rilis-2025")[:8]
    indicator = (site / "indikator/dinkes-sp-1-k4/index.html").read_text("utf-8")
    assert "Terakhir diubah" in indicator and head in indicator
    assert "Target K4 2025 diturunkan" in indicator
    untouched = (site / "indikator/dinkes-ss-1-aki/index.html").read_text("utf-8")
    assert first in untouched and head not in untouched


def test_history_is_off_on_request(repo: Path) -> None:
    site = _build(repo, history=False)
    assert "Terakhir diubah" not in (site / "node/dinkes-sp-1/index.html").read_text("utf-8")


def test_changes_page_since_a_revision(repo: Path) -> None:
    site = _build(repo, changes_since="rilis-2025")
    page = (site / "perubahan/index.html").read_text("utf-8")
    assert "dinkes-sp-1-k4" in page and "melemah" in page  # a lowered target, higher is better
    assert 'href="perubahan/"' in (site / "index.html").read_text("utf-8")  # in the nav


def test_changes_since_unknown_revision_stops_the_build(repo: Path) -> None:
    with pytest.raises((PluginError, Abort)):
        _build(repo, changes_since="tidak-ada")
