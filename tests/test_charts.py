"""The geometry of the capaian charts (core/site/charts.py): scales, ticks, bars, lines, bands."""

from __future__ import annotations

import re

import pytest

from mkdocs_pohon_plugin.core.site.charts import (
    FULL,
    SMALL,
    SPARK,
    band_bar,
    chart_years,
    coord,
    nice_step,
    short_number,
    trend_chart,
    value_scale,
)
from mkdocs_pohon_plugin.core.tree.model import Baseline, Indicator, Value

PERIOD = range(2025, 2030)
WORDS = ("rb", "jt", "M", "T")


def short(value: float) -> str:
    return short_number(value, "id", WORDS)


def indicator(
    targets: dict[int, Value],
    realisations: dict[int, Value] | None = None,
    polarity: str = "maksimal",
    baseline: tuple[int | None, Value] | None = None,
) -> Indicator:
    return Indicator(
        id="i",
        name="Indikator",
        polarity=polarity,
        targets=targets,
        realisations=realisations or {},
        baseline=Baseline(baseline[0], baseline[1]) if baseline else None,
    )


def points(d: str) -> list[tuple[str, float, float]]:
    """The commands of path data ``d`` with their first point (``M``/``L``: x y)."""
    return [(c, float(x), float(y)) for c, x, y in re.findall(r"([ML])(-?[\d.]+) (-?[\d.]+)", d)]


def test_maksimal_target_line_rises_and_bar_starts_at_zero() -> None:
    chart = trend_chart(indicator({2025: 50, 2026: 60, 2027: 80}, {2025: 55}), PERIOD, short)
    assert chart is not None
    line = points(chart.target_line)
    assert [c for c, _x, _y in line] == ["M", "L", "L"]
    ys = [y for _c, _x, y in line]
    assert ys[0] > ys[1] > ys[2]  # a higher value is higher up (smaller y)
    xs = [x for _c, x, _y in line]
    assert xs == sorted(xs)
    (bar,) = chart.bars
    assert chart.zero is not None and bar.y0 == chart.zero and bar.y1 < bar.y0
    assert bar.band == "sangat_baik"  # 55 / 50 = 110 %
    assert [tick.label for tick in chart.years] == [str(y) for y in PERIOD]
    assert chart.values[0].label == "0"  # the scale holds zero under the bars


def test_minimal_realisation_above_target_falls_in_a_lower_band() -> None:
    chart = trend_chart(
        indicator({2025: 14, 2026: 13}, {2025: 16}, polarity="minimal"), PERIOD, short
    )
    assert chart is not None
    (bar,) = chart.bars
    assert bar.band == "baik"  # 14 / 16 = 87.5 %
    assert [p.band for p in chart.band_paths] == ["baik"]
    row = chart.realised[0]
    assert row.year == 2025 and row.achievement.percent == pytest.approx(87.5)


def test_stabil_band_from_the_distance_to_the_target() -> None:
    chart = trend_chart(
        indicator({2025: 100, 2026: 100}, {2025: 70, 2026: 100}, polarity="stabil"), PERIOD, short
    )
    assert chart is not None
    assert [bar.band for bar in chart.bars] == ["cukup", "sangat_baik"]
    assert [p.band for p in chart.band_paths] == ["sangat_baik", "cukup"]  # in band order


def test_missing_year_breaks_the_target_line() -> None:
    chart = trend_chart(indicator({2025: 1, 2026: 2, 2028: 4, 2029: 5}), PERIOD, short)
    assert chart is not None
    assert [c for c, _x, _y in points(chart.target_line)] == ["M", "L", "M", "L"]
    assert chart.target_dots.count("h0") == 4
    assert len(chart.rows) == 4  # 2027 has no number to tell
    assert chart_years(indicator({2025: 1, 2029: 5}), ()) == [2025, 2026, 2027, 2028, 2029]


def test_a_single_year() -> None:
    chart = trend_chart(indicator({2025: 10}, {2025: 8}), (), short)
    assert chart is not None
    assert [t.label for t in chart.years] == ["2025"]
    (x,) = [x for _c, x, _y in points(chart.target_line)]
    assert x == pytest.approx((chart.left + chart.right) / 2, abs=0.1)
    assert chart.bars[0].x == pytest.approx(x, abs=0.1)


def test_negative_and_zero_values() -> None:
    chart = trend_chart(indicator({2025: 0, 2026: 2}, {2025: -3, 2026: 0}), PERIOD, short)
    assert chart is not None
    assert chart.zero is not None
    negative, zero = chart.bars
    assert negative.y1 > chart.zero  # below the axis
    assert zero.y1 == zero.y0 == chart.zero
    labels = [t.label for t in chart.values]
    assert labels[0].startswith("-") and "0" in labels
    assert all(FULL.top <= t.pos <= FULL.height - FULL.bottom for t in chart.values)


