"""Signing in from tests: a test user with the roles asked for, and a session cookie on the client.

Typical use, in a plugin's tests::

    client = AsyncTestClient(create_app(hub))
    await login_as(client, roles=("mediateur",))
    assert (await client.get("/exemple")).status_code == 200
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from litestar.testing import AsyncTestClient

from hub.core.auth.sessions import FOURNISSEUR_DEMO, open_session
from hub.core.db.base import utcnow
from hub.core.db.columns import new_id
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.users import profil_inscription
from hub.core.plugins.contributions import Role
from hub.core.web.sessions import SESSION_COOKIE, cookie_name


async def create_test_user(
    hub: Hub,
    *,
    roles: Iterable[Role] = ("mediateur",),
    email: str | None = None,
    prenom: str = "Camille",
    nom: str = "Test",
    is_fixture: bool = True,
) -> User:
    """A user (a test user unless ``is_fixture`` is false) holding ``roles``: a Mediateur or
    Coordinateur row for those roles, ``User.role`` ``admin`` or ``support`` for those. A user
    with a role has finished their sign-up; without one, it is still to do (``/inscription``)."""
    roles = set(roles)
    platform_role = "admin" if "admin" in roles else "support" if "support" in roles else "user"
    user_id = new_id()
    signed_up = utcnow() if roles else None
    user = User(
        id=user_id,
        email=email or f"test-{user_id[:8]}@exemple.fr",
        prenom=prenom,
        nom=nom,
        role=platform_role,
        is_fixture=is_fixture,
        profil_inscription=profil_inscription(list(roles), conseiller_numerique=False),
        acceptation_cgu=signed_up,
        inscription_validee=signed_up,
    )
    async with hub.session() as db:
        db.add(user)
        await db.flush()
        if "mediateur" in roles:
            db.add(Mediateur(user_id=user_id))
        if "coordinateur" in roles:
            db.add(Coordinateur(user_id=user_id))
        await db.commit()
    return user


async def login_as(
    client: AsyncTestClient[Any], hub: Hub | None = None, *, roles: Iterable[Role] = ("mediateur",), **user: Any
) -> User:
    """Create a test user with ``roles`` (see :func:`create_test_user` for ``user``), open a
    session for them and put its cookie on ``client``. ``hub`` defaults to the client's app's.
    Returns the user."""
    hub = hub or client.app.state.hub
    created = await create_test_user(hub, roles=roles, **user)
    await sign_in_client(client, hub, created.id)
    return created


async def sign_in_client(client: AsyncTestClient[Any], hub: Hub, user_id: str) -> str:
    """Open a session for an existing user and put its cookie on ``client``; returns the token."""
    async with hub.session() as db:
        token = await open_session(db, hub.settings, user_id=user_id, fournisseur=FOURNISSEUR_DEMO)
        await db.commit()
    # Same domain and path as the cookie the hub sets, so that a later login replaces it.
    client.cookies.set(cookie_name(hub.settings, SESSION_COOKIE), token, domain=client.base_url.host, path="/")
    return token
