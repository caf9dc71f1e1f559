"""CSRF: every unsafe request carries its author's token, except API clients' and webhooks."""

from typing import Any

import pytest
from litestar import post
from litestar.testing import AsyncTestClient

import hub as hub_api
from hub.app import create_app
from hub.core.api_clients.service import create_api_client
from hub.testing import create_test_user, login_as, make_hub

REFUSED = "Ce formulaire n&#39;a pas pu être vérifié"


@post("/enregistrer", opt={"permission": "formulaire.ecrire"}, status_code=200)
async def enregistrer() -> dict[str, str]:
    return {"resultat": "enregistré"}


@post("/ecrire", opt={"api_scope": "activites:ecriture", "permission": "formulaire.ecrire"}, status_code=200)
async def ecrire_api() -> dict[str, str]:
    return {"resultat": "écrit"}


@post("/webhook", opt={"public": True}, status_code=200)
async def webhook() -> dict[str, str]:
    return {"resultat": "reçu"}


class FormPlugin:
    MANIFEST = hub_api.PluginManifest(name="formulaire", title="Formulaire", description="Formulaires de test.")

    @hub_api.hookimpl
    def hub_register_permissions(self) -> list[hub_api.Permission]:
        return [hub_api.Permission(name="formulaire.ecrire", label="Écrire")]

    @hub_api.hookimpl
    def hub_register_pages(self) -> list[Any]:
        return [enregistrer]

    @hub_api.hookimpl
    def hub_register_api(self) -> list[Any]:
        return [ecrire_api, webhook]


@pytest.fixture
async def app(tmp_path):
    hub = await make_hub(tmp_path, plugins=[("formulaire", FormPlugin())])
    async with AsyncTestClient(create_app(hub)) as client:
        yield hub, client
    await hub.shutdown()


def csrf_of(page) -> str:
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def test_signed_in_form_needs_the_session_token(app):
    hub, client = app
    await login_as(client, hub)
    token = csrf_of(await client.get("/"))

    missing = await client.post("/formulaire/enregistrer", data={"champ": "x"})
    wrong = await client.post("/formulaire/enregistrer", data={"champ": "x", "csrf_token": "a" * 43})
    by_field = await client.post("/formulaire/enregistrer", data={"champ": "x", "csrf_token": token})
    by_header = await client.post("/formulaire/enregistrer", json={"champ": "x"}, headers={"X-CSRF-Token": token})

    assert missing.status_code == wrong.status_code == 403
    assert REFUSED in missing.text and "<h1>Accès refusé</h1>" in missing.text
    assert by_field.status_code == by_header.status_code == 200


async def test_another_sessions_token_is_refused(app):
    hub, client = app
    await login_as(client, hub)
    other_token = csrf_of(await client.get("/"))
    await login_as(client, hub)  # a new session: a new token

    response = await client.post("/formulaire/enregistrer", data={"csrf_token": other_token})

    assert response.status_code == 403


async def test_anonymous_form_uses_a_signed_pre_session_token(app):
    hub, client = app
    user = await create_test_user(hub)

    page = await client.get("/connexion")
    seed = client.cookies["hub_csrf"]
    token = csrf_of(page)
    without_cookie = AsyncTestClient(client.app)
    forged = await client.post("/connexion/demo", data={"user_id": user.id, "csrf_token": seed}, follow_redirects=False)
    async with without_cookie:
        stranger = await without_cookie.post("/connexion/demo", data={"user_id": user.id, "csrf_token": token})
    accepted = await client.post("/connexion/demo", data={"user_id": user.id, "csrf_token": token}, follow_redirects=False)

    assert token != seed  # the form carries the HMAC of the cookie, not the cookie itself
    assert "HttpOnly" in page.headers["set-cookie"]
    assert forged.status_code == 403 and stranger.status_code == 403
    assert accepted.status_code == 303


async def test_pre_session_cookie_is_set_once_and_reused(app):
    hub, client = app
    await create_test_user(hub)
    await create_test_user(hub)

    first = await client.get("/connexion")
    second = await client.get("/connexion")

    assert first.headers.get_list("set-cookie")[0].startswith("hub_csrf=")
    tokens = [part.split('"', 1)[0] for part in first.text.split('name="csrf_token" value="')[1:]]
    assert len(tokens) == 2 and len(set(tokens)) == 1  # one token for every form of the page
    assert "set-cookie" not in second.headers
    assert csrf_of(first) == csrf_of(second)


async def test_api_client_requests_need_no_csrf_token(app):
    hub, client = app
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom="partenaire", scopes=["activites:ecriture"])
        await db.commit()

    response = await client.post("/api/v1/formulaire/ecrire", headers={"Authorization": f"Bearer {issued.token}"})

    assert response.status_code == 200


async def test_api_route_used_through_a_session_needs_the_token(app):
    hub, client = app
    await login_as(client, hub)
    token = csrf_of(await client.get("/"))

    refused = await client.post("/api/v1/formulaire/ecrire")
    accepted = await client.post("/api/v1/formulaire/ecrire", headers={"X-CSRF-Token": token})

    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Ce formulaire n'a pas pu être vérifié")
    assert accepted.status_code == 200


async def test_public_api_webhook_without_session_needs_no_token(app):
    _, client = app

    assert (await client.post("/api/v1/formulaire/webhook", json={"evenement": "x"})).status_code == 200
