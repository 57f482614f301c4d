"""The downloads written by a child process beside the build (core/site/background.py): from the
model the build checked, without reading or checking the trees again."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site import background, generate
from mkdocs_pohon_plugin.core.site.background import DownloadsError, DownloadsJob, DownloadsLanding
from mkdocs_pohon_plugin.core.site.exports import (
    cascading_xlsx,
    indicators_csv,
    model_json,
    xlsx_available,
)
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def mini() -> CheckResult:
    result = check_trees(MINI)
    assert result.ok
    return result


def test_the_child_writes_what_the_core_gives(mini: CheckResult) -> None:
    written = DownloadsJob(mini, workbook=False).wait()
    assert written == {
        "unduh/pohon.json": model_json(mini).encode("utf-8"),
        "unduh/indikator.csv": indicators_csv(mini).encode("utf-8"),
    }
    assert json.loads(written["unduh/pohon.json"])["node"]


@pytest.mark.skipif(not xlsx_available(), reason="the xlsx extra is not installed")
def test_the_child_writes_the_workbook_when_asked(mini: CheckResult) -> None:
    written = DownloadsJob(mini, workbook=True).wait()
    assert written["unduh/matriks-cascading.xlsx"] == cascading_xlsx(mini)
    assert written["unduh/matriks-cascading.xlsx"].startswith(b"PK")


def test_the_child_neither_reads_nor_checks_nor_plans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The trees folder is gone once the parent has checked it, and checking or planning would
    fail: the child still writes the same downloads, from the model it was handed."""
    trees = tmp_path / "trees"
    shutil.copytree(MINI, trees)
    result = check_trees(trees)
    expected = {
        "unduh/pohon.json": model_json(result).encode("utf-8"),
        "unduh/indikator.csv": indicators_csv(result).encode("utf-8"),
    }
    shutil.rmtree(trees)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("the downloads child checked or planned again")

    # A forked child inherits these patches; a spawned one (no fork on the platform) gets the
    # model pickled and has no trees to read either.
    monkeypatch.setattr("mkdocs_pohon_plugin.core.tree.check.check_trees", forbidden)
    monkeypatch.setattr("mkdocs_pohon_plugin.core.tree.load.load_site", forbidden)
    monkeypatch.setattr(generate, "plan_site", forbidden)
    assert DownloadsJob(result, workbook=False).wait() == expected


