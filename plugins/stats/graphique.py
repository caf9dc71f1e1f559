"""The bar chart of the accompagnements (par mois, par jour) as server-drawn SVG geometry.

:func:`histogramme` turns the engine's :class:`~hub.core.stats.resultats.Point` series into
bars and gridlines in a fixed viewBox; the template draws them (``stats/_graphiques.html``) with
``role="img"``, a title and a description, and the same numbers in a table beside it. Each bar
carries its number as text: the chart never shows a number the table does not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hub.core.stats.resultats import Point

LARGEUR = 720
HAUTEUR = 260
MARGE_GAUCHE = 48  # room for the gridlines' values
MARGE_BAS = 40  # room for the buckets' labels
MARGE_HAUT = 20  # room for the number above the highest bar
GRADUATIONS = 4
FACTEURS = (1, 2, 2.5, 3, 4, 5, 6, 8, 10)  # « round » steps between gridlines, × 10ⁿ


@dataclass(frozen=True, slots=True)
class Barre:
    libelle: str
    nombre: int
    x: float
    y: float
    largeur: float
    hauteur: float

    @property
    def milieu(self) -> float:
        return self.x + self.largeur / 2


@dataclass(frozen=True, slots=True)
class Graduation:
    valeur: int
    y: float


@dataclass(frozen=True, slots=True)
class Histogramme:
    """Bars and horizontal gridlines in a ``largeur`` × ``hauteur`` viewBox; ``base``: the y of
    the axis; ``maximum``: the top gridline's value."""

    largeur: int
    hauteur: int
    base: float
    gauche: float
    maximum: int
    barres: list[Barre]
    graduations: list[Graduation]

    @property
    def total(self) -> int:
        return sum(barre.nombre for barre in self.barres)


def echelle(plus_grand: int) -> int:
    """The top of the axis: the smallest whole « round » step (:data:`FACTEURS` × 10ⁿ) times the
    gridlines' count at or above ``plus_grand``; 4 for an empty series."""
    if plus_grand <= 0:
        return GRADUATIONS
    pas_brut = plus_grand / GRADUATIONS
    puissance = 10 ** math.floor(math.log10(pas_brut))
    for facteur in FACTEURS:
        pas = facteur * puissance
        if pas >= pas_brut and float(pas).is_integer():
            return int(pas * GRADUATIONS)
    return int(10 * puissance * GRADUATIONS)  # pragma: no cover - 10 × 10ⁿ is always whole


def histogramme(points: Sequence[Point]) -> Histogramme:
    """The chart of ``points`` in order, one bar per bucket (empty ones at height 0)."""
    maximum = echelle(max((point.nombre for point in points), default=0))
    base = HAUTEUR - MARGE_BAS
    hauteur_utile = base - MARGE_HAUT
    pas = (LARGEUR - MARGE_GAUCHE) / max(len(points), 1)
    largeur = pas * 0.7
    barres = []
    for rang, point in enumerate(points):
        hauteur = hauteur_utile * point.nombre / maximum
        x = MARGE_GAUCHE + rang * pas + (pas - largeur) / 2
        barres.append(Barre(point.libelle, point.nombre, round(x, 2), round(base - hauteur, 2), round(largeur, 2), round(hauteur, 2)))
    graduations = [
        Graduation(maximum * rang // GRADUATIONS, round(base - hauteur_utile * rang / GRADUATIONS, 2))
        for rang in range(GRADUATIONS + 1)
    ]
    return Histogramme(LARGEUR, HAUTEUR, base, MARGE_GAUCHE, maximum, barres, graduations)
