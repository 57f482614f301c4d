"""Snapshots of the demo regency's issue-18 pages, which the mini fixture has no data for: a
position page, an eselon III and an eselon IV Perjanjian Kinerja, the stunting "Akar Masalah" page
and an agency's "Rencana Aksi". Rewrite them after an intended change with
``UPDATE_SNAPSHOTS=1 pytest tests/test_demo_pages.py`` and review the diff; the browser checks of
the same pages are in tests/test_browser.py (``PAGE_KINDS``)."""

from __future__ import annotations

import os
import re

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.site.generate import SiteBuild
from tests.sites import DEMO, HERE

SNAPSHOTS = HERE / "snapshots" / "demo"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"

POSITION = "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/index.md"
PK_ESELON_III = "opd/dinkes/jabatan/dinkes.kabid-masyarakat/pk-2026.md"
PK_ESELON_IV = "opd/dinkes/jabatan/dinkes.kasi-keluarga-gizi/pk-2026.md"
PROBLEM = "masalah/stunting.md"
ACTION_PLAN = "opd/dispangan/rencana-aksi-2026.md"
PAGES = (POSITION, PK_ESELON_III, PK_ESELON_IV, PROBLEM, ACTION_PLAN)


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    """The body of each page of :data:`PAGES`, as the demo renders it; with
    ``UPDATE_SNAPSHOTS=1`` each one is written to its snapshot first."""
    build = SiteBuild(check_trees(DEMO))
    planned = {page.path: page for page in build.pages}
    rendered = {path: build.render(planned[path]).html for path in PAGES}
    if UPDATE:
        for path, html in rendered.items():
            snapshot = SNAPSHOTS / path.replace(".md", ".html")
            snapshot.parent.mkdir(parents=True, exist_ok=True)
            snapshot.write_text(html, encoding="utf-8")
    return rendered


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_snapshot(bodies: dict[str, str], path: str) -> None:
    snapshot = SNAPSHOTS / path.replace(".md", ".html")
    assert bodies[path] == snapshot.read_text(encoding="utf-8")


def test_no_stale_snapshots() -> None:
    stored = {p.relative_to(SNAPSHOTS).as_posix() for p in SNAPSHOTS.rglob("*.html")}
    assert stored == {path.replace(".md", ".html") for path in PAGES}


def test_the_position_pks_name_both_parties(bodies: dict[str, str]) -> None:
    """The holder signs as the first party and the superior position's holder as the second:
    the head of bidang over the head of seksi, the head of the agency over the head of bidang."""
    result = check_trees(DEMO)
    positions = result.site.positions
    for path, position_id in (
        (PK_ESELON_IV, "dinkes.kasi-keluarga-gizi"),
        (PK_ESELON_III, "dinkes.kabid-masyarakat"),
    ):
        position = positions[position_id]
        superior = positions[position.superior_id] if position.superior_id else None
        assert superior is not None, position_id
        html = bodies[path]
        assert position.name in html and superior.name in html, path
        assert html.index(position.name) < html.index(superior.name), path


def test_the_stunting_page_flags_its_one_unaddressed_root_cause(bodies: dict[str, str]) -> None:
    result = check_trees(DEMO)
    cause = result.site.causes["stunting-ttd-remaja"]
    html = bodies[PROBLEM]
    assert cause.description in html
    unaddressed = [d for d in result.diagnostics if d.rule == "akar-masalah-tak-ditangani"]
    assert [d.subject for d in unaddressed] == ["stunting-ttd-remaja"]
    # every other root cause names at least one node that works on it
    addressed = {c for node in result.site.nodes.values() for c in node.addresses}
    roots = [c for c in result.site.causes.values() if c.is_root]
    assert {c.id for c in roots if c.id not in addressed} == {"stunting-ttd-remaja"}


def test_the_action_plan_lists_every_quarter_of_its_indicators(bodies: dict[str, str]) -> None:
    result = check_trees(DEMO)
    planned = [
        ind
        for node in result.site.nodes.values()
        if node.opd_id == "dispangan"
        for ind in node.indicators
        if 2026 in ind.quarterly_targets or 2026 in ind.action_plan
    ]
    html = bodies[ACTION_PLAN]
    assert planned
    for ind in planned:
        assert f'indikator/{ind.id}/"' in html, ind.id
        for step in ind.action_plan.get(2026, {}).values():
            assert re.sub(r"\s+", " ", str(step)).split(";")[0] in html, ind.id
