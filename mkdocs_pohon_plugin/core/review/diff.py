"""What changed between two versions of the trees, in the domain's words rather than in lines.

:func:`diff_sites` compares two :class:`~.check.CheckResult` and returns a :class:`SiteDiff`:
nodes added, removed, moved (another parent) and renamed (another id, the same content), and for
every node that stays: its statement, code and other fields, its budget per year, its indicators
(added, removed, renamed, their targets and realisations per year, old → new, with the direction
judged against the indicator's polarity) and its crosscutting links (added, removed, status).

A rename is *declared* when the new node (or indicator) lists the old id under ``id_lama``; it is
*detected* when a removed and an added node of the same agency and level carry (nearly) the same
statement and indicator names. Either way the diff says "renamed" instead of "removed + added", so
a changed URL never goes unnoticed.

:func:`load_side` reads one side: a folder of trees, or a git revision (read with ``git archive``
into a temporary folder, no worktree and no change to the repository's index).
:mod:`.diff_render` turns a :class:`SiteDiff` into Markdown (for a merge-request comment) or JSON.
"""

from __future__ import annotations

import difflib
import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

from ..tree import budget
from ..tree import spec as spec
from ..tree.check import CheckResult, check_trees
from ..tree.diagnostics import Text, TextError
from ..tree.model import Cause, Crosscutting, Indicator, Node, Opd, ProblemTheme, Site, Value

ADDED, REMOVED, CHANGED = "ditambah", "dihapus", "diubah"
THEME, CAUSE = "masalah", "penyebab"
STATUS = "status"
"""Kinds of change (Indonesian, as the site and the comment say them)."""

RENAME_THRESHOLD = 0.85
"""Similarity (0–1) of statement and indicator names above which a removed and an added node of
the same agency and level are taken as one node whose id changed."""

_FUZZY_PAIR_LIMIT = 40_000
"""Above this many candidate pairs in one agency and level, only exact matches are tried."""


class DiffLoadError(TextError):
    """A side of the diff cannot be read (unknown revision, no trees folder, no git)."""


# --- the result ------------------------------------------------------------------------------


@dataclass(slots=True)
class Change:
    """One field, old → new. ``field`` is the YAML key (``pernyataan``, ``kode`` …)."""

    field: str
    old: Any = None
    new: Any = None


@dataclass(slots=True)
class YearChange:
    """A value of one year, old → new (``None`` where the year is missing on that side).

    ``direction`` is ``naik`` or ``turun`` when both values are numbers. ``assessment`` judges it
    against the polarity: for a target ``melemah`` (a lowered target where higher is better, a raised
    one where lower is better) or ``menguat``; for a realisation or a budget ``membaik`` /
    ``memburuk`` (realisation) and nothing for a budget or a ``stabil`` indicator.
    """

    year: int
    old: Value | None = None
    new: Value | None = None
    direction: str | None = None
    assessment: str | None = None


@dataclass(slots=True)
class BudgetChange(YearChange):
    """A budget of one year, old → new, and which budget kind it is."""

    kind: str = "anggaran"
    """The YAML key of the kind (``pagu_indikatif``, ``anggaran``, ``anggaran_perubahan``,
    ``realisasi_anggaran``; :mod:`..tree.budget`)."""


@dataclass(slots=True)
class LinkChange:
    """A crosscutting link added, removed, or changed (``status``: its status changed)."""

    change: str
    target: str
    """The partner node's id, or the outside body's name when ``external``."""
    external: bool = False
    role: str = ""
    old_status: str | None = None
    new_status: str | None = None
    fields: list[Change] = field(default_factory=list)


@dataclass(slots=True)
class SupportChange:
    """An indicator above that an indicator now supports (``ditambah``) or no longer supports
    (``dihapus``): one entry of its ``mendukung``."""

    change: str
    target: str
    """The id of the indicator supported (on the new side when it was renamed)."""
    name: str = ""
    """That indicator's name, as the new side says it (the old side's when it is gone)."""


@dataclass(slots=True)
class QuarterChange:
    """One quarter's value that changed: a quarterly target (``target``), realisation
    (``realisasi``) or planned steps (``rencana_aksi``) of ``quarter`` (``TW II``) in ``year``."""

    kind: str
    year: int
    quarter: str
    old: Any
    new: Any
    direction: str | None = None
    assessment: str | None = None


QUARTER_FIELDS = (
    ("target_triwulan", "target"),
    ("realisasi_triwulan", "realisasi"),
    ("rencana_aksi", "rencana_aksi"),
)
"""The indicator's quarterly fields, each with the kind its changes are told as."""


@dataclass(slots=True)
class AddressChange:
    """A cause of a problem tree that a node starts (``ditambah``) or stops (``dihapus``)
    addressing: one entry of its ``menangani``."""

    change: str
    cause: str
    description: str = ""
    """The cause as the new side says it (the old side's when it is gone)."""


@dataclass(slots=True)
class ProblemChange:
    """A problem theme or cause (``masalah``, ``penyebab``) added, removed or changed."""

    kind: str
    """``masalah`` (a theme) or ``penyebab`` (a cause)."""
    change: str
    id: str
    text: str
    """The theme's name or the cause's description."""
    theme: str = ""
    """The theme id (of a cause)."""
    parent: str | None = None
    """The cause above a cause (``None``: a direct cause of the core problem)."""
    root: bool = False
    """A root cause (no cause below it) on the side it is on."""
    fields: list[Change] = field(default_factory=list)
    file: str = ""
    line: int = 0


