"""Downloads of the data behind the site: ``pohon.json`` (the whole model, with the JSON Schema of
the export itself), ``indikator.csv`` (one row per indicator, with targets, realisations and
capaian per year) and, when openpyxl is installed, ``matriks-cascading.xlsx`` (the printable
cascading workbook that ``pohon import-xlsx`` reads back).

``pohon.json`` is a public format with its own contract (``docs/export.md``): it is written by
walking the tree format's specs (:mod:`..tree.spec`), so each value sits under its field's
:attr:`~..tree.spec.Field.export_name` (the YAML vocabulary), never under a Python attribute
name, and its schema (:func:`export_schema`) comes from the same walk. Source locations are
relative to the trees folder, so the same trees give the same bytes from any working directory.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..tree import spec
from ..tree.check import CheckResult
from ..tree.model import NOWHERE, Indicator, Loc, Node, Site
from .capaian import indicator_achievement

FORMAT_VERSION = 2
"""Version of ``pohon.json``; bumped (and ``docs/export.md`` says why) when its shape changes."""

EXPORT_SCHEMA_ID = "https://pohon-kinerja.github.io/schema/pohon-export.schema.json"

LOCATION = "lokasi"
"""Key of an object's source location: ``{"berkas": <file in the trees folder>, "baris": <line>}``."""

LOCATED: tuple[spec.ObjectSpec, ...] = (
    spec.REGION,
    spec.LEVEL,
    spec.OPD,
    spec.NODE,
    spec.INDICATOR,
    spec.CROSSCUTTING,
)
"""The objects whose export says where they were written (a reviewer goes to their line); the
small objects inside them (periode, kondisi_awal, pejabat …) are found at their owner's."""

NODE_OPD = "opd"
"""A node's agency (its OPD id; ``null`` in the regional tree): derived from the file it is in."""
INDICATOR_NODE = "node"
"""An indicator's node id: derived from where it is written."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- pohon.json ---------------------------------------------------------------------------------


def _nullable(field: spec.Field) -> bool:
    """Whether the export may hold ``null`` for ``field``: an optional single value the source
    did not give. Lists and year maps are empty instead, a boolean is false."""
    return not field.required and not isinstance(
        field.type, spec.ListOf | spec.YearMap | spec.Boolean
    )


class _Exporter:
    """Turns a checked site into the export's plain JSON values, walking the specs."""

    def __init__(self, site: Site) -> None:
        self.files = _tree_relative_files(site)

    def location(self, loc: Loc) -> dict[str, Any] | None:
        if loc == NOWHERE or not loc.file:
            return None
        return {"berkas": self.files.get(loc.file, Path(loc.file).name), "baris": loc.line}

    def object(self, obj_spec: spec.ObjectSpec, obj: Any) -> dict[str, Any]:
        out = {
            field.export_name: self.value(field.type, field.get(obj)) for field in obj_spec.fields
        }
        if obj_spec is spec.NODE:
            assert isinstance(obj, Node)
            out[NODE_OPD] = obj.opd_id
        elif obj_spec is spec.INDICATOR:
            assert isinstance(obj, Indicator)
            out[INDICATOR_NODE] = obj.node_id
        if obj_spec in LOCATED:
            out[LOCATION] = self.location(obj.loc)
        return out

    def value(self, vtype: spec.ValueType, value: Any) -> Any:
        if value is None:
            if isinstance(vtype, spec.ListOf):
                return []
            if isinstance(vtype, spec.YearMap):
                return {}
            if isinstance(vtype, spec.Boolean):
                return False  # a flag the source left out (an ``extra`` field such as kualitatif)
            return None
        if isinstance(vtype, spec.Obj):
            return self.object(vtype.spec, value)
        if isinstance(vtype, spec.ListOf):
            return [self.value(vtype.item, item) for item in value]
        if isinstance(vtype, spec.YearMap):
            return {str(year): self.value(vtype.item, value[year]) for year in sorted(value)}
        return value


def _tree_relative_files(site: Site) -> dict[str, str]:
    """Each file of the site as the loader names it (relative to the working directory, or as
    given) → its path inside the trees folder (POSIX), the same from any working directory."""
    root = Path(site.root).resolve()
    out = {}
    for name in site.files:
        path = Path(name)
        try:
            out[name] = (path.parent.resolve() / path.name).relative_to(root).as_posix()
        except (ValueError, OSError, RuntimeError):
            out[name] = path.name
    return out


