"""The YAML format, declared once.

Each object of the format (a node, an indicator, ...) is an :class:`ObjectSpec`: its Indonesian keys,
the model attribute each key fills, its value type, whether it is required and what it means.
The loader (:mod:`.load`) reads files by walking these specs, :mod:`.json_schema` turns the
same specs into the published JSON Schema, ``fmt`` orders keys by them, and the spreadsheet importer,
exporter and template (:mod:`..spreadsheet.columns`) take each field's column from its
:class:`SheetColumn`. A new field is one :class:`Field` line here: with ``attr=None`` its value lives
in the model object's ``extra`` mapping (read and written through :meth:`Field.get` /
:meth:`Field.set`), so no model class or other module has to change.
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
CODE_KINDS = model.KEMENDAGRI_CODE_KINDS
FREE_CODE = model.FREE_CODE_SYSTEM
"""A level's code system that is not Kemendagri's: free codes, checked by the level's
``pola_kode`` when it gives one (``Int.O.1.1``)."""
CODE_SYSTEMS = (*CODE_KINDS, FREE_CODE)
SCHEMES = ("sakip", "kl")
"""The level schemes Pohon ships (``pengaturan.skema``): the regional SAKIP scheme (default) and
a ministry/agency (K/L) outcome scheme; see :func:`scheme_levels`."""
QUARTERS = ("tw1", "tw2", "tw3", "tw4")
ECHELONS = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b", "fungsional", "pelaksana")
"""The kinds of position (``jabatan.eselon``): the structural echelons an agency of a regency or
city has (II.a–IV.b, PP 100/2000 and the SOTK regulations), and the non-structural posts."""
PK_ECHELONS = ("II.a", "II.b", "III.a", "III.b", "IV.a", "IV.b")
"""The echelons whose holders sign a Perjanjian Kinerja of their own (eselon II, III and IV)."""

YEAR_MIN = 1900
YEAR_MAX = 2200
"""A year in a tree (period, baseline, year keys) lies in ``YEAR_MIN..YEAR_MAX``."""
YEAR_DIGITS = r"(?:19|20|21)\d\d"
"""How a year is written (four digits, 1900–2199): a year key, a year in a column header."""

POLARITY_WORDS: tuple[tuple[str, str], ...] = (
    ("maksimum", "maksimal"),
    ("max", "maksimal"),
    ("positif", "maksimal"),
    ("naik", "maksimal"),
    ("meningkat", "maksimal"),
    ("minimum", "minimal"),
    ("min", "minimal"),
    ("negatif", "minimal"),
    ("turun", "minimal"),
    ("menurun", "minimal"),
    ("tetap", "stabil"),
)
"""Other words a spreadsheet cell may use for a polarity."""
STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("pending", "menunggu"),
    ("diusulkan", "menunggu"),
    ("setuju", "disetujui"),
    ("sepakat", "disetujui"),
    ("tolak", "ditolak"),
)
"""Other words a spreadsheet cell may use for the status of a crosscutting link."""


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
        return {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}


@dataclass(frozen=True, slots=True)
class Date:
    """A calendar date, ``YYYY-MM-DD`` (plain or quoted); the model keeps it as that text."""

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


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
    baseline_year: bool = False
    """The baseline year (the year before the period, where a baseline without its own year
    sits) is allowed besides the period's years: a budget of the baseline year."""

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{YEAR_DIGITS}$"},
            "additionalProperties": self.item.json_schema(),
        }


@dataclass(frozen=True, slots=True)
class Obj:
    """An object of the format; when its spec has a :attr:`ObjectSpec.shorthand`, a lone value
    may stand for it (``2025`` for ``{tahun: 2025}``) and the model keeps that value as it is."""

    spec: ObjectSpec

    def json_schema(self) -> dict[str, Any]:
        ref = {"$ref": f"#/$defs/{self.spec.name}"}
        short = self.spec.shorthand_field
        if short is None:
            return ref
        return {"anyOf": [short.type.json_schema(), ref]}

    def is_shorthand(self, value: Any) -> bool:
        """Whether ``value`` (a model value of this type) is written as the lone shorthand
        value rather than as an object."""
        return self.spec.shorthand is not None and isinstance(value, int | float | str)


