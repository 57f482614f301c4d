"""Loading a trees folder into the model, reporting every problem of shape along the way.

The walk follows :mod:`.spec`: for each YAML mapping it checks keys (unknown, duplicate,
missing), converts each value by its declared type from the composed node (so the raw text and line
of every scalar are known), and builds the model objects with their file and line.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YamlNode

from . import spec as spec
from .confusables import WINDOWS_DEVICES, skeleton, unportable
from .diagnostics import Diagnostic, DiagnosticSink, Text
from .measures import check_text_measures, split_decimal
from .model import Cause, Indicator, Loc, Node, Opd, ProblemTheme, Site, item_key
from .yaml_source import SourceFile, read_source

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

_TAG_WORDS = {
    _INT: Text(id="bilangan bulat", en="an integer"),
    _FLOAT: Text(id="bilangan desimal", en="a decimal number"),
    _BOOL: Text(id="nilai boolean (true/false)", en="a boolean (true/false)"),
    _TIMESTAMP: Text(id="tanggal", en="a date"),
    _NULL: Text(id="kosong (null)", en="empty (null)"),
}

_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
_SAFE_ID = re.compile(spec.ID_PATTERN)

MISSING: Any = object()

_LABELS = {
    "node": Text(id="node", en="node"),
    "indikator": Text(id="indikator", en="indicator"),
    "tingkat": Text(id="tingkat", en="level"),
}

_REQUIRED_DOCS = {
    "First year of the period.": "Tahun pertama periode.",
    "Last year of the period.": "Tahun terakhir periode.",
    "Name of the regency, city or province.": "Nama kabupaten, kota, atau provinsi.",
    "Planning period.": "Periode perencanaan.",
    "Level id used in nodes' 'tingkat'.": "Id tingkat yang dipakai di 'tingkat' pada node.",
    "Label shown on the site (Indonesian).": "Label yang tampil di situs.",
    "Regional tree or agency tree.": "Pohon pemda atau pohon perangkat daerah.",
    "Stable id of the agency; becomes its URL.": "Id tetap perangkat daerah; menjadi URL-nya.",
    "Official name.": "Nama resmi.",
    "Year the baseline was measured.": "Tahun kondisi awal diukur.",
    "Baseline value.": "Nilai kondisi awal.",
    "Stable id, unique in the site.": "Id tetap, unik di seluruh situs.",
    "Indicator name.": "Nama indikator.",
    "maksimal: higher is better; minimal: lower is better; stabil: hit the value.": (
        "maksimal: makin tinggi makin baik; minimal: makin rendah makin baik; stabil: tepat "
        "pada nilainya."
    ),
    "Role the partner plays.": "Peran mitra.",
    "menunggu (pending), disetujui (agreed), ditolak (rejected).": (
        "menunggu, disetujui, atau ditolak."
    ),
    "Stable id, unique in the site; becomes the URL.": (
        "Id tetap, unik di seluruh situs; menjadi URL."
    ),
    "Level id in the level scheme.": "Id tingkat dalam skema tingkat.",
    "The condition, phrased as a change.": "Kondisi yang dituju, dirumuskan sebagai perubahan.",
    "The regional government.": "Pemerintah daerah.",
    "The agency.": "Perangkat daerah.",
}
"""The Indonesian of the spec's English ``doc`` of each required field (quoted when it is
missing); a field not listed here is named by its key alone in Indonesian."""


def _field_doc(field: spec.Field) -> Text:
    """A required field's description in both languages."""
    return Text(id=_REQUIRED_DOCS.get(field.doc, field.key), en=field.doc)


_MAX_DIGITS = 15
_MAX_NUMBER = 10**_MAX_DIGITS
"""Numbers in a tree stay below this: exact in a float and in JavaScript, far above any budget."""
_SHORT = 80


def _short(text: str) -> str:
    """A value as quoted in a message: long values cut, so one message stays one short line."""
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _line(node: YamlNode) -> int:
    return node.start_mark.line + 1


def _describe(node: YamlNode) -> Text:
    if isinstance(node, MappingNode):
        return Text(id="pemetaan (mapping)", en="a mapping")
    if isinstance(node, SequenceNode):
        return Text(id="daftar (list)", en="a list")
    return _TAG_WORDS.get(node.tag, Text(id="teks", en="text"))


def _quote_hint(raw: str) -> str:
    return f'"{raw}"' if '"' not in raw else f"'{raw}'"


def id_problem(value: str) -> Text | None:
    """Why an id is not safe in a URL and a file name, or ``None`` when it is."""
    if len(value) > spec.ID_MAX_LENGTH:
        return Text(
            id=f"panjangnya {len(value)} karakter; batasi sampai {spec.ID_MAX_LENGTH}",
            en=f"is {len(value)} characters long; keep it to {spec.ID_MAX_LENGTH}",
        )
    if not _SAFE_ID.fullmatch(value):  # not match(): '$' would let "id\n" through
        return Text(
            id="harus berupa huruf kecil a-z dan angka, dipisah satu '-', '_' atau '.' "
            "(tanpa spasi, garis miring, huruf kapital, atau aksen)",
            en="must be lowercase letters a-z and digits, separated by single '-', '_' or '.' "
            "(no spaces, slashes, capitals or accents)",
        )
    if value.split(".")[0] in WINDOWS_DEVICES:
        return Text(
            id="adalah nama perangkat yang dicadangkan Windows; pilih id lain",
            en="is a reserved device name on Windows; choose another id",
        )
    return None


