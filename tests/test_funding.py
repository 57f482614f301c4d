"""The budget behind an indicator (:mod:`mkdocs_pohon_plugin.core.site.funding`): per year, the
pagu of the supporting sub kegiatan, each once, across agencies; the node-level fallback when
nothing is declared."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from mkdocs_pohon_plugin.core import CheckResult, check_trees
from mkdocs_pohon_plugin.core.site.exports import (
    Supports,
    export_schema,
    indicators_csv,
    model_json,
)
from mkdocs_pohon_plugin.core.site.funding import Funding, funding
from mkdocs_pohon_plugin.core.site.lineage import SupportIndex, lineage
from mkdocs_pohon_plugin.core.tree.graph import Graph

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def support() -> CheckResult:
    return check_trees(FIXTURES / "support")


def behind(result: CheckResult, indicator_id: str) -> Funding:
    index = SupportIndex.of(result.graph)
    return funding(result.graph, lineage(result.graph, indicator_id, index=index), index)


def node_ids(found: Funding) -> list[str]:
    return [node.id for node in found.nodes]


def test_the_sub_kegiatan_behind_a_regional_target_across_agencies(support: CheckResult) -> None:
    found = behind(support, "i-aki")
    assert found.declared
    # Sub kegiatan only: the program (5000) and activity (4000) budgets are their sum, not more
    # money; ssk3 declares nothing and is not claimed.
    assert node_ids(found) == ["ssk1", "ssk2", "dinsos-ssk", "dinsos-ssk2"]
    assert found.by_year == {2025: 1000 + 500 + 300 + 40, 2026: 1100 + 600 + 330}
    assert [opd.id for opd in found.opds] == ["dinkes", "dinsos"]
    assert found.subject.id == "i-aki"


def test_each_node_counts_once(support: CheckResult) -> None:
    """ssk1 carries two indicators that both support i-sk; dinsos-ssk is reached from i-sp-k4
    through crosscutting and from the agency's own chain."""
    found = behind(support, "i-sk")
    assert node_ids(found) == ["ssk1", "ssk2", "dinsos-ssk2"]
    assert found.by_year == {2025: 1540, 2026: 1700}
    found = behind(support, "i-sp-k4")
    assert node_ids(found) == ["ssk1", "ssk2", "dinsos-ssk", "dinsos-ssk2"]
    assert found.by_year == {2025: 1840, 2026: 2030}
    assert [opd.id for opd in found.opds] == ["dinkes", "dinsos"]


def test_the_years_are_in_order_and_only_those_with_money(support: CheckResult) -> None:
    found = behind(support, "i-dinsos-sp2")
    assert found.by_year == {2025: 40}
    support.site.nodes["dinsos-ssk2"].budget = {2026: 5, 2025: 40}
    assert list(behind(support, "i-dinsos-sp2").by_year) == [2025, 2026]


def test_a_sub_kegiatan_indicator_is_funded_by_its_own_node(support: CheckResult) -> None:
    found = behind(support, "i-ssk1")
    assert (node_ids(found), found.by_year, found.declared) == (
        ["ssk1"],
        {2025: 1000, 2026: 1100},
        True,
    )


def test_an_undeclared_indicator_is_funded_by_node_level_fallback(support: CheckResult) -> None:
    found = behind(support, "i-ssk3")
    assert not found.declared
    assert node_ids(found) == ["ssk3"]
    assert found.by_year == {2025: 7, 2026: 8}


def test_declared_with_nothing_behind_it(support: CheckResult) -> None:
    found = behind(support, "i-misi-didik")
    assert found.declared
    assert (found.nodes, found.opds, found.by_year) == ([], [], {})


def test_a_rejected_link_carries_no_money(support: CheckResult) -> None:
    support.site.nodes["sp"].crosscutting[0].status = "ditolak"
    graph = Graph.build(support.site)
    index = SupportIndex.of(graph)
    found = funding(graph, lineage(graph, "i-sp-k4", index=index), index)
    assert node_ids(found) == ["ssk1", "ssk2", "dinsos-ssk2"]  # dinsos-ssk came via the link


def test_a_tree_that_declares_nothing_falls_back_to_the_nodes_below() -> None:
    mini = check_trees(FIXTURES / "mini")
    found = behind(mini, "ipm")
    assert not found.declared
    # The only sub kegiatan with a budget; the program's budget (its sum) is not added.
    assert node_ids(found) == ["dinkes-ssk-1"]
    assert found.by_year == {2025: 250000000, 2026: 275000000}
    assert [opd.id for opd in found.opds] == ["dinkes"]


