"""The columns of a cascading-matrix workbook, for the importer, the exporter, the template
workbook and the documentation (``docs/xlsx.md`` lists exactly these). A field's column is declared
on the field (:class:`~..tree.spec.SheetColumn` in :mod:`..tree.spec`); this module adds the few
columns that are no field and the order of the columns in a sheet (:data:`LAYOUT`).

A column is recognised by its header, compared after :func:`normalise`: lower case, brackets,
``*``, ``:``, ``Rp`` and repeated spaces removed, ``Sub-Kegiatan``/``Subkegiatan`` read as
``sub kegiatan``, ``TW I``…``TW IV`` (``Triwulan I`` …) as ``tw1``…``tw4``. Yearly columns
(targets, realisations, budgets) carry the year in the header (``Target 2025``, ``2025``,
``Pagu (Rp) 2025``), or in a second header row under a merged group header (``Target``
spanning ``2025 | 2026 | …``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from ..tree import spec

NODE, INDICATOR, IGNORED = "node", "indicator", "ignored"


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the cascading workbook: a field's :class:`~..tree.spec.SheetColumn` with the
    field it reads and writes, or one of the few columns that are no field (``No``, the program
    name, ``ID OPD``, the crosscutting sheet's reading columns)."""

    key: str
    header: str
    """The header the exporter and the template write (for yearly columns, ``{year}`` is filled)."""
    variants: tuple[str, ...]
    """Other headers accepted (normalised), ``{year}`` for yearly columns."""
    scope: str
    """``node`` (a property of the sasaran: blank cells repeat the value above), ``indicator``
    or ``ignored`` (read for people, not stored)."""
    doc: str
    yearly: bool = False
    printed: bool = True
    """Inside the print area of an exported sheet; technical columns sit to the right of it."""
    width: float = 12
    optional: bool = False
    """An exported sheet has the column only when some row has a value (the template always)."""
    field: spec.Field | None = dataclass_field(default=None, compare=False)
    """The field whose value the column holds; ``None`` for a column that is no field."""
    within: spec.Field | None = dataclass_field(default=None, compare=False)
    """The object field holding :attr:`field` (``pejabat`` for ``NIP``), or ``None``."""

    def value(self, obj: object) -> Any:
        """The column's value in ``obj`` (a node or an indicator): the field's whole value (a
        year map for a yearly column); ``None`` for a column that is no field."""
        if self.field is None:
            return None
        holder = self.within.get(obj) if self.within is not None else obj
        return None if holder is None else self.field.get(holder)


def _field_column(
    sheet: spec.SheetColumn, scope: str, field: spec.Field, within: spec.Field | None
) -> Column:
    return Column(
        sheet.key,
        sheet.header,
        sheet.variants,
        scope,
        sheet.doc,
        yearly=sheet.yearly,
        printed=sheet.printed,
        width=sheet.width,
        optional=sheet.optional,
        field=field,
        within=within,
    )


def field_columns(obj: spec.ObjectSpec, scope: str) -> list[Column]:
    """The columns of ``obj``'s fields, in the spec's order; the fields of an object field
    (``pejabat``, ``kondisi_awal``) in place of it."""
    found: list[Column] = []
    for field in obj.fields:
        if field.column is not None:
            found.append(_field_column(field.column, scope, field, None))
        elif isinstance(field.type, spec.Obj):
            found += [
                _field_column(inner.column, scope, inner, field)
                for inner in field.type.spec.fields
                if inner.column is not None
            ]
    return found


OTHER_COLUMNS: tuple[Column, ...] = (
    Column("no", "No", ("no.", "nomor"), IGNORED, "Row number; ignored.", width=5),
    Column(
        "code_name",
        "Program/Kegiatan/Sub Kegiatan",
        (
            "program",
            "kegiatan",
            "sub kegiatan",
            "nama program",
            "nama kegiatan",
            "nama sub kegiatan",
            "program/kegiatan",
            "nomenklatur",
            "uraian program/kegiatan/sub kegiatan",
            "uraian program/kegiatan",
        ),
        IGNORED,
        "Name of the program, kegiatan or sub kegiatan. Not stored (the site takes names from "
        "the nomenclature); a cell `1.02.02 Program …` supplies the code when there is no Kode.",
        width=28,
    ),
    Column(
        "opd_id",
        "ID OPD",
        (),
        NODE,
        "Agency id per row, for a single sheet holding several agencies. Usually given once "
        "above the header instead (see below).",
        printed=False,
        width=12,
    ),
)
"""The columns of an agency sheet that are no field of the format."""

