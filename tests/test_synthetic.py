"""The synthetic regency generator: exact sizes, a consistent tree, determinism, a clean check."""

from __future__ import annotations

import csv
import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from mkdocs_pohon_plugin.testing.synthetic import (
    OPD_LEVELS,
    REGIONAL_LEVELS,
    UNADDRESSED,
    YEARS,
    SyntheticParams,
    SyntheticStats,
    generate_regency,
    main,
)

REPO = Path(__file__).resolve().parent.parent
LEVELS = (*REGIONAL_LEVELS, *OPD_LEVELS)
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE_KIND = {"sasaran_program": 3, "sasaran_kegiatan": 5, "sasaran_sub_kegiatan": 6}
SMALL = SyntheticParams(opd=6, nodes=300, indicators=900, crosscutting=0.1, seed=7)
# Only these warnings are expected on a generated regency: its crosscutting links are mostly, not
# all, agreed.
EXPECTED_WARNINGS = {"crosscutting-menunggu", "crosscutting-ditolak"}
PROBLEM_GAPS = "akar-masalah-tak-ditangani"
"""One root cause per problem theme is left unaddressed on purpose (synthetic.UNADDRESSED)."""
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CASES = [
    SMALL,
    # as small as the parameters allow: one chain per agency, one indicator per node
    SyntheticParams(opd=3, nodes=29 + 12, indicators=41, crosscutting=1.0, seed=3),
    SyntheticParams(opd=1, nodes=200, indicators=450, crosscutting=0.0, seed=11),
    # more agencies than the built-in list: kecamatan fill the rest
    SyntheticParams(opd=40, nodes=1200, indicators=2500, crosscutting=0.05, seed=5),
    SyntheticParams(opd=4, nodes=120, indicators=400, seed=2, misi=2, tujuan_per_misi=1),
]


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def _read_tree(root: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    opds = {path.stem: _load(path) for path in sorted((root / "opd").glob("*.yaml"))}
    return _load(root / "pemda.yaml"), opds


def _digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _codes(root: Path) -> dict[str, set[str]]:
    folder = root / "nomenklatur"
    return {
        name: {
            row["kode"] for row in csv.DictReader(open(folder / f"{name}.csv", encoding="utf-8"))
        }
        for name in ("program", "kegiatan", "sub_kegiatan")
    }


def _assert_consistent(root: Path, params: SyntheticParams, stats: SyntheticStats) -> None:
    """Everything the format and the evaluators ask, checked independently of check_trees."""
    pemda, opds = _read_tree(root)
    assert set(pemda) == ({"pemda", "masalah", "node"} if params.masalah else {"pemda", "node"})
    assert pemda["pemda"]["periode"] == {"awal": YEARS[0], "akhir": YEARS[-1]}
    assert pemda["pemda"]["nomenklatur"]["berkas"] == "nomenklatur"
    assert pemda["pemda"]["nomenklatur"]["versi"]

    nodes: dict[str, dict[str, Any]] = {}
    owner: dict[str, str | None] = {}
    ids: list[str] = []
    for opd_id, doc in [(None, pemda), *opds.items()]:
        if opd_id is not None:
            assert doc["opd"]["id"] == opd_id
            assert len(doc["opd"]["kode"]) == 22
        for node in doc["node"]:
            nodes[node["id"]] = node
            owner[node["id"]] = opd_id
            ids.append(node["id"])
            ids.extend(indicator["id"] for indicator in node["indikator"])
    # ids: URL-safe, unique across nodes and indicators
    assert len(ids) == len(set(ids))
    assert all(ID.match(i) and len(i) <= 80 for i in ids), [i for i in ids if not ID.match(i)]
    assert len(opds) == params.opd == stats.opd

    # exact totals, matching the returned stats
    assert len(nodes) == params.nodes == stats.nodes
    assert sum(len(node["indikator"]) for node in nodes.values()) == params.indicators
    assert stats.indicators == params.indicators
    assert stats.files == 1 + params.opd
    assert Counter(node["tingkat"] for node in nodes.values()) == {
        level: count for level, count in stats.nodes_per_level.items() if count
    }
    assert stats.nodes_per_level["sasaran"] == (
        params.misi * params.tujuan_per_misi * params.sasaran_per_tujuan
    )

    codes = _codes(root)
    children: dict[str, list[dict[str, Any]]] = {}
    for node_id, node in nodes.items():
        level = LEVELS.index(node["tingkat"])
        assert isinstance(node["pernyataan"], str) and node["pernyataan"]
        assert isinstance(node["penanggung_jawab"], str) and node["penanggung_jawab"]
        # parent exists, exactly one level up; agencies hang under regional sasaran
        if level == 0:
            assert "induk" not in node
        else:
            parent = nodes[node["induk"]]
            children.setdefault(parent["id"], []).append(node)
            assert LEVELS.index(parent["tingkat"]) == level - 1
            if node["tingkat"] != "sasaran_strategis":
                assert owner[parent["id"]] == owner[node_id]
        assert (owner[node_id] is None) == (node["tingkat"] in REGIONAL_LEVELS)
        # real codes, each under its parent's code
        digits = CODE_KIND.get(node["tingkat"])
        if digits is None:
            assert "kode" not in node and "anggaran" not in node
        else:
            kode = node["kode"]
            assert isinstance(kode, str) and len(kode.split(".")) == digits
            assert kode in codes[{3: "program", 5: "kegiatan", 6: "sub_kegiatan"}[digits]]
            if digits > 3:
                assert kode.startswith(nodes[node["induk"]]["kode"] + ".")
            assert set(node["anggaran"]) == set(YEARS)
            assert all(isinstance(v, int) and v > 0 for v in node["anggaran"].values())
        # complete indicators
        assert node["indikator"], node_id
        for indicator in node["indikator"]:
            assert indicator["polaritas"] in ("maksimal", "minimal", "stabil")
            assert isinstance(indicator["nama"], str) and indicator["nama"]
            assert isinstance(indicator["satuan"], str) and indicator["satuan"]
            assert indicator["definisi"] and indicator["sumber_data"]
            assert indicator["kondisi_awal"]["tahun"] == YEARS[0] - 1
            assert set(indicator["target"]) == set(YEARS)
            assert set(indicator["realisasi"]) == {YEARS[0]}
            values = [indicator["kondisi_awal"]["nilai"], *indicator["target"].values()]
            assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
            steps = [b - a for a, b in zip(values, values[1:], strict=False)]
            if indicator["polaritas"] == "maksimal":
                assert all(step >= 0 for step in steps), indicator
            elif indicator["polaritas"] == "minimal":
                assert all(step <= 0 for step in steps), indicator
            if indicator["satuan"] == "%":
                assert all(0 <= v <= 100 for v in values), indicator
        # crosscutting: to an existing node of another agency
        for link in node.get("crosscutting", []):
            assert owner[node_id] is not None
            assert owner[link["ke"]] not in (None, owner[node_id])
            assert link["status"] in ("disetujui", "menunggu", "ditolak")
            assert link["peran"]

    # every agency leaf is a sub kegiatan; budgets add up the tree
    for node_id, node in nodes.items():
        if node_id not in children:
            assert node["tingkat"] in ("sasaran_sub_kegiatan",) or owner[node_id] is None
        if node["tingkat"] in ("sasaran_program", "sasaran_kegiatan"):
            for year in YEARS:
                below = children[node_id]
                assert node["anggaran"][year] == sum(n["anggaran"][year] for n in below)
    # every regional sasaran is cascaded when there are enough sasaran strategis
    if stats.nodes_per_level["sasaran_strategis"] >= stats.nodes_per_level["sasaran"]:
        assert all(n in children for n, node in nodes.items() if node["tingkat"] == "sasaran")

    linked = sum(1 for node in nodes.values() if node.get("crosscutting"))
    agency_nodes = params.nodes - params.regional_nodes
    assert linked == stats.crosscutting == round(params.crosscutting * agency_nodes)


@pytest.mark.parametrize("params", CASES, ids=lambda p: f"{p.opd}opd-{p.nodes}n-seed{p.seed}")
def test_generated_tree_is_consistent(tmp_path: Path, params: SyntheticParams) -> None:
    stats = generate_regency(tmp_path / "trees", params)
    _assert_consistent(tmp_path / "trees", params, stats)


def test_nomenclature_is_copied(tmp_path: Path) -> None:
    generate_regency(tmp_path, SMALL)
    names = sorted(path.name for path in (tmp_path / "nomenklatur").iterdir())
    assert names == ["kegiatan.csv", "program.csv", "sub_kegiatan.csv"]
    shipped = REPO / "trees" / "nomenklatur"
    if shipped.is_dir():  # the package's copy must follow the repository's nomenclature
        for name in names:
            assert (tmp_path / "nomenklatur" / name).read_bytes() == (shipped / name).read_bytes()


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate_regency(tmp_path / "a", SMALL)
    generate_regency(tmp_path / "b", SMALL)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")


def test_output_does_not_depend_on_hash_randomisation(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path;"
        "from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency;"
        "generate_regency(Path(sys.argv[1]), SyntheticParams(opd=5, nodes=200, indicators=500,"
        " crosscutting=0.1, seed=4))"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(REPO)}
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / hash_seed)], env=env, check=True
        )
    assert _digest(tmp_path / "1") == _digest(tmp_path / "2")


