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
KEMENDAGRI_CODE_KINDS = ("program", "kegiatan", "sub_kegiatan")
"""The Kemendagri code kinds a level may carry (``spec.CODE_KINDS`` reads them from here)."""
FREE_CODE_SYSTEM = "bebas"
"""A level's code system that is the site's own (``spec.FREE_CODE``)."""
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
class Position:
    """A position (jabatan) of an agency's structure: who answers for nodes and indicators, and
    who signs a Perjanjian Kinerja with whom (``opd.jabatan``)."""

    id: str = ""
    name: str = ""
    echelon: str | None = None
    """``II.a`` … ``IV.b``, ``fungsional`` or ``pelaksana`` (``spec.ECHELONS``)."""
    superior_id: str | None = None
    """The position directly above (``atasan``); ``None`` for the agency's head."""
    official: Official | None = None
    """The current holder (``pejabat``)."""
    opd_id: str = ""
    """The agency whose file declares the position (set by the loader)."""
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
    quarterly_targets: dict[int, dict[str, Value]] = field(default_factory=dict)
    """Target per year and quarter (``target_triwulan``: year → ``tw1`` … ``tw4``)."""
    quarterly_basis: str | None = None
    """``sifat_triwulan``: ``kumulatif`` (also when ``None``) or ``per_triwulan``."""
    action_plan: dict[int, dict[str, str]] = field(default_factory=dict)
    """The steps planned per year and quarter (``rencana_aksi``: year → ``tw1`` … ``tw4``)."""
    definition: str | None = None
    formula: str | None = None
    data_source: str | None = None
    reporting_period: str | None = None
    responsible: str | None = None
    """The unit or position answerable for the indicator (``penanggung_jawab``)."""
    position_id: str | None = None
    """The position (an id of some agency's ``jabatan``) that answers for the indicator."""
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
    position_id: str | None = None
    """The position (an id of some agency's ``jabatan``) that answers for the node."""
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
    addresses: list[str] = field(default_factory=list)
    """Ids of the causes of a problem tree the node works on (``menangani``)."""
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
class PkSigning:
    """A signed Perjanjian Kinerja with when it was signed: an item of ``pk_ditandatangani``
    written as a mapping (``{tahun: 2026, tanggal: 2026-02-10, revisi: abc1234}``)."""

    year: int = 0
    date: str | None = None
    """The signing date, ``YYYY-MM-DD``."""
    revision: str | None = None
    """The git revision of the trees the parties signed."""
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
    pk_signed: list[int | PkSigning] = field(default_factory=list)
    """Years whose Perjanjian Kinerja carries the parties' signatures (``pk_ditandatangani``):
    a year, or a :class:`PkSigning` when the file says when it was signed."""
    positions: list[Position] = field(default_factory=list)
    """The agency's positions (``jabatan``), in file order."""
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
    """The level's code system: a Kemendagri code kind (``program``, ``kegiatan``,
    ``sub_kegiatan``), ``bebas`` (a free code) or ``None`` (no code)."""
    repeats: bool = False
    plural: str | None = None
    plural_en: str | None = None
    code_pattern: str | None = None
    """The regular expression a free code matches (``kode: bebas``); ``None``: any code."""
    code_example: str | None = None
    pk: bool | None = None
    """Whether the level's nodes are the Perjanjian Kinerja's targets; ``None``: see :attr:`on_pk`."""
    pk_signer: str | None = None
    """Position of the PK's second party for this level; ``None``: the regional head."""
    budget: bool | None = None
    """Whether the level's nodes carry budgets; ``None``: see :attr:`carries_budget`."""
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def label(self, language: str = "id") -> str:
        """The level's name as a reader sees it: ``name_en`` on an English site when the scheme
        gives one, else the name (the id when the name is empty)."""
        if language == "en" and self.name_en:
            return self.name_en
        return self.name or self.id

    def plural_label(self, language: str = "id") -> str:
        """The level's plural name for headings (``nama_jamak``), else its name."""
        plural = self.plural_en if language == "en" else self.plural
        return plural or self.label(language)

    @property
    def kemendagri_code(self) -> str | None:
        """The Kemendagri code kind the level's nodes carry; ``None`` for no code or a free
        code."""
        return self.code_kind if self.code_kind in KEMENDAGRI_CODE_KINDS else None

    @property
    def free_code(self) -> bool:
        """The level's nodes carry codes of the site's own system (``kode: bebas``)."""
        return self.code_kind == FREE_CODE_SYSTEM

    @property
    def carries_budget(self) -> bool:
        """The level's nodes carry budgets: ``anggaran`` when the scheme says, else whether the
        level carries a Kemendagri code (program, kegiatan, sub kegiatan)."""
        return self.budget if self.budget is not None else self.kemendagri_code is not None

    @property
    def on_pk(self) -> bool:
        """The level's nodes are the Perjanjian Kinerja's targets: ``pk`` when the scheme says,
        else an agency level without a code (sasaran strategis)."""
        if self.pk is not None:
            return self.pk
        return self.scope == "opd" and self.code_kind is None