class FileReader:
    """Converts one composed file into model objects, following the format specs."""

    def __init__(self, display: str, sink: DiagnosticSink, years: range | None) -> None:
        self.file = display
        self.sink = sink
        self.years = years
        self._seen: set[int] = set()

    # -- reporting helpers --

    def error(self, rule: str, node: YamlNode | int, message: Text) -> None:
        line = node if isinstance(node, int) else _line(node)
        # The Indonesian sentence often starts with where the value is ("berkas pemda …").
        message = Text(message.id[:1].upper() + message.id[1:], message.en)
        self.sink.add(rule, self.file, line, message)

    def _first_visit(self, node: YamlNode, key: str | Text) -> bool:
        """Whether ``node`` is read for the first time. A node reached twice came through a YAML
        alias: it is read once only (so nested aliases cannot expand), and not reported here:
        :func:`.yaml_source.compose` reports every alias at its own line (the composed node only
        knows the line of its anchor)."""
        ident = id(node)
        if ident in self._seen:
            return False
        self._seen.add(ident)
        return True

    def _tagged(self, node: YamlNode, plain: str, where: Text) -> bool:
        if node.tag == plain:
            return False
        self._tag_error(node, where)
        return True

    def _tag_error(self, node: YamlNode, where: Text) -> None:
        tag = _short(node.tag)
        self.error(
            "tipe-salah",
            node,
            Text(
                id=f"{where.id} memakai tag {tag}; hapus tag itu.",
                en=f"{where.en} has the tag {tag}; remove the tag.",
            ),
        )

    # -- objects --

    def read_object(
        self, node: YamlNode, obj: spec.ObjectSpec, where: Text
    ) -> tuple[dict[str, Any], dict[str, int]] | None:
        if not isinstance(node, MappingNode):
            keys = ", ".join(f.key for f in obj.fields[:3])
            kind = _describe(node)
            self.error(
                "tipe-salah",
                node,
                Text(
                    id=f"{where.id} harus berupa pemetaan kunci (seperti {keys}), "
                    f"tetapi isinya {kind.id}.",
                    en=f"{where.en} must be a mapping of keys (such as {keys}), "
                    f"but it is {kind.en}.",
                ),
            )
            return None
        if not self._first_visit(node, where) or self._tagged(node, _MAP, where):
            return None
        values: dict[str, Any] = {}
        extra: dict[str, Any] | None = None
        # values of fields without a model attribute (Field.attr is None), by YAML key
        lines: dict[str, int] = {}
        failed: set[str] = set()
        fields = obj.by_key
        for index, (key_node, value_node) in enumerate(node.value):
            if split_decimal(node, index, self.file, self.sink):
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(
                    "tipe-salah",
                    key_node,
                    Text(
                        id=f"Kunci di {where.id} harus berupa teks biasa.",
                        en=f"A key in {where.en} must be plain text.",
                    ),
                )
                continue
            key = key_node.value
            line = key_node.start_mark.line + 1
            first = lines.get(key)
            if first is not None:
                self.error(
                    "kunci-ganda",
                    line,
                    Text(
                        id=f"'{_short(key)}' muncul dua kali di {where.id} (pertama di baris "
                        f"{first}); YAML hanya menyimpan yang terakhir dan diam-diam membuang "
                        "yang lain. Gabungkan keduanya menjadi satu.",
                        en=f"'{_short(key)}' appears twice in {where.en} (first at line {first}); "
                        "YAML would keep only the last one and silently drop the other. Merge "
                        "the two into one.",
                    ),
                )
                continue
            lines[key] = line
            field = fields.get(key)
            if field is None:
                self._unknown_key(key, line, obj, where)
                continue
            if not isinstance(value_node, ScalarNode) and id(value_node) in self._seen:
                failed.add(key)  # an alias, reported by yaml_source.compose at its line
                continue
            reported = self.sink.reported
            value = self.convert(
                value_node,
                field.type,
                key,
                Text(id=f"'{key}' di {where.id}", en=f"'{key}' in {where.en}"),
            )
            if value is MISSING:
                if self.sink.reported > reported:
                    failed.add(key)
            else:
                if isinstance(field.type, spec.ListOf) and isinstance(value_node, SequenceNode):
                    _item_lines(value_node, key, lines)
                if field.attr is not None:
                    values[field.attr] = value
                elif extra is None:
                    extra = {key: value}
                else:
                    extra[key] = value
        for field in obj.fields:
            if (
                field.required
                and not (
                    field.attr in values
                    if field.attr is not None
                    else extra is not None and field.key in extra
                )
                and field.key not in failed
            ):
                doc = _field_doc(field)
                if field.key in lines:
                    self.error(
                        "kolom-wajib",
                        lines[field.key],
                        Text(
                            id=f"'{field.key}' di {where.id} kosong; isilah ({doc.id})",
                            en=f"'{field.key}' in {where.en} is empty; fill it in ({doc.en})",
                        ),
                    )
                else:
                    self.error(
                        "kolom-wajib",
                        node,
                        Text(
                            id=f"{where.id} tidak memiliki '{field.key}'; tambahkan ({doc.id})",
                            en=f"{where.en} has no '{field.key}'; add it ({doc.en})",
                        ),
                    )
        if extra:
            if obj.build is None:
                values.update(extra)  # a plain dict: keyed by attribute, else by key
            else:
                values["extra"] = extra
        return values, lines

    def _unknown_key(self, key: str, line: int, obj: spec.ObjectSpec, where: Text) -> None:
        close = difflib.get_close_matches(key, list(obj.by_key), n=1, cutoff=0.6)
        allowed = ", ".join(obj.by_key)
        hint = (
            Text(id=f"maksudnya '{close[0]}'?", en=f"did you mean '{close[0]}'?")
            if close
            else Text(
                id=f"kunci yang diizinkan di sini: {allowed}.",
                en=f"the keys allowed here are: {allowed}.",
            )
        )
        self.error(
            "kolom-tidak-dikenal",
            line,
            Text(
                id=f"Kunci '{_short(key)}' tidak dikenal di {where.id}; {hint.id}",
                en=f"Unknown key '{_short(key)}' in {where.en}; {hint.en}",
            ),
        )

    def build(self, node: YamlNode, obj: spec.ObjectSpec, where: Text) -> Any:
        read = self.read_object(node, obj, where)
        if read is None:
            return MISSING
        values, lines = read
        if obj is spec.INDICATOR:
            check_text_measures(node, values, self.file, self.sink)
        if obj.build is None:
            return values
        return obj.build(**values, loc=Loc(self.file, _line(node)), lines=lines)

    # -- values --

    def convert(self, node: YamlNode, vtype: spec.ValueType, key: str, where: Text) -> Any:
        if isinstance(vtype, spec.Obj):
            if isinstance(node, ScalarNode) and node.tag == _NULL:
                return MISSING
            short = vtype.spec.shorthand_field
            if short is not None and isinstance(node, ScalarNode):
                return self.convert(node, short.type, key, where)  # 2025 for {tahun: 2025}
            return self.build(node, vtype.spec, where)
        if isinstance(vtype, spec.ListOf):
            return self._list(node, vtype.item, key, where)
        if isinstance(vtype, spec.YearMap):
            return self._year_map(node, vtype, key, where)
        if not isinstance(node, ScalarNode):
            kind = _describe(node)
            self.error(
                "tipe-salah",
                node,
                Text(
                    id=f"{where.id} harus berupa satu nilai, tetapi isinya {kind.id}.",
                    en=f"{where.en} must be a single value, but it is {kind.en}.",
                ),
            )
            return MISSING
        tag = node.tag
        raw = node.value
        if tag == _NULL:
            return MISSING
        if isinstance(vtype, spec.Text | spec.Code | spec.Ident | spec.Ref):
            if tag != _STR:
                return self._coerced(node, where)
            if isinstance(vtype, spec.Ident | spec.Ref):
                problem = id_problem(raw)
                if problem:
                    self.error(
                        "id-tidak-aman",
                        node,
                        Text(
                            id=f"Id {_short(raw)!r} di {where.id} {problem.id}.",
                            en=f"The id {_short(raw)!r} in {where.en} {problem.en}.",
                        ),
                    )
            elif (
                isinstance(vtype, spec.Code)
                and vtype.pattern
                and not re.fullmatch(vtype.pattern, raw, re.ASCII)
            ):
                self.error(
                    "kode-salah",
                    node,
                    Text(
                        id=f"{where.id} {_short(raw)!r} salah bentuk; pola yang diharapkan "
                        f"{vtype.pattern}.",
                        en=f"{where.en} {_short(raw)!r} is malformed; expected the pattern "
                        f"{vtype.pattern}.",
                    ),
                )
            return raw
        if isinstance(vtype, spec.Choice):
            if tag != _STR or raw not in vtype.options:
                close = difflib.get_close_matches(str(raw), vtype.options, n=1, cutoff=0.5)
                hint = (
                    Text(id=f" Maksudnya '{close[0]}'?", en=f" Did you mean '{close[0]}'?")
                    if close
                    else Text.same("")
                )
                options = ", ".join(vtype.options)
                self.error(
                    "nilai-salah",
                    node,
                    Text(
                        id=f"{where.id} bernilai {_short(raw)!r}; nilainya harus salah satu dari: "
                        f"{options}.{hint.id}",
                        en=f"{where.en} is {_short(raw)!r}; it must be one of: {options}.{hint.en}",
                    ),
                )
                return MISSING
            return raw
        if isinstance(vtype, spec.Measure):
            if tag == _STR:
                if _DECIMAL_COMMA.fullmatch(raw):
                    self.error(
                        "koma-desimal",
                        node,
                        Text(
                            id=f"{where.id} bernilai {raw!r}: tulis angka dengan titik sebagai "
                            f"pemisah desimal ({raw.replace(',', '.')}), karena YAML membacanya "
                            "sebagai teks.",
                            en=f"{where.en} is {raw!r}: write numbers with a dot as the decimal "
                            f"separator ({raw.replace(',', '.')}), or YAML reads it as text.",
                        ),
                    )
                    return MISSING
                return raw
            return self._number(node, where)
        if isinstance(vtype, spec.Number):
            if tag == _STR and _DECIMAL_COMMA.fullmatch(raw):
                self.error(
                    "koma-desimal",
                    node,
                    Text(
                        id=f"{where.id} bernilai {raw!r}: tulis {raw.replace(',', '.')}.",
                        en=f"{where.en} is {raw!r}: write {raw.replace(',', '.')}.",
                    ),
                )
                return MISSING
            if tag == _STR:
                self.error(
                    "tipe-salah",
                    node,
                    Text(
                        id=f"{where.id} harus berupa angka, bukan teks {_short(raw)!r}.",
                        en=f"{where.en} must be a number, not text {_short(raw)!r}.",
                    ),
                )
                return MISSING
            return self._number(node, where)
        if isinstance(vtype, spec.Date):
            return self._date(node, where)
        if isinstance(vtype, spec.Year | spec.Integer):
            value = self._integer(node, where)
            if value is MISSING or isinstance(vtype, spec.Integer):
                return value
            if not spec.YEAR_MIN <= value <= spec.YEAR_MAX:
                self.error(
                    "tipe-salah",
                    node,
                    Text(
                        id=f"{where.id} bernilai {value}; tulis tahun empat angka.",
                        en=f"{where.en} is {value}; write a four-digit year.",
                    ),
                )
                return MISSING
            return value
        if isinstance(vtype, spec.Boolean):
            if tag != _BOOL:
                self.error(
                    "tipe-salah",
                    node,
                    Text(
                        id=f"{where.id} harus true atau false, bukan {_short(raw)!r}.",
                        en=f"{where.en} must be true or false, not {_short(raw)!r}.",
                    ),
                )
                return MISSING
            return raw.lower() in ("true", "yes", "on", "y")
        raise AssertionError(f"unhandled type {vtype!r}")  # pragma: no cover - spec bug

    def _date(self, node: ScalarNode, where: Text) -> Any:
        """A date written plainly (YAML reads a timestamp) or quoted, kept as ``YYYY-MM-DD``."""
        raw = node.value.strip()
        if node.tag in (_TIMESTAMP, _STR) and _DATE.fullmatch(raw):
            try:
                return datetime.date.fromisoformat(raw).isoformat()
            except ValueError:
                pass
        self.error(
            "tipe-salah",
            node,
            Text(
                id=f"{where.id} bernilai {_short(raw)!r}; tulis tanggal sebagai TTTT-BB-HH, "
                "misalnya 2026-02-10.",
                en=f"{where.en} is {_short(raw)!r}; write the date as YYYY-MM-DD, e.g. 2026-02-10.",
            ),
        )
        return MISSING

    def _coerced(self, node: ScalarNode, where: Text) -> Any:
        raw = _short(node.value)
        if node.tag in _TAG_WORDS:
            word = _TAG_WORDS[node.tag]
            self.error(
                "yaml-konversi",
                node,
                Text(
                    id=f"{where.id} ditulis {raw}, yang dibaca YAML sebagai {word.id}, bukan "
                    f"teks; beri tanda kutip: {_quote_hint(raw)}.",
                    en=f"{where.en} is written {raw}, which YAML reads as {word.en}, "
                    f"not text; put it in quotes: {_quote_hint(raw)}.",
                ),
            )
        else:
            self._tag_error(node, where)
        return MISSING

    def _integer(self, node: ScalarNode, where: Text) -> Any:
        raw = node.value
        if node.tag == _STR and raw.isascii() and raw.isdigit():
            return self._in_range(node, raw, where)
        if node.tag != _INT:
            self.error(
                "tipe-salah",
                node,
                Text(
                    id=f"{where.id} harus berupa bilangan bulat, bukan {_short(raw)!r}.",
                    en=f"{where.en} must be a whole number, not {_short(raw)!r}.",
                ),
            )
            return MISSING
        if not _DECIMAL_INT.fullmatch(raw):
            self.error(
                "yaml-konversi",
                node,
                Text(
                    id=f"{where.id} ditulis {_short(raw)}, yang dibaca YAML 1.1 dalam basis atau "
                    "notasi lain; tulis angka desimal biasa tanpa nol di depan.",
                    en=f"{where.en} is written {_short(raw)}, which YAML 1.1 reads in another "
                    "base or notation; write plain decimal digits without leading zeros.",
                ),
            )
            return MISSING
        return self._in_range(node, raw, where)

    def _in_range(
        self, node: ScalarNode, raw: str, where: Text, number: float | None = None
    ) -> Any:
        """``raw`` as an int (or ``number``, a float read from it) when it is finite and below
        10^15; int() of more than 4,300 digits would even raise."""
        if number is None:
            digits = raw.lstrip("+-").lstrip("0")
            value: int | float | None = int(raw) if len(digits) <= _MAX_DIGITS else None
        else:
            value = number if math.isfinite(number) and abs(number) < _MAX_NUMBER else None
        if value is None or abs(value) >= _MAX_NUMBER:
            self.error(
                "nilai-salah",
                node,
                Text(
                    id=f"{where.id} bernilai {_short(node.value)}, di luar batas yang dapat "
                    "ditampilkan dan dihitung tepat oleh situs; angka dalam pohon harus di bawah "
                    f"10^{_MAX_DIGITS} (seribu triliun).",
                    en=f"{where.en} is {_short(node.value)}, beyond what the site can show and "
                    "compute exactly; numbers in a tree stay below "
                    f"10^{_MAX_DIGITS} (a thousand trillion).",
                ),
            )
            return MISSING
        return value

    def _number(self, node: ScalarNode, where: Text) -> Any:
        tag = node.tag
        raw = node.value
        if tag == _INT:
            return self._integer(node, where)
        if tag == _FLOAT:
            if not _DECIMAL_FLOAT.fullmatch(raw):
                self.error(
                    "nilai-salah",
                    node,
                    Text(
                        id=f"{where.id} bernilai {_short(raw)}; tulis angka desimal biasa (bukan "
                        "tak hingga, NaN, atau angka dengan '_' atau ':').",
                        en=f"{where.en} is {_short(raw)}; write an ordinary decimal number (not "
                        "infinity, NaN or a number with '_' or ':').",
                    ),
                )
                return MISSING
            return self._in_range(node, raw, where, float(raw))
        if tag in (_BOOL, _TIMESTAMP):
            return self._coerced(node, where)
        kind = _describe(node)
        self.error(
            "tipe-salah",
            node,
            Text(
                id=f"{where.id} harus berupa angka, bukan {kind.id}.",
                en=f"{where.en} must be a number, not {kind.en}.",
            ),
        )
        return MISSING

    def _list(self, node: YamlNode, item: spec.ValueType, key: str, where: Text) -> Any:
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return MISSING
        if not isinstance(node, SequenceNode):
            kind = _describe(node)
            self.error(
                "tipe-salah",
                node,
                Text(
                    id=f"{where.id} harus berupa daftar (baris yang diawali '- '), tetapi isinya "
                    f"{kind.id}.",
                    en=f"{where.en} must be a list (lines starting with '- '), but it is "
                    f"{kind.en}.",
                ),
            )
            return MISSING
        if not self._first_visit(node, key) or self._tagged(node, _SEQ, where):
            return MISSING
        result = []
        named = isinstance(item, spec.Obj) and "id" in item.spec.by_key
        for index, child in enumerate(node.value, 1):
            ident = _child(child, "id") if named else None
            if isinstance(ident, ScalarNode) and ident.value:
                label = _LABELS.get(key, Text.same(key)) + Text.same(f" '{_short(ident.value)}'")
            else:
                label = Text(id=f"butir {index} di {where.id}", en=f"item {index} of {where.en}")
            value = self.convert(child, item, key, label)
            if value is not MISSING:
                result.append(value)
        return result

    def _year_map(self, node: YamlNode, vtype: spec.YearMap, key: str, where: Text) -> Any:
        if isinstance(node, ScalarNode) and node.tag == _NULL:
            return MISSING
        if not isinstance(node, MappingNode):
            self.error(
                "tipe-salah",
                node,
                Text(
                    id=f"{where.id} harus memetakan tahun ke nilai, mis. {{2025: 10, 2026: 12}}, "
                    f"tetapi isinya {_describe(node).id}.",
                    en=f"{where.en} must map years to values, e.g. {{2025: 10, 2026: 12}}, but "
                    f"it is {_describe(node).en}.",
                ),
            )
            return MISSING
        if not self._first_visit(node, key) or self._tagged(node, _MAP, where):
            return MISSING
        result: dict[int, Any] = {}
        seen: set[int] = set()
        years = self.years
        for index, (year_node, value_node) in enumerate(node.value):
            if split_decimal(node, index, self.file, self.sink):
                continue
            if not isinstance(year_node, ScalarNode):
                self.error(
                    "tipe-salah",
                    year_node,
                    Text(
                        id=f"Kunci di {where.id} harus berupa tahun.",
                        en=f"A key of {where.en} must be a year.",
                    ),
                )
                continue
            year = self._integer(
                year_node, Text(id=f"tahun di {where.id}", en=f"a year in {where.en}")
            )
            if year is MISSING:
                continue
            if year in seen:
                self.error(
                    "kunci-ganda",
                    year_node,
                    Text(
                        id=f"Tahun {year} muncul dua kali di {where.id}; YAML hanya menyimpan "
                        "nilai yang terakhir. Sisakan satu.",
                        en=f"The year {year} appears twice in {where.en}; YAML would keep only "
                        "the last value. Keep one.",
                    ),
                )
                continue
            seen.add(year)
            baseline_allowed = vtype.baseline_year and years is not None and year == years.start - 1
            if years is not None and year not in years and not baseline_allowed:
                also = (
                    Text(
                        id=f" (atau tahun kondisi awal {years.start - 1})",
                        en=f" (or the baseline year {years.start - 1})",
                    )
                    if vtype.baseline_year
                    else Text.same("")
                )
                self.error(
                    "tahun-di-luar-periode",
                    year_node,
                    Text(
                        id=f"Tahun {year} di {where.id} berada di luar periode "
                        f"{years.start}–{years.stop - 1}{also.id}; hapus atau perbaiki tahunnya.",
                        en=f"The year {year} in {where.en} is outside the period "
                        f"{years.start}–{years.stop - 1}{also.en}; remove it or correct the year.",
                    ),
                )
            value = self.convert(
                value_node,
                vtype.item,
                key,
                Text(id=f"{year} di {where.id}", en=f"{year} in {where.en}"),
            )
            if value is not MISSING:
                result[year] = value
        return result


