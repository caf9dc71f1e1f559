"""Who a request of the core's API acts for, and for which mediator.

- A signed-in person (session cookie; an unsafe method also needs the ``X-CSRF-Token`` header,
  :mod:`hub.core.web.csrf`) acts for themself: they must be a mediator (403 otherwise), and a
  ``mediateur_id`` they give must be their own.
- An API client (``Authorization: Bearer``, scope ``activites:ecriture``; no CSRF) acts for the
  mediator it names in ``mediateur_id``: required, a mediator whose account is not deleted.
  A faulty ``mediateur_id`` is a :class:`~hub.core.errors.ValidationError` on that field.

Writes go through :func:`ecriture`: one transaction, rolled back on any error; the mutations it
records carry the person as ``user_id``, or for an API client no user and, in their data,
``client_api`` (the client's id and name).
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from litestar.di import NamedDependency
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from hub.core.api_clients.authenticate import AuthenticatedClient
from hub.core.audit.models import Mutation
from hub.core.errors import Forbidden, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.identity.models import Mediateur, User

# The access rule of the write API's routes (:mod:`hub.core.web.access`).
ECRITURE = {"api_scope": "activites:ecriture", "authenticated": True}
CHAMP_MEDIATEUR = "mediateur_id"
MEDIATEURS_SEULEMENT = "Seuls les médiateurs enregistrent des activités et suivent des bénéficiaires."
MEDIATEUR_REQUIS = "Indiquez le médiateur pour lequel le client d'API agit."
MEDIATEUR_INCONNU = "Médiateur introuvable (identifiant inconnu ou compte supprimé)."
AUTRE_MEDIATEUR = "Une session n'agit que pour le médiateur connecté : retirez ce champ ou donnez votre identifiant."


@dataclass(frozen=True, slots=True)
class Appelant:
    """The request's author: an API client when it authenticated as one, else the person."""

    principal: Principal | None
    client: AuthenticatedClient | None

    @property
    def user_id(self) -> str | None:
        """The user recorded as acting (``None`` for an API client)."""
        return self.principal.id if self.principal is not None else None

    def mediateur_connecte(self) -> str:
        """The signed-in person's mediator id; :class:`Forbidden` when they are not a mediator."""
        if self.principal is None or self.principal.mediateur_id is None:
            raise Forbidden(MEDIATEURS_SEULEMENT)
        return self.principal.mediateur_id


async def provide_appelant(
    principal: NamedDependency[Principal | None], api_client: NamedDependency[AuthenticatedClient | None]
) -> Appelant:
    """The ``appelant`` dependency of the API's handlers: the API client when the request
    authenticated as one (even beside a session cookie), else the signed-in person."""
    return Appelant(principal=None if api_client is not None else principal, client=api_client)


async def mediateur_agissant(db: AsyncSession, appelant: Appelant, valeur: Any, *, champ: str = CHAMP_MEDIATEUR) -> str:
    """The mediator the request acts for, from the mediator id it gives in ``champ`` (``valeur``,
    absent as ``None``). See the module for the rules."""
    if appelant.client is None:
        propre = appelant.mediateur_connecte()
        if valeur not in (None, "", propre):
            raise ValidationError({champ: AUTRE_MEDIATEUR})
        return propre
    if valeur in (None, ""):
        raise ValidationError({champ: MEDIATEUR_REQUIS})
    mediateur_id = await _mediateur_actif(db, valeur)
    if mediateur_id is None:
        raise ValidationError({champ: MEDIATEUR_INCONNU})
    return mediateur_id


async def _mediateur_actif(db: AsyncSession, valeur: Any) -> str | None:
    """The id of the mediator ``valeur`` names (a UUID, looked up in its canonical form) when
    their account is not deleted."""
    if not isinstance(valeur, str):
        return None
    try:
        mediateur_id = str(uuid.UUID(valeur))
    except ValueError:
        return None
    return await db.scalar(
        sa.select(Mediateur.id)
        .join(User, User.id == Mediateur.user_id)
        .where(Mediateur.id == mediateur_id, User.suppression.is_(None))
    )


@asynccontextmanager
async def ecriture(hub: Hub, appelant: Appelant) -> AsyncIterator[AsyncSession]:
    """A database session in one transaction, committed when the block ends, rolled back when
    it raises; an API client's mutations are signed with it (see the module)."""
    async with hub.session() as db, db.begin():
        if appelant.client is not None:
            event.listen(db.sync_session, "before_flush", _signataire(appelant.client))
        yield db


def _signataire(client: AuthenticatedClient) -> Callable[[Session, Any, Any], None]:
    """A ``before_flush`` listener adding ``client_api`` to the data of each new mutation."""
    signature = {"id": client.id, "nom": client.nom}

    def signer(session: Session, _contexte: Any, _instances: Any) -> None:
        for objet in session.new:
            if isinstance(objet, Mutation):
                objet.donnees = {**(objet.donnees or {}), "client_api": signature}

    return signer
