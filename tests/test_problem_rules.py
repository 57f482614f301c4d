"""Problem trees (``masalah``, ``menangani``): loading, and each rule at its file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs_pohon_plugin.core import check_trees
from tests.rule_cases import Files, chain, replace
from tests.treebuilder import base_files, line_of, write_tree

PROBLEMS = """\
masalah:
  - id: gizi
    tema: Gizi Buruk
    masalah_pokok: Tingginya prevalensi gizi buruk
    data: 12% (uji 2024)
    penyebab:
      - id: asupan
        uraian: Kurangnya asupan gizi
        penyebab:
          - id: asi
            uraian: Rendahnya ASI eksklusif
            data: 50% (uji)
          - id: mpasi
            uraian: MP-ASI kurang beragam
      - id: sanitasi
        uraian: Rendahnya akses sanitasi
"""


def with_problems(text: str = PROBLEMS) -> Callable[[Files], Files]:
    return replace("pemda.yaml", "node:\n", text + "node:\n")


def addresses(node: str, ids: str) -> Callable[[Files], Files]:
    """``menangani: <ids>`` under the node ``node`` (after its statement line)."""

    def mutate(files: Files) -> Files:
        for name, text in files.items():
            assert isinstance(text, str)
            marker = f"  - id: {node}\n"
            if marker in text:
                start = text.index(marker)
                at = text.index("    pernyataan:", start)
                end = text.index("\n", at) + 1
                files[name] = text[:end] + f"    menangani: {ids}\n" + text[end:]
                return files
        raise AssertionError(node)

    return mutate


ALL_ADDRESSED = chain(
    with_problems(),
    addresses("ssk", "[asi, mpasi]"),
    addresses("dinsos-sub", "[sanitasi]"),
)


def _check(tmp_path: Path, mutate: Callable[[Files], Files]):
    files = mutate(base_files())  # type: ignore[arg-type]
    return files, check_trees(write_tree(tmp_path, files))


def _found(result, rule: str) -> list[tuple[str, int, str | None]]:
    return [
        (d.file.rsplit("/", 1)[-1], d.line, d.subject) for d in result.diagnostics if d.rule == rule
    ]


def test_the_problem_tree_loads_with_parents_depths_and_root_causes(tmp_path: Path) -> None:
    _files, result = _check(tmp_path, ALL_ADDRESSED)
    assert result.diagnostics == []
    site = result.site
    (theme,) = site.problems
    assert (theme.id, theme.theme, theme.data) == ("gizi", "Gizi Buruk", "12% (uji 2024)")
    assert [c.id for c in theme.all_causes()] == ["asupan", "asi", "mpasi", "sanitasi"]
    assert [c.id for c in theme.root_causes()] == ["asi", "mpasi", "sanitasi"]
    asi = site.causes["asi"]
    assert (asi.parent_id, asi.depth, asi.theme_id, asi.is_root) == ("asupan", 2, "gizi", True)
    assert site.causes["asupan"].is_root is False and site.causes["asupan"].depth == 1
    assert site.nodes["ssk"].addresses == ["asi", "mpasi"]


def test_a_site_without_problems_is_unchanged(tmp_path: Path) -> None:
    _files, result = _check(tmp_path, lambda f: f)
    assert result.site.problems == [] and result.diagnostics == []


def test_an_unknown_cause_is_an_error_with_the_nearest_ids(tmp_path: Path) -> None:
    files, result = _check(tmp_path, chain(ALL_ADDRESSED, addresses("sk", "[asii]")))
    found = _found(result, "menangani-tidak-dikenal")
    text = files["opd/dinkes.yaml"]
    assert isinstance(text, str)
    assert found == [("dinkes.yaml", line_of(text, "menangani: [asii]"), "sk")]
    message = next(d for d in result.errors if d.rule == "menangani-tidak-dikenal")
    assert "'asi'" in message.text.id and "'asi'" in message.text.en


def test_menangani_without_any_problem_tree_says_to_write_one(tmp_path: Path) -> None:
    _files, result = _check(tmp_path, addresses("sk", "[asi]"))
    (diagnostic,) = result.errors
    assert diagnostic.rule == "menangani-tidak-dikenal"
    assert "masalah" in diagnostic.text.en and "pemda.yaml" in diagnostic.text.id


def test_a_duplicate_cause_id_is_an_error_at_the_second(tmp_path: Path) -> None:
    twice = PROBLEMS.replace("      - id: sanitasi\n", "      - id: asi\n")
    files, result = _check(tmp_path, chain(with_problems(twice), addresses("ssk", "[asi, mpasi]")))
    text = files["pemda.yaml"]
    assert isinstance(text, str)
    assert _found(result, "masalah-id-ganda") == [
        ("pemda.yaml", line_of(text, "- id: asi", 2), "asi")
    ]


def test_a_duplicate_theme_id_is_an_error(tmp_path: Path) -> None:
    second = "  - id: gizi\n    tema: Lain\n    masalah_pokok: Masalah lain\n"
    files, result = _check(
        tmp_path,
        chain(
            with_problems(PROBLEMS + second),
            addresses("ssk", "[asi, mpasi]"),
            addresses("dinsos-sub", "[sanitasi]"),
        ),
    )
    text = files["pemda.yaml"]
    assert isinstance(text, str)
    assert _found(result, "masalah-id-ganda") == [
        ("pemda.yaml", line_of(text, "- id: gizi", 2), None)
    ]


def test_a_root_cause_nobody_addresses_is_a_warning_naming_the_cause(tmp_path: Path) -> None:
    files, result = _check(tmp_path, chain(with_problems(), addresses("ssk", "[asi]")))
    text = files["pemda.yaml"]
    assert isinstance(text, str)
    assert _found(result, "akar-masalah-tak-ditangani") == [
        ("pemda.yaml", line_of(text, "- id: mpasi"), "mpasi"),
        ("pemda.yaml", line_of(text, "- id: sanitasi"), "sanitasi"),
    ]
    assert result.errors == []


def test_addressing_a_mid_level_cause_is_fine_but_covers_no_root_cause(tmp_path: Path) -> None:
    _files, result = _check(
        tmp_path,
        chain(ALL_ADDRESSED, addresses("sp", "[asupan]")),
    )
    assert result.diagnostics == []
    _files, result = _check(
        tmp_path / "b",
        chain(with_problems(), addresses("sp", "[asupan]"), addresses("ssk", "[sanitasi]")),
    )
    assert [d.subject for d in result.warnings] == ["asi", "mpasi"]


def test_the_synthetic_regency_has_problem_trees_with_one_gap_per_theme(tmp_path: Path) -> None:
    from mkdocs_pohon_plugin.testing.synthetic import (
        UNADDRESSED,
        SyntheticParams,
        generate_regency,
    )

    params = SyntheticParams(opd=4, nodes=200, indicators=400, crosscutting=0.0, seed=4)
    generate_regency(tmp_path / "a", params)
    result = check_trees(tmp_path / "a")
    assert result.errors == []
    assert [theme.id for theme in result.site.problems] == [
        "stunting",
        "kemiskinan",
        "pengangguran",
    ]
    gaps = [d.subject for d in result.warnings if d.rule == "akar-masalah-tak-ditangani"]
    roots = [c for theme in result.site.problems for c in theme.root_causes()]
    assert len(gaps) == params.masalah * UNADDRESSED and len(roots) == 15
    addressing = [n for n in result.site.nodes.values() if n.addresses]
    assert any(n.level == "sasaran_strategis" for n in addressing)  # a mid-level cause
    assert all(c.id in gaps or any(c.id in n.addresses for n in addressing) for c in roots)

    generate_regency(tmp_path / "b", SyntheticParams(opd=4, nodes=200, indicators=400, masalah=0))
    none = check_trees(tmp_path / "b")
    assert none.site.problems == [] and not any(n.addresses for n in none.site.nodes.values())
