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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..tree import spec
from ..tree.check import CheckResult
from ..tree.graph import Graph
from ..tree.model import NOWHERE, Indicator, Loc, Node, Site
from .capaian import indicator_achievement
from .funding import Funding, funding
from .lineage import SupportIndex, lineage

FORMAT_VERSION = 5
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
    spec.PROBLEM_THEME,
    spec.CAUSE,
)
"""The objects whose export says where they were written (a reviewer goes to their line); the
small objects inside them (periode, kondisi_awal, pejabat …) are found at their owner's."""

NODE_OPD = "opd"
"""A node's agency (its OPD id; ``null`` in the regional tree): derived from the file it is in."""
INDICATOR_NODE = "node"
"""An indicator's node id: derived from where it is written."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --- the budget behind an indicator (derived, issue 13) -----------------------------------------


@dataclass(frozen=True, slots=True)
class Support:
    """What the export says about the indicators and money behind one indicator: its declared
    direct supporters and :class:`.Funding`."""

    supporters: list[str]
    """The ids of the indicators that name it in ``mendukung`` and whose link carries support
    (its declared lineage one step down), in file order."""
    funding: Funding


class Supports:
    """:class:`Support` of each indicator of a site, computed once on request with one
    :class:`.SupportIndex` for the whole site (near-linear at 15,000 indicators); ``pohon.json``
    and ``indikator.csv`` may share one."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.index = SupportIndex.of(graph)
        self._found: dict[str, Support] = {}
        self._by_node: dict[str, Funding] = {}
        """Node-level funding by node: the same for every undeclared indicator of a node."""

    def of(self, indicator: Indicator) -> Support:
        found = self._found.get(indicator.id)
        if found is None:
            found = self._found[indicator.id] = self._support(indicator)
        return found

    def _support(self, indicator: Indicator) -> Support:
        below = lineage(self.graph, indicator, self.index, upwards=False)
        direct = [step.indicator.id for step in below.down if step.distance == 1]
        if below.declared:
            return Support(direct, funding(self.graph, below, self.index))
        shared = self._by_node.get(indicator.node_id)
        if shared is None:
            shared = self._by_node[indicator.node_id] = funding(self.graph, below, self.index)
        return Support(direct, replace(shared, subject=indicator))


@dataclass(frozen=True, slots=True)
class Derived:
    """A value the export adds to each indicator, computed from the indicator links: its name
    (in the YAML vocabulary), its JSON Schema, what it means, and how it is read off
    :class:`Support`."""

    name: str
    schema: dict[str, Any]
    doc: str
    value: Callable[[Support], Any]


def _pagu(support: Support) -> dict[str, Any]:
    return {str(year): amount for year, amount in support.funding.by_year.items()}


INDICATOR_SUPPORT: tuple[Derived, ...] = (
    Derived(
        "didukung_oleh",
        spec.ListOf(spec.Ref()).json_schema(),
        "Ids of the indicators that name this one in their 'mendukung' (its declared "
        "supporters one step down, across agencies through crosscutting), in file order.",
        lambda s: s.supporters,
    ),
    Derived(
        "pendukung_dinyatakan",
        spec.Boolean().json_schema(),
        "true: the budget figures follow the 'mendukung' links; false: nothing is declared "
        "for this indicator (it names nothing and nothing names it), so they count the "
        "undeclared sub kegiatan below its node (node-level, not a claim of support).",
        lambda s: s.funding.declared,
    ),
    Derived(
        "pagu_pendukung",
        spec.YearMap(spec.Number()).json_schema(),
        "Total budget (rupiah) per year of the sub kegiatan that support this indicator, "
        "each counted once, across agencies; its own node's when it is a sub kegiatan.",
        _pagu,
    ),
    Derived(
        "jumlah_sub_kegiatan_pendukung",
        {"type": "integer", "minimum": 0},
        "How many sub kegiatan with a budget that sum is taken from.",
        lambda s: len(s.funding.nodes),
    ),
    Derived(
        "jumlah_opd_pendukung",
        {"type": "integer", "minimum": 0},
        "How many agencies those sub kegiatan belong to.",
        lambda s: len(s.funding.opds),
    ),
)
"""The values each indicator of ``pohon.json`` gets after ``node``, in this order. "Sub
kegiatan": the nodes of the lowest level of the scheme whose nodes carry ``anggaran``
(:mod:`.funding`)."""


# --- pohon.json ---------------------------------------------------------------------------------


