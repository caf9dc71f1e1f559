"""The bar chart's geometry and the French numbers of the statistics pages."""

from __future__ import annotations

from datetime import date

import pytest

from hub.core.stats.resultats import Point
from plugins.stats.format import evolution_fr, nombre_fr, periode_fr, pourcentage_fr
from plugins.stats.graphique import HAUTEUR, LARGEUR, MARGE_BAS, MARGE_HAUT, echelle, histogramme


@pytest.mark.parametrize(
    ("plus_grand", "haut"), [(0, 4), (1, 4), (3, 4), (5, 8), (9, 12), (37, 40), (130, 160), (1342, 1600), (4001, 8000)]
)
def test_the_axis_tops_at_a_round_number_at_or_above_the_highest_bar(plus_grand: int, haut: int) -> None:
    assert echelle(plus_grand) == haut and haut % 4 == 0


def test_bars_are_proportional_to_their_number_and_empty_buckets_are_flat() -> None:
    points = [Point(libelle=f"{m:02d}/25", debut=date(2025, m, 1), nombre=n) for m, n in ((1, 0), (2, 20), (3, 40))]

    h = histogramme(points)

    base, utile = HAUTEUR - MARGE_BAS, HAUTEUR - MARGE_BAS - MARGE_HAUT
    assert h.maximum == 40 and h.total == 60 and h.base == base
    assert [(b.libelle, b.nombre, b.hauteur) for b in h.barres] == [("01/25", 0, 0), ("02/25", 20, utile / 2), ("03/25", 40, utile)]
    assert all(b.y + b.hauteur == pytest.approx(base) for b in h.barres)
    assert [g.valeur for g in h.graduations] == [0, 10, 20, 30, 40]
    assert h.barres[0].x < h.barres[1].x < h.barres[2].x and h.barres[2].x + h.barres[2].largeur <= LARGEUR


def test_an_empty_series_draws_no_bar() -> None:
    h = histogramme([])
    assert h.barres == [] and h.total == 0 and h.maximum == 4


def test_french_numbers_percentages_changes_and_periods() -> None:
    assert nombre_fr(1234567) == "1\u202f234\u202f567" and nombre_fr(12) == "12" and nombre_fr(2.5) == "2,5"
    assert nombre_fr(1234.5) == "1\u202f234,5"
    assert pourcentage_fr(33.333) == "33,3\u202f%" and pourcentage_fr(100.0) == "100\u202f%" and pourcentage_fr(0) == "0\u202f%"
    assert evolution_fr(10, 15) == "+50\u202f%" and evolution_fr(10, 5) == "−50\u202f%" and evolution_fr(3, 3) == "0\u202f%"
    assert evolution_fr(0, 5) is None
    assert periode_fr(date(2025, 1, 1), date(2025, 3, 12)) == "du 01/01/2025 au 12/03/2025"
    assert periode_fr(None, date(2025, 3, 12)) == "jusqu'au 12/03/2025" and periode_fr(None, None) == "depuis le début"