def _item_lines(sequence: SequenceNode, key: str, lines: dict[str, int]) -> None:
    """Record the line of each plain item of a list (``mendukung``, ``id_lama``) under
    :func:`~.model.item_key`, the first one where an item repeats."""
    for child in sequence.value:
        if isinstance(child, ScalarNode) and child.tag == _STR:
            lines.setdefault(item_key(key, child.value), child.start_mark.line + 1)


def _child(node: YamlNode | None, key: str) -> YamlNode | None:
    if not isinstance(node, MappingNode):
        return None
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == key:
            child: YamlNode = v
            return child
    return None


def _peek_period(root: YamlNode) -> range | None:
    """The period of a regional file, read ahead so that years in the same file can be checked."""
    period = _child(_child(root, "pemda"), "periode")
    start, end = _child(period, "awal"), _child(period, "akhir")
    if not (isinstance(start, ScalarNode) and isinstance(end, ScalarNode)):
        return None
    if start.value.isdigit() and end.value.isdigit() and int(start.value) <= int(end.value):
        return range(int(start.value), int(end.value) + 1)
    return None


def _mapping_keys(root: YamlNode) -> set[str]:
    if not isinstance(root, MappingNode):
        return set()
    return {k.value for k, _ in root.value if isinstance(k, ScalarNode)}


