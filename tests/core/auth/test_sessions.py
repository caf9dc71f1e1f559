"""Server-side sessions: cookie, storage, expiry, renewal at login, logout, roles."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.auth.models import WebSession
from hub.core.auth.principals import load_principal, permissions_for, roles_of
from hub.core.auth.sessions import expiration_of, open_session
from hub.core.auth.tokens import token_digest
from hub.core.db.base import utcnow
from hub.core.plugins.contributions import Permission
from hub.core.settings import load_settings
from hub.core.web.sessions import safe_next
from hub.testing import create_test_user, login_as, make_hub

PERMISSIONS = [
    Permission(name="a.mediation", label="Médiation"),
    Permission(name="a.equipe", label="Équipe", granted_to=("coordinateur",)),
    Permission(name="a.admin", label="Administration", granted_to=("admin",)),
    Permission(name="a.support", label="Support", granted_to=("admin", "support")),
]


async def sessions(hub) -> list[WebSession]:
    async with hub.session() as db:
        return list(await db.scalars(sa.select(WebSession)))


def session_cookie(response) -> str:
    return next(value for value in response.headers.get_list("set-cookie") if value.startswith("hub_session="))


def csrf_of(page) -> str:
    """The CSRF token of the first form of ``page``."""
    return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


async def persona_login(site, user_id: str):
    """Pick a persona on the login page (its first form gives the pre-session CSRF token)."""
    csrf = csrf_of(await site.client.get("/connexion"))
    return await site.client.post(
        "/connexion/demo", data={"csrf_token": csrf, "user_id": user_id, "suivant": "/"}, follow_redirects=False
    )


async def test_persona_picker_lists_only_test_users_and_signs_in_with_a_new_session(demo_site):
    camille = await create_test_user(demo_site.hub, roles=("mediateur", "coordinateur"), prenom="Camille", nom="Démo")
    await create_test_user(demo_site.hub, roles=("mediateur",), prenom="Vraie", nom="Personne", is_fixture=False)

    page = await demo_site.client.get("/connexion")
    response = await persona_login(demo_site, camille.id)

    assert "Se connecter en tant que Camille Démo" in page.text
    assert "Médiateur·rice, Coordinateur·rice" in page.text
    assert "Vraie Personne" not in page.text
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = session_cookie(response)
    assert all(part in cookie for part in ("HttpOnly", "SameSite=lax", "Path=/", f"Max-Age={12 * 3600}"))
    assert "Secure" not in cookie  # served over http in dev
    (session,) = await sessions(demo_site.hub)
    token = demo_site.client.cookies["hub_session"]
    assert session.id == token_digest(token) and token not in session.id  # only the SHA-256 is stored
    assert session.fournisseur == "demo" and session.user_id == camille.id


async def test_persona_login_refuses_a_real_account(demo_site):
    await create_test_user(demo_site.hub)
    real = await create_test_user(demo_site.hub, is_fixture=False)

    response = await persona_login(demo_site, real.id)

    assert response.status_code == 404
    assert await sessions(demo_site.hub) == []


async def test_user_without_role_is_sent_to_the_sign_up(demo_site):
    sans_role = await create_test_user(demo_site.hub, roles=())

    response = await persona_login(demo_site, sans_role.id)

    assert response.headers["location"] == "/inscription"


async def test_session_id_changes_at_each_login_and_the_old_one_is_closed(demo_site):
    camille = await create_test_user(demo_site.hub, prenom="Camille")
    dominique = await create_test_user(demo_site.hub, prenom="Dominique")
    await persona_login(demo_site, camille.id)
    first = demo_site.client.cookies["hub_session"]

    csrf = csrf_of(await demo_site.client.get("/accessibilite"))  # signed in: the session's token
    again = await demo_site.client.post(
        "/connexion/demo", data={"user_id": dominique.id, "csrf_token": csrf}, follow_redirects=False
    )

    second = demo_site.client.cookies["hub_session"]
    assert again.status_code == 303 and second != first
    assert [s.id for s in await sessions(demo_site.hub)] == [token_digest(second)]
    demo_site.client.cookies.clear()
    demo_site.client.cookies.set("hub_session", first)
    assert (await demo_site.client.get("/", follow_redirects=False)).headers["location"] == "/connexion"


async def test_expired_session_is_anonymous_and_deleted(demo_site):
    await login_as(demo_site.client)
    async with demo_site.hub.session() as db:
        await db.execute(sa.update(WebSession).values(expiration=utcnow() - timedelta(seconds=1)))
        await db.commit()

    response = await demo_site.client.get("/", follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/connexion"
    assert await sessions(demo_site.hub) == []


async def test_activity_pushes_the_idle_expiry_back_up_to_the_session_lifetime(demo_site):
    await login_as(demo_site.client)
    long_ago = utcnow() - timedelta(minutes=30)
    async with demo_site.hub.session() as db:
        await db.execute(sa.update(WebSession).values(derniere_activite=long_ago, expiration=long_ago + timedelta(hours=2)))
        await db.commit()

    assert (await demo_site.client.get("/")).status_code == 200

    (session,) = await sessions(demo_site.hub)
    assert session.derniere_activite > long_ago
    assert session.expiration == expiration_of(demo_site.hub.settings, session.creation, session.derniere_activite)
    assert session.expiration > utcnow() + timedelta(minutes=119)


def test_session_ends_at_its_lifetime_or_after_idling_whichever_comes_first():
    settings = load_settings({}, session_hours=12, session_idle_minutes=120)
    opened = utcnow()

    assert expiration_of(settings, opened, opened) == opened + timedelta(hours=2)
    assert expiration_of(settings, opened, opened + timedelta(hours=11)) == opened + timedelta(hours=12)


async def test_logout_deletes_the_session_and_shows_the_local_page_for_a_demo_session(demo_site):
    camille = await create_test_user(demo_site.hub)
    await persona_login(demo_site, camille.id)
    csrf = csrf_of(await demo_site.client.get("/"))

    response = await demo_site.client.post("/deconnexion", data={"csrf_token": csrf}, follow_redirects=False)

    assert response.status_code == 303 and response.headers["location"] == "/deconnexion/terminee"
    assert await sessions(demo_site.hub) == []
    assert "hub_session" not in demo_site.client.cookies


async def test_https_hub_sets_secure_host_prefixed_cookies(tmp_path):
    hub = await make_hub(tmp_path, public_url="https://hub.exemple.fr")
    user = await create_test_user(hub)
    async with AsyncTestClient(create_app(hub), base_url="https://testserver.local") as client:
        page = await client.get("/connexion")
        csrf = csrf_of(page)
        response = await client.post("/connexion/demo", data={"csrf_token": csrf, "user_id": user.id}, follow_redirects=False)
    await hub.shutdown()

    cookies = response.headers.get_list("set-cookie")
    session = next(value for value in cookies if value.startswith("__Host-hub_session="))
    assert "Secure" in session and "HttpOnly" in session and "Path=/" in session
    assert "Domain" not in session
    assert page.headers["set-cookie"].startswith("__Host-hub_csrf=")


@pytest.mark.parametrize(
    ("role", "roles", "permissions"),
    [
        ("user", {"mediateur"}, {"a.mediation"}),
        ("user", {"mediateur", "coordinateur"}, {"a.mediation", "a.equipe"}),
        ("user", set(), set()),
        ("admin", {"mediateur"}, {"a.admin", "a.support"}),  # an admin's mediator row grants nothing
        ("support", set(), {"a.support"}),
    ],
)
def test_roles_grant_the_permissions_granted_to_them(role, roles, permissions):
    held = roles_of(role, mediateur="mediateur" in roles, coordinateur="coordinateur" in roles)

    assert permissions_for(PERMISSIONS, held) == permissions


async def test_principal_carries_roles_and_the_ids_of_each_side(demo_site):
    both = await create_test_user(demo_site.hub, roles=("mediateur", "coordinateur"))
    admin = await create_test_user(demo_site.hub, roles=("admin",))

    async with demo_site.hub.session() as db:
        principal = await load_principal(db, PERMISSIONS, both.id)
        admin_principal = await load_principal(db, PERMISSIONS, admin.id)
        nobody = await load_principal(db, PERMISSIONS, "inconnu")

    assert principal.roles == {"mediateur", "coordinateur"}
    assert principal.mediateur_id and principal.coordinateur_id
    assert principal.permissions == {"a.mediation", "a.equipe"}
    assert admin_principal.roles == {"admin"} and admin_principal.permissions == {"a.admin", "a.support"}
    assert nobody is None


async def test_deleted_user_session_no_longer_signs_in(demo_site):
    user = await login_as(demo_site.client)
    async with demo_site.hub.session() as db:
        await db.execute(sa.text("UPDATE users SET suppression = creation WHERE id = :id"), {"id": user.id})
        await db.commit()

    assert (await demo_site.client.get("/", follow_redirects=False)).status_code == 303


async def test_open_session_purges_expired_sessions(demo_site):
    user = await create_test_user(demo_site.hub)
    async with demo_site.hub.session() as db:
        await open_session(db, demo_site.hub.settings, user_id=user.id, fournisseur="demo")
        await db.commit()
        await db.execute(sa.update(WebSession).values(expiration=utcnow() - timedelta(minutes=1)))
        await db.commit()
        await open_session(db, demo_site.hub.settings, user_id=user.id, fournisseur="demo")
        await db.commit()

    assert len(await sessions(demo_site.hub)) == 1


@pytest.mark.parametrize(
    ("suivant", "target"),
    [
        ("/stats?periode=mois", "/stats?periode=mois"),
        ("https://ailleurs.example/", "/"),
        ("//ailleurs.example/", "/"),
        ("/\\ailleurs.example/", "/"),
        ("/\t/ailleurs.example/", "/"),
        ("", "/"),
    ],
)
def test_after_login_only_paths_of_this_site_are_followed(suivant, target):
    assert safe_next(suivant) == target
