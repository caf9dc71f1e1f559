"""Every rule of La Coop's CRA forms (§2.1–2.3): each refused case with its field and French
message, each accepted case without error. The rules that need the database (lieu, tags,
bénéficiaires, employer, RDV) are in ``test_regles_base.py``."""

from __future__ import annotations

from typing import Any

import pytest

from hub.core.activites.communes import COMMUNE_INCOMPLETE
from hub.core.activites.regles import verifier_regles
from hub.core.errors import ValidationError
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, cra

LIEU = {"type_lieu": "lieu_activite", "structure_id": "lieu-1", "lieu_commune": None}
CP = "Le code postal compte 5 chiffres (exemple : 51100)."
INSEE = "Le code INSEE de la commune compte 5 caractères (exemple : 51454, ou 2A004 en Corse)."
COMPTEUR = "Veuillez renseigner un nombre entier entre 0 et 10 000"
DEPASSEMENT = "La somme des données socio-démographiques dépasse le total des bénéficiaires anonymes"
ADMIN = (
    "Les thématiques administratives ne sont autorisées que si la thématique "
    "« Aide aux démarches administratives » est sélectionnée"
)
PRECISIONS = (
    "La précision de la démarche ne peut être renseignée que si la thématique "
    "« Aide aux démarches administratives » est sélectionnée"
)

