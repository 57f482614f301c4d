"""Reading a workbook cell as the value of a field, by the field's value type.

Spreadsheets are written by hand, so a cell is read more tolerantly than YAML: numbers stored as
text the Indonesian way (``85,5``, ``1.250.000``, ``Rp 1.250.000``, ``85,5%``), booleans as
``ya``/``✓``/``tidak``, a choice by one of its other words (a :class:`~..tree.spec.SheetColumn`'s
``aliases``: ``max``, ``positif`` …). :func:`read_cell` dispatches on the type declared in
:mod:`..tree.spec`, so a new field of an existing type needs no code here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from ..tree import model, spec
from ..tree.diagnostics import Text
from ..tree.numbers import as_number, is_placeholder, read_typed_number
from .columns import normalise

EMPTY_TEXT = frozenset({"", "-", "–", "—", "n/a", "na"})
"""Cell texts that mean "no value"."""
TRUE_WORDS = frozenset({"ya", "y", "iku", "true", "benar", "1", "✓", "✔", "v", "x"})
FALSE_WORDS = frozenset({"tidak", "t", "n", "no", "false", "salah", "0", "bukan"})


@dataclass(frozen=True, slots=True)
class Cell:
    """A non-empty cell of a sheet."""

    value: Any
    text_forced: bool = False
    """Written with a leading apostrophe: keep it as text even if it looks like a number."""


class BadValue(ValueError):
    """A cell that is not a number; ``text`` says why in both languages (``str()``: English)."""

    def __init__(self, text: Text, ambiguous: bool = False) -> None:
        super().__init__(text.en)
        self.text = text
        self.ambiguous = ambiguous
        """A number with two readings (``1.250``), not a text."""


class BadCell(ValueError):
    """A cell that cannot be read as its field's value. The message names the column and says
    what happens (``…; left out``); ``fallback`` is the value used instead (``None``: none).
    ``text`` is the message in both languages (``str()``: English)."""

    def __init__(self, text: Text, fallback: Any = None) -> None:
        super().__init__(text.en)
        self.text = text
        self.fallback = fallback


@dataclass(frozen=True, slots=True)
class CellNumber:
    """A number read from a cell, with the unit sign stripped from it: ``persen`` for a
    trailing ``%``, ``rupiah`` for a leading ``Rp`` (``None``: none written)."""

    number: int | float
    unit: str | None = None


def read_number(value: Any) -> CellNumber | None:
    """A number from a cell: numbers as they are, text as a person types it
    (:func:`..tree.numbers.read_typed_number`: Indonesian notation, or unambiguous English),
    with a trailing ``%`` or a leading ``Rp`` stripped and named; ``None`` for a blank;
    :class:`BadValue` for anything else, ``1.250`` (1250 or 1.25?) included unless the ``Rp``
    says it is an amount of rupiah (no amount has three decimals)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue(Text(id=f"{value!r} bukan angka", en=f"{value!r} is not a number"))
    if isinstance(value, int):
        return CellNumber(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise BadValue(Text(id="bukan angka yang terhingga", en="not a finite number"))
        return CellNumber(value)
    if isinstance(value, datetime | date | time):
        raise BadValue(
            Text(
                id=f"sel berisi tanggal ({value}); spreadsheet mengubah angka menjadi tanggal: "
                "format sel sebagai teks atau angka lalu ketik ulang",
                en=f"the cell holds a date ({value}); the spreadsheet turned a number into a "
                "date: format the cell as text or number and type it again",
            )
        )
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.lower() in EMPTY_TEXT:
        return None
    raw = text
    unit = None
    text, rupiah = re.subn(r"^rp\.?\s*", "", text, flags=re.IGNORECASE)
    if rupiah:
        unit = "rupiah"
    text = text.replace(" ", "").replace("\u00a0", "")
    if text.endswith("%"):
        if unit is not None:  # Rp 85%
            raise BadValue(Text(id=f"'{raw}' bukan angka", en=f"'{raw}' is not a number"))
        text, unit = text[:-1], "persen"
    typed = read_typed_number(text)
    if typed is None:
        raise BadValue(Text(id=f"'{raw}' bukan angka", en=f"'{raw}' is not a number"))
    plain = typed.plain
    if plain is None:
        if unit != "rupiah":
            thousands, decimal = typed.readings
            raise BadValue(
                Text(
                    id=f"'{raw}' bisa berarti {thousands} (titik ribuan) atau "
                    f"{decimal.replace('.', ',')} (titik desimal): ketik {thousands} atau "
                    f"{decimal.replace('.', ',')}",
                    en=f"'{raw}' may mean {thousands} (a thousands dot) or {decimal} (a decimal "
                    f"dot): type {thousands} or {decimal.replace('.', ',')}",
                ),
                ambiguous=True,
            )
        plain = typed.readings[0]
    number = as_number(plain)
    if isinstance(number, float) and number in (float("inf"), float("-inf")):
        raise BadValue(Text(id="bukan angka yang terhingga", en="not a finite number"))
    return CellNumber(number, unit)


def parse_number(value: Any) -> int | float | None:
    """The number of :func:`read_number` (its unit sign dropped)."""
    read = read_number(value)
    return None if read is None else read.number


def parse_measure(cell: Cell) -> model.Value | None:
    """A target, realisation or baseline: a number, or text (a qualitative target). A
    placeholder (``-``, ``TBD``, ``belum ada``) is a blank, no value yet, unless written as text
    (a leading apostrophe: :func:`needs_text_marker`)."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in EMPTY_TEXT:
            return None
        if cell.text_forced:
            return text
        if is_placeholder(text):
            return None
        try:
            return parse_number(text)
        except BadValue:
            return text
    return parse_number(value)


def needs_text_marker(text: str) -> bool:
    """Whether a text written into a cell needs Excel's text marker (a leading apostrophe) to
    be read back as that text: it looks like a number (``90``, ``85%``, ``1.250``) or like a
    placeholder a measure cell reads as a blank (``belum ada``, ``TBD``)."""
    if is_placeholder(text):
        return True
    try:
        return parse_number(text) is not None
    except BadValue as exc:
        return exc.ambiguous


def measure_unit(cell: Cell) -> str | None:
    """The unit sign a measure cell's number was written with (``persen``, ``rupiah``), or
    ``None`` (none written, or the cell is not a number)."""
    if cell.text_forced or not isinstance(cell.value, str):
        return None
    try:
        read = read_number(cell.value)
    except BadValue:
        return None
    return None if read is None else read.unit


def parse_text(value: Any) -> str | None:
    """A cell as text, kept exactly as typed (double spaces and line breaks inside it too, so an
    export → import round trip changes nothing); only the spaces and line breaks at its two ends,
    which a sheet does not show, are left out. Line ends are written ``\n``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def parse_code(value: Any) -> str | None:
    text = parse_text(value)
    if text is None:
        return None
    return text.lstrip("'").replace(" ", "")


def parse_list(value: Any) -> list[str]:
    """Items separated by commas or semicolons."""
    text = parse_text(value)
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()] if text else []


