"""Snapshots of every generated Markdown page (with its Mermaid) for the mini fixture.

Rewrite them after an intended change with ``UPDATE_SNAPSHOTS=1 pytest tests/test_site_snapshots.py``
and review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site import RenderOptions, site_outputs
from mkdocs_pohon_plugin.core.site.pages import KINDS, plan_site
from tests.sites import DEMO, HERE, MINI

SNAPSHOTS = HERE / "snapshots" / "mini"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"


def _stored() -> list[str]:
    """The pages that have a snapshot."""
    return sorted(p.relative_to(SNAPSHOTS).as_posix() for p in SNAPSHOTS.rglob("*.md"))


def _pages(language: str = "id") -> dict[str, str]:
    pages = {}
    for out in site_outputs(check_trees(MINI), RenderOptions(language=language)):
        if out.page is not None:
            assert isinstance(out.content, str), out.path
            pages[out.path] = out.content
    return pages


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Every generated Markdown page of the mini fixture, by path; with ``UPDATE_SNAPSHOTS=1``
    each one is written to its snapshot first."""
    rendered = _pages()
    if UPDATE:
        for path, content in rendered.items():
            snapshot = SNAPSHOTS / path
            snapshot.parent.mkdir(parents=True, exist_ok=True)
            snapshot.write_text(content, encoding="utf-8")
    return rendered


@pytest.mark.parametrize("path", _stored())
def test_page_matches_snapshot(pages: dict[str, str], path: str) -> None:
    snapshot = SNAPSHOTS / path
    assert path in pages, f"no page {path} any more: delete its snapshot"
    assert pages[path] == snapshot.read_text(encoding="utf-8")


def test_no_stale_snapshots(pages: dict[str, str]) -> None:
    stored = set(_stored())
    assert stored == set(pages), "a page without a snapshot: run with UPDATE_SNAPSHOTS=1"


def test_every_kind_is_planned() -> None:
    """The demo regency has a page of every kind (the mini fixture has no positions, problem
    trees or quarterly targets: tests/test_position_pages.py, test_problem_pages.py and
    test_action_plan_pages.py build those, tests/test_demo_pages.py keeps the demo's)."""
    # a support page exists only past the lineage threshold (issue 13), a listing's page per
    # agency only past the index threshold (issue 19): set them low
    plan = plan_site(check_trees(DEMO), lineage_inline_limit=2, index_inline_limit=1)
    assert {page.kind for page in plan.pages} == {kind.id for kind in KINDS}


def test_english_labels(pages: dict[str, str]) -> None:
    english = _pages("en")
    assert english.keys() == pages.keys()
    assert ">Performance Indicators<a" in english["node/dinkes-sp-1.md"]
    assert ">Indikator Kinerja<a" in pages["node/dinkes-sp-1.md"]
    assert "Achievement" in english["indikator/dinkes-sp-1-k4.md"]


def test_pohon_generate_writes_the_same_pages(pages: dict[str, str], tmp_path: Path) -> None:
    from mkdocs_pohon_plugin.cli import main

    assert main(["generate", str(tmp_path / "out"), "--trees", str(MINI)]) == 0
    written = {
        p.relative_to(tmp_path / "out").as_posix(): p.read_text("utf-8")
        for p in (tmp_path / "out").rglob("*")
        if p.is_file() and p.suffix != ".xlsx"
    }
    assert (tmp_path / "out" / "unduh" / "matriks-cascading.xlsx").read_bytes()[:2] == b"PK"
    assert {k: v for k, v in written.items() if k.endswith(".md")} == pages
    assert {"unduh/pohon.json", "unduh/indikator.csv"} <= written.keys()
    assert main(["generate", str(tmp_path / "x"), "--trees", str(tmp_path / "missing")]) == 2
