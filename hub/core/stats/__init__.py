"""The statistics engine of the core: La Coop's « Mes statistiques » for a mediator, a team or
the whole country, computed once and rendered by every surface (see ``docs/statistiques.md``)."""

from hub.core.stats.moteur import calculer_statistiques
from hub.core.stats.resultats import (
    Part,
    Point,
    Statistiques,
    TotauxAccompagnements,
    TotauxActivites,
    TotauxBeneficiaires,
    TypeActivite,
)

__all__ = [
    "Part",
    "Point",
    "Statistiques",
    "TotauxAccompagnements",
    "TotauxActivites",
    "TotauxBeneficiaires",
    "TypeActivite",
    "calculer_statistiques",
]