REFUSES: list[tuple[str, dict[str, Any], dict[str, Any], dict[str, str]]] = [
    # date
    ("date absente", INDIVIDUEL, {"date": None}, {"date": "Veuillez renseigner une date"}),
    ("date impossible", INDIVIDUEL, {"date": "2025-02-30"}, {"date": "Veuillez renseigner une date valide"}),
    (
        "date avant le dispositif",
        INDIVIDUEL,
        {"date": "2020-11-16"},
        {"date": "La date ne peut pas être antérieure au 17/11/2020, début du dispositif Conseiller numérique"},
    ),
    # durée
    ("durée absente", INDIVIDUEL, {"duree": None}, {"duree": "Veuillez renseigner une durée"}),
    (
        "durée illisible",
        INDIVIDUEL,
        {"duree": "trois quarts d'heure"},
        {"duree": "Veuillez choisir une durée proposée ou « personnaliser »"},
    ),
    ("durée nulle", INDIVIDUEL, {"duree": "0"}, {"duree": "Veuillez choisir une durée proposée ou « personnaliser »"}),
    (
        "durée de plus d'une journée",
        INDIVIDUEL,
        {"duree": 1440},
        {"duree": "Veuillez choisir une durée proposée ou « personnaliser »"},
    ),
    (
        "durée personnalisée vide",
        INDIVIDUEL,
        {"duree": "personnaliser"},
        {"duree": "Veuillez renseigner une durée personnalisée"},
    ),
    (
        "durée personnalisée de zéro",
        INDIVIDUEL,
        {"duree": "personnaliser", "duree_personnalisee_heures": 0, "duree_personnalisee_minutes": 0},
        {"duree": "Veuillez renseigner une durée personnalisée"},
    ),
    (
        "24 heures",
        INDIVIDUEL,
        {"duree": "personnaliser", "duree_personnalisee_heures": 24},
        {"duree_personnalisee_heures": "De 0 à 23 heures"},
    ),
    (
        "60 minutes",
        INDIVIDUEL,
        {"duree": "personnaliser", "duree_personnalisee_minutes": 60},
        {"duree_personnalisee_minutes": "De 0 à 59 minutes"},
    ),
    (
        "minutes négatives",
        INDIVIDUEL,
        {"duree": "personnaliser", "duree_personnalisee_minutes": -5},
        {"duree_personnalisee_minutes": "De 0 à 59 minutes"},
    ),
    # lieu
    (
        "type de lieu absent",
        INDIVIDUEL,
        {"type_lieu": None},
        {"type_lieu": "Veuillez renseigner un lieu d'accompagnement"},
    ),
    ("type de lieu inconnu", INDIVIDUEL, {"type_lieu": "bureau"}, {"type_lieu": "Valeur non autorisée : « bureau »."}),
    (
        "lieu d'activité sans structure",
        INDIVIDUEL,
        LIEU | {"structure_id": None},
        {"structure_id": "Veuillez renseigner le lieu d'activité"},
    ),
    (
        "à domicile sans commune",
        INDIVIDUEL,
        {"lieu_commune": None, "lieu_code_postal": None, "lieu_code_insee": None},
        dict.fromkeys(("lieu_commune", "lieu_code_postal", "lieu_code_insee"), "Veuillez renseigner la commune"),
    ),
    (
        "autre lieu sans commune",
        COLLECTIF,
        {"type_lieu": "autre", "lieu_commune": None, "lieu_code_postal": None, "lieu_code_insee": None},
        dict.fromkeys(("lieu_commune", "lieu_code_postal", "lieu_code_insee"), "Veuillez renseigner la commune"),
    ),
    (
        "commune sans codes",
        INDIVIDUEL,
        {"type_lieu": "autre", "lieu_code_postal": None, "lieu_code_insee": None},
        {"lieu_code_postal": COMMUNE_INCOMPLETE, "lieu_code_insee": COMMUNE_INCOMPLETE},
    ),
    ("code postal à 4 chiffres", INDIVIDUEL, {"lieu_code_postal": "5110"}, {"lieu_code_postal": CP}),
    ("code INSEE de Corse en chiffres", INDIVIDUEL, {"lieu_code_insee": "20004"}, {"lieu_code_insee": INSEE}),
    # thématiques
    (
        "aucune thématique",
        INDIVIDUEL,
        {"thematiques": []},
        {"thematiques": "Veuillez renseigner au moins une thématique"},
    ),
    (
        "thématique inconnue",
        INDIVIDUEL,
        {"thematiques": ["email", "astrologie"]},
        {"thematiques": "Valeur non autorisée : « astrologie »."},
    ),
    ("démarche sans l'aide aux démarches", INDIVIDUEL, {"thematiques": ["email", "logement"]}, {"thematiques": ADMIN}),
    ("démarche seule", COLLECTIF, {"thematiques": ["justice"]}, {"thematiques": ADMIN}),
    (
        "précisions sans l'aide aux démarches",
        INDIVIDUEL,
        {"precisions_demarche": "Dossier CAF"},
        {"precisions_demarche": PRECISIONS},
    ),
    ("matériel inconnu", INDIVIDUEL, {"materiel": ["stylo"]}, {"materiel": "Valeur non autorisée : « stylo »."}),
    # individuel
    (
        "commune du bénéficiaire anonyme incomplète",
        INDIVIDUEL,
        {"beneficiaire": {"commune": "Reims", "commune_code_postal": "51100"}},
        {"beneficiaire.commune_code_insee": COMMUNE_INCOMPLETE},
    ),
    (
        "genre inconnu",
        INDIVIDUEL,
        {"beneficiaire": {"genre": "autre"}},
        {"beneficiaire.genre": "Valeur non autorisée : « autre »."},
    ),
    (
        "tranche d'âge inconnue",
        INDIVIDUEL,
        {"beneficiaire": {"tranche_age": "18-25"}},
        {"beneficiaire.tranche_age": "Valeur non autorisée : « 18-25 »."},
    ),
    ("autonomie inconnue", INDIVIDUEL, {"autonomie": "totale"}, {"autonomie": "Valeur non autorisée : « totale »."}),
    (
        "structure de redirection inconnue",
        INDIVIDUEL,
        {"oriente_vers_structure": True, "structure_de_redirection": "mairie"},
        {"structure_de_redirection": "Valeur non autorisée : « mairie »."},
    ),
    (
        "champ d'atelier dans un accompagnement individuel",
        INDIVIDUEL,
        {"titre_atelier": "Découvrir l'e-mail"},
        {"titre_atelier": "Champ inconnu."},
    ),
    # collectif
    (
        "atelier sans participant",
        COLLECTIF,
        {"participants_anonymes": {"total": 0}},
        {"participants": "Veuillez renseigner au moins un participant"},
    ),
    (
        "plus de 10 000 anonymes",
        COLLECTIF,
        {"participants_anonymes": {"total": 10_001}},
        {"participants_anonymes.total": COMPTEUR},
    ),
    (
        "compteur négatif",
        COLLECTIF,
        {"participants_anonymes": {"total": 2, "genre_feminin": -1}},
        {"participants_anonymes.genre_feminin": COMPTEUR},
    ),
    (
        "déjà accompagnés au-delà du total",
        COLLECTIF,
        {"participants_anonymes": {"total": 2, "deja_accompagne": 3}},
        {"participants_anonymes.total": DEPASSEMENT},
    ),
    (
        "genres au-delà du total",
        COLLECTIF,
        {"participants_anonymes": {"total": 2, "genre_feminin": 2, "genre_non_communique": 1}},
        {"participants_anonymes.total": DEPASSEMENT},
    ),
    (
        "tranches d'âge au-delà du total",
        COLLECTIF,
        {"participants_anonymes": {"total": 2, "tranche_age_douze_dix_huit": 2, "tranche_age_soixante_dix_plus": 1}},
        {"participants_anonymes.total": DEPASSEMENT},
    ),
    (
        "statuts au-delà du total",
        COLLECTIF,
        {"participants_anonymes": {"total": 1, "statut_social_retraite": 1, "statut_social_en_emploi": 1}},
        {"participants_anonymes.total": DEPASSEMENT},
    ),
    (
        "niveau inconnu",
        COLLECTIF,
        {"niveau_atelier": "expert"},
        {"niveau_atelier": "Valeur non autorisée : « expert »."},
    ),
    (
        "champ individuel dans un atelier",
        COLLECTIF,
        {"autonomie": "autonome"},
        {"autonomie": "Champ inconnu."},
    ),
    # type
    (
        "type absent",
        INDIVIDUEL,
        {"type": None},
        {"type": "Veuillez renseigner le type d'activité (individuel ou collectif)"},
    ),
    (
        "type inconnu",
        INDIVIDUEL,
        {"type": "demarche"},
        {"type": "Veuillez renseigner le type d'activité (individuel ou collectif)"},
    ),
]

