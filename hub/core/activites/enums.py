"""The values of a CRA (compte rendu d'activité), as La Coop's API writes them, with their French labels."""

from __future__ import annotations

from typing import Literal, get_args

TypeActivite = Literal["individuel", "collectif"]
TYPES_ACTIVITE: dict[str, str] = {"individuel": "Accompagnement individuel", "collectif": "Atelier collectif"}

# The « canal » of the activity.
TypeLieu = Literal["lieu_activite", "domicile", "a_distance", "autre"]
TYPES_LIEU: dict[str, str] = {
    "lieu_activite": "Lieu d'activité",
    "domicile": "À domicile",
    "a_distance": "À distance",
    "autre": "Autre lieu",
}

Materiel = Literal["ordinateur", "telephone", "tablette", "autre", "aucun"]
MATERIELS: dict[str, str] = {
    "ordinateur": "Ordinateur",
    "telephone": "Téléphone",
    "tablette": "Tablette",
    "autre": "Autre",
    "aucun": "Pas de matériel",
}

# Individual activities: how autonomous the person was (shown as 1 to 3 stars).
Autonomie = Literal["entierement_accompagne", "partiellement_autonome", "autonome"]
AUTONOMIES: dict[str, str] = {
    "entierement_accompagne": "Avec guidage",
    "partiellement_autonome": "Autonome avec guidage en cas de besoin",
    "autonome": "Autonome",
}
ETOILES_AUTONOMIE: dict[str, int] = {"entierement_accompagne": 1, "partiellement_autonome": 2, "autonome": 3}

# Individual activities: where the person was sent (« orienté vers une structure »).
StructureDeRedirection = Literal[
    "administration",
    "mediation_numerique",
    "operateur_ou_organisme_en_charge",
    "aide_sociale",
    "insertion_professionnelle",
    "aide_aux_demarches_administratives",
    "autre",
]
STRUCTURES_DE_REDIRECTION: dict[str, str] = {
    "administration": "Administration (mairie, préfecture…)",
    "mediation_numerique": "Autre structure de médiation numérique",
    "operateur_ou_organisme_en_charge": "Opérateur ou organisme en charge de la démarche administrative",
    "aide_sociale": "Structure d'aide sociale (maison des solidarités, centre social…)",
    "insertion_professionnelle": (
        "Structure d'insertion professionnelle (France Travail, mission locale, chambre de commerce…)"
    ),
    "aide_aux_demarches_administratives": "Structure d'aide aux démarches administratives (France Services…)",
    "autre": "Autre",
}

# Collective activities: the level of the workshop (1 to 3 stars).
NiveauAtelier = Literal["debutant", "intermediaire", "avance"]
NIVEAUX_ATELIER: dict[str, str] = {"debutant": "Débutant", "intermediaire": "Intermédiaire", "avance": "Avancé"}
ETOILES_NIVEAU: dict[str, int] = {"debutant": 1, "intermediaire": 2, "avance": 3}

# The statistics' « source » filter: a CRA imported from the Espace Coop (V1) or recorded since.
Source = Literal["v1", "v2"]
SOURCES: dict[str, str] = {"v1": "Espace Coop (V1)", "v2": "La Coop de la médiation numérique"}

for _type, _labels in (
    (TypeActivite, TYPES_ACTIVITE),
    (TypeLieu, TYPES_LIEU),
    (Materiel, MATERIELS),
    (Autonomie, AUTONOMIES),
    (StructureDeRedirection, STRUCTURES_DE_REDIRECTION),
    (NiveauAtelier, NIVEAUX_ATELIER),
    (Source, SOURCES),
):
    assert list(get_args(_type)) == list(_labels), f"{_type} and its labels must list the same values"
