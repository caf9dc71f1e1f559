"""Linking a mediator's RDV Service Public account (OAuth 2 authorisation code) and unlinking it.

:func:`commencer` keeps a ``state`` (single use, 10 minutes, tied to the person) and gives the
authorisation URL; :func:`terminer` checks it, exchanges the code, asks RDV-SP who the agent is,
stores the tokens encrypted, then queues the webhooks' installation and a first sync.
:func:`delier` forgets the tokens and the account's mirror at once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa

from connectors.rdv_service_public import RdvClient, StaticToken
from hub.core.activites.dates import aujourd_hui
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.sync.models import ConnectorInstance
from hub.core.sync.scheduling import SYNC_JOB
from hub.core.sync.states import LOADED
from plugins.rdv.comptes import application, colonnes_jeton
from plugins.rdv.connecteur import KIND
from plugins.rdv.models import CONNECTE, Compte, Liaison, Organisation, Rdv
from plugins.rdv.reglages import reglages

if TYPE_CHECKING:
    from hub.core.hub import Hub

VALIDITE = timedelta(minutes=10)
INSTALLER_WEBHOOKS = "rdv:installer_webhooks"
PERIMEE = (
    "La demande de liaison est inconnue ou périmée (10 minutes au plus, une seule fois) : "
    "cliquez de nouveau sur « Lier mon compte RDV Service Public »."
)
DEJA_LIE = (
    "Ce compte RDV Service Public est déjà lié à une autre personne du hub : déliez-le depuis son espace, "
    "ou connectez-vous à RDV Service Public avec votre propre compte avant de recommencer."
)
REFUSEE = (
    "Vous n'avez pas autorisé le hub à accéder à votre compte RDV Service Public : rien n'a été lié. "
    "Cliquez de nouveau sur « Lier mon compte RDV Service Public » si vous changez d'avis."
)


async def commencer(hub: Hub, user_id: str) -> str:
    """The authorisation URL to send the mediator to; :class:`ConfigError` if the operator has
    not configured the OAuth application."""
    url, state = application(hub).authorization_url()
    async with hub.session() as session, session.begin():
        await session.execute(sa.delete(Liaison).where(Liaison.cree_le < utcnow() - VALIDITE))
        session.add(Liaison(state=state, user_id=user_id))
    return url


async def terminer(
    hub: Hub, *, user_id: str, mediateur_id: str, code: str | None, state: str | None, error: str | None = None
) -> Compte:
    """The account linked from the callback's parameters.

    :class:`ValidationError` (``state`` or ``code``) for an unknown, expired or foreign state, a
    refusal by the agent or a missing code; :class:`~connectors.errors.AuthError` when RDV-SP
    refuses the code, :class:`~connectors.errors.ConfigError` when it refuses the application,
    :class:`~connectors.errors.TransientError` when it is unreachable.
    """
    async with hub.session() as session, session.begin():
        liaison = await session.get(Liaison, state) if state else None
        if liaison is not None:
            await session.delete(liaison)
    if liaison is None or liaison.user_id != user_id or liaison.cree_le < utcnow() - VALIDITE:
        raise ValidationError({"state": PERIMEE})
    if error or not code:
        raise ValidationError({"code": REFUSEE})
    token = await application(hub).exchange_code(code)
    instance_url = reglages(hub).instance_url
    async with RdvClient(instance_url, StaticToken(token.access_token), transport=hub.http_transport) as client:
        agent = await client.me()
    async with hub.session() as session, session.begin():
        autre = await session.scalar(sa.select(Compte.user_id).where(
            Compte.instance_url == instance_url, Compte.agent_id == agent.id, Compte.user_id != user_id
        ))
        if autre is not None:
            raise ValidationError({"compte": DEJA_LIE})
        compte = await session.scalar(sa.select(Compte).where(Compte.user_id == user_id))
        if compte is None:
            depuis = aujourd_hui() - timedelta(days=reglages(hub).historique_jours)
            compte = Compte(user_id=user_id, mediateur_id=mediateur_id, depuis=depuis)
            session.add(compte)
        elif compte.agent_id != agent.id:
            await _oublier_miroir(session, compte.agent_id)
        compte.instance_url, compte.agent_id = instance_url, agent.id
        compte.email = agent.email
        compte.nom = " ".join(part for part in (agent.first_name, agent.last_name) if part) or None
        compte.statut, compte.message, compte.lie_le = CONNECTE, None, utcnow()
        for colonne, valeur in colonnes_jeton(hub, token).items():
            setattr(compte, colonne, valeur)
    await hub.queue.enqueue(INSTALLER_WEBHOOKS, job_id=f"rdv:webhooks:{compte.id}:{int(utcnow().timestamp())}", compte_id=compte.id)
    await synchroniser_bientot(hub)
    return compte


async def synchroniser_bientot(hub: Hub) -> None:
    """Queue a sync of every stream of the RDV instances, now (the scheduler's ids are not reused)."""
    async with hub.session() as session:
        instances = list(await session.scalars(
            sa.select(ConnectorInstance.id).where(ConnectorInstance.kind == KIND, ConnectorInstance.state == LOADED)
        ))
    moment = int(utcnow().timestamp())
    for instance_id in instances:
        for stream in ("organisations", "rdvs"):
            await hub.queue.enqueue(
                SYNC_JOB, job_id=f"sync:{instance_id}:{stream}:rdv{moment}", instance_id=instance_id, stream=stream
            )


async def delier(hub: Hub, user_id: str) -> bool:
    """Forget the person's account: tokens, webhooks' secrets and mirror. ``False`` if none."""
    async with hub.session() as session, session.begin():
        compte = await session.scalar(sa.select(Compte).where(Compte.user_id == user_id))
        if compte is None:
            return False
        await _oublier_miroir(session, compte.agent_id)
        await session.delete(compte)
    return True


async def _oublier_miroir(session, agent_id: int) -> None:
    for table in (Rdv, Organisation):
        await session.execute(sa.delete(table).where(table.agent_id == agent_id))