def _choices(options: tuple[str, ...], word: str = "or") -> str:
    return ", ".join(options[:-1]) + f" {word} " + options[-1] if len(options) > 1 else options[0]


def _left_out(label: str, exc: BadValue) -> BadCell:
    return BadCell(
        Text(id=f"{label}: {exc.text.id}; diabaikan", en=f"{label}: {exc.text.en}; left out")
    )


def _number(cell: Cell, label: str) -> int | float | None:
    try:
        return parse_number(cell.value)
    except BadValue as exc:
        raise _left_out(label, exc) from exc


def read_cell(
    vtype: spec.ValueType, cell: Cell, label: str, column: spec.SheetColumn | None = None
) -> Any:
    """The value of ``cell`` for a field of type ``vtype`` (of one year, for a year map; the
    whole list, for a list); ``None`` for a blank. ``label`` names the column in messages;
    ``column`` gives a choice's other words. Raises :class:`BadCell`."""
    kind = type(vtype)
    if isinstance(vtype, spec.YearMap):
        return read_cell(vtype.item, cell, label, column)
    if kind is spec.Text or kind is spec.Ident or kind is spec.Ref:
        return parse_text(cell.value)
    if kind is spec.Code:
        return parse_code(cell.value)
    if kind is spec.ListOf:
        return parse_list(cell.value) or None
    if kind is spec.Measure:
        try:
            return parse_measure(cell)
        except BadValue as exc:
            raise _left_out(label, exc) from exc
    if kind is spec.Number:
        if measure_unit(cell) == "persen":  # an amount of rupiah (spec.Number), not a share
            raise BadCell(
                Text(
                    id=f"{label} '{cell.value}' bertanda persen, padahal berupa rupiah; diabaikan",
                    en=f"{label} '{cell.value}' carries a percent sign, but is in rupiah; left out",
                )
            )
        amount = _number(cell, label)
        if amount is not None and amount < 0:
            raise BadCell(
                Text(
                    id=f"{label} bernilai negatif ({amount}); diabaikan",
                    en=f"{label} is negative ({amount}); left out",
                )
            )
        return amount
    if kind is spec.Integer:
        number = _number(cell, label)
        if number is None:
            return None
        if not float(number).is_integer():
            raise BadCell(
                Text(
                    id=f"{label} '{number}' bukan bilangan bulat; diabaikan",
                    en=f"{label} '{number}' is not a whole number; left out",
                )
            )
        return int(number)
    if kind is spec.Year:
        year = _number(cell, label)
        if isinstance(year, int) and spec.YEAR_MIN <= year <= spec.YEAR_MAX:
            return year
        if year is None:
            return None
        raise BadCell(
            Text(
                id=f"{label} '{cell.value}' bukan tahun", en=f"{label} '{cell.value}' is not a year"
            )
        )
    if kind is spec.Boolean:
        value = cell.value
        word = str(value).lower() if isinstance(value, bool) else normalise(value)
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise BadCell(
            Text(
                id=f"{label} '{value}' bukan ya atau tidak",
                en=f"{label} '{value}' is neither ya nor tidak",
            )
        )
    if isinstance(vtype, spec.Choice):
        text = parse_text(cell.value)
        if text is None:
            return None
        word = normalise(text)
        if word in vtype.options:
            return word
        aliases = dict(column.aliases) if column is not None else {}
        if word in aliases:
            return aliases[word]
        blank = column.blank if column is not None else None
        assumed = (
            Text(id=f"; dianggap {blank}", en=f"; {blank} assumed")
            if blank is not None
            else Text("", "")
        )
        raise BadCell(
            Text(
                id=f"{label} '{text}' bukan {_choices(vtype.options, 'atau')}{assumed.id}",
                en=f"{label} '{text}' is not {_choices(vtype.options)}{assumed.en}",
            ),
            blank,
        )
    raise TypeError(f"a cell cannot hold a value of type {vtype!r}")  # an Obj: read by hand
