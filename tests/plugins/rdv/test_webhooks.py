"""Webhooks: installed per organisation on linking (or the organisation is polled), deliveries
checked on the raw body, deduplicated, answered at once and applied by a job."""

from __future__ import annotations

import hashlib
import hmac
import json

import httpx
import pytest

from hub.core.db.base import utcnow
from hub.core.chiffrement import chiffrer, dechiffrer
from plugins.rdv.models import CHIFFREMENT
from plugins.rdv.models import Notification, Organisation, Rdv, Webhook
from plugins.rdv.webhooks import TRAITER, installer
from tests.connectors.rdv_service_public.fixtures import organisation, page, rdv
from tests.plugins.rdv.soutien import AGENT, INSTANCE_ID, compte_lie, hub_rdv, relire, routeur

VECTOR_SECRET = "test-secret"
VECTOR_BODY = (
    b'{"data":{"id":4242,"status":"seen"},"meta":{"model":"Rdv","event":"updated",'
    b'"webhook_reason":null,"timestamp":"2025-03-14 10:05:12 +0100"}}'
)
VECTOR_SIGNATURE = "a1d96371aadf4140935bb424d67e45adce3801b9d8ecae0a265f44d2d5a4edbe"


@pytest.fixture
def router():
    return routeur()


async def endpoint(hub, compte, secret: str = VECTOR_SECRET, webhook_id: str = "point-1") -> str:
    async with hub.session() as session, session.begin():
        session.add(Webhook(id=webhook_id, compte_id=compte.id, organisation_id=301, installe=True,
                            secret=chiffrer(hub.settings.secret_key, secret, usage=CHIFFREMENT)))
    return f"/api/v1/rdv/webhooks/{webhook_id}"


def signed(body: bytes, secret: str = VECTOR_SECRET) -> dict[str, str]:
    return {"X-Lapin-Signature": hmac.new(secret.encode(), body, hashlib.sha256).hexdigest(),
            "Content-Type": "application/json; charset=utf-8"}


async def test_the_reference_vector_is_accepted_and_queued_once(hub_with, client_of, router) -> None:
    hub = await hub_rdv(hub_with, router)
    url = await endpoint(hub, await compte_lie(hub))
    client = await client_of(hub, login=None)
    headers = {"X-Lapin-Signature": VECTOR_SIGNATURE, "Content-Type": "application/json; charset=utf-8"}

    first = await client.post(url, content=VECTOR_BODY, headers=headers)
    replay = await client.post(url, content=VECTOR_BODY, headers=headers)

    assert len(VECTOR_BODY) == 139
    assert (first.status_code, first.json()) == (200, {"recue": True, "nouvelle": True})
    assert (replay.status_code, replay.json()) == (200, {"recue": True, "nouvelle": False})
    assert hub.queue.names() == [TRAITER]
    assert len(await relire(hub, Notification)) == 1


@pytest.mark.parametrize("case", ["flipped byte", "missing header", "wrong secret", "unknown endpoint"])
async def test_a_bad_delivery_is_refused_without_side_effect(hub_with, client_of, router, case) -> None:
    hub = await hub_rdv(hub_with, router)
    url = await endpoint(hub, await compte_lie(hub))
    client = await client_of(hub, login=None)
    body, headers = VECTOR_BODY, {"X-Lapin-Signature": VECTOR_SIGNATURE}
    if case == "flipped byte":
        body = body.replace(b'"seen"', b'"seeo"')
    elif case == "missing header":
        headers = {}
    elif case == "wrong secret":
        headers = signed(body, "autre-secret")
    else:
        url = "/api/v1/rdv/webhooks/inconnu"

    response = await client.post(url, content=body, headers=headers)

    assert response.status_code == 401 and "X-Lapin-Signature" in response.json()["message"]
    assert hub.queue.jobs == [] and await relire(hub, Notification) == []


async def test_a_delivered_rdv_lands_in_the_mirror_and_a_destroyed_one_is_marked_deleted(
    hub_with, client_of, router
) -> None:
    hub = await hub_rdv(hub_with, router)
    url = await endpoint(hub, await compte_lie(hub))
    client = await client_of(hub, login=None)
    event = {"data": rdv(9001, status="seen"), "meta": {"model": "Rdv", "event": "updated", "webhook_reason": None,
                                                        "timestamp": "2026-02-10 15:00:00 +0100"}}
    created = json.dumps(event).encode()
    destroyed = json.dumps({**event, "meta": {**event["meta"], "event": "destroyed"}}).encode()

    await client.post(url, content=created, headers=signed(created))
    await hub.queue.drain()
    [stored] = await relire(hub, Rdv)
    await client.post(url, content=destroyed, headers=signed(destroyed))
    await hub.queue.drain()
    [gone] = await relire(hub, Rdv)

    assert (stored.cle, stored.statut, stored.supprime_le, stored.instance_id) == (f"{AGENT}-9001", "seen", None, INSTANCE_ID)
    assert gone.supprime_le is not None
    assert all(notification.traitee_le and notification.erreur is None for notification in await relire(hub, Notification))


