"""Data-entry traps (issue 15): a value that looks like a number to a planner but is text to YAML
is an error with file, line and the fix, never accepted silently; only an indicator declared
qualitative (``kualitatif: true``) may hold text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pohon_plugin.cli import main
from mkdocs_pohon_plugin.core import check_trees
from mkdocs_pohon_plugin.core.tree.measures import read_number_and_unit
from tests.treebuilder import base_files, indicator, line_of, write_tree

DINKES = "opd/dinkes.yaml"


def _check(tmp_path: Path, *replacements: tuple[str, str]) -> tuple[list, str]:
    """Check the base tree with ``replacements`` made in dinkes' file; its diagnostics, text."""
    files = base_files()
    text = files[DINKES]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    files[DINKES] = text
    write_tree(tmp_path / "trees", files)
    result = check_trees(tmp_path / "trees")
    return result.diagnostics, text


def _found(diagnostics: list, rule: str) -> list[tuple[str, int]]:
    return [(d.file.split("trees/", 1)[1], d.line) for d in diagnostics if d.rule == rule]


def _block(ident: str, **lines: str) -> str:
    """An indicator in block style, one key a line (``lines``: key → YAML text after ``key:``)."""
    fields = {
        "nama": f"Indikator {ident}",
        "satuan": "persen",
        "polaritas": "maksimal",
        "kondisi_awal": "{tahun: 2024, nilai: 10}",
        "target": "{2025: 11, 2026: 12}",
        "definisi": "Definisi operasional",
        **lines,
    }
    body = "".join(
        f"\n        {key}:{'' if value.startswith(chr(10)) else ' '}{value}"
        for key, value in fields.items()
    )
    return f"id: {ident}{body}"


def test_the_issues_examples_are_errors_at_their_lines(tmp_path: Path) -> None:
    """``target: {2025: "14%", 2026: 14 kasus}``, ``kondisi_awal nilai: 78%``, ``realisasi:
    "83,4%"``: 0 errors before; now each is a nilai-bukan-angka at its line, with the fix."""
    diagnostics, text = _check(
        tmp_path,
        (
            indicator("i-ss"),
            indicator(
                "i-ss",
                satuan=None,
                kondisi_awal="{tahun: 2024, nilai: 78%}",
                target='{2025: "14%", 2026: 14 kasus}',
                realisasi='{2025: "83,4%"}',
            ),
        ),
    )
    line = line_of(text, "14 kasus")
    found = [d for d in diagnostics if d.rule == "nilai-bukan-angka"]
    assert [(d.line, d.is_error) for d in found] == [(line, True)] * 4
    messages = " | ".join(d.message for d in found)
    assert "Tulis angkanya saja, `78`, dan satuannya pada indikator: `satuan: persen`" in messages
    assert "`14`, dan satuannya pada indikator: `satuan: persen`" in messages
    assert "`satuan: kasus`" in messages
    assert "`83.4`" in messages
    english = " | ".join(d.message_in("en") for d in found)
    assert "Write the number alone, `14`, and the unit on the indicator: `satuan: kasus`" in english


