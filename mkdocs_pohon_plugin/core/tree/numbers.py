"""Reading a number as a person types it, the Indonesian way: the one reader used by the tree
check (:mod:`.measures`, for its advice) and by the workbook importer (:mod:`..spreadsheet.cells`).

Rules: a decimal comma (``83,4``); thousands dots in groups of exactly three digits
(``1.250.000``, ``1.250,5``); a dot followed by other than three digits is a decimal dot
(``72.5``, ``0.125``); English thousands commas are read when they cannot be a decimal comma
(``1,250,000``, ``1,250.5``). A single dot followed by exactly three digits after one to three
digits (``1.250``) has two readings, 1250 and 1.25: it is *ambiguous*, never guessed. Malformed
groupings (``12.5.3``, ``1.25.000``) are not a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS = frozenset(
    {"-", "–", "—", "n/a", "na", "tbd", "tba", "belum ada", "belum tersedia", "...", "…"}
)
"""Texts (compared lower-cased, stripped) that stand for "no value yet" rather than a value."""

_LEAD = r"[1-9]\d{0,2}"
_DOT_DECIMAL = re.compile(r"(\d+)\.(\d+)")
_ID_GROUPED = re.compile(rf"({_LEAD}(?:\.\d{{3}})+)(?:,(\d+))?")
_COMMA_DECIMAL = re.compile(r"(\d+),(\d+)")
_EN_GROUPED = re.compile(rf"({_LEAD}(?:,\d{{3}}){{2,}})(?:\.(\d+))?|({_LEAD}(?:,\d{{3}})+)\.(\d+)")
_EXPONENT = re.compile(r"(.+?)e([-+]?)(\d+)")


@dataclass(frozen=True, slots=True)
class TypedNumber:
    """A typed number, read: ``plain`` in YAML's notation (a dot for decimals, no thousands
    separators: ``1250.5``); or, when the spelling has two readings (``1.250``), ``plain`` is
    ``None`` and ``readings`` holds both (``("1250", "1.25")``: thousands dot first)."""

    plain: str | None
    readings: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.plain is None


def read_typed_number(written: str) -> TypedNumber | None:
    """``written`` (digits, dots, commas, an optional sign and exponent; no spaces, no unit)
    read by the rules above; ``None`` when it is not a number."""
    text = written.strip().lower()
    if not text:
        return None
    exponent = _EXPONENT.fullmatch(text)
    if exponent is not None:
        # 1e400: YAML 1.1 reads a float only with a dot and a signed exponent
        mantissa = read_typed_number(exponent.group(1))
        if mantissa is None:
            return None
        tail = f"e{exponent.group(2) or '+'}{exponent.group(3)}"

        def floated(plain: str) -> str:
            return f"{plain if '.' in plain else plain + '.0'}{tail}"

        if mantissa.plain is None:
            return TypedNumber(None, tuple(floated(r) for r in mantissa.readings))
        return TypedNumber(floated(mantissa.plain))
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if text.isascii() and text.isdigit():
        return TypedNumber(sign + _plain(text, ""))
    match = _DOT_DECIMAL.fullmatch(text)
    if match is not None:
        whole, frac = match.groups()
        if len(frac) == 3 and re.fullmatch(_LEAD, whole):
            return TypedNumber(
                None,
                (sign + _plain(whole + frac, ""), sign + _plain(whole, frac.rstrip("0"))),
            )
        return TypedNumber(sign + _plain(whole, frac))
    match = _ID_GROUPED.fullmatch(text)
    if match is not None:
        return TypedNumber(sign + _plain(match.group(1).replace(".", ""), match.group(2) or ""))
    match = _COMMA_DECIMAL.fullmatch(text)
    if match is not None:
        return TypedNumber(sign + _plain(*match.groups()))
    match = _EN_GROUPED.fullmatch(text)
    if match is not None:
        whole = match.group(1) or match.group(3)
        frac = match.group(2) or match.group(4) or ""
        return TypedNumber(sign + _plain(whole.replace(",", ""), frac))
    return None


def _plain(whole: str, frac: str) -> str:
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{frac}" if frac else whole


def as_number(plain: str) -> int | float:
    """The Python number of a :attr:`TypedNumber.plain`."""
    return float(plain) if "." in plain or "e" in plain else int(plain)


def is_placeholder(text: str) -> bool:
    """Whether ``text`` stands for "no value yet" (``-``, ``n/a``, ``TBD``, ``belum ada``)."""
    return " ".join(text.split()).lower() in PLACEHOLDERS
