"""The fuzzer of tests/test_fuzz.py and tests/fuzz_long.py: mutations of the demo trees (byte
level, structure, random texts) as Hypothesis strategies, and :class:`Fuzzer`, which checks a
mutated copy of the demo and renders what the check accepts, asserting that the diagnostics are
clear and the outputs valid.
"""

from __future__ import annotations

import copy
import json
import posixpath
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml
from hypothesis import strategies as st

from mkdocs_pohon_plugin.core import RULES, check_trees
from mkdocs_pohon_plugin.core.site import Renderer, plan_site, site_outputs
from mkdocs_pohon_plugin.core.site.exports import indicators_csv, model_json
from mkdocs_pohon_plugin.core.tree.check import CheckResult
from mkdocs_pohon_plugin.core.tree.load import display_path
from tests.sites import DEMO

YAML_FILES = sorted(p.relative_to(DEMO).as_posix() for p in DEMO.rglob("*.yaml"))
SOURCES = {name: (DEMO / name).read_bytes() for name in YAML_FILES}
PARSED = {name: yaml.safe_load(SOURCES[name]) for name in YAML_FILES}


def _ids(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("id", "induk", "ke") and isinstance(item, str):
                yield item
            yield from _ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _ids(item)


DEMO_IDS = sorted({i for doc in PARSED.values() for i in _ids(doc)})

# Bytes and snippets that mean something to YAML, to the format or to a page.
TOKENS = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b"\t",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b": ",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b'"',
    b"'",
    b"#",
    b"? ",
    b"|\n",
    b">-\n",
    b"\\",
    b"!!python/object/apply:os.system ",
    b"!!binary ",
    b"!custom ",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"~",
    b"NO",
    b"1.10",
    b"010",
    b"0x1F",
    b"2025-01-01",
    b".inf",
    b"1e400",
    b"9" * 40,
    b"9" * 5000,
    b"1.0e+999",
    b"12:30",
    b"<script>pwn(1)</script>",
    b"[x](javascript:pwn(1))",
    b'"]-->end',
    b"%%{init: {}}%%",
    b"../",
    b"con",
    "\u202e".encode(),
    "а".encode(),  # Cyrillic a
    "e\u0301".encode(),
    b"\n  - ",
    b"\n    ",
    b"id: ",
    b"induk: ",
    b"ke: ",
    b"tingkat: ",
    b"opd:\n",
    b"pemda:\n",
    b"node:\n",
]

SPECIAL_TEXT = [
    "NO",
    "1.10",
    "010",
    "2025-01-01",
    ".inf",
    "",
    " ",
    "<script>pwn(1)</script>",
    '"]-->x["',
    "../../etc/passwd",
    "con",
    "a\nb",
    "a\x00b",
    "\x02wzxhzdk:0\x03",
    "\u202etxt",
    "Dinаs Kesehatan",
    "x" * 300,
    "ss\n",
    "sasaran_strategis",
    "maksimal",
    "disetujui",
]


