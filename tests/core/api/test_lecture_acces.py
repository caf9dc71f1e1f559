"""Who reaches La Coop's read endpoints: API clients holding the endpoint's scope, nobody else
(no credentials: 401; another scope, or a session: 403); the health check and the API's
reference are open to all."""

from __future__ import annotations

import pytest

from hub.core.web.access import API_CLIENTS_ONLY
from tests.core.api.lecture import LECTURES, lecteur
from tests.core.api.support import Api, session_de
from tests.core.organisation.support import utilisateur

LECTURES_ET_DROITS = [
    ("/api/v1/activites", "activites"),
    ("/api/v1/archives-v1/cras", "activites"),
    ("/api/v1/structures", "structures"),
    ("/api/v1/lieux-activite", "lieux_activite"),
    ("/api/v1/utilisateurs", "utilisateurs"),
    ("/api/v1/statistiques", "statistiques"),
]
PUBLIQUES = ["/api/v1/health", "/api/v1/openapi", "/api/v1/documentation"]


@pytest.mark.parametrize(("adresse", "droit"), LECTURES_ET_DROITS)
async def test_without_credentials_a_read_is_401(api: Api, adresse: str, droit: str) -> None:
    reponse = await api.client.get(adresse)

    assert reponse.status_code == 401
    assert reponse.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("adresse", "droit"), LECTURES_ET_DROITS)
async def test_a_client_without_the_scope_is_403(api: Api, adresse: str, droit: str) -> None:
    autres = [scope for scope in LECTURES if scope != droit] + ["activites:ecriture"]
    sans = await api.client.get(adresse, headers=await lecteur(api, *autres))

    assert sans.status_code == 403
    assert sans.json()["detail"] == f"Ce client d'API n'a pas le droit « {droit} » qu'exige cette adresse."


@pytest.mark.parametrize(("adresse", "droit"), [a for a in LECTURES_ET_DROITS if a[1] != "statistiques"])
async def test_a_client_with_the_scope_reads(api: Api, adresse: str, droit: str) -> None:
    reponse = await api.client.get(adresse, headers=await lecteur(api, droit))

    assert reponse.status_code == 200, reponse.text


async def test_a_signed_in_person_is_not_an_api_client(api: Api) -> None:
    admin = await utilisateur(api.hub, "admin@exemple.fr", "admin")
    await session_de(api, admin.id)

    reponse = await api.client.get("/api/v1/utilisateurs")

    assert reponse.status_code == 403
    assert reponse.json()["detail"] == API_CLIENTS_ONLY


@pytest.mark.parametrize("adresse", PUBLIQUES)
async def test_the_health_check_and_the_reference_are_public(api: Api, adresse: str) -> None:
    reponse = await api.client.get(adresse)

    assert reponse.status_code == 200
