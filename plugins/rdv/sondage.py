"""Polling the organisations without a webhook (job ``rdv:sonder``, every 15 minutes).

For each connected account, the organisations flagged ``a_sonder`` (refreshed first from the
webhooks actually installed) have the agent's RDVs of the last :data:`RELECTURE` days and to
come read again and written as a sync writes them. The engine's scheduled sync of the ``rdvs``
stream still reads everything; this only brings those organisations closer to real time.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from connectors.errors import AuthError, RecordError
from hub.core.activites.dates import aujourd_hui
from hub.core.chiffrement import Illisible
from hub.core.sync.http import connector_http_client
from plugins.rdv import comptes, miroir
from plugins.rdv.models import Compte, Organisation, Webhook

if TYPE_CHECKING:
    from hub.core.hub import Hub

RELECTURE = timedelta(days=30)


async def a_sonder(hub: Hub, compte: Compte) -> list[int]:
    """The account's organisations without an installed webhook (their flag brought up to date)."""
    installe = sa.select(Webhook.id).where(
        Webhook.compte_id == compte.id, Webhook.organisation_id == Organisation.organisation_id, Webhook.installe.is_(True)
    ).exists()
    async with hub.session() as session, session.begin():
        await session.execute(
            sa.update(Organisation).where(Organisation.agent_id == compte.agent_id)
            .values(a_sonder=~installe).execution_options(synchronize_session=False)
        )
        query = sa.select(Organisation.organisation_id).where(
            Organisation.agent_id == compte.agent_id, Organisation.a_sonder.is_(True), Organisation.supprime_le.is_(None)
        ).order_by(Organisation.organisation_id)
        return list((await session.scalars(query)).all())


async def sonder(hub: Hub) -> dict[str, int]:
    """Poll every account's organisations without webhook; returns the RDVs read and written."""
    async with hub.session() as session:
        instance_id = await miroir.instance_rdv(session)
    lus = ecrits = ecartes = 0
    if instance_id is None:
        return {"lus": 0, "ecrits": 0, "ecartes": 0}
    depuis = aujourd_hui() - RELECTURE
    async with connector_http_client(hub) as http:
        for compte in await comptes.comptes_actifs(hub):
            try:
                client = comptes.client(hub, compte, http)
                for organisation_id in await a_sonder(hub, compte):
                    query = client.rdvs(organisation_id=organisation_id, agent_id=compte.agent_id,
                                        starts_after=max(depuis, compte.depuis))
                    async for page in query.pages():
                        lignes = []
                        for raw in page.raw:
                            lus += 1
                            try:
                                lignes.append(miroir.ligne("rdvs", instance_id, compte, raw))
                            except RecordError:
                                ecartes += 1  # the scheduled sync dead-letters it with its reason
                        async with hub.session() as session, session.begin():
                            counts = await miroir.enregistrer(session, "rdvs", lignes)
                        ecrits += counts.inserted + counts.updated
            except (AuthError, Illisible) as exc:
                await comptes.marquer_a_reconnecter(hub, compte.id, str(exc))
    return {"lus": lus, "ecrits": ecrits, "ecartes": ecartes}