@dataclass(slots=True)
class IndicatorDiff:
    id: str
    name: str
    change: str
    node_id: str
    old_id: str | None = None
    """The former id when the indicator was renamed."""
    rename_declared: bool = False
    moved_from: str | None = None
    """The node the indicator used to belong to, when it moved to another node."""
    polarity: str = "maksimal"
    fields: list[Change] = field(default_factory=list)
    targets: list[YearChange] = field(default_factory=list)
    realisations: list[YearChange] = field(default_factory=list)
    quarters: list[QuarterChange] = field(default_factory=list)
    """Quarterly targets, realisations and planned steps that changed, year by year."""
    supports: list[SupportChange] = field(default_factory=list)
    """What it now supports and no longer supports (``mendukung``), in the domain's words."""
    file: str = ""
    line: int = 0

    @property
    def renamed(self) -> bool:
        return self.old_id is not None

    @property
    def weakened(self) -> list[YearChange]:
        return [c for c in self.targets if c.assessment == "melemah"]


@dataclass(slots=True)
class NodeDiff:
    id: str
    change: str
    level: str
    statement: str
    opd_id: str | None
    parent: str | None = None
    """The parent on the new side (for a removed node: its old parent, by its new id)."""
    old_id: str | None = None
    rename_declared: bool = False
    old_parent: str | None = None
    new_parent: str | None = None
    moved: bool = False
    fields: list[Change] = field(default_factory=list)
    budget: list[BudgetChange] = field(default_factory=list)
    indicators: list[IndicatorDiff] = field(default_factory=list)
    crosscutting: list[LinkChange] = field(default_factory=list)
    addresses: list[AddressChange] = field(default_factory=list)
    """The causes it starts and stops addressing (``menangani``), in the domain's words."""
    file: str = ""
    line: int = 0

    @property
    def renamed(self) -> bool:
        return self.old_id is not None

    def field(self, key: str) -> Change | None:
        return next((c for c in self.fields if c.field == key), None)


@dataclass(slots=True)
class ContextNode:
    level: str
    statement: str
    parent: str | None = None


@dataclass(slots=True)
class OpdDiff:
    """The changes of one agency (``id`` is ``None`` for the regional tree)."""

    id: str | None
    name: str
    change: str | None = None
    """``ditambah`` / ``dihapus`` when the whole agency is new or gone, ``diubah`` when its own
    fields changed, ``None`` when only its nodes did."""
    fields: list[Change] = field(default_factory=list)
    nodes: list[NodeDiff] = field(default_factory=list)


@dataclass(slots=True)
class SiteDiff:
    old_label: str
    new_label: str
    region: list[Change] = field(default_factory=list)
    groups: list[OpdDiff] = field(default_factory=list)
    old_errors: int = 0
    new_errors: int = 0
    levels: dict[str, str] = field(default_factory=dict)
    """Level id -> label (``Sasaran Program``), for the comment."""
    levels_en: dict[str, str] = field(default_factory=dict)
    """Level id -> English label (``Program target``; the Indonesian one where none is set)."""
    context: dict[str, ContextNode] = field(default_factory=dict)
    """Unchanged nodes next to the changes (parents, crosscutting partners), for the diagram."""
    positions: dict[str, str] = field(default_factory=dict)
    """Position id -> its name (the new trees' where both have it), for a change of who answers
    for a node or an indicator (``jabatan``)."""
    problems: list[ProblemChange] = field(default_factory=list)
    """Problem themes and causes added, removed or changed (``masalah``)."""

    @property
    def nodes(self) -> list[NodeDiff]:
        return [node for group in self.groups for node in group.nodes]

    @property
    def empty(self) -> bool:
        return (
            not self.region
            and not self.problems
            and not any(g.nodes or g.change for g in self.groups)
        )

    def summary(self) -> dict[str, int]:
        nodes = self.nodes
        indicators = [i for n in nodes for i in n.indicators]
        targets = [t for i in indicators for t in i.targets]
        links = [link for n in nodes for link in n.crosscutting]
        supports = [s for i in indicators for s in i.supports]
        addresses = [a for n in nodes for a in n.addresses]
        causes = [p for p in self.problems if p.kind == CAUSE]
        return {
            "node_ditambah": sum(n.change == ADDED for n in nodes),
            "node_dihapus": sum(n.change == REMOVED for n in nodes),
            "node_dipindah": sum(n.moved for n in nodes),
            "node_diganti_id": sum(n.renamed for n in nodes),
            "node_diubah": sum(
                n.change == CHANGED
                and bool(n.fields or n.budget or n.indicators or n.crosscutting or n.addresses)
                for n in nodes
            ),
            "indikator_ditambah": sum(i.change == ADDED for i in indicators),
            "indikator_dihapus": sum(i.change == REMOVED for i in indicators),
            "indikator_diganti_id": sum(i.renamed for i in indicators),
            "target_berubah": len(targets),
            "target_melemah": sum(t.assessment == "melemah" for t in targets),
            "realisasi_berubah": sum(len(i.realisations) for i in indicators),
            "anggaran_berubah": sum(len(n.budget) for n in nodes),
            "crosscutting_ditambah": sum(link.change == ADDED for link in links),
            "crosscutting_dihapus": sum(link.change == REMOVED for link in links),
            "crosscutting_status": sum(link.change == STATUS for link in links),
            "mendukung_ditambah": sum(s.change == ADDED for s in supports),
            "mendukung_dihapus": sum(s.change == REMOVED for s in supports),
            "penyebab_ditambah": sum(p.change == ADDED for p in causes),
            "penyebab_dihapus": sum(p.change == REMOVED for p in causes),
            "menangani_ditambah": sum(a.change == ADDED for a in addresses),
            "menangani_dihapus": sum(a.change == REMOVED for a in addresses),
        }