class Huge:
    """A 5,000-digit integer: Python cannot even turn it into text (4,300-digit limit), so the
    dumper writes its digits directly."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Huge, lambda dumper, _: dumper.represent_scalar("tag:yaml.org,2002:int", "9" * 5000)
)


def dump(doc: Any, width: int) -> bytes:
    text = yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=width)
    return text.encode("utf-8")


TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=30)
SCALARS = st.one_of(
    TEXT,
    st.sampled_from(SPECIAL_TEXT),
    st.sampled_from(DEMO_IDS),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.integers(min_value=1899, max_value=2201),
    st.sampled_from([10**15, -(10**15), Huge(), 2**53 + 1]),
    st.sampled_from([1e308, -1e308, 5e-324]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.one_of(TEXT, st.integers(2020, 2035)), SCALARS, max_size=3),
)


@st.composite
def byte_mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """A demo file with one to four byte- or line-level mutations."""
    name = draw(st.sampled_from(YAML_FILES))
    data = bytearray(SOURCES[name])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(["flip", "insert", "token", "delete", "duplicate", "truncate", "line"])
        )
        pos = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            data[min(pos, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        elif kind == "delete":
            del data[pos : pos + draw(st.integers(1, 80))]
        elif kind == "duplicate":
            chunk = data[pos : pos + draw(st.integers(1, 200))]
            at = draw(st.integers(0, len(data)))
            data[at:at] = chunk
        elif kind == "truncate":
            del data[pos:]
        else:
            data = bytearray(_line_mutation(draw, bytes(data)))
    return name, bytes(data)


def _line_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    lines = data.split(b"\n")
    index = draw(st.integers(0, len(lines) - 1))
    op = draw(st.sampled_from(["indent", "dedent", "delete", "duplicate", "swap", "tab"]))
    line = lines[index]
    if op == "indent":
        lines[index] = b" " * draw(st.integers(1, 5)) + line
    elif op == "dedent":
        lines[index] = line[draw(st.integers(1, 6)) :]
    elif op == "delete":
        del lines[index]
    elif op == "duplicate":  # a key twice, or an item twice (duplicate ids)
        lines.insert(index, line)
    elif op == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[index], lines[other] = lines[other], lines[index]
    else:
        lines[index] = line.replace(b"  ", b"\t", 1)
    return b"\n".join(lines)


def _slots(value: Any, found: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a parsed document."""
    if isinstance(value, dict):
        for key in list(value):
            found.append((value, key))
            _slots(value[key], found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.append((value, index))
            _slots(item, found)
    return found


@st.composite
def structural_mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """A demo file parsed, changed in its structure or values, and written back as YAML."""
    name = draw(st.sampled_from(YAML_FILES))
    doc = copy.deepcopy(PARSED[name])
    for _ in range(draw(st.integers(1, 3))):
        slots = _slots(doc, [])
        if not slots:
            break
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        op = draw(
            st.sampled_from(
                ["delete", "value", "scalar", "rename", "swap", "duplicate", "reference", "wrap"]
            )
        )
        if op == "delete":
            del container[key]
        elif op == "value":
            container[key] = draw(VALUES)
        elif op == "scalar":
            container[key] = draw(SCALARS)
        elif op == "rename" and isinstance(container, dict):
            container[draw(st.one_of(TEXT, st.sampled_from(["id", "induk", "node", "opd"])))] = (
                container.pop(key)
            )
        elif op == "swap":
            other_container, other_key = slots[draw(st.integers(0, len(slots) - 1))]
            container[key], other_container[other_key] = other_container[other_key], container[key]
        elif op == "duplicate" and isinstance(container, list):
            container.insert(key, copy.deepcopy(container[key]))
        elif op == "reference":  # an existing id: duplicates, cycles, wrong levels; or "id\n"
            container[key] = draw(st.sampled_from(DEMO_IDS)) + draw(st.sampled_from(["", "\n"]))
        elif op == "wrap":
            container[key] = draw(st.sampled_from([[container[key]], {"x": container[key]}]))
    data = dump(doc, draw(st.integers(20, 200)))
    if draw(st.booleans()):  # and maybe a line-level change on top: duplicate keys, indentation
        data = _line_mutation(draw, data)
    return name, data


TEXT_KEYS = frozenset(
    {
        "nama",
        "singkatan",
        "kepala",
        "kepala_daerah",
        "dokumen",
        "versi",
        "pernyataan",
        "penanggung_jawab",
        "unit_kerja",
        "keterangan",
        "satuan",
        "definisi",
        "formula",
        "sumber_data",
        "peran",
        "instansi",
    }
)
ANY_TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=120),
    st.sampled_from(SPECIAL_TEXT),
)


@st.composite
def text_mutation(draw: st.DrawFn) -> tuple[str, bytes]:
    """A demo file whose texts (statements, names, units, notes, tags …) are replaced by random
    Unicode: the structure stays valid, so mostly the check passes and the pages render it."""
    name = draw(st.sampled_from(YAML_FILES))
    doc = copy.deepcopy(PARSED[name])
    slots = []
    for container, key in _slots(doc, []):
        value = container[key]
        if key in TEXT_KEYS and isinstance(value, str):
            slots.append((container, key))
        elif key == "tag" and isinstance(value, list):
            slots += [(value, index) for index in range(len(value))]
    for _ in range(draw(st.integers(1, 6))):
        container, key = slots[draw(st.integers(0, len(slots) - 1))]
        container[key] = draw(ANY_TEXT)
    return name, dump(doc, 10_000)


# --- the property ---------------------------------------------------------------------------------