def _nullable(field: spec.Field) -> bool:
    """Whether the export may hold ``null`` for ``field``: an optional single value the source
    did not give. Lists and year maps are empty instead, a boolean is false."""
    return not field.required and not isinstance(
        field.type, spec.ListOf | spec.YearMap | spec.Boolean
    )


class _Exporter:
    """Turns a checked site into the export's plain JSON values, walking the specs."""

    def __init__(self, result: CheckResult, supports: Supports | None = None) -> None:
        self.files = _tree_relative_files(result.site)
        self.supports = supports or Supports(result.graph)

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
            support = self.supports.of(obj)
            for derived in INDICATOR_SUPPORT:
                out[derived.name] = derived.value(support)
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
            if vtype.is_shorthand(value):
                return value
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


def export_data(result: CheckResult, supports: Supports | None = None) -> dict[str, Any]:
    """The export as plain JSON values (what ``pohon.json`` holds, schema included).
    ``supports``: the site's :class:`Supports`, when the caller shares one."""
    site = result.site
    exporter = _Exporter(result, supports)
    return {
        "format_version": FORMAT_VERSION,
        "pemda": exporter.object(spec.REGION, site.region) if site.region else None,
        "skema": site.scheme,
        # A level's `pk` and `anggaran` as in force (a scheme that leaves them unsaid gets the
        # defaults the site applies), not as written.
        "tingkat": [
            {
                **exporter.object(spec.LEVEL, level),
                "pk": level.on_pk,
                "anggaran": level.carries_budget,
            }
            for level in site.levels
        ],
        "opd": [exporter.object(spec.OPD, opd) for opd in site.opds.values()],
        "node": [exporter.object(spec.NODE, node) for node in site.nodes.values()],
        "masalah": [exporter.object(spec.PROBLEM_THEME, theme) for theme in site.problems],
        "schema": export_schema(),
    }


def model_json(result: CheckResult, supports: Supports | None = None) -> str:
    """``pohon.json``: the whole model under the export's names, with the export's JSON Schema.
    ``supports``: the site's :class:`Supports`, when the caller shares one."""
    return json.dumps(export_data(result, supports), ensure_ascii=False, indent=1) + "\n"


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
        for derived in INDICATOR_SUPPORT:
            properties[derived.name] = {**derived.schema, "description": derived.doc}
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

    for top in (spec.REGION, spec.LEVEL, spec.OPD, spec.NODE, spec.PROBLEM_THEME):
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
            "skema": {
                **spec.Choice(spec.SCHEMES).json_schema(),
                "description": "The level scheme whose words the site uses "
                "('pengaturan.skema'; 'sakip' unless the site names another).",
            },
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
            "masalah": {
                "type": "array",
                "items": {"$ref": f"#/$defs/{spec.PROBLEM_THEME.name}"},
                "description": "The problem trees (pemda.yaml 'masalah'): per theme, the core "
                "problem and its causes, nested; a cause without causes is a root cause. Nodes "
                "name the causes they address under 'menangani'.",
            },
            "schema": {"type": "object", "description": "This schema."},
        },
        "required": [
            "format_version",
            "pemda",
            "skema",
            "tingkat",
            "opd",
            "node",
            "masalah",
            "schema",
        ],
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


def csv_columns(site: Site, supports: Supports | None = None) -> list[Column]:
    """The columns of ``indikator.csv``, in order: header (public, docs/export.md) and value.
    ``supports``: the site's :class:`Supports` (built here from the site when not given)."""
    years = list(site.years)
    support = (supports or Supports(Graph.build(site))).of

    def pagu(year: int) -> Callable[[Indicator], Any]:
        return lambda i: support(i).funding.by_year.get(year)

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
        ("pendukung_dinyatakan", lambda i: _csv_value(support(i).funding.declared)),
        *((f"pagu_pendukung_{y}", pagu(y)) for y in years),
        ("jumlah_sub_kegiatan_pendukung", lambda i: len(support(i).funding.nodes)),
        ("jumlah_opd_pendukung", lambda i: len(support(i).funding.opds)),
        _indicator_field("penanggung_jawab"),
    ]


def indicators_csv(result: CheckResult, supports: Supports | None = None) -> str:
    """Every indicator, one row each (UTF-8, comma separated, header first). ``supports``: the
    site's :class:`Supports`, when the caller shares one."""
    site = result.site
    columns = csv_columns(site, supports or Supports(result.graph))
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
