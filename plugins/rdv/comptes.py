"""Linked accounts: their tokens (decrypted only in memory), the RDV-SP client acting as them,
and their status.

A client built here refreshes the token when it expires within a minute and once after a 401
(:class:`~connectors.rdv_service_public.RefreshingToken`); every new token is encrypted and
stored before use. A token refused even refreshed is an :class:`~connectors.errors.AuthError`:
:func:`marquer_a_reconnecter` then stops every call for that account until it is linked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import sqlalchemy as sa

from connectors.errors import ConfigError
from connectors.rdv_service_public import OAuthApp, OAuthToken, RdvClient, RefreshingToken
from hub.core.db.base import utcnow
from hub.core.chiffrement import chiffrer, dechiffrer
from plugins.rdv.models import A_RECONNECTER, CHIFFREMENT, CONNECTE, Compte
from plugins.rdv.reglages import adresse_retour, reglages

if TYPE_CHECKING:
    from hub.core.hub import Hub

RECONNECTER = "RDV Service Public refuse l'accès à votre compte : cliquez sur « Lier mon compte RDV Service Public » pour le relier de nouveau."


def application(hub: Hub) -> OAuthApp:
    """The hub's OAuth application on the configured instance; :class:`ConfigError` (French)
    when ``[plugins.rdv]`` lacks the client id or secret."""
    config = reglages(hub)
    if not config.oauth_configure or config.client_secret is None:
        raise ConfigError(
            "la liaison à RDV Service Public n'est pas configurée : l'opérateur du hub doit renseigner "
            "client_id et client_secret dans [plugins.rdv] de hub.toml"
        )
    return OAuthApp(
        config.instance_url,
        client_id=config.client_id or "",
        client_secret=config.client_secret.reveal(),
        redirect_uri=adresse_retour(hub),
        transport=hub.http_transport,
    )


def jeton(hub: Hub, compte: Compte) -> OAuthToken:
    """The account's token, decrypted (:class:`~hub.core.chiffrement.Illisible` if it cannot be)."""
    key = hub.settings.secret_key
    renouvellement = compte.jeton_renouvellement
    return OAuthToken(
        access_token=dechiffrer(key, compte.jeton_acces, usage=CHIFFREMENT),
        refresh_token=dechiffrer(key, renouvellement, usage=CHIFFREMENT) if renouvellement else None,
        expires_at=compte.expire_le,
        scope=compte.portee,
    )


def colonnes_jeton(hub: Hub, token: OAuthToken) -> dict[str, object]:
    """The columns of :class:`Compte` that hold ``token``, encrypted."""
    key = hub.settings.secret_key
    renouvellement = token.refresh_token
    return {
        "jeton_acces": chiffrer(key, token.access_token, usage=CHIFFREMENT),
        "jeton_renouvellement": chiffrer(key, renouvellement, usage=CHIFFREMENT) if renouvellement else None,
        "expire_le": token.expires_at,
        "portee": token.scope,
    }


def client(hub: Hub, compte: Compte, http: httpx.AsyncClient) -> RdvClient:
    """An RDV-SP client acting as the account's agent, on ``http`` (left open)."""

    async def enregistrer(token: OAuthToken) -> None:
        async with hub.session() as session, session.begin():
            await session.execute(
                sa.update(Compte).where(Compte.id == compte.id).values(**colonnes_jeton(hub, token))
            )

    tokens = RefreshingToken(application(hub), jeton(hub, compte), enregistrer)
    return RdvClient(compte.instance_url, tokens, http=http)


async def comptes_actifs(hub: Hub) -> list[Compte]:
    """The accounts whose token RDV-SP has not refused, in a stable order."""
    async with hub.session() as session:
        query = sa.select(Compte).where(Compte.statut == CONNECTE).order_by(Compte.agent_id)
        return list((await session.scalars(query)).all())


async def marquer_a_reconnecter(hub: Hub, compte_id: str, raison: str) -> None:
    """Nothing is read for that account any more until the mediator links it again."""
    async with hub.session() as session, session.begin():
        await session.execute(
            sa.update(Compte).where(Compte.id == compte_id).values(statut=A_RECONNECTER, message=f"{RECONNECTER} ({raison})")
        )


async def noter_lecture(hub: Hub, compte_id: str) -> None:
    async with hub.session() as session, session.begin():
        await session.execute(sa.update(Compte).where(Compte.id == compte_id).values(lu_le=utcnow(), message=None))