@dataclass
class Outcome:
    ok: bool
    diagnostics: int
    pages: int


class Fuzzer:
    """A writable copy of the demo; each example replaces one file and puts it back.

    ``full_every``: render every output of the site for every n-th example the check accepts
    (1: always, 0: never); the others render the pages the mutated file feeds."""

    def __init__(self, root: Path, full_every: int = 0) -> None:
        self.root = root
        self.full_every = full_every
        self.accepted = 0
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(DEMO, root)
        self.lines = {name: SOURCES[name].count(b"\n") + 1 for name in YAML_FILES}

    @contextmanager
    def mutated(self, name: str, data: bytes) -> Iterator[Path]:
        path = self.root / name
        path.write_bytes(data)
        try:
            yield path
        finally:
            path.write_bytes(SOURCES[name])

    def run(self, name: str, data: bytes) -> Outcome:
        with self.mutated(name, data):
            result = check_trees(self.root)
            self.assert_clear(result, name, data)
            if not result.ok:
                return Outcome(False, len(result.diagnostics), 0)
            self.accepted += 1
            full = self.full_every > 0 and self.accepted % self.full_every == 0
            pages = self.render(result, name, full)
        return Outcome(True, len(result.diagnostics), pages)

    def assert_clear(self, result: CheckResult, name: str, data: bytes) -> None:
        files = {display_path(self.root / f): f for f in YAML_FILES}
        folder = display_path(self.root)
        lines = dict(self.lines)
        lines[name] = data.count(b"\n") + 1
        for d in result.diagnostics:
            assert d.rule in RULES, d
            assert d.file in files or d.file == folder, d
            if d.file in files:  # a file's problem has a line inside it
                assert 1 <= d.line <= lines[files[d.file]] + 1, d
            message = d.message
            assert message and "\n" not in message and "\r" not in message, d
            assert "<unicode string>" not in message, d  # libyaml's own wording, no line
            assert len(message) < 1000, d
            assert message.endswith((".", "?", ")")), d

    def render(self, result: CheckResult, name: str, full: bool) -> int:
        if full:
            outputs = list(site_outputs(result))
            for output in outputs:
                _safe_output_path(output.path)
                assert isinstance(output.content, str | bytes)
            count = len(outputs)
        else:
            plan = plan_site(result)
            renderer = Renderer(plan)
            pages = _pages_fed_by(plan, result, display_path(self.root / name))
            for page in pages:
                _safe_output_path(page.path)
                rendered = renderer.render(page)
                assert rendered.html.startswith('<div class="pohon-page"'), rendered.html[:80]
                assert rendered.markdown().startswith("---\n")
            indicators_csv(result)
            count = len(pages)
        export = json.loads(model_json(result), parse_constant=_no_constant)
        if full:  # the export keeps its own contract (about 1.5 s on the demo, so not every time)
            jsonschema.Draft202012Validator(export["schema"]).validate(export)
        return count


def _no_constant(name: str) -> None:
    raise AssertionError(f"pohon.json holds {name}, which is not JSON")


def _safe_output_path(path: str) -> None:
    assert path and not path.startswith("/") and "\\" not in path, path
    assert posixpath.normpath(path) == path and not path.startswith(".."), path
    assert all(c.isprintable() for c in path), path


def _pages_fed_by(plan: Any, result: CheckResult, file: str) -> list[Any]:
    """The pages that show what ``file`` holds: its own pages, the pages without a source
    (home, indexes), and the pages of the parents and partners of its nodes."""
    graph = result.graph
    nodes = result.site.nodes
    near: set[str] = set()
    for node in nodes.values():
        if node.loc is not None and node.loc.file == file:
            near.add(node.id)
            if node.parent_id in nodes:
                near.add(node.parent_id)
            near.update(link.target_id for link in graph.sent.get(node.id, ()) if link.target_id)
            near.update(link.source_id for link in graph.received.get(node.id, ()))
    files = {file} | {nodes[n].loc.file for n in near if nodes[n].loc is not None}

    def fed(page: Any) -> bool:
        if page.source is None or page.source.file == file:
            return True
        if page.kind == "node":
            return page.context["node"].id in near
        return page.source.file in files and page.kind in ("opd", "cascading")

    return [page for page in plan.pages if fed(page)]
