"""Linking an account by OAuth (state checked, code exchanged, tokens encrypted), unlinking it."""

from __future__ import annotations

import html
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from hub.testing import login_as
from hub.core.chiffrement import dechiffrer
from plugins.rdv.models import CHIFFREMENT
from plugins.rdv.liaison import INSTALLER_WEBHOOKS
from plugins.rdv.models import Compte, Liaison, Rdv
from tests.connectors.rdv_service_public.fixtures import BASE_URL
from tests.plugins.rdv.soutien import AGENT, INSTANCE_ID, TOKEN_URL, hub_rdv, relire, routeur

TOKEN = {"access_token": "acces-neuf", "token_type": "Bearer", "expires_in": 7200, "refresh_token": "renouv-neuf", "scope": "write"}
ME = {"agent": {"id": AGENT, "email": "sam.mediateur@example.org", "first_name": "Sam", "last_name": "Leroy"}}


@pytest.fixture
def router():
    return routeur()


async def start_link(client) -> str:
    page = await client.get("/rdv")
    assert "Lier mon compte RDV Service Public" in page.text
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = await client.post("/rdv/lier", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith(f"{BASE_URL}/oauth/authorize?")
    query = parse_qs(urlsplit(location).query)
    assert query["redirect_uri"] == ["https://hub.exemple.fr/rdv/retour"] and query["scope"] == ["write"]
    return query["state"][0]


async def test_linking_stores_the_agent_with_encrypted_tokens_and_queues_webhooks_and_sync(
    hub_with, client_of, router
) -> None:
    hub = await hub_rdv(hub_with, router)
    exchange = router.post(TOKEN_URL).respond(json=TOKEN)
    router.get("/agents/me").respond(json=ME)
    client = await client_of(hub)

    state = await start_link(client)
    response = await client.get("/rdv/retour", params={"code": "code-1", "state": state}, follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/rdv?fait=lie"
    assert b"code=code-1" in exchange.calls[0].request.content
    [compte] = await relire(hub, Compte)
    assert (compte.agent_id, compte.nom, compte.statut) == (AGENT, "Sam Leroy", "loaded")
    assert "acces-neuf" not in compte.jeton_acces
    assert dechiffrer(hub.settings.secret_key, compte.jeton_acces, usage=CHIFFREMENT) == "acces-neuf"
    assert dechiffrer(hub.settings.secret_key, compte.jeton_renouvellement, usage=CHIFFREMENT) == "renouv-neuf"
    assert INSTALLER_WEBHOOKS in hub.queue.names()
    assert {job.kwargs["stream"] for job in hub.queue.jobs if job.name == "hub:sync"} == {"organisations", "rdvs"}
    assert await relire(hub, Liaison) == []
    page = await client.get("/rdv?fait=lie")
    assert "Sam Leroy" in page.text and "Délier mon compte RDV Service Public" in page.text


async def test_a_state_is_single_use_and_bound_to_the_person(hub_with, client_of, router) -> None:
    hub = await hub_rdv(hub_with, router)
    exchange = router.post(TOKEN_URL).respond(json=TOKEN)
    router.get("/agents/me").respond(json=ME)
    client = await client_of(hub)
    state = await start_link(client)
    intruder = await client_of(hub)

    stolen = await intruder.get("/rdv/retour", params={"code": "code-1", "state": state})
    replay = await client.get("/rdv/retour", params={"code": "code-1", "state": state})
    unknown = await client.get("/rdv/retour", params={"code": "code-1", "state": "inventé"})

    assert stolen.status_code == replay.status_code == unknown.status_code == 400
    assert "cliquez de nouveau sur « Lier mon compte RDV Service Public »" in html.unescape(unknown.text)
    assert exchange.call_count == 0 and await relire(hub, Compte) == []


async def test_a_refusal_by_the_agent_or_by_rdv_service_public_says_what_to_do(hub_with, client_of, router) -> None:
    hub = await hub_rdv(hub_with, router)
    router.post(TOKEN_URL).respond(400, json={"error": "invalid_grant"})
    client = await client_of(hub)

    denied = await client.get("/rdv/retour", params={"error": "access_denied", "state": await start_link(client)})
    refused = await client.get("/rdv/retour", params={"code": "vieux", "state": await start_link(client)})

    assert denied.status_code == 400 and "Vous n'avez pas autorisé le hub" in html.unescape(denied.text)
    assert refused.status_code == 400 and "refusé la liaison" in html.unescape(refused.text)
    assert await relire(hub, Compte) == []


async def test_unlinking_forgets_the_tokens_and_the_mirror(hub_with, client_of, router) -> None:
    hub = await hub_rdv(hub_with, router)
    router.post(TOKEN_URL).respond(json=TOKEN)
    router.get("/agents/me").respond(json=ME)
    client = await client_of(hub)
    await client.get("/rdv/retour", params={"code": "c", "state": await start_link(client)})
    async with hub.session() as session, session.begin():
        session.add(Rdv(instance_id=INSTANCE_ID, cle=f"{AGENT}-1", agent_id=AGENT, rdv_id=1, statut="seen",
                        debut=sa.func.now(), participations=[]))

    page = await client.get("/rdv")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = await client.post("/rdv/delier", data={"csrf_token": token}, follow_redirects=False)

    assert response.headers["location"] == "/rdv?fait=delie"
    assert await relire(hub, Compte) == [] and await relire(hub, Rdv) == []


async def test_without_oauth_settings_the_page_says_the_operator_must_configure_it(hub_with, client_of) -> None:
    client = await client_of(await hub_with("rdv"))
    page = await client.get("/rdv")
    assert page.status_code == 200 and "demandez à son opérateur" in html.unescape(page.text)
