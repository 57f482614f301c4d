"""Capaian (achievement) per polarity, the edge cases, and the bands."""

from __future__ import annotations

import pytest

from mkdocs_pohon_plugin.core.site import capaian
from mkdocs_pohon_plugin.core.site.capaian import achievement, band, latest_achievement
from mkdocs_pohon_plugin.core.tree.model import Indicator


def test_maksimal_is_realisation_over_target() -> None:
    result = achievement("maksimal", 90, 91.5)
    assert result.percent == pytest.approx(101.6667, abs=1e-3)
    assert result.band == "sangat_baik"


def test_minimal_is_target_over_realisation() -> None:
    result = achievement("minimal", 100, 125)
    assert result.percent == pytest.approx(80.0)
    assert result.band == "baik"


def test_stabil_penalises_both_directions_equally() -> None:
    over = achievement("stabil", 100, 110)
    under = achievement("stabil", 100, 90)
    assert over.percent == pytest.approx(90.0) and under.percent == pytest.approx(90.0)
    assert achievement("stabil", 100, 100).percent == pytest.approx(100.0)
    assert achievement("stabil", 10, 35).percent == 0.0  # never negative


@pytest.mark.parametrize("polarity", ["maksimal", "stabil"])
def test_target_zero(polarity: str) -> None:
    assert achievement(polarity, 0, 5).percent is None
    assert achievement(polarity, 0, 5).reason == capaian.ZERO_DIVISOR
    assert achievement(polarity, 0, 0).percent == 100.0


def test_minimal_with_zero_realisation() -> None:
    assert achievement("minimal", 5, 0).reason == capaian.ZERO_DIVISOR
    assert achievement("minimal", 0, 0).percent == 100.0
    assert achievement("minimal", 0, 3).percent == 0.0


def test_missing_realisation_and_target() -> None:
    assert achievement("maksimal", 90, None).reason == capaian.NO_REALISATION
    assert achievement("maksimal", None, 90).reason == capaian.NO_TARGET
    assert not achievement("maksimal", 90, None).computed


def test_text_target_is_not_computed() -> None:
    result = achievement("maksimal", "Predikat A", "Predikat A")
    assert result.percent is None and result.reason == capaian.TEXT_VALUE
    assert achievement("maksimal", 90, "≥ 80").reason == capaian.TEXT_VALUE


def test_negative_target_and_unknown_polarity() -> None:
    assert achievement("maksimal", -2, -1).reason == capaian.NEGATIVE_TARGET
    assert achievement("naik", 1, 1).reason == capaian.UNKNOWN_POLARITY


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        (120, "sangat_baik"),
        (91, "sangat_baik"),
        (90.5, "baik"),
        (76, "baik"),
        (75.9, "cukup"),
        (66, "cukup"),
        (65, "kurang"),
        (51, "kurang"),
        (50.9, "sangat_kurang"),
        (0, "sangat_kurang"),
    ],
)
def test_bands(percent: float, expected: str) -> None:
    assert band(percent) == expected


def test_latest_achievement_uses_the_last_realised_year() -> None:
    indicator = Indicator(
        id="x", polarity="maksimal", targets={2025: 10, 2026: 20}, realisations={2025: 5, 2026: 15}
    )
    year, result = latest_achievement(indicator)
    assert year == 2026 and result.percent == pytest.approx(75.0)
    assert latest_achievement(Indicator(id="y"))[1].reason == capaian.NO_REALISATION


# --- edges around the formulas, and the OPD summary ---------------------------------------------


def test_maksimal_below_zero_realisation_is_computed_and_lowest() -> None:
    result = achievement("maksimal", 5, -1)  # e.g. economic growth below zero
    assert result.percent == pytest.approx(-20.0) and result.band == "sangat_kurang"


def test_minimal_negative_realisation_is_not_computed() -> None:
    assert achievement("minimal", 5, -1).reason == capaian.ZERO_DIVISOR


def test_stabil_formula_with_fractions() -> None:
    # 1 − |r − t| / t: hitting 2.0 where 2.5 is the value to hold is 80 %
    assert achievement("stabil", 2.5, 2.0).percent == pytest.approx(80.0)
    assert achievement("stabil", 2.5, 3.0).percent == pytest.approx(80.0)


@pytest.mark.parametrize("value", [True, float("nan"), float("inf")])
def test_booleans_and_non_finite_numbers_are_not_computed(value: object) -> None:
    assert achievement("maksimal", 10, value).reason == capaian.TEXT_VALUE  # type: ignore[arg-type]
    assert achievement("maksimal", value, 10).reason == capaian.TEXT_VALUE  # type: ignore[arg-type]


def test_band_just_below_a_threshold() -> None:
    assert band(90.99) == "baik" and band(75.999) == "cukup" and band(50.99) == "sangat_kurang"


def test_latest_year_without_a_target_is_not_computed() -> None:
    indicator = Indicator(id="z", targets={2025: 10}, realisations={2025: 9, 2026: 12})
    year, result = latest_achievement(indicator)
    assert year == 2026 and result.reason == capaian.NO_TARGET


def test_band_summary_counts_every_band() -> None:
    def ind(polarity: str, target: object, realisation: object | None) -> Indicator:
        realisations = {} if realisation is None else {2025: realisation}
        return Indicator(
            id=f"i{id(target)}",
            polarity=polarity,
            targets={2025: target},  # type: ignore[dict-item]
            realisations=realisations,  # type: ignore[arg-type]
        )

    indicators = [
        ind("maksimal", 100, 95),  # 95 %: sangat baik
        ind("minimal", 80, 100),  # 80 %: baik
        ind("stabil", 100, 130),  # 70 %: cukup
        ind("maksimal", 100, 60),  # kurang
        ind("maksimal", 100, 10),  # sangat kurang
        ind("maksimal", 100, None),  # no realisation
        ind("maksimal", "Predikat A", "Predikat B"),  # text: not computed
        ind("maksimal", 0, 5),  # target 0: not computed
    ]
    counts = capaian.band_summary(indicators, 2025)
    assert list(counts) == list(capaian.SUMMARY_KEYS)
    assert counts == {
        "sangat_baik": 1,
        "baik": 1,
        "cukup": 1,
        "kurang": 1,
        "sangat_kurang": 1,
        "belum_ada_realisasi": 1,
        "tidak_dihitung": 2,
    }
    assert capaian.latest_realised_year(indicators) == 2025
    assert capaian.latest_realised_year([ind("maksimal", 1, None)]) is None
