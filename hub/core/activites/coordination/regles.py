"""The rules of La Coop's coordination CRA forms, with their messages.

- Animation: a date, a duration, a type (« autre » to be specified), at least one thematique
  (« autre » to be specified), and at least one médiateur, structure or other actor reached.
- Événement: a date, a number of participants, a type (« autre » to be specified), at least one
  organiser (« autre » to be specified).
- Partenariat: a date, at least one nature (« autre » to be specified), at least one partner
  structure, each with a name and a type (« autre » to be specified).
"""

from __future__ import annotations

from hub.core.activites.coordination.enums import AUTRE
from hub.core.activites.coordination.inputs import CraAnimation, CraCoordination, CraEvenement, CraPartenariat
from hub.core.activites.dates import DEBUT_DISPOSITIF
from hub.core.activites.durees import verifier_duree
from hub.core.activites.regles import DATE_AVANT_DISPOSITIF, DATE_REQUISE

TYPE_ANIMATION_REQUIS = "Veuillez renseigner un type d'animation"
TYPE_ANIMATION_A_PRECISER = "Veuillez préciser le type d'animation"
THEMATIQUE_ANIMATION_REQUISE = "Veuillez renseigner au moins une thématique d'animation"
THEMATIQUE_ANIMATION_A_PRECISER = "Veuillez préciser la thématique d'animation"
ACTEUR_REQUIS = "Veuillez renseigner au moins un médiateur, une structure ou un autre acteur"
PARTICIPANTS_REQUIS = "Veuillez renseigner le nombre de participants"
TYPE_EVENEMENT_REQUIS = "Veuillez renseigner un type d'événement"
TYPE_EVENEMENT_A_PRECISER = "Veuillez préciser le type d'événement"
ORGANISATEUR_REQUIS = "Veuillez renseigner au moins un organisateur"
ORGANISATEUR_A_PRECISER = "Veuillez préciser l'organisateur"
NATURE_REQUISE = "Veuillez renseigner au moins une nature de partenariat"
NATURE_A_PRECISER = "Veuillez préciser la nature du partenariat"
STRUCTURE_PARTENAIRE_REQUISE = "Au moins une structure partenaire est requise"
NOM_PARTENAIRE_REQUIS = "Veuillez renseigner le nom de la structure partenaire"
TYPE_PARTENAIRE_REQUIS = "Veuillez renseigner le type de la structure partenaire"
TYPE_PARTENAIRE_A_PRECISER = "Veuillez préciser le type de structure"


def verifier_regles_coordination(cra: CraCoordination) -> dict[str, str]:
    """Each field ``cra`` breaks a rule of (see the module) with its message; empty when none."""
    erreurs: dict[str, str] = {}
    if cra.date is None:
        erreurs["date"] = DATE_REQUISE
    elif cra.date < DEBUT_DISPOSITIF:
        erreurs["date"] = DATE_AVANT_DISPOSITIF
    if isinstance(cra, CraAnimation):
        return erreurs | _animation(cra)
    if isinstance(cra, CraEvenement):
        return erreurs | _evenement(cra)
    return erreurs | _partenariat(cra)


def autre_choisi(choix: str | list[str] | None) -> bool:
    """``autre`` is the choice, or one of the choices."""
    return AUTRE in (choix if isinstance(choix, list) else [choix])


def _a_preciser(choix: str | list[str] | None, precision: str | None) -> bool:
    """``autre`` chosen without saying what."""
    return autre_choisi(choix) and not precision


def _animation(cra: CraAnimation) -> dict[str, str]:
    erreurs = verifier_duree(cra.duree, cra.duree_personnalisee_heures, cra.duree_personnalisee_minutes)
    if cra.type_animation is None:
        erreurs["type_animation"] = TYPE_ANIMATION_REQUIS
    elif _a_preciser(cra.type_animation, cra.type_animation_autre):
        erreurs["type_animation_autre"] = TYPE_ANIMATION_A_PRECISER
    if not cra.thematiques_animation:
        erreurs["thematiques_animation"] = THEMATIQUE_ANIMATION_REQUISE
    elif _a_preciser(cra.thematiques_animation, cra.thematique_animation_autre):
        erreurs["thematique_animation_autre"] = THEMATIQUE_ANIMATION_A_PRECISER
    if not any((cra.mediateurs, cra.structures, cra.autres_acteurs)):
        erreurs["mediateurs"] = ACTEUR_REQUIS
    return erreurs


def _evenement(cra: CraEvenement) -> dict[str, str]:
    erreurs: dict[str, str] = {}
    if cra.participants is None:
        erreurs["participants"] = PARTICIPANTS_REQUIS
    if cra.type_evenement is None:
        erreurs["type_evenement"] = TYPE_EVENEMENT_REQUIS
    elif _a_preciser(cra.type_evenement, cra.type_evenement_autre):
        erreurs["type_evenement_autre"] = TYPE_EVENEMENT_A_PRECISER
    if not cra.organisateurs:
        erreurs["organisateurs"] = ORGANISATEUR_REQUIS
    elif _a_preciser(cra.organisateurs, cra.organisateur_autre):
        erreurs["organisateur_autre"] = ORGANISATEUR_A_PRECISER
    return erreurs


def _partenariat(cra: CraPartenariat) -> dict[str, str]:
    erreurs: dict[str, str] = {}
    if not cra.nature_partenariat:
        erreurs["nature_partenariat"] = NATURE_REQUISE
    elif _a_preciser(cra.nature_partenariat, cra.nature_partenariat_autre):
        erreurs["nature_partenariat_autre"] = NATURE_A_PRECISER
    if not cra.structures_partenaires:
        erreurs["structures_partenaires"] = STRUCTURE_PARTENAIRE_REQUISE
    for rang, structure in enumerate(cra.structures_partenaires):
        champ = f"structures_partenaires.{rang}"
        if not structure.nom:
            erreurs[f"{champ}.nom"] = NOM_PARTENAIRE_REQUIS
        if structure.type is None:
            erreurs[f"{champ}.type"] = TYPE_PARTENAIRE_REQUIS
        elif _a_preciser(structure.type, structure.type_autre):
            erreurs[f"{champ}.type_autre"] = TYPE_PARTENAIRE_A_PRECISER
    return erreurs
