"""Inputs are refused field by field, each with its French message; accepted ones are normalised."""

from __future__ import annotations

from typing import Any

import pytest

from hub.core.errors import ValidationError
from hub.core.identity.inscription import ChoixLieux
from hub.core.identity.users import NouvelUtilisateur
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.inputs import StructureInput
from hub.core.teams.invitations import InvitationsInput
from hub.core.validation import check, parse

VALIDE = {
    "nom": "Médiathèque Jean Falala",
    "adresse": "12 boulevard de la Paix",
    "commune": "Reims",
    "code_postal": "51100",
}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"nom": "  "}, "nom", "Ce champ est obligatoire."),
        ({"commune": None}, "commune", "Ce champ est obligatoire."),
        ({"nom": "x" * 301}, "nom", "300 caractères au plus (reçu : 301)."),
        ({"code_postal": "5110"}, "code_postal", "Le code postal compte 5 chiffres (exemple : 51100)."),
        ({"code_postal": "51 100"}, "code_postal", "Le code postal compte 5 chiffres (exemple : 51100)."),
        (
            {"code_insee": "20004"},
            "code_insee",
            "Le code INSEE de la commune compte 5 caractères (exemple : 51454, ou 2A004 en Corse).",
        ),
        ({"siret": "1234567890123"}, "siret", "Le SIRET compte 14 chiffres (exemple : 21510454600019)."),
        ({"rna": "W12345678"}, "rna", "Le numéro RNA est un W suivi de 9 chiffres (exemple : W511234567)."),
        (
            {"telephone": "+1 555 0100"},
            "telephone",
            "Numéro de téléphone invalide (exemple : 03 26 00 00 00 ou +33326000000).",
        ),
        ({"site_web": "mediatheque.fr"}, "site_web", "Adresse web invalide (elle commence par https:// ou http://)."),
        (
            {"courriels": ["contact@exemple.fr", "pas-une-adresse"]},
            "courriels",
            "« pas-une-adresse » : Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).",
        ),
        (
            {"presentation_resume": "é" * 281},
            "presentation_resume",
            "La présentation résumée tient en 280 caractères au plus.",
        ),
        ({"latitude": 91}, "latitude", "Latitude invalide (entre -90 et 90)."),
        ({"longitude": "est"}, "longitude", "Longitude invalide (entre -180 et 180)."),
        (
            {"services": ["Aide aux démarches administratives", "Cours de piano"]},
            "services",
            "Valeur non autorisée : « Cours de piano ».",
        ),
        ({"typologies": ["BIB", "BIBLIO", "MAIRIE"]}, "typologies", "Valeurs non autorisées : « BIBLIO », « MAIRIE »."),
        ({"frais_a_charge": "Gratuit"}, "frais_a_charge", "Une liste de valeurs est attendue."),
        ({"itinerance": ["itinérant"]}, "itinerance", "Valeur non autorisée : « itinérant »."),
        (
            {"modalites_acces": ["Ce lieu n’accueille pas de public"]},
            "modalites_acces",
            "Valeur non autorisée : « Ce lieu n’accueille pas de public ».",
        ),
        (
            {"visible_pour_cartographie_nationale": "peut-être"},
            "visible_pour_cartographie_nationale",
            "Oui ou non est attendu.",
        ),
        ({"couleur": "bleu"}, "couleur", "Champ inconnu."),
    ],
)
def test_a_structure_is_refused_field_by_field(changes: dict[str, Any], field: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(StructureInput, VALIDE | changes)
    assert refused.value.errors == {field: message}


def test_every_faulty_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as refused:
        parse(StructureInput, {"nom": "", "code_postal": "abc", "services": ["?"]})
    assert set(refused.value.errors) == {"nom", "adresse", "commune", "code_postal", "services"}


def test_accepted_values_are_cleaned_to_the_national_schema_forms() -> None:
    data = parse(
        StructureInput,
        VALIDE
        | {
            "code_insee": "2A004",
            "siret": "215 104 546 00019",
            "telephone": "03 26 00.00-00",
            "telephone_referent": "0033 326000000",
            "courriels": [" Contact@Exemple.FR ", ""],
            "complement_adresse": "   ",
        },
    )
    assert (data.code_insee, data.siret, data.telephone, data.telephone_referent) == (
        "2A004",
        "21510454600019",
        "+33326000000",
        "+33326000000",
    )
    assert data.courriels == ["contact@exemple.fr"] and data.complement_adresse is None


def test_a_struct_built_in_python_is_checked_again() -> None:
    with pytest.raises(ValidationError) as refused:
        check(StructureInput(**(VALIDE | {"code_postal": "1"})))
    assert list(refused.value.errors) == ["code_postal"]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"roles": ["mediateur"]}, {"email": "Ce champ est obligatoire."}),
        (
            {"email": "camille@", "roles": ["mediateur"]},
            {"email": "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."},
        ),
        (
            {"email": "camille@exemple.fr", "roles": []},
            {"roles": "Choisissez un ou plusieurs rôles parmi : mediateur, coordinateur, admin, support."},
        ),
        (
            {"email": "camille@exemple.fr", "roles": ["chef"]},
            {"roles": "Choisissez un ou plusieurs rôles parmi : mediateur, coordinateur, admin, support."},
        ),
        (
            {"email": "camille@exemple.fr", "roles": ["mediateur"], "prenom": "x" * 101},
            {"prenom": "100 caractères au plus (reçu : 101)."},
        ),
    ],
)
def test_a_new_user_is_refused_field_by_field(data: dict[str, Any], errors: dict[str, str]) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(NouvelUtilisateur, data)
    assert refused.value.errors == errors


def test_nested_inputs_name_their_fields_by_path() -> None:
    with pytest.raises(ValidationError) as refused:
        parse(ChoixStructure, {"structure": VALIDE | {"code_postal": "5"}})
    assert refused.value.errors == {"structure.code_postal": "Le code postal compte 5 chiffres (exemple : 51100)."}


def test_nul_characters_are_dropped_postgresql_stores_none() -> None:
    assert parse(StructureInput, VALIDE | {"nom": "Média\x00thèque"}).nom == "Médiathèque"


def test_a_list_of_nested_inputs_keeps_its_length_constraint() -> None:
    with pytest.raises(ValidationError) as refused:
        parse(ChoixLieux, {"lieux": []})
    assert refused.value.errors == {"lieux": "Ajoutez au moins un lieu d'activité."}


def test_invitations_need_one_to_fifty_valid_addresses() -> None:
    with pytest.raises(ValidationError) as refused:
        parse(InvitationsInput, {"emails": []})
    assert refused.value.errors == {"emails": "Indiquez de 1 à 50 adresses e-mail."}
    assert parse(InvitationsInput, {"emails": ["Dominique@Exemple.fr"]}).emails == ["dominique@exemple.fr"]
