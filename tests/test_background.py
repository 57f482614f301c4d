"""The downloads written by a child process beside the build (core/site/background.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site.background import DownloadsError, DownloadsJob
from mkdocs_pohon_plugin.core.site.exports import xlsx_available
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from mkdocs_pohon_plugin.core.tree.check import check_trees

MINI = Path(__file__).parent / "fixtures" / "mini"


def test_the_child_writes_what_the_core_gives() -> None:
    job = DownloadsJob(MINI, workbook=False)
    written = job.wait()
    expected = {
        output.path: output.content
        for output in SiteBuild(check_trees(MINI)).downloads(workbook=False)
    }
    assert set(written) == set(expected) == {"unduh/pohon.json", "unduh/indikator.csv"}
    for path, content in expected.items():
        assert written[path] == content.encode("utf-8"), path
    assert json.loads(written["unduh/pohon.json"])["nodes"]


@pytest.mark.skipif(not xlsx_available(), reason="the xlsx extra is not installed")
def test_the_child_writes_the_workbook_when_asked() -> None:
    written = DownloadsJob(MINI, workbook=True).wait()
    assert written["unduh/matriks-cascading.xlsx"].startswith(b"PK")


def test_a_failing_child_says_why(tmp_path: Path) -> None:
    broken = tmp_path / "trees"
    broken.mkdir()
    (broken / "pemda.yaml").write_text("pemda: [unclosed\n", "utf-8")
    with pytest.raises(DownloadsError, match=r"exited with status 1: pohon downloads: .*errors"):
        DownloadsJob(broken, workbook=False).wait()


def test_cancel_stops_the_child() -> None:
    job = DownloadsJob(MINI, workbook=True)
    job.cancel()
    assert not job.output.exists()
