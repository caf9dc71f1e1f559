"""The rules of La Coop's CRA forms that need nothing but the CRA itself, with its messages.

Common (``CraValidation``): a date, not before the Conseiller numérique programme; a duration
(a proposed one, or a custom one of 0–23 hours and/or 0–59 minutes); a type of place; the lieu
d'activité when the place is one, the commune (name, code postal, code INSEE) at home or
elsewhere; at least one thematique; administrative sub-thematiques and « précisions » of the
démarche only with « Aide aux démarches administratives ». Individual: the anonymous
bénéficiaire's commune given whole. Collective: at least one participant, followed or anonymous,
and no breakdown of the anonymous ones above their total.

Rules that need the database (the lieu is one of the mediator's, the tags are theirs, the
followed bénéficiaires are theirs) are checked by :mod:`hub.core.activites.preparation`.
"""

from __future__ import annotations

from hub.core.activites.anonymes import verifier_participants_anonymes
from hub.core.activites.communes import verifier_commune
from hub.core.activites.dates import DEBUT_DISPOSITIF
from hub.core.activites.durees import verifier_duree
from hub.core.activites.inputs import Cra, CraCollectif
from hub.core.activites.thematiques import AIDE_AUX_DEMARCHES, LABELS, administratives

DATE_REQUISE = "Veuillez renseigner une date"
DATE_AVANT_DISPOSITIF = "La date ne peut pas être antérieure au 17/11/2020, début du dispositif Conseiller numérique"
TYPE_LIEU_REQUIS = "Veuillez renseigner un lieu d'accompagnement"
LIEU_ACTIVITE_REQUIS = "Veuillez renseigner le lieu d'activité"
COMMUNE_REQUISE = "Veuillez renseigner la commune"
THEMATIQUE_REQUISE = "Veuillez renseigner au moins une thématique"
ADMINISTRATIVES_INTERDITES = (
    "Les thématiques administratives ne sont autorisées que si la thématique "
    f"« {LABELS[AIDE_AUX_DEMARCHES]} » est sélectionnée"
)
PRECISIONS_INTERDITES = (
    "La précision de la démarche ne peut être renseignée que si la thématique "
    f"« {LABELS[AIDE_AUX_DEMARCHES]} » est sélectionnée"
)
PARTICIPANT_REQUIS = "Veuillez renseigner au moins un participant"
COMMUNES_A_RENSEIGNER = ("domicile", "autre")


def verifier_regles(cra: Cra) -> dict[str, str]:
    """Each field ``cra`` breaks a rule of (see the module) with its message; empty when none."""
    erreurs: dict[str, str] = {}
    if cra.date is None:
        erreurs["date"] = DATE_REQUISE
    elif cra.date < DEBUT_DISPOSITIF:
        erreurs["date"] = DATE_AVANT_DISPOSITIF
    erreurs |= verifier_duree(cra.duree, cra.duree_personnalisee_heures, cra.duree_personnalisee_minutes)
    erreurs |= _lieu(cra)
    erreurs |= _thematiques(cra)
    if isinstance(cra, CraCollectif):
        erreurs |= verifier_participants_anonymes(cra.participants_anonymes, champ="participants_anonymes")
        if not cra.participants and not cra.participants_anonymes.total:
            erreurs["participants"] = PARTICIPANT_REQUIS
    elif cra.beneficiaire is not None and cra.beneficiaire.id is None:
        beneficiaire = cra.beneficiaire
        erreurs |= verifier_commune(
            {
                "beneficiaire.commune": beneficiaire.commune,
                "beneficiaire.commune_code_postal": beneficiaire.commune_code_postal,
                "beneficiaire.commune_code_insee": beneficiaire.commune_code_insee,
            }
        )
    return erreurs


def _lieu(cra: Cra) -> dict[str, str]:
    if cra.type_lieu is None:
        return {"type_lieu": TYPE_LIEU_REQUIS}
    if cra.type_lieu == "lieu_activite":
        return {} if cra.structure_id else {"structure_id": LIEU_ACTIVITE_REQUIS}
    if cra.type_lieu in COMMUNES_A_RENSEIGNER:
        commune = {
            "lieu_commune": cra.lieu_commune,
            "lieu_code_postal": cra.lieu_code_postal,
            "lieu_code_insee": cra.lieu_code_insee,
        }
        return verifier_commune(commune, requise=COMMUNE_REQUISE)
    return {}


def _thematiques(cra: Cra) -> dict[str, str]:
    erreurs: dict[str, str] = {}
    aide = AIDE_AUX_DEMARCHES in cra.thematiques
    if not cra.thematiques:
        erreurs["thematiques"] = THEMATIQUE_REQUISE
    elif administratives(cra.thematiques) and not aide:
        erreurs["thematiques"] = ADMINISTRATIVES_INTERDITES
    if cra.precisions_demarche and not aide:
        erreurs["precisions_demarche"] = PRECISIONS_INTERDITES
    return erreurs
