"""The fields of the coordinators' CRA forms (animation, événement, partenariat), named as
:mod:`hub.core.activites.coordination.inputs`' Structs, and the reading of a posted form into the
raw data of a CRA.

A partenariat lists its partner structures, each on a line of inputs
``structures_partenaires.<rang>.nom`` / ``.type`` / ``.type_autre``: the form offers the lines
already filled and :data:`LIGNES_VIDES` empty ones; blank lines are not sent to the service.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from litestar.datastructures import FormMultiDict

from hub.core.activites.coordination.enums import (
    ECHELONS_TERRITORIAUX,
    INITIATIVES,
    NATURES_PARTENARIAT,
    ORGANISATEURS,
    THEMATIQUES_ANIMATION,
    TYPES_ANIMATION,
    TYPES_EVENEMENT,
    TYPES_STRUCTURE_PARTENAIRE,
)
from hub.core.web.activites.champs_communs import DATE, DUREE, HEURES, MINUTES, NOTES, TAGS
from hub.core.web.organisation.formulaires import Champ, lire, options

PRECISEZ = "Précisez"
LIGNES_VIDES = 3
LIGNES_MAX = 50
STRUCTURES_PARTENAIRES = "structures_partenaires"
LIGNE = re.compile(rf"{STRUCTURES_PARTENAIRES}\.(\d+)\.\w+")  # an input of a partner structure's line

TYPE_ANIMATION = Champ(
    "type_animation", "Type d'animation", genre="radios", choix=options(TYPES_ANIMATION), obligatoire=True
)
TYPE_ANIMATION_AUTRE = Champ("type_animation_autre", PRECISEZ + " le type d'animation")
INITIATIVE = Champ("initiative", "Initiative", genre="radios", choix=options(INITIATIVES))
THEMATIQUES_ANIMATION = Champ(
    "thematiques_animation", "Thématiques", genre="cases", choix=options(THEMATIQUES_ANIMATION), obligatoire=True
)
THEMATIQUE_ANIMATION_AUTRE = Champ("thematique_animation_autre", PRECISEZ + " la thématique")
MEDIATEURS = Champ("mediateurs", "Médiateurs numériques", type="number")
STRUCTURES = Champ("structures", "Structures", type="number")
AUTRES_ACTEURS = Champ("autres_acteurs", "Autres acteurs", type="number")

NOM = Champ("nom", "Nom")
ECHELON_TERRITORIAL = Champ(
    "echelon_territorial", "Échelon territorial", genre="radios", choix=options(ECHELONS_TERRITORIAUX), en_ligne=True
)
PARTICIPANTS = Champ("participants", "Nombre de participants", type="number", obligatoire=True)
TYPE_EVENEMENT = Champ(
    "type_evenement", "Type d'évènement", genre="radios", choix=options(TYPES_EVENEMENT), obligatoire=True
)
TYPE_EVENEMENT_AUTRE = Champ("type_evenement_autre", PRECISEZ + " le type d'évènement")
ORGANISATEURS = Champ("organisateurs", "Organisateurs", genre="cases", choix=options(ORGANISATEURS), obligatoire=True)
ORGANISATEUR_AUTRE = Champ("organisateur_autre", PRECISEZ + " l'organisateur")

NATURE_PARTENARIAT = Champ(
    "nature_partenariat", "Nature du partenariat", genre="cases", choix=options(NATURES_PARTENARIAT), obligatoire=True
)
NATURE_PARTENARIAT_AUTRE = Champ("nature_partenariat_autre", PRECISEZ + " la nature du partenariat")
NOM_PARTENAIRE = Champ("nom", "Nom de la structure")
TYPE_PARTENAIRE = Champ("type", "Type de structure", genre="liste", choix=options(TYPES_STRUCTURE_PARTENAIRE))
TYPE_PARTENAIRE_AUTRE = Champ("type_autre", PRECISEZ + " le type")
LIGNE_PARTENAIRE = (NOM_PARTENAIRE, TYPE_PARTENAIRE, TYPE_PARTENAIRE_AUTRE)

ANIMATION = (
    DATE,
    DUREE,
    HEURES,
    MINUTES,
    TYPE_ANIMATION,
    TYPE_ANIMATION_AUTRE,
    INITIATIVE,
    THEMATIQUES_ANIMATION,
    THEMATIQUE_ANIMATION_AUTRE,
    MEDIATEURS,
    STRUCTURES,
    AUTRES_ACTEURS,
    TAGS,
    NOTES,
)
EVENEMENT = (
    DATE,
    NOM,
    ECHELON_TERRITORIAL,
    PARTICIPANTS,
    TYPE_EVENEMENT,
    TYPE_EVENEMENT_AUTRE,
    ORGANISATEURS,
    ORGANISATEUR_AUTRE,
    TAGS,
    NOTES,
)
PARTENARIAT = (DATE, NOM, ECHELON_TERRITORIAL, NATURE_PARTENARIAT, NATURE_PARTENARIAT_AUTRE, TAGS, NOTES)


def lire_animation(formulaire: FormMultiDict) -> dict[str, Any]:
    return {"type": "animation", **lire(formulaire, ANIMATION)}


def lire_evenement(formulaire: FormMultiDict) -> dict[str, Any]:
    return {"type": "evenement", **lire(formulaire, EVENEMENT)}


def lire_partenariat(formulaire: FormMultiDict) -> dict[str, Any]:
    """The partner structures: the lines with something typed in, in their order."""
    prefixes = (f"{STRUCTURES_PARTENAIRES}.{rang}." for rang in _rangs(formulaire))
    lignes = [lire(formulaire, LIGNE_PARTENAIRE, prefixe=prefixe) for prefixe in prefixes]
    remplies = [ligne for ligne in lignes[:LIGNES_MAX] if any(valeur.strip() for valeur in ligne.values())]
    return {"type": "partenariat", **lire(formulaire, PARTENARIAT), STRUCTURES_PARTENAIRES: remplies}


def nombre_de_lignes(valeurs: dict[str, Any]) -> int:
    """How many lines of partner structures a form shows: those filled (by their input names
    among ``valeurs``) and :data:`LIGNES_VIDES` more."""
    return max(_rangs(valeurs), default=-1) + 1 + LIGNES_VIDES


def _rangs(noms: Iterable[str]) -> list[int]:
    """The lines of partner structures that ``noms`` (input names) have an input of."""
    return sorted({int(trouve.group(1)) for nom in noms if (trouve := LIGNE.fullmatch(nom))})
