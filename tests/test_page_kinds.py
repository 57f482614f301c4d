"""The registry of page kinds (``core/site/kinds.py``): planning, the preview, the navigation flag
and the search boost read it, so a kind is planned, previewed and boosted by being declared."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core.site.kinds import (
    BY_ID,
    INDEX_CODES,
    INDEX_CROSSCUTTING,
    INDEX_IKU,
    INDEX_INDICATORS,
    KINDS,
    OPD,
    PK,
    Over,
    PageKind,
    Preview,
    kind,
)
from mkdocs_pohon_plugin.core.site.labels import LABELS
from mkdocs_pohon_plugin.core.site.pages import (
    NAV_KINDS,
    SitePlan,
    page_opd,
    plan_site,
    preview_pages,
)
from mkdocs_pohon_plugin.core.site.render import BUILTIN_TEMPLATES, Renderer
from mkdocs_pohon_plugin.core.tree.check import CheckResult, check_trees
from mkdocs_pohon_plugin.core.tree.model import Level

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "trees"
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture(scope="module")
def demo() -> CheckResult:
    return check_trees(DEMO)


@pytest.fixture(scope="module")
def plan(demo: CheckResult) -> SitePlan:
    # low thresholds, so that the demo's big lineages get support pages (issue 13) and its
    # all-indicators, IKU and code listings are split into pages per agency (issue 19)
    return plan_site(demo, lineage_inline_limit=50, index_inline_limit=50)


def test_the_registry_declares_each_kind_once() -> None:
    ids = [k.id for k in KINDS]
    assert len(ids) == len(set(ids)) == 25
    assert all(BY_ID[k.id] is k for k in KINDS)
    assert kind(OPD) is BY_ID[OPD]
    with pytest.raises(KeyError, match="no page kind 'ringkasan'"):
        kind("ringkasan")


def test_every_declared_kind_is_planned_for_the_demo(plan: SitePlan) -> None:
    assert {page.kind for page in plan.pages} == {k.id for k in KINDS}
    for page in plan.pages:
        assert BY_ID[page.kind] is page.declaration
        assert page.template == page.declaration.template


@pytest.mark.parametrize("folder", [DEMO, MINI], ids=["demo", "mini"])
def test_pages_come_in_registry_order_interleaved_per_subject(folder: Path) -> None:
    """Home and the OPD list first, then each agency's pages together, then each node's page
    followed by its indicators' pages, then the site-wide indexes."""
    result = check_trees(folder)
    pages = plan_site(result).pages
    kinds = [page.kind for page in pages]
    assert kinds[:2] == ["home", "opd_list"]
    # a split listing's group pages (the demo's, issue 19) come right after their index
    for part, index in (
        ("index_iku_part", INDEX_IKU),
        ("index_indicators_part", INDEX_INDICATORS),
        ("index_codes_part", INDEX_CODES),
    ):
        if part in kinds:
            at = kinds.index(index) + 1
            assert kinds[at : at + kinds.count(part)] == [part] * kinds.count(part)
    kinds = [kind for kind in kinds if not kind.endswith("_part")]
    # the Akar Masalah index and theme pages (issue 18), when the site has problem trees, come
    # right before the quality page
    if result.site.problems:
        at = kinds.index("quality")
        themes = len({theme.id for theme in result.site.problems})
        assert kinds[at - 1 - themes : at] == ["problems", *["problem"] * themes]
        kinds = [kind for kind in kinds if kind not in ("problems", "problem")]
    assert kinds[-7:] == [
        INDEX_IKU,
        INDEX_INDICATORS,
        INDEX_CROSSCUTTING,
        "index_cascading",
        INDEX_CODES,
        "quality",
        "downloads",
    ]
    agency_pages = [page for page in pages if page.declaration.over is Over.OPD]
    owners = [page.context["opd"].id for page in agency_pages]
    assert owners == sorted(owners, key=list(result.site.opds).index)  # one run per agency
    years = len(result.site.years)
    for opd_id in result.site.opds:
        own = [page.kind for page in agency_pages if page_opd(page) == opd_id]
        levels = own.count("opd_level")
        # an agency's positions (jabatan): a page each, a PK per year for eselon II-IV
        positions = own.count("position")
        signed = own.count("position_pk")
        plans = own.count("action_plan")  # a Rencana Aksi per year with quarterly targets
        assert own == [
            "opd",
            *["opd_level"] * levels,
            "cascading",
            *[PK] * years,
            *["position"] * positions,
            *["position_pk"] * signed,
            *["action_plan"] * plans,
            "opd_quality",
        ]
    node_pages = [page for page in pages if page.declaration.over is Over.NODE]
    expected = []
    for page in node_pages:
        if page.kind == "node":
            expected += [
                page.path,
                *(f"indikator/{i.id}.md" for i in page.context["node"].indicators),
            ]
    assert [page.path for page in node_pages] == expected


def test_every_kind_has_its_template_and_its_word_in_every_language() -> None:
    for k in KINDS:
        assert (BUILTIN_TEMPLATES / k.template).is_file(), k.id
        for language, labels in LABELS.items():
            assert labels.get(k.label), (k.id, language)


