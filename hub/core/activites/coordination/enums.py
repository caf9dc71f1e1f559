"""The values of a coordinator's CRA, as La Coop stores them, with their French labels."""

from __future__ import annotations

from typing import Literal, get_args

TypeActiviteCoordination = Literal["animation", "evenement", "partenariat"]
TYPES_ACTIVITE_COORDINATION: dict[str, str] = {
    "animation": "Animation",
    "evenement": "Évènement",
    "partenariat": "Partenariat",
}

TypeAnimation = Literal[
    "assemblee", "comite", "groupe_de_travail", "echange", "reunion_coordination", "webinaire", "autre"
]
TYPES_ANIMATION: dict[str, str] = {
    "assemblee": (
        "Assemblée / présentation officielle (Ex : conseil municipal, conseil communautaire, "
        "conseil départemental, CA d'association)"
    ),
    "comite": "Comité technique / de pilotage",
    "groupe_de_travail": "Groupe de travail",
    "echange": "Moment d'échange / aide / soutien",
    "reunion_coordination": (
        "Réunion de coordination (coordinateurs, médiateurs et conseillers numériques, préfectures, Hubs...)"
    ),
    "webinaire": "Webinaire",
    "autre": "Autre",
}

Initiative = Literal["initiative", "demande"]
INITIATIVES: dict[str, str] = {
    "initiative": "Intervention à mon initiative",
    "demande": "Réponse à un besoin/une problématique",
}

ThematiqueAnimation = Literal["partage", "reseau", "soutien", "professionnel", "rh", "autre"]
THEMATIQUES_ANIMATION: dict[str, str] = {
    "partage": "Échanges de bonnes pratiques / partage d'informations",
    "reseau": "Maillage territorial - faire réseau / créer du lien",
    "soutien": "Soutien technique et/ou organisationnel",
    "professionnel": "Projet / Parcours professionnel",
    "rh": "Soutien RH auprès des structures",
    "autre": "Autre thématique",
}

TypeEvenement = Literal["grand_public", "national", "inclusion_numerique", "nec_local", "autre"]
TYPES_EVENEMENT: dict[str, str] = {
    "grand_public": ("Évènement grand public (Ex : Forums, salons, journées départementales, ateliers collectifs...)"),
    "national": "Évènement national (Ex : NEC, ANCTour, etc...)",
    "inclusion_numerique": "Journée d'inclusion numérique (Ex : Séminaire, rencontre, intervention...)",
    "nec_local": "NEC local",
    "autre": "Autre",
}

Organisateur = Literal[
    "ma_structure",
    "commune",
    "epci",
    "departement",
    "region",
    "association",
    "entreprise",
    "hub",
    "etat",
    "groupement",
    "autre",
]
ORGANISATEURS: dict[str, str] = {
    "ma_structure": "Ma structure (moi - même)",
    "commune": "Une commune",
    "epci": "Un EPCI",
    "departement": "Le département",
    "region": "La région",
    "association": "Une association",
    "entreprise": "Une entreprise",
    "hub": "Un Hub",
    "etat": "État (Préfecture, ANCT, Opérateur...)",
    "groupement": "Un groupement (Syndicat mixte, consortium...)",
    "autre": "Autre",
}

# The type of a partner structure: the organisers without « ma structure ».
TypeStructurePartenaire = Literal[
    "commune", "epci", "departement", "region", "association", "entreprise", "hub", "etat", "groupement", "autre"
]
TYPES_STRUCTURE_PARTENAIRE: dict[str, str] = {
    valeur: libelle for valeur, libelle in ORGANISATEURS.items() if valeur != "ma_structure"
}

EchelonTerritorial = Literal["communal", "intercommunal", "departemental", "regional", "national"]
ECHELONS_TERRITORIAUX: dict[str, str] = {
    "communal": "Communal",
    "intercommunal": "Intercommunal",
    "departemental": "Départemental",
    "regional": "Régional",
    "national": "National",
}

NaturePartenariat = Literal["parcours_usager", "subvention", "coordination_departementale", "rdv_elu", "autre"]
NATURES_PARTENARIAT: dict[str, str] = {
    "parcours_usager": "Conception de parcours usager",
    "subvention": "Recherche de subvention",
    "coordination_departementale": "Journée de coordination départementale",
    "rdv_elu": "Rendez-vous avec un·e élu·e",
    "autre": "Autre",
}

AUTRE = "autre"

for _type, _labels in (
    (TypeActiviteCoordination, TYPES_ACTIVITE_COORDINATION),
    (TypeAnimation, TYPES_ANIMATION),
    (Initiative, INITIATIVES),
    (ThematiqueAnimation, THEMATIQUES_ANIMATION),
    (TypeEvenement, TYPES_EVENEMENT),
    (Organisateur, ORGANISATEURS),
    (TypeStructurePartenaire, TYPES_STRUCTURE_PARTENAIRE),
    (EchelonTerritorial, ECHELONS_TERRITORIAUX),
    (NaturePartenariat, NATURES_PARTENARIAT),
):
    assert list(get_args(_type)) == list(_labels), f"{_type} and its labels must list the same values"
