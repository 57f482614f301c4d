"""The year's action plan (rencana aksi): quarterly targets beside quarterly realisation.

An indicator's quarters of one year (:func:`quarter_rows`): for TW I–IV the target
(``target_triwulan``), the realisation (``realisasi_triwulan``), the capaian of the realisation
against that quarter's target with the indicator's polarity (:func:`.capaian.achievement`, the
same formula as a year's) and the steps planned (``rencana_aksi``). Quarterly figures are
cumulative unless the indicator says ``per_triwulan`` (:mod:`..tree.quarterly_rules`); either way
a quarter's realisation is compared with the same quarter's target, so the capaian needs no
conversion.

An agency's page "Rencana Aksi <year>" (:func:`opd_action_plan`) exists for each year in which
one of its indicators has quarterly targets or an action plan (:func:`plan_years`): its
indicators with either, grouped by node in the order of the agency's levels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..tree import spec
from ..tree.model import Indicator, Node, Value
from ..tree.quarterly_rules import ROMAN, is_cumulative
from .capaian import Achievement, achievement


@dataclass(frozen=True, slots=True)
class QuarterRow:
    """One quarter of one year of an indicator."""

    key: str
    """``tw1`` … ``tw4``."""
    label: str
    """``TW I`` … ``TW IV``."""
    target: Value | None
    realisation: Value | None
    achievement: Achievement
    steps: str | None
    """The steps planned in the quarter (``rencana_aksi``); ``None``: none written."""


def has_plan(indicator: Indicator, year: int) -> bool:
    """Whether ``indicator`` has quarterly targets or an action plan for ``year``."""
    return bool(indicator.quarterly_targets.get(year) or indicator.action_plan.get(year))


def indicator_plan_years(indicator: Indicator) -> list[int]:
    """The years with quarterly targets or an action plan, in order."""
    return sorted({*indicator.quarterly_targets, *indicator.action_plan})


def quarterly_years(indicator: Indicator) -> list[int]:
    """The years the indicator's page shows quarters for: those with a quarterly target, a
    quarterly realisation or an action plan."""
    return sorted({*indicator.quarterly_targets, *indicator.quarterly, *indicator.action_plan})


def quarter_rows(indicator: Indicator, year: int) -> list[QuarterRow]:
    """TW I–IV of ``year`` for ``indicator``."""
    targets = indicator.quarterly_targets.get(year, {})
    realised = indicator.quarterly.get(year, {})
    steps = indicator.action_plan.get(year, {})
    rows = []
    for index, key in enumerate(spec.QUARTERS):
        target, realisation = targets.get(key), realised.get(key)
        rows.append(
            QuarterRow(
                key,
                f"TW {ROMAN[index]}",
                target,
                realisation,
                achievement(indicator.polarity, target, realisation),
                steps.get(key),
            )
        )
    return rows


def cumulative(indicator: Indicator) -> bool:
    """Whether the indicator's quarterly figures count from the start of the year."""
    return is_cumulative(indicator)


@dataclass(frozen=True, slots=True)
class PlanGroup:
    """A node of the agency and its indicators that have a plan for the year."""

    node: Node
    indicators: list[Indicator]


def plan_years(nodes: Iterable[Node]) -> list[int]:
    """The years in which an indicator of ``nodes`` has quarterly targets or an action plan."""
    years: set[int] = set()
    for node in nodes:
        for indicator in node.indicators:
            years.update(indicator_plan_years(indicator))
    return sorted(years)


def opd_action_plan(nodes: Iterable[Node], year: int) -> list[PlanGroup]:
    """The groups of the page "Rencana Aksi ``year``" of an agency whose nodes are ``nodes`` (in
    page order): each node with indicators that have a plan for ``year``, those indicators in
    their order in the node."""
    groups = []
    for node in nodes:
        planned = [ind for ind in node.indicators if has_plan(ind, year)]
        if planned:
            groups.append(PlanGroup(node, planned))
    return groups