LAYOUT: tuple[str, ...] = (
    # printed: the matrix as agencies print it
    "no",
    "level",
    "statement",
    "indicator",
    "unit",
    "baseline",
    "target",
    "final_target",
    "realisation",
    "code",
    "code_name",
    "budget_plan",
    "budget",
    "budget_revised",
    "budget_spent",
    "responsible",
    # technical: to the right of the print area of an exported sheet
    "node_id",
    "parent",
    "order",
    "indicator_id",
    "polarity",
    "baseline_year",
    "kind",
    "iku",
    "definition",
    "formula",
    "data_source",
    "reporting_period",
    "indicator_responsible",
    "quarterly",
    "quarterly_target",
    "quarterly_basis",
    "action_plan",
    "indicator_notes",
    "indicator_former_ids",
    "work_unit",
    "official_name",
    "official_nip",
    "tags",
    "notes",
    "former_ids",
    "opd_id",
)
"""The order of the columns in a sheet. A field's column not listed here (a field added to the
spec) follows the last printed column when printed, else comes last."""


def _ordered(every: list[Column], layout: tuple[str, ...]) -> tuple[Column, ...]:
    """``every`` column in ``layout`` order; a field's column not in it (a field added to the
    spec) follows the last printed column when printed, else comes last."""
    by_key = {column.key: column for column in every}
    if len(by_key) != len(every):
        raise ValueError("two columns of a sheet share a key")
    ordered = [by_key.pop(key) for key in layout]
    last_printed = max(i for i, column in enumerate(ordered) if column.printed)
    added = list(by_key.values())  # in the spec's order
    printed = [column for column in added if column.printed]
    technical = [column for column in added if not column.printed]
    return (
        *ordered[: last_printed + 1],
        *printed,
        *ordered[last_printed + 1 :],
        *technical,
    )


COLUMNS: tuple[Column, ...] = _ordered(
    [*OTHER_COLUMNS, *field_columns(spec.NODE, NODE), *field_columns(spec.INDICATOR, INDICATOR)],
    LAYOUT,
)
"""Every column of an agency sheet, in :data:`LAYOUT` order."""
BY_KEY = {column.key: column for column in COLUMNS}

CC_OTHER_COLUMNS: tuple[Column, ...] = (
    Column("no", "No", ("no.",), IGNORED, "Row number.", width=5),
    Column("from_opd", "OPD Pengirim", (), IGNORED, "Sending agency (for reading).", width=14),
    Column(
        "from_name", "Sasaran Pengirim", (), IGNORED, "Sending sasaran (for reading).", width=34
    ),
    Column("to_opd", "Mitra", ("opd penerima",), IGNORED, "Partner (for reading).", width=16),
    Column(
        "to_name", "Sasaran Mitra", ("sasaran penerima",), IGNORED, "Partner sasaran.", width=34
    ),
    Column(
        "from_id",
        "Dari",
        ("id pengirim", "dari id", "id sasaran pengirim"),
        NODE,
        "Id of the sending sasaran.",
        printed=False,
        width=24,
    ),
)
"""The columns of the crosscutting sheet that are no field of a link."""

CC_LAYOUT: tuple[str, ...] = (
    "no",
    "from_opd",
    "from_name",
    "to_opd",
    "to_name",
    "role",
    "status",
    "note",
    "from_id",
    "to_id",
    "body",
)
"""The order of the crosscutting sheet's columns (one row per link)."""

CC_COLUMNS: tuple[Column, ...] = _ordered(
    [*CC_OTHER_COLUMNS, *field_columns(spec.CROSSCUTTING, NODE)], CC_LAYOUT
)
"""Every column of the crosscutting sheet, in :data:`CC_LAYOUT` order."""
CC_BY_KEY = {column.key: column for column in CC_COLUMNS}

# Labels of the "Label: value" lines above the header row of an agency sheet.
META_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("perangkat daerah", "nama opd", "opd", "nama perangkat daerah", "skpd"),
    "id": ("id opd", "id perangkat daerah"),
    "short_name": ("singkatan", "nama singkat"),
    "code": ("kode opd", "kode perangkat daerah", "kode unit", "kode skpd"),
    "head": ("kepala", "kepala opd", "kepala perangkat daerah", "jabatan kepala"),
    "kind": ("jenis opd", "jenis perangkat daerah"),
    "scope": ("lingkup",),
}
META_HEADERS: dict[str, str] = {
    "name": "Perangkat Daerah",
    "id": "ID OPD",
    "short_name": "Singkatan",
    "code": "Kode OPD",
    "head": "Kepala",
    "kind": "Jenis OPD",
    "scope": "Lingkup",
}

