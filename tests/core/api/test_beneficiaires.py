"""Followed bénéficiaires through the API: created by a mediator or a partner's client, listed
page by page (every row exactly once), a mediator's own only."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from hub.core.activites.communes import COMMUNE_INCOMPLETE
from hub.core.api.appelant import AUTRE_MEDIATEUR, MEDIATEUR_REQUIS
from hub.core.api.pagination import CURSEUR_INVALIDE, DEUX_CURSEURS
from hub.core.audit.models import Mutation
from hub.core.beneficiaires.service import supprimer_beneficiaire
from tests.core.activites.support import COLLECTIF, EnPoste, beneficiaire, mediateur_en_poste
from tests.core.api.support import Api, client_api, lignes, session_de

ALIX: dict[str, Any] = {
    "prenom": "Alix",
    "nom": "Martin",
    "annee_naissance": 1950,
    "genre": "feminin",
    "statut_social": "retraite",
    "commune": "Reims",
    "commune_code_postal": "51100",
    "commune_code_insee": "51454",
    "telephone": "06 12 34 56 78",
    "email": "Alix.Martin@Exemple.fr",
    "notes": "Préfère les rendez-vous le matin",
}


async def test_a_mediator_creates_a_bénéficiaire_and_links_a_cra_to_it(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    csrf = await session_de(api, qui.user_id)

    cree = await api.client.post("/api/v1/beneficiaires", json=ALIX, headers=csrf)

    assert cree.status_code == 201
    donnees = cree.json()["data"]
    assert donnees["type"] == "beneficiaire"
    attributs = donnees["attributes"]
    assert attributs | {"telephone": ALIX["telephone"], "email": ALIX["email"]} == attributs | ALIX
    assert (attributs["telephone"], attributs["email"]) == ("+33612345678", "alix.martin@exemple.fr")
    assert (attributs["mediateur_id"], attributs["tranche_age"]) == (qui.id, "soixante_dix_plus")
    liste = await api.client.get("/api/v1/beneficiaires")
    assert liste.json()["data"] == [donnees]

    atelier = await api.client.post(
        "/api/v1/activites", json=COLLECTIF | {"participants": [donnees["id"]]}, headers=csrf
    )

    assert atelier.status_code == 201 and atelier.json()["data"]["attributes"]["participants"] == [donnees["id"]]


async def test_a_partner_creates_a_bénéficiaire_for_a_named_mediator(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    client_id, auth = await client_api(api.hub)

    cree = await api.client.post("/api/v1/beneficiaires", json=ALIX | {"mediateur_id": qui.id}, headers=auth)

    assert cree.status_code == 201 and cree.json()["data"]["attributes"]["mediateur_id"] == qui.id
    async with api.hub.session() as db:
        user_id, donnees = (
            await db.execute(sa.select(Mutation.user_id, Mutation.donnees).where(Mutation.nom == "creer_beneficiaire"))
        ).one()
    assert user_id is None
    assert donnees == {
        "beneficiaire_id": cree.json()["data"]["id"],
        "mediateur_id": qui.id,
        "client_api": {"id": client_id, "nom": "Outil partenaire"},
    }


@pytest.mark.parametrize(
    ("changes", "erreurs"),
    [
        ({"nom": None}, {"nom": "Ce champ est obligatoire."}),
        ({"prenom": 12}, {"prenom": "Un texte est attendu."}),
        (
            {"telephone": "12 34"},
            {"telephone": "Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33612345678)."},
        ),
        (
            {"annee_naissance": "soixante"},
            {"annee_naissance": "Année de naissance invalide (entre 1900 et cette année)."},
        ),
        ({"commune_code_insee": None}, {"commune_code_insee": COMMUNE_INCOMPLETE}),
        (
            {"mediateur_id": None, "email": "alix"},
            {"mediateur_id": MEDIATEUR_REQUIS, "email": "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."},
        ),
    ],
)
async def test_a_faulty_bénéficiaire_is_refused_field_by_field_and_nothing_is_written(
    api: Api, changes: dict[str, Any], erreurs: dict[str, str]
) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    _, auth = await client_api(api.hub)
    envoye = {
        champ: valeur for champ, valeur in (ALIX | {"mediateur_id": qui.id} | changes).items() if valeur is not None
    }
    avant = await lignes(api.hub)

    reponse = await api.client.post("/api/v1/beneficiaires", json=envoye, headers=auth)

    assert reponse.status_code == 400 and reponse.json()["extra"] == erreurs
    assert await lignes(api.hub) == avant


async def _suivis(api: Api, qui: EnPoste, nombre: int) -> list[str]:
    return [await beneficiaire(api.hub, qui, f"Personne {rang}", f"Nom {rang}") for rang in range(nombre)]


async def test_pages_give_every_followed_bénéficiaire_exactly_once_both_ways(api: Api) -> None:
    camille = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(api.hub, "dominique@exemple.fr")
    siens = await _suivis(api, camille, 7)
    await _suivis(api, dominique, 2)
    parti = await beneficiaire(api.hub, camille, "Parti")
    async with api.hub.session() as db, db.begin():
        await supprimer_beneficiaire(db, camille.id, parti, par=None)
    _, auth = await client_api(api.hub)
    await api.client.post(  # its anonymous participants are not followed bénéficiaires
        "/api/v1/activites", json=COLLECTIF | {"mediateur_id": camille.id}, headers=auth
    )
    params = {"filter[mediateur_id]": camille.id, "page[size]": "3"}

    pages = [await api.client.get("/api/v1/beneficiaires", params=params, headers=auth)]
    while "next" in pages[-1].json()["links"]:
        if len(pages) == 2:  # created while the partner walks: found at the end, once
            siens.append(await beneficiaire(api.hub, camille, "Tardif"))
        pages.append(await api.client.get(pages[-1].json()["links"]["next"], headers=auth))

    vus = [ligne["id"] for page in pages for ligne in page.json()["data"]]
    assert vus == siens
    assert [len(page.json()["data"]) for page in pages] == [3, 3, 2]
    premiere, derniere = pages[0].json(), pages[-1].json()
    assert premiere["meta"] == {
        "total_count": 7,
        "items_per_page": 3,
        "total_pages": 3,
        "has_next_page": True,
        "has_prev_page": False,
    }
    assert "prev" not in premiere["links"]
    assert derniere["meta"]["total_count"] == 8
    assert (derniere["meta"]["has_next_page"], derniere["meta"]["has_prev_page"]) == (False, True)

    arriere = [derniere]
    while "prev" in arriere[-1]["links"]:
        arriere.append((await api.client.get(arriere[-1]["links"]["prev"], headers=auth)).json())

    assert [ligne["id"] for page in reversed(arriere) for ligne in page["data"]] == siens
    assert all(page["links"]["self"].startswith("http") for page in arriere)


async def test_a_mediator_lists_their_own_bénéficiaires_only(api: Api) -> None:
    camille = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(api.hub, "dominique@exemple.fr")
    siens = await _suivis(api, camille, 2)
    await _suivis(api, dominique, 2)
    await session_de(api, camille.user_id)

    liste = await api.client.get("/api/v1/beneficiaires")
    de_dominique = await api.client.get("/api/v1/beneficiaires", params={"filter[mediateur_id]": dominique.id})

    assert [ligne["id"] for ligne in liste.json()["data"]] == siens
    assert liste.json()["meta"]["items_per_page"] == 50
    assert de_dominique.status_code == 400
    assert de_dominique.json()["extra"] == {"filter[mediateur_id]": AUTRE_MEDIATEUR}


@pytest.mark.parametrize(
    ("params", "erreurs"),
    [
        ({}, {"filter[mediateur_id]": MEDIATEUR_REQUIS}),
        ({"page[size]": "0"}, {"page[size]": "Un nombre entier de 1 à 100 est attendu."}),
        ({"page[size]": "101"}, {"page[size]": "Un nombre entier de 1 à 100 est attendu."}),
        ({"page[size]": "dix"}, {"page[size]": "Un nombre entier de 1 à 100 est attendu."}),
        ({"page[after]": "pas-un-curseur"}, {"page[after]": CURSEUR_INVALIDE}),
        ({"page[before]": "eyJhIjoxfQ"}, {"page[before]": CURSEUR_INVALIDE}),
        ({"page[after]": "x", "page[before]": "y"}, {"page[before]": DEUX_CURSEURS}),
    ],
)
async def test_faulty_list_parameters_are_400_on_their_field(
    api: Api, params: dict[str, str], erreurs: dict[str, str]
) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    _, auth = await client_api(api.hub)
    filtre = {} if not params else {"filter[mediateur_id]": qui.id}

    reponse = await api.client.get("/api/v1/beneficiaires", params=filtre | params, headers=auth)

    assert reponse.status_code == 400 and reponse.json()["extra"] == erreurs
