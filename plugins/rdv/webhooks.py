"""RDV-SP webhooks: installed per organisation on linking, received signed, processed in a job.

- :func:`installer` (job ``rdv:installer_webhooks``): for each organisation of the account, an
  endpoint ``<public_url>/api/v1/rdv/webhooks/<random id>`` with a secret the hub generates (kept
  encrypted), created without backfill, then looked up again to be sure RDV-SP kept it (only
  organisation admins may install one). An organisation without a kept endpoint stays
  ``a_sonder`` and is polled (:mod:`plugins.rdv.sondage`).
- :func:`recevoir`: the signature (``X-Lapin-Signature``, HMAC-SHA256 of the raw body, constant
  time) is checked before anything else; a delivery already received on that endpoint is
  ignored; a new one is stored and queued.
- :func:`traiter` (job ``rdv:traiter_notification``): an RDV or an organisation lands in the
  mirror as a sync would land it; a destroyed one is marked deleted; other models are ignored.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa

from connectors.errors import AuthError, ConfigError, RecordError
from connectors.rdv_service_public import verify_signature
from hub.core.chiffrement import Illisible, chiffrer, dechiffrer
from hub.core.db.base import utcnow
from hub.core.db.upsert import dialect_insert
from hub.core.sync.http import connector_http_client
from plugins.rdv import comptes, miroir
from plugins.rdv.models import CHIFFREMENT, CONNECTE, Compte, Notification, Organisation, Webhook
from plugins.rdv.reglages import adresse_webhook

if TYPE_CHECKING:
    from hub.core.hub import Hub

TRAITER = "rdv:traiter_notification"
ABONNEMENTS = ("rdv", "user", "organisation", "motif", "lieu")
MODELES = {"Rdv": "rdvs", "Organisation": "organisations"}


async def installer(hub: Hub, compte_id: str) -> dict[str, int]:
    """Install the missing endpoints of the account; returns how many are installed and failed."""
    async with hub.session() as session:
        compte = await session.get(Compte, compte_id)
    if compte is None or compte.statut != CONNECTE:
        return {"installes": 0, "echecs": 0}
    installes = echecs = 0
    async with connector_http_client(hub) as http:
        client = comptes.client(hub, compte, http)
        try:
            organisations = [org async for org in client.organisations().records(on_error=lambda _: None)]
            for organisation in organisations:
                if await _installer_un(hub, client, compte, organisation.id):
                    installes += 1
                else:
                    echecs += 1
        except (AuthError, Illisible) as exc:
            await comptes.marquer_a_reconnecter(hub, compte.id, str(exc))
    return {"installes": installes, "echecs": echecs}


async def _installer_un(hub: Hub, client: Any, compte: Compte, organisation_id: int) -> bool:
    async with hub.session() as session, session.begin():
        webhook = await session.scalar(
            sa.select(Webhook).where(Webhook.compte_id == compte.id, Webhook.organisation_id == organisation_id)
        )
        if webhook is None:
            webhook = Webhook(
                id=secrets.token_urlsafe(24), compte_id=compte.id, organisation_id=organisation_id,
                secret=chiffrer(hub.settings.secret_key, secrets.token_urlsafe(32), usage=CHIFFREMENT),
            )
            session.add(webhook)
    if webhook.installe:
        return True
    url = adresse_webhook(hub, webhook.id)
    secret = dechiffrer(hub.settings.secret_key, webhook.secret, usage=CHIFFREMENT)
    try:
        existants = [e async for e in client.webhook_endpoints(organisation_id, target_url=url).records(on_error=lambda _: None)]
        if not existants:
            await client.create_webhook_endpoint(
                organisation_id, target_url=url, secret=secret, subscriptions=ABONNEMENTS, trigger=False
            )
            existants = [e async for e in client.webhook_endpoints(organisation_id, target_url=url).records(on_error=lambda _: None)]
        else:
            await client.update_webhook_endpoint(
                organisation_id, existants[0].id, secret=secret, subscriptions=ABONNEMENTS, trigger=False
            )
        garde = next((e for e in existants if e.target_url == url), None)
        message = None if garde else "RDV Service Public n'a pas gardé le webhook : ses rendez-vous sont relus régulièrement."
    except (ConfigError, RecordError) as exc:
        garde, message = None, f"Webhook non installé ({exc}) : ses rendez-vous sont relus régulièrement."
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(Webhook).where(Webhook.id == webhook.id).values(
            installe=garde is not None, endpoint_id=garde.id if garde else None, message=message
        ))
        await session.execute(sa.update(Organisation).where(
            Organisation.agent_id == compte.agent_id, Organisation.organisation_id == organisation_id
        ).values(a_sonder=garde is None))
    return garde is not None


class Refus(Exception):
    """A delivery refused (401): unknown endpoint or bad signature. The message is French."""


async def recevoir(hub: Hub, webhook_id: str, corps: bytes, signature: str | None) -> bool:
    """Check and store one delivery; ``True`` if it is new (and queued), ``False`` for a replay.
    Raises :class:`Refus` for an unknown endpoint or a missing or wrong signature."""
    async with hub.session() as session:
        webhook = await session.get(Webhook, webhook_id)
    try:
        secret = dechiffrer(hub.settings.secret_key, webhook.secret, usage=CHIFFREMENT) if webhook else ""
    except Illisible:
        secret = ""
    if not verify_signature(secret, corps, signature):
        raise Refus("signature X-Lapin-Signature absente ou fausse, ou webhook inconnu : notification refusée")
    empreinte = hashlib.sha256(corps).hexdigest()
    async with hub.session() as session, session.begin():
        insert = dialect_insert(session, Notification.__table__).values(
            webhook_id=webhook_id, empreinte=empreinte, corps=corps.decode("utf-8", "replace"), recue_le=utcnow()
        ).on_conflict_do_nothing(index_elements=["webhook_id", "empreinte"]).returning(Notification.id)
        notification_id = await session.scalar(insert)
    if notification_id is None:
        return False
    await hub.queue.enqueue(TRAITER, job_id=f"rdv:notification:{notification_id}", notification_id=notification_id)
    return True


async def traiter(hub: Hub, notification_id: int) -> dict[str, Any]:
    """Apply one stored notification to the mirror (once: a processed one is left alone)."""
    async with hub.session() as session:
        notification = await session.get(Notification, notification_id)
        if notification is None or notification.traitee_le is not None:
            return {"traitee": False}
        webhook = await session.get_one(Webhook, notification.webhook_id)
        compte = await session.get_one(Compte, webhook.compte_id)
        instance_id = await miroir.instance_rdv(session)
    erreur, resultat = None, "ignorée"
    try:
        corps = msgspec.json.decode(notification.corps)
        meta, data = corps.get("meta") or {}, corps.get("data")
        stream = MODELES.get(meta.get("model", ""))
        if stream and instance_id is None:
            raise RecordError("aucune instance rdv.service_public n'est déclarée dans hub.toml : déclarez-la")
        if stream:
            resultat = await _appliquer(hub, stream, instance_id or "", compte, meta.get("event"), data)
    except (RecordError, msgspec.DecodeError, AttributeError) as exc:
        erreur, resultat = f"notification écartée : {exc}", "écartée"
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(Notification).where(Notification.id == notification_id)
                              .values(traitee_le=utcnow(), erreur=erreur))
    return {"traitee": True, "resultat": resultat}


async def _appliquer(hub: Hub, stream: str, instance_id: str, compte: Compte, event: Any, data: Any) -> str:
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise RecordError("« data.id » manquant")
    agents = {agent.get("id") for agent in data.get("agents") or [] if isinstance(agent, dict)}
    async with hub.session() as session, session.begin():
        if event == "destroyed" or (stream == "rdvs" and compte.agent_id not in agents):
            await miroir.supprimer(session, stream, instance_id, compte, data["id"])
            return "supprimée"
        await miroir.enregistrer(session, stream, [miroir.ligne(stream, instance_id, compte, data)])
    return "enregistrée"
