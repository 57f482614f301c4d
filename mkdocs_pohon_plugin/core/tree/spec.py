"""The YAML format, declared once.

Each object of the format (a node, an indicator, ...) is an :class:`ObjectSpec`: its Indonesian keys,
the model attribute each key fills, its value type, whether it is required and what it means.
The loader (:mod:`.loader`) reads files by walking these specs, and :mod:`.json_schema` turns the
same specs into the published JSON Schema, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import model

ID_PATTERN = r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$"
ID_MAX_LENGTH = 80
PROGRAM_PATTERN = r"^\d\.\d{2}\.\d{2}$"
KEGIATAN_PATTERN = r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$"
SUB_KEGIATAN_PATTERN = r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.(?:\d{4}|\d{2})$"
OPD_CODE_PATTERN = r"^\d\.\d{2}\.\d\.\d{2}\.\d\.\d{2}\.\d{2}\.\d{4}$"

POLARITIES = ("maksimal", "minimal", "stabil")
CROSSCUTTING_STATUSES = ("menunggu", "disetujui", "ditolak")
INDICATOR_KINDS = ("dampak", "outcome", "output")
REPORTING_PERIODS = ("bulanan", "triwulanan", "semesteran", "tahunan")
REGION_KINDS = ("kabupaten", "kota", "provinsi")
OPD_KINDS = (
    "dinas",
    "badan",
    "kantor",
    "sekretariat",
    "inspektorat",
    "kecamatan",
    "kelurahan",
    "lainnya",
)
LEVEL_SCOPES = ("pemda", "opd")
CODE_KINDS = ("program", "kegiatan", "sub_kegiatan")
QUARTERS = ("tw1", "tw2", "tw3", "tw4")


# --- value types -------------------------------------------------------------------------------
# Each type knows its JSON Schema; the loader dispatches on the type's class to convert values.


@dataclass(frozen=True, slots=True)
class Text:
    """Free text. Unquoted values that YAML reads as numbers, booleans or dates are refused."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}


@dataclass(frozen=True, slots=True)
class Ident:
    """A stable id: part of a URL."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH}


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a node id."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX_LENGTH}


@dataclass(frozen=True, slots=True)
class Code:
    """A code that looks like a number to YAML but is text (Kemendagri code, NIP)."""

    pattern: str | None = None

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string"}
        if self.pattern:
            schema["pattern"] = self.pattern
        return schema


@dataclass(frozen=True, slots=True)
class Year:
    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": 1900, "maximum": 2200}


@dataclass(frozen=True, slots=True)
class Integer:
    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer"}


@dataclass(frozen=True, slots=True)
class Number:
    """A number (budget in rupiah)."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": 0}