# --- values as the YAML says them ---------------------------------------------------------------

_NODE_FIELDS = tuple(
    f
    for f in spec.NODE.fields
    if f.key not in ("id", "induk", "indikator", "crosscutting", "id_lama", "menangani")
    and f not in budget.KINDS
)
_INDICATOR_FIELDS = tuple(
    f
    for f in spec.INDICATOR.fields
    if f.key not in ("id", "target", "realisasi", "id_lama", "mendukung")
    and f.key not in dict(QUARTER_FIELDS)
)
_OPD_FIELDS = tuple(f for f in spec.OPD.fields if f.key not in ("id", "jabatan"))
_POSITION_FIELDS = tuple(f for f in spec.POSITION.fields if f.key != "id")
_POSITION = spec.Obj(spec.POSITION)


def position_changes(old: Opd, new: Opd) -> list[Change]:
    """An agency's positions added, removed or changed, one :class:`Change` per position
    (``jabatan <id>``: the whole position) or per changed key (``jabatan <id>: pejabat``)."""
    before = {p.id: p for p in old.positions}
    after = {p.id: p for p in new.positions}
    changes: list[Change] = []
    for position_id, position in after.items():
        was = before.get(position_id)
        if was is None:
            changes.append(Change(f"jabatan {position_id}", None, _plain(position, _POSITION)))
            continue
        for change in _field_changes(was, position, _POSITION_FIELDS):
            changes.append(Change(f"jabatan {position_id}: {change.field}", change.old, change.new))
    for position_id, was in before.items():
        if position_id not in after:
            changes.append(Change(f"jabatan {position_id}", _plain(was, _POSITION), None))
    return changes


_REGION_FIELDS = spec.REGION.fields
_LINK_FIELDS = tuple(f for f in spec.CROSSCUTTING.fields if f.key not in ("ke", "instansi"))
_THEME_FIELDS = tuple(f for f in spec.PROBLEM_THEME.fields if f.key not in ("id", "penyebab"))
_CAUSE_FIELDS = tuple(f for f in spec.CAUSE.fields if f.key not in ("id", "penyebab"))


def _plain(value: Any, vtype: spec.ValueType) -> Any:
    """A model value as plain data keyed by the YAML keys (what a reviewer wrote)."""
    if value is None:
        return None
    if isinstance(vtype, spec.Obj):
        if vtype.is_shorthand(value):
            return value
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if v is not None} or None
        out = {}
        for f in vtype.spec.fields:
            item = _plain(f.get(value), f.type)
            if item not in (None, [], {}):
                out[f.key] = item
        return out or None
    if isinstance(vtype, spec.ListOf):
        return [_plain(v, vtype.item) for v in value] or None
    if isinstance(vtype, spec.YearMap):
        return {year: _plain(v, vtype.item) for year, v in sorted(value.items())} or None
    return value


def _field_changes(old: Any, new: Any, fields: Iterable[spec.Field]) -> list[Change]:
    changes = []
    for f in fields:
        before = _plain(f.get(old), f.type)
        after = _plain(f.get(new), f.type)
        if f.key == "iku":  # absent means false
            before, after = bool(before), bool(after)
        if before != after:
            changes.append(Change(f.key, before, after))
    return changes


def _is_number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


_JUDGEMENT = {
    # (kind, polarity, direction) -> assessment
    ("target", "maksimal", "turun"): "melemah",
    ("target", "maksimal", "naik"): "menguat",
    ("target", "minimal", "naik"): "melemah",
    ("target", "minimal", "turun"): "menguat",
    ("realisasi", "maksimal", "naik"): "membaik",
    ("realisasi", "maksimal", "turun"): "memburuk",
    ("realisasi", "minimal", "turun"): "membaik",
    ("realisasi", "minimal", "naik"): "memburuk",
}


def year_changes(
    old: dict[int, Value], new: dict[int, Value], kind: str = "", polarity: str = ""
) -> list[YearChange]:
    """Every year whose value differs, in year order, with direction and assessment."""
    changes = []
    for year in sorted(set(old) | set(new)):
        before, after = old.get(year), new.get(year)
        if before == after and (type(before) is type(after) or _same_number(before, after)):
            continue
        direction = None
        if _is_number(before) and _is_number(after):
            direction = "naik" if after > before else "turun"
        assessment = _JUDGEMENT.get((kind, polarity, direction)) if direction else None
        changes.append(YearChange(year, before, after, direction, assessment))
    return changes


