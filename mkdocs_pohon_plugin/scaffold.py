"""``pohon init``: a complete new site for one regional government, ready to check and build.

The files written are templates kept as package data in ``mkdocs_pohon_plugin/scaffold/``: a
``*.j2`` file is rendered with Jinja2 (the region's name, kind and period), any other file is
copied as it is. What :func:`plan` returns passes ``pohon check --strict``, ``mkdocs build
--strict`` and ``pohon fmt --check`` as written (``tests/test_scaffold.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .core.tree.diagnostics import Text
from .core.tree.json_schema import json_schema_text
from .core.tree.nomenclature import PACKAGED_VERSION
from .core.tree.spec import REGION_KINDS

if TYPE_CHECKING:
    from importlib.abc import Traversable

SCAFFOLD = "scaffold"
"""The package folder holding the files of a new site."""

DESTINATIONS = {
    "gitignore": ".gitignore",
    "ci/gitlab-ci.yml": ".gitlab-ci.yml",
    "ci/github-workflow.yml": ".github/workflows/pohon.yml",
}
"""Where a scaffold file goes when not at its own path (a dot file would be left out of the wheel;
the CI templates go where GitLab and GitHub look for them)."""

SCHEMA = "schema/pohon.schema.json"
"""The JSON Schema the tree files' first line points editors at."""

MERMAID_JS = "node_modules/mermaid/dist/mermaid.min.js"
"""Where ``npm install`` puts Mermaid; ``mermaid_js`` is switched on only when it is there."""

HEADS = {"kabupaten": "Bupati", "kota": "Wali Kota", "provinsi": "Gubernur"}
"""The head of each kind of regional government (``kepala_daerah``)."""

DEFAULT_KIND = "kabupaten"
DEFAULT_PERIOD = (2025, 2029)


def default_name(kind: str) -> str:
    """The name of a new site when none is given: ``Kabupaten Contoh``, ``Kota Contoh`` …"""
    return f"{kind.capitalize()} Contoh"


_NAME = re.compile(r"[^\W\d_](?:[\w.,'()-]| (?! ))*(?<! )", re.UNICODE)
"""A region name that reads as the same text wherever the templates put it, unquoted, in YAML
and Markdown: letters, digits, single spaces and ``. , - ' ( )``, starting with a letter."""


class ScaffoldError(Exception):
    """Options that cannot make a site; the message is a :class:`Text`."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.id)
        self.text = text


@dataclass(frozen=True, slots=True)
class Region:
    """The regional government a new site is for."""

    name: str = "Kabupaten Contoh"
    kind: str = DEFAULT_KIND
    start: int = DEFAULT_PERIOD[0]
    end: int = DEFAULT_PERIOD[1]

    def __post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            raise ScaffoldError(
                Text(
                    id=f"nama daerah tidak sah: {self.name!r} (huruf, angka, spasi dan . , - ' ( ) "
                    "saja, diawali huruf)",
                    en=f"not a valid region name: {self.name!r} (letters, digits, spaces and "
                    ". , - ' ( ) only, starting with a letter)",
                )
            )
        if self.kind not in REGION_KINDS:
            raise ScaffoldError(
                Text(
                    id=f"jenis harus salah satu dari {', '.join(REGION_KINDS)}, bukan {self.kind!r}",
                    en=f"the kind must be one of {', '.join(REGION_KINDS)}, not {self.kind!r}",
                )
            )
        if not (1900 < self.start <= self.end < 2200):
            raise ScaffoldError(
                Text(
                    id=f"periode tidak sah: {self.start}-{self.end} (contoh: 2025-2029)",
                    en=f"not a valid period: {self.start}-{self.end} (e.g. 2025-2029)",
                )
            )

    @property
    def short_name(self) -> str:
        """The name without its kind: ``Sukamaju`` for ``Kabupaten Sukamaju``."""
        for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
            if self.name.startswith(prefix) and self.name[len(prefix) :].strip():
                return self.name[len(prefix) :].strip()
        return self.name

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


def parse_period(text: str) -> tuple[int, int]:
    """``2025-2029`` as ``(2025, 2029)``."""
    start, sep, end = text.partition("-")
    if not sep or not start.strip().isdigit() or not end.strip().isdigit():
        raise ScaffoldError(
            Text(
                id=f"periode ditulis TAHUN-TAHUN, mis. 2025-2029, bukan {text!r}",
                en=f"write the period as YEAR-YEAR, e.g. 2025-2029, not {text!r}",
            )
        )
    return int(start), int(end)


def _number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals else str(round(value))


def _context(region: Region, root: Path) -> dict[str, object]:
    years = region.years

    def series(first: float, step: float, decimals: int) -> str:
        """A year map over the period, ``{2025: 73.0, 2026: 73.5, …}``."""
        values = (_number(first + step * i, decimals) for i in range(len(years)))
        return "{" + ", ".join(f"{y}: {v}" for y, v in zip(years, values, strict=True)) + "}"

    def last(first: float, step: float, decimals: int) -> str:
        return _number(first + step * (len(years) - 1), decimals)

    def first_year(value: float) -> str:
        return f"{{{region.start}: {value}}}"

    document = "RPJMD" if region.end - region.start < 10 else "RPJPD"
    return {
        "nama": region.name,
        "jenis": region.kind,
        "awal": region.start,
        "akhir": region.end,
        "tahun_dasar": region.start - 1,
        "kepala_daerah": f"{HEADS[region.kind]} {region.short_name}",
        "dokumen": f"{document} {region.name} {region.start}-{region.end}",
        "dokumen_singkat": document,
        "versi_nomenklatur": PACKAGED_VERSION,
        "mermaid_js": MERMAID_JS if (root / MERMAID_JS).is_file() else None,
        "series": series,
        "last": last,
        "first_year": first_year,
    }


def _walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.name == "__pycache__":
            continue
        if item.is_dir():
            yield from _walk(item, f"{prefix}{item.name}/")
        else:
            yield f"{prefix}{item.name}", item


def plan(region: Region, root: Path) -> dict[str, str]:
    """The files of a new site in ``root``: path relative to it → text."""
    folder = resources.files("mkdocs_pohon_plugin").joinpath(SCAFFOLD)
    environment = jinja2.Environment(
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML, Markdown and plain text, never HTML
    )
    context = _context(region, root)
    files: dict[str, str] = {}
    for name, item in _walk(folder):
        text = item.read_text(encoding="utf-8")
        if name.endswith(".j2"):
            name = name[: -len(".j2")]
            text = environment.from_string(text).render(context)
        files[DESTINATIONS.get(name, name)] = text
    files[SCHEMA] = json_schema_text()
    return files


def existing(files: dict[str, str], root: Path) -> list[str]:
    """The planned files that are already in ``root``."""
    return [name for name in files if (root / name).exists()]


def write(files: dict[str, str], root: Path) -> list[Path]:
    """Write the planned files into ``root`` (overwriting); the paths written."""
    written = []
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
