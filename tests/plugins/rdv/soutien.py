"""A hub running the rdv plugin against a respx stand-in for one RDV-SP instance (no network),
and linked accounts created as the OAuth callback leaves them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
import json
import tempfile
from pathlib import Path
from typing import Any

import httpx
import respx
import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.db.base import utcnow
from hub.testing import create_test_user, sign_in_client
from tests.core.activites.support import EnPoste, mediateur_en_poste
from plugins.rdv.comptes import colonnes_jeton
from plugins.rdv.models import Compte, Rdv
from connectors.rdv_service_public import OAuthToken
from tests.connectors.rdv_service_public.fixtures import API, BASE_URL

INSTANCE_ID = "rdv"
AGENT = 512
REGLAGES = {"instance_url": BASE_URL, "client_id": "hub-client", "client_secret": "hub-secret"}
TOKEN_URL = f"{BASE_URL}/oauth/token"


def routeur() -> respx.MockRouter:
    return respx.MockRouter(base_url=API, assert_all_mocked=True, assert_all_called=False)


def fichier_reglages(dossier: Path, reglages: dict[str, Any] = REGLAGES) -> Path:
    """A ``hub.toml`` holding ``[plugins.rdv]``."""
    lignes = "\n".join(f"{cle} = {json.dumps(valeur)}" for cle, valeur in reglages.items())
    chemin = dossier / "hub.toml"
    chemin.write_text(f"[plugins.rdv]\n{lignes}\n", encoding="utf-8")
    return chemin


async def hub_rdv(hub_with: Any, router: respx.MockRouter, **settings: Any) -> Hub:
    """A started hub with the rdv plugin, its instance declared and ``loaded``, its HTTP going to ``router``."""
    from hub.core.sync.states import reconcile_instances, setup_instance

    hub = await hub_with(
        "rdv",
        config_file=fichier_reglages(Path(tempfile.mkdtemp(prefix="hub-rdv-"))),
        connectors=[{"id": INSTANCE_ID, "kind": "rdv.service_public", "every_minutes": 60}],
        public_url="https://hub.exemple.fr",
        **settings,
    )
    hub.http_transport = httpx.MockTransport(router.async_handler)
    await reconcile_instances(hub)
    assert await setup_instance(hub, INSTANCE_ID) == "loaded"
    return hub


async def compte_lie(
    hub: Hub,
    *,
    agent_id: int = AGENT,
    access_token: str = "acces-1",
    refresh_token: str | None = "renouvellement-1",
    expires_at: datetime | None = None,
    depuis: date = date(2026, 1, 1),
    user_id: str | None = None,
) -> Compte:
    """A mediator (``user_id``, else a new one) with an account linked to ``agent_id``, its token
    valid for an hour unless told."""
    user_id = user_id or (await create_test_user(hub, roles=("mediateur",))).id
    token = OAuthToken(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_at=expires_at or datetime.now(UTC) + timedelta(hours=1),
        scope="write",
    )
    async with hub.session() as session, session.begin():
        mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user_id))
        compte = Compte(
            user_id=user_id, mediateur_id=mediateur_id, instance_url=BASE_URL, agent_id=agent_id,
            depuis=depuis, **colonnes_jeton(hub, token),
        )
        session.add(compte)
    return compte


async def relire(hub: Hub, model: Any, *conditions: Any) -> list[Any]:
    async with hub.session() as session:
        return list((await session.scalars(sa.select(model).where(*conditions))).all())


# A mediator at work whose RDVs are mirrored, on a browser ------------------------------------

HIER = utcnow().replace(second=0, microsecond=0) - timedelta(days=1)


def participation(n: int, statut: str = "seen", **usager: Any) -> dict[str, Any]:
    identite = {"id": 900 + n, "prenom": "Inès", "nom": "Durand", "email": None, "telephone": None,
                "naissance": None} | usager
    return {"id": n, "statut": statut, "usager": identite}


async def mirror(hub: Any, cle: str, *, agent_id: int = AGENT, **values: Any) -> None:
    ligne = {"instance_id": INSTANCE_ID, "cle": cle, "agent_id": agent_id, "rdv_id": int(cle.split("-")[1]),
             "statut": "seen", "debut": HIER, "duree_minutes": 45, "participations": []} | values
    async with hub.session() as session, session.begin():
        session.add(Rdv(**ligne))


class AuTravail:
    """A mediator at work with a linked RDV-SP account, signed in on a browser."""

    def __init__(self, hub: Any, qui: EnPoste, compte: Compte, client: Any, csrf: str) -> None:
        self.hub, self.qui, self.compte, self.client, self.csrf = hub, qui, compte, client, csrf

    async def get(self, url: str, **kwargs: Any) -> Any:
        return await self.client.get(url, **kwargs)

    async def post(self, url: str, data: dict[str, Any]) -> Any:
        return await self.client.post(url, data={"csrf_token": self.csrf, **data})

    def cra(self, **champs: Any) -> dict[str, Any]:
        """The rest of a CRA form as the mediator completes it."""
        return {"type_lieu": "lieu_activite", "structure_id": self.qui.lieux[0], "thematiques": ["email"]} | champs


async def mediateur(hub_with: Any, client_of: Any, email: str = "camille@exemple.fr", agent_id: int = AGENT,
                    hub: Any = None, router: respx.MockRouter | None = None) -> AuTravail:
    """A mediator at work (employer, one lieu) with an account linked to ``agent_id``, signed in,
    on ``hub`` or a new one whose RDV-SP is ``router``."""
    hub = hub or await hub_rdv(hub_with, router or routeur())
    qui = await mediateur_en_poste(hub, email)
    compte = await compte_lie(hub, user_id=qui.user_id, agent_id=agent_id)
    client = await client_of(hub, login=None)
    await sign_in_client(client, hub, qui.user_id)
    page = await client.get("/rdv")
    return AuTravail(hub, qui, compte, client, page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0])
