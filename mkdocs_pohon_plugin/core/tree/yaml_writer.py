"""Writing model objects as YAML text, in the canonical layout of ``pohon fmt``.

One writer serves the spreadsheet importer, the synthetic generator and anything else that turns
model objects into tree files. It walks the format's specs (:mod:`.spec`): the keys of every
object come in the order of its fields, each value is written by its declared type, and a field
is left out when the model holds nothing for it (``None``, an empty list or mapping, ``false``).

The layout, which ``pohon fmt`` (:mod:`..review.fmt`) leaves unchanged, so that
``format_text(writer output) == writer output``:

* two-space indentation, list items indented under their key (:data:`MAPPING_INDENT`,
  :data:`SEQUENCE_INDENT`, :data:`SEQUENCE_DASH_OFFSET`, the indentation ``pohon fmt`` writes);
* objects are blocks, one key a line, except a small object of numbers and choices without free
  text (``kondisi_awal``, a quarter's realisations, ``periode``), which is one flow mapping on
  one line (``kondisi_awal: {tahun: 2024, nilai: 15}``), as are year maps
  (``target: {2025: 1, 2026: 2}``) and lists of single values (``tag: [a, b]``); this is the
  layout of the demo trees;
* years of a year map in ascending order;
* a blank line between the keys of the file and between the items of its lists (the nodes);
* scalars as :func:`scalar` writes them: codes and NIP (the format's :class:`.spec.Code` fields,
  :func:`always_quoted`) in double quotes, other text plain where YAML 1.1 (the checker's reader)
  and YAML 1.2 (``pohon fmt``'s) both read it back as the same text and ``pohon fmt``'s emitter
  would write it plain too, else double-quoted with escapes exactly as that emitter writes them;
  numbers as Python writes them, with a dot and a signed exponent where there is one
  (``1.0e+16``: YAML 1.1 reads ``1e16`` as text).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml.nodes import ScalarNode as _RuamelScalarNode
from ruamel.yaml.resolver import VersionedResolver

from . import model
from . import spec as spec

MAPPING_INDENT = 2
"""Spaces a mapping's keys are indented under their parent key."""
SEQUENCE_INDENT = 4
"""Spaces a list item's keys are indented under the list's key."""
SEQUENCE_DASH_OFFSET = 2
"""Spaces a list item's ``-`` is indented under the list's key."""
WIDTH = 1_000_000
"""Line width: large, so that no text is ever wrapped onto a second line."""

SCHEMA_FILE = "docs/schema/pohon.schema.json"

_STR = "tag:yaml.org,2002:str"
_YAML11 = yaml.resolver.Resolver()
_YAML12 = VersionedResolver()
_IMPLICIT = (True, False)
_RESOLVED_FIRST: frozenset[str | None] = frozenset(
    (*_YAML11.yaml_implicit_resolvers, *_YAML12.versioned_resolver)
)
"""First characters of the plain scalars either reader may take for something other than text
(both look their implicit resolvers up by the first character; ``None``: any first character)."""


# --- scalars -------------------------------------------------------------------------------------


def always_quoted(vtype: spec.ValueType) -> bool:
    """Whether values of this type are always written in double quotes: codes and NIP look like
    numbers to YAML (``1.02.02``, ``197305122002122004``) but are text."""
    return type(vtype) is spec.Code


_ESCAPES: dict[int, str] = {
    **{code: f"\\x{code:02X}" for code in (*range(0x20), *range(0x7F, 0xA0))},
    **{code: f"\\u{code:04X}" for code in (*range(0xD800, 0xE000), 0xFEFF, 0xFFFE, 0xFFFF)},
    0x00: "\\0",
    0x07: "\\a",
    0x08: "\\b",
    0x09: "\\t",
    0x0A: "\\n",
    0x0B: "\\v",
    0x0C: "\\f",
    0x0D: "\\r",
    0x1B: "\\e",
    0x22: '\\"',
    0x5C: "\\\\",
    0x85: "\\N",
    0x2028: "\\L",
    0x2029: "\\P",
}
"""What ruamel.yaml's emitter (``pohon fmt``) escapes in a double-quoted scalar, and how."""


def double_quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar, escaped exactly as ``pohon fmt`` writes it.

    Quotes, backslashes, control characters and the characters YAML treats as line breaks are
    escaped, so the result always fits on one line and any YAML 1.1/1.2 parser reads back
    ``text``.
    """
    return '"' + text.translate(_ESCAPES) + '"'


_UNPRINTABLE = re.compile(
    r"[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]"
)
"""Characters a plain scalar cannot hold: control characters, line breaks (``\\n``, NEL, the
Unicode line and paragraph separators), the byte order mark."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a plain scalar cannot start with."""
_FLOW_INDICATORS = frozenset(",?[]{}:#")
"""Characters a plain scalar inside a flow mapping or list cannot hold (conservatively: ``:``,
``?`` and ``#`` anywhere)."""


