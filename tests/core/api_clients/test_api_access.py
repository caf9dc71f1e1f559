"""API clients on the API: ``Authorization: Bearer <client_id>:<client_secret>`` and scopes."""

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from litestar import get
from litestar.testing import AsyncTestClient

import hub as hub_api
from hub.app import create_app
from hub.core.api_clients.models import ApiClient
from hub.core.api_clients.service import create_api_client, revoke_api_client, rotate_api_client
from hub.core.db.base import utcnow
from hub.testing import login_as, make_hub
from tests.core.api_clients.partner import PartnerPlugin

MALFORMED = "En-tête Authorization absent ou mal formé : attendu « Authorization: Bearer <client_id>:<client_secret> »."


@pytest.fixture
async def api(tmp_path):
    hub = await make_hub(tmp_path, plugins=[("partenaire", PartnerPlugin())])
    async with AsyncTestClient(create_app(hub)) as client:
        yield hub, client
    await hub.shutdown()


async def new_client(hub, scopes=("statistiques",), **options) -> str:
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom=options.pop("nom", "partenaire"), scopes=list(scopes), **options)
        await db.commit()
    return issued.token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_client_with_the_scope_reads_the_route(api):
    hub, client = api
    token = await new_client(hub)

    response = await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))

    assert response.status_code == 200 and response.json() == {"total": 42}


async def test_client_without_the_scope_gets_403(api):
    hub, client = api
    token = await new_client(hub, scopes=("activites", "structures"))

    response = await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))

    assert response.status_code == 403
    assert response.json()["detail"] == "Ce client d'API n'a pas le droit « statistiques » qu'exige cette adresse."


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer sans-deux-points",
        "Bearer pas-un-uuid:secret",
        "Basic dXRpbGlzYXRldXI6bW90LWRlLXBhc3Nl",
        "Bearer 3f2b9c1a-0000-4000-8000-000000000000:",
    ],
)
async def test_missing_or_malformed_header_is_401_with_a_bearer_challenge(api, header):
    _, client = api

    response = await client.get("/api/v1/partenaire/chiffres", headers={"Authorization": header} if header else {})

    assert response.status_code == 401
    assert response.json() == {"status_code": 401, "detail": MALFORMED}
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_unknown_client_or_wrong_secret_is_401(api):
    hub, client = api
    token = await new_client(hub)
    client_id = token.split(":")[0]

    wrong_secret = await client.get("/api/v1/partenaire/chiffres", headers=bearer(f"{client_id}:faux"))
    unknown = await client.get("/api/v1/partenaire/chiffres", headers=bearer(f"3f2b9c1a-0000-4000-8000-000000000000:{token.split(':')[1]}"))

    assert wrong_secret.status_code == unknown.status_code == 401
    assert wrong_secret.json()["detail"] == "Identifiants du client d'API invalides (identifiant inconnu ou secret erroné)."


async def test_expired_and_not_yet_valid_clients_are_401(api):
    hub, client = api
    expired = await new_client(hub, nom="ancien", valid_from=utcnow() - timedelta(days=30), valid_until=utcnow() - timedelta(days=1))
    future = await new_client(hub, nom="futur", valid_from=utcnow() + timedelta(days=1))

    old = await client.get("/api/v1/partenaire/chiffres", headers=bearer(expired))
    early = await client.get("/api/v1/partenaire/chiffres", headers=bearer(future))

    assert old.status_code == early.status_code == 401
    assert old.json()["detail"].startswith("Ce client d'API a expiré le ")
    assert early.json()["detail"].startswith("Ce client d'API n'est pas encore valide")


async def test_revoked_client_is_401(api):
    hub, client = api
    token = await new_client(hub)
    async with hub.session() as db:
        await revoke_api_client(db, "partenaire")
        await db.commit()

    response = await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))

    assert response.status_code == 401
    assert response.json()["detail"].startswith("Ce client d'API a été révoqué")


async def test_rotation_invalidates_the_old_secret(api):
    hub, client = api
    old = await new_client(hub)
    async with hub.session() as db:
        new = (await rotate_api_client(db, hub.settings, "partenaire")).token
        await db.commit()

    assert old.split(":")[0] == new.split(":")[0] and old != new
    assert (await client.get("/api/v1/partenaire/chiffres", headers=bearer(old))).status_code == 401
    assert (await client.get("/api/v1/partenaire/chiffres", headers=bearer(new))).status_code == 200


async def test_last_use_is_recorded_at_most_once_a_minute(api):
    hub, client = api
    token = await new_client(hub)

    async def last_use():
        async with hub.session() as db:
            return await db.scalar(sa.select(ApiClient.derniere_utilisation))

    await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))
    first = await last_use()
    await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))
    assert first is not None and await last_use() == first

    async with hub.session() as db:
        await db.execute(sa.update(ApiClient).values(derniere_utilisation=utcnow() - timedelta(minutes=2)))
        await db.commit()
    await client.get("/api/v1/partenaire/chiffres", headers=bearer(token))
    assert await last_use() > first


async def test_people_reach_an_api_route_only_through_the_permission_it_also_declares(api):
    hub, client = api
    await login_as(client, hub, roles=("mediateur",))

    clients_only = await client.get("/api/v1/partenaire/chiffres")
    mixed = await client.get("/api/v1/partenaire/mixte")

    assert clients_only.status_code == 403
    assert clients_only.json()["detail"].startswith("Cette adresse est réservée aux clients d'API")
    assert mixed.status_code == 200


async def test_anonymous_request_on_a_mixed_route_gets_the_bearer_challenge(api):
    _, client = api

    response = await client.get("/api/v1/partenaire/mixte")

    assert response.status_code == 401 and response.headers["www-authenticate"].startswith("Bearer")


async def test_unknown_scope_on_a_route_is_refused_at_boot(tmp_path):
    from hub.core.errors import StartupError

    @get("/x", opt={"api_scope": "tout"})
    async def x() -> dict[str, int]:
        return {}

    class Broken(PartnerPlugin):
        @hub_api.hookimpl
        def hub_register_api(self) -> list[Any]:
            return [x]

    hub = await make_hub(tmp_path, plugins=[("partenaire", Broken())])
    with pytest.raises(StartupError, match="droit d'API « tout », inconnu"):
        create_app(hub)
    await hub.shutdown()
