"""Budgets as planners keep them: the kinds of money a node may carry, side by side.

A node carries up to four year maps of rupiah, each one field of the format (:mod:`.spec`):

- ``pagu_indikatif`` (:attr:`.Node.budget_plan`): the indicative ceiling of the RPJMD / Renstra,
  the plan;
- ``anggaran`` (:attr:`.Node.budget`): the adopted APBD (murni), the budget the site has always
  summed and the one :mod:`..site.funding` follows behind an indicator;
- ``anggaran_perubahan`` (:attr:`.Node.budget_revised`): the adopted APBD after the budget change,
  which replaces the murni figure of its year where given;
- ``realisasi_anggaran`` (:attr:`.Node.budget_spent`): the money spent.

The adopted budget of a year is the perubahan figure when there is one, else the murni one; the
absorption (serapan) is the money spent as a percentage of it. Budgets written as text (not a
number) are never summed. Any kind may hold the baseline year (the year before the period).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import spec
from .model import Level, Node, Value
from .nomenclature import code_kind

PLAN, ADOPTED, REVISED, SPENT = (
    "pagu_indikatif",
    "anggaran",
    "anggaran_perubahan",
    "realisasi_anggaran",
)
KINDS: tuple[spec.Field, ...] = tuple(
    spec.NODE.by_key[key] for key in (PLAN, ADOPTED, REVISED, SPENT)
)
"""The budget kinds, in the order they are shown: plan, adopted (murni), revised, spent."""


def _number(value: Value | None) -> int | float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return None


def amounts(node: Node, kind: spec.Field) -> dict[int, Value]:
    """``node``'s year map of ``kind`` (empty when it has none)."""
    by_year = kind.get(node)
    return by_year if isinstance(by_year, dict) else {}


def has_budget(node: Node) -> bool:
    """Whether ``node`` carries money of any kind."""
    return any(amounts(node, kind) for kind in KINDS)


def kinds_in(nodes: Iterable[Node]) -> list[spec.Field]:
    """The kinds some node of ``nodes`` carries, in :data:`KINDS` order; the adopted budget alone
    when none carries any (the table a reader knew)."""
    found = {kind.key for node in nodes for kind in KINDS if amounts(node, kind)}
    return [kind for kind in KINDS if kind.key in found] or [spec.NODE.by_key[ADOPTED]]


def years_of(
    nodes: Iterable[Node], period: range, kinds: Sequence[spec.Field] = KINDS
) -> list[int]:
    """The years a budget table of ``nodes`` shows: the period's, and the baseline year (the
    year before it) when some node carries money of ``kinds`` for it; with no period, the years
    the nodes carry."""
    years = {year for node in nodes for kind in kinds for year in amounts(node, kind)}
    if not len(period):
        return sorted(year for year in years if isinstance(year, int))
    baseline = [period.start - 1] if period.start - 1 in years else []
    return [*baseline, *period]


def kind_total(nodes: Iterable[Node], kind: spec.Field, year: int) -> int | float | None:
    """The sum of ``kind`` over ``nodes`` for ``year``; ``None`` when no node has a number.

    The APBD perubahan of several nodes is the budget in force after the change: where some node
    has a perubahan figure for ``year``, each node counts with its perubahan figure, or its murni
    one when the change left it alone (summing only the changed lines would read as a cut)."""
    nodes = list(nodes)
    values = [_number(amounts(node, kind).get(year)) for node in nodes]
    numbers = [value for value in values if value is not None]
    if not numbers:
        return None
    if kind.key == REVISED:
        return sum(value for node in nodes if (value := adopted(node, year)) is not None)
    return sum(numbers)


def adopted(node: Node, year: int) -> int | float | None:
    """The budget in force for ``year``: the APBD perubahan when given, else the APBD murni."""
    revised = _number(node.budget_revised.get(year))
    return revised if revised is not None else _number(node.budget.get(year))


def absorption(nodes: Sequence[Node], year: int) -> float | None:
    """Money spent in ``year`` as a percentage of the adopted budget (perubahan where given,
    else murni) of the same nodes; ``None`` without a realisation or without an adopted budget
    above zero. A node counts on both sides only when it has a realisation that year."""
    spent = [(node, _number(node.budget_spent.get(year))) for node in nodes]
    counted = [(node, amount) for node, amount in spent if amount is not None]
    if not counted:
        return None
    base = [adopted(node, year) for node, _ in counted]
    if any(value is None for value in base):
        return None
    total = sum(value for value in base if value is not None)
    if total <= 0:
        return None
    return sum(amount for _, amount in counted if amount is not None) / total * 100


@dataclass(frozen=True, slots=True)
class ProgramBudget:
    """One row of an agency's budget by program: a Kemendagri program code with the nodes that
    carry it (several sasaran program may share one), or one program-level node without a code
    (``code`` is ``None``), shown with its statement."""

    code: str | None
    nodes: list[Node]

    def __iter__(self) -> Iterator[Any]:
        """``code, nodes = row``, as the rows were pairs before programs without a code had
        rows (a site's overridden template keeps working; ``code`` is ``""`` for those)."""
        return iter((self.code or "", self.nodes))


def is_program_code(code: str | None) -> bool:
    """Whether ``code`` is a Kemendagri program code (``1.02.02``)."""
    return code is not None and code_kind(code) == "program"


def program_nodes(nodes: Iterable[Node], levels: Iterable[Level]) -> list[Node]:
    """The programs among ``nodes`` (kept in their order): the nodes that carry a Kemendagri
    program code, and the nodes of a program level (a level whose code kind is ``program``)
    that carry money of some kind without one (an older RPJMD's programs). A program level
    without money or code stays out, as before budget kinds existed. In a scheme whose budgets
    sit on another level (a ministry's ``output``, ``anggaran: true``), the topmost agency level
    that carries budgets plays the program's part."""
    levels = list(levels)
    program_levels = {level.id for level in levels if level.code_kind == "program"}
    carrying = [level.id for level in levels if level.scope == "opd" and level.carries_budget]
    if carrying:
        program_levels.add(carrying[0])
    return [
        node
        for node in nodes
        if is_program_code(node.code) or (node.level in program_levels and has_budget(node))
    ]


def program_rows(programs: Iterable[Node]) -> list[ProgramBudget]:
    """``programs`` (an agency's programs, in tree order) as budget rows: nodes with a program
    code grouped by code in code order, then the others (no code, or a code of another
    system) one row each, in tree order."""
    grouped: dict[str, list[Node]] = {}
    uncoded: list[Node] = []
    for node in programs:
        if node.code and is_program_code(node.code):
            grouped.setdefault(node.code, []).append(node)
        else:
            uncoded.append(node)
    return [
        *(ProgramBudget(code, nodes) for code, nodes in sorted(grouped.items())),
        *(ProgramBudget(None, [node]) for node in uncoded),
    ]
