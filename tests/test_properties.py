"""Property tests: valid trees always load clean and keep every text exactly; corrupted trees
always give errors (never a traceback)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mkdocs_pohon_plugin.core import check_trees
from tests.treebuilder import DINKES, base_files, indicator, write_tree

# Any text a person could type, including quotes, '#', ': ', brackets, HTML and Mermaid syntax.
# Surrogates cannot be encoded; other control characters are escaped by json.dumps.
free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60
).filter(lambda s: s.strip() != "")


def _printable(code: int) -> bool:
    """YAML's printable set, less the characters YAML 1.1 treats as line breaks."""
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code not in (0xFEFF,))
        or 0x10000 <= code <= 0x10FFFF
    ) and code not in (0x2028, 0x2029)


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly ``text``."""
    out = []
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif _printable(code):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


@st.composite
def valid_agency(draw: st.DrawFn) -> tuple[str, dict[str, str], dict[str, float | int | str]]:
    """An agency file with a random shape and random texts, and what it must load as."""
    statements: dict[str, str] = {}
    targets: dict[str, float | int | str] = {}
    lines = ["opd:", "  id: acak", f"  nama: {yaml_quoted(draw(free_text))}", "node:"]
    programs = draw(st.integers(1, 3))
    counter = 0

    def node(level: str, parent: str, code: str | None) -> str:
        nonlocal counter
        counter += 1
        ident = f"n{counter}"
        statement = draw(free_text)
        statements[ident] = statement
        value = draw(
            st.one_of(
                st.integers(-(10**12), 10**12),
                st.floats(-1e9, 1e9, allow_nan=False, allow_infinity=False).map(
                    lambda f: round(f, 3)
                ),
                free_text.filter(lambda s: not re.fullmatch(r"\s*[-+]?[0-9]+,[0-9]+\s*", s)),
            )
        )
        targets[f"i{counter}"] = value
        rendered = yaml_quoted(value) if isinstance(value, str) else repr(value)
        block = [
            f"  - id: {ident}",
            f"    tingkat: {level}",
            f"    induk: {parent}",
            f"    pernyataan: {yaml_quoted(statement)}",
        ]
        if code:
            block.append(f'    kode: "{code}"')
        block += [
            "    indikator:",
            "      - "
            + indicator(
                f"i{counter}",
                target=f"{{2025: {rendered}, 2026: 1}}",
                nama=yaml_quoted(statement),
                # a text target is valid in a qualitative indicator only (nilai-bukan-angka)
                kualitatif="true" if isinstance(value, str) else None,
                # each indicator supports its parent node's (the regional sasaran's: i-sasaran)
                mendukung=f"[i{parent[1:]}]" if parent.startswith("n") else "[i-sasaran]",
            ),
        ]
        lines.extend(block)
        return ident

    strategic = node("sasaran_strategis", "sasaran", None)
    for _ in range(programs):
        program = node("sasaran_program", strategic, "1.02.02")
        for _ in range(draw(st.integers(1, 2))):
            activity = node("sasaran_kegiatan", program, "1.02.02.2.02")
            for _ in range(draw(st.integers(1, 3))):
                node("sasaran_sub_kegiatan", activity, "1.02.02.2.02.0001")
    return "\n".join(lines) + "\n", statements, targets


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_agency())
def test_generated_valid_trees_load_clean(case: tuple[str, dict[str, str], dict]) -> None:
    text, statements, targets = case
    files = base_files()
    files["opd/acak.yaml"] = text
    with tempfile.TemporaryDirectory() as tmp:
        result = check_trees(write_tree(Path(tmp), files))
    assert result.diagnostics == [], "\n".join(d.format() for d in result.diagnostics)
    for ident, statement in statements.items():
        assert result.site.nodes[ident].statement == statement
    for ident, target in targets.items():
        loaded = result.site.indicators[ident].targets[2025]
        assert loaded == target and type(loaded) is type(target)


# --- corruption ------------------------------------------------------------------------------

KEY_LINE = re.compile(r"^(\s*(?:- )?)(\w+): (.+)$")
REQUIRED_NODE_KEYS = ("id", "tingkat", "pernyataan", "induk")
SCALAR_KEYS = ("pernyataan", "tingkat", "kode", "nama")


def _lines_with(text: str, keys: tuple[str, ...]) -> list[int]:
    return [
        i
        for i, line in enumerate(text.splitlines())
        if (m := KEY_LINE.match(line)) and m.group(2) in keys and line.startswith("    ")
    ]


@st.composite
def corrupted(draw: st.DrawFn) -> str:
    """DINKES with one corruption that must always be an error."""
    lines = DINKES.splitlines()
    kind = draw(st.sampled_from(["delete", "swap-type", "duplicate", "reference", "bad-bytes"]))
    if kind == "delete":  # a required key of a node disappears
        index = draw(st.sampled_from(_lines_with(DINKES, ("tingkat", "pernyataan", "induk"))))
        del lines[index]
    elif kind == "swap-type":  # a single value becomes a list or a mapping
        index = draw(st.sampled_from(_lines_with(DINKES, SCALAR_KEYS)))
        m = KEY_LINE.match(lines[index])
        assert m
        replacement = draw(st.sampled_from(["[1, 2]", "{a: 1}", "[]"]))
        lines[index] = f"{m.group(1)}{m.group(2)}: {replacement}"
    elif kind == "duplicate":  # a key line appears twice in its mapping
        index = draw(
            st.sampled_from(_lines_with(DINKES, ("pernyataan", "tingkat", "kode", "induk")))
        )
        lines.insert(index, lines[index])
    elif kind == "reference":  # a parent that does not exist
        index = draw(st.sampled_from(_lines_with(DINKES, ("induk",))))
        missing = draw(st.from_regex(r"[a-z]{3,8}-[0-9]{1,3}", fullmatch=True))
        lines[index] = f"    induk: tidak-ada-{missing}"
    else:
        return "\n".join(lines) + "\n" + "\x00"  # sentinel: bytes handled by the caller
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None)
@given(corrupted(), st.binary(min_size=1, max_size=8), st.integers(0, len(DINKES)))
def test_corruption_always_errors_never_traceback(text: str, junk: bytes, position: int) -> None:
    files: dict[str, str | bytes] = dict(base_files())
    if text.endswith("\x00"):  # junk bytes that are not valid UTF-8 at a random place
        raw = DINKES.encode()
        files["opd/dinkes.yaml"] = raw[:position] + b"\xff" + junk + raw[position:]
    else:
        files["opd/dinkes.yaml"] = text
    with tempfile.TemporaryDirectory() as tmp:
        result = check_trees(write_tree(Path(tmp), files))
    assert result.errors, text
    for diagnostic in result.errors:
        assert diagnostic.file.endswith(".yaml") and diagnostic.line >= 0


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(DINKES)), st.binary(min_size=1, max_size=16))
def test_arbitrary_junk_never_tracebacks(position: int, junk: bytes) -> None:
    raw = DINKES.encode()
    files: dict[str, str | bytes] = dict(base_files())
    files["opd/dinkes.yaml"] = raw[:position] + junk + raw[position:]
    with tempfile.TemporaryDirectory() as tmp:
        check_trees(write_tree(Path(tmp), files))  # returns; any exception fails the test
