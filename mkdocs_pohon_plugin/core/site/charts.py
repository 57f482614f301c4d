"""Capaian at a glance: the geometry of the charts drawn at build time as SVG.

Plain Python, no markup: this module turns an indicator's targets and realisations (or an agency's
band counts) into coordinates, scales, ticks and bars; ``templates/pohon/_charts.html.j2`` writes
the SVG from them, and a site can override that template. Coordinates are in the SVG's own units
(its ``viewBox``), rounded to one decimal so the markup stays small.

Three sizes of the same trend chart (:data:`FULL`, :data:`SMALL`, :data:`SPARK`): years on x, the
target as a line with dots, the realisation as a bar (or, in a sparkline, a dot) coloured by its
capaian band, the baseline (``kondisi_awal``) as a diamond at its year or, without a year, a dashed
line. Bars start at zero, so the scale of a chart with bars always holds 0; a sparkline shows the
shape only and its scale is fitted to the values. Text values (qualitative indicators) are never
drawn: :func:`trend_chart` returns ``None`` for an indicator without any number.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..tree.measures import QUALITATIVE_KEY
from ..tree.model import Indicator, Value
from .capaian import SUMMARY_KEYS, Achievement, indicator_achievement

Short = Callable[[float], str]
"""How a chart writes a number in the picture (short: ``1,5 jt``); the text beside the chart
writes every number in full."""


@dataclass(frozen=True, slots=True)
class Layout:
    """The size and furniture of one kind of trend chart."""

    width: float
    height: float
    top: float
    """Room above the plot (for the value labels over the bars)."""
    bottom: float
    """Room below the plot (for the year labels)."""
    right: float
    ticks: int
    """About how many value ticks (with labels at the left); 0: none."""
    bars: bool
    """Realisation as bars from zero (the scale holds 0), else as dots on a fitted scale."""
    value_labels: bool
    """The realised value written above each bar."""
    years: str
    """Which years are written under the plot: ``all``, ``ends`` or ``none``."""
    char_width: float = 6.2
    """The width of one character of a label (for the room at the left)."""
    baseline_mark: bool = True
    """The baseline drawn (a diamond, or a dashed line); a sparkline leaves it out."""


FULL = Layout(320, 160, 16, 18, 6, ticks=4, bars=True, value_labels=True, years="all")
"""The chart on an indicator's page."""
SMALL = Layout(
    160, 80, 6, 15, 4, ticks=2, bars=True, value_labels=False, years="ends", char_width=6.2
)
"""One of the small multiples on the home page."""
SPARK = Layout(
    72, 20, 3, 3, 3, ticks=0, bars=False, value_labels=False, years="none", baseline_mark=False
)
"""A sparkline beside an indicator's name."""


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled position on an axis: ``pos`` is x for a year, y for a value."""

    pos: float
    label: str
    at: str
    """Where the label's text goes along the axis, as the SVG writes it (for a value, a little
    below ``pos`` so that the text is centred on its grid line)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """A realisation: a bar from ``y0`` (zero) to ``y1`` (the value) at ``x``, or a dot at
    (``x``, ``y1``) where the layout has no bars."""

    year: int
    x: float
    y0: float
    y1: float
    band: str
    """The capaian band (``sangat_baik`` …), or ``tidak_dihitung`` when not computed."""
    label: str
    """The value, short (for the label above the bar)."""
    label_y: float
    """Where that label's baseline goes: at the foot of a bar, just above the zero axis (never
    on the target's dot, which is near the bar's top when the target is met)."""
    label_at: tuple[str, str]
    """(x, y) of the label as the SVG writes them."""


@dataclass(frozen=True, slots=True)
class BandPath:
    """All bars (or dots) of one band as one SVG path (``d``): one element per band."""

    band: str
    d: str


@dataclass(frozen=True, slots=True)
class YearRow:
    """The numbers of one year, for the text beside the chart."""

    year: int
    target: Value | None
    realisation: Value | None
    achievement: Achievement


@dataclass(frozen=True, slots=True)
class ChartPaths:
    """A trend chart's lines and attribute values as the SVG writes them (computed once here so
    that a template prints strings: an indicator page's chart is drawn for thousands of pages)."""

    view_box: str
    grid: str
    """One path of every value tick's grid line (empty without ticks)."""
    value_x: str
    """x of the value labels (their right end)."""
    year_y: str
    """y of the year labels."""
    axis: str
    """The zero axis under the bars (empty without bars or zero)."""
    baseline_line: str
    """A baseline without a year on the chart, as a line across (empty otherwise)."""
    baseline_mark: str
    """A baseline at its year, as a diamond (empty otherwise)."""
    bar_width: str