def test_all_equal_values_give_a_usable_scale() -> None:
    scale, marks = value_scale([7, 7, 7], 10, 100, 4, zero=False)
    assert scale.low < 7 < scale.high and len(marks) >= 2
    scale, marks = value_scale([0, 0], 10, 100, 4, zero=True)
    assert (scale.low, scale.high) == (0, 1)
    assert scale.y(0) == 100 and scale.y(1) == 10
    chart = trend_chart(indicator({2025: 5, 2026: 5}, {2025: 5}), PERIOD, short, SPARK)
    assert chart is not None
    ys = {y for _c, _x, y in points(chart.target_line)}
    assert len(ys) == 1 and SPARK.top < ys.pop() < SPARK.height - SPARK.bottom


def test_qualitative_indicator_is_never_charted() -> None:
    text = indicator({2025: "Predikat A", 2026: "Predikat A"}, {2025: "Predikat B"})
    assert trend_chart(text, PERIOD, short) is None
    assert trend_chart(indicator({}), PERIOD, short) is None
    marked = indicator({2025: 3, 2026: 4}, {2025: 3})
    marked.extra["kualitatif"] = True  # a predicate scale (1–4) is not a quantity
    assert trend_chart(marked, PERIOD, short) is None
    mixed = trend_chart(indicator({2025: "WTP", 2026: 3}, {2025: "WTP"}), PERIOD, short)
    assert mixed is not None and not mixed.bars  # text values are left out, numbers drawn
    assert len(points(mixed.target_line)) == 1


def test_huge_numbers_are_short_in_the_picture() -> None:
    chart = trend_chart(
        indicator({2025: 1_500_000_000_000, 2026: 2_000_000_000_000}, {2025: 1_200_000_000_000}),
        PERIOD,
        short,
    )
    assert chart is not None
    assert {t.label for t in chart.values} >= {"0", "2 T"}
    assert chart.bars[0].label == "1,2 T"
    assert chart.left < 60  # short labels keep the plot wide
    assert short_number(12_345, "id", WORDS) == "12,3 rb"
    assert short_number(1_500, "id", WORDS) == "1.500"
    assert short_number(72.5, "en", ("k", "M", "bn", "tn")) == "72.5"
    assert short_number(0.0125, "id", WORDS) == "0,013"


def test_baseline_next_to_the_period_is_a_mark_far_before_a_line() -> None:
    near = trend_chart(indicator({2025: 5}, baseline=(2024, 4)), PERIOD, short)
    assert near is not None and near.baseline is not None and near.baseline_y is None
    assert near.years[0].label == "2024"
    far = trend_chart(indicator({2025: 5}, baseline=(2015, 4)), PERIOD, short)
    assert far is not None and far.baseline is None and far.baseline_y is not None
    assert far.years[0].label == "2025"
    spark = trend_chart(indicator({2025: 5}, baseline=(2024, 4)), PERIOD, short, SPARK)
    assert spark is not None and spark.baseline is None and spark.baseline_y is None
    assert spark.years == []


def test_layouts_keep_everything_inside_the_picture() -> None:
    ind = indicator({2025: 10, 2026: 12, 2027: 14}, {2025: 9, 2026: 13}, baseline=(2024, 8))
    for layout in (FULL, SMALL, SPARK):
        chart = trend_chart(ind, PERIOD, short, layout)
        assert chart is not None
        for _c, x, y in points(chart.target_line):
            assert chart.left <= x <= chart.right
            assert layout.top <= y <= layout.height - layout.bottom
        for bar in chart.bars:
            assert layout.top <= bar.y1 <= layout.height - layout.bottom


def test_rounding_helpers() -> None:
    assert coord(12.0) == "12" and coord(12.345) == "12.3" and coord(-0.01) == "0"
    assert nice_step(100, 4) == 25 and nice_step(7, 4) == 2 and nice_step(0.3, 3) == 0.1
    _scale, marks = value_scale([0.1, 0.3], 0, 100, 4, zero=True)
    assert marks == [0.0, 0.1, 0.2, 0.3]  # no 0.30000000000000004


def test_band_bar_segments() -> None:
    bar = band_bar(
        [("sangat_baik", 30), ("baik", 0), ("kurang", 1), ("belum_ada_realisasi", 9)], 2025
    )
    assert bar is not None and bar.total == 40
    assert [s.key for s in bar.segments] == ["sangat_baik", "kurang", "belum_ada_realisasi"]
    assert sum(s.width for s in bar.segments) == pytest.approx(bar.width)
    assert bar.segments[1].x == pytest.approx(bar.segments[0].width)
    assert [s.labelled for s in bar.segments] == [True, False, True]  # 1 of 40 is too narrow
    assert band_bar([("baik", 0)], 2025) is None


def test_years_far_apart_are_not_filled_in() -> None:
    odd = indicator({1990: 1, 2025: 2, 2026: 3})  # a typo'd year must not draw 37 slots
    assert chart_years(odd, PERIOD) == [1990, 2025, 2026, 2027, 2028, 2029]
    chart = trend_chart(odd, PERIOD, short)
    assert chart is not None
    assert [c for c, _x, _y in points(chart.target_line)] == ["M", "L", "L"]
