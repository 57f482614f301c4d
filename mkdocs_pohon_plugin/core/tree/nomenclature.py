"""Kemendagri codes: their shape, their kind, and the declared nomenclature (official names).

Sub kegiatan ``1.02.02.2.02.0001``: urusan ``1``, bidang urusan ``1.02``, program ``1.02.02``,
kegiatan ``1.02.02.2.02``, sub kegiatan ``.0001`` (two digits in nomenclatures before 2023).
The nomenclature is read from CSV files (``kode,nama[,kinerja,indikator,satuan,keterangan]``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import spec as spec
from .diagnostics import Text, TextError

_PATTERNS = {
    "program": re.compile(spec.PROGRAM_PATTERN),
    "kegiatan": re.compile(spec.KEGIATAN_PATTERN),
    "sub_kegiatan": re.compile(spec.SUB_KEGIATAN_PATTERN),
}

CODE_KIND_LABELS = {"program": "Program", "kegiatan": "Kegiatan", "sub_kegiatan": "Sub Kegiatan"}
CODE_EXAMPLES = {
    "program": "1.02.02",
    "kegiatan": "1.02.02.2.02",
    "sub_kegiatan": "1.02.02.2.02.0001",
}


def code_kind(code: str) -> str | None:
    """``program``, ``kegiatan`` or ``sub_kegiatan`` for a well-formed code, else ``None``."""
    for kind, pattern in _PATTERNS.items():
        if pattern.match(code):
            return kind
    return None


def parent_code(code: str) -> str | None:
    """The code one step up: sub kegiatan → kegiatan → program; ``None`` for a program."""
    kind = code_kind(code)
    if kind == "sub_kegiatan":
        return code.rsplit(".", 1)[0]
    if kind == "kegiatan":
        return code.rsplit(".", 2)[0]
    return None


def belongs_under(code: str, ancestor: str) -> bool:
    """Whether ``code`` lies under ``ancestor`` in the code hierarchy (or is it)."""
    return code == ancestor or code.startswith(ancestor + ".")


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    name: str
    result: str | None = None
    indicator: str | None = None
    unit: str | None = None


@dataclass(slots=True)
class Nomenclature:
    version: str | None = None
    entries: dict[str, Entry] = field(default_factory=dict)

    def name(self, code: str) -> str | None:
        entry = self.entries.get(code)
        return entry.name if entry else None

    def __contains__(self, code: str) -> bool:
        return code in self.entries


class NomenclatureError(TextError):
    """The nomenclature folder or one of its files cannot be read."""


FILES = ("program.csv", "kegiatan.csv", "sub_kegiatan.csv")

PACKAGED_FOLDER = Path(__file__).resolve().parents[2] / "data" / "nomenklatur"
"""The Kemendagri nomenclature shipped inside the package: what a site that declares
``nomenklatur:`` without ``berkas`` is checked against."""

PACKAGED_VERSION = "Kepmendagri 900.1.15.5-1317/2023"
"""The version of :data:`PACKAGED_FOLDER`."""


def load_nomenclature(folder: Path, version: str | None = None) -> Nomenclature:
    """Read ``program.csv``, ``kegiatan.csv`` and ``sub_kegiatan.csv`` (those present) from a folder."""
    if not folder.is_dir():
        raise NomenclatureError(
            Text(id=f"folder {folder} tidak ada", en=f"the folder {folder} does not exist")
        )
    result = Nomenclature(version)
    present = [folder / name for name in FILES if (folder / name).is_file()]
    if not present:
        names = ", ".join(FILES)
        raise NomenclatureError(
            Text(id=f"{folder} tidak berisi {names}", en=f"{folder} holds none of {names}")
        )
    for path in present:
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                for row in csv.DictReader(handle):
                    code = (row.get("kode") or "").strip()
                    if not code:
                        continue
                    result.entries[code] = Entry(
                        code,
                        (row.get("nama") or "").strip(),
                        (row.get("kinerja") or "").strip() or None,
                        (row.get("indikator") or "").strip() or None,
                        (row.get("satuan") or "").strip() or None,
                    )
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise NomenclatureError(
                Text(id=f"{path} tidak dapat dibaca: {exc}", en=f"cannot read {path}: {exc}")
            ) from exc
    return result