def plain_allowed(text: str, flow: bool = False) -> bool:
    """Whether ``text`` may be written without quotes: both YAML readers (PyYAML's YAML 1.1 and
    ruamel.yaml's 1.2) read it back as this very text, and ruamel.yaml's emitter would write it
    plain as well (so ``pohon fmt`` keeps it as it is)."""
    if (
        not text
        or text[0] in _INDICATORS
        or text != text.strip()
        or ": " in text
        or " #" in text
        or text[-1] == ":"
        or text.startswith("...")
        or _UNPRINTABLE.search(text)
    ):
        return False
    if flow and not _FLOW_INDICATORS.isdisjoint(text):
        return False
    if text[0] not in _RESOLVED_FIRST and None not in _RESOLVED_FIRST:
        return True
    return (
        _YAML11.resolve(yaml.ScalarNode, text, _IMPLICIT) == _STR
        and _YAML12.resolve(_RuamelScalarNode, text, _IMPLICIT) == _STR
    )


def _float(value: float) -> str:
    text = repr(value)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = f"{mantissa}e{exponent if exponent[0] in '+-' else '+' + exponent}"
    elif not math.isfinite(value):
        raise ValueError(f"{text} cannot be written in a tree: not a finite number")
    return text


@lru_cache(maxsize=1 << 16)
def _block_text(text: str) -> str:
    return text if plain_allowed(text, False) else double_quoted(text)


@lru_cache(maxsize=1 << 16)
def _flow_text(text: str) -> str:
    return text if plain_allowed(text, True) else double_quoted(text)