def test_different_seeds_differ(tmp_path: Path) -> None:
    other = SyntheticParams(opd=6, nodes=300, indicators=900, crosscutting=0.1, seed=8)
    generate_regency(tmp_path / "a", SMALL)
    generate_regency(tmp_path / "b", other)
    a, b = _digest(tmp_path / "a"), _digest(tmp_path / "b")
    assert a["pemda.yaml"] != b["pemda.yaml"]
    assert a.keys() == b.keys()  # the same agencies, with different trees
    assert sum(a[name] != b[name] for name in a if name.startswith("opd/")) == SMALL.opd


def test_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "stale.yaml").write_text("opd: {}\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate_regency(tmp_path, SMALL)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"opd": 0},
        {"opd": 10, "nodes": 60},  # fewer than 29 regional + 4 per agency
        {"nodes": 5000, "indicators": 4999},
        {"crosscutting": 1.5},
        {"crosscutting": -0.1},
        {"opd": 1, "nodes": 100, "indicators": 100, "crosscutting": 0.1},
        {"misi": 0},
    ],
)
def test_rejects_impossible_parameters(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        SyntheticParams(**kwargs)


def test_module_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    assert main([str(out), "--opd", "3", "--nodes", "80", "--indicators", "200"]) == 0
    assert "3 OPD, 80 nodes, 200 indicators" in capsys.readouterr().out
    assert len(list((out / "opd").glob("*.yaml"))) == 3
    with pytest.raises(SystemExit):  # not empty any more
        main([str(out), "--opd", "3", "--nodes", "80", "--indicators", "200"])


check_trees = pytest.importorskip("mkdocs_pohon_plugin.core").check_trees


@pytest.mark.parametrize(
    "params",
    [
        SMALL,
        # the smallest regency whose every regional sasaran can be cascaded
        SyntheticParams(
            opd=3,
            nodes=18,
            indicators=18,
            crosscutting=1.0,
            seed=3,
            misi=1,
            tujuan_per_misi=1,
            sasaran_per_tujuan=3,
        ),
        SyntheticParams(opd=40, nodes=1200, indicators=2500, crosscutting=0.05, seed=5),
        SyntheticParams(opd=12, nodes=900, indicators=2700, crosscutting=0.0, seed=9),
    ],
    ids=lambda p: f"{p.opd}opd-{p.nodes}n-seed{p.seed}",
)
def test_check_trees_finds_no_error(tmp_path: Path, params: SyntheticParams) -> None:
    stats = generate_regency(tmp_path, params)
    result = check_trees(tmp_path)
    assert [d.format() for d in result.errors] == []
    gaps = [d for d in result.warnings if d.rule == PROBLEM_GAPS]
    assert len(gaps) == params.masalah * UNADDRESSED
    warnings = [d for d in result.warnings if d.rule != PROBLEM_GAPS]
    unexpected = [d.format() for d in warnings if d.rule not in EXPECTED_WARNINGS]
    assert unexpected == []
    links = Counter(d.rule for d in warnings)
    assert sum(links.values()) <= stats.crosscutting
    if params.crosscutting == 0:
        assert warnings == []
    assert len(result.site.nodes) == stats.nodes
    assert len(result.site.indicators) == stats.indicators
    assert len(result.site.opds) == stats.opd