def test_navigation_and_search_boost_come_from_the_declaration(plan: SitePlan) -> None:
    assert {
        "home",
        "opd_list",
        "opd",
        INDEX_IKU,
        INDEX_INDICATORS,
        INDEX_CROSSCUTTING,
        "index_cascading",
        INDEX_CODES,
        "problems",
        "quality",
        "downloads",
    } == NAV_KINDS
    assert {k.id: k.search_boost for k in KINDS if k.search_boost} == {
        "node": 2.0,
        "indicator": 2.0,
    }
    renderer = Renderer(plan)
    for wanted in ("home", "opd", "opd_level", "node", "indicator", INDEX_IKU):
        page = next(p for p in plan.pages if p.kind == wanted)
        assert page.in_nav == (wanted in NAV_KINDS)
        markdown = renderer.render(page).markdown()
        front = markdown.split("---\n")[1]
        if wanted in ("node", "indicator"):
            assert "search:\n  boost: 2.0\n" in front
        else:
            assert "search:" not in front


def test_a_preview_keeps_one_agency_and_the_regional_pages(plan: SitePlan) -> None:
    # Dinkes, and Dispangan: the demo agency with quarterly targets (its Rencana Aksi pages)
    previewed = frozenset({"dinkes", "dispangan"})
    kept = preview_pages(plan, previewed)
    kept_paths = {page.path for page in kept}
    assert [p for p in plan.pages if p.path in kept_paths] == kept  # same order, a subset
    for page in plan.pages:
        scope = page.declaration.preview
        owner = page_opd(page)
        if scope is Preview.ALWAYS:
            assert page.path in kept_paths
        elif scope is Preview.NEVER:
            assert page.path not in kept_paths
        else:
            assert (page.path in kept_paths) == (owner is None or owner in previewed), page.path
    assert {page.kind for page in kept} == {k.id for k in KINDS if k.preview is not Preview.NEVER}
    assert any(page_opd(p) == "bappeda" for p in plan.pages)
    assert not any(page_opd(p) == "bappeda" for p in kept)


def test_a_kind_left_out_of_the_registry_is_not_planned(demo: CheckResult, plan: SitePlan) -> None:
    without_pk = plan_site(
        demo,
        kinds=[k for k in KINDS if k.id != PK],
        lineage_inline_limit=50,
        index_inline_limit=50,
    )
    assert [p.path for p in without_pk.pages] == [p.path for p in plan.pages if p.kind != PK]


def test_a_kind_declared_twice_is_refused(demo: CheckResult) -> None:
    with pytest.raises(ValueError, match="declared twice"):
        plan_site(demo, kinds=[*KINDS, kind(OPD)])


def test_a_new_kind_is_planned_previewed_and_boosted_by_its_declaration(
    demo: CheckResult, plan: SitePlan
) -> None:
    """A summary page per agency, declared like the agency page: nothing else changes."""
    summary = replace(
        kind(OPD),
        id="opd_summary",
        path=lambda c: f"opd/{c['opd'].id}/ringkasan.md",
        title=lambda planning, c, word: f"{word} {c['opd'].label}",
        in_nav=False,
        search_boost=3.0,
    )
    assert isinstance(summary, PageKind)
    at = [k.id for k in KINDS].index(OPD) + 1
    registry = (*KINDS[:at], summary, *KINDS[at:])
    grown = plan_site(demo, kinds=registry, lineage_inline_limit=50, index_inline_limit=50)

    new = [page for page in grown.pages if page.kind == "opd_summary"]
    assert [page.path for page in new] == [f"opd/{o}/ringkasan.md" for o in demo.site.opds]
    assert new[0].title == f"OPD {demo.site.opds[page_opd(new[0]) or ''].label}"
    assert [p.path for p in grown.pages if p.kind != "opd_summary"] == [p.path for p in plan.pages]
    paths = [page.path for page in grown.pages]
    for page in new:  # planned with its agency's pages, right after the agency page
        owner = page_opd(page)
        assert paths[paths.index(page.path) - 1] == f"opd/{owner}/index.md"

    kept = {page.path for page in preview_pages(grown, frozenset({"dinkes"}))}
    assert "opd/dinkes/ringkasan.md" in kept
    assert "opd/bappeda/ringkasan.md" not in kept

    rendered = Renderer(grown).render(new[0])
    assert 'data-pohon-kind="opd_summary"' in rendered.html
    assert "search:\n  boost: 3.0\n" in rendered.markdown()
    assert not new[0].in_nav


def test_a_level_is_named_in_the_site_language() -> None:
    level = Level(id="sasaran_program", name="Sasaran Program", name_en="Program objective")
    assert level.label() == level.label("id") == "Sasaran Program"
    assert level.label("en") == "Program objective"
    assert Level(id="eselon_v", name="Eselon V").label("en") == "Eselon V"
    assert Level(id="eselon_v").label() == "eselon_v"


def test_level_page_titles_use_the_level_name_in_the_site_language(demo: CheckResult) -> None:
    for language in ("id", "en"):
        for page in plan_site(demo, language).pages:
            if page.kind == "opd_level":
                level, opd = page.context["level"], page.context["opd"]
                assert page.title == f"{level.label(language)} — {opd.label}"
