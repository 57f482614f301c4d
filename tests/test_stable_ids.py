"""Stable URLs: former ids redirect, and a published id never vanishes silently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from tests.sites import MINI, SiteConfig, build_site
from tests.treebuilder import DINKES, base_files, indicator, line_of, write_tree


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit publishes the base trees."""
    write_tree(tmp_path / "trees", base_files())
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-q", "-m", "published")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_renamed_id_without_id_lama_fails_against_published(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = DINKES.replace("- id: sk\n", "- id: sk-baru\n").replace(
        "    induk: sk\n", "    induk: sk-baru\n"
    )
    (repo / "trees/opd/dinkes.yaml").write_text(renamed, "utf-8")
    assert main(["check", "trees"]) == 0  # on its own the tree is fine
    capsys.readouterr()
    assert main(["check", "--published", "main", "trees"]) == 1
    out = capsys.readouterr().out
    line = line_of(DINKES, "- id: sk")
    assert f"trees/opd/dinkes.yaml:{line}: error[id-hilang] Id node 'sk'" in out
    assert "id-hilang" not in out.replace(f"dinkes.yaml:{line}: error[id-hilang]", "", 1)


def test_renamed_id_listed_as_former_passes(repo: Path) -> None:
    renamed = (
        DINKES.replace("- id: sk\n", "- id: sk-baru\n    id_lama: [sk]\n")
        .replace("    induk: sk\n", "    induk: sk-baru\n")
        .replace(indicator("i-sk"), indicator("i-sk-baru", id_lama="[i-sk]", mendukung="[i-sp]"))
        # what named the old id names the new one, as induk does
        .replace(indicator("i-ssk"), indicator("i-ssk", mendukung="[i-sk-baru]"))
    )
    (repo / "trees/opd/dinkes.yaml").write_text(renamed, "utf-8")
    assert main(["check", "--published", "main", "trees"]) == 0
    assert main(["check", "--published", "no-such-revision", "trees"]) == 2


def test_former_id_that_is_live_or_claimed_twice(tmp_path: Path) -> None:
    files = base_files()
    files["opd/dinkes.yaml"] = DINKES.replace("- id: sk\n", "- id: sk\n    id_lama: [sp]\n")
    files["opd/dinsos.yaml"] = (
        files["opd/dinsos.yaml"]
        .replace("- id: dinsos-ss\n", "- id: dinsos-ss\n    id_lama: [lama]\n")
        .replace("- id: dinsos-sk\n", "- id: dinsos-sk\n    id_lama: [lama]\n")
    )
    write_tree(tmp_path, files)
    found = [(d.rule, d.file.rsplit("/", 1)[-1], d.line) for d in check_trees(tmp_path).errors]
    assert found == [
        ("id-lama-bentrok", "dinkes.yaml", line_of(files["opd/dinkes.yaml"], "id_lama: [sp]")),
        (
            "id-lama-bentrok",
            "dinsos.yaml",
            line_of(files["opd/dinsos.yaml"], "id_lama: [lama]", 2),
        ),
    ]


def test_site_writes_redirects_for_former_ids(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "trees")
    tree = tmp_path / "trees/opd/dinkes.yaml"
    text = tree.read_text("utf-8")
    text = text.replace(
        "  - id: dinkes-sp-1\n", "  - id: dinkes-sp-1\n    id_lama: [dinkes-prog-1]\n"
    )
    text = text.replace(
        "      - id: dinkes-sp-1-k4\n", "      - id: dinkes-sp-1-k4\n        id_lama: [k4]\n"
    )
    tree.write_text(text, "utf-8")
    site = build_site(tmp_path, None, SiteConfig(search_plugin=False), docs={})
    node = (site / "node/dinkes-prog-1/index.html").read_text("utf-8")
    assert 'http-equiv="refresh" content="0; url=../dinkes-sp-1/"' in node
    assert (site / "node/dinkes-prog-1/../dinkes-sp-1/index.html").is_file()
    indicator_redirect = (site / "indikator/k4/index.html").read_text("utf-8")
    assert 'url=../dinkes-sp-1-k4/"' in indicator_redirect
    assert "Cakupan K4" in indicator_redirect
    assert '<html lang="id">' in node and "Halaman ini telah pindah ke" in node
    # the page in the site's language, from a template a site can override
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/redirect.html.j2").write_text(
        "moved: {{ redirect.target }} {{ redirect.title }}", "utf-8"
    )
    site = build_site(
        tmp_path,
        None,
        SiteConfig(search_plugin=False).with_options(language="en"),
        docs={},
    )
    english = (site / "node/dinkes-prog-1/index.html").read_text("utf-8")
    assert '<html lang="en">' in english and "This page has moved to" in english
    site = build_site(
        tmp_path,
        None,
        SiteConfig(search_plugin=False).with_options(custom_templates="templates"),
        docs={},
    )
    assert (site / "indikator/k4/index.html").read_text("utf-8").startswith("moved: ../")
