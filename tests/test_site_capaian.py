"""Capaian (achievement) per polarity, the edge cases, and the bands."""

from __future__ import annotations

import pytest

from mkdocs_pohon_plugin.core.model import Indicator
from mkdocs_pohon_plugin.core.site import capaian
from mkdocs_pohon_plugin.core.site.capaian import achievement, band, latest_achievement


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