def export_data(result: CheckResult) -> dict[str, Any]:
    """The export as plain JSON values (what ``pohon.json`` holds, schema included)."""
    site = result.site
    exporter = _Exporter(site)
    return {
        "format_version": FORMAT_VERSION,
        "pemda": exporter.object(spec.REGION, site.region) if site.region else None,
        "tingkat": [exporter.object(spec.LEVEL, level) for level in site.levels],
        "opd": [exporter.object(spec.OPD, opd) for opd in site.opds.values()],
        "node": [exporter.object(spec.NODE, node) for node in site.nodes.values()],
        "schema": export_schema(),
    }


def model_json(result: CheckResult) -> str:
    """``pohon.json``: the whole model under the export's names, with the export's JSON Schema."""
    return json.dumps(export_data(result), ensure_ascii=False, indent=1) + "\n"


# --- the export's JSON Schema -------------------------------------------------------------------


def _field_schema(field: spec.Field) -> dict[str, Any]:
    schema = dict(field.type.json_schema())
    if _nullable(field):
        schema = {"anyOf": [schema, {"type": "null"}]}
    schema["description"] = field.doc
    return schema


def _object_schema(obj_spec: spec.ObjectSpec) -> dict[str, Any]:
    properties = {field.export_name: _field_schema(field) for field in obj_spec.fields}
    if obj_spec is spec.NODE:
        properties[NODE_OPD] = {
            "anyOf": [spec.Ident().json_schema(), {"type": "null"}],
            "description": "The node's agency (OPD id); null for the regional tree.",
        }
    elif obj_spec is spec.INDICATOR:
        properties[INDICATOR_NODE] = {
            **spec.Ref().json_schema(),
            "description": "The id of the node the indicator belongs to.",
        }
    if obj_spec in LOCATED:
        properties[LOCATION] = {
            "anyOf": [{"$ref": f"#/$defs/{LOCATION}"}, {"type": "null"}],
            "description": "Where it is written; null when not read from a file (default levels).",
        }
    return {
        "type": "object",
        "description": obj_spec.doc,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _exported_specs() -> list[spec.ObjectSpec]:
    """The objects the export holds: the top-level ones and every object inside them."""
    found: list[spec.ObjectSpec] = []

    def visit(obj_spec: spec.ObjectSpec) -> None:
        if obj_spec in found:
            return
        found.append(obj_spec)
        for field in obj_spec.fields:
            vtype: spec.ValueType = field.type
            while isinstance(vtype, spec.ListOf | spec.YearMap):
                vtype = vtype.item
            if isinstance(vtype, spec.Obj):
                visit(vtype.spec)

    for top in (spec.REGION, spec.LEVEL, spec.OPD, spec.NODE):
        visit(top)
    return found


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``pohon.json``, from the same spec walk as the export."""
    defs: dict[str, Any] = {obj.name: _object_schema(obj) for obj in _exported_specs()}
    defs[LOCATION] = {
        "type": "object",
        "description": "A place in the trees folder.",
        "properties": {
            "berkas": {
                "type": "string",
                "description": "The file, relative to the trees folder (POSIX separators).",
            },
            "baris": {"type": "integer", "minimum": 1, "description": "The line (from 1)."},
        },
        "required": ["berkas", "baris"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": EXPORT_SCHEMA_ID,
        "title": "pohon.json: export of a regency's performance trees",
        "description": (
            "The whole model of a checked trees folder, under the tree format's own (Indonesian) "
            "names; see docs/export.md."
        ),
        "type": "object",
        "properties": {
            "format_version": {
                "const": FORMAT_VERSION,
                "description": "Version of this export format (docs/export.md).",
            },
            "pemda": {"$ref": f"#/$defs/{spec.REGION.name}"},
            "tingkat": {
                "type": "array",
                "items": {"$ref": f"#/$defs/{spec.LEVEL.name}"},
                "description": "The level scheme in force, top to bottom (the site's or the default).",
            },
            "opd": {
                "type": "array",
                "items": {"$ref": f"#/$defs/{spec.OPD.name}"},
                "description": "Every agency, in the order of their files.",
            },
            "node": {
                "type": "array",
                "items": {"$ref": f"#/$defs/{spec.NODE.name}"},
                "description": "Every node, regional tree first, each with its indicators.",
            },
            "schema": {"type": "object", "description": "This schema."},
        },
        "required": ["format_version", "pemda", "tingkat", "opd", "node", "schema"],
        "additionalProperties": False,
        "$defs": defs,
    }


def export_schema_text() -> str:
    """:func:`export_schema` as committed in ``docs/schema/pohon-export.schema.json``."""
    return json.dumps(export_schema(), indent=2, ensure_ascii=False) + "\n"


# --- indikator.csv ------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    # A text cell that a spreadsheet would run as a formula gets a leading apostrophe.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _csv_value(value: Any) -> Any:
    """A field's value in a CSV cell: booleans as ``ya`` or empty, as the workbook writes them."""
    if isinstance(value, bool):
        return "ya" if value else ""
    return value


Column = tuple[str, Callable[[Indicator], Any]]


def _indicator_field(key: str) -> Column:
    """A column that is a field of the indicator: its export name, its value."""
    field = spec.INDICATOR.by_key[key]
    return field.export_name, lambda indicator: _csv_value(field.get(indicator))


def csv_columns(site: Site) -> list[Column]:
    """The columns of ``indikator.csv``, in order: header (public, docs/export.md) and value."""
    years = list(site.years)
    last_year = years[-1] if years else None

    def node_of(indicator: Indicator) -> Node | None:
        return site.nodes.get(indicator.node_id)

    def baseline(key: str) -> Callable[[Indicator], Any]:
        field = spec.BASELINE.by_key[key]
        return lambda i: field.get(i.baseline) if i.baseline else None

    def per_year(attr: Callable[[Indicator], dict[int, Any]], year: int) -> Callable[..., Any]:
        return lambda i: attr(i).get(year)

    def capaian(year: int) -> Callable[[Indicator], Any]:
        def value(indicator: Indicator) -> Any:
            percent = indicator_achievement(indicator, year).percent
            return round(percent, 2) if percent is not None else ""

        return value

    targets = spec.INDICATOR.by_key["target"]
    realisations = spec.INDICATOR.by_key["realisasi"]
    return [
        _indicator_field("id"),
        _indicator_field("nama"),
        ("node", lambda i: i.node_id),
        ("tingkat", lambda i: node.level if (node := node_of(i)) else ""),
        ("opd", lambda i: (node.opd_id or "") if (node := node_of(i)) else ""),
        _indicator_field("satuan"),
        _indicator_field("polaritas"),
        _indicator_field("jenis"),
        _indicator_field("iku"),
        ("kondisi_awal_tahun", baseline("tahun")),
        ("kondisi_awal", baseline("nilai")),
        *((f"{targets.export_name}_{y}", per_year(lambda i: targets.get(i), y)) for y in years),
        ("target_akhir", lambda i: i.end_target(last_year)),
        *(
            (
                f"{realisations.export_name}_{y}",
                per_year(lambda i: realisations.get(i), y),
            )
            for y in years
        ),
        *((f"capaian_{y}", capaian(y)) for y in years),
        _indicator_field("definisi"),
        _indicator_field("formula"),
        _indicator_field("sumber_data"),
    ]


def indicators_csv(result: CheckResult) -> str:
    """Every indicator, one row each (UTF-8, comma separated, header first)."""
    site = result.site
    columns = csv_columns(site)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([header for header, _ in columns])
    for indicator in site.indicators.values():
        writer.writerow([_cell(value(indicator)) for _, value in columns])
    return out.getvalue()


# --- matriks-cascading.xlsx ---------------------------------------------------------------------


def xlsx_available() -> bool:
    """Whether the cascading workbook can be written (openpyxl is installed: the ``xlsx`` extra)."""
    return importlib.util.find_spec("openpyxl") is not None


def cascading_xlsx(result: CheckResult) -> bytes | None:
    """The matriks cascading workbook (:mod:`..spreadsheet.exporter`), or ``None`` without
    openpyxl."""
    if not xlsx_available():
        return None
    from ..spreadsheet.exporter import export_bytes

    return export_bytes(result)
