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
DIMENSIONS_ACTIVITES = (TOTAL, DEMARCHES, "thematique", "materiel", "canal", "duree", "lieu", "commune", "tag")

# ``beneficiaire``: valeur ``suivi`` or ``anonyme``; ``nouveaux``: accompagnements flagged
# « premier accompagnement ».
BENEFICIAIRE = "beneficiaire"
NOUVEAUX = "nouveaux"
DIMENSIONS_BENEFICIAIRES = (BENEFICIAIRE, NOUVEAUX, "genre", "tranche_age", "statut", "commune_beneficiaire")


@dataclass
class Comptes:
    """Counts added up from rows (see the module)."""

    # (dimension, type, valeur) → [activites, accompagnements]
    valeurs: dict[tuple[str, str, str], list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    libelles: dict[tuple[str, str], str] = field(default_factory=dict)
    jours: dict[date, int] = field(default_factory=lambda: defaultdict(int))

    def ajouter(self, lignes: Iterable[Any]) -> None:
        """Add rows ``(jour, dimension, type, valeur, libelle, activites, accompagnements)``."""
        for jour, dimension, type_, valeur, libelle, activites, accompagnements in lignes:
            if dimension == JOUR:
                self.jours[jour] += int(accompagnements or 0)
                continue
            compte = self.valeurs[(dimension, type_ or "", valeur or "")]
            compte[0] += int(activites or 0)
            compte[1] += int(accompagnements or 0)
            if libelle is not None:
                cle = (dimension, valeur or "")
                self.libelles[cle] = max(self.libelles.get(cle, libelle), libelle)

    def nombres(self, dimension: str, *, colonne: int = 1) -> dict[str, int]:
        """``valeur → nombre`` for ``dimension``, all types added (``colonne`` 0: activities)."""
        totaux: dict[str, int] = defaultdict(int)
        for (nom, _type, valeur), compte in self.valeurs.items():
            if nom == dimension:
                totaux[valeur] += compte[colonne]
        return dict(totaux)

    def par_type(self, dimension: str) -> dict[str, tuple[int, int]]:
        """``type → (activites, accompagnements)`` for an activity dimension without values."""
        return {type_: (compte[0], compte[1]) for (nom, type_, _), compte in self.valeurs.items() if nom == dimension}
