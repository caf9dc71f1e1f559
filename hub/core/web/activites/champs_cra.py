"""The fields of the mediators' CRA forms, named as :class:`~hub.core.activites.inputs.CraIndividuel`
and :class:`~hub.core.activites.inputs.CraCollectif`'s (nested ones under ``beneficiaire.`` and
``participants_anonymes.``), and the reading of a posted form into the raw data of a CRA.

The lieux d'activité offered (:data:`STRUCTURE`) are the mediator's: a page gives them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar.datastructures import FormMultiDict

from hub.core.activites.anonymes import REPARTITIONS
from hub.core.activites.enums import (
    AUTONOMIES,
    ETOILES_AUTONOMIE,
    ETOILES_NIVEAU,
    MATERIELS,
    NIVEAUX_ATELIER,
    STRUCTURES_DE_REDIRECTION,
    TYPES_LIEU,
)
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, MEDIATION_NUMERIQUE
from hub.core.beneficiaires.enums import GENRES, NON_COMMUNIQUE, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.web.activites.champs_communs import DATE, DUREE, HEURES, MINUTES, NOTES, TAGS
from hub.core.web.organisation.formulaires import Champ, Option, lire, options

CODE_POSTAL = "5 chiffres, par exemple : 51100"
CODE_INSEE = "5 caractères, par exemple : 51454"


def _avec_etoiles(libelles: dict[str, str], etoiles: dict[str, int]) -> tuple[Option, ...]:
    """Options whose hint gives the level: « 2 étoiles sur 3 »."""
    return tuple(
        Option(valeur, libelle, f"{etoiles[valeur]} étoile{'s' if etoiles[valeur] > 1 else ''} sur 3")
        for valeur, libelle in libelles.items()
    )


# Common to both.
TYPE_LIEU = Champ("type_lieu", "Lieu de l'accompagnement", genre="radios", choix=options(TYPES_LIEU), obligatoire=True)
STRUCTURE = Champ("structure_id", "Lieu d'activité", genre="liste", obligatoire=True)
LIEU_COMMUNE = Champ("lieu_commune", "Commune", obligatoire=True, autocomplete="address-level2")
LIEU_CODE_POSTAL = Champ(
    "lieu_code_postal", "Code postal", obligatoire=True, aide=CODE_POSTAL, autocomplete="postal-code"
)
LIEU_CODE_INSEE = Champ("lieu_code_insee", "Code INSEE de la commune", obligatoire=True, aide=CODE_INSEE)
THEMATIQUES = Champ(
    "thematiques", "Médiation numérique", genre="cases", choix=options(MEDIATION_NUMERIQUE), obligatoire=True
)
THEMATIQUES_ADMINISTRATIVES = Champ(
    "thematiques", "Démarches administratives", genre="cases", choix=options(DEMARCHES_ADMINISTRATIVES)
)
PRECISIONS_DEMARCHE = Champ(
    "precisions_demarche",
    "Précisions sur la démarche",
    genre="zone",
    aide="Par exemple : demande de RSA (500 caractères au plus)",
)
MATERIEL = Champ("materiel", "Matériel utilisé", genre="cases", choix=options(MATERIELS), en_ligne=True)
COMMUNS = (
    DATE,
    DUREE,
    HEURES,
    MINUTES,
    TYPE_LIEU,
    STRUCTURE,
    LIEU_COMMUNE,
    LIEU_CODE_POSTAL,
    LIEU_CODE_INSEE,
    THEMATIQUES,  # both groups: one name
    PRECISIONS_DEMARCHE,
    MATERIEL,
    TAGS,
    NOTES,
)

# Individual: the bénéficiaire (under ``beneficiaire.``) and the outcome.
BENEFICIAIRE_ID = Champ("id", "Bénéficiaire de l'accompagnement", genre="radios")
DEJA_ACCOMPAGNE = Champ("deja_accompagne", "Déjà accompagné·e par vous auparavant", genre="case")
COMMUNE = Champ("commune", "Commune de résidence", autocomplete="off")
COMMUNE_CODE_POSTAL = Champ("commune_code_postal", "Code postal", aide=CODE_POSTAL, autocomplete="off")
COMMUNE_CODE_INSEE = Champ("commune_code_insee", "Code INSEE de la commune", aide=CODE_INSEE)
GENRE = Champ("genre", "Genre", genre="radios", choix=options(GENRES), en_ligne=True)
TRANCHE_AGE = Champ("tranche_age", "Tranche d'âge", genre="radios", choix=options(TRANCHES_AGE), en_ligne=True)
STATUT_SOCIAL = Champ("statut_social", "Statut", genre="radios", choix=options(STATUTS_SOCIAUX), en_ligne=True)
BENEFICIAIRE = (
    BENEFICIAIRE_ID,
    DEJA_ACCOMPAGNE,
    COMMUNE,
    COMMUNE_CODE_POSTAL,
    COMMUNE_CODE_INSEE,
    GENRE,
    TRANCHE_AGE,
    STATUT_SOCIAL,
)
AUTONOMIE = Champ(
    "autonomie",
    "Niveau d'autonomie du bénéficiaire",
    genre="radios",
    choix=_avec_etoiles(AUTONOMIES, ETOILES_AUTONOMIE),
)
ORIENTE = Champ(
    "oriente_vers_structure",
    "Le bénéficiaire est-il orienté vers une autre structure ?",
    genre="radios",
    choix=(Option("true", "Oui"), Option("false", "Non")),
    en_ligne=True,
)
STRUCTURE_DE_REDIRECTION = Champ(
    "structure_de_redirection", "Structure de redirection", genre="liste", choix=options(STRUCTURES_DE_REDIRECTION)
)
INDIVIDUEL = (AUTONOMIE, ORIENTE, STRUCTURE_DE_REDIRECTION)

# Collective: followed participants, anonymous ones as counters (under ``participants_anonymes.``), the workshop.
ANONYMES = "participants_anonymes."
PARTICIPANTS = Champ("participants", "Participants suivis", genre="cases")
TOTAL_ANONYMES = Champ("total", "Nombre de participants anonymes", type="number")
DEJA_ACCOMPAGNES = Champ("deja_accompagne", "Dont déjà accompagnés par vous", type="number")


@dataclass(frozen=True, slots=True)
class Repartition:
    """A breakdown of the anonymous participants: a counter per value told (``compteurs``); the
    rest of the total is « non communiqué »."""

    groupe: str
    titre: str
    compteurs: tuple[Champ, ...]

    @property
    def noms(self) -> list[str]:
        """The input names of its counters."""
        return [ANONYMES + compteur.nom for compteur in self.compteurs]

    def reste(self, valeurs: Mapping[str, Any]) -> int:
        """The « non communiqué » participants of a form holding ``valeurs`` (by input name)."""
        declares = sum(_entier(valeurs.get(nom)) for nom in self.noms)
        return max(0, _entier(valeurs.get(ANONYMES + TOTAL_ANONYMES.nom)) - declares)


def _entier(valeur: Any) -> int:
    try:
        return int(valeur)
    except (TypeError, ValueError):
        return 0


def _repartition(groupe: str, titre: str, libelles: Mapping[str, str]) -> Repartition:
    compteurs = tuple(
        Champ(f"{groupe}_{valeur}", libelles[valeur], type="number")
        for valeur in REPARTITIONS[groupe]
        if valeur != NON_COMMUNIQUE
    )
    return Repartition(groupe, titre, compteurs)


REPARTITIONS_ANONYMES = (
    _repartition("genre", "Genre", GENRES),
    _repartition("tranche_age", "Tranche d'âge", TRANCHES_AGE),
    _repartition("statut_social", "Statut", STATUTS_SOCIAUX),
)
PARTICIPANTS_ANONYMES = (
    TOTAL_ANONYMES,
    DEJA_ACCOMPAGNES,
    *(compteur for repartition in REPARTITIONS_ANONYMES for compteur in repartition.compteurs),
)
TITRE_ATELIER = Champ("titre_atelier", "Titre de l'atelier")
NIVEAU_ATELIER = Champ(
    "niveau_atelier", "Niveau de l'atelier", genre="radios", choix=_avec_etoiles(NIVEAUX_ATELIER, ETOILES_NIVEAU)
)
COLLECTIF = (PARTICIPANTS, TITRE_ATELIER, NIVEAU_ATELIER)


def lire_individuel(formulaire: FormMultiDict) -> dict[str, Any]:
    """The raw :class:`~hub.core.activites.inputs.CraIndividuel` of a posted form: a followed
    bénéficiaire by its id alone, or else the anonymous one described."""
    beneficiaire = lire(formulaire, BENEFICIAIRE, prefixe="beneficiaire.")
    if beneficiaire["id"]:
        beneficiaire = {"id": beneficiaire["id"]}
    return {"type": "individuel", **lire(formulaire, COMMUNS + INDIVIDUEL), "beneficiaire": beneficiaire}


def lire_collectif(formulaire: FormMultiDict) -> dict[str, Any]:
    """The raw :class:`~hub.core.activites.inputs.CraCollectif` of a posted form."""
    anonymes = lire(formulaire, PARTICIPANTS_ANONYMES, prefixe=ANONYMES)
    return {"type": "collectif", **lire(formulaire, COMMUNS + COLLECTIF), "participants_anonymes": anonymes}
