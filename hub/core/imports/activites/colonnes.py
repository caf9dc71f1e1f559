"""The columns of an activities file — one row per activity — and the CRA a row stands for.

The columns are the fields of the CRA forms (:mod:`hub.core.activites.inputs`); a value of a
list of choices is written as its label or as its value (« Atelier collectif » or
``collectif``). A row gives the CRA of its type: the columns of the other type are ignored, as
the forms ignore what does not apply. A lieu d'activité and tags are named (or given by
their id); followed bénéficiaires are given by their id. ``docs/imports.md`` documents them.
"""

from __future__ import annotations

from typing import Any

from hub.core.activites.anonymes import REPARTITIONS
from hub.core.activites.durees import MAX_DUREE
from hub.core.activites.enums import (
    AUTONOMIES,
    MATERIELS,
    NIVEAUX_ATELIER,
    STRUCTURES_DE_REDIRECTION,
    TYPES_ACTIVITE,
    TYPES_LIEU,
)
from hub.core.activites.thematiques import LABELS
from hub.core.beneficiaires.enums import GENRES, NON_COMMUNIQUE, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.imports.colonnes import Colonne, parmi
from hub.core.imports.valeurs import code, entier, jour, liste, oui_non
from hub.core.structures.normalisation import normaliser

SUIVIS = "suivis"
ANONYMES = "participants_anonymes."
BENEFICIAIRE = "beneficiaire."
# Each breakdown of the anonymous participants: the word its headers use, and its values.
_GROUPES = {
    "genre": ("genre", GENRES),
    "tranche_age": ("âge", TRANCHES_AGE),
    "statut_social": ("statut", STATUTS_SOCIAUX),
}

COMMUNES = (
    Colonne("type", "Type", "Le type d'activité.", **parmi(TYPES_ACTIVITE), obligatoire=True,
            exemple="Accompagnement individuel"),
    Colonne("date", "Date", "Le jour de l'activité : JJ/MM/AAAA ou AAAA-MM-JJ.", lire=jour, obligatoire=True,
            exemple="12/03/2025"),
    Colonne("duree", "Durée (min)", f"La durée en minutes (de 1 à {MAX_DUREE}).", lire=entier, obligatoire=True,
            exemple="45"),
    Colonne("type_lieu", "Canal", "Où l'activité a eu lieu.", **parmi(TYPES_LIEU), obligatoire=True,
            exemple="À domicile"),
    Colonne("structure_id", "Lieu d'activité", "Pour le canal « Lieu d'activité » : le nom de l'un de vos lieux."),
    Colonne("lieu_commune", "Commune", "À domicile ou dans un autre lieu : la commune.", exemple="Reims"),
    Colonne("lieu_code_postal", "Code postal", "Son code postal (5 chiffres).", lire=code(5), exemple="51100"),
    Colonne("lieu_code_insee", "Code INSEE", "Son code INSEE (5 caractères).", lire=code(5), exemple="51454"),
    Colonne("materiel", "Matériel", "Le matériel utilisé, séparé par des virgules.",
            **parmi(MATERIELS, plusieurs=True), exemple="Ordinateur"),
    Colonne("thematiques", "Thématiques", "Une ou plusieurs, séparées par des virgules.",
            **parmi(LABELS, plusieurs=True), obligatoire=True, exemple="E-mail, Santé"),
    Colonne("precisions_demarche", "Précisions sur la démarche",
            "Avec la thématique « Aide aux démarches administratives » seulement."),
    Colonne("tags", "Tags", "Les noms de vos tags, séparés par des virgules.", lire=liste()),
    Colonne("notes", "Notes", "Texte libre."),
    Colonne(SUIVIS, "Bénéficiaires suivis", "Identifiants de vos bénéficiaires suivis (un seul pour un "
            "accompagnement individuel) ; sans eux, un bénéficiaire anonyme est enregistré.", lire=liste()),
)
INDIVIDUELLES = (
    Colonne("autonomie", "Niveau d'autonomie", "Accompagnement individuel : l'autonomie de la personne.",
            **parmi(AUTONOMIES), exemple="Autonome"),
    Colonne("oriente_vers_structure", "Orienté vers une structure", "Oui ou Non.", lire=oui_non, exemple="Non"),
    Colonne("structure_de_redirection", "Structure de redirection", "Quand la personne a été orientée.",
            **parmi(STRUCTURES_DE_REDIRECTION)),
    Colonne(f"{BENEFICIAIRE}deja_accompagne", "Déjà accompagné",
            "Bénéficiaire anonyme : Oui s'il avait déjà été accompagné.", lire=oui_non, exemple="Non"),
    Colonne(f"{BENEFICIAIRE}commune", "Commune du bénéficiaire", "Bénéficiaire anonyme : sa commune de résidence.",
            exemple="Reims"),
    Colonne(f"{BENEFICIAIRE}commune_code_postal", "Code postal du bénéficiaire", "Son code postal.", lire=code(5),
            exemple="51100"),
    Colonne(f"{BENEFICIAIRE}commune_code_insee", "Code INSEE du bénéficiaire", "Son code INSEE.", lire=code(5),
            exemple="51454"),
    Colonne(f"{BENEFICIAIRE}genre", "Genre", "Bénéficiaire anonyme.", **parmi(GENRES), exemple="Féminin"),
    Colonne(f"{BENEFICIAIRE}tranche_age", "Tranche d'âge", "Bénéficiaire anonyme.", **parmi(TRANCHES_AGE),
            exemple="60 - 69 ans"),
    Colonne(f"{BENEFICIAIRE}statut_social", "Statut social", "Bénéficiaire anonyme.", **parmi(STATUTS_SOCIAUX),
            exemple="Retraité"),
)
COLLECTIVES = (
    Colonne("titre_atelier", "Titre de l'atelier", "Texte libre."),
    Colonne("niveau_atelier", "Niveau de l'atelier", "Atelier collectif : son niveau.", **parmi(NIVEAUX_ATELIER)),
    Colonne(f"{ANONYMES}total", "Participants anonymes", "Le nombre de participants anonymes.", lire=entier),
    Colonne(f"{ANONYMES}deja_accompagne", "Anonymes déjà accompagnés", "Combien d'entre eux l'avaient déjà été.",
            lire=entier),
    *(
        Colonne(f"{ANONYMES}{groupe}_{valeur}", f"Anonymes – {nom} : {libelle}",
                "Un nombre de participants anonymes (le reste est « non communiqué »).", lire=entier)
        for groupe, (nom, libelles) in _GROUPES.items()
        for valeur, libelle in libelles.items()
        if valeur != NON_COMMUNIQUE
    ),
)
COLONNES = (*COMMUNES, *INDIVIDUELLES, *COLLECTIVES)
assert set(_GROUPES) == set(REPARTITIONS), "every breakdown of the anonymous participants has its columns"
assert len({normaliser(colonne.libelle) for colonne in COLONNES}) == len(COLONNES), "headers are told apart"

