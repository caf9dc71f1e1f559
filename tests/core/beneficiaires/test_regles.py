"""The rules of a followed bénéficiaire (§1.3): each refused field with its message, each
accepted value as it is stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hub.core.activites.communes import COMMUNE_INCOMPLETE
from hub.core.activites.dates import aujourd_hui
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire
from hub.core.beneficiaires.tranche_age import tranche_age
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.validation import parse
from tests.core.activites.support import mediateur_en_poste

VALIDE = {"prenom": "Camille", "nom": "Martin"}
TELEPHONE = "Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33612345678)."
ANNEE = "Année de naissance invalide (entre 1900 et cette année)."


@pytest.mark.parametrize(
    ("changes", "champ", "message"),
    [
        ({"prenom": None}, "prenom", "Ce champ est obligatoire."),
        ({"prenom": "   "}, "prenom", "Ce champ est obligatoire."),
        ({"nom": ""}, "nom", "Ce champ est obligatoire."),
        ({"nom": "x" * 101}, "nom", "100 caractères au plus (reçu : 101)."),
        ({"email": "camille.martin"}, "email", "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."),
        ({"email": "camille@exemple"}, "email", "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."),
        ({"annee_naissance": 1899}, "annee_naissance", ANNEE),
        ({"annee_naissance": "mil neuf cent"}, "annee_naissance", ANNEE),
        ({"telephone": "12345"}, "telephone", TELEPHONE),
        ({"telephone": "06 12 34 56"}, "telephone", TELEPHONE),
        ({"telephone": "+1 555 010 0100"}, "telephone", TELEPHONE),
        ({"telephone": "+44 20 7946 0958"}, "telephone", TELEPHONE),
        ({"telephone": "+33 06 12 34 56 78"}, "telephone", TELEPHONE),
        ({"commune_code_postal": "510"}, "commune_code_postal", "Le code postal compte 5 chiffres (exemple : 51100)."),
        ({"genre": "homme"}, "genre", "Valeur non autorisée : « homme »."),
        ({"statut_social": "etudiant"}, "statut_social", "Valeur non autorisée : « etudiant »."),
        ({"tranche_age": "vieux"}, "tranche_age", "Valeur non autorisée : « vieux »."),
    ],
)
def test_a_beneficiaire_is_refused_field_by_field(changes: dict[str, Any], champ: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse(BeneficiaireInput, VALIDE | changes)
    assert refused.value.errors == {champ: message}


@pytest.mark.parametrize(
    ("saisi", "stocke"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("(+33) 6 12 34 56 78", "+33612345678"),
        ("0033 6 12 34 56 78", "+33612345678"),
        ("03-26-00-00-00", "+33326000000"),
        ("0262 12 34 56", "+262262123456"),
        ("0692 12 34 56", "+262692123456"),
        ("0639 12 34 56", "+262639123456"),
        ("0696 12 34 56", "+596696123456"),
        ("0590 12 34 56", "+590590123456"),
        ("0594 12 34 56", "+594594123456"),
        ("0596 12 34 56", "+596596123456"),
        ("+262 692 12 34 56", "+262692123456"),
        ("+352 621 123 456", "+352621123456"),
    ],
)
def test_phones_are_stored_in_compact_international_form(saisi: str, stocke: str) -> None:
    assert parse(BeneficiaireInput, VALIDE | {"telephone": saisi}).telephone == stocke


def test_accepted_values_are_trimmed_and_normalised() -> None:
    data = parse(
        BeneficiaireInput,
        VALIDE | {"prenom": "  Camille ", "email": " Camille.Martin@Exemple.FR ", "annee_naissance": "1900"},
    )
    assert (data.prenom, data.email, data.annee_naissance) == ("Camille", "camille.martin@exemple.fr", 1900)
    assert parse(BeneficiaireInput, VALIDE | {"email": ""}).email is None


async def test_the_service_refuses_a_future_birth_year_and_a_partial_commune(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    annee = aujourd_hui().year
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await creer_beneficiaire(
                session,
                qui.id,
                BeneficiaireInput(prenom="Alix", nom="Durand", annee_naissance=annee + 1, commune="Reims"),
                par=None,
            )
        cree = await creer_beneficiaire(
            session,
            qui.id,
            BeneficiaireInput(
                prenom="Alix",
                nom="Durand",
                annee_naissance=annee,
                tranche_age="soixante_dix_plus",
                telephone="0612345678",
                pas_de_telephone=True,
            ),
            par=None,
        )
    assert refused.value.errors == {
        "annee_naissance": f"Année de naissance invalide (entre 1900 et {annee}).",
        "commune_code_postal": COMMUNE_INCOMPLETE,
        "commune_code_insee": COMMUNE_INCOMPLETE,
    }
    assert (cree.tranche_age, cree.genre, cree.statut_social) == ("moins_de_douze", "non_communique", "non_communique")
    assert (cree.telephone, cree.pas_de_telephone) == ("+33612345678", False)


@pytest.mark.parametrize(
    ("age", "tranche"),
    [
        (0, "moins_de_douze"),
        (11, "moins_de_douze"),
        (12, "douze_dix_huit"),
        (17, "douze_dix_huit"),
        (18, "dix_huit_vingt_quatre"),
        (24, "dix_huit_vingt_quatre"),
        (25, "vingt_cinq_trente_neuf"),
        (39, "vingt_cinq_trente_neuf"),
        (40, "quarante_cinquante_neuf"),
        (59, "quarante_cinquante_neuf"),
        (60, "soixante_soixante_neuf"),
        (69, "soixante_soixante_neuf"),
        (70, "soixante_dix_plus"),
        (104, "soixante_dix_plus"),
    ],
)
def test_the_age_band_is_derived_from_the_birth_year(age: int, tranche: str) -> None:
    assert tranche_age(2025 - age, date(2025, 6, 1)) == tranche
