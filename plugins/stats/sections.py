"""The breakdowns of the statistics (La Coop's §3.1), described once for every surface that shows
them: the page, the share page and the XLSX workbook read the same list, in the same order.

Each :class:`Repartition` names the field of :class:`~hub.core.stats.resultats.Statistiques` it
shows (a list of :class:`~hub.core.stats.resultats.Part`), its title on the page and in the
workbook, what its first column holds, and whether a long list folds behind « Voir tous… ».
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hub.core.stats.resultats import Part, Statistiques

# A long list (lieux, communes, tags) shows this many rows, the others behind « Voir tous… ».
VISIBLES = 5


@dataclass(frozen=True, slots=True)
class Repartition:
    """``champ``: the field of :class:`Statistiques`; ``titre``: on the page; ``bloc``: the
    workbook's block title; ``colonne``: the header of the values' column; ``compte``: what the
    numbers count; ``voir_tout``: the link that unfolds a long list (``None``: never folded)."""

    champ: str
    titre: str
    bloc: str
    colonne: str
    section: Literal["accompagnements", "beneficiaires"]
    compte: Literal["accompagnements", "bénéficiaires"]
    voir_tout: str | None = None

    def parts(self, statistiques: Statistiques) -> list[Part]:
        return getattr(statistiques, self.champ)

    @property
    def entete_nombre(self) -> str:
        """The header of the numbers' column: « Nombre d'accompagnements », « Nombre de bénéficiaires »."""
        return "Nombre d'accompagnements" if self.compte == "accompagnements" else "Nombre de bénéficiaires"

    @property
    def ident(self) -> str:
        """The HTML id of its block on the page."""
        return f"stats-{self.champ.replace('_', '-')}"


REPARTITIONS: tuple[Repartition, ...] = (
    Repartition(
        "thematiques_mediation",
        "Thématiques des accompagnements de médiation numérique",
        "Thématiques Médiation numérique",
        "Thématique",
        "accompagnements",
        "accompagnements",
    ),
    Repartition(
        "thematiques_demarches",
        "Thématiques des accompagnements de démarches administratives",
        "Thématiques Démarches administratives",
        "Thématique",
        "accompagnements",
        "accompagnements",
    ),
    Repartition("tags", "Tags spécifiques", "Tags", "Tag", "accompagnements", "accompagnements", "Voir tous les tags"),
    Repartition("materiel", "Matériel utilisé", "Matériel", "Matériel", "accompagnements", "accompagnements"),
    Repartition("canaux", "Canaux des accompagnements", "Canaux", "Canal", "accompagnements", "accompagnements"),
    Repartition("durees", "Durée des accompagnements", "Durées", "Durée", "accompagnements", "accompagnements"),
    Repartition(
        "lieux",
        "Nombre d'accompagnements par lieu",
        "Activités par lieux",
        "Lieu",
        "accompagnements",
        "accompagnements",
        "Voir tous les lieux",
    ),
    Repartition(
        "communes",
        "Nombre d'accompagnements par commune",
        "Activités par communes",
        "Commune",
        "accompagnements",
        "accompagnements",
        "Voir toutes les communes",
    ),
    Repartition("genres", "Genres", "Genre", "Genre", "beneficiaires", "bénéficiaires"),
    Repartition("tranches_age", "Tranches d'âge", "Tranches d'âge", "Tranche d'âge", "beneficiaires", "bénéficiaires"),
    Repartition("statuts", "Statuts", "Statuts", "Statut", "beneficiaires", "bénéficiaires"),
    Repartition(
        "communes_beneficiaires",
        "Commune de résidence des bénéficiaires",
        "Commune de résidence",
        "Commune",
        "beneficiaires",
        "bénéficiaires",
        "Voir toutes les communes de résidence",
    ),
)


def repartitions(section: str) -> list[Repartition]:
    """The breakdowns of one section of the page, in order."""
    return [repartition for repartition in REPARTITIONS if repartition.section == section]
