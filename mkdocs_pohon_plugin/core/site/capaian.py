"""Achievement (capaian): how far a realisation reaches its target, and its band.

The formulas, as a percentage:

- ``maksimal`` (higher is better): realisasi / target × 100.
- ``minimal`` (lower is better): target / realisasi × 100.
- ``stabil`` (hit the value): (1 − |realisasi − target| / |target|) × 100, never below 0. Chosen so
  that hitting the target exactly is 100 % and every step away from it, up or down, costs the same;
  a ratio would reward overshooting a value that should be held.

Not computed (``percent`` is ``None`` and ``reason`` says why): a missing target or realisation, a
target or realisation written as text, a negative target, a target of 0 for ``maksimal`` and
``stabil`` (unless the realisation is 0 too, which is full achievement), a realisation of 0 for
``minimal`` (unless the target is 0 too). Division by zero never yields a number.

Bands (DOMAIN.md): ≥ 91 sangat baik, 76–90 baik, 66–75 cukup, 51–65 kurang, ≤ 50 sangat kurang.
Between two bands (e.g. 90.5) the lower band applies: a band is reached only at its threshold.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..tree.model import Indicator, Value

BANDS: tuple[tuple[float, str], ...] = (
    (91.0, "sangat_baik"),
    (76.0, "baik"),
    (66.0, "cukup"),
    (51.0, "kurang"),
)
LOWEST_BAND = "sangat_kurang"

NO_TARGET = "no_target"
NO_REALISATION = "no_realisation"
TEXT_VALUE = "text_value"
ZERO_DIVISOR = "zero_divisor"
NEGATIVE_TARGET = "negative_target"
UNKNOWN_POLARITY = "unknown_polarity"


@dataclass(frozen=True, slots=True)
class Achievement:
    """The capaian of one indicator in one year."""

    percent: float | None
    band: str | None = None
    reason: str | None = None
    """Why ``percent`` is ``None``: one of the module's reason constants."""

    @property
    def computed(self) -> bool:
        return self.percent is not None


def _number(value: Value | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def band(percent: float) -> str:
    """The band id (``sangat_baik`` … ``sangat_kurang``) of an achievement percentage."""
    for threshold, name in BANDS:
        if percent >= threshold:
            return name
    return LOWEST_BAND


def _done(percent: float) -> Achievement:
    return Achievement(percent, band(percent))


def achievement(polarity: str, target: Value | None, realisation: Value | None) -> Achievement:
    """The capaian of ``realisation`` against ``target`` for an indicator of ``polarity``."""
    if target is None:
        return Achievement(None, reason=NO_TARGET)
    if realisation is None:
        return Achievement(None, reason=NO_REALISATION)
    t, r = _number(target), _number(realisation)
    if t is None or r is None:
        return Achievement(None, reason=TEXT_VALUE)
    if t < 0:
        return Achievement(None, reason=NEGATIVE_TARGET)
    if polarity == "maksimal":
        if t == 0:
            return _done(100.0) if r == 0 else Achievement(None, reason=ZERO_DIVISOR)
        return _done(r / t * 100.0)
    if polarity == "minimal":
        if r == 0:
            return _done(100.0) if t == 0 else Achievement(None, reason=ZERO_DIVISOR)
        if r < 0:
            return Achievement(None, reason=ZERO_DIVISOR)
        return _done(t / r * 100.0)
    if polarity == "stabil":
        if t == 0:
            return _done(100.0) if r == 0 else Achievement(None, reason=ZERO_DIVISOR)
        return _done(max(0.0, 1.0 - abs(r - t) / t) * 100.0)
    return Achievement(None, reason=UNKNOWN_POLARITY)


def indicator_achievement(indicator: Indicator, year: int) -> Achievement:
    """The capaian of ``indicator`` in ``year`` (its target and realisation of that year)."""
    return achievement(
        indicator.polarity, indicator.targets.get(year), indicator.realisations.get(year)
    )


def latest_achievement(indicator: Indicator) -> tuple[int | None, Achievement]:
    """The most recent year with a realisation, and the capaian in it."""
    if not indicator.realisations:
        return None, Achievement(None, reason=NO_REALISATION)
    year = max(indicator.realisations)
    return year, indicator_achievement(indicator, year)


NOT_REALISED = "belum_ada_realisasi"
NOT_COMPUTED = "tidak_dihitung"
SUMMARY_KEYS: tuple[str, ...] = (
    *(name for _threshold, name in BANDS),
    LOWEST_BAND,
    NOT_REALISED,
    NOT_COMPUTED,
)
"""The rows of a capaian summary: the five bands, then indicators without a realisation in the
year, then those whose capaian is not computed (text target, no target, division by zero …)."""


def latest_realised_year(indicators: Iterable[Indicator]) -> int | None:
    """The most recent year in which any of ``indicators`` has a realisation."""
    years = [year for ind in indicators for year in ind.realisations]
    return max(years) if years else None


def band_summary(indicators: Iterable[Indicator], year: int) -> dict[str, int]:
    """How many of ``indicators`` fall in each band in ``year`` (keys: :data:`SUMMARY_KEYS`)."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    for indicator in indicators:
        if indicator.realisations.get(year) is None:
            counts[NOT_REALISED] += 1
            continue
        result = indicator_achievement(indicator, year)
        counts[result.band if result.band is not None else NOT_COMPUTED] += 1
    return counts
