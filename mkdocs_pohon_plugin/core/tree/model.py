"""The domain model: a regency's performance trees as plain dataclasses.

Every object keeps where it came from (``loc``: file and line) and the line of each of its YAML keys
(``lines``), so that any later check or page can point a reviewer at the exact line.
Names are English here; the YAML keys (Indonesian) live in :mod:`.spec`. Each class built from a
spec also has ``extra``: the values of fields the spec declares without a model attribute, by YAML
key (read them through ``spec.Field.get``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Value = int | float | str
"""A target, realisation or baseline: a number, or text where the target is qualitative."""


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something was read: the file as the loader names it, and the 1-based line."""

    file: str
    line: int


NOWHERE = Loc("", 0)
"""The location of an object that was not read from a file (built in code or a test)."""


def item_key(key: str, item: str) -> str:
    """The key under which an object's ``lines`` keeps the line of one item of a list of ids:
    ``item_key("mendukung", "i-aki")`` is ``"mendukung[i-aki]"``."""
    return f"{key}[{item}]"


def item_line(lines: dict[str, int], key: str, item: str, default: int) -> int:
    """The line of the list item ``item`` of ``key``; else the key's line; else ``default``."""
    return lines.get(item_key(key, item)) or lines.get(key, default)


@dataclass(slots=True)
class Baseline:
    year: int | None = None
    value: Value | None = None
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Official:
    """The person holding a responsible position."""

    name: str | None = None
    nip: str | None = None
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Crosscutting:
    """A link from one node to a node of another agency (``target_id``) or to an outside body."""

    role: str = ""
    status: str = "menunggu"
    target_id: str | None = None
    body: str | None = None
    note: str | None = None
    source_id: str = ""
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Indicator:
    id: str = ""
    name: str = ""
    polarity: str = "maksimal"
    unit: str | None = None
    kind: str | None = None
    is_iku: bool = False
    supports: list[str] = field(default_factory=list)
    """Ids of the indicators above that this one drives (``mendukung``)."""
    baseline: Baseline | None = None
    targets: dict[int, Value] = field(default_factory=dict)
    final_target: Value | None = None
    realisations: dict[int, Value] = field(default_factory=dict)
    quarterly: dict[int, dict[str, Value]] = field(default_factory=dict)
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    reporting_period: str | None = None
    responsible: str | None = None
    """The unit or position answerable for the indicator (``penanggung_jawab``)."""
    notes: str | None = None
    former_ids: list[str] = field(default_factory=list)
    node_id: str = ""
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def end_target(self, last_year: int | None) -> Value | None:
        """The end-of-period target: ``target_akhir`` when given, else the target of the
        period's last year (``last_year``; ``None`` when the period is unknown)."""
        if self.final_target is not None:
            return self.final_target
        return self.targets.get(last_year) if last_year is not None else None


@dataclass(slots=True)
class Node:
    id: str = ""
    level: str = ""
    statement: str = ""
    parent_id: str | None = None
    order: int | None = None
    responsible: str | None = None
    official: Official | None = None
    work_unit: str | None = None
    code: str | None = None
    budget_plan: dict[int, Value] = field(default_factory=dict)
    """Indicative ceiling per year in the RPJMD / Renstra (``pagu_indikatif``)."""
    budget: dict[int, Value] = field(default_factory=dict)
    """Adopted budget per year, APBD murni (``anggaran``): the budget sums and funding use."""
    budget_revised: dict[int, Value] = field(default_factory=dict)
    """Adopted budget after the budget change, APBD perubahan (``anggaran_perubahan``)."""
    budget_spent: dict[int, Value] = field(default_factory=dict)
    """Budget realisation per year (``realisasi_anggaran``)."""
    indicators: list[Indicator] = field(default_factory=list)
    crosscutting: list[Crosscutting] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str | None = None
    former_ids: list[str] = field(default_factory=list)
    opd_id: str | None = None
    """The agency the node belongs to; ``None`` for the regional tree."""
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Period:
    start: int = 0
    end: int = 0
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def years(self) -> range:
        return range(self.start, self.end + 1)


@dataclass(slots=True)
class NomenclatureRef:
    version: str | None = None
    folder: str | None = None
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Region:
    """The regional government (pemda) that owns the whole site."""

    name: str = ""
    period: Period = field(default_factory=Period)
    kind: str | None = None
    code: str | None = None
    head: str | None = None
    document: str | None = None
    nomenclature: NomenclatureRef | None = None
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Opd:
    """An agency (perangkat daerah) and the file its tree lives in."""

    id: str = ""
    name: str = ""
    short_name: str | None = None
    code: str | None = None
    head: str | None = None
    kind: str | None = None
    pk_signed: list[int] = field(default_factory=list)
    """Years whose Perjanjian Kinerja carries the parties' signatures (``pk_ditandatangani``)."""
    node_ids: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.short_name or self.name


@dataclass(slots=True)
class Level:
    id: str = ""
    name: str = ""
    scope: str = "opd"
    name_en: str | None = None
    code_kind: str | None = None
    repeats: bool = False
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self, language: str = "id") -> str:
        """The level's name as a reader sees it: ``name_en`` on an English site when the scheme
        gives one, else the name (the id when the name is empty)."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name or self.id


@dataclass(slots=True)
class Settings:
    levels: list[Level] | None = None
    disabled_rules: list[str] = field(default_factory=list)
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Site:
    """Everything loaded from one trees folder."""

    root: str
    region: Region | None = None
    settings: Settings = field(default_factory=Settings)
    levels: list[Level] = field(default_factory=list)
    opds: dict[str, Opd] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def level(self, level_id: str) -> Level | None:
        for level in self.levels:
            if level.id == level_id:
                return level
        return None

    @property
    def years(self) -> range:
        return self.region.period.years if self.region else range(0)
