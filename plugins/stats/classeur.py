"""The XLSX statistics workbook (La Coop's §3.3): one sheet « Statistiques », the metadata header
(who, when, scope, filters applied), then one block per part of the page.

Blocks, each a title row, a header row, its rows, and an empty row: Statistiques générales,
Accompagnements par mois, Accompagnements par jour, Statistiques sur vos accompagnements (types),
then every breakdown of :data:`~plugins.stats.sections.REPARTITIONS` (thématiques of both
groups, tags, matériel, canaux, durées, lieux, communes, genre, tranches d'âge, statuts,
commune de résidence). Numbers are those of the :class:`Statistiques` given — the page's —
proportions as percentages with their 3 decimals.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from hub.core.exports.entete import Entete
from hub.core.exports.tableur import Valeur, ouvrir_tableur
from hub.core.stats.resultats import Point, Statistiques
from plugins.stats.sections import REPARTITIONS

FEUILLE = "Statistiques"
NOM_DE_FICHIER = "statistiques"
NON_CALCULE = "Non calculé (choisissez une date de début et une date de fin)"

Bloc = tuple[str, Sequence[str], list[Sequence[Valeur]]]


def ecrire_classeur(sortie: BinaryIO, statistiques: Statistiques, entete: Entete) -> None:
    """Write the workbook of ``statistiques`` under ``entete`` to ``sortie`` (left open)."""
    with ouvrir_tableur(sortie, "xlsx", feuille=FEUILLE) as tableur:
        tableur.entete(entete)
        for titre, colonnes, lignes in blocs(statistiques):
            tableur.ligne([titre])
            tableur.ligne(list(colonnes))
            for ligne in lignes:
                tableur.ligne(ligne)
            tableur.ligne([])


def blocs(statistiques: Statistiques) -> Iterator[Bloc]:
    """The workbook's blocks, in order."""
    s = statistiques
    nouveaux: Valeur = NON_CALCULE if s.beneficiaires.nouveaux is None else s.beneficiaires.nouveaux
    yield (
        "Statistiques générales",
        ("Indicateur", "Nombre"),
        [
            ("Accompagnements au total", s.accompagnements.total),
            ("dont accompagnements individuels", s.accompagnements.individuels),
            ("dont participants aux ateliers collectifs", s.accompagnements.collectifs),
            ("Bénéficiaires accompagnés", s.beneficiaires.total),
            ("dont nouveaux bénéficiaires", nouveaux),
            ("dont bénéficiaires suivis", s.beneficiaires.suivis),
            ("dont bénéficiaires anonymes", s.beneficiaires.anonymes),
            ("Activités (comptes rendus)", s.activites.total),
            ("dont accompagnements individuels", s.activites.individuels),
            ("dont ateliers collectifs", s.activites.collectifs),
            ("dont aide aux démarches administratives", s.activites.demarches),
        ],
    )
    yield _serie("Accompagnements par mois", "Mois", s.par_mois)
    yield _serie("Accompagnements par jour", "Jour", s.par_jour)
    yield (
        "Statistiques sur vos accompagnements",
        ("Type d'activité", "Activités", "Accompagnements", "Proportion des accompagnements (%)"),
        [(t.libelle, t.activites, t.accompagnements, t.proportion) for t in s.types],
    )
    for repartition in REPARTITIONS:
        yield (
            repartition.bloc,
            (repartition.colonne, repartition.entete_nombre, "Proportion (%)"),
            [(part.libelle, part.nombre, part.proportion) for part in repartition.parts(s)],
        )


def _serie(titre: str, colonne: str, points: Sequence[Point]) -> Bloc:
    return titre, (colonne, "Accompagnements"), [(point.libelle, point.nombre) for point in points]