def discover(root: Path) -> list[Path]:
    """Every YAML file under the trees folder, in a stable order (hidden folders skipped)."""
    found: list[Path] = []
    for directory, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found.extend(
            Path(directory) / name
            for name in sorted(files)
            if name.endswith((".yaml", ".yml")) and not name.startswith(".")
        )
    return found


_REGIONAL_NAMES = ("pemda.yaml", "pemda.yml")


def check_file_names(
    root: Path, paths: list[Path], displays: list[str], sink: DiagnosticSink
) -> None:
    """Tree files must check out on every system and be told apart by the people who edit them:
    no name Windows refuses, and no two names that differ only in case, Unicode normal form or
    look-alike letters (one of them would overwrite the other on Windows or macOS, or a reviewer
    would edit the wrong one)."""
    seen: dict[str, str] = {}
    for path, display in zip(paths, displays, strict=True):
        relative = path.relative_to(root).parts
        for part in relative:
            problem = unportable(part)
            if problem:
                sink.add(
                    "nama-berkas-tidak-aman",
                    display,
                    1,
                    Text(
                        id=f"Nama {part!r} {problem.id}; repositori tidak dapat di-checkout di "
                        "sana. Ganti namanya dengan huruf, angka, '-' dan '_'.",
                        en=f"The name {part!r} {problem.en}; the repository cannot be checked "
                        "out there. Rename it with letters, digits, '-' and '_'.",
                    ),
                )
                break
        twin = skeleton("/".join(relative))
        first = seen.get(twin)
        if first is not None:
            sink.add(
                "nama-kembar",
                display,
                1,
                Text(
                    id=f"Nama berkas ini tidak dapat dibedakan dari {first} (bedanya hanya huruf "
                    "besar/kecil, bentuk normal Unicode, atau huruf yang mirip; Windows dan macOS "
                    "bahkan menyimpannya sebagai satu berkas); ganti nama salah satunya.",
                    en=f"This file's name cannot be told apart from {first} (it differs only in "
                    "case, Unicode normal form or look-alike letters; Windows and macOS would "
                    "even store them as one file); rename one of them.",
                ),
            )
        else:
            seen[twin] = display