ACCEPTES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    *((f"durée proposée {minutes}", INDIVIDUEL, {"duree": str(minutes)}) for minutes in (15, 30, 45, 60, 90, 120)),
    ("durée fréquente du médiateur", INDIVIDUEL, {"duree": 75}),
    ("durée personnalisée en heures", INDIVIDUEL, {"duree": "personnaliser", "duree_personnalisee_heures": 23}),
    (
        "durée personnalisée en minutes",
        INDIVIDUEL,
        {"duree": "personnaliser", "duree_personnalisee_heures": 0, "duree_personnalisee_minutes": 59},
    ),
    ("premier jour du dispositif", INDIVIDUEL, {"date": "2020-11-17"}),
    ("lieu d'activité", INDIVIDUEL, LIEU),
    ("à distance sans commune", INDIVIDUEL, {"type_lieu": "a_distance", "lieu_commune": None}),
    (
        "commune de Corse",
        INDIVIDUEL,
        {"lieu_commune": "Ajaccio", "lieu_code_postal": "20000", "lieu_code_insee": "2A004"},
    ),
    (
        "démarches avec l'aide aux démarches et précisions",
        INDIVIDUEL,
        {"thematiques": ["aide_aux_demarches_administratives", "logement"], "precisions_demarche": "Dossier CAF"},
    ),
    ("toutes les thématiques de médiation", COLLECTIF, {"thematiques": ["sante", "email", "bureautique"]}),
    ("matériel", INDIVIDUEL, {"materiel": ["ordinateur", "telephone", "aucun"]}),
    ("sans bénéficiaire", INDIVIDUEL, {"beneficiaire": None}),
    ("bénéficiaire suivi", INDIVIDUEL, {"beneficiaire": {"id": "b-1"}}),
    (
        "bénéficiaire anonyme décrit",
        INDIVIDUEL,
        {
            "beneficiaire": {
                "deja_accompagne": True,
                "commune": "Reims",
                "commune_code_postal": "51100",
                "commune_code_insee": "51454",
                "genre": "feminin",
                "tranche_age": "soixante_dix_plus",
                "statut_social": "retraite",
            },
            "autonomie": "partiellement_autonome",
            "oriente_vers_structure": True,
            "structure_de_redirection": "operateur_ou_organisme_en_charge",
        },
    ),
    ("atelier de suivis seulement", COLLECTIF, {"participants": ["b-1", "b-2"], "participants_anonymes": None}),
    (
        "répartitions égales au total",
        COLLECTIF,
        {
            "participants_anonymes": {
                "total": 3,
                "deja_accompagne": 3,
                "genre_masculin": 1,
                "genre_feminin": 1,
                "genre_non_communique": 1,
                "tranche_age_moins_de_douze": 3,
                "statut_social_scolarise": 3,
            },
            "titre_atelier": "Découvrir l'e-mail",
            "niveau_atelier": "debutant",
        },
    ),
    ("10 000 anonymes", COLLECTIF, {"participants_anonymes": {"total": 10_000}}),
]


@pytest.mark.parametrize(("base", "changes", "errors"), [case[1:] for case in REFUSES], ids=[c[0] for c in REFUSES])
def test_a_cra_is_refused_field_by_field(base: dict[str, Any], changes: dict[str, Any], errors: dict[str, str]) -> None:
    try:
        found = verifier_regles(cra(base, **changes))
    except ValidationError as refused:
        found = refused.errors
    assert found == errors


@pytest.mark.parametrize(("base", "changes"), [case[1:] for case in ACCEPTES], ids=[c[0] for c in ACCEPTES])
def test_a_cra_following_the_rules_is_accepted(base: dict[str, Any], changes: dict[str, Any]) -> None:
    assert verifier_regles(cra(base, **changes)) == {}


def test_all_faulty_fields_are_reported_at_once() -> None:
    assert verifier_regles(cra(COLLECTIF, date=None, duree=None, thematiques=[], participants_anonymes=None)) == {
        "date": "Veuillez renseigner une date",
        "duree": "Veuillez renseigner une durée",
        "thematiques": "Veuillez renseigner au moins une thématique",
        "participants": "Veuillez renseigner au moins un participant",
    }