@dataclass(slots=True)
class Cause:
    """A cause in a problem tree (``penyebab``); one without sub-causes is a root cause (akar
    masalah). ``theme_id``, ``parent_id`` and ``depth`` are set by the loader."""

    id: str = ""
    description: str = ""
    data: str | None = None
    """The evidence: figure, source, year."""
    causes: list[Cause] = field(default_factory=list)
    theme_id: str = ""
    parent_id: str | None = None
    """The cause this one explains; ``None`` for a direct cause of the core problem."""
    depth: int = 1
    """1 for a direct cause of the core problem, 2 for its causes, …"""
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_root(self) -> bool:
        """A root cause (akar masalah): a cause with no cause below it."""
        return not self.causes

    def walk(self) -> list[Cause]:
        """This cause and every cause below it, depth first."""
        found = [self]
        for cause in self.causes:
            found += cause.walk()
        return found


@dataclass(slots=True)
class ProblemTheme:
    """A problem tree (``masalah``): a theme, its core problem and the causes behind it."""

    id: str = ""
    theme: str = ""
    core_problem: str = ""
    data: str | None = None
    causes: list[Cause] = field(default_factory=list)
    loc: Loc = NOWHERE
    lines: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    def all_causes(self) -> list[Cause]:
        """Every cause of the theme, depth first."""
        found: list[Cause] = []
        for cause in self.causes:
            found += cause.walk()
        return found

    def root_causes(self) -> list[Cause]:
        return [cause for cause in self.all_causes() if cause.is_root]


@dataclass(slots=True)
class Settings:
    levels: list[Level] | None = None
    scheme: str | None = None
    """The level scheme named by ``skema`` (``sakip``, ``kl``); ``None``: the regional one."""
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
    positions: dict[str, Position] = field(default_factory=dict)
    """Every agency's positions by id (the first declaration of an id; see
    :mod:`.position_rules`)."""
    files: list[str] = field(default_factory=list)
    problems: list[ProblemTheme] = field(default_factory=list)
    """The problem trees of ``pemda.yaml`` (``masalah``)."""
    causes: dict[str, Cause] = field(default_factory=dict)
    """Every cause of :attr:`problems` by id (the first where an id repeats)."""

    def level(self, level_id: str) -> Level | None:
        for level in self.levels:
            if level.id == level_id:
                return level
        return None

    @property
    def years(self) -> range:
        return self.region.period.years if self.region else range(0)

    @property
    def scheme(self) -> str:
        """The level scheme whose words the pages use: ``pengaturan.skema``, else ``sakip``."""
        return self.settings.scheme or "sakip"

    def has_code_level(self, kind: str) -> bool:
        """Whether some level of the scheme carries Kemendagri codes of ``kind``."""
        return any(level.kemendagri_code == kind for level in self.levels)