def quarter_changes(old: Indicator, new: Indicator) -> list[QuarterChange]:
    """Every quarter whose target, realisation or planned steps differ, by kind, then year
    and quarter; numbers with their direction and (for targets and realisations) assessment."""
    changes = []
    for key, kind in QUARTER_FIELDS:
        field_spec = spec.INDICATOR.by_key[key]
        before_years = field_spec.get(old) or {}
        after_years = field_spec.get(new) or {}
        for year in sorted(set(before_years) | set(after_years)):
            before_q, after_q = before_years.get(year) or {}, after_years.get(year) or {}
            for index, quarter in enumerate(spec.QUARTERS):
                before, after = before_q.get(quarter), after_q.get(quarter)
                if before == after and (type(before) is type(after) or _same_number(before, after)):
                    continue
                direction = None
                if _is_number(before) and _is_number(after):
                    direction = "naik" if after > before else "turun"
                assessment = _JUDGEMENT.get((kind, new.polarity, direction)) if direction else None
                label = "TW " + ("I", "II", "III", "IV")[index]
                changes.append(
                    QuarterChange(kind, year, label, before, after, direction, assessment)
                )
    return changes


def _same_number(a: Any, b: Any) -> bool:
    return _is_number(a) and _is_number(b) and a == b


# --- loading a side --------------------------------------------------------------------------


@dataclass(slots=True)
class Side:
    """One side of a diff: what was read and how to show its file names."""

    label: str
    result: CheckResult
    root: Path
    prefix: str
    """How the trees folder is shown in file names (the ``--trees`` path)."""
    _shown: dict[str, str] = field(default_factory=dict, repr=False)

    def display(self, file: str) -> str:
        shown = self._shown.get(file)
        if shown is None:
            try:
                relative = Path(file).resolve().relative_to(self.root.resolve())
                shown = str(PurePosixPath(self.prefix) / relative.as_posix())
            except (ValueError, OSError):
                shown = file
            self._shown[file] = shown
        return shown


def _git(args: Sequence[str], cwd: Path) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:  # pragma: no cover - git is present wherever CI runs
        raise DiffLoadError(Text(id="git tidak terpasang", en="git is not installed")) from exc
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip()
        command = " ".join(args)
        raise DiffLoadError(
            Text.same(said) if said else Text(id=f"git {command} gagal", en=f"git {command} failed")
        )
    return proc.stdout


def _extract(data: bytes, into: Path) -> None:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        try:
            archive.extractall(into, filter="data")
        except TypeError:  # pragma: no cover - Python without extraction filters
            for member in archive.getmembers():
                if member.name.startswith(("/", "..")) or "/../" in member.name:
                    raise DiffLoadError(
                        Text(
                            id=f"jalur tidak aman di dalam arsip: {member.name}",
                            en=f"unsafe path in the archive: {member.name}",
                        )
                    ) from None
            archive.extractall(into)  # noqa: S202 - checked above


def load_revision(revision: str, trees: str = "trees", cwd: Path | str = ".") -> Side:
    """Read the trees folder as it is in a git revision (branch, tag, commit, ``HEAD~1`` …)."""
    cwd = Path(cwd)
    _git(["rev-parse", "--git-dir"], cwd)  # "not a git repository" when it is not one
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], cwd)
    except DiffLoadError:
        commit = b""
    commit_id = commit.decode().strip()
    if not commit_id:
        raise DiffLoadError(
            Text(
                id=f"'{revision}' bukan folder maupun revisi git",
                en=f"'{revision}' is neither a folder nor a git revision",
            )
        )
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    trees_path = Path(trees)
    absolute = trees_path if trees_path.is_absolute() else (cwd / trees_path)
    try:
        inside = absolute.resolve().relative_to(top.resolve()).as_posix()
    except ValueError as exc:
        raise DiffLoadError(
            Text(
                id=f"{trees} tidak berada di dalam repositori git {top}",
                en=f"{trees} is not inside the git repository {top}",
            )
        ) from exc
    data = _git(["archive", "--format=tar", commit_id, "--", inside], top)
    with tempfile.TemporaryDirectory(prefix="pohon-diff-") as tmp:
        _extract(data, Path(tmp))
        root = Path(tmp) / inside
        if not root.is_dir():
            raise DiffLoadError(
                Text(
                    id=f"{revision} tidak memiliki folder {inside}",
                    en=f"{revision} has no folder {inside}",
                )
            )
        result = check_trees(root)
        return Side(revision, result, root, trees_path.as_posix())


def load_folder(folder: Path | str, trees: str = "trees") -> Side:
    """Read a folder of trees (or a checkout holding one at ``trees``)."""
    folder = Path(folder)
    nested = folder / trees
    root = nested if not Path(trees).is_absolute() and nested.is_dir() else folder
    result = check_trees(root)
    return Side(folder.as_posix(), result, root, root.as_posix())


def load_side(which: str, trees: str = "trees", cwd: Path | str = ".") -> Side:
    """A folder when ``which`` names one, a git revision otherwise."""
    path = Path(cwd) / which
    if path.is_dir():
        return load_folder(path, trees)
    return load_revision(which, trees, cwd)