def display_path(path: Path) -> str:
    """A path as a reviewer knows it: relative to the working directory when inside it.

    The folder is resolved, the file name is kept: a file that is a link is named as the link."""
    try:
        full = path.parent.resolve() / path.name
        return full.relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


REGIONAL, AGENCY, UNREADABLE = "regional", "opd", "unreadable"


@dataclass(slots=True)
class ParsedFile:
    """What one tree file holds, read on its own: its kind, the values the format spec built from
    it and the problems found in the file by itself (problems between files are found later)."""

    stamp: tuple[int, int]
    """Modification time (ns) and size when read."""
    kind: str
    """:data:`REGIONAL`, :data:`AGENCY` or :data:`UNREADABLE` (not YAML, empty, unknown)."""
    years: range | None
    """The period an agency file's years were checked against."""
    values: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class LoadCache:
    """Files read by an earlier load, reused while unchanged (``mkdocs serve`` rebuilds).

    A file is read again when its modification time or size changed, or, for an agency file,
    when the period it was checked against changed. ``read`` and ``reused`` count the files of
    the last load."""

    files: dict[str, ParsedFile] = field(default_factory=dict)
    read: int = 0
    reused: int = 0


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


class SiteLoader:
    """Loads every file of a trees folder into one :class:`Site`."""

    def __init__(self, root: Path, sink: DiagnosticSink, cache: LoadCache | None = None) -> None:
        self.root = root
        self.sink = sink
        self.cache = cache
        self.site = Site(root=str(root))
        self._id_lines: dict[str, Loc] = {}

    def load(self) -> Site:
        paths = discover(self.root)
        displays = [display_path(path) for path in paths]
        self.site.files = displays
        check_file_names(self.root, paths, displays, self.sink)
        if self.cache is not None:
            self.cache.read = self.cache.reused = 0
            for stale in set(self.cache.files) - set(displays):
                del self.cache.files[stale]
        # One file's node graph in memory at a time: the regional file first (a file named
        # pemda.yaml is tried first), then each agency file, read and dropped. An agency file met
        # before the regional file is read again after it (its years are checked against the
        # period), so that a folder of large files never holds all their graphs at once.
        order = sorted(range(len(paths)), key=lambda i: paths[i].name not in _REGIONAL_NAMES)
        regional: str | None = None  # its display name, once read
        waiting: list[int] = []
        for index in order:
            parsed = self._parse(paths[index], displays[index], regional is not None)
            if parsed is None:  # an agency file met before the regional file
                waiting.append(index)
                continue
            if parsed.kind == AGENCY:
                self._load_opd(parsed, displays[index])
                continue
            if parsed.kind != REGIONAL:
                continue
            if regional is not None:
                self.sink.add(
                    "jenis-berkas",
                    displays[index],
                    1,
                    Text(
                        id=f"Berkas pemda kedua (yang pertama {regional}); satu situs hanya "
                        "memiliki satu blok 'pemda:'.",
                        en=f"A second regional file (the first is {regional}); keep one 'pemda:' "
                        "block for the site.",
                    ),
                )
                continue
            regional = displays[index]
            self._load_regional(parsed)
            self._load_waiting(waiting, paths, displays)
            waiting = []
        if regional is None:
            self.sink.add(
                "jenis-berkas",
                display_path(self.root),
                0,
                Text(
                    id="Berkas pemda tidak ditemukan: tambahkan pemda.yaml dengan blok 'pemda:' "
                    "(nama dan periode) dan pohon kinerja pemda.",
                    en="No regional file found: add pemda.yaml with a 'pemda:' block (name and "
                    "period) and the regional tree.",
                ),
            )
            self._load_waiting(waiting, paths, displays)
        return self.site

    def _years(self) -> range | None:
        return self.site.years if self.site.region and self.site.region.period.start else None

    def _load_waiting(self, waiting: list[int], paths: list[Path], displays: list[str]) -> None:
        for index in sorted(waiting):  # in discovery order, as if read in one pass
            parsed = self._parse(paths[index], displays[index], True)
            if parsed is not None and parsed.kind == AGENCY:
                self._load_opd(parsed, displays[index])

    def _parse(self, path: Path, display: str, period_known: bool) -> ParsedFile | None:
        """The file's :class:`ParsedFile` (from the cache when unchanged); its own problems go to
        the sink. ``None`` for an agency file while the period is not known yet."""
        years = self._years()
        stamp = _stamp(path)
        cache = self.cache
        cached = cache.files.get(display) if cache is not None else None
        if (
            cache is not None
            and cached is not None
            and cached.stamp == stamp
            and stamp != (-1, -1)
            and (cached.kind != AGENCY or (period_known and cached.years == years))
        ):
            cache.reused += 1
            self.sink.replay(cached.diagnostics)
            return cached
        local = DiagnosticSink()
        source = read_source(path, display, local, self.root)
        parsed = ParsedFile(stamp, UNREADABLE, years)
        if source.root is not None:
            keys = _mapping_keys(source.root)
            if "pemda" in keys:
                parsed.kind = REGIONAL
                parsed.values = self._build_regional(source, source.root, local)
            elif not period_known:
                # read again once the period is known; its reading problems are reported then
                return None
            elif "opd" not in keys:
                local.add(
                    "jenis-berkas",
                    source.display,
                    _line(source.root),
                    Text(
                        id="Berkas ini tidak memiliki blok 'pemda:' maupun 'opd:' di tingkat "
                        "teratas; berkas perangkat daerah diawali 'opd:' (id, nama) lalu 'node:'.",
                        en="This file has neither a 'pemda:' nor an 'opd:' block at the top "
                        "level; an agency file starts with 'opd:' (id, nama) followed by 'node:'.",
                    ),
                )
            else:
                parsed.kind = AGENCY
                reader = FileReader(source.display, local, years)
                parsed.values = reader.build(
                    source.root, spec.OPD_FILE, Text(id="berkas OPD", en="the agency file")
                )
        del source  # the file's YAML node graph: drop it before the next file is read
        parsed.diagnostics = local.items
        self.sink.replay(local.items, local.reported)
        if cache is not None:
            cache.read += 1
            cache.files[display] = parsed
        return parsed

    def _build_regional(self, source: SourceFile, root: YamlNode, sink: DiagnosticSink) -> Any:
        reader = FileReader(source.display, sink, _peek_period(root))
        values = reader.build(
            root, spec.REGIONAL_FILE, Text(id="berkas pemda", en="the regional file")
        )
        if values is MISSING:
            return values
        region = values.get("region")
        if region is not None:
            period = region.period
            if period.start and period.end and period.end < period.start:
                reader.error(
                    "nilai-salah",
                    period.lines.get("akhir", period.loc.line),
                    Text(
                        id=f"Periode berakhir ({period.end}) sebelum dimulai ({period.start}); "
                        "tukar keduanya.",
                        en=f"The period ends ({period.end}) before it starts ({period.start}); "
                        "swap them.",
                    ),
                )
                period.end = period.start
        return values

    def _load_regional(self, parsed: ParsedFile) -> None:
        values = parsed.values
        if values is MISSING or values is None:
            return
        region = values.get("region")
        if region is not None:
            self.site.region = region
        settings = values.get("settings")
        if settings is not None:
            self.site.settings = settings
        self.site.levels = (
            settings.levels
            if settings is not None and settings.levels
            else spec.scheme_levels(settings.scheme if settings is not None else None)
        )
        self._register_problems(values.get("problems", ()))
        for node in values.get("nodes", ()):
            self.register_node(node, None)

    def _register_problems(self, themes: list[ProblemTheme]) -> None:
        """Keep the problem trees and index their causes by id (the first where an id repeats;
        :mod:`.problem_rules` reports the repeat), each with its theme, parent and depth."""
        self.site.problems = list(themes)
        causes = self.site.causes
        causes.clear()

        def visit(cause: Cause, theme: str, parent: str | None, depth: int) -> None:
            cause.theme_id, cause.parent_id, cause.depth = theme, parent, depth
            causes.setdefault(cause.id, cause)
            for sub in cause.causes:
                visit(sub, theme, cause.id, depth + 1)

        for theme in themes:
            for cause in theme.causes:
                visit(cause, theme.id, None, 1)

    def _load_opd(self, parsed: ParsedFile, display: str) -> None:
        values = parsed.values
        if values is MISSING or values is None:
            return
        opd: Opd | None = values.get("opd")
        if opd is None or not opd.id:
            return
        existing = self.site.opds.get(opd.id)
        if existing is not None:
            self.sink.add(
                "id-ganda",
                display,
                opd.lines.get("id", opd.loc.line),
                Text(
                    id=f"Id perangkat daerah '{opd.id}' sudah dipakai di "
                    f"{existing.loc.file}:{existing.loc.line}; beri setiap perangkat daerah id "
                    "sendiri.",
                    en=f"The agency id '{opd.id}' is already used in "
                    f"{existing.loc.file}:{existing.loc.line}; give each agency its own id.",
                ),
            )
            return
        self.site.opds[opd.id] = opd
        opd.node_ids = []  # filled again below (a cached agency keeps its objects)
        for position in opd.positions:  # a second declaration of an id: position_rules
            position.opd_id = opd.id
            self.site.positions.setdefault(position.id, position)
        for node in values.get("nodes", ()):
            self.register_node(node, opd)

    def register_node(self, node: Node, opd: Opd | None) -> None:
        node.opd_id = opd.id if opd else None
        if self._claim(
            node.id, node.loc, node.lines.get("id", node.loc.line), Text(id="node", en="node")
        ):
            self.site.nodes[node.id] = node
            if opd is not None:
                opd.node_ids.append(node.id)
        for indicator in node.indicators:
            indicator.node_id = node.id
            if indicator.id and self._claim(
                indicator.id,
                indicator.loc,
                indicator.lines.get("id", indicator.loc.line),
                Text(id="indikator", en="indicator"),
            ):
                self.site.indicators[indicator.id] = indicator
        for link in node.crosscutting:
            link.source_id = node.id

    def _claim(self, ident: str, loc: Loc, line: int, what: Text) -> bool:
        if not ident:
            return False
        first = self._id_lines.get(ident)
        if first is not None:
            self.sink.add(
                "id-ganda",
                loc.file,
                line,
                Text(
                    id=f"Id '{ident}' milik {what.id} ini sudah dipakai di "
                    f"{first.file}:{first.line}; id harus unik di seluruh situs (node dan "
                    "indikator berbagi id).",
                    en=f"The id '{ident}' of this {what.en} is already used at "
                    f"{first.file}:{first.line}; ids must be unique across the whole site (nodes "
                    "and indicators share them).",
                ),
            )
            return False
        self._id_lines[ident] = Loc(loc.file, line)
        return True


def load_site(root: Path | str, sink: DiagnosticSink, cache: LoadCache | None = None) -> Site:
    """Load a trees folder. Problems go to ``sink``; the returned site holds what could be read.

    With a ``cache`` (kept by the caller between loads), files unchanged since the last load are
    not read again."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the loader allocates many small objects; generational GC would rescan them all
    try:
        return SiteLoader(Path(root), sink, cache).load()
    finally:
        if gc_was_enabled:
            gc.enable()


__all__ = [
    "MISSING",
    "FileReader",
    "LoadCache",
    "Indicator",
    "SiteLoader",
    "discover",
    "id_problem",
    "load_site",
]
