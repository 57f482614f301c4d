"""The ``mendukung`` rules beyond one case per rule (tests/rule_cases.py): sound trees next to each
defect are not flagged, the hints name what to write, a cycle is reported once, a tree that does
not declare ``mendukung`` yet gets one warning per file, and the rules walk each node's ancestors
once."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.tree.diagnostics import DiagnosticSink
from mkdocs_pohon_plugin.core.tree.graph import Graph
from mkdocs_pohon_plugin.core.tree.support_rules import check_supports
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency
from tests.rule_cases import LINK, Files, chain, replace
from tests.treebuilder import PEMDA, base_files, indicator, write_tree


def _check(tmp_path: Path, mutate: Callable[[Files], Files]) -> list[tuple[str, str, str]]:
    files = mutate(base_files())  # type: ignore[arg-type]
    result = check_trees(write_tree(tmp_path, files))
    return [(d.rule, d.file.rsplit("/", 1)[-1], d.text.id) for d in result.diagnostics]


def _supports(file: str, ident: str, targets: str) -> Callable[[Files], Files]:
    return replace(file, indicator(ident), indicator(ident, mendukung=targets))


_LINKED = replace("opd/dinkes.yaml", '    kode: "1.02.02"\n', '    kode: "1.02.02"\n' + LINK)

SOUND = {
    "a grandparent's indicator": _supports("opd/dinkes.yaml", "i-ssk", "[i-sp]"),
    "two indicators above": _supports("opd/dinkes.yaml", "i-ssk", "[i-sk, i-sp]"),
    "the sender's indicator through an agreed link": chain(
        _LINKED, _supports("opd/dinsos.yaml", "i-dinsos-sp", "[i-dinsos-ss, i-sp]")
    ),
    "the sender's indicator from below the partner": chain(
        _LINKED, _supports("opd/dinsos.yaml", "i-dinsos-sk", "[i-dinsos-sp, i-sp]")
    ),
    "an entry written twice": _supports("opd/dinkes.yaml", "i-sk", "[i-sp, i-sp]"),
}


@pytest.mark.parametrize("mutate", SOUND.values(), ids=list(SOUND))
def test_sound_trees_next_to_each_defect_are_clean(tmp_path: Path, mutate) -> None:
    assert _check(tmp_path, mutate) == []


def test_the_sender_s_parent_is_reached_through_the_sender_not_directly(tmp_path: Path) -> None:
    found = _check(
        tmp_path, chain(_LINKED, _supports("opd/dinsos.yaml", "i-dinsos-sp", "[i-dinsos-ss, i-ss]"))
    )
    assert [(rule, file) for rule, file, _ in found] == [("mendukung-tidak-di-atas", "dinsos.yaml")]


def test_hints_name_what_to_write(tmp_path: Path) -> None:
    # a near id among the indicators it may name
    (found,) = _check(tmp_path / "a", _supports("opd/dinkes.yaml", "i-sk", "[i-spx]"))
    assert "maksudnya 'i-sp'?" in found[2]
    # a renamed indicator: its new id
    renamed = chain(
        replace("opd/dinkes.yaml", indicator("i-sp"), indicator("i-sp-baru", id_lama="[i-sp]")),
        replace(
            "opd/dinkes.yaml",
            indicator("i-sp-baru", id_lama="[i-sp]"),
            indicator("i-sp-baru", id_lama="[i-sp]", mendukung="[i-ss]"),
        ),
    )
    found_all = _check(tmp_path / "b", renamed)
    assert [f[0] for f in found_all] == ["mendukung-tidak-dikenal"]
    assert "sudah diganti menjadi 'i-sp-baru' (id_lama)" in found_all[0][2]


def test_a_cycle_is_reported_once_with_its_chain(tmp_path: Path) -> None:
    mutual = chain(
        _LINKED,
        replace(
            "opd/dinsos.yaml",
            '    kode: "1.06.05"\n',
            '    kode: "1.06.05"\n' + LINK.replace("dinsos-ssk", "sp"),
        ),
        _supports("opd/dinkes.yaml", "i-sp", "[i-ss, i-dinsos-sp]"),
        _supports("opd/dinsos.yaml", "i-dinsos-sp", "[i-dinsos-ss, i-sp]"),
    )
    found = _check(tmp_path, mutual)
    assert [(rule, file) for rule, file, _ in found] == [("mendukung-siklus", "dinkes.yaml")]
    assert "(i-sp → i-dinsos-sp → i-sp)" in found[0][2]


def _undeclared(files: Files, *names: str) -> Files:
    for name in names:
        text = files[name]
        assert isinstance(text, str)
        files[name] = re.sub(r", mendukung: \[[^\]]*\]", "", text)
    return files


def test_a_tree_without_mendukung_gets_one_warning_per_file(tmp_path: Path) -> None:
    found = _check(
        tmp_path, lambda f: _undeclared(f, "pemda.yaml", "opd/dinkes.yaml", "opd/dinsos.yaml")
    )
    assert [(rule, file) for rule, file, _ in found] == [
        ("mendukung-belum-dinyatakan", "dinkes.yaml"),
        ("mendukung-belum-dinyatakan", "dinsos.yaml"),
        ("mendukung-belum-dinyatakan", "pemda.yaml"),
    ]
    assert "3 indikator" in found[2][2] and "'i-misi': 'mendukung: [i-visi]'" in found[2][2]


def test_unsupported_regional_indicators_wait_for_the_files_below(tmp_path: Path) -> None:
    # the agencies declare nothing yet: the regional sasaran's indicator is not reported
    found = _check(tmp_path / "a", lambda f: _undeclared(f, "opd/dinkes.yaml", "opd/dinsos.yaml"))
    assert {rule for rule, _, _ in found} == {"mendukung-belum-dinyatakan"}
    # dinsos declares, but not for the regional sasaran: now it is reported, and dinsos' own
    # strategic indicator supports nothing
    partly = chain(
        lambda f: _undeclared(f, "opd/dinkes.yaml"),
        replace(
            "opd/dinsos.yaml",
            indicator("i-dinsos-ss"),
            indicator("i-dinsos-ss", mendukung=None),
        ),
    )
    found = _check(tmp_path / "b", partly)
    assert sorted((rule, file) for rule, file, _ in found) == [
        ("mendukung-belum-dinyatakan", "dinkes.yaml"),
        ("mendukung-kosong", "dinsos.yaml"),
        ("tidak-didukung", "pemda.yaml"),
    ]


def test_a_broken_chain_of_parents_is_left_to_its_own_rule(tmp_path: Path) -> None:
    found = _check(tmp_path, replace("opd/dinkes.yaml", "    induk: sp\n", "    induk: hilang\n"))
    rules = {rule for rule, _, _ in found}
    assert "rujukan-hilang" in rules  # sk's entry naming i-sp is not judged without its chain
    assert not {rule for rule in rules if "mendukung" in rule}


def test_the_lowest_level_needs_no_support_from_below(tmp_path: Path) -> None:
    iku = replace("opd/dinkes.yaml", indicator("i-ssk"), indicator("i-ssk", iku="true"))
    assert _check(tmp_path, iku) == []


def test_the_visi_supports_nothing_and_needs_no_entry(tmp_path: Path) -> None:
    files = base_files()
    assert "mendukung" not in PEMDA.split("- id: misi")[0]
    assert check_trees(write_tree(tmp_path, files)).diagnostics == []


def test_each_node_s_ancestors_are_walked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_regency(tmp_path, SyntheticParams(opd=6, nodes=300, indicators=900, seed=4))
    result = check_trees(tmp_path)
    calls: list[str] = []
    walk = Graph.ancestors

    def counted(graph: Graph, node_id: str):  # type: ignore[no-untyped-def]
        calls.append(node_id)
        return walk(graph, node_id)

    monkeypatch.setattr(Graph, "ancestors", counted)
    sink = DiagnosticSink()
    check_supports(result.site, result.graph, sink)
    assert sink.items == []
    entries = sum(len(i.supports) for i in result.site.indicators.values())
    assert entries > len(result.site.nodes)  # more entries than nodes, yet
    assert len(calls) == len(set(calls)) <= len(result.site.nodes)
