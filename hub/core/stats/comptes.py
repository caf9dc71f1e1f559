"""The raw counts behind :class:`~hub.core.stats.resultats.Statistiques`, before labels and
proportions: what the direct queries and the rollup both produce, and add up.

Every query returns rows ``(jour, dimension, type, valeur, libelle, activites,
accompagnements)``:

- dimensions of the activities (:data:`DIMENSIONS_ACTIVITES`): per activity ``type``, the
  activities and their accompagnements having ``valeur`` (``""`` for ``total`` and
  ``demarches``); ``libelle``, where given, the largest name seen (commune names);
- ``jour``: the accompagnements of the day ``jour`` (the series);
- dimensions of the bénéficiaires (:data:`DIMENSIONS_BENEFICIAIRES`): bénéficiaires in
  ``accompagnements`` (distinct ones, or one per accompagnement for the rollup's anonymous
  ones), ``type`` empty for distinct counts.

``commune`` holds a raw key ``<lieu d'activité id>|<code INSEE of the activity>`` resolved with
the lieux when labelling (:mod:`hub.core.stats.etiquettes`), so that a lieu whose commune
changes moves its activities with it, in the rollup too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

TOTAL = "total"
DEMARCHES = "demarches"
JOUR = "jour"
# The dimensions whose counts are used per activity type (:meth:`Comptes.par_type`); those of
# the others are only ever added up over the types.
PAR_TYPE = (TOTAL, DEMARCHES)
DIMENSIONS_ACTIVITES = (TOTAL, DEMARCHES, "thematique", "materiel", "canal", "duree", "lieu", "commune", "tag")

# ``beneficiaire``: valeur ``suivi`` or ``anonyme``; ``nouveaux``: accompagnements flagged
# « premier accompagnement ».
BENEFICIAIRE = "beneficiaire"
NOUVEAUX = "nouveaux"
DIMENSIONS_BENEFICIAIRES = (BENEFICIAIRE, NOUVEAUX, "genre", "tranche_age", "statut", "commune_beneficiaire")


@dataclass
class Comptes:
    """Counts added up from rows (see the module)."""

    # dimension → (type, valeur) → [activites, accompagnements]
    dimensions: dict[str, dict[tuple[str, str], list[int]]] = field(default_factory=dict)
    libelles: dict[tuple[str, str], str] = field(default_factory=dict)
    jours: dict[date, int] = field(default_factory=lambda: defaultdict(int))

    def ajouter(self, lignes: Iterable[Any]) -> None:
        """Add rows ``(jour, dimension, type, valeur, libelle, activites, accompagnements)``.
        Pass them as they are read (a result, a generator), not in a list: a national
        statement returns ~24 000 rows, and kept together they outlive the garbage collector's
        young generations and make it scan the whole heap again (~70 ms each time)."""
        dimensions, libelles, jours = self.dimensions, self.libelles, self.jours
        for jour, dimension, type_, valeur, libelle, activites, accompagnements in lignes:
            if dimension == JOUR:
                jours[jour] += int(accompagnements or 0)
                continue
            par_valeur = dimensions.get(dimension)
            if par_valeur is None:
                par_valeur = dimensions[dimension] = {}
            valeur = valeur or ""
            cle = (type_ or "", valeur)
            compte = par_valeur.get(cle)
            if compte is None:
                par_valeur[cle] = [int(activites or 0), int(accompagnements or 0)]
            else:
                compte[0] += int(activites or 0)
                compte[1] += int(accompagnements or 0)
            if libelle is not None:
                nom = (dimension, valeur)
                ancien = libelles.get(nom)
                if ancien is None or libelle > ancien:
                    libelles[nom] = libelle

    def nombres(self, dimension: str, *, colonne: int = 1) -> dict[str, int]:
        """``valeur → nombre`` for ``dimension``, all types added (``colonne`` 0: activities)."""
        totaux: dict[str, int] = {}
        for (_type, valeur), compte in self.dimensions.get(dimension, {}).items():
            totaux[valeur] = totaux.get(valeur, 0) + compte[colonne]
        return totaux

    def par_type(self, dimension: str) -> dict[str, tuple[int, int]]:
        """``type → (activites, accompagnements)`` for a dimension of :data:`PAR_TYPE`."""
        return {type_: (compte[0], compte[1]) for (type_, _), compte in self.dimensions.get(dimension, {}).items()}