_PAR_CLE = {colonne.cle: colonne for colonne in COLONNES}
# CRA fields whose faults belong to another column than the one of their name.
_CHAMPS = {"beneficiaire.id": SUIVIS, "participants": SUIVIS}


def donnees_cra(valeurs: dict[str, Any]) -> dict[str, Any]:
    """The raw CRA (as :func:`~hub.core.activites.inputs.lire_cra` takes it) of a row's cells
    by column key: the common columns and those of its type (``beneficiaire.genre`` →
    ``{"beneficiaire": {"genre": …}}``), the followed bénéficiaires as ``participants`` or as
    ``beneficiaire.id`` (the first one: an individual CRA has one)."""
    collectif = valeurs.get("type") == "collectif"
    cles = {colonne.cle for colonne in (*COMMUNES, *(COLLECTIVES if collectif else INDIVIDUELLES))} - {SUIVIS}
    donnees: dict[str, Any] = {}
    for cle, valeur in valeurs.items():
        if cle in cles:
            parent, _, nom = cle.rpartition(".")
            (donnees.setdefault(parent, {}) if parent else donnees)[nom] = valeur
    suivis = valeurs.get(SUIVIS, [])
    if collectif:
        donnees["participants"] = suivis
    elif suivis:
        donnees.setdefault("beneficiaire", {})["id"] = suivis[0]
    return donnees


def colonne_du_champ(champ: str) -> str:
    """The label of the column a fault of the CRA field ``champ`` belongs to (``tags.1`` →
    « Tags », ``beneficiaire.genre`` → « Genre »)."""
    parties = champ.split(".")
    while parties:
        nom = ".".join(parties)
        cle = _CHAMPS.get(nom, nom)
        if cle in _PAR_CLE:
            return _PAR_CLE[cle].libelle
        parties.pop()
    return champ
