"""The rules for an indicator's quarterly targets (``target_triwulan``).

Quarterly figures are read like the quarterly realisation has always been read: cumulative from
the start of the year (``kumulatif``, the default), so TW IV is the year's figure; an indicator
that reports each quarter on its own says ``sifat_triwulan: per_triwulan``, and then the year is
the sum of its quarters. Three warnings, each on the indicator's line of the field concerned:

- ``target-triwulan-tanpa-target``: quarterly targets for a year that has no yearly target (a
  year outside the period is already an error of the loader, ``tahun-di-luar-periode``);
- ``target-triwulan-tidak-sesuai``: the year's figure from the quarterly targets (TW IV, or the
  sum) differs from the yearly target; only for numbers, when the four quarters are given for
  ``per_triwulan``;
- ``realisasi-triwulan-tanpa-target``: a quarter's realisation without a target for that quarter,
  in an indicator that has quarterly targets (a site without quarterly targets gets none of it).
"""

from __future__ import annotations

import math

from . import spec
from .diagnostics import DiagnosticSink, Text
from .model import Indicator, Site, Value

PER_QUARTER = "per_triwulan"
ROMAN = ("I", "II", "III", "IV")
"""The quarters as a reader writes them: TW I … TW IV."""


def quarter_label(key: str) -> str:
    """``TW II`` for ``tw2``."""
    return f"TW {ROMAN[spec.QUARTERS.index(key)]}"


def is_cumulative(indicator: Indicator) -> bool:
    """Whether the indicator's quarterly figures count from the start of the year."""
    return indicator.quarterly_basis != PER_QUARTER


def _number(value: Value | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def year_figure(indicator: Indicator, quarters: dict[str, Value]) -> float | None:
    """The year's figure the quarterly values ``quarters`` add up to: TW IV for a cumulative
    indicator, the sum of the four quarters for ``per_triwulan``; ``None`` when it cannot be
    told (a quarter missing or written as text)."""
    if is_cumulative(indicator):
        return _number(quarters.get(spec.QUARTERS[-1]))
    numbers = [_number(quarters.get(q)) for q in spec.QUARTERS]
    if any(n is None for n in numbers):
        return None
    return sum(n for n in numbers if n is not None)


def _shown(number: float) -> str:
    return f"{number:g}"


def check_quarterly(site: Site, sink: DiagnosticSink) -> None:
    """Report the quarterly-target warnings of every indicator of ``site``."""
    for indicator in site.indicators.values():
        if indicator.quarterly_targets:
            _check_indicator(indicator, sink)


def _check_indicator(indicator: Indicator, sink: DiagnosticSink) -> None:
    file = indicator.loc.file
    line = indicator.lines.get("target_triwulan", indicator.loc.line)
    name = f"'{indicator.id}'"
    for year, quarters in sorted(indicator.quarterly_targets.items()):
        target = indicator.targets.get(year)
        if target is None:
            sink.add(
                "target-triwulan-tanpa-target",
                file,
                line,
                Text(
                    id=f"Indikator {name} memiliki target triwulan {year} tetapi tidak memiliki "
                    f"target tahun {year}; tambahkan target {year} di 'target' atau hapus target "
                    "triwulannya.",
                    en=f"The indicator {name} has quarterly targets for {year} but no target for "
                    f"the year {year}; add the {year} target under 'target' or remove the "
                    "quarterly targets.",
                ),
                subject=indicator.id,
            )
            continue
        expected = _number(target)
        figure = year_figure(indicator, quarters)
        if expected is None or figure is None:
            continue
        if math.isclose(figure, expected, rel_tol=1e-9, abs_tol=1e-9):
            continue
        if is_cumulative(indicator):
            what = Text(
                id=f"target TW IV {year} ({_shown(figure)})",
                en=f"the TW IV {year} target ({_shown(figure)})",
            )
            fix = Text(
                id="target triwulan bersifat kumulatif, jadi TW IV sama dengan target tahunan; "
                "samakan keduanya, atau tulis 'sifat_triwulan: per_triwulan' bila tiap triwulan "
                "dihitung sendiri.",
                en="quarterly targets are cumulative, so TW IV equals the yearly target; make "
                "them agree, or write 'sifat_triwulan: per_triwulan' when each quarter counts "
                "on its own.",
            )
        else:
            what = Text(
                id=f"jumlah target TW I–IV {year} ({_shown(figure)})",
                en=f"the sum of the TW I–IV {year} targets ({_shown(figure)})",
            )
            fix = Text(
                id="dengan 'sifat_triwulan: per_triwulan' jumlah keempat triwulan sama dengan "
                "target tahunan; perbaiki salah satunya.",
                en="with 'sifat_triwulan: per_triwulan' the four quarters add up to the yearly "
                "target; correct one of them.",
            )
        sink.add(
            "target-triwulan-tidak-sesuai",
            file,
            line,
            Text(
                id=f"Pada indikator {name}, {what.id} berbeda dengan target {year} "
                f"({_shown(expected)}): {fix.id}",
                en=f"In the indicator {name}, {what.en} differs from the {year} target "
                f"({_shown(expected)}): {fix.en}",
            ),
            subject=indicator.id,
        )
    _check_realisations(indicator, sink)


def _check_realisations(indicator: Indicator, sink: DiagnosticSink) -> None:
    line = indicator.lines.get("realisasi_triwulan", indicator.loc.line)
    for year, quarters in sorted(indicator.quarterly.items()):
        targets = indicator.quarterly_targets.get(year, {})
        missing = [
            quarter_label(q)
            for q in spec.QUARTERS
            if quarters.get(q) is not None and targets.get(q) is None
        ]
        if not missing:
            continue
        shown = ", ".join(missing)
        sink.add(
            "realisasi-triwulan-tanpa-target",
            indicator.loc.file,
            line,
            Text(
                id=f"Indikator '{indicator.id}' memiliki realisasi {shown} {year} tanpa target "
                f"triwulannya, sehingga capaiannya tidak dapat dihitung; tambahkan target {year} "
                "untuk triwulan itu di 'target_triwulan'.",
                en=f"The indicator '{indicator.id}' has a realisation for {shown} {year} without "
                f"a quarterly target, so its achievement cannot be computed; add the {year} "
                "target for that quarter under 'target_triwulan'.",
            ),
            subject=indicator.id,
        )
