"""What the statistics templates (``stats/_sections.html``) read, built from the engine's
:class:`~hub.core.stats.resultats.Statistiques` alone: the page and the share page show the same
sections from the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from hub.core.stats.resultats import Statistiques
from plugins.stats.graphique import Histogramme, histogramme
from plugins.stats.sections import VISIBLES, Repartition, repartitions


@dataclass(frozen=True, slots=True)
class Presentation:
    """``statistiques`` and their charts; ``accompagnements`` / ``beneficiaires``: the
    breakdowns of each section; ``visibles``: rows shown before « Voir tous… »."""

    statistiques: Statistiques
    par_mois: Histogramme
    par_jour: Histogramme
    accompagnements: list[Repartition]
    beneficiaires: list[Repartition]
    visibles: int = VISIBLES


def presentation(statistiques: Statistiques) -> Presentation:
    return Presentation(
        statistiques,
        histogramme(statistiques.par_mois),
        histogramme(statistiques.par_jour),
        repartitions("accompagnements"),
        repartitions("beneficiaires"),
    )
