"""The demo regency built for real: with MkDocs (strict) and with ProperDocs, the maintained fork
of MkDocs 1.x, which must run the plugin unchanged and produce the same pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from mkdocs_pohon_plugin.core import CheckResult, check_trees

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def demo() -> CheckResult:
    return check_trees(REPO / "trees")


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("demo-mkdocs") / "site"
    config = load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(site))
    assert "pohon" in config.plugins
    build(config)
    return site


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_demo_has_a_page_per_node_indicator_and_opd(mkdocs_site: Path, demo: CheckResult) -> None:
    site = demo.site
    nodes = {p.parent.name for p in (mkdocs_site / "node").glob("*/index.html")}
    indicators = {p.parent.name for p in (mkdocs_site / "indikator").glob("*/index.html")}
    opds = {p.parent.name for p in (mkdocs_site / "opd").glob("*/index.html")}
    assert nodes == set(site.nodes)
    assert indicators == set(site.indicators)
    assert opds == set(site.opds)
    assert (mkdocs_site / "format" / "index.html").is_file()
    assert "generator" in (mkdocs_site / "index.html").read_text("utf-8")


@pytest.mark.skipif(
    shutil.which("properdocs") is None and not os.environ.get("CI"),
    reason="properdocs not installed",
)
def test_properdocs_builds_the_same_site(mkdocs_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ProperDocs" in (out / "index.html").read_text("utf-8")  # really built by ProperDocs
    assert _pages(out) == _pages(mkdocs_site)
    node = "node/dinkes-ss-gizi/index.html"
    assert (out / node).read_text("utf-8").count('class="mermaid"') == (
        (mkdocs_site / node).read_text("utf-8").count('class="mermaid"')
    )