async def test_an_unusable_delivery_is_recorded_with_its_reason_and_changes_nothing(hub_with, client_of, router) -> None:
    hub = await hub_rdv(hub_with, router)
    url = await endpoint(hub, await compte_lie(hub))
    client = await client_of(hub, login=None)
    body = json.dumps({"data": rdv(9001, starts_at="demain"), "meta": {"model": "Rdv", "event": "created"}}).encode()

    response = await client.post(url, content=body, headers=signed(body))
    await hub.queue.drain()

    assert response.status_code == 200
    [notification] = await relire(hub, Notification)
    assert "date illisible" in notification.erreur and await relire(hub, Rdv) == []


async def test_installation_keeps_a_secret_per_organisation_and_flags_the_refused_ones_for_polling(
    hub_with, router
) -> None:
    hub = await hub_rdv(hub_with, router)
    compte = await compte_lie(hub)
    router.get("/organisations").respond(json=page("organisations", [organisation(301), organisation(302)]))
    listed = {301: [], 302: []}

    def lister(request: httpx.Request, organisation_id: str) -> httpx.Response:
        return httpx.Response(200, json=page("webhook_endpoints", listed[int(organisation_id)]))

    def creer(request: httpx.Request, organisation_id: str) -> httpx.Response:
        sent = json.loads(request.content)
        if organisation_id == "302":
            return httpx.Response(403, json={"errors": [{"base": "forbidden"}], "error_messages": ["Accès refusé"]})
        assert sent["trigger"] is False and "rdv" in sent["subscriptions"]
        listed[301].append({"id": 77, "target_url": sent["target_url"], "organisation_id": 301,
                            "subscriptions": sent["subscriptions"]})
        return httpx.Response(200, json={"webhook_endpoint": listed[301][-1]})

    router.get(path__regex=r"/organisations/(?P<organisation_id>\d+)/webhook_endpoints").mock(side_effect=lister)
    create = router.post(path__regex=r"/organisations/(?P<organisation_id>\d+)/webhook_endpoints").mock(side_effect=creer)
    async with hub.session() as session, session.begin():
        for org in (301, 302):
            session.add(Organisation(instance_id=INSTANCE_ID, cle=f"{AGENT}-{org}", agent_id=AGENT, organisation_id=org))

    result = await installer(hub, compte.id)
    again = await installer(hub, compte.id)

    assert result == {"installes": 1, "echecs": 1} and again == result
    webhooks = {webhook.organisation_id: webhook for webhook in await relire(hub, Webhook)}
    assert webhooks[301].installe and webhooks[301].endpoint_id == 77 and not webhooks[302].installe
    assert "relus régulièrement" in webhooks[302].message
    sent_secret = json.loads(create.calls[0].request.content)["secret"]
    assert dechiffrer(hub.settings.secret_key, webhooks[301].secret, usage=CHIFFREMENT) == sent_secret != webhooks[301].secret
    assert json.loads(create.calls[0].request.content)["target_url"] == f"https://hub.exemple.fr/api/v1/rdv/webhooks/{webhooks[301].id}"
    flags = {org.organisation_id: org.a_sonder for org in await relire(hub, Organisation)}
    assert flags == {301: False, 302: True}
    assert create.call_count == 3  # 301 once, 302 tried again (still refused)


async def test_organisations_without_webhook_are_polled_and_the_others_are_not(hub_with, router) -> None:
    from plugins.rdv.sondage import sonder

    hub = await hub_rdv(hub_with, router)
    compte = await compte_lie(hub)
    async with hub.session() as session, session.begin():
        for org in (301, 302):
            session.add(Organisation(instance_id=INSTANCE_ID, cle=f"{AGENT}-{org}", agent_id=AGENT, organisation_id=org))
        session.add(Webhook(id="w301", compte_id=compte.id, organisation_id=301, installe=True,
                            secret=chiffrer(hub.settings.secret_key, "s", usage=CHIFFREMENT)))
    rdvs = router.get("/rdvs").respond(json=page("rdvs", [rdv(9001), rdv(9002, starts_at="jamais")]))

    first = await sonder(hub)
    again = await sonder(hub)

    assert [call.request.url.params["organisation_id"] for call in rdvs.calls] == ["302", "302"]
    assert first == {"lus": 2, "ecrits": 1, "ecartes": 1} and again["ecrits"] == 0
    assert [row.cle for row in await relire(hub, Rdv)] == [f"{AGENT}-9001"]
    assert {org.organisation_id: org.a_sonder for org in await relire(hub, Organisation)} == {301: False, 302: True}