@dataclass(frozen=True, slots=True)
class TrendChart:
    """Target against realisation of one indicator over the years."""

    layout: Layout
    left: float
    """The plot's left edge (room for the value labels)."""
    years: list[Tick]
    """The years written under the plot."""
    values: list[Tick]
    """The value ticks (a grid line and a label each)."""
    zero: float | None
    """y of the value 0 when the scale holds it (the axis under the bars)."""
    target_line: str
    """The target as path data (``M…L…``; a missing year breaks the line)."""
    target_dots: str
    """A dot at each target (zero-length path segments, drawn with round caps)."""
    bar_width: float
    bars: list[Bar]
    band_paths: list[BandPath]
    """The bars (or dots) grouped by band, one path each."""
    baseline: tuple[float, float] | None
    """(x, y) of the baseline when its year is on the chart."""
    baseline_y: float | None
    """y of a baseline without a year on the chart (drawn as a dashed line)."""
    baseline_value: Value | None
    baseline_year: int | None
    rows: list[YearRow]
    """Every year of the chart with its numbers (text for screen readers and print)."""
    paths: ChartPaths
    """The same geometry as SVG path data and attribute values, ready to print."""

    @property
    def width(self) -> float:
        return self.layout.width

    @property
    def height(self) -> float:
        return self.layout.height

    @property
    def right(self) -> float:
        return self.layout.width - self.layout.right

    @property
    def realised(self) -> list[YearRow]:
        """The years with a realisation."""
        return [row for row in self.rows if row.realisation is not None]


@dataclass(frozen=True, slots=True)
class Segment:
    """One part of a stacked bar: a summary key (a band …), its count and where it lies."""

    key: str
    count: int
    x: float
    width: float
    label_x: float
    labelled: bool
    """Whether the count fits inside the segment (it is always in the legend)."""


@dataclass(frozen=True, slots=True)
class BandBar:
    """An agency's capaian band summary in one year as a horizontal stacked bar."""

    year: int
    width: float
    height: float
    total: int
    segments: list[Segment]
    """The keys with a count, in :data:`~.capaian.SUMMARY_KEYS` order."""


