"""Who reaches the write API: API clients holding ``activites:ecriture``, and signed-in
mediators sending their session's CSRF token; nobody else, and a refused request writes nothing."""

from __future__ import annotations

import pytest

from hub.core.api.appelant import MEDIATEURS_SEULEMENT
from hub.core.web.csrf import REFUSED
from tests.core.activites.support import INDIVIDUEL, mediateur_en_poste
from tests.core.api.support import Api, client_api, lignes, session_de
from tests.core.organisation.support import utilisateur

UN_ID = "3f2b9c1a-0000-4000-8000-000000000000"
ROUTES = [
    ("POST", "/api/v1/activites"),
    ("GET", f"/api/v1/activites/{UN_ID}"),
    ("PUT", f"/api/v1/activites/{UN_ID}"),
    ("DELETE", f"/api/v1/activites/{UN_ID}"),
    ("POST", "/api/v1/beneficiaires"),
    ("GET", "/api/v1/beneficiaires"),
]


@pytest.mark.parametrize(("methode", "adresse"), ROUTES)
async def test_without_credentials_every_route_is_401(api: Api, methode: str, adresse: str) -> None:
    reponse = await api.client.request(methode, adresse, json=INDIVIDUEL)

    assert reponse.status_code == 401
    assert reponse.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("methode", "adresse"), ROUTES)
async def test_a_client_without_the_writing_scope_is_403(api: Api, methode: str, adresse: str) -> None:
    _, auth = await client_api(api.hub, "activites", "statistiques")

    reponse = await api.client.request(methode, adresse, json=INDIVIDUEL, headers=auth)

    assert reponse.status_code == 403
    assert reponse.json()["detail"] == "Ce client d'API n'a pas le droit « activites:ecriture » qu'exige cette adresse."


async def test_a_session_write_needs_the_csrf_header(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    csrf = await session_de(api, qui.user_id)
    avant = await lignes(api.hub)

    sans = await api.client.post("/api/v1/activites", json=INDIVIDUEL)
    faux = await api.client.post("/api/v1/activites", json=INDIVIDUEL, headers={"X-CSRF-Token": "faux"})

    assert sans.status_code == faux.status_code == 403
    assert sans.json()["detail"] == REFUSED
    assert await lignes(api.hub) == avant
    assert (await api.client.post("/api/v1/activites", json=INDIVIDUEL, headers=csrf)).status_code == 201


async def test_an_api_client_needs_no_csrf_token_even_beside_a_session_cookie(api: Api) -> None:
    qui = await mediateur_en_poste(api.hub, "camille@exemple.fr")
    await session_de(api, qui.user_id)
    _, auth = await client_api(api.hub)

    reponse = await api.client.post("/api/v1/activites", json=INDIVIDUEL | {"mediateur_id": qui.id}, headers=auth)

    assert reponse.status_code == 201


@pytest.mark.parametrize("roles", [("coordinateur",), ("admin",)])
async def test_a_signed_in_person_who_is_not_a_mediator_is_403(api: Api, roles: tuple[str, ...]) -> None:
    personne = await utilisateur(api.hub, "claude@exemple.fr", *roles)  # type: ignore[arg-type]
    csrf = await session_de(api, personne.id)

    ecrire = await api.client.post("/api/v1/activites", json=INDIVIDUEL, headers=csrf)
    lire = await api.client.get("/api/v1/beneficiaires")

    assert ecrire.status_code == lire.status_code == 403
    assert ecrire.json() == {"status_code": 403, "detail": MEDIATEURS_SEULEMENT}
