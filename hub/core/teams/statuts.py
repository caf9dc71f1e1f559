"""A coordinator's team as « Mon équipe » shows it: each person and their status, as La Coop.

Statuses: « Invitation envoyée » (a pending invitation, known user or not), « Actif »,
« Inactif depuis le JJ/MM/AAAA », « Ancien membre » (removed or left), « Profil supprimé ».

A member is inactive when nothing happened for :data:`INACTIVITE` (two months, La Coop's
« actif » window): the reference is their last recorded activity
(``Mediateur.derniere_creation_activite``, kept by the activities' writes) when there is one,
else the start of their membership — a new member is active for their first two months.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.base import utcnow
from hub.core.identity.models import Mediateur, User
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne

INACTIVITE = timedelta(days=60)
PARIS = ZoneInfo("Europe/Paris")

Statut = Literal["invitation_envoyee", "actif", "inactif", "ancien_membre", "profil_supprime"]


class MembreEquipe(msgspec.Struct, frozen=True, kw_only=True):
    """One person of the team page. ``mediateur_id`` is set for members (current or former),
    ``invitation_id`` for a pending invitation; ``debut``/``fin`` bound the latest membership;
    ``depuis`` is the date in the label (last activity, or departure)."""

    email: str
    statut: Statut
    libelle: str
    mediateur_id: str | None = None
    invitation_id: str | None = None
    prenom: str | None = None
    nom: str | None = None
    is_conseiller_numerique: bool = False
    debut: datetime | None = None
    fin: datetime | None = None
    depuis: datetime | None = None


def statut_membre(
    *, debut: datetime, fin: datetime | None, derniere_activite: datetime | None, supprime: bool, maintenant: datetime
) -> tuple[Statut, datetime | None]:
    """The status of one membership, and the date it is « depuis » (``None`` when it has none)."""
    if supprime:
        return "profil_supprime", None
    if fin is not None:
        return "ancien_membre", fin
    reference = derniere_activite or debut
    if maintenant - reference > INACTIVITE:
        return "inactif", reference
    return "actif", None


def libelle(statut: Statut, depuis: datetime | None) -> str:
    """The French label of a status (dates shown at Paris time)."""
    if statut == "inactif" and depuis is not None:
        return f"Inactif depuis le {depuis.astimezone(PARIS):%d/%m/%Y}"
    return {
        "invitation_envoyee": "Invitation envoyée",
        "actif": "Actif",
        "inactif": "Inactif",
        "ancien_membre": "Ancien membre",
        "profil_supprime": "Profil supprimé",
    }[statut]


async def membres_equipe(
    session: AsyncSession, coordinateur_id: str, *, maintenant: datetime | None = None
) -> list[MembreEquipe]:
    """Everyone of the team, current and former members and pending invitations, one row per
    person (a former member invited again shows « Invitation envoyée »), by name."""
    maintenant = maintenant or utcnow()
    rows = await session.execute(
        sa.select(MediateurCoordonne, Mediateur, User)
        .join(Mediateur, Mediateur.id == MediateurCoordonne.mediateur_id)
        .join(User, User.id == Mediateur.user_id)
        .where(MediateurCoordonne.coordinateur_id == coordinateur_id)
        .order_by(MediateurCoordonne.creation)
    )
    latest = {mediateur.id: (lien, mediateur, user) for lien, mediateur, user in rows.all()}
    pending = {
        invitation.email: invitation
        for invitation in await session.scalars(
            sa.select(InvitationEquipe).where(
                InvitationEquipe.coordinateur_id == coordinateur_id,
                InvitationEquipe.acceptee.is_(None),
                InvitationEquipe.refusee.is_(None),
            )
        )
    }
    membres = []
    for lien, mediateur, user in latest.values():
        invitation = pending.pop(user.email.lower(), None) if lien.suppression is not None else None
        statut, depuis = (
            ("invitation_envoyee", None)
            if invitation is not None
            else statut_membre(
                debut=lien.creation,
                fin=lien.suppression,
                derniere_activite=mediateur.derniere_creation_activite,
                supprime=user.suppression is not None,
                maintenant=maintenant,
            )
        )
        membres.append(
            MembreEquipe(
                email=user.email,
                statut=statut,
                libelle=libelle(statut, depuis),
                mediateur_id=mediateur.id,
                invitation_id=invitation.id if invitation is not None else None,
                prenom=user.prenom,
                nom=user.nom,
                is_conseiller_numerique=user.is_conseiller_numerique,
                debut=lien.creation,
                fin=lien.suppression,
                depuis=depuis,
            )
        )
    membres += [
        MembreEquipe(
            email=email,
            statut="invitation_envoyee",
            libelle=libelle("invitation_envoyee", None),
            invitation_id=invitation.id,
        )
        for email, invitation in pending.items()
    ]
    return sorted(membres, key=lambda m: ((m.nom or m.email).casefold(), (m.prenom or "").casefold(), m.email))
