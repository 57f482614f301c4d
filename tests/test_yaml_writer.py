"""The YAML writer: what it writes is canonical (``pohon fmt`` leaves it as it is) and loads back
to the very model it was written from, for the demo regency, a synthetic one and hostile text."""

from __future__ import annotations

import dataclasses
import random
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML

from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.review.fmt import format_text
from mkdocs_pohon_plugin.core.tree import model, spec, yaml_writer
from mkdocs_pohon_plugin.core.tree.model import Site
from mkdocs_pohon_plugin.testing.synthetic import SyntheticParams, generate_regency

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "trees"
LOADERS = [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)]


# --- helpers ---------------------------------------------------------------------------------


def _strip(value: Any) -> Any:
    """A model as plain data without where it came from (file, line)."""
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("loc", "lines")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def _model(site: Site) -> dict[str, Any]:
    data = dataclasses.asdict(site)
    for key in ("root", "files"):
        data.pop(key)
    return _strip(data)


def _typed(value: Any) -> Any:
    """``value`` with the type of every number kept in the comparison (1 and 1.0 differ)."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (type(value).__name__, value)
    return value


def _write_site(site: Site, out: Path) -> dict[Path, str]:
    """Every file of ``site`` written again with the writer into ``out`` (same file names)."""
    root = Path(site.root)
    texts: dict[Path, str] = {}
    assert site.region is not None
    regional = [node for node in site.nodes.values() if node.opd_id is None]
    texts[out / "pemda.yaml"] = yaml_writer.regional_file(
        site.region,
        regional,
        site.settings,
        comments=[yaml_writer.schema_comment(1)],
        problems=site.problems,
    )
    for opd in site.opds.values():
        name = Path(opd.loc.file).name
        nodes = [site.nodes[node_id] for node_id in opd.node_ids]
        texts[out / "opd" / name] = yaml_writer.opd_file(
            opd, nodes, comments=[yaml_writer.schema_comment(2)]
        )
    (out / "opd").mkdir(parents=True, exist_ok=True)
    if (root / "nomenklatur").is_dir():
        shutil.copytree(root / "nomenklatur", out / "nomenklatur")
    for path, text in texts.items():
        path.write_text(text, "utf-8")
    return texts


def _body(text: str) -> str:
    """``text`` without its leading comment lines."""
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    return "".join(lines)


def _assert_canonical(texts: dict[Path, str]) -> None:
    for path, text in texts.items():
        assert format_text(text, str(path)) == text, path


def _rules(root: Path, result: Any) -> Counter[tuple[str, str]]:
    return Counter(
        (d.rule, Path(d.file).resolve().relative_to(root.resolve()).as_posix())
        for d in result.diagnostics
    )


# --- whole regencies -------------------------------------------------------------------------------


def test_demo_trees_written_again_are_canonical_and_load_to_the_same_model(tmp_path: Path) -> None:
    before = check_trees(DEMO)
    texts = _write_site(before.site, tmp_path / "trees")
    _assert_canonical(texts)
    after = check_trees(tmp_path / "trees")
    assert _typed(_model(after.site)) == _typed(_model(before.site))
    assert _rules(tmp_path / "trees", after) == _rules(DEMO, before)
    # written from what it loads, the writer gives the same text again
    again = _write_site(after.site, tmp_path / "again")
    assert {p.relative_to(tmp_path / "again"): t for p, t in again.items()} == {
        p.relative_to(tmp_path / "trees"): t for p, t in texts.items()
    }
    # the demo uses each kind of layout the writer has
    dinkes = (tmp_path / "trees" / "opd" / "dinkes.yaml").read_text("utf-8")
    assert "\n    pejabat:\n      nama: " in dinkes and '\n    kode: "1.02.02"\n' in dinkes
    assert "\n        realisasi_triwulan:\n          2025: {tw1: " in dinkes
    assert "\n        kondisi_awal: {tahun: 2024, nilai: " in dinkes
    dinsos = (tmp_path / "trees" / "opd" / "dinsos.yaml").read_text("utf-8")
    assert "\n    crosscutting:\n      - ke: dinkes-sub-gizi\n        peran: " in dinsos
    pemda = (tmp_path / "trees" / "pemda.yaml").read_text("utf-8")
    assert "\n  periode: {awal: 2025, akhir: 2029}\n" in pemda
    assert "\n  nomenklatur:\n    versi: " in pemda
    assert dinkes.startswith(
        "# yaml-language-server: $schema=../../docs/schema/pohon.schema.json\nopd:\n"
    )


def test_synthetic_regency_is_canonical_and_written_again_the_same(tmp_path: Path) -> None:
    root = tmp_path / "trees"
    generate_regency(root, SyntheticParams(opd=4, nodes=150, indicators=400, crosscutting=0.2))
    texts = {path: path.read_text("utf-8") for path in sorted(root.rglob("*.yaml"))}
    _assert_canonical(texts)
    result = check_trees(root)
    assert result.errors == []
    again = _write_site(result.site, tmp_path / "again")
    assert len(again) == len(texts)
    for path, text in again.items():
        assert _body(text) == _body(texts[root / path.relative_to(tmp_path / "again")]), path


# --- hostile text ----------------------------------------------------------------------------------

TRICKY = [
    "",
    'a "quoted" word',
    "it's",
    "back\\slash \\n not a newline",
    "line\nbreak\r\nand\ttab",
    "multi\nline\n",
    "yes",
    "No",
    "on",
    "null",
    "~",
    "true",
    "1.10",
    "1.02.02",
    "1.02.0.00.0.00.01.0000",
    "197305122002122004",
    "0o17",
    "0x1F",
    "1_000",
    "1:20",
    "1e5",
    "-5",
    "+74",
    ".5",
    ".inf",
    "2025-01-01",
    "=",
    "<<",
    "---",
    "...",
    "... and more",
    "- dash",
    "-dash",
    "? question",
    ": colon",
    "# hash",
    "a #hash",
    "a#b",
    "key: value",
    "key:",
    "http://x.y/z",
    "{flow}",
    "[list]",
    "a, b",
    "a,b",
    "x}",
    "&anchor *alias !tag %directive @at `tick`",
    "|literal",
    ">folded",
    '=HYPERLINK("http://x", "klik")',
    "≥ 80 ‰ Predikat A — ünïcödé",
    "\u00a0nbsp\u00a0",
    "\x00\x07\x1b\x7f\x85",
    "\u2028\u2029\ufeff\ufffe\uffff",
    "a\u2028b\u2029c\x85d",
    "a\ufeffb",
    "emoji 😀 and 𝔘",
    "  leading and trailing spaces  ",
    "trailing space ",
    "Rp 1.250.000,50",
    "85,5%",
]


@pytest.mark.parametrize("loader", LOADERS)
def test_double_quoted_round_trips(loader: type) -> None:
    rng = random.Random(0)
    alphabet = [chr(c) for c in range(0x250)] + ["\u2028", "\u2029", "\ufeff", "😀", "\ud7ff"]
    texts = TRICKY + ["".join(rng.choices(alphabet, k=rng.randrange(1, 40))) for _ in range(300)]
    for text in texts:
        written = yaml_writer.double_quoted(text)
        # one line in any editor: no raw line or paragraph separators either
        assert not any(c in written for c in "\n\r\x85\u2028\u2029"), repr(written)
        assert yaml.load(f"k: {written}\n", Loader=loader) == {"k": text}, repr(text)


def _random_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = list("abc xyz019.:-#,[]{}'\"!&*?|>%@`~=<\\/\t\n") + [
        "é",
        "\u00a0",
        "😀",
        "\x85",
        "\u2028",
    ]
    return TRICKY + ["".join(rng.choices(alphabet, k=rng.randrange(1, 12))) for _ in range(count)]


@pytest.mark.parametrize("flow", [False, True], ids=["block", "flow"])
def test_scalars_read_back_the_same_and_fmt_keeps_them(flow: bool) -> None:
    """Every text, plain or quoted, reads back as itself with YAML 1.1 and 1.2, and pohon fmt's
    emitter writes it exactly as the writer did."""
    ruamel = YAML(typ="safe", pure=True)
    texts = _random_texts(400, seed=int(flow))
    for text in texts:
        written = yaml_writer.scalar(text, flow=flow)
        line = f"k: {{a: {written}}}\n" if flow else f"k: {written}\n"
        expected = {"k": {"a": text}} if flow else {"k": text}
        for loader in LOADERS:
            assert yaml.load(line, Loader=loader) == expected, (text, written)
        assert ruamel.load(line) == expected, (text, written)
        if yaml_writer.plain_allowed(text, flow):
            assert written == text
    # fmt leaves all of them as written: one file holding every text, in both contexts
    lines = ["opd:", "  id: x", "  nama: x", "node:"]
    for index, text in enumerate(texts):
        lines += [
            f"  - id: n{index}",
            "    tingkat: t",
            f"    pernyataan: {yaml_writer.scalar(text)}",
        ]
        lines += [f"    pejabat: {{nama: {yaml_writer.scalar(text, flow=True)}}}"]
    document = "\n".join(lines) + "\n"
    assert format_text(document) == document


def test_numbers() -> None:
    assert yaml_writer.scalar(True) == "true" and yaml_writer.scalar(False) == "false"
    assert yaml_writer.scalar(12500000000) == "12500000000"
    assert yaml_writer.scalar(-5) == "-5"
    assert yaml_writer.scalar(72.3) == "72.3"
    assert yaml_writer.scalar(100.0) == "100.0"
    assert yaml_writer.scalar(1e16) == "1.0e+16"  # YAML 1.1 reads 1e+16 as text
    assert yaml_writer.scalar(1.5e-7) == "1.5e-07"
    for value in (72.3, 100.0, 1e16, 1.5e-7, 0.1 + 0.2, -0.0, 123456789012345.0):
        for loader in LOADERS:
            assert yaml.load(f"k: {yaml_writer.scalar(value)}", Loader=loader) == {"k": value}
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            yaml_writer.scalar(bad)
    # codes and NIP are always quoted, even where plain would do
    assert yaml_writer.scalar("1.02.02") == "1.02.02"
    assert yaml_writer.scalar("1.02.02", quoted=True) == '"1.02.02"'
    assert yaml_writer.always_quoted(spec.Code()) and not yaml_writer.always_quoted(spec.Text())


def _hostile_site(
    texts: list[str],
) -> tuple[model.Region, model.Settings, list[model.Node], model.Opd, list[model.Node]]:
    """A regency whose every text field holds hostile text, and that uses every key of the format."""
    cycle = iter(texts * 40)

    def text() -> str:
        return next(cycle)

    region = model.Region(
        name=text() or "x",
        kind="kota",
        code="33.99",
        head=text(),
        period=model.Period(2025, 2027),
        document=text(),
        nomenclature=model.NomenclatureRef(text(), "nomenklatur"),
    )
    settings = model.Settings(
        levels=[
            model.Level("visi", text() or "Visi", "pemda", text()),
            model.Level(
                "sasaran",
                "Sasaran",
                "pemda",
                code_kind="bebas",
                plural=text() or "Sasaran",
                plural_en=text(),
                code_pattern=r"^S\.\d+$",
                code_example="S.1",
                pk=False,
                pk_signer=text(),
                budget=False,
            ),
            model.Level("sasaran_program", "Sasaran Program", "opd", None, "program"),
            model.Level(
                "sasaran_kegiatan", "Sasaran Kegiatan", "opd", "Activity", "kegiatan", True
            ),
        ],
        scheme="sakip",
        disabled_rules=["indikator-tanpa-definisi", text()],
        extra={
            "mutu": {
                "tingkat_hasil": ["sasaran"],
                "kata_kegiatan": [text() or "Rapat"],
                "kata_hasil": [text() or "meningkat"],
                "maks_indikator": 4,
                "tahun_laporan": 2025,
            }
        },
    )

    above = {"sasaran-1-i": ["visi-i"], "setda-sp-i": ["sasaran-1-i"], "setda-sk-i": ["setda-sp-i"]}

    def indicator(ident: str) -> model.Indicator:
        return model.Indicator(
            id=ident,
            name=text() or "n",
            unit=text(),
            polarity="stabil",
            kind="outcome",
            is_iku=True,
            supports=above.get(ident, []),
            baseline=model.Baseline(2024, text()),
            targets={2027: text(), 2025: 1.5, 2026: -3},
            final_target=text(),
            realisations={2025: 1.5e-07, 2026: text()},
            quarterly={2026: {"tw1": 1, "tw3": text()}, 2025: {"tw2": 2.25, "tw4": text()}},
            quarterly_targets={2026: {"tw2": 3, "tw4": text()}, 2025: {"tw1": 0.5, "tw3": text()}},
            quarterly_basis="per_triwulan",
            action_plan={2026: {"tw1": text() or "a", "tw2": text() or "b", "tw3": text() or "c"}}
            | {2025: {"tw4": text() or "d"}},
            definition=text(),
            formula=text(),
            data_source=text(),
            reporting_period="triwulanan",
            responsible=text(),
            position_id="setda.kepala",
            notes=text(),
            former_ids=[f"{ident}-lama", f"{ident}.old_2"],
            # text values: a qualitative indicator
            extra={"kualitatif": True, "alasan_target": text() or "r"},
        )

    regional = [
        model.Node(
            id="visi",
            level="visi",
            statement=text() or "s",
            order=1,
            indicators=[indicator("visi-i")],
        ),
        model.Node(
            id="sasaran-1",
            level="sasaran",
            parent_id="visi",
            statement=text() or "s",
            responsible=text(),
            official=model.Official(text(), "198001012005011001"),
            work_unit=text(),
            tags=[text(), text(), "program-unggulan"],
            notes=text(),
            former_ids=["sasaran-lama"],
            indicators=[indicator("sasaran-1-i")],
        ),
    ]
    opd = model.Opd(
        id="setda",
        name=text() or "Setda",
        short_name=text(),
        code="4.01.0.00.0.00.01.0000",
        head=text(),
        kind="sekretariat",
        pk_signed=[2025, model.PkSigning(2026, "2026-02-10", text() or "v2026")],
        positions=[
            model.Position(
                "setda.kepala",
                text() or "Sekretaris Daerah",
                "II.a",
                official=model.Official(text(), "198001012005011001"),
                opd_id="setda",
            ),
            model.Position(
                "setda.kabag", text() or "Kepala Bagian", "III.a", "setda.kepala", opd_id="setda"
            ),
        ],
        node_ids=["setda-sp", "setda-sk"],
    )
    agency = [
        model.Node(
            id="setda-sp",
            level="sasaran_program",
            parent_id="sasaran-1",
            statement=text() or "s",
            code="4.01.01",
            position_id="setda.kabag",
            extra={"alasan_lintas_urusan": text() or "r"},
            budget_plan={2024: 11000000000, 2026: 14000000000.5, 2025: 13000000000},
            budget={2026: 13000000000.5, 2025: 12500000000, 2027: 0},
            budget_revised={2025: 12600000000},
            budget_spent={2024: 10000000000.25, 2025: 0},
            indicators=[indicator("setda-sp-i")],
            crosscutting=[
                model.Crosscutting(
                    role=text() or "r", status="disetujui", target_id="setda-sk", note=text()
                ),
                model.Crosscutting(role=text() or "r", status="ditolak", body=text() or "b"),
            ],
        ),
        model.Node(
            id="setda-sk",
            level="sasaran_kegiatan",
            parent_id="setda-sp",
            statement=text() or "s",
            code="4.01.01.2.01",
            indicators=[indicator("setda-sk-i")],
        ),
    ]
    return region, settings, regional, opd, agency


def test_hostile_text_round_trips_through_every_key(tmp_path: Path) -> None:
    # (a decimal comma in a target is refused by the checker, on purpose)
    texts = [t for t in _random_texts(200, seed=9) if not re.search(r"\d,\d", t)]
    region, settings, regional, opd, agency = _hostile_site(texts)
    # a problem tree (issue 18) with hostile text, addressed by an agency node
    cycle = iter(texts[::-1] * 10)
    root_cause = model.Cause("akar-1", next(cycle) or "x", data=next(cycle) or None)
    problems = [
        model.ProblemTheme(
            "tema-1",
            next(cycle) or "x",
            next(cycle) or "x",
            data=next(cycle) or None,
            causes=[model.Cause("sebab-1", next(cycle) or "x", causes=[root_cause])],
        )
    ]
    agency[-1].addresses = ["akar-1", "sebab-1"]
    root = tmp_path / "trees"
    (root / "opd").mkdir(parents=True)
    (root / "nomenklatur").mkdir()
    (root / "nomenklatur" / "program.csv").write_text("kode,nama\n4.01.01,PROGRAM\n", "utf-8")
    pemda = yaml_writer.regional_file(
        region, regional, settings, comments=["a comment", "", "#"], problems=problems
    )
    setda = yaml_writer.opd_file(opd, agency)
    (root / "pemda.yaml").write_text(pemda, "utf-8")
    (root / "opd" / "setda.yaml").write_text(setda, "utf-8")
    _assert_canonical({root / "pemda.yaml": pemda, root / "opd" / "setda.yaml": setda})
    assert pemda.startswith("# a comment\n#\n# #\npemda:\n")

    site = check_trees(root).site
    assert site.region is not None
    (theme,) = site.problems
    assert (theme.theme, theme.core_problem, theme.data) == (
        problems[0].theme,
        problems[0].core_problem,
        problems[0].data,
    )
    loaded_root = site.causes["akar-1"]
    assert (loaded_root.description, loaded_root.data, loaded_root.parent_id) == (
        root_cause.description,
        root_cause.data,
        "sebab-1",
    )
    assert _typed(_strip(dataclasses.asdict(site.region))) == _typed(
        _strip(dataclasses.asdict(region))
    )
    assert _strip(dataclasses.asdict(site.settings)) == _strip(dataclasses.asdict(settings))
    assert _strip(dataclasses.asdict(site.opds["setda"])) == _strip(dataclasses.asdict(opd))
    for node in [*regional, *agency]:
        loaded = site.nodes[node.id]
        node.opd_id = loaded.opd_id
        for ind in node.indicators:
            ind.node_id = node.id
        for link in node.crosscutting:
            link.source_id = node.id
        assert _typed(_strip(dataclasses.asdict(loaded))) == _typed(
            _strip(dataclasses.asdict(node))
        ), node.id

    # every key of the format was written at least once
    written: set[tuple[str, str]] = set()

    def walk(node: yaml.Node, obj: spec.ObjectSpec) -> None:
        if obj.shorthand is not None and isinstance(node, yaml.ScalarNode):
            written.add((obj.name, obj.shorthand))  # 2025 for {tahun: 2025}
            return
        assert isinstance(node, yaml.MappingNode)
        for key, value in node.value:
            field = obj.by_key[key.value]
            written.add((obj.name, field.key))
            vtype = field.type
            if isinstance(vtype, spec.YearMap) and isinstance(vtype.item, spec.Obj):
                for _, item in value.value:
                    walk(item, vtype.item.spec)
            elif isinstance(vtype, spec.ListOf) and isinstance(vtype.item, spec.Obj):
                for item in value.value:
                    walk(item, vtype.item.spec)
            elif isinstance(vtype, spec.Obj):
                walk(value, vtype.spec)

    walk(yaml.compose(pemda, Loader=yaml.SafeLoader), spec.REGIONAL_FILE)
    walk(yaml.compose(setda, Loader=yaml.SafeLoader), spec.OPD_FILE)
    every = {(obj.name, f.key) for obj in spec.ALL_SPECS for f in obj.fields}
    assert every - written == set()


# --- the writer walks the spec ----------------------------------------------------------------------


def test_keys_come_from_the_spec_in_its_order() -> None:
    inner = spec.ObjectSpec("inner", "", (spec.Field("z", "z", spec.Integer(), ""),))
    thing = spec.ObjectSpec(
        "thing",
        "",
        (
            spec.Field("zeta", "b", spec.Text(), ""),
            spec.Field("alpha", "a", spec.Code(), ""),
            spec.Field("kids", "kids", spec.ListOf(spec.Obj(inner)), ""),
            spec.Field("flag", "flag", spec.Boolean(), ""),
            spec.Field("none", "none", spec.Text(), ""),
        ),
    )
    doc = spec.ObjectSpec("doc", "", (spec.Field("thing", "thing", spec.Obj(thing), ""),))
    text = yaml_writer.object_text(
        doc, {"thing": {"a": "1.02", "b": "x: y", "kids": [{"z": 1}, {}], "flag": False}}
    )
    assert text == 'thing:\n  zeta: "x: y"\n  alpha: "1.02"\n  kids:\n    - {z: 1}\n'


def test_nothing_to_write_is_left_out() -> None:
    node = model.Node(id="a", level="visi", statement="s", official=model.Official())
    text = yaml_writer.opd_file(model.Opd(id="x", name="X"), [node])
    assert (
        text
        == "opd:\n  id: x\n  nama: X\n\nnode:\n  - id: a\n    tingkat: visi\n    pernyataan: s\n"
    )
    assert yaml_writer.opd_file(model.Opd(id="x", name="X"), []) == "opd:\n  id: x\n  nama: X\n"