def test_a_spawned_child_gets_the_model_pickled(
    mini: CheckResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the platform does not fork (macOS, Windows) the model is pickled to a fresh
    interpreter: the same downloads."""

    monkeypatch.setattr(background, "_context", lambda: multiprocessing.get_context("spawn"))
    assert DownloadsJob(mini, workbook=False).wait() == {
        "unduh/pohon.json": model_json(mini).encode("utf-8"),
        "unduh/indikator.csv": indicators_csv(mini).encode("utf-8"),
    }


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """A forked child, whatever threads run: failures are injected by patches that only a
    forked child inherits."""
    if not sys.platform.startswith("linux"):
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(background, "_context", lambda: multiprocessing.get_context("fork"))


@pytest.mark.usefixtures("forked")
def test_a_failing_child_says_why(mini: CheckResult, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(result: CheckResult, supports: object = None) -> str:
        raise ValueError("the CSV cannot be written")

    monkeypatch.setattr(generate, "indicators_csv", broken)
    with pytest.raises(DownloadsError, match=r"gagal: ValueError: the CSV cannot be written") as e:
        DownloadsJob(mini, workbook=False).wait()
    assert e.value.text("en").startswith("the downloads process failed: ValueError")


@pytest.mark.usefixtures("forked")
def test_a_child_that_dies_says_so(mini: CheckResult, monkeypatch: pytest.MonkeyPatch) -> None:
    def dies(result: CheckResult, supports: object = None) -> str:
        os._exit(3)

    monkeypatch.setattr(generate, "model_json", dies)
    with pytest.raises(DownloadsError, match="exit code 3"):
        DownloadsJob(mini, workbook=False).wait()


@pytest.mark.usefixtures("forked")
def test_a_child_that_hangs_is_stopped(mini: CheckResult, monkeypatch: pytest.MonkeyPatch) -> None:
    def hangs(result: CheckResult, supports: object = None) -> str:
        time.sleep(60)
        return ""

    monkeypatch.setattr(generate, "model_json", hangs)
    job = DownloadsJob(mini, workbook=False)
    with pytest.raises(DownloadsError) as e:
        job.wait(timeout=1)
    assert "did not finish within 1 s" in e.value.text("en")
    assert not job.output.exists()


def test_no_fork_while_other_threads_run() -> None:
    """mkdocs serve runs its server and watcher in threads: a fork would copy locks they hold."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert background._context().get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_cancel_stops_the_child(mini: CheckResult) -> None:
    job = DownloadsJob(mini, workbook=True)
    job.cancel()
    assert not job.output.exists()
    job.cancel()  # a second cancel (a build error after a cancelled rebuild) does nothing


class Landed:
    """What a :class:`DownloadsLanding` reported."""

    def __init__(self) -> None:
        self.files: list[dict[str, bytes]] = []
        self.failures: list[DownloadsError] = []

    def landed(self, files: dict[str, bytes], seconds: float) -> None:
        assert seconds >= 0
        self.files.append(files)

    def failed(self, exc: DownloadsError) -> None:
        self.failures.append(exc)


def test_downloads_land_in_the_site_once_the_child_is_done(
    mini: CheckResult, tmp_path: Path
) -> None:
    """mkdocs serve: the build does not wait; the files arrive, but those the site has itself."""
    seen = Landed()
    landing = DownloadsLanding(
        DownloadsJob(mini, workbook=False),
        tmp_path,
        skip={"unduh/indikator.csv"},
        landed=seen.landed,
        failed=seen.failed,
    )
    landing.join()
    assert seen.failures == []
    assert [sorted(files) for files in seen.files] == [["unduh/indikator.csv", "unduh/pohon.json"]]
    assert (tmp_path / "unduh" / "pohon.json").read_text("utf-8") == model_json(mini)
    assert not (tmp_path / "unduh" / "indikator.csv").exists()


@pytest.mark.usefixtures("forked")
def test_a_cancelled_landing_writes_nothing_and_reports_nothing(
    mini: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new rebuild starts while the last one's downloads are still being written: the child
    is stopped, nothing lands in the folder MkDocs is about to empty, and no error is shown."""

    def slow(result: CheckResult, supports: object = None) -> str:
        time.sleep(60)
        return ""

    monkeypatch.setattr(generate, "model_json", slow)
    seen = Landed()
    job = DownloadsJob(mini, workbook=False)
    landing = DownloadsLanding(job, tmp_path, skip=set(), landed=seen.landed, failed=seen.failed)
    landing.cancel()
    assert seen.files == [] and seen.failures == []
    assert list(tmp_path.iterdir()) == []
    assert not job.output.exists()


@pytest.mark.usefixtures("forked")
def test_a_landing_that_fails_says_why(
    mini: CheckResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(result: CheckResult, supports: object = None) -> str:
        raise ValueError("the JSON cannot be written")

    monkeypatch.setattr(generate, "model_json", broken)
    seen = Landed()
    landing = DownloadsLanding(
        DownloadsJob(mini, workbook=False),
        tmp_path,
        skip=set(),
        landed=seen.landed,
        failed=seen.failed,
    )
    landing.join()
    assert seen.files == []
    assert [exc.text("en") for exc in seen.failures] == [
        "the downloads process failed: ValueError: the JSON cannot be written"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_site_publishes_the_downloads_of_the_model_its_pages_come_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin hands the child the model it checked (in ``mkdocs serve`` the cached one):
    a statement that only that model has is in the pages and in ``pohon.json`` alike."""
    from mkdocs_pohon_plugin import plugin
    from tests.sites import SiteConfig, build, write_site

    config = SiteConfig(search_plugin=False).with_options(history=False, search="material")
    write_site(tmp_path, MINI, config, docs={})
    only_in_the_model = "Pernyataan yang hanya ada di model"

    def checked(*args: object, **kwargs: object) -> CheckResult:
        result = check_trees(*args, **kwargs)  # type: ignore[arg-type]
        node = next(iter(result.site.nodes.values()))
        node.statement = only_in_the_model
        return result

    monkeypatch.setattr(plugin, "check_trees", checked)
    site = build(tmp_path, strict=False)
    assert only_in_the_model in (site / "index.html").read_text("utf-8")
    export = json.loads((site / "unduh" / "pohon.json").read_text("utf-8"))
    assert export["node"][0]["pernyataan"] == only_in_the_model
    assert only_in_the_model not in (tmp_path / "trees" / "pemda.yaml").read_text("utf-8")