def number(value: Value | None) -> float | None:
    """``value`` as a finite number, or ``None`` (text, missing, not finite)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    found = float(value)
    return found if math.isfinite(found) else None


def short_number(value: float, language: str, words: Sequence[str]) -> str:
    """``value`` short, as a chart writes it in the picture: at most three significant digits
    (two decimals below 10), with a word (``words``: thousand, million, billion, trillion) from
    10 000 up (``12,3 rb``, ``1,5 jt``); Indonesian or English separators."""
    size = abs(value)
    for power, word in zip((12, 9, 6, 3), reversed(words), strict=True):
        if size >= 10.0**power and (power > 3 or size >= 10_000):
            return f"{_short(value / 10.0**power, language)} {word}"
    return _short(value, language)


def _short(value: float, language: str) -> str:
    size = abs(value)
    if size >= 100 or value == int(value):
        decimals = 0
    elif size >= 1:
        decimals = 1 if size >= 10 else 2
    else:  # two significant digits: 0,25 · 0,001
        decimals = min(6, 1 - math.floor(math.log10(size)))
    text = f"{round(value, decimals):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0."):
        text = "0"
    return text.translate(_INDONESIAN) if language == "id" else text


_INDONESIAN = str.maketrans(",.", ".,")


def coord(value: float) -> str:
    """A coordinate as the SVG writes it: at most one decimal, no trailing zero."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) that cuts ``span`` into about ``count`` parts."""
    raw = span / max(count, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power * (1 + 1e-9):
            return factor * power
    return 10.0 * power  # pragma: no cover - the loop always ends at 10


@dataclass(frozen=True, slots=True)
class Scale:
    """Values ``low``…``high`` onto y from ``bottom`` (low) up to ``top`` (high)."""

    low: float
    high: float
    top: float
    bottom: float

    def y(self, value: float) -> float:
        return self.bottom - (value - self.low) / (self.high - self.low) * (self.bottom - self.top)


def value_scale(
    values: Iterable[float], top: float, bottom: float, ticks: int, zero: bool
) -> tuple[Scale, list[float]]:
    """A scale holding ``values`` (and 0 when ``zero``), widened to round ticks, and the ticks
    (empty when ``ticks`` is 0: the scale then fits the values exactly)."""
    found = list(values)
    if zero:
        found.append(0.0)
    low, high = min(found), max(found)
    if high == low:  # all equal: a span around the value (with zero: all are 0, show 0 … 1)
        pad = abs(high) * 0.1 or 1.0
        low, high = (0.0, 1.0) if zero else (low - pad, high + pad)
    if ticks <= 0:
        return Scale(low, high, top, bottom), []
    step = nice_step(high - low, ticks)
    first = math.floor(low / step + 1e-9) * step
    last = math.ceil(high / step - 1e-9) * step
    count = round((last - first) / step)
    marks = [_clean(first + i * step, step) for i in range(count + 1)]
    return Scale(marks[0], marks[-1], top, bottom), marks


def _clean(value: float, step: float) -> float:
    """``value`` rounded to the precision of ``step`` (no 0.30000000000000004)."""
    decimals = max(0, -math.floor(math.log10(step)) + 1)
    cleaned = round(value, decimals)
    return 0.0 if cleaned == 0 else cleaned


def chart_years(
    indicator: Indicator, period: Sequence[int], with_baseline: bool = True
) -> list[int]:
    """The years a chart of ``indicator`` shows: the period and the years with a target or a
    realisation, without gaps (unless they lie far apart), and the baseline's year when it is
    next to them (a baseline long before is drawn as a line, not as a far-off year)."""
    years = {*period, *indicator.targets, *indicator.realisations}
    years = {year for year in years if isinstance(year, int) and not isinstance(year, bool)}
    baseline = indicator.baseline
    base_year = baseline.year if baseline is not None and with_baseline else None
    if (
        isinstance(base_year, int)
        and baseline is not None
        and number(baseline.value) is not None
        and (not years or min(years) - 1 <= base_year <= max(years) + 1)
    ):
        years.add(base_year)
    if not years:
        return []
    if max(years) - min(years) > MAX_SPAN:
        return sorted(years)
    return list(range(min(years), max(years) + 1))


MAX_SPAN = 15
"""Years further apart than this are shown as they are, not as a range with every year between."""


def is_chartable(indicator: Indicator) -> bool:
    """Whether ``indicator`` has a number to draw: never a qualitative one (``kualitatif:
    true``, whose values are predicates or opinions, even when one looks like a number)."""
    if indicator.extra.get(QUALITATIVE_KEY) is True:
        return False
    values = (*indicator.targets.values(), *indicator.realisations.values())
    return any(number(value) is not None for value in values)


def trend_chart(
    indicator: Indicator, period: Sequence[int], short: Short, layout: Layout = FULL
) -> TrendChart | None:
    """The chart of ``indicator``'s targets and realisations over ``period`` (plus any other
    year it has numbers for); ``None`` when it has no number to draw (a qualitative indicator)."""
    if not is_chartable(indicator):
        return None
    years = chart_years(indicator, period, layout.baseline_mark)
    targets = {y: n for y in years if (n := number(indicator.targets.get(y))) is not None}
    realised = {y: n for y in years if (n := number(indicator.realisations.get(y))) is not None}
    baseline = indicator.baseline
    base_value = number(baseline.value) if baseline is not None and layout.baseline_mark else None
    base_year = baseline.year if baseline is not None and base_value is not None else None

    plot_top, plot_bottom = layout.top, layout.height - layout.bottom
    values = [*targets.values(), *realised.values()]
    if base_value is not None:
        values.append(base_value)
    scale, marks = value_scale(values, plot_top, plot_bottom, layout.ticks, layout.bars)
    labels = [short(mark) for mark in marks]
    left = (max(len(label) for label in labels) * layout.char_width + 6) if labels else 2.0
    right = layout.width - layout.right
    slot = (right - left) / len(years)
    x_of = {year: left + slot * (i + 0.5) for i, year in enumerate(years)}
    at_x = {year: coord(x) for year, x in x_of.items()}
    l_at, r_at = coord(left), coord(right)

    line: list[str] = []
    dots: list[str] = []
    previous = -2
    for index, year in enumerate(years):
        if year in targets:  # a line from the year before; a missing target breaks it
            point = f"{at_x[year]} {coord(scale.y(targets[year]))}"
            line.append(("L" if previous == index - 1 else "M") + point)
            dots.append(f"M{point}h0")
            previous = index

    rows: dict[int, YearRow] = {}
    for year in years:
        if year in indicator.targets or year in indicator.realisations:
            result = indicator_achievement(indicator, year)
            target, realisation = indicator.targets.get(year), indicator.realisations.get(year)
            rows[year] = YearRow(year, target, realisation, result)

    zero = scale.y(0.0) if scale.low <= 0 <= scale.high else None
    bar_width = min(slot * 0.55, 28.0) if layout.bars else 0.0
    bars: list[Bar] = []
    grouped: dict[str, list[str]] = {}
    for year, value in realised.items():
        band = rows[year].achievement.band or "tidak_dihitung"
        y1 = scale.y(value)
        x = x_of[year]
        if layout.bars and zero is not None:
            y0 = zero
            grouped.setdefault(band, []).append(f"M{at_x[year]} {coord(y0)}V{coord(y1)}")
        else:
            y0 = y1
            grouped.setdefault(band, []).append(f"M{at_x[year]} {coord(y1)}h0")
        label_y = y0 - 4
        label = short(value) if layout.value_labels else ""
        bars.append(Bar(year, x, y0, y1, band, label, label_y, (at_x[year], coord(label_y))))
    order = {key: i for i, key in enumerate(SUMMARY_KEYS)}
    band_paths = [
        BandPath(band, "".join(parts))
        for band, parts in sorted(grouped.items(), key=lambda item: order.get(item[0], 99))
    ]

    shown = {"all": years, "ends": [years[0], years[-1]] if len(years) > 1 else years}
    year_ticks = [Tick(x_of[y], str(y), at_x[y]) for y in shown.get(layout.years, [])]
    value_ticks = []
    grid: list[str] = []
    for mark, label in zip(marks, labels, strict=True):
        y = scale.y(mark)
        value_ticks.append(Tick(y, label, coord(y + 3.5)))
        grid.append(f"M{l_at} {coord(y)}H{r_at}")
    base_point: tuple[float, float] | None = None
    base_line: float | None = None
    base_mark = base_across = ""
    if base_value is not None:
        if base_year is not None and base_year in x_of:
            base_point = (x_of[base_year], scale.y(base_value))
            base_mark = f"M{at_x[base_year]} {coord(base_point[1] - 4)}l4 4-4 4-4-4z"
        else:
            base_line = scale.y(base_value)
            base_across = f"M{l_at} {coord(base_line)}H{r_at}"
    paths = ChartPaths(
        view_box=f"0 0 {coord(layout.width)} {coord(layout.height)}",
        grid="".join(grid),
        value_x=coord(left - 4),
        year_y=coord(layout.height - 4),
        axis=f"M{l_at} {coord(zero)}H{r_at}" if layout.bars and zero is not None else "",
        baseline_line=base_across,
        baseline_mark=base_mark,
        bar_width=coord(bar_width),
    )
    return TrendChart(
        layout=layout,
        left=left,
        years=year_ticks,
        values=value_ticks,
        zero=zero,
        target_line="".join(line),
        target_dots="".join(dots),
        bar_width=bar_width,
        bars=bars,
        band_paths=band_paths,
        baseline=base_point,
        baseline_y=base_line,
        baseline_value=baseline.value if baseline is not None and base_value is not None else None,
        baseline_year=base_year,
        rows=list(rows.values()),
        paths=paths,
    )


def band_bar(
    counts: Sequence[tuple[str, int]],
    year: int,
    width: float = 320.0,
    height: float = 22.0,
    char_width: float = 6.6,
) -> BandBar | None:
    """``counts`` (summary key and count, in order) as a stacked bar; ``None`` when all are 0."""
    total = sum(count for _key, count in counts)
    if total <= 0:
        return None
    segments: list[Segment] = []
    x = 0.0
    for key, count in counts:
        if count <= 0:
            continue
        part = width * count / total
        fits = part >= len(str(count)) * char_width + 4
        segments.append(Segment(key, count, x, part, x + part / 2, fits))
        x += part
    return BandBar(year, width, height, total, segments)