ValueType = (
    Text
    | Ident
    | Ref
    | Code
    | Year
    | Date
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
class SheetColumn:
    """A field's column in the cascading workbook (``import-xlsx``, ``export-xlsx``,
    ``xlsx-template`` and ``docs/xlsx.md``). Headers are compared after
    :func:`..spreadsheet.columns.normalise`."""

    key: str
    """The column's name in the spreadsheet code (``unit``, ``target``, ``indicator_notes``)."""
    header: str
    """The header the exporter and the template write (for yearly columns, ``{year}`` is filled)."""
    variants: tuple[str, ...] = ()
    """Other headers accepted (normalised), ``{year}`` for yearly columns."""
    doc: str = ""
    width: float = 12
    printed: bool = True
    """Inside the print area of an exported sheet; technical columns sit to the right of it."""
    yearly: bool = False
    """One column per year (a :class:`YearMap` field): ``Target 2025``, ``Target 2026`` …"""
    optional: bool = False
    """An exported sheet has the column only when some row has a value (the template always); a
    yearly column only the years some row has (else every year of the period)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """For a :class:`Choice`: other words a cell may use, each with the option it means."""
    blank: str | None = None
    """For a :class:`Choice`: the value of a blank (or unreadable) cell, reported as assumed."""


@dataclass(frozen=True, slots=True)
class Field:
    """One key of an object of the format, declared once: the loader, the JSON Schema, ``fmt``,
    ``diff``, the spreadsheet columns and the public export all read it from here."""

    key: str
    """The YAML key; the order of an object's fields is the canonical order of its keys."""
    attr: str | None
    """The model attribute the value fills; ``None``: the value lives in the model object's
    ``extra`` mapping under :attr:`key` (a field added to the format without a model change)."""
    type: ValueType
    doc: str
    required: bool = False
    export: str | None = None
    """The field's name in the public export (``pohon.json``); ``None``: its YAML key."""
    label: tuple[str, str] | None = None
    """How a reader names the field: (Indonesian, English)."""
    column: SheetColumn | None = None
    """Its column in the cascading workbook; ``None``: not in the workbook."""

    @property
    def export_name(self) -> str:
        return self.export or self.key

    @property
    def name(self) -> str:
        """The name the value has in a model object: its attribute, else its YAML key."""
        return self.attr or self.key

    def get(self, obj: Any) -> Any:
        """The field's value in ``obj`` (a model object, or a dict built by a spec without a
        model class); ``None`` when unset."""
        if isinstance(obj, dict):
            return obj.get(self.name)
        if self.attr is None:
            return obj.extra.get(self.key)
        return getattr(obj, self.attr)

    def set(self, obj: Any, value: Any) -> None:
        """Give the field ``value`` in ``obj``; ``None`` for an ``extra`` field removes it."""
        if isinstance(obj, dict):
            obj[self.name] = value
        elif self.attr is not None:
            setattr(obj, self.attr, value)
        elif value is None:
            obj.extra.pop(self.key, None)
        else:
            obj.extra[self.key] = value


@dataclass(frozen=True, slots=True, eq=False)
class ObjectSpec:
    """One object of the format: its keys and the model class (or plain dict) it becomes.

    Specs compare and hash by identity (each is declared once): a spec may hold itself (a
    cause's sub-causes, :data:`CAUSE`), which a field-by-field comparison would never finish."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    build: Callable[..., Any] | None = None
    """Model class to build from the values; ``None`` builds a dict keyed by YAML key."""
    shorthand: str | None = None
    """The key a lone value fills when it stands for the whole object (``2025`` for
    ``{tahun: 2025}``); ``None``: the object is always a mapping."""
    by_key: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_key", {f.key: f for f in self.fields})
        if len(self.by_key) != len(self.fields) or any(f.attr == "extra" for f in self.fields):
            raise ValueError(f"{self.name}: a key declared twice, or an attribute named 'extra'")
        if self.shorthand is not None and self.shorthand not in self.by_key:
            raise ValueError(f"{self.name}: the shorthand {self.shorthand!r} is not a key")

    @property
    def shorthand_field(self) -> Field | None:
        return self.by_key[self.shorthand] if self.shorthand is not None else None

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.required)


# --- the objects of the format -----------------------------------------------------------------

PERIOD = ObjectSpec(
    "periode",
    "Planning period (e.g. the RPJMD's five years).",
    (
        Field(
            "awal",
            "start",
            Year(),
            "First year of the period.",
            required=True,
            label=("Awal", "Start"),
        ),
        Field(
            "akhir",
            "end",
            Year(),
            "Last year of the period.",
            required=True,
            label=("Akhir", "End"),
        ),
    ),
    model.Period,
)

NOMENCLATURE = ObjectSpec(
    "nomenklatur",
    "The Kemendagri nomenclature version the trees follow.",
    (
        Field(
            "versi",
            "version",
            Text(),
            "Version, e.g. 'Kepmendagri 900.1.15.5-1317/2023'.",
            label=("Versi", "Version"),
        ),
        Field(
            "berkas",
            "folder",
            Text(),
            "Folder, relative to the trees folder, with program.csv, kegiatan.csv, sub_kegiatan.csv.",
            label=("Berkas", "Folder"),
        ),
    ),
    model.NomenclatureRef,
)

REGION = ObjectSpec(
    "pemda",
    "The regional government that owns the site.",
    (
        Field(
            "nama",
            "name",
            Text(),
            "Name of the regency, city or province.",
            required=True,
            label=("Nama", "Name"),
        ),
        Field(
            "jenis",
            "kind",
            Choice(REGION_KINDS),
            "Kind of regional government.",
            label=("Jenis", "Kind"),
        ),
        Field("kode", "code", Code(), "Region code (e.g. '33.99').", label=("Kode", "Code")),
        Field(
            "kepala_daerah",
            "head",
            Text(),
            "Position that owns the regional tree (Bupati …).",
            label=("Kepala Daerah", "Regional head"),
        ),
        Field(
            "periode",
            "period",
            Obj(PERIOD),
            "Planning period.",
            required=True,
            label=("Periode", "Period"),
        ),
        Field(
            "dokumen",
            "document",
            Text(),
            "Planning document the tree follows (RPJMD …).",
            label=("Dokumen", "Document"),
        ),
        Field(
            "nomenklatur",
            "nomenclature",
            Obj(NOMENCLATURE),
            "Nomenclature the codes follow.",
            label=("Nomenklatur", "Nomenclature"),
        ),
    ),
    model.Region,
)

LEVEL = ObjectSpec(
    "tingkat",
    "One level of the level scheme, from top to bottom.",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Level id used in nodes' 'tingkat'.",
            required=True,
            label=("ID", "ID"),
        ),
        Field(
            "nama",
            "name",
            Text(),
            "Label shown on the site (Indonesian).",
            required=True,
            label=("Nama", "Name"),
        ),
        Field(
            "nama_en",
            "name_en",
            Text(),
            "Label shown on the English site.",
            label=("Nama (Inggris)", "Name (English)"),
        ),
        Field(
            "nama_jamak",
            "plural",
            Text(),
            "Plural label for headings (Indonesian); the name when absent.",
            label=("Nama Jamak", "Plural name"),
        ),
        Field(
            "nama_jamak_en",
            "plural_en",
            Text(),
            "Plural label for headings on the English site.",
            label=("Nama Jamak (Inggris)", "Plural name (English)"),
        ),
        Field(
            "lingkup",
            "scope",
            Choice(LEVEL_SCOPES),
            "Regional tree or agency tree.",
            required=True,
            label=("Lingkup", "Scope"),
        ),
        Field(
            "kode",
            "code_kind",
            Choice(CODE_SYSTEMS),
            "Code system of the level's nodes: a Kemendagri program, kegiatan or sub_kegiatan "
            "code, or 'bebas' (a free code, checked by 'pola_kode').",
            label=("Kode", "Code"),
        ),
        Field(
            "pola_kode",
            "code_pattern",
            Text(),
            "Regular expression a free code must match, e.g. '^Int\\.O\\.\\d+(\\.\\d+)*$'.",
            label=("Pola Kode", "Code pattern"),
        ),
        Field(
            "contoh_kode",
            "code_example",
            Text(),
            "An example of a well-formed free code, quoted in diagnostics.",
            label=("Contoh Kode", "Code example"),
        ),
        Field(
            "berulang",
            "repeats",
            Boolean(),
            "A node may have a child of the same level.",
            label=("Berulang", "Repeats"),
        ),
        Field(
            "pk",
            "pk",
            Boolean(),
            "The level's nodes are the targets of the Perjanjian Kinerja (default: the agency "
            "levels without a Kemendagri code).",
            label=("Perjanjian Kinerja", "Performance agreement"),
        ),
        Field(
            "pihak_kedua",
            "pk_signer",
            Text(),
            "Position of the PK's second party for this level (default: the regional head).",
            label=("Pihak Kedua PK", "PK second party"),
        ),
        Field(
            "anggaran",
            "budget",
            Boolean(),
            "The level's nodes carry budgets (default: the Kemendagri-coded levels).",
            label=("Anggaran", "Budget"),
        ),
    ),
    model.Level,
)

QUALITY = ObjectSpec(
    "mutu",
    "Word lists and thresholds of the logic rules (pohon check --profil lke); each key given "
    "replaces its default (docs/rules.md lists the defaults).",
    (
        Field(
            "tingkat_hasil",
            None,
            ListOf(Ident()),
            "Levels whose statements must state a result (outcome) and whose indicators must not "
            "be output indicators.",
            label=("Tingkat Hasil", "Outcome levels"),
        ),
        Field(
            "kata_kegiatan",
            None,
            ListOf(Text()),
            "Words that, opening a statement at an outcome level, make it an activity or process.",
            label=("Kata Kegiatan", "Activity words"),
        ),
        Field(
            "kata_hasil",
            None,
            ListOf(Text()),
            "Words that state a result (besides the -nya forms such as Meningkatnya).",
            label=("Kata Hasil", "Result words"),
        ),
        Field(
            "maks_indikator",
            None,
            Integer(),
            "Most indicators one node may have.",
            label=("Maks. Indikator", "Most indicators"),
        ),
        Field(
            "tahun_laporan",
            None,
            Year(),
            "Last year whose realisation must be recorded; without it, the last year whose "
            "performance report (LKjIP, due by 31 March) is due on the day of the check.",
            label=("Tahun Laporan", "Reported year"),
        ),
    ),
)

SETTINGS = ObjectSpec(
    "pengaturan",
    "Site settings.",
    (
        Field(
            "skema",
            "scheme",
            Choice(SCHEMES),
            "Level scheme: 'sakip' (regional, default) or 'kl' (ministry/agency); its levels "
            "unless 'tingkat' lists its own, and its words on the pages.",
            label=("Skema", "Scheme"),
        ),
        Field(
            "tingkat",
            "levels",
            ListOf(Obj(LEVEL)),
            "Replaces the level scheme's levels.",
            label=("Tingkat", "Levels"),
        ),
        Field(
            "aturan_nonaktif",
            "disabled_rules",
            ListOf(Text()),
            "Warning rules this site switches off.",
            label=("Aturan Nonaktif", "Disabled rules"),
        ),
        Field(
            "mutu",
            None,
            Obj(QUALITY),
            "Word lists and thresholds of the logic rules (pohon check --profil lke).",
            label=("Mutu", "Quality"),
        ),
    ),
    model.Settings,
)

OFFICIAL = ObjectSpec(
    "pejabat",
    "Holder of the responsible position.",
    (
        Field(
            "nama",
            "name",
            Text(),
            "Name of the official.",
            label=("Nama", "Name"),
            column=SheetColumn(
                "official_name",
                "Nama Pejabat",
                ("pejabat", "nama penanggung jawab"),
                "Name of the holder of the position.",
                width=22,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "nip",
            "nip",
            Code(r"^\d{18}$"),
            "NIP (18 digits, written in quotes).",
            label=("NIP", "NIP"),
            column=SheetColumn(
                "official_nip",
                "NIP",
                ("nip pejabat",),
                "NIP of the holder (18 digits).",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
    ),
    model.Official,
)

POSITION = ObjectSpec(
    "jabatan",
    "A position (jabatan) of the agency's structure (SOTK): the post that answers for nodes and "
    "indicators and signs a Perjanjian Kinerja with its superior.",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id of the position, unique in the site (recommended: '<opd>.<slug>', e.g. "
            "'dinkes.kabid-kesmas'); nodes and indicators name it under 'jabatan'.",
            required=True,
            label=("ID", "ID"),
        ),
        Field(
            "nama",
            "name",
            Text(),
            "Name of the position (Kepala Bidang Kesehatan Masyarakat …).",
            required=True,
            label=("Jabatan", "Position"),
        ),
        Field(
            "eselon",
            "echelon",
            Choice(ECHELONS),
            "Echelon: II.a, II.b (agency head), III.a, III.b (secretary, head of division), IV.a, "
            "IV.b (head of section or subdivision), fungsional or pelaksana.",
            label=("Eselon", "Echelon"),
        ),
        Field(
            "atasan",
            "superior_id",
            Ident(),
            "Id of the position directly above, in the same agency; absent for the agency's head.",
            label=("Atasan", "Superior"),
        ),
        Field(
            "pejabat",
            "official",
            Obj(OFFICIAL),
            "The current holder of the position.",
            label=("Pejabat", "Official"),
        ),
    ),
    model.Position,
)

PK_SIGNING = ObjectSpec(
    "pk_ditandatangani",
    "A signed Perjanjian Kinerja: its year alone, or the year with when it was signed.",
    (
        Field(
            "tahun",
            "year",
            Year(),
            "Year of the Perjanjian Kinerja.",
            required=True,
            label=("Tahun", "Year"),
        ),
        Field(
            "tanggal",
            "date",
            Date(),
            "Date the parties signed it (YYYY-MM-DD); the PK page notes targets of that year "
            "changed in commits after that day.",
            label=("Tanggal", "Date"),
        ),
        Field(
            "revisi",
            "revision",
            Code(),
            "Git revision of the trees the parties signed (a commit, tag or branch); the PK page "
            "notes targets of that year changed in commits after it.",
            label=("Revisi", "Revision"),
        ),
    ),
    model.PkSigning,
    shorthand="tahun",
)

OPD = ObjectSpec(
    "opd",
    "An agency (perangkat daerah).",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id of the agency; becomes its URL.",
            required=True,
            label=("ID", "ID"),
        ),
        Field(
            "nama",
            "name",
            Text(),
            "Official name.",
            required=True,
            label=("Perangkat Daerah", "Agency"),
        ),
        Field(
            "singkatan",
            "short_name",
            Text(),
            "Short name for tables and diagrams.",
            label=("Singkatan", "Short name"),
        ),
        Field(
            "kode",
            "code",
            Code(OPD_CODE_PATTERN),
            "22-character OPD code.",
            label=("Kode OPD", "Agency code"),
        ),
        Field("kepala", "head", Text(), "Head of the agency (position).", label=("Kepala", "Head")),
        Field(
            "jenis",
            "kind",
            Choice(OPD_KINDS),
            "Kind of agency.",
            label=("Jenis OPD", "Kind of agency"),
        ),
        Field(
            "pk_ditandatangani",
            "pk_signed",
            ListOf(Obj(PK_SIGNING)),
            "Years whose Perjanjian Kinerja the parties have signed, each a year or "
            "{tahun, tanggal, revisi}; the site marks the others as a draft.",
            label=("PK ditandatangani", "PK signed"),
        ),
        Field(
            "jabatan",
            "positions",
            ListOf(Obj(POSITION)),
            "The agency's positions (SOTK) down to eselon IV, each with its superior and holder; "
            "nodes and indicators name the one that answers for them.",
            label=("Jabatan", "Positions"),
        ),
    ),
    model.Opd,
)

BASELINE = ObjectSpec(
    "kondisi_awal",
    "Baseline (kondisi awal) and its year.",
    (
        Field(
            "tahun",
            "year",
            Year(),
            "Year the baseline was measured.",
            required=True,
            label=("Tahun", "Year"),
            column=SheetColumn(
                "baseline_year",
                "Tahun Kondisi Awal",
                ("tahun baseline", "kondisi awal tahun", "baseline tahun"),
                "Year of the baseline. Blank: the year before the period.",
                width=9,
                printed=False,
            ),
        ),
        Field(
            "nilai",
            "value",
            Measure(),
            "Baseline value.",
            required=True,
            label=("Nilai", "Value"),
            column=SheetColumn(
                "baseline",
                "Kondisi Awal",
                (
                    "baseline",
                    "kondisi awal nilai",
                    "nilai kondisi awal",
                    "nilai baseline",
                    "capaian awal",
                ),
                "Baseline value. `Kondisi Awal 2024` / `Baseline 2024` gives the year in the "
                "header.",
                width=10,
            ),
        ),
    ),
    model.Baseline,
)


def _quarter_fields(value: ValueType, what: str) -> tuple[Field, ...]:
    """The four fields ``tw1`` … ``tw4`` of a quarterly object, each holding ``value``;
    ``what``: what a quarter's field holds, for its description ("Target")."""
    return tuple(
        Field(
            q,
            q,
            value,
            f"{what} in quarter {i + 1}.",
            label=(f"TW {'I' * (i + 1) if i < 3 else 'IV'}", f"Q{i + 1}"),
        )
        for i, q in enumerate(QUARTERS)
    )


QUARTERS_SPEC = ObjectSpec(
    "triwulan",
    "Realisation per quarter (TW I–IV).",
    _quarter_fields(Measure(), "Realisation"),
)

QUARTER_TARGETS_SPEC = ObjectSpec(
    "target_triwulan",
    "Target per quarter (TW I–IV) of one year, read like `realisasi_triwulan`: cumulative from "
    "the start of the year unless the indicator says `sifat_triwulan: per_triwulan`.",
    _quarter_fields(Measure(), "Target"),
)

ACTION_PLAN_SPEC = ObjectSpec(
    "rencana_aksi",
    "The action plan of one year: the steps planned in each quarter (TW I–IV), as text.",
    _quarter_fields(Text(), "The steps planned"),
)

QUARTER_BASES = ("kumulatif", "per_triwulan")
"""How an indicator's quarterly figures relate to the year (``sifat_triwulan``): ``kumulatif``
(the default: each quarter counts from the start of the year, TW IV is the year's figure) or
``per_triwulan`` (each quarter on its own; the year is their sum)."""

INDICATOR = ObjectSpec(
    "indikator",
    "A performance indicator.",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id, unique in the site.",
            required=True,
            label=("ID", "ID"),
            column=SheetColumn(
                "indicator_id",
                "ID Indikator",
                doc="Stable id of the indicator; generated from the sasaran id when absent.",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "nama",
            "name",
            Text(),
            "Indicator name.",
            required=True,
            label=("Indikator Kinerja", "Performance indicator"),
            column=SheetColumn(
                "indicator",
                "Indikator Kinerja",
                (
                    "indikator",
                    "nama indikator",
                    "indikator sasaran",
                    "indikator kinerja sasaran",
                    "indikator kinerja utama",
                ),
                "Indicator name: one row per indicator.",
                width=34,
            ),
        ),
        Field(
            "satuan",
            "unit",
            Text(),
            "Unit (satuan).",
            label=("Satuan", "Unit"),
            column=SheetColumn("unit", "Satuan", ("satuan indikator",), "Unit.", width=10),
        ),
        Field(
            "kualitatif",
            None,
            Boolean(),
            "A qualitative indicator: its baseline, targets and realisations may be text (a "
            "predicate such as `A` or an audit opinion such as `WTP`), shown as written and never "
            "compared. Without it every value must be a number.",
            label=("Kualitatif", "Qualitative"),
            column=SheetColumn(
                "qualitative",
                "Kualitatif",
                ("indikator kualitatif", "nilai kualitatif"),
                "`ya` when the targets are text (a predicate, an opinion) rather than numbers.",
                width=8,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "polaritas",
            "polarity",
            Choice(POLARITIES),
            "maksimal: higher is better; minimal: lower is better; stabil: hit the value.",
            required=True,
            label=("Polaritas", "Polarity"),
            column=SheetColumn(
                "polarity",
                "Polaritas",
                ("polarisasi", "arah", "arah kinerja"),
                "`maksimal` (also `max`, `positif`, `naik`), `minimal` (`min`, `negatif`, "
                "`turun`) or `stabil` (`tetap`). Blank: `maksimal` (reported).",
                width=10,
                printed=False,
                aliases=POLARITY_WORDS,
                blank="maksimal",
            ),
        ),
        Field(
            "jenis",
            "kind",
            Choice(INDICATOR_KINDS),
            "Kind of indicator.",
            label=("Jenis Indikator", "Kind of indicator"),
            column=SheetColumn(
                "kind",
                "Jenis Indikator",
                ("jenis",),
                "`dampak`, `outcome` or `output`.",
                width=10,
                printed=False,
            ),
        ),
        Field(
            "iku",
            "is_iku",
            Boolean(),
            "Part of the Indikator Kinerja Utama.",
            label=("IKU", "Key performance indicator"),
            column=SheetColumn(
                "iku",
                "IKU",
                doc="`ya` (also `y`, `iku`, `true`, `1`, `✓`) for an Indikator Kinerja Utama.",
                width=6,
                printed=False,
            ),
        ),
        Field(
            "mendukung",
            "supports",
            ListOf(Ident()),
            "Ids of the indicators above that this indicator drives (cascading kinerja): "
            "indicators of an ancestor sasaran, or of a crosscutting partner.",
            label=("Mendukung Indikator", "Supports indicator"),
            column=SheetColumn(
                "indicator_supports",
                "Mendukung Indikator",
                ("mendukung", "indikator yang didukung"),
                "Ids of the indicators above that this indicator drives, separated by commas.",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "kondisi_awal",
            "baseline",
            Obj(BASELINE),
            "Baseline and its year.",
            label=("Kondisi Awal", "Baseline"),
        ),
        Field(
            "target",
            "targets",
            YearMap(Measure()),
            "Target per year of the period.",
            label=("Target", "Target"),
            column=SheetColumn(
                "target",
                "Target {year}",
                (
                    "{year}",
                    "target tahun {year}",
                    "target kinerja {year}",
                    "target kinerja tahun {year}",
                ),
                "Target of that year: a number (text such as `Predikat A` only for a qualitative "
                "indicator).",
                width=10,
                yearly=True,
            ),
        ),
        Field(
            "target_akhir",
            "final_target",
            Measure(),
            "End-of-period target.",
            label=("Target Akhir", "Final target"),
            column=SheetColumn(
                "final_target",
                "Target Akhir",
                (
                    "target akhir periode",
                    "kondisi akhir",
                    "target akhir renstra",
                    "kondisi kinerja akhir",
                ),
                "End-of-period target, when it differs from the last year's.",
                width=10,
                optional=True,
            ),
        ),
        Field(
            "realisasi",
            "realisations",
            YearMap(Measure()),
            "Realisation per year.",
            label=("Realisasi", "Realisation"),
            column=SheetColumn(
                "realisation",
                "Realisasi {year}",
                ("realisasi tahun {year}", "realisasi kinerja {year}"),
                "Realisation of that year.",
                width=10,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "realisasi_triwulan",
            "quarterly",
            YearMap(Obj(QUARTERS_SPEC)),
            "Realisation per year and quarter.",
            label=("Realisasi Triwulan", "Quarterly realisation"),
            column=SheetColumn(
                "quarterly",
                "Realisasi {year} TW{quarter}",
                ("realisasi tw{quarter} {year}", "tw{quarter} {year}"),
                "Realisation in a quarter (TW I–IV) of that year.",
                width=9,
                printed=False,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "target_triwulan",
            "quarterly_targets",
            YearMap(Obj(QUARTER_TARGETS_SPEC)),
            "Target per year and quarter (the action plan's quarterly targets), read like "
            "`realisasi_triwulan`.",
            label=("Target Triwulan", "Quarterly target"),
            column=SheetColumn(
                "quarterly_target",
                "Target {year} TW{quarter}",
                ("target tw{quarter} {year}",),
                "Target for a quarter (TW I–IV) of that year.",
                width=9,
                printed=False,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "sifat_triwulan",
            "quarterly_basis",
            Choice(QUARTER_BASES),
            "How the quarterly targets and realisations relate to the year: `kumulatif` (the "
            "default; counted from the start of the year, TW IV equals the year) or "
            "`per_triwulan` (each quarter on its own; the year is their sum).",
            label=("Sifat Triwulan", "Quarterly basis"),
            column=SheetColumn(
                "quarterly_basis",
                "Sifat Triwulan",
                ("sifat data triwulan",),
                "`kumulatif` (blank) or `per_triwulan`.",
                width=10,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "rencana_aksi",
            "action_plan",
            YearMap(Obj(ACTION_PLAN_SPEC)),
            "The action plan per year: the steps planned in each quarter, as text.",
            label=("Rencana Aksi", "Action plan"),
            column=SheetColumn(
                "action_plan",
                "Rencana Aksi {year} TW{quarter}",
                ("rencana aksi tw{quarter} {year}", "renaksi {year} tw{quarter}"),
                "The steps planned in a quarter (TW I–IV) of that year.",
                width=24,
                printed=False,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "definisi",
            "definition",
            Text(),
            "Operational definition.",
            label=("Definisi Operasional", "Operational definition"),
            column=SheetColumn(
                "definition",
                "Definisi Operasional",
                ("definisi",),
                "Operational definition.",
                width=30,
                printed=False,
            ),
        ),
        Field(
            "formula",
            "formula",
            Text(),
            "How the indicator is computed.",
            label=("Formula", "Formula"),
            column=SheetColumn(
                "formula",
                "Formula",
                ("rumus", "cara perhitungan", "formulasi", "cara pengukuran"),
                "How it is computed.",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "sumber_data",
            "data_source",
            Text(),
            "Data source.",
            label=("Sumber Data", "Data source"),
            column=SheetColumn(
                "data_source", "Sumber Data", (), "Data source.", width=20, printed=False
            ),
        ),
        Field(
            "periode_pelaporan",
            "reporting_period",
            Choice(REPORTING_PERIODS),
            "Reporting period.",
            label=("Periode Pelaporan", "Reporting period"),
            column=SheetColumn(
                "reporting_period",
                "Periode Pelaporan",
                (),
                "`bulanan`, `triwulanan`, `semesteran` or `tahunan`.",
                width=11,
                printed=False,
            ),
        ),
        Field(
            "penanggung_jawab",
            "responsible",
            Text(),
            "The unit or position answerable for this indicator (a Deputi, a Bidang …), when it "
            "is not the node's responsible position.",
            label=("Penanggung Jawab Indikator", "Indicator owner"),
            column=SheetColumn(
                "indicator_responsible",
                "Penanggung Jawab Indikator",
                ("pj indikator", "pemilik indikator", "unit penanggung jawab indikator"),
                "The unit or position answerable for the indicator, when it is not the sasaran's.",
                width=18,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "jabatan",
            "position_id",
            Ident(),
            "Id of the position (an agency's 'jabatan') that answers for the indicator, when it "
            "is not the node's.",
            label=("Jabatan Indikator", "Indicator position"),
            column=SheetColumn(
                "indicator_position",
                "ID Jabatan Indikator",
                ("kode jabatan indikator",),
                "Id of the position that answers for the indicator, when it is not the sasaran's.",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "keterangan",
            "notes",
            Text(),
            "Free notes.",
            label=("Keterangan", "Notes"),
            column=SheetColumn(
                "indicator_notes",
                "Keterangan Indikator",
                (),
                "Notes on the indicator.",
                width=24,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "alasan_target",
            None,
            Text(),
            "Why the targets fall against the polarity or start below the baseline (a new "
            "measuring method, a one-off event); the logic rules target-melemah and "
            "target-awal-lebih-buruk (pohon check --profil lke) accept the targets with it.",
            label=("Alasan Target", "Reason for the targets"),
            column=SheetColumn(
                "target_reason",
                "Alasan Target",
                (),
                "Why the targets fall or start below the baseline (accepted by the logic rules).",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "id_lama",
            "former_ids",
            ListOf(Ident()),
            "Former ids (for redirects).",
            label=("ID Lama", "Former ids"),
            column=SheetColumn(
                "indicator_former_ids",
                "ID Lama Indikator",
                (),
                "Former ids of the indicator, separated by commas.",
                width=16,
                printed=False,
                optional=True,
            ),
        ),
    ),
    model.Indicator,
)

CROSSCUTTING = ObjectSpec(
    "crosscutting",
    "A crosscutting link to a node of another agency or to an outside body.",
    (
        Field(
            "ke",
            "target_id",
            Ref(),
            "Node of another agency this node works with.",
            label=("Ke", "To"),
            column=SheetColumn(
                "to_id",
                "Ke",
                ("id penerima", "ke id", "id sasaran mitra"),
                "Id of the partner's sasaran (another agency's).",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "instansi",
            "body",
            Text(),
            "An outside body (ministry, province …).",
            label=("Instansi", "Outside body"),
            column=SheetColumn(
                "body",
                "Instansi",
                ("instansi luar", "instansi mitra"),
                "An outside body, when the partner is not a sasaran of the site.",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "peran",
            "role",
            Text(),
            "Role the partner plays.",
            required=True,
            label=("Peran", "Role"),
            column=SheetColumn(
                "role", "Peran", ("peran mitra",), "The role the partner plays.", width=30
            ),
        ),
        Field(
            "keterangan",
            "note",
            Text(),
            "Note.",
            label=("Keterangan", "Note"),
            column=SheetColumn("note", "Keterangan", ("catatan",), "Note.", width=20),
        ),
        Field(
            "status",
            "status",
            Choice(CROSSCUTTING_STATUSES),
            "menunggu (pending), disetujui (agreed), ditolak (rejected).",
            required=True,
            label=("Status", "Status"),
            column=SheetColumn(
                "status",
                "Status",
                (),
                "`menunggu`, `disetujui` or `ditolak`.",
                width=11,
                aliases=STATUS_WORDS,
            ),
        ),
    ),
    model.Crosscutting,
)

NODE = ObjectSpec(
    "node",
    "A node of a pohon kinerja.",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id, unique in the site; becomes the URL.",
            required=True,
            label=("ID", "ID"),
            column=SheetColumn(
                "node_id",
                "ID",
                ("id sasaran", "id node"),
                "Stable id of the sasaran. Without it ids are generated from the OPD id, the "
                "level and the code (or a sequence number): keep the column to keep ids stable.",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "tingkat",
            "level",
            Text(),
            "Level id in the level scheme.",
            required=True,
            label=("Tingkat", "Level"),
            column=SheetColumn(
                "level",
                "Tingkat",
                ("level", "tingkatan", "jenjang", "level sasaran", "tingkat sasaran"),
                "Level: its name (`Sasaran Program`), its id (`sasaran_program`), a short form "
                "(`SS`, `SP`, `SK`, `SSK`) or the kind of code it carries (`Program`, "
                "`Kegiatan`, `Sub Kegiatan`). Blank: the level of the row above.",
                width=13,
            ),
        ),
        Field(
            "induk",
            "parent_id",
            Ref(),
            "Parent node (any file); one level up.",
            label=("Induk", "Parent"),
            column=SheetColumn(
                "parent",
                "Induk",
                ("id induk", "induk id", "sasaran induk", "parent"),
                "Parent: its id, or its statement. Blank: the nearest sasaran one level up above "
                "the row. An agency's top sasaran names a regional sasaran of `pemda.yaml` here.",
                width=24,
                printed=False,
            ),
        ),
        Field(
            "urutan",
            "order",
            Integer(),
            "Order among siblings.",
            label=("Urutan", "Order"),
            column=SheetColumn(
                "order",
                "Urutan",
                (),
                "Order among siblings (`urutan`).",
                width=7,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "pernyataan",
            "statement",
            Text(),
            "The condition, phrased as a change.",
            required=True,
            label=("Pernyataan", "Statement"),
            column=SheetColumn(
                "statement",
                "Sasaran",
                (
                    "pernyataan",
                    "sasaran/pernyataan",
                    "pernyataan sasaran",
                    "uraian sasaran",
                    "sasaran kinerja",
                    "kondisi",
                    "nama sasaran",
                ),
                "The sasaran, phrased as a change. Written once above its indicator rows (or "
                "merged over them): a blank cell continues the sasaran above.",
                width=34,
            ),
        ),
        Field(
            "penanggung_jawab",
            "responsible",
            Text(),
            "Responsible position (jabatan).",
            label=("Penanggung Jawab", "Responsible"),
            column=SheetColumn(
                "responsible",
                "Penanggung Jawab",
                ("penanggungjawab", "jabatan penanggung jawab", "pemilik kinerja", "pj", "jabatan"),
                "Responsible position (jabatan).",
                width=18,
            ),
        ),
        Field(
            "pejabat",
            "official",
            Obj(OFFICIAL),
            "Holder of the position.",
            label=("Pejabat", "Official"),
        ),
        Field(
            "unit_kerja",
            "work_unit",
            Text(),
            "Organisational unit (bidang, seksi).",
            label=("Unit Kerja", "Work unit"),
            column=SheetColumn(
                "work_unit",
                "Unit Kerja",
                ("bidang", "bidang/seksi"),
                "Organisational unit.",
                width=18,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "jabatan",
            "position_id",
            Ident(),
            "Id of the position (an agency's 'jabatan') that answers for the node; pages show its "
            "name and holder.",
            label=("Jabatan", "Position"),
            column=SheetColumn(
                "position",
                "ID Jabatan",
                ("kode jabatan", "id jabatan penanggung jawab"),
                "Id of the position that answers for the sasaran (declared under the agency's "
                "`jabatan`). A column named only `Jabatan` holds the position's name "
                "(`Penanggung Jawab`).",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "kode",
            "code",
            Code(),
            "Kemendagri program, kegiatan or sub kegiatan code.",
            label=("Kode", "Code"),
            column=SheetColumn(
                "code",
                "Kode",
                (
                    "kode program/kegiatan/sub kegiatan",
                    "kode program/kegiatan",
                    "kode rekening",
                    "kode nomenklatur",
                    "kode program",
                    "kode kegiatan",
                    "kode sub kegiatan",
                ),
                "Kemendagri program, kegiatan or sub kegiatan code (`1.02.02`, "
                "`1.02.02.2.02.0001`). Several code columns may be present; the one whose code "
                "matches the level wins.",
                width=17,
            ),
        ),
        Field(
            "pagu_indikatif",
            "budget_plan",
            YearMap(Number(), baseline_year=True),
            "Indicative ceiling per year in the RPJMD / Renstra (the plan), in rupiah.",
            label=("Pagu Indikatif", "Indicative ceiling"),
            column=SheetColumn(
                "budget_plan",
                "Pagu Indikatif {year}",
                (
                    "pagu indikatif renstra {year}",
                    "pagu indikatif rpjmd {year}",
                    "rencana anggaran {year}",
                    "kebutuhan dana {year}",
                    "pendanaan indikatif {year}",
                ),
                "Indicative ceiling of that year in the RPJMD / Renstra, in rupiah (the plan; "
                "the adopted APBD goes into `Pagu`).",
                width=15,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "anggaran",
            "budget",
            YearMap(Number(), baseline_year=True),
            "Adopted budget per year (APBD murni), in rupiah. The budget the site sums and "
            "follows behind an indicator.",
            label=("Pagu", "Budget"),
            column=SheetColumn(
                "budget",
                "Pagu {year}",
                (
                    "anggaran {year}",
                    "anggaran murni {year}",
                    "pagu murni {year}",
                    "apbd murni {year}",
                    "pagu anggaran {year}",
                    "alokasi anggaran {year}",
                    "anggaran tahun {year}",
                    "pagu tahun {year}",
                ),
                "Adopted budget (APBD murni) of that year in rupiah (`1.250.000.000`, "
                "`Rp 1.250.000.000` or a number).",
                width=15,
                yearly=True,
            ),
        ),
        Field(
            "anggaran_perubahan",
            "budget_revised",
            YearMap(Number(), baseline_year=True),
            "Adopted budget per year after the budget change (APBD perubahan), in rupiah; "
            "replaces the APBD murni of that year where given.",
            label=("Pagu Perubahan", "Revised budget"),
            column=SheetColumn(
                "budget_revised",
                "Pagu Perubahan {year}",
                (
                    "anggaran perubahan {year}",
                    "apbd perubahan {year}",
                    "apbd-p {year}",
                    "pagu apbd perubahan {year}",
                ),
                "Adopted budget after the budget change (APBD perubahan) of that year, in rupiah.",
                width=15,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "realisasi_anggaran",
            "budget_spent",
            YearMap(Number(), baseline_year=True),
            "Budget realisation (money spent) per year, in rupiah.",
            label=("Realisasi Anggaran", "Budget spent"),
            column=SheetColumn(
                "budget_spent",
                "Realisasi Anggaran {year}",
                (
                    "realisasi keuangan {year}",
                    "realisasi pagu {year}",
                    "serapan anggaran {year}",
                ),
                "Budget realisation (money spent) of that year, in rupiah.",
                width=15,
                yearly=True,
                optional=True,
            ),
        ),
        Field(
            "indikator",
            "indicators",
            ListOf(Obj(INDICATOR)),
            "Indicators.",
            label=("Indikator Kinerja", "Performance indicators"),
        ),
        Field(
            "crosscutting",
            "crosscutting",
            ListOf(Obj(CROSSCUTTING)),
            "Crosscutting links.",
            label=("Crosscutting", "Crosscutting"),
        ),
        Field(
            "menangani",
            "addresses",
            ListOf(Ident()),
            "Ids of the causes of a problem tree (pemda.yaml 'masalah') the node works on, "
            "root causes (akar masalah) above all.",
            label=("Menangani Akar Masalah", "Addresses root causes"),
            column=SheetColumn(
                "addresses",
                "Menangani",
                ("menangani akar masalah", "akar masalah", "penyebab yang ditangani"),
                "Ids of the causes (akar masalah) the sasaran works on, separated by commas.",
                width=18,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "tag",
            "tags",
            ListOf(Text()),
            "Tags (stunting, program-unggulan …).",
            label=("Tag", "Tags"),
            column=SheetColumn(
                "tags",
                "Tag",
                ("tags",),
                "Tags, separated by commas.",
                width=16,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "keterangan",
            "notes",
            Text(),
            "Free notes.",
            label=("Keterangan", "Notes"),
            column=SheetColumn(
                "notes",
                "Keterangan",
                ("catatan", "keterangan sasaran"),
                "Notes on the sasaran.",
                width=24,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "alasan_lintas_urusan",
            None,
            Text(),
            "Why this node (and those below it) carries a code outside its agency's own affairs "
            "(e.g. an assignment from another agency); the logic rule kode-di-luar-urusan "
            "(pohon check --profil lke) accepts the code with it.",
            label=("Alasan Lintas Urusan", "Reason for another agency's code"),
            column=SheetColumn(
                "affairs_reason",
                "Alasan Lintas Urusan",
                (),
                "Why the code lies outside the agency's affairs (accepted by the logic rules).",
                width=20,
                printed=False,
                optional=True,
            ),
        ),
        Field(
            "id_lama",
            "former_ids",
            ListOf(Ident()),
            "Former ids (for redirects).",
            label=("ID Lama", "Former ids"),
            column=SheetColumn(
                "former_ids",
                "ID Lama",
                (),
                "Former ids of the sasaran, separated by commas.",
                width=16,
                printed=False,
                optional=True,
            ),
        ),
    ),
    model.Node,
)

# --- problem trees (akar masalah) ---------------------------------------------------------------

CAUSE = ObjectSpec(
    "penyebab",
    "A cause of a core problem; a cause without sub-causes is a root cause (akar masalah).",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id of the cause, unique in the site; nodes name it under 'menangani'.",
            required=True,
            label=("ID", "ID"),
        ),
        Field(
            "uraian",
            "description",
            Text(),
            "The cause, phrased as a condition ('Rendahnya cakupan ASI eksklusif').",
            required=True,
            label=("Uraian", "Description"),
        ),
        Field(
            "data",
            "data",
            Text(),
            "The evidence: figure, source and year ('52,3% (Profil Kesehatan 2024)').",
            label=("Data", "Data"),
        ),
    ),
    model.Cause,
)
_SUB_CAUSES = Field(
    "penyebab",
    "causes",
    ListOf(Obj(CAUSE)),
    "Sub-causes of this cause (the causes behind it).",
    label=("Penyebab", "Causes"),
)
# A cause holds causes: the field refers to its own spec, so it is added once the spec exists.
object.__setattr__(CAUSE, "fields", (*CAUSE.fields, _SUB_CAUSES))
CAUSE.by_key[_SUB_CAUSES.key] = _SUB_CAUSES

PROBLEM_THEME = ObjectSpec(
    "masalah",
    "A problem theme: the core problem and the tree of its causes.",
    (
        Field(
            "id",
            "id",
            Ident(),
            "Stable id of the theme; becomes its URL (masalah/<id>/).",
            required=True,
            label=("ID", "ID"),
        ),
        Field(
            "tema",
            "theme",
            Text(),
            "Name of the theme ('Stunting').",
            required=True,
            label=("Tema", "Theme"),
        ),
        Field(
            "masalah_pokok",
            "core_problem",
            Text(),
            "The core problem, phrased as a condition ('Tingginya prevalensi stunting').",
            required=True,
            label=("Masalah Pokok", "Core problem"),
        ),
        Field(
            "data",
            "data",
            Text(),
            "The figure that shows the core problem, with its source and year.",
            label=("Data", "Data"),
        ),
        Field(
            "penyebab",
            "causes",
            ListOf(Obj(CAUSE)),
            "Causes of the core problem, each with its own causes.",
            label=("Penyebab", "Causes"),
        ),
    ),
    model.ProblemTheme,
)

REGIONAL_FILE = ObjectSpec(
    "berkas_pemda",
    "The regional file: the regional government, site settings and the regional tree.",
    (
        Field(
            "pemda",
            "region",
            Obj(REGION),
            "The regional government.",
            required=True,
            label=("Pemerintah Daerah", "Regional government"),
        ),
        Field(
            "pengaturan",
            "settings",
            Obj(SETTINGS),
            "Site settings.",
            label=("Pengaturan", "Settings"),
        ),
        Field(
            "masalah",
            "problems",
            ListOf(Obj(PROBLEM_THEME)),
            "Problem trees: per theme, the core problem, its causes and root causes.",
            label=("Akar Masalah", "Root causes"),
        ),
        Field(
            "node",
            "nodes",
            ListOf(Obj(NODE)),
            "Nodes of the regional tree.",
            label=("Sasaran", "Nodes"),
        ),
    ),
)

OPD_FILE = ObjectSpec(
    "berkas_opd",
    "An agency file: the agency and its nodes.",
    (
        Field(
            "opd",
            "opd",
            Obj(OPD),
            "The agency.",
            required=True,
            label=("Perangkat Daerah", "Agency"),
        ),
        Field(
            "node",
            "nodes",
            ListOf(Obj(NODE)),
            "Nodes of the agency's tree.",
            label=("Sasaran", "Nodes"),
        ),
    ),
)

ALL_SPECS: tuple[ObjectSpec, ...] = (
    REGIONAL_FILE,
    OPD_FILE,
    REGION,
    PERIOD,
    NOMENCLATURE,
    SETTINGS,
    QUALITY,
    LEVEL,
    OPD,
    PK_SIGNING,
    POSITION,
    NODE,
    OFFICIAL,
    INDICATOR,
    BASELINE,
    QUARTERS_SPEC,
    QUARTER_TARGETS_SPEC,
    ACTION_PLAN_SPEC,
    CROSSCUTTING,
    PROBLEM_THEME,
    CAUSE,
)


def _level(
    level_id: str,
    name: tuple[str, str],
    plural: tuple[str, str],
    scope: str,
    code: str | None = None,
    *,
    pattern: str | None = None,
    example: str | None = None,
    repeats: bool = False,
    pk: bool = False,
    budget: bool = False,
) -> model.Level:
    return model.Level(
        level_id,
        name[0],
        scope,
        name[1],
        code,
        repeats,
        plural=plural[0],
        plural_en=plural[1],
        code_pattern=pattern,
        code_example=example,
        pk=pk,
        budget=budget,
    )


def scheme_levels(scheme: str | None) -> list[model.Level]:
    """The levels of a preset scheme (``pengaturan.skema``), top to bottom.

    ``sakip`` (the default): the regional SAKIP scheme of PermenPANRB 89/2021 — visi, misi, tujuan
    and sasaran of the region; each agency's sasaran strategis (on the Perjanjian Kinerja),
    sasaran program, kegiatan and sub kegiatan with their Kemendagri codes and budgets.
    ``kl``: a ministry's or agency's outcome tree (the logic model of the Renstra K/L) — the
    agency's ultimate and intermediate outcomes, each unit's (Deputi, Eselon I) immediate outcomes
    (on the Perjanjian Kinerja) and outputs (with budgets), each with a free code
    (``UO.1``, ``Int.O.1.1``, ``Imm.O.1.1.1``, ``Output.1.1.1.1``).
    """
    if scheme == "kl":
        return [
            _level(
                "ultimate_outcome",
                ("Ultimate Outcome", "Ultimate outcome"),
                ("Ultimate Outcome", "Ultimate outcomes"),
                "pemda",
                FREE_CODE,
                pattern=r"^UO\.\d+$",
                example="UO.1",
            ),
            _level(
                "intermediate_outcome",
                ("Intermediate Outcome", "Intermediate outcome"),
                ("Intermediate Outcome", "Intermediate outcomes"),
                "pemda",
                FREE_CODE,
                pattern=r"^Int\.O\.\d+(\.\d+)*$",
                example="Int.O.1.1",
                repeats=True,
            ),
            _level(
                "immediate_outcome",
                ("Immediate Outcome", "Immediate outcome"),
                ("Immediate Outcome", "Immediate outcomes"),
                "opd",
                FREE_CODE,
                pattern=r"^Imm\.O\.\d+(\.\d+)*$",
                example="Imm.O.1.1.1",
                pk=True,
            ),
            _level(
                "output",
                ("Output", "Output"),
                ("Output", "Outputs"),
                "opd",
                FREE_CODE,
                pattern=r"^Output\.\d+(\.\d+)*$",
                example="Output.1.1.1.1",
                budget=True,
            ),
        ]
    return [
        _level("visi", ("Visi", "Vision"), ("Visi", "Vision"), "pemda"),
        _level("misi", ("Misi", "Mission"), ("Misi", "Missions"), "pemda"),
        _level("tujuan", ("Tujuan", "Goal"), ("Tujuan", "Goals"), "pemda"),
        _level("sasaran", ("Sasaran", "Regional target"), ("Sasaran", "Regional targets"), "pemda"),
        _level(
            "sasaran_strategis",
            ("Sasaran Strategis", "Strategic target"),
            ("Sasaran Strategis", "Strategic targets"),
            "opd",
            pk=True,
        ),
        _level(
            "sasaran_program",
            ("Sasaran Program", "Program target"),
            ("Sasaran Program", "Program targets"),
            "opd",
            "program",
            budget=True,
        ),
        _level(
            "sasaran_kegiatan",
            ("Sasaran Kegiatan", "Activity target"),
            ("Sasaran Kegiatan", "Activity targets"),
            "opd",
            "kegiatan",
            budget=True,
        ),
        _level(
            "sasaran_sub_kegiatan",
            ("Sasaran Sub Kegiatan", "Sub-activity target"),
            ("Sasaran Sub Kegiatan", "Sub-activity targets"),
            "opd",
            "sub_kegiatan",
            budget=True,
        ),
    ]


def default_levels() -> list[model.Level]:
    """The regional SAKIP scheme (PermenPANRB 89/2021), used unless a site names another."""
    return scheme_levels("sakip")