SUMMARY_SHEET = "Ringkasan"
REGIONAL_SHEET = "Pemda"
CROSSCUTTING_SHEET = "Crosscutting"
GUIDE_SHEET = "Petunjuk"

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_TW = re.compile(r"\b(?:tw|triwulan)\s*-?\s*(iv|iii|ii|i|[1-4])\b")
_YEAR = re.compile(rf"\b({spec.YEAR_DIGITS})\b")


def normalise(text: object) -> str:
    """A header or label as compared: lower case, without brackets, ``Rp``, ``*`` and extra
    spaces; ``sub-kegiatan`` as ``sub kegiatan``; ``TW II`` as ``tw2``."""
    value = unicodedata.normalize("NFKC", str(text)).lower()
    value = value.replace("\u00a0", " ")
    for char in "()[]*:":
        value = value.replace(char, " ")
    value = re.sub(r"\bsub[\s-]*kegiatan\b", "sub kegiatan", value)
    value = re.sub(r"\s*/\s*", "/", value)
    value = re.sub(r"\brp\.?(?=\s|$)", " ", value)
    value = _TW.sub(lambda m: "tw" + _ROMAN.get(m.group(1), m.group(1)), value)
    return " ".join(value.split()).strip(" .")


@dataclass(frozen=True, slots=True)
class HeaderRef:
    key: str
    year: int | None = None
    quarter: int | None = None


def _plain_variants(columns: tuple[Column, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        if column.yearly:
            continue
        for text in (column.header, *column.variants):
            table.setdefault(normalise(text), column.key)
    return table


_PLAIN = _plain_variants(COLUMNS)
_CC_PLAIN = _plain_variants(CC_COLUMNS)


def _yearly_prefixes() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in COLUMNS:
        if not column.yearly or "{quarter}" in column.header:
            continue
        for text in (column.header, *column.variants):
            table[normalise(text.replace("{year}", "")).strip()] = column.key
    return table


_YEARLY = _yearly_prefixes()


def _quarterly_prefixes() -> dict[str, str]:
    """The words around year and quarter in the headers of the quarterly columns (``realisasi``
    for ``Realisasi 2025 TW1``, ``target`` for ``Target 2026 TW2``), each with its column."""
    table: dict[str, str] = {"realisasi tahun": "quarterly"}
    for column in COLUMNS:
        if not column.yearly or "{quarter}" not in column.header:
            continue
        for text in (column.header, *column.variants):
            words = text.replace("{year}", " ").replace("{quarter}", " ")
            words = re.sub(r"\btw\s", " ", words, flags=re.IGNORECASE)
            table[normalise(words)] = column.key
    return table


_QUARTERLY = _quarterly_prefixes()
_BASELINE_PREFIXES = ("kondisi awal", "baseline", "kondisi awal tahun", "capaian awal")


def match_header(text: object) -> HeaderRef | None:
    """The column a header names, or ``None``."""
    if text is None:
        return None
    value = normalise(text)
    if not value:
        return None
    if value in _PLAIN:
        return HeaderRef(_PLAIN[value])
    years = _YEAR.findall(value)
    if len(years) != 1:
        return None
    year = int(years[0])
    rest = " ".join(_YEAR.sub(" ", value).split())
    quarter = None
    tw = re.search(r"\btw([1-4])\b", rest)
    if tw:
        quarter = int(tw.group(1))
        rest = " ".join(rest.replace(tw.group(0), " ").split())
        key = _QUARTERLY.get(rest)
        return HeaderRef(key, year, quarter) if key is not None else None
    rest = re.sub(r"\btahun$", "", rest).strip()
    if rest in _YEARLY:
        return HeaderRef(_YEARLY[rest], year)
    if rest in _BASELINE_PREFIXES:
        return HeaderRef("baseline", year)
    return None


def match_cc_header(text: object) -> HeaderRef | None:
    value = normalise(text) if text is not None else ""
    return HeaderRef(_CC_PLAIN[value]) if value in _CC_PLAIN else None


def match_meta(label: object) -> str | None:
    value = normalise(label)
    for key, labels in META_LABELS.items():
        if value in labels:
            return key
    return None


def header_text(column: Column, year: int | None = None, quarter: int | None = None) -> str:
    text = column.header
    if year is not None:
        text = text.replace("{year}", str(year))
    if quarter is not None:
        text = text.replace("{quarter}", str(quarter))
    return text
