"""``mkdocs serve`` rebuilds: unchanged tree files are not read again, and the result is the same
as a fresh check; ``serve_opd`` previews some agencies only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site.exports import model_json
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.site.pages import INDEX_INDICATORS, NODE, page_opd
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from mkdocs_pohon_plugin.core.tree.load import LoadCache
from tests.sites import DEMO, SiteConfig, write_site


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    target = tmp_path / "trees"
    shutil.copytree(DEMO, target)
    return target


def _same(cached: CheckResult, fresh: CheckResult) -> None:
    assert [d.format() for d in cached.diagnostics] == [d.format() for d in fresh.diagnostics]
    assert model_json(cached) == model_json(fresh)
    assert list(cached.site.opds) == list(fresh.site.opds)
    for opd_id, opd in fresh.site.opds.items():
        assert cached.site.opds[opd_id].node_ids == opd.node_ids


def _touch_edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000_000  # a different mtime even on coarse clocks
    os.utime(path, ns=(stamp, stamp))


def test_unchanged_files_are_reused(trees: Path) -> None:
    cache = LoadCache()
    first = check_trees(trees, cache=cache)
    files = len(first.site.files)
    assert (cache.read, cache.reused) == (files, 0)
    second = check_trees(trees, cache=cache)
    assert (cache.read, cache.reused) == (0, files)
    _same(second, check_trees(trees))


def test_a_one_line_edit_rereads_that_file_only(trees: Path) -> None:
    cache = LoadCache()
    check_trees(trees, cache=cache)
    dinkes = trees / "opd" / "dinkes.yaml"
    text = dinkes.read_text("utf-8")
    line = next(ln for ln in text.splitlines() if "pernyataan:" in ln)
    _touch_edit(dinkes, line, line.rstrip() + " (diubah)")
    edited = check_trees(trees, cache=cache)
    assert cache.read == 1
    assert any(n.statement.endswith("(diubah)") for n in edited.site.nodes.values())
    _same(edited, check_trees(trees))


def test_an_error_appears_and_goes_away(trees: Path) -> None:
    cache = LoadCache()
    clean = check_trees(trees, cache=cache)
    dinsos = trees / "opd" / "dinsos.yaml"
    original = dinsos.read_text("utf-8")
    _touch_edit(dinsos, "satuan:", "satuan: [")  # broken YAML
    broken = check_trees(trees, cache=cache)
    assert not broken.ok and any(d.file.endswith("dinsos.yaml") for d in broken.errors)
    _same(broken, check_trees(trees))
    dinsos.write_text(original, "utf-8")
    stamp = dinsos.stat().st_mtime_ns + 2_000_000_000
    os.utime(dinsos, ns=(stamp, stamp))
    fixed = check_trees(trees, cache=cache)
    assert cache.read == 1
    _same(fixed, clean)


def test_a_changed_period_rereads_every_agency_and_a_removed_file_is_forgotten(
    trees: Path,
) -> None:
    cache = LoadCache()
    first = check_trees(trees, cache=cache)
    files = len(first.site.files)
    _touch_edit(trees / "pemda.yaml", "akhir: 2029", "akhir: 2030")
    changed = check_trees(trees, cache=cache)
    assert cache.read == files  # the agency files' years are checked against the period
    _same(changed, check_trees(trees))
    (trees / "opd" / "dp3a.yaml").unlink()
    removed = check_trees(trees, cache=cache)
    assert "dp3a" not in removed.site.opds
    assert not any("dp3a" in name for name in cache.files)
    _same(removed, check_trees(trees))


def test_preview_keeps_the_chosen_agencies_and_the_regional_tree() -> None:
    result = check_trees(DEMO)
    full = SiteBuild(result)
    preview = SiteBuild(result, only_opds=frozenset({"dinkes"}))
    kept = {page.path for page in preview.pages}
    assert kept < {page.path for page in full.pages}
    owners = {page_opd(page) for page in preview.pages}
    assert owners == {None, "dinkes"}
    regional_nodes = [n for n in result.site.nodes.values() if n.opd_id is None]
    assert all(f"node/{n.id}.md" in kept for n in regional_nodes)
    dinkes_nodes = result.site.opds["dinkes"].node_ids
    assert all(f"node/{n}.md" in kept for n in dinkes_nodes)
    assert not any(p.kind == INDEX_INDICATORS for p in preview.pages)
    assert sum(p.kind == NODE for p in preview.pages) == len(regional_nodes) + len(dinkes_nodes)
    for page in preview.pages[:50]:
        assert preview.render(page).html  # every kept page renders


def test_serve_rebuild_in_the_plugin_reuses_files_and_previews(tmp_path: Path) -> None:
    """Two builds through one plugin instance, as ``mkdocs serve`` does after an edit (MkDocs
    keeps plugin instances that define ``on_startup``): the second reads one file."""
    trees = tmp_path / "trees"
    shutil.copytree(DEMO, trees)
    config = SiteConfig(search_plugin=False).with_options(
        history=False, search="material", serve_opd=["dinkes"]
    )
    write_site(tmp_path, None, config, docs={})
    script = textwrap.dedent(
        """
        import os, sys
        from pathlib import Path
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.plugins import PluginCollection
        from mkdocs_pohon_plugin.plugin import PohonPlugin

        root = Path(sys.argv[1])
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        plugin = next(p for p in config.plugins.values() if isinstance(p, PohonPlugin))
        build(config, serve_url="http://127.0.0.1:8000/")
        print("first", plugin.load_cache.read, plugin.load_cache.reused)
        path = root / "trees" / "opd" / "dinkes.yaml"
        text = path.read_text("utf-8")
        path.write_text(text.replace("pernyataan: ", "pernyataan: Diubah ", 1), "utf-8")
        stamp = path.stat().st_mtime_ns + 10**9
        os.utime(path, ns=(stamp, stamp))
        # mkdocs serve: a fresh config each rebuild, the plugin instances kept (on_startup)
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        config.plugins = PluginCollection()
        config.plugins["pohon"] = plugin
        build(config, serve_url="http://127.0.0.1:8000/")
        print("second", plugin.load_cache.read, plugin.load_cache.reused)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    lines = dict(line.split(" ", 1) for line in run.stdout.splitlines() if " " in line)
    files = len(check_trees(trees).site.files)
    assert lines["first"].split() == [str(files), "0"]
    assert lines["second"].split() == ["1", str(files - 1)]
    site = tmp_path / "site"
    assert (site / "opd" / "dinkes" / "index.html").is_file()
    assert not (site / "opd" / "dinsos").exists()  # not in the preview
    assert (site / "node" / "visi" / "index.html").is_file()  # the regional tree is
    dinkes_first = check_trees(trees).site.opds["dinkes"].node_ids[0]
    assert (site / "node" / dinkes_first / "index.html").is_file()
    changed = [p for p in (site / "node").glob("*/index.html") if "Diubah" in p.read_text("utf-8")]
    assert len(changed) >= 1
