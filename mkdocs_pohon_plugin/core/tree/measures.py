"""Data-entry traps in the values of an indicator, found while a file is read.

Planners often paste from spreadsheets, where ``85%``, ``14 kasus`` or ``83,4`` look like numbers.
YAML reads them as text (or, inside ``{…}``, reads ``83,4`` as 83 and a year 4), so the site would
show the text and compute no capaian, without a word. Two checks, called by :mod:`.load`:

- :func:`check_text_measures`: a baseline, target or realisation written as text is an error
  (``nilai-bukan-angka``) unless the indicator is declared qualitative (``kualitatif: true``); the
  message gives the number and the unit to write instead (``85`` and ``satuan: persen``), both
  readings of an ambiguous spelling (``1.250``: 1250 or 1.25, read by :mod:`.numbers`), that a
  range (``80-85``) is not one value, that a placeholder (``-``, ``TBD``, ``belum ada``) is left
  out until there is a value.
- :func:`split_decimal`: a number with a decimal comma inside a flow mapping (``{2025: 83,4}``) is
  reported as ``koma-desimal`` rather than as the stray key YAML makes of its decimals (a space
  around the comma too, ``83 ,4``, when the digits after it cannot be a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, ScalarNode
from yaml.nodes import Node as YamlNode

from . import spec
from .diagnostics import DiagnosticSink, Text
from .numbers import is_placeholder, read_typed_number

QUALITATIVE_KEY = "kualitatif"
"""The indicator key that allows text values (a predicate, an audit opinion)."""

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_SHORT = 60

_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
"""A whole value with a decimal comma: already reported as ``koma-desimal`` by the loader."""
_NUMBER = r"[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?"
_NUMBER_AND_UNIT = re.compile(
    rf"(?P<prefix>rp\.?)?\s*(?P<number>{_NUMBER})\s*(?P<unit>(?:%|[^\W\d_]).*?)?",
    re.IGNORECASE,
)
"""A number, optionally preceded by ``Rp`` and followed by a unit (``85%``, ``14 kasus``): a unit
starts with a letter or ``%`` (``80-85``, ``2024/2025`` are not a number and a unit)."""
_RANGE = re.compile(
    rf"(?:rp\.?\s*)?{_NUMBER}\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
    rf"(?:rp\.?\s*)?{_NUMBER}(?:\s*(?:%|[^\W\d_].*))?",
    re.IGNORECASE,
)
"""Two numbers as a range (``80-85``, ``80 s.d. 85 %``): a target is one value."""
_CONNECTIVES = frozenset({"dari", "dan", "atau", "of", "and", "or", "to", "ke", "vs"})
"""Words after a number that make what follows a second number, not a unit (``3 dari 5``)."""

_UNIT_WORDS = {
    "%": "persen",
    "persen": "persen",
    "prosen": "persen",
    "percent": "persen",
    "pct": "persen",
}


@dataclass(frozen=True, slots=True)
class NumberAndUnit:
    """What a text value meant: the number to write (``None`` when its spelling is ambiguous,
    ``1.250``: then ``readings`` holds both) and its unit (``None``: none written)."""

    number: str | None
    unit: str | None
    readings: tuple[str, ...] = ()


def read_number_and_unit(text: str) -> NumberAndUnit | None:
    """The number and unit a text such as ``85%``, ``83,4 %``, ``14 kasus`` or ``Rp 1.500.000``
    stands for; ``None`` when it is not a number and a unit (``Predikat A``, ``≥ 80``,
    ``80-85``, ``3 dari 5``, ``12.5.3``)."""
    match = _NUMBER_AND_UNIT.fullmatch(text.strip())
    if match is None or _RANGE.fullmatch(text.strip()):
        return None
    typed = read_typed_number(match.group("number"))
    if typed is None:
        return None
    unit = match.group("unit")
    if unit is not None and not _is_unit(unit):
        return None
    if match.group("prefix"):
        if unit:
            return None
        unit = "rupiah"
    if unit is not None:
        unit = _UNIT_WORDS.get(unit.strip().lower(), unit.strip())
    return NumberAndUnit(typed.plain, unit, typed.readings)


def _is_unit(written: str) -> bool:
    words = written.split()
    return bool(words) and words[0].lower() not in _CONNECTIVES


def _plain_number(written: str) -> str | None:
    """``written`` in YAML notation, read by :func:`.numbers.read_typed_number`; ``None`` when
    it is not a number or is ambiguous."""
    typed = read_typed_number(written)
    return None if typed is None else typed.plain


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _child(node: MappingNode, key: str) -> YamlNode | None:
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            child: YamlNode = value_node
            return child
    return None


def holds_measure(vtype: spec.ValueType) -> bool:
    """Whether a value of ``vtype`` is or contains a measure (a baseline, target or
    realisation: ``Measure``, a year map of them, a quarter's object)."""
    if isinstance(vtype, spec.Measure):
        return True
    if isinstance(vtype, spec.YearMap):
        return holds_measure(vtype.item)
    if isinstance(vtype, spec.Obj):
        return any(holds_measure(f.type) for f in vtype.spec.fields)
    return False


_MEASURE_FIELDS = tuple(f for f in spec.INDICATOR.fields if holds_measure(f.type))
"""The indicator's fields that hold measures: baseline, targets, realisations."""


def _text_values(node: YamlNode, vtype: spec.ValueType, label: str) -> list[tuple[ScalarNode, str]]:
    """The scalars written as text where ``vtype`` holds a measure, each with its label
    (``target 2026``, ``kondisi_awal nilai``, ``realisasi_triwulan 2025 tw1``)."""
    if isinstance(vtype, spec.Measure):
        if isinstance(node, ScalarNode) and node.tag == _STR:
            return [(node, label)]
        return []
    found: list[tuple[ScalarNode, str]] = []
    if not isinstance(node, MappingNode):
        return found
    if isinstance(vtype, spec.YearMap):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                found += _text_values(value_node, vtype.item, f"{label} {key_node.value}")
    elif isinstance(vtype, spec.Obj):
        for field in vtype.spec.fields:
            child = _child(node, field.key)
            if child is not None and holds_measure(field.type):
                found += _text_values(child, field.type, f"{label} {field.key}")
    return found


def check_text_measures(
    node: YamlNode, values: dict[str, Any], file: str, sink: DiagnosticSink
) -> None:
    """Report every baseline, target and realisation of the indicator read from ``node``
    (``values``: what the loader read from it) that is text, unless it is qualitative."""
    if not isinstance(node, MappingNode):
        return
    extra = values.get("extra") or {}
    if extra.get(QUALITATIVE_KEY) is True:
        return
    unit = values.get("unit")
    words: list[tuple[int, str]] = []
    placeholders: list[tuple[int, str]] = []
    for field in _MEASURE_FIELDS:
        child = _child(node, field.key)
        if child is None:
            continue
        for scalar, label in _text_values(child, field.type, field.key):
            raw = scalar.value
            if _DECIMAL_COMMA.fullmatch(raw):
                continue  # koma-desimal, reported by the loader
            line = scalar.start_mark.line + 1
            if is_placeholder(raw):
                placeholders.append((line, f"{label} {_short(raw)!r}"))
            elif _is_words(raw):
                words.append((line, f"{label} {_short(raw)!r}"))
            else:
                sink.add("nilai-bukan-angka", file, line, text_measure_message(label, raw, unit))
    # Placeholders (``-``, ``TBD``) and words only (``Madya``, ``WTP``: most likely a qualitative
    # indicator without its marker): one finding for the indicator rather than one per year.
    if placeholders:
        shown, count = _listed(placeholders)
        sink.add("nilai-bukan-angka", file, placeholders[0][0], _placeholder_message(shown, count))
    if words:
        shown, count = _listed(words)
        sink.add("nilai-bukan-angka", file, words[0][0], _words_message(shown, count))


def _listed(found: list[tuple[int, str]]) -> tuple[str, int]:
    shown = ", ".join(text for _, text in found[:4]) + (", …" if len(found) > 4 else "")
    return shown, len(found)


def _is_words(raw: str) -> bool:
    """Text that is neither empty, a placeholder, a range nor a number with a unit."""
    return (
        bool(raw.strip())
        and not is_placeholder(raw)
        and _RANGE.fullmatch(raw.strip()) is None
        and read_number_and_unit(raw) is None
    )


def _placeholder_message(shown: str, count: int) -> Text:
    return Text(
        f"Indikator ini berisi {count} penanda nilai kosong ({shown}): YAML membacanya sebagai "
        "teks, bukan angka. Selama nilainya belum ada, hapus barisnya (atau jangan tulis "
        "tahunnya di dalam {…}); tulis tahun itu bila nilainya sudah ada.",
        f"This indicator has {count} placeholder(s) for a missing value ({shown}): YAML reads "
        "them as text, not numbers. Until there is a value, remove the line (or leave the year "
        "out of {…}); write the year once there is a value.",
    )


def _words_message(shown: str, count: int) -> Text:
    return Text(
        f"Indikator ini berisi {count} nilai berupa teks, bukan angka ({shown}), tanpa "
        f"`{QUALITATIVE_KEY}: true`. Bila indikatornya memang kualitatif (predikat, opini BPK), "
        f"tambahkan `{QUALITATIVE_KEY}: true` pada indikatornya; bila tidak, tulis angkanya saja "
        "dan satuannya di `satuan`.",
        f"This indicator has {count} value(s) written as text, not numbers ({shown}), without "
        f"`{QUALITATIVE_KEY}: true`. If it is genuinely qualitative (a predicate, an audit "
        f"opinion), add `{QUALITATIVE_KEY}: true` to the indicator; otherwise write the numbers "
        "alone and the unit in `satuan`.",
    )


def text_measure_message(label: str, raw: str, unit: str | None) -> Text:
    """What to write instead of the text ``raw`` given for ``label`` of an indicator whose unit
    is ``unit``."""
    shown = _short(raw)
    if not raw.strip():
        return Text(
            f'{label} berisi teks kosong (""); hapus barisnya atau tulis angkanya.',
            f'{label} is an empty text (""); remove the line or write the number.',
        )
    meant = read_number_and_unit(raw)
    qualitative = Text(
        f"Bila indikator ini memang kualitatif (predikat, opini BPK), tambahkan "
        f"`{QUALITATIVE_KEY}: true` pada indikatornya.",
        f"If the indicator is genuinely qualitative (a predicate, an audit opinion), add "
        f"`{QUALITATIVE_KEY}: true` to the indicator.",
    )
    if is_placeholder(raw):
        return _placeholder_message(f"{label} {shown!r}", 1)
    if meant is None and _RANGE.fullmatch(raw.strip()):
        return Text(
            f"{label} ditulis {shown!r}: sebuah rentang, bukan angka. Target, realisasi dan "
            "kondisi awal masing-masing satu nilai: tulis satu angka tanpa tanda kutip (rentang "
            "dapat dijelaskan di `keterangan`).",
            f"{label} is written {shown!r}: a range, not a number. A target, a realisation or a "
            "baseline is one value: write one number without quotes (a range can be explained "
            "in `keterangan`).",
        )
    if meant is None:
        return Text(
            f"{label} ditulis {shown!r}: teks, bukan angka, sehingga capaiannya tidak dapat "
            f"dihitung. Tulis angkanya saja dan satuannya di `satuan`. {qualitative.id}",
            f"{label} is written {shown!r}: text, not a number, so its achievement cannot be "
            f"computed. Write the number alone and its unit in `satuan`. {qualitative.en}",
        )
    head = Text(
        f"{label} ditulis {shown!r}: YAML membacanya sebagai teks, bukan angka, sehingga "
        "capaiannya tidak dapat dihitung.",
        f"{label} is written {shown!r}: YAML reads it as text, not a number, so its achievement "
        "cannot be computed.",
    )
    if meant.number is None:
        thousands, decimal = meant.readings
        if meant.unit is None or (unit is not None and same_unit(unit, meant.unit)):
            unit_note = Text("", "")
        elif unit is None:
            unit_note = Text(
                f" Satuannya ({meant.unit}) ditulis di `satuan` indikator.",
                f" Its unit ({meant.unit}) goes in the indicator's `satuan`.",
            )
        else:
            unit_note = Text(
                f" Satuan indikator ini `{unit}`, bukan {meant.unit!r}: periksa satuannya.",
                f" The indicator's unit is `{unit}`, not {meant.unit!r}: check the unit.",
            )
        return Text(
            f"{head.id} {raw.strip()!r} bermakna ganda: {thousands} (titik sebagai pemisah "
            f"ribuan) atau {decimal} (titik sebagai pemisah desimal). Tulis angkanya tanpa tanda kutip, "
            f"`{thousands}` atau `{decimal}`.{unit_note.id}",
            f"{head.en} {raw.strip()!r} is ambiguous: {thousands} (a thousands dot) or {decimal} "
            f"(a decimal dot). Write the number without quotes, `{thousands}` or "
            f"`{decimal}`.{unit_note.en}",
        )
    if meant.unit is None:
        return Text(
            f"{head.id} Tulis sebagai angka, tanpa tanda kutip: `{meant.number}`.",
            f"{head.en} Write it as a number, without quotes: `{meant.number}`.",
        )
    if unit is not None and same_unit(unit, meant.unit):
        return Text(
            f"{head.id} Tulis angkanya saja: `{meant.number}` (satuan indikator ini sudah "
            f"`{unit}`).",
            f"{head.en} Write the number alone: `{meant.number}` (the indicator's unit is "
            f"already `{unit}`).",
        )
    if unit is None:
        return Text(
            f"{head.id} Tulis angkanya saja, `{meant.number}`, dan satuannya pada indikator: "
            f"`satuan: {meant.unit}`.",
            f"{head.en} Write the number alone, `{meant.number}`, and the unit on the indicator: "
            f"`satuan: {meant.unit}`.",
        )
    return Text(
        f"{head.id} Tulis angkanya saja, `{meant.number}`; satuan indikator ini `{unit}`, "
        f"bukan {meant.unit!r}: periksa angka atau satuannya.",
        f"{head.en} Write the number alone, `{meant.number}`; the indicator's unit is `{unit}`, "
        f"not {meant.unit!r}: check the number or the unit.",
    )


def same_unit(declared: str, written: str) -> bool:
    """Whether the unit ``written`` with a value (``persen``, ``rupiah``, ``kasus``) is the
    indicator's declared ``satuan`` (``%``, ``Persen (%)``, ``juta rupiah``, ``Kasus``)."""
    declared = declared.strip().lower()
    written = written.strip().lower()
    if written == "persen":
        return "persen" in declared or "%" in declared or "percent" in declared
    if written == "rupiah":
        return "rupiah" in declared or declared.startswith("rp")
    return declared == written or declared.rstrip("s") == written.rstrip("s")


def split_decimal(mapping: MappingNode, index: int, file: str, sink: DiagnosticSink) -> bool:
    """Whether the pair ``index`` of a flow mapping is the decimals of a number written with a
    decimal comma (``{2025: 83,4}``: YAML reads 83, then a key 4 without a value); reported as
    ``koma-desimal`` at its line, so that the caller skips the stray key."""
    if not mapping.flow_style or index == 0:
        return False
    key_node, value_node = mapping.value[index]
    previous = mapping.value[index - 1][1]
    if not (
        isinstance(key_node, ScalarNode)
        and isinstance(previous, ScalarNode)
        and isinstance(value_node, ScalarNode)
        and key_node.tag == _INT
        and key_node.value.isascii()
        and key_node.value.isdigit()
        and previous.tag in (_INT, _FLOAT)
        and value_node.tag == _NULL
        and value_node.value == ""
        and previous.end_mark.line == key_node.start_mark.line
        and _decimals_after(previous, key_node)
    ):
        return False
    written = f"{previous.value},{key_node.value}"
    plain = _plain_number(written)
    meant = (
        Text(f"Tulis {plain}", f"Write {plain}")
        if plain is not None
        else Text("Tulis angkanya", "Write the number")
    )
    sink.add(
        "koma-desimal",
        file,
        key_node.start_mark.line + 1,
        Text(
            f"{written} ditulis dengan koma desimal di dalam {{…}}: YAML membacanya sebagai "
            f"{previous.value} lalu kunci {key_node.value} tanpa nilai. {meant.id} (titik "
            "sebagai pemisah desimal).",
            f"{written} is written with a decimal comma inside {{…}}: YAML reads it as "
            f"{previous.value} and then a key {key_node.value} without a value. {meant.en} "
            "(a dot as the decimal separator).",
        ),
    )
    return True


def _decimals_after(previous: ScalarNode, key_node: ScalarNode) -> bool:
    """Whether the digits ``key_node`` follow the number ``previous`` as its decimals: right
    after its comma (``83,4``), or with a space around the comma (``83 ,4``, ``83 , 4``) when
    the digits cannot be a year (``{2025: 83, 2026}`` is a year without its value)."""
    gap = key_node.start_mark.column - previous.end_mark.column
    if gap == 1:
        return True
    return gap <= 3 and not spec.YEAR_MIN <= int(key_node.value) <= spec.YEAR_MAX
