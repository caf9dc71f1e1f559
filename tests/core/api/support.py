"""Shortcuts for the API tests: a hub with its app, a mediator's session, an API client, and the
rows the CRA writes touch (counted, to prove a refusal wrote nothing)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from hub.core.activites.models import Accompagnement, Activite
from hub.core.api_clients.service import create_api_client
from hub.core.audit.models import Mutation
from hub.core.auth.models import WebSession
from hub.core.auth.tokens import token_digest
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.tags.models import activites_tags
from hub.testing import sign_in_client

ECRITURE = "activites:ecriture"


@dataclass(frozen=True)
class Api:
    hub: Hub
    client: AsyncTestClient[Any]


async def session_de(api: Api, user_id: str) -> dict[str, str]:
    """Sign the user in on the test client; the CSRF header their unsafe requests need."""
    token = await sign_in_client(api.client, api.hub, user_id)
    async with api.hub.session() as db:
        session = await db.get(WebSession, token_digest(token))
        assert session is not None
        return {"X-CSRF-Token": session.csrf_token}


async def client_api(hub: Hub, *scopes: str, nom: str = "Outil partenaire") -> tuple[str, dict[str, str]]:
    """A new API client holding ``scopes`` (``activites:ecriture`` by default): its id and its
    ``Authorization`` header."""
    async with hub.session() as db:
        issued = await create_api_client(db, hub.settings, nom=nom, scopes=list(scopes or (ECRITURE,)))
        await db.commit()
    return issued.client.id, {"Authorization": f"Bearer {issued.token}"}


async def lignes(hub: Hub) -> dict[str, int]:
    """How many rows each table a CRA or bénéficiaire write touches holds."""
    async with hub.session() as db:
        return {
            table: await db.scalar(sa.select(sa.func.count()).select_from(modele)) or 0
            for table, modele in (
                ("activites", Activite),
                ("accompagnements", Accompagnement),
                ("beneficiaires", Beneficiaire),
                ("activites_tags", activites_tags),
                ("mutations", Mutation),
            )
        }