def scalar(value: Any, *, quoted: bool = False, flow: bool = False) -> str:
    """One value as YAML: ``true``/``false``, a number, or text (plain when
    :func:`plain_allowed`, else :func:`double_quoted`; always quoted with ``quoted``). ``flow``:
    the value stands inside a flow mapping or list, where ``,``, ``[``, ``]``, ``{``, ``}`` end a
    plain scalar."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, float):
        return _float(float(value))
    text = value if type(value) is str else str(value)
    if quoted:
        return double_quoted(text)
    return _flow_text(text) if flow else _block_text(text)


# The same as scalar(), with the common cases first: the writer calls these a million times.


def _block_scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _block_text(value)
    if kind is int:
        return str(value)
    return _float(value) if kind is float else scalar(value)


def _flow_scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return _flow_text(value)
    if kind is int:
        return str(value)
    return _float(value) if kind is float else scalar(value, flow=True)


def _quoted_scalar(value: Any) -> str:
    return double_quoted(value) if type(value) is str else scalar(value, quoted=True)


def schema_comment(depth: int) -> str:
    """The comment line that points editors (the YAML language server) at the JSON Schema, for a
    file ``depth`` folders below the repository root (``pemda.yaml``: 1, ``opd/x.yaml``: 2)."""
    return f"yaml-language-server: $schema={'../' * depth}{SCHEMA_FILE}"


# --- walking the spec ----------------------------------------------------------------------------


@functools.cache
def _false_is_default(obj_spec: spec.ObjectSpec, attr: str | None) -> bool:
    """Whether ``False`` is the model's default for ``attr`` (most booleans of the format), so
    leaving the key out says the same; a yes/no/unsaid attribute (a level's ``pk``, default
    ``None``) keeps an explicit ``false``."""
    build = obj_spec.build
    if attr is None or build is None or not dataclasses.is_dataclass(build):
        return True
    for item in dataclasses.fields(build):
        if item.name == attr:
            return item.default is False or item.default is dataclasses.MISSING
    return True


def _nothing_to_write(obj_spec: spec.ObjectSpec, field: spec.Field, value: Any) -> bool:
    if value is None or (not value and isinstance(value, _COLLECTIONS)):
        return True
    return value is False and _false_is_default(obj_spec, field.attr)


def _field_value(field: spec.Field, obj: Any) -> Any:
    """The value ``obj`` holds for ``field``: an attribute of a model object, an entry of its
    ``extra`` (fields without an attribute), or an entry of the plain dict built for specs
    without a model class (quarters, the files)."""
    return field.get(obj)


_COMPOUND = (spec.Obj, spec.ListOf, spec.YearMap)
_COLLECTIONS = (list, dict)


def _compact(obj_spec: spec.ObjectSpec) -> bool:
    """Whether every field of ``obj_spec`` holds a single value and none holds free text: such an
    object is written as one flow mapping (unless it is an object of the file itself)."""
    return not any(isinstance(f.type, (*_COMPOUND, spec.Text)) for f in obj_spec.fields)


def _block(vtype: spec.ValueType, top: bool) -> bool:
    """Whether a value of this type is written as a block under its key (else on the key's line).
    ``top``: the value is an object of the file itself."""
    if isinstance(vtype, spec.Obj):
        return top or not _compact(vtype.spec)
    if isinstance(vtype, spec.ListOf | spec.YearMap):
        item = vtype.item
        if isinstance(item, spec.Obj) and item.spec.shorthand and _compact(item.spec):
            return False  # [2025, {tahun: 2026, tanggal: …}] on the key's line
        return isinstance(item, _COMPOUND)
    return False


Inline = Callable[[Any], "str | None"]
"""Writes a value on one line (a scalar, a flow mapping or list); ``None``: nothing to write."""


_Slot = tuple[spec.Field, str, "Inline | None"]
"""How one field of an object is written: the field, the text before its value (indentation and
key), and the function that writes the value on that line (``None``: a block under the key)."""

_FLOW, _BLOCK, _TOP = 0, 1, 2
"""Where an object is written: inside a flow mapping, as a block, as the file itself."""


class _Writer:
    """Writes the lines of one file. What to do for each field of each object is worked out
    once per object spec, place and indentation (:meth:`slots`) and reused for every object."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._slots: dict[tuple[int, int, int], tuple[spec.ObjectSpec, list[_Slot]]] = {}

    def slots(self, obj_spec: spec.ObjectSpec, place: int, indent: int = 0) -> list[_Slot]:
        known = self._slots.get((id(obj_spec), place, indent))
        if known is not None and known[0] is obj_spec:
            return known[1]
        slots: list[_Slot] = []
        pad = " " * indent
        for f in obj_spec.fields:
            if place == _FLOW:
                slots.append((f, f"{f.key}: ", self.inline(f.type, True)))
            elif _block(f.type, place == _TOP):
                slots.append((f, f"{pad}{f.key}:", None))
            else:
                slots.append((f, f"{pad}{f.key}: ", self.inline(f.type, False)))
        self._slots[(id(obj_spec), place, indent)] = (obj_spec, slots)
        return slots

    def inline(self, vtype: spec.ValueType, flow: bool) -> Inline:
        """The function that writes a value of ``vtype`` on one line."""
        if isinstance(vtype, spec.Obj):
            obj_spec = vtype.spec
            short = obj_spec.shorthand_field
            if short is not None:  # a lone value stands for the object: 2025 for {tahun: 2025}
                lone = self.inline(short.type, True)
                obj_type = vtype
                return lambda obj: (
                    lone(obj) if obj_type.is_shorthand(obj) else self.flow_object(obj_spec, obj)
                )
            return lambda obj: self.flow_object(obj_spec, obj)
        if isinstance(vtype, spec.YearMap):
            year_item = self.inline(vtype.item, True)
            if not isinstance(vtype.item, _COMPOUND):  # scalars: never None

                def scalar_year_map(mapping: Any) -> str:
                    return (
                        "{"
                        + ", ".join([f"{y}: {year_item(mapping[y])}" for y in sorted(mapping)])
                        + "}"
                    )

                return scalar_year_map

            def year_map(mapping: Any) -> str:
                texts = [(year, year_item(mapping[year])) for year in sorted(mapping)]
                return "{" + ", ".join([f"{y}: {t}" for y, t in texts if t is not None]) + "}"

            return year_map
        if isinstance(vtype, spec.ListOf):
            list_item = self.inline(vtype.item, True)

            def flow_list(items: Any) -> str:
                texts = [list_item(element) for element in items]
                return "[" + ", ".join([t for t in texts if t is not None]) + "]"

            return flow_list
        if always_quoted(vtype):
            return _quoted_scalar
        return _flow_scalar if flow else _block_scalar

    def flow_object(self, obj_spec: spec.ObjectSpec, obj: Any) -> str | None:
        parts = []
        for field, prefix, inline in self.slots(obj_spec, _FLOW):
            value = _field_value(field, obj)
            if _nothing_to_write(obj_spec, field, value):
                continue
            text = inline(value) if inline is not None else None
            if text is not None:
                parts.append(prefix + text)
        return "{" + ", ".join(parts) + "}" if parts else None

    def mapping(self, obj_spec: spec.ObjectSpec, obj: Any, indent: int, top: bool = False) -> int:
        """Write the block mapping of ``obj`` at ``indent``; return the number of keys written.
        ``top``: ``obj`` is the file itself (its objects are blocks, blank lines between keys
        and between list items)."""
        lines = self.lines
        written = 0
        for field, prefix, inline in self.slots(obj_spec, _TOP if top else _BLOCK, indent):
            value = _field_value(field, obj)
            if _nothing_to_write(obj_spec, field, value):
                continue
            if inline is None:
                start = len(lines)
                if top and written:
                    lines.append("")
                lines.append(prefix)
                if not self.block(field.type, value, indent, top):
                    del lines[start:]  # an object with nothing to write
                    continue
            else:
                text = inline(value)
                if text is None:
                    continue
                if top and written:
                    lines.append("")
                lines.append(prefix + text)
            written += 1
        return written

    def block(self, vtype: spec.ValueType, value: Any, indent: int, top: bool) -> bool:
        """Write a block value under a key at ``indent``; whether anything was written.
        ``top``: the key is one of the file's (a blank line between list items)."""
        lines = self.lines
        start = len(lines)
        inner = indent + MAPPING_INDENT
        if isinstance(vtype, spec.Obj):
            return self.mapping(vtype.spec, value, inner) > 0
        if isinstance(vtype, spec.YearMap):
            pad = " " * inner
            item_type = vtype.item
            if _block(item_type, False):
                for year in sorted(value):
                    lines.append(f"{pad}{year}:")
                    if not self.block(item_type, value[year], inner, False):
                        lines.pop()
            else:
                year_item = self.inline(item_type, False)
                for year in sorted(value):
                    text = year_item(value[year])
                    if text is not None:
                        lines.append(f"{pad}{year}: {text}")
            return len(lines) > start
        if not isinstance(vtype, spec.ListOf):  # pragma: no cover - _block() lets none other in
            raise TypeError(f"{vtype!r} is not written as a block")
        # a list of objects or collections: each item a block, "- " before its first line
        item = vtype.item
        content = indent + SEQUENCE_INDENT
        dash = " " * (indent + SEQUENCE_DASH_OFFSET) + "- "
        if isinstance(item, spec.Obj) and not _compact(item.spec):
            item_spec = item.spec
            for element in value:
                mark = len(lines)
                if top and mark > start:
                    lines.append("")
                first = len(lines)
                if not self.mapping(item_spec, element, content):
                    del lines[mark:]
                    continue
                lines[first] = dash + lines[first][content:]
        else:
            list_item = self.inline(item, False)
            for element in value:
                text = list_item(element)
                if text is None:
                    continue
                if top and len(lines) > start:
                    lines.append("")
                lines.append(dash + text)
        return len(lines) > start


def object_text(obj_spec: spec.ObjectSpec, obj: Any, *, comments: Iterable[str] = ()) -> str:
    """A whole file: ``obj`` (a model object, or a dict keyed by the fields' attributes for the
    file specs) as the block mapping of ``obj_spec``, after the ``comments`` lines (``# …``)."""
    writer = _Writer()
    for comment in comments:
        for line in comment.split("\n"):
            writer.lines.append(f"# {line}".rstrip() if line else "#")
    writer.mapping(obj_spec, obj, 0, top=True)
    return "\n".join(writer.lines) + "\n"


def regional_file(
    region: model.Region,
    nodes: Sequence[model.Node],
    settings: model.Settings | None = None,
    *,
    comments: Iterable[str] = (),
    problems: Sequence[model.ProblemTheme] = (),
) -> str:
    """The text of a regional file (``pemda.yaml``), with its problem trees (``masalah``)."""
    content = {
        "region": region,
        "settings": settings,
        "problems": list(problems),
        "nodes": list(nodes),
    }
    return object_text(spec.REGIONAL_FILE, content, comments=comments)


def opd_file(opd: model.Opd, nodes: Sequence[model.Node], *, comments: Iterable[str] = ()) -> str:
    """The text of an agency file (``opd/<id>.yaml``)."""
    return object_text(spec.OPD_FILE, {"opd": opd, "nodes": list(nodes)}, comments=comments)


__all__ = [
    "MAPPING_INDENT",
    "SEQUENCE_DASH_OFFSET",
    "SEQUENCE_INDENT",
    "WIDTH",
    "always_quoted",
    "double_quoted",
    "object_text",
    "opd_file",
    "plain_allowed",
    "regional_file",
    "scalar",
    "schema_comment",
]
