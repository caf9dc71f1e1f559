"""Impersonation (« usurpation ») of test users by admins, each start and stop audited."""

import html

import sqlalchemy as sa

from hub.core.audit.models import Mutation
from hub.core.auth.models import WebSession
from hub.testing import create_test_user, login_as


def csrf_of(page) -> str:
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def mutations(hub) -> list[Mutation]:
    async with hub.session() as db:
        return list(await db.scalars(sa.select(Mutation).order_by(Mutation.creation)))


async def test_admin_impersonates_a_test_user_then_comes_back(demo_site):
    hub, client = demo_site.hub, demo_site.client
    admin = await login_as(client, roles=("admin",), prenom="Ada", nom="Admin")
    admin_token = client.cookies["hub_session"]
    camille = await create_test_user(hub, roles=("mediateur",), prenom="Camille", nom="Test")

    start = await client.post(f"/administration/usurper/{camille.id}", data={"csrf_token": csrf_of(await client.get("/"))}, follow_redirects=False)
    page = await client.get("/")

    assert start.status_code == 303 and start.headers["location"] == "/"
    assert client.cookies["hub_session"] != admin_token  # a new session id
    text = html.unescape(page.text)
    assert "Connecté·e : Camille Test" in text
    assert "Vous utilisez le hub en tant que Camille Test (compte de test)" in text
    async with hub.session() as db:
        (session,) = await db.scalars(sa.select(WebSession))
    assert (session.user_id, session.usurpateur_id) == (camille.id, admin.id)

    stop = await client.post("/administration/usurpation/fin", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    back = html.unescape((await client.get("/")).text)

    assert stop.status_code == 303
    assert "Connecté·e : Ada Admin" in back and "Vous utilisez le hub en tant que" not in back
    assert [(m.nom, m.user_id, m.donnees) for m in await mutations(hub)] == [
        ("usurper_utilisateur", admin.id, {"action": "debut", "utilisateur_id": camille.id}),
        ("usurper_utilisateur", admin.id, {"action": "fin", "utilisateur_id": camille.id}),
    ]


async def test_impersonating_a_real_person_is_refused_and_not_logged(demo_site):
    hub, client = demo_site.hub, demo_site.client
    await login_as(client, roles=("admin",))
    token = client.cookies["hub_session"]
    real = await create_test_user(hub, is_fixture=False)

    response = await client.post(f"/administration/usurper/{real.id}", data={"csrf_token": csrf_of(await client.get("/"))})

    assert response.status_code == 403
    assert "Seuls les comptes de test peuvent être usurpés" in html.unescape(response.text)
    assert client.cookies["hub_session"] == token
    assert await mutations(hub) == []


async def test_only_admins_may_impersonate(demo_site):
    hub, client = demo_site.hub, demo_site.client
    await login_as(client, roles=("mediateur", "coordinateur"))
    camille = await create_test_user(hub)

    response = await client.post(f"/administration/usurper/{camille.id}", data={"csrf_token": csrf_of(await client.get("/"))})

    assert response.status_code == 403
    assert await mutations(hub) == []


async def test_unknown_user_is_404_and_stopping_without_impersonation_is_409(demo_site):
    client = demo_site.client
    await login_as(client, roles=("admin",))
    csrf = csrf_of(await client.get("/"))

    unknown = await client.post("/administration/usurper/inconnu", data={"csrf_token": csrf})
    stop = await client.post("/administration/usurpation/fin", data={"csrf_token": csrf})

    assert unknown.status_code == 404 and stop.status_code == 409
    assert "Vous n'usurpez aucun compte." in html.unescape(stop.text)


async def test_impersonation_needs_the_csrf_token(demo_site):
    hub, client = demo_site.hub, demo_site.client
    await login_as(client, roles=("admin",))
    camille = await create_test_user(hub)

    response = await client.post(f"/administration/usurper/{camille.id}")

    assert response.status_code == 403
    assert await mutations(hub) == []