def test_text_budgets_are_not_summed(support: CheckResult) -> None:
    support.site.nodes["ssk2"].budget = {2025: "belum ditetapkan", 2026: 600}
    found = behind(support, "i-sk")
    assert found.by_year == {2025: 1040, 2026: 1700}
    assert "ssk2" in node_ids(found)


def test_the_default_index_gives_the_same_figures(support: CheckResult) -> None:
    for indicator in support.site.indicators:
        alone = funding(support.graph, lineage(support.graph, indicator))
        assert alone == behind(support, indicator)


def test_pohon_json_and_indikator_csv_carry_the_same_figures(support: CheckResult) -> None:
    data = json.loads(model_json(support))
    jsonschema.Draft202012Validator(export_schema()).validate(data)
    exported = {i["id"]: i for node in data["node"] for i in node["indikator"]}
    aki = exported["i-aki"]
    assert aki["didukung_oleh"] == ["i-ss-ibu", "i-dinsos-ss"]
    assert aki["pendukung_dinyatakan"] is True
    assert aki["pagu_pendukung"] == {"2025": 1840, "2026": 2030}
    assert (aki["jumlah_sub_kegiatan_pendukung"], aki["jumlah_opd_pendukung"]) == (4, 2)
    assert exported["i-sp-k4"]["didukung_oleh"] == ["i-sk", "i-dinsos-sp"]
    fallback = exported["i-ssk3"]
    assert (fallback["pendukung_dinyatakan"], fallback["pagu_pendukung"]) == (
        False,
        {"2025": 7, "2026": 8},
    )
    assert exported["i-misi-didik"]["pagu_pendukung"] == {}

    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(indicators_csv(support)))}
    assert [rows["i-aki"][k] for k in ("pagu_pendukung_2025", "pagu_pendukung_2026")] == [
        "1840",
        "2030",
    ]
    assert rows["i-aki"]["jumlah_sub_kegiatan_pendukung"] == "4"
    assert rows["i-aki"]["jumlah_opd_pendukung"] == "2"
    assert rows["i-aki"]["pendukung_dinyatakan"] == "ya"
    assert rows["i-ssk3"]["pendukung_dinyatakan"] == ""
    assert rows["i-dinsos-sp2"]["pagu_pendukung_2026"] == ""  # no money that year
    for indicator_id, row in rows.items():
        figures = exported[indicator_id]
        for year, amount in figures["pagu_pendukung"].items():
            assert row[f"pagu_pendukung_{year}"] == str(amount)
        assert row["jumlah_opd_pendukung"] == str(figures["jumlah_opd_pendukung"])


def test_funding_reuses_the_index_of_the_lineage(
    support: CheckResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A site-wide index per call would make the funding of every indicator quadratic."""
    index = SupportIndex.of(support.graph)
    lineages = [lineage(support.graph, i, index) for i in support.site.indicators]
    builds: list[SupportIndex] = []
    build = SupportIndex._build

    def counted(self: SupportIndex) -> None:
        builds.append(self)
        build(self)

    monkeypatch.setattr(SupportIndex, "_build", counted)
    found = [funding(support.graph, lin) for lin in lineages]
    assert builds == []
    assert found == [funding(support.graph, lin, index) for lin in lineages]
    funding(support.graph, lineage(support.graph, "i-aki"))  # no index given anywhere: one
    assert len(builds) == 1


@pytest.mark.parametrize("fixture", ["support", "mini"])
def test_the_export_figures_are_the_funding_of_each_indicator(fixture: str) -> None:
    """The export computes only what supports each indicator, and node-level figures once per
    node: the same figures as the full lineage gives."""
    result = check_trees(FIXTURES / fixture)
    supports = Supports(result.graph)
    for indicator in result.site.indicators.values():
        full = lineage(result.graph, indicator)
        assert supports.of(indicator).funding == funding(result.graph, full)
        assert supports.of(indicator).supporters == [
            step.indicator.id for step in full.down if step.distance == 1
        ]
        short = lineage(result.graph, indicator, upwards=False)
        assert (short.up, short.up_by_node) == ([], [])
        assert (short.down, short.down_by_node) == (full.down, full.down_by_node)
