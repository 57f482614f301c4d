"""What the indicator page's "Riwayat Janji" section and the PK page's revision stamp show, from
:mod:`..review.promises`: typed rows for ``_promises.html.j2``, no markup."""

from __future__ import annotations

from dataclasses import dataclass

from ..review.history import Commit
from ..review.promises import (
    BASELINE,
    FINAL_TARGET,
    REALISATION,
    PromiseChange,
    Promises,
    SignedPk,
    signed_pk,
)
from ..tree.model import Indicator, Opd, Value

SHOWN = 5
"""Rows of an indicator's history shown at once; the older ones fold under a summary."""


@dataclass(frozen=True, slots=True)
class PromiseRow:
    """One change of one value, as the table shows it."""

    commit: Commit
    what: str
    """Which value, in the reader's words (``Target 2026``, ``Kondisi Awal (2024)``)."""
    old: Value | None
    new: Value | None
    weakened: bool

    @property
    def first(self) -> bool:
        """The value was first recorded by this commit."""
        return self.old is None

    @property
    def removed(self) -> bool:
        return self.new is None


@dataclass(frozen=True, slots=True)
class PromisesView:
    """An indicator's history of promises: the newest rows, the older ones, and whether the
    history was cut at the revision limit."""

    shown: list[PromiseRow]
    older: list[PromiseRow]
    bounded: int | None
    """The revision limit, when some tree file has more history than was read."""


def what(change: PromiseChange, labels: dict[str, str]) -> str:
    """The changed value in the reader's words."""
    if change.measure == BASELINE:
        return labels["baseline"] + (f" ({change.year})" if change.year else "")
    if change.measure == FINAL_TARGET:
        return labels["final_target"]
    word = labels["realisation"] if change.measure == REALISATION else labels["target"]
    return f"{word} {change.year}"


def indicator_promises(
    promises: Promises | None, indicator: Indicator, labels: dict[str, str]
) -> PromisesView | None:
    """The view of ``indicator``'s history; ``None`` when the site has no git history."""
    if promises is None:
        return None
    rows = [
        PromiseRow(c.commit, what(c, labels), c.old, c.new, c.weakened)
        for c in promises.of(indicator.id)
    ]
    cut = not promises.complete.get(indicator.loc.file, True)
    return PromisesView(rows[:SHOWN], rows[SHOWN:], promises.revisions if cut else None)


@dataclass(frozen=True, slots=True)
class PkChange:
    """A target of the PK's year changed after the signing."""

    indicator: Indicator
    change: PromiseChange


@dataclass(frozen=True, slots=True)
class PkRevisionView:
    """What a PK page says about its revision: the commit it was built from, when it was
    signed, and the targets of its year changed since."""

    revision: Commit | None
    dirty: bool
    signed: SignedPk | None
    changed: list[PkChange]
    unplaced: bool
    """A signing revision git does not know: changes after it cannot be found."""


def pk_revision(
    promises: Promises | None, opd: Opd, year: int, indicators: list[Indicator]
) -> PkRevisionView | None:
    """The stamp of ``opd``'s PK of ``year``; ``None`` when the site has no git history."""
    if promises is None:
        return None
    signed = signed_pk(opd, year)
    changed: list[PkChange] = []
    unplaced = False
    if signed is not None and (signed.date or signed.revision):
        by_id = {indicator.id: indicator for indicator in indicators}
        found = promises.changed_since(list(by_id), year, signed)
        if found is None:
            unplaced = True
        else:
            changed = [PkChange(by_id[indicator_id], change) for indicator_id, change in found]
    return PkRevisionView(promises.revision, promises.dirty, signed, changed, unplaced)