# --- matching renamed nodes and indicators -----------------------------------------------------


def _similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < RENAME_THRESHOLD or matcher.quick_ratio() < RENAME_THRESHOLD:
        return 0.0
    return matcher.ratio()


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _node_fingerprint(node: Node) -> tuple[str, str]:
    names = "\n".join(sorted(_norm(i.name) for i in node.indicators))
    return _norm(node.statement), names


def _node_score(old: Node, new: Node) -> float:
    (s_old, i_old), (s_new, i_new) = _node_fingerprint(old), _node_fingerprint(new)
    statement = _similarity(s_old, s_new)
    if statement == 0.0:
        return 0.0
    names = 1.0 if i_old == i_new else _similarity(i_old, i_new)
    return 0.7 * statement + 0.3 * names


def _declared(
    added: Iterable[str], removed: set[str], former: dict[str, list[str]]
) -> dict[str, str]:
    """new id -> old id for renames listed in ``id_lama``."""
    renames: dict[str, str] = {}
    claimed: set[str] = set()
    for new_id in added:
        for old_id in former.get(new_id, ()):
            if old_id in removed and old_id not in claimed:
                renames[new_id] = old_id
                claimed.add(old_id)
                break
    return renames


def _best_pairs(
    removed: Sequence[Any], added: Sequence[Any], exact_key: Any, score: Any
) -> list[tuple[Any, Any]]:
    """Pairs (old, new): identical keys first, then the most similar above the threshold."""
    pairs: list[tuple[Any, Any]] = []
    by_key: dict[Any, list[Any]] = {}
    for item in removed:
        by_key.setdefault(exact_key(item), []).append(item)
    rest_added = []
    for item in added:
        bucket = by_key.get(exact_key(item))
        if bucket:
            pairs.append((bucket.pop(0), item))
        else:
            rest_added.append(item)
    rest_removed = [item for bucket in by_key.values() for item in bucket]
    if (
        not rest_removed
        or not rest_added
        or len(rest_removed) * len(rest_added) > _FUZZY_PAIR_LIMIT
    ):
        return pairs
    scored = []
    for i, old in enumerate(rest_removed):
        for j, new in enumerate(rest_added):
            value = score(old, new)
            if value >= RENAME_THRESHOLD:
                scored.append((-value, i, j))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in sorted(scored):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((rest_removed[i], rest_added[j]))
    return pairs


def match_nodes(old: Site, new: Site) -> dict[str, tuple[str, bool]]:
    """new id -> (old id, declared) for every node whose id changed."""
    removed = [n for n in old.nodes if n not in new.nodes]
    added = [n for n in new.nodes if n not in old.nodes]
    if not removed or not added:
        return {}
    former = {n: new.nodes[n].former_ids for n in added if new.nodes[n].former_ids}
    declared = _declared(added, set(removed), former)
    result = {new_id: (old_id, True) for new_id, old_id in declared.items()}
    taken = set(declared.values())
    buckets: dict[tuple[str | None, str], tuple[list[Node], list[Node]]] = {}
    for node_id in removed:
        if node_id not in taken:
            node = old.nodes[node_id]
            buckets.setdefault((node.opd_id, node.level), ([], []))[0].append(node)
    for node_id in added:
        if node_id not in declared:
            node = new.nodes[node_id]
            buckets.setdefault((node.opd_id, node.level), ([], []))[1].append(node)
    for old_nodes, new_nodes in buckets.values():
        if old_nodes and new_nodes:
            for old_node, new_node in _best_pairs(
                old_nodes, new_nodes, _node_fingerprint, _node_score
            ):
                result[new_node.id] = (old_node.id, False)
    return result


def match_indicators(
    old: Site, new: Site, node_to_new: dict[str, str]
) -> dict[str, tuple[str, bool]]:
    """new id -> (old id, declared) for every indicator whose id changed. Detected renames stay
    within one node (the same node, or the node it was renamed to)."""
    removed = [i for i in old.indicators if i not in new.indicators]
    added = [i for i in new.indicators if i not in old.indicators]
    if not removed or not added:
        return {}
    former = {i: new.indicators[i].former_ids for i in added if new.indicators[i].former_ids}
    declared = _declared(added, set(removed), former)
    result = {new_id: (old_id, True) for new_id, old_id in declared.items()}
    taken = set(declared.values())
    buckets: dict[str, tuple[list[Indicator], list[Indicator]]] = {}
    for ind_id in removed:
        if ind_id not in taken:
            ind = old.indicators[ind_id]
            owner = node_to_new.get(ind.node_id, ind.node_id)
            buckets.setdefault(owner, ([], []))[0].append(ind)
    for ind_id in added:
        if ind_id not in declared:
            ind = new.indicators[ind_id]
            buckets.setdefault(ind.node_id, ([], []))[1].append(ind)
    for old_inds, new_inds in buckets.values():
        if old_inds and new_inds:
            for old_ind, new_ind in _best_pairs(
                old_inds,
                new_inds,
                lambda i: _norm(i.name),
                lambda a, b: _similarity(_norm(a.name), _norm(b.name)),
            ):
                result[new_ind.id] = (old_ind.id, False)
    return result