def test_strict_check_fails_on_a_percent_sign(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    _check(tmp_path, (indicator("i-ss"), indicator("i-ss", realisasi='{2025: "83,4%"}')))
    assert main(["check", str(tmp_path / "trees"), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["errors"] == 1
    (found,) = payload["diagnostics"]
    assert (found["rule"], found["file"].endswith(DINKES)) == ("nilai-bukan-angka", True)


def test_the_unit_already_declared_is_not_suggested_again(tmp_path: Path) -> None:
    diagnostics, _ = _check(
        tmp_path, (indicator("i-ss"), indicator("i-ss", target="{2025: 85%, 2026: 12}"))
    )
    (found,) = [d for d in diagnostics if d.rule == "nilai-bukan-angka"]
    assert "Tulis angkanya saja: `85` (satuan indikator ini sudah `persen`)" in found.message


def test_block_style_reports_the_line_of_each_year(tmp_path: Path) -> None:
    ind = _block(
        "i-ss",
        target="\n          2025: 11\n          2026: 12 orang",
        realisasi_triwulan="\n          2025: {tw1: 3, tw2: 5 %}",
    )
    diagnostics, text = _check(tmp_path, (indicator("i-ss"), ind))
    assert _found(diagnostics, "nilai-bukan-angka") == [
        (DINKES, line_of(text, "2026: 12 orang")),
        (DINKES, line_of(text, "tw2: 5 %")),
    ]


def test_a_quoted_number_is_text(tmp_path: Path) -> None:
    diagnostics, text = _check(
        tmp_path, (indicator("i-ss"), indicator("i-ss", target_akhir='"85"'))
    )
    (found,) = [d for d in diagnostics if d.rule == "nilai-bukan-angka"]
    assert found.line == line_of(text, '"85"')
    assert "tanpa tanda kutip: `85`" in found.message


def test_words_without_the_marker_are_one_error_per_indicator(tmp_path: Path) -> None:
    diagnostics, text = _check(
        tmp_path,
        (
            indicator("i-ss"),
            indicator(
                "i-ss",
                kondisi_awal="{tahun: 2024, nilai: WTP}",
                target="{2025: WTP, 2026: WTP}",
            ),
        ),
    )
    (found,) = [d for d in diagnostics if d.rule == "nilai-bukan-angka"]
    assert found.line == line_of(text, "nilai: WTP")
    assert "3 nilai berupa teks" in found.message and "`kualitatif: true`" in found.message


def test_a_qualitative_indicator_may_hold_text_and_numbers(tmp_path: Path) -> None:
    diagnostics, _ = _check(
        tmp_path,
        (
            indicator("i-ss"),
            indicator(
                "i-ss",
                satuan="predikat",
                kualitatif="true",
                kondisi_awal="{tahun: 2024, nilai: B}",
                target="{2025: BB, 2026: 85%}",
                target_akhir="A",
            ),
        ),
    )
    assert [d for d in diagnostics if d.is_error] == []


def test_decimal_comma_inside_a_flow_mapping(tmp_path: Path) -> None:
    """``realisasi: {2025: 83,4}`` reported as koma-desimal at its line, not as a year 4."""
    diagnostics, text = _check(
        tmp_path, (indicator("i-ss"), indicator("i-ss", realisasi="{2025: 83,4}"))
    )
    line = line_of(text, "83,4")
    assert _found(diagnostics, "koma-desimal") == [(DINKES, line)]
    assert _found(diagnostics, "tahun-di-luar-periode") == []
    (found,) = [d for d in diagnostics if d.rule == "koma-desimal"]
    assert "Tulis 83.4" in found.message


def test_decimal_comma_inside_a_baseline_mapping(tmp_path: Path) -> None:
    """``kondisi_awal: {tahun: 2024, nilai: 78,5}``: koma-desimal, not an unknown key 5."""
    diagnostics, text = _check(
        tmp_path,
        (indicator("i-ss"), indicator("i-ss", kondisi_awal="{tahun: 2024, nilai: 78,5}")),
    )
    assert _found(diagnostics, "koma-desimal") == [(DINKES, line_of(text, "78,5"))]
    assert _found(diagnostics, "kolom-tidak-dikenal") == []


def test_a_comma_between_two_entries_is_not_a_decimal_comma(tmp_path: Path) -> None:
    diagnostics, _ = _check(
        tmp_path, (indicator("i-ss"), indicator("i-ss", target="{2025: 11, 2026: 12}"))
    )
    assert [d for d in diagnostics if d.is_error] == []


@pytest.mark.parametrize(
    ("written", "number", "unit"),
    [
        ("85%", "85", "persen"),
        ("85 %", "85", "persen"),
        ("83,4%", "83.4", "persen"),
        ("14 kasus", "14", "kasus"),
        ("1.500.000 rupiah", "1500000", "rupiah"),
        ("Rp 1.500.000", "1500000", "rupiah"),
        ("1.250,5 km", "1250.5", "km"),
        ("85", "85", None),
        ("1e400", "1.0e+400", None),
        ("Predikat A", None, None),
        ("≥ 80", None, None),
    ],
)
def test_reading_what_a_text_meant(written: str, number: str | None, unit: str | None) -> None:
    meant = read_number_and_unit(written)
    if number is None:
        assert meant is None
    else:
        assert meant is not None and (meant.number, meant.unit) == (number, unit)


# --- the property: a number written with a unit is never accepted silently ----------------------

UNITS = ["%", "persen", "kasus", "orang", "unit", "dokumen", "rupiah", "km", "jiwa", "desa", "hari"]
PLACES = ["target", "realisasi", "kondisi_awal", "target_akhir", "realisasi_triwulan"]


def _numbers() -> st.SearchStrategy[str]:
    whole = st.integers(min_value=0, max_value=10**9).map(str)
    decimal = st.tuples(
        st.integers(min_value=0, max_value=99999), st.integers(min_value=0, max_value=999)
    ).flatmap(lambda p: st.sampled_from([f"{p[0]}.{p[1]}", f"{p[0]},{p[1]}"]))
    return st.one_of(whole, decimal)


def _written(place: str, value: str, style: str) -> dict[str, str]:
    """The indicator keys that put ``value`` at ``place``, block or flow style, maybe quoted."""
    if style == "quoted":
        value = json.dumps(value)
    if place == "target":
        return {"target": f"{{2025: {value}, 2026: 12}}"}
    if place == "realisasi":
        return {"realisasi": f"{{2025: {value}}}"}
    if place == "kondisi_awal":
        return {"kondisi_awal": f"{{tahun: 2024, nilai: {value}}}"}
    if place == "target_akhir":
        return {"target_akhir": value}
    return {"realisasi_triwulan": f"{{2025: {{tw1: {value}}}}}"}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    number=_numbers(),
    space=st.sampled_from(["", " "]),
    unit=st.sampled_from(UNITS),
    place=st.sampled_from(PLACES),
    style=st.sampled_from(["plain", "quoted"]),
    qualitative=st.booleans(),
)
def test_a_number_with_a_unit_is_never_accepted_silently(
    tmp_path_factory: pytest.TempPathFactory,
    number: str,
    space: str,
    unit: str,
    place: str,
    style: str,
    qualitative: bool,
) -> None:
    value = f"{number}{space}{unit}"
    overrides = _written(place, value, style)
    if qualitative:
        overrides["kualitatif"] = "true"
    tmp_path = tmp_path_factory.mktemp("trap")
    diagnostics, _ = _check(tmp_path, (indicator("i-ss"), indicator("i-ss", **overrides)))
    errors = [d for d in diagnostics if d.is_error and d.file.endswith(DINKES)]
    if not qualitative:
        assert errors, f"{place}: {value!r} ({style}) accepted silently"
        assert all(d.line > 0 for d in errors)
    elif "," not in number or style == "quoted":
        # declared qualitative: the text is allowed (a comma inside {…} still splits the value)
        assert errors == [], [d.format() for d in errors]