@dataclass(frozen=True, slots=True)
class Measure:
    """A target, realisation or baseline: a number, or text for a qualitative target."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": ["number", "string"]}


@dataclass(frozen=True, slots=True)
class Boolean:
    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True, slots=True)
class Choice:
    options: tuple[str, ...]

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


@dataclass(frozen=True, slots=True)
class ListOf:
    item: ValueType

    def json_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.json_schema()}


@dataclass(frozen=True, slots=True)
class YearMap:
    """A mapping from year to value, e.g. targets per year of the period."""

    item: ValueType

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": r"^(19|20|21)\d\d$"},
            "additionalProperties": self.item.json_schema(),
        }


@dataclass(frozen=True, slots=True)
class Obj:
    spec: ObjectSpec

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.spec.name}"}


ValueType = (
    Text
    | Ident
    | Ref
    | Code
    | Year
    | Integer
    | Number
    | Measure
    | Boolean
    | Choice
    | ListOf
    | YearMap
    | Obj
)


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    attr: str
    type: ValueType
    doc: str
    required: bool = False
    export: str | None = None
    """The field's name in the public export (``pohon.json``); ``None``: its YAML key."""

    @property
    def export_name(self) -> str:
        return self.export or self.key


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """One object of the format: its keys and the model class (or plain dict) it becomes."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    build: Callable[..., Any] | None = None
    """Model class to build from the values; ``None`` builds a dict keyed by YAML key."""
    by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {f.key: f for f in self.fields})

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


# --- the objects of the format -----------------------------------------------------------------

PERIOD = ObjectSpec(
    "periode",
    "Planning period (e.g. the RPJMD's five years).",
    (
        Field("awal", "start", Year(), "First year of the period.", required=True),
        Field("akhir", "end", Year(), "Last year of the period.", required=True),
    ),
    model.Period,
)

NOMENCLATURE = ObjectSpec(
    "nomenklatur",
    "The Kemendagri nomenclature version the trees follow.",
    (
        Field("versi", "version", Text(), "Version, e.g. 'Kepmendagri 900.1.15.5-1317/2023'."),
        Field(
            "berkas",
            "folder",
            Text(),
            "Folder, relative to the trees folder, with program.csv, kegiatan.csv, sub_kegiatan.csv.",
        ),
    ),
    model.NomenclatureRef,
)

REGION = ObjectSpec(
    "pemda",
    "The regional government that owns the site.",
    (
        Field("nama", "name", Text(), "Name of the regency, city or province.", required=True),
        Field("jenis", "kind", Choice(REGION_KINDS), "Kind of regional government."),
        Field("kode", "code", Code(), "Region code (e.g. '33.99')."),
        Field("kepala_daerah", "head", Text(), "Position that owns the regional tree (Bupati …)."),
        Field("periode", "period", Obj(PERIOD), "Planning period.", required=True),
        Field("dokumen", "document", Text(), "Planning document the tree follows (RPJMD …)."),
        Field("nomenklatur", "nomenclature", Obj(NOMENCLATURE), "Nomenclature the codes follow."),
    ),
    model.Region,
)

LEVEL = ObjectSpec(
    "tingkat",
    "One level of the level scheme, from top to bottom.",
    (
        Field("id", "id", Ident(), "Level id used in nodes' 'tingkat'.", required=True),
        Field("nama", "name", Text(), "Label shown on the site (Indonesian).", required=True),
        Field("nama_en", "name_en", Text(), "Label shown on the English site."),
        Field(
            "lingkup", "scope", Choice(LEVEL_SCOPES), "Regional tree or agency tree.", required=True
        ),
        Field("kode", "code_kind", Choice(CODE_KINDS), "Kind of Kemendagri code nodes carry."),
        Field("berulang", "repeats", Boolean(), "A node may have a child of the same level."),
    ),
    model.Level,
)

SETTINGS = ObjectSpec(
    "pengaturan",
    "Site settings.",
    (
        Field("tingkat", "levels", ListOf(Obj(LEVEL)), "Replaces the default level scheme."),
        Field(
            "aturan_nonaktif",
            "disabled_rules",
            ListOf(Text()),
            "Warning rules this site switches off.",
        ),
    ),
    model.Settings,
)

OPD = ObjectSpec(
    "opd",
    "An agency (perangkat daerah).",
    (
        Field("id", "id", Ident(), "Stable id of the agency; becomes its URL.", required=True),
        Field("nama", "name", Text(), "Official name.", required=True),
        Field("singkatan", "short_name", Text(), "Short name for tables and diagrams."),
        Field("kode", "code", Code(OPD_CODE_PATTERN), "22-character OPD code."),
        Field("kepala", "head", Text(), "Head of the agency (position)."),
        Field("jenis", "kind", Choice(OPD_KINDS), "Kind of agency."),
    ),
    model.Opd,
)

BASELINE = ObjectSpec(
    "kondisi_awal",
    "Baseline (kondisi awal) and its year.",
    (
        Field("tahun", "year", Year(), "Year the baseline was measured.", required=True),
        Field("nilai", "value", Measure(), "Baseline value.", required=True),
    ),
    model.Baseline,
)

QUARTERS_SPEC = ObjectSpec(
    "triwulan",
    "Realisation per quarter (TW I–IV).",
    tuple(
        Field(q, q, Measure(), f"Realisation in quarter {i + 1}.") for i, q in enumerate(QUARTERS)
    ),
)

INDICATOR = ObjectSpec(
    "indikator",
    "A performance indicator.",
    (
        Field("id", "id", Ident(), "Stable id, unique in the site.", required=True),
        Field("nama", "name", Text(), "Indicator name.", required=True),
        Field("satuan", "unit", Text(), "Unit (satuan)."),
        Field(
            "polaritas",
            "polarity",
            Choice(POLARITIES),
            "maksimal: higher is better; minimal: lower is better; stabil: hit the value.",
            required=True,
        ),
        Field("jenis", "kind", Choice(INDICATOR_KINDS), "Kind of indicator."),
        Field("iku", "is_iku", Boolean(), "Part of the Indikator Kinerja Utama."),
        Field("kondisi_awal", "baseline", Obj(BASELINE), "Baseline and its year."),
        Field("target", "targets", YearMap(Measure()), "Target per year of the period."),
        Field("target_akhir", "final_target", Measure(), "End-of-period target."),
        Field("realisasi", "realisations", YearMap(Measure()), "Realisation per year."),
        Field(
            "realisasi_triwulan",
            "quarterly",
            YearMap(Obj(QUARTERS_SPEC)),
            "Realisation per year and quarter.",
        ),
        Field("definisi", "definition", Text(), "Operational definition."),
        Field("formula", "formula", Text(), "How the indicator is computed."),
        Field("sumber_data", "data_source", Text(), "Data source."),
        Field(
            "periode_pelaporan", "reporting_period", Choice(REPORTING_PERIODS), "Reporting period."
        ),
        Field("keterangan", "notes", Text(), "Free notes."),
        Field("id_lama", "former_ids", ListOf(Ident()), "Former ids (for redirects)."),
    ),
    model.Indicator,
)

OFFICIAL = ObjectSpec(
    "pejabat",
    "Holder of the responsible position.",
    (
        Field("nama", "name", Text(), "Name of the official."),
        Field("nip", "nip", Code(r"^\d{18}$"), "NIP (18 digits, written in quotes)."),
    ),
    model.Official,
)

CROSSCUTTING = ObjectSpec(
    "crosscutting",
    "A crosscutting link to a node of another agency or to an outside body.",
    (
        Field("ke", "target_id", Ref(), "Node of another agency this node works with."),
        Field("instansi", "body", Text(), "An outside body (ministry, province …)."),
        Field("peran", "role", Text(), "Role the partner plays.", required=True),
        Field("keterangan", "note", Text(), "Note."),
        Field(
            "status",
            "status",
            Choice(CROSSCUTTING_STATUSES),
            "menunggu (pending), disetujui (agreed), ditolak (rejected).",
            required=True,
        ),
    ),
    model.Crosscutting,
)

NODE = ObjectSpec(
    "node",
    "A node of a pohon kinerja.",
    (
        Field(
            "id", "id", Ident(), "Stable id, unique in the site; becomes the URL.", required=True
        ),
        Field("tingkat", "level", Text(), "Level id in the level scheme.", required=True),
        Field("induk", "parent_id", Ref(), "Parent node (any file); one level up."),
        Field("urutan", "order", Integer(), "Order among siblings."),
        Field(
            "pernyataan", "statement", Text(), "The condition, phrased as a change.", required=True
        ),
        Field("penanggung_jawab", "responsible", Text(), "Responsible position (jabatan)."),
        Field("pejabat", "official", Obj(OFFICIAL), "Holder of the position."),
        Field("unit_kerja", "work_unit", Text(), "Organisational unit (bidang, seksi)."),
        Field("kode", "code", Code(), "Kemendagri program, kegiatan or sub kegiatan code."),
        Field("anggaran", "budget", YearMap(Number()), "Budget per year, in rupiah."),
        Field("indikator", "indicators", ListOf(Obj(INDICATOR)), "Indicators."),
        Field("crosscutting", "crosscutting", ListOf(Obj(CROSSCUTTING)), "Crosscutting links."),
        Field("tag", "tags", ListOf(Text()), "Tags (stunting, program-unggulan …)."),
        Field("keterangan", "notes", Text(), "Free notes."),
        Field("id_lama", "former_ids", ListOf(Ident()), "Former ids (for redirects)."),
    ),
    model.Node,
)

REGIONAL_FILE = ObjectSpec(
    "berkas_pemda",
    "The regional file: the regional government, site settings and the regional tree.",
    (
        Field("pemda", "region", Obj(REGION), "The regional government.", required=True),
        Field("pengaturan", "settings", Obj(SETTINGS), "Site settings."),
        Field("node", "nodes", ListOf(Obj(NODE)), "Nodes of the regional tree."),
    ),
)

OPD_FILE = ObjectSpec(
    "berkas_opd",
    "An agency file: the agency and its nodes.",
    (
        Field("opd", "opd", Obj(OPD), "The agency.", required=True),
        Field("node", "nodes", ListOf(Obj(NODE)), "Nodes of the agency's tree."),
    ),
)

ALL_SPECS: tuple[ObjectSpec, ...] = (
    REGIONAL_FILE,
    OPD_FILE,
    REGION,
    PERIOD,
    NOMENCLATURE,
    SETTINGS,
    LEVEL,
    OPD,
    NODE,
    OFFICIAL,
    INDICATOR,
    BASELINE,
    QUARTERS_SPEC,
    CROSSCUTTING,
)


def default_levels() -> list[model.Level]:
    """The regional SAKIP scheme (PermenPANRB 89/2021), used unless a site replaces it."""
    return [
        model.Level("visi", "Visi", "pemda", "Vision"),
        model.Level("misi", "Misi", "pemda", "Mission"),
        model.Level("tujuan", "Tujuan", "pemda", "Goal"),
        model.Level("sasaran", "Sasaran", "pemda", "Regional target"),
        model.Level("sasaran_strategis", "Sasaran Strategis", "opd", "Strategic target"),
        model.Level("sasaran_program", "Sasaran Program", "opd", "Program target", "program"),
        model.Level("sasaran_kegiatan", "Sasaran Kegiatan", "opd", "Activity target", "kegiatan"),
        model.Level(
            "sasaran_sub_kegiatan",
            "Sasaran Sub Kegiatan",
            "opd",
            "Sub-activity target",
            "sub_kegiatan",
        ),
    ]