# --- comparing -----------------------------------------------------------------------------


class _Differ:
    def __init__(self, old: Side, new: Side) -> None:
        self.old, self.new = old, new
        self.old_site, self.new_site = old.result.site, new.result.site
        renames = match_nodes(self.old_site, self.new_site)
        self.node_renames = renames
        self.node_to_new = {old_id: new_id for new_id, (old_id, _) in renames.items()}
        self.node_to_old = {new_id: old_id for new_id, (old_id, _) in renames.items()}
        ind_renames = match_indicators(self.old_site, self.new_site, self.node_to_new)
        self.ind_renames = ind_renames
        self.ind_to_old = {new_id: old_id for new_id, (old_id, _) in ind_renames.items()}
        self.ind_to_new = {old_id: new_id for new_id, (old_id, _) in ind_renames.items()}

    def new_id_of(self, old_id: str | None) -> str | None:
        if old_id is None:
            return None
        return self.node_to_new.get(old_id, old_id)

    # -- indicators --

    def indicator_added(self, ind: Indicator) -> IndicatorDiff:
        loc = ind.loc
        return IndicatorDiff(
            ind.id,
            ind.name,
            ADDED,
            ind.node_id,
            polarity=ind.polarity,
            supports=self.supports([], ind.supports),
            file=self.new.display(loc.file) if loc else "",
            line=ind.lines.get("id", loc.line if loc else 0),
        )

    def supports(self, old: Sequence[str], new: Sequence[str]) -> list[SupportChange]:
        """The ``mendukung`` entries added and removed; an old entry naming an indicator that was
        renamed counts under its new id, so a rename alone changes nothing here."""
        before = [self.ind_to_new.get(target, target) for target in old]
        changes = []
        for target in new:
            if target not in before:
                changes.append(SupportChange(ADDED, target, self._indicator_name(target)))
        for target in dict.fromkeys(before):
            if target not in new:
                changes.append(SupportChange(REMOVED, target, self._indicator_name(target)))
        return changes

    def _indicator_name(self, ind_id: str) -> str:
        found = self.new_site.indicators.get(ind_id) or self.old_site.indicators.get(
            self.ind_to_old.get(ind_id, ind_id)
        )
        return found.name if found is not None else ""

    def indicator_removed(self, ind: Indicator) -> IndicatorDiff:
        loc = ind.loc
        return IndicatorDiff(
            ind.id,
            ind.name,
            REMOVED,
            ind.node_id,
            polarity=ind.polarity,
            file=self.old.display(loc.file) if loc else "",
            line=ind.lines.get("id", loc.line if loc else 0),
        )

    def indicator_pair(self, old: Indicator, new: Indicator) -> IndicatorDiff | None:
        loc = new.loc
        result = IndicatorDiff(
            new.id,
            new.name,
            CHANGED,
            new.node_id,
            polarity=new.polarity,
            file=self.new.display(loc.file) if loc else "",
            line=new.lines.get("id", loc.line if loc else 0),
        )
        if old.id != new.id:
            result.old_id = old.id
            result.rename_declared = self.ind_renames[new.id][1]
        owner = self.new_id_of(old.node_id)
        if owner != new.node_id:
            result.moved_from = old.node_id
        result.fields = _field_changes(old, new, _INDICATOR_FIELDS)
        result.targets = year_changes(old.targets, new.targets, "target", new.polarity)
        result.realisations = year_changes(
            old.realisations, new.realisations, "realisasi", new.polarity
        )
        result.quarters = quarter_changes(old, new)
        result.supports = self.supports(old.supports, new.supports)
        if not (
            result.renamed
            or result.moved_from
            or result.fields
            or result.targets
            or result.realisations
            or result.quarters
            or result.supports
        ):
            return None
        return result

    # -- crosscutting --

    def _link_key(self, link: Crosscutting, *, old: bool) -> tuple[str, str]:
        if link.target_id is not None:
            target = self.new_id_of(link.target_id) if old else link.target_id
            return ("ke", target or "")
        return ("instansi", _norm(link.body or ""))

    def links(self, old: Sequence[Crosscutting], new: Sequence[Crosscutting]) -> list[LinkChange]:
        remaining: dict[tuple[str, str], list[Crosscutting]] = {}
        for link in old:
            remaining.setdefault(self._link_key(link, old=True), []).append(link)
        changes = []
        for link in new:
            key = self._link_key(link, old=False)
            bucket = remaining.get(key)
            external = key[0] == "instansi"
            target = (link.target_id or "") if not external else (link.body or "")
            if not bucket:
                changes.append(LinkChange(ADDED, target, external, link.role, None, link.status))
                continue
            before = bucket.pop(0)
            fields = _field_changes(before, link, _LINK_FIELDS)
            status = next((c for c in fields if c.field == "status"), None)
            others = [c for c in fields if c.field != "status"]
            if status or others:
                changes.append(
                    LinkChange(
                        STATUS if status else CHANGED,
                        target,
                        external,
                        link.role,
                        before.status,
                        link.status,
                        others,
                    )
                )
        for bucket in remaining.values():
            for link in bucket:
                external = link.target_id is None
                target = link.body or "" if external else link.target_id or ""
                changes.append(LinkChange(REMOVED, target, external, link.role, link.status, None))
        return changes

    # -- nodes --

    def _node_base(self, node: Node, change: str, side: Side) -> NodeDiff:
        loc = node.loc
        parent = node.parent_id if side is self.new else self.new_id_of(node.parent_id)
        return NodeDiff(
            node.id,
            change,
            node.level,
            node.statement,
            node.opd_id,
            parent,
            file=side.display(loc.file) if loc else "",
            line=node.lines.get("id", loc.line if loc else 0),
        )

    def node_added(self, node: Node) -> NodeDiff:
        result = self._node_base(node, ADDED, self.new)
        result.new_parent = node.parent_id
        result.crosscutting = self.links((), node.crosscutting)
        result.addresses = self.addresses((), node.addresses)
        return result

    def node_removed(self, node: Node) -> NodeDiff:
        result = self._node_base(node, REMOVED, self.old)
        result.old_parent = node.parent_id
        return result

    def node_pair(self, old: Node, new: Node) -> NodeDiff:
        result = self._node_base(new, CHANGED, self.new)
        if old.id != new.id:
            result.old_id = old.id
            result.rename_declared = self.node_renames[new.id][1]
        if self.new_id_of(old.parent_id) != new.parent_id:
            result.moved = True
            result.old_parent, result.new_parent = old.parent_id, new.parent_id
        result.fields = _field_changes(old, new, _NODE_FIELDS)
        if old.opd_id != new.opd_id:
            result.fields.append(Change("opd", old.opd_id, new.opd_id))
        result.budget = [
            BudgetChange(c.year, c.old, c.new, c.direction, c.assessment, kind.key)
            for kind in budget.KINDS
            for c in year_changes(budget.amounts(old, kind), budget.amounts(new, kind), "anggaran")
        ]
        result.crosscutting = self.links(old.crosscutting, new.crosscutting)
        result.addresses = self.addresses(old.addresses, new.addresses)
        return result

    # -- problem trees --

    def addresses(self, old: Sequence[str], new: Sequence[str]) -> list[AddressChange]:
        """The ``menangani`` entries added and removed, each with the cause's description."""

        def description(cause_id: str) -> str:
            cause = self.new_site.causes.get(cause_id) or self.old_site.causes.get(cause_id)
            return cause.description if cause is not None else ""

        before, after = dict.fromkeys(old), dict.fromkeys(new)
        return [
            *(AddressChange(ADDED, c, description(c)) for c in after if c not in before),
            *(AddressChange(REMOVED, c, description(c)) for c in before if c not in after),
        ]

    def problems(self) -> list[ProblemChange]:
        """Themes and causes added, removed or changed (matched by id)."""
        changes: list[ProblemChange] = []
        old_themes = {t.id: t for t in self.old_site.problems}
        new_themes = {t.id: t for t in self.new_site.problems}

        def theme_change(theme: ProblemTheme, change: str, side: Side) -> ProblemChange:
            return ProblemChange(
                THEME,
                change,
                theme.id,
                theme.theme,
                file=side.display(theme.loc.file),
                line=theme.lines.get("id", theme.loc.line),
            )

        def cause_change(cause: Cause, change: str, side: Side) -> ProblemChange:
            return ProblemChange(
                CAUSE,
                change,
                cause.id,
                cause.description,
                cause.theme_id,
                cause.parent_id,
                cause.is_root,
                file=side.display(cause.loc.file),
                line=cause.lines.get("id", cause.loc.line),
            )

        for theme in self.new_site.problems:
            before = old_themes.get(theme.id)
            if before is None:
                changes.append(theme_change(theme, ADDED, self.new))
            else:
                fields = _field_changes(before, theme, _THEME_FIELDS)
                if fields:
                    changed = theme_change(theme, CHANGED, self.new)
                    changed.fields = fields
                    changes.append(changed)
        for theme in self.old_site.problems:
            if theme.id not in new_themes:
                changes.append(theme_change(theme, REMOVED, self.old))
        old_causes, new_causes = self.old_site.causes, self.new_site.causes
        for cause in new_causes.values():
            before_cause = old_causes.get(cause.id)
            if before_cause is None:
                changes.append(cause_change(cause, ADDED, self.new))
                continue
            fields = _field_changes(before_cause, cause, _CAUSE_FIELDS)
            if before_cause.parent_id != cause.parent_id:
                fields.append(Change("induk", before_cause.parent_id, cause.parent_id))
            if before_cause.theme_id != cause.theme_id:
                fields.append(Change("masalah", before_cause.theme_id, cause.theme_id))
            if fields:
                changed_cause = cause_change(cause, CHANGED, self.new)
                changed_cause.fields = fields
                changes.append(changed_cause)
        for cause in old_causes.values():
            if cause.id not in new_causes:
                changes.append(cause_change(cause, REMOVED, self.old))
        return changes

    def indicator_changes(
        self,
    ) -> tuple[dict[str, list[IndicatorDiff]], dict[str, list[IndicatorDiff]]]:
        """Indicator diffs by the (new) node they now belong to, and the removed indicators of
        nodes that are gone (by old node id)."""
        by_node: dict[str, list[IndicatorDiff]] = {}
        gone: dict[str, list[IndicatorDiff]] = {}
        old_inds, new_inds = self.old_site.indicators, self.new_site.indicators
        for ind in new_inds.values():
            before = old_inds.get(self.ind_to_old.get(ind.id, ind.id))
            diff = self.indicator_added(ind) if before is None else self.indicator_pair(before, ind)
            if diff is not None:
                by_node.setdefault(ind.node_id, []).append(diff)
        for ind in old_inds.values():
            if ind.id in new_inds or ind.id in self.ind_to_new:
                continue
            owner = self.new_id_of(ind.node_id)
            if owner in self.new_site.nodes:
                by_node.setdefault(owner, []).append(self.indicator_removed(ind))
            else:
                gone.setdefault(ind.node_id, []).append(self.indicator_removed(ind))
        return by_node, gone

    def diff(self) -> SiteDiff:
        old_site, new_site = self.old_site, self.new_site
        result = SiteDiff(
            self.old.label,
            self.new.label,
            old_errors=self.old.result.error_count,
            new_errors=self.new.result.error_count,
            levels={level.id: level.name for level in (*old_site.levels, *new_site.levels)},
            levels_en={
                level.id: level.label("en") for level in (*old_site.levels, *new_site.levels)
            },
        )
        if old_site.region or new_site.region:
            result.region = _field_changes(old_site.region, new_site.region, _REGION_FIELDS)
        indicators, gone = self.indicator_changes()
        groups: dict[str | None, OpdDiff] = {None: OpdDiff(None, _region_name(new_site, old_site))}
        for opd_id, opd in new_site.opds.items():
            old_opd = old_site.opds.get(opd_id)
            group = OpdDiff(opd_id, opd.name)
            if old_opd is None:
                group.change = ADDED
            else:
                group.fields = _field_changes(old_opd, opd, _OPD_FIELDS)
                group.fields += position_changes(old_opd, opd)
                group.change = CHANGED if group.fields else None
            groups[opd_id] = group
        for opd_id, opd in old_site.opds.items():
            if opd_id not in new_site.opds:
                groups[opd_id] = OpdDiff(opd_id, opd.name, REMOVED)

        def group_of(opd_id: str | None) -> OpdDiff:
            return groups.get(opd_id) or groups.setdefault(opd_id, OpdDiff(opd_id, opd_id or ""))

        for node in new_site.nodes.values():
            old_id = self.node_to_old.get(node.id, node.id)
            before = old_site.nodes.get(old_id)
            if before is None:
                added = self.node_added(node)
                added.indicators = indicators.get(node.id, [])
                group_of(node.opd_id).nodes.append(added)
                continue
            diff = self.node_pair(before, node)
            diff.indicators = indicators.get(node.id, [])
            if (
                diff.renamed
                or diff.moved
                or diff.fields
                or diff.budget
                or diff.indicators
                or diff.crosscutting
                or diff.addresses
            ):
                group_of(node.opd_id).nodes.append(diff)
        for node in old_site.nodes.values():
            if node.id in new_site.nodes or node.id in self.node_to_new:
                continue
            removed = self.node_removed(node)
            removed.indicators = gone.get(node.id, [])
            group_of(node.opd_id).nodes.append(removed)
        result.groups = [g for g in groups.values() if g.nodes or g.change or g.fields]
        result.positions = {
            p.id: p.name for site in (old_site, new_site) for p in site.positions.values()
        }
        result.context = self.context(result.nodes)
        result.problems = self.problems()
        return result

    def context(self, changed: Sequence[NodeDiff]) -> dict[str, ContextNode]:
        shown = {n.id for n in changed}
        wanted: list[str] = []
        for node in changed:
            wanted.append(node.parent or "")
            if node.moved:
                wanted.append(self.new_id_of(node.old_parent) or "")
            wanted += [link.target for link in node.crosscutting if not link.external]
        context = {}
        for node_id in wanted:
            found = self.new_site.nodes.get(node_id)
            if found is not None and node_id not in shown and node_id not in context:
                context[node_id] = ContextNode(found.level, found.statement, found.parent_id)
        return context


def _region_name(new: Site, old: Site) -> str:
    region = new.region or old.region
    return f"Pemda {region.name}" if region and region.name else "Pemda"


def diff_sites(old: CheckResult | Side, new: CheckResult | Side) -> SiteDiff:
    """The changes from ``old`` to ``new``, grouped by agency (the regional tree first)."""
    old_side = old if isinstance(old, Side) else _as_side(old, "lama")
    new_side = new if isinstance(new, Side) else _as_side(new, "baru")
    return _Differ(old_side, new_side).diff()


def _as_side(result: CheckResult, label: str) -> Side:
    root = Path(result.site.root)
    return Side(label, result, root, root.as_posix())


__all__ = [
    "ADDED",
    "CHANGED",
    "REMOVED",
    "STATUS",
    "Change",
    "ContextNode",
    "DiffLoadError",
    "IndicatorDiff",
    "LinkChange",
    "NodeDiff",
    "OpdDiff",
    "Side",
    "SiteDiff",
    "SupportChange",
    "YearChange",
    "diff_sites",
    "load_folder",
    "load_revision",
    "load_side",
    "match_indicators",
    "match_nodes",
    "year_changes",
]
