"""Share links: a mediator (their own statistics) or a coordinator (their team's) switches on a
public, read-only link, and off again.

- :func:`activer` draws a new secret each time (an old link never comes back to life);
- :func:`desactiver` deletes the link: its address answers 404 from then on;
- :func:`partage_par_jeton` finds the link of a public address, :func:`proprietaire` whose
  statistics it shows (the scope, computed as the owner's page computes it, and their name).

Each switch is written to the audit log (``stats.partage_active`` / ``stats.partage_desactive``)
with the scope only, never the secret.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.portee import Portee, PorteeMediateur, portee_equipe
from hub.core.audit.journal import record_mutation
from hub.core.errors import NotFound
from hub.core.identity import Principal
from hub.core.identity.models import Coordinateur, Mediateur, User
from plugins.stats.models import Partage
from plugins.stats.portees import EQUIPE, MEDIATEUR, Vue, portee_de

LIEN_INCONNU = (
    "Ce lien de partage de statistiques n'existe pas ou a été désactivé par la personne qui l'avait créé. "
    "Demandez-lui un nouveau lien."
)


def _proprietaire(principal: Principal, vue: Vue) -> sa.ColumnElement[bool]:
    if vue is MEDIATEUR:
        return Partage.mediateur_id == principal.mediateur_id
    return Partage.coordinateur_id == principal.coordinateur_id


async def partage_de(session: AsyncSession, principal: Principal, vue: Vue) -> Partage | None:
    """The principal's link for ``vue`` when it is switched on."""
    return await session.scalar(sa.select(Partage).where(_proprietaire(principal, vue)))


async def activer(session: AsyncSession, principal: Principal, vue: Vue) -> Partage:
    """Switch the link of ``vue`` on with a new secret (the previous one, if any, stops working);
    :class:`~hub.core.errors.Forbidden` when the principal may not see ``vue``."""
    await portee_de(session, principal, vue)
    await session.execute(sa.delete(Partage).where(_proprietaire(principal, vue)))
    partage = Partage(
        jeton=secrets.token_urlsafe(32),
        mediateur_id=principal.mediateur_id if vue is MEDIATEUR else None,
        coordinateur_id=principal.coordinateur_id if vue is EQUIPE else None,
    )
    session.add(partage)
    await session.flush()
    await record_mutation(session, user_id=principal.id, nom="stats.partage_active", donnees={"portee": vue.cle})
    return partage


async def desactiver(session: AsyncSession, principal: Principal, vue: Vue) -> None:
    """Switch the link of ``vue`` off (nothing to do when it is off)."""
    supprimes = await session.execute(sa.delete(Partage).where(_proprietaire(principal, vue)))
    if supprimes.rowcount:
        await record_mutation(session, user_id=principal.id, nom="stats.partage_desactive", donnees={"portee": vue.cle})


async def partage_par_jeton(session: AsyncSession, jeton: str) -> Partage:
    """The link of a public address; :class:`NotFound` when it is unknown or switched off."""
    partage = await session.scalar(sa.select(Partage).where(Partage.jeton == jeton)) if len(jeton) <= 64 else None
    if partage is None:
        raise NotFound(LIEN_INCONNU)
    return partage


@dataclass(frozen=True, slots=True)
class Proprietaire:
    """Whose statistics a link shows: their name, the scope's kind, the activities read."""

    nom: str
    vue: Vue
    portee: Portee
    user_id: str


async def proprietaire(session: AsyncSession, partage: Partage) -> Proprietaire:
    """The owner of ``partage`` and the activities their link shows."""
    if partage.mediateur_id is not None:
        user = await session.scalar(
            sa.select(User).join(Mediateur, Mediateur.user_id == User.id).where(Mediateur.id == partage.mediateur_id)
        )
        assert user is not None  # the row goes with the mediator (ON DELETE CASCADE)
        return Proprietaire(_nom(user), MEDIATEUR, PorteeMediateur(partage.mediateur_id), user.id)
    user = await session.scalar(
        sa.select(User).join(Coordinateur, Coordinateur.user_id == User.id).where(Coordinateur.id == partage.coordinateur_id)
    )
    assert user is not None
    mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))
    coordinateur = Principal(
        id=user.id, display_name=_nom(user), coordinateur_id=partage.coordinateur_id, mediateur_id=mediateur_id
    )
    return Proprietaire(_nom(user), EQUIPE, await portee_equipe(session, coordinateur), user.id)


def _nom(user: User) -> str:
    return " ".join(partie for partie in (user.prenom, user.nom) if partie) or "Une personne du hub"
