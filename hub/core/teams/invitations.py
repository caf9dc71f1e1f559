"""Invitations to join a coordinator's team: sent by e-mail, answered by the invited person.

An invitation is for an e-mail address, known user or not, unique per coordinator and address.
It is pending until accepted or declined; the coordinator may resend or cancel it meanwhile. A
declined invitation — or an accepted one whose member has left since — can be sent again: the
same row starts over. Only the person signed in with the invited address may see or answer it;
for anyone else it does not exist (:class:`NotFound`).

``coordinateur_id`` and ``user_id`` come from the principal, never from the request. Each
function runs in the caller's transaction, refuses before writing and records its mutation.
Mails leave after the rows are flushed, so a refused row never sends a mail; an SMTP failure
raises, and the caller's transaction should then be rolled back.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, Forbidden, NotFound, ValidationError
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.identity.users import utilisateur_actif
from hub.core.teams.courriels import envoyer_invitation
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne
from hub.core.validation import check
from hub.core.validation.champs import Email

if TYPE_CHECKING:
    from hub.core.hub import Hub

INVITATION_INTROUVABLE = "Invitation introuvable."
RESERVE_COORDINATEURS = "Seuls les coordinateurs invitent des médiateurs dans leur équipe."
DEJA_REPONDUE = "Cette invitation a déjà reçu une réponse."
INSCRIPTION_A_TERMINER = "Terminez votre inscription comme médiateur pour rejoindre une équipe."


class InvitationsInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    emails: Annotated[
        list[Email], msgspec.Meta(min_length=1, max_length=50, extra={"message": "Indiquez de 1 à 50 adresses e-mail."})
    ]


class InvitationView(msgspec.Struct, frozen=True, kw_only=True):
    """An invitation as the invited person sees it."""

    id: str
    email: str
    coordinateur_id: str
    coordinateur: str
    coordinateur_email: str
    creation: datetime
    renvoyee: datetime | None


def en_attente(invitation: InvitationEquipe) -> bool:
    return invitation.acceptee is None and invitation.refusee is None


async def inviter_mediateurs_coordonnes(
    session: AsyncSession, hub: Hub, coordinateur_id: str, data: InvitationsInput, *, par: str | None
) -> list[InvitationEquipe]:
    """Invite each address of ``data.emails`` (duplicates merged) and mail it.
    :class:`Forbidden` for a non-coordinator; :class:`ValidationError` on ``emails`` for the
    coordinator's own address, a current member, or an invitation still pending."""
    data = check(data)
    coordinateur = await _coordinateur(session, coordinateur_id)
    emails = list(dict.fromkeys(data.emails))
    existing = {
        invitation.email: invitation
        for invitation in await session.scalars(
            sa.select(InvitationEquipe).where(
                InvitationEquipe.coordinateur_id == coordinateur_id, InvitationEquipe.email.in_(emails)
            )
        )
    }
    mediateurs = await _mediateurs_par_email(session, emails)
    membres = await _membres_actifs(session, coordinateur_id)
    errors = [_refus(email, coordinateur, existing.get(email), mediateurs.get(email), membres) for email in emails]
    refused = [error for error in errors if error]
    if refused:
        raise ValidationError({"emails": " ".join(refused)})
    async with journalise(session, user_id=par, nom="inviter_mediateurs_coordonnes") as donnees:
        invitations = []
        for email in emails:
            invitation = existing.get(email) or InvitationEquipe(email=email, coordinateur_id=coordinateur_id)
            invitation.creation = utcnow()
            invitation.acceptee = invitation.refusee = invitation.renvoyee = None
            invitation.mediateur_id = mediateurs.get(email)
            session.add(invitation)
            invitations.append(invitation)
        await session.flush()
        for invitation in invitations:
            await envoyer_invitation(hub, invitation, coordinateur)
        donnees.update(coordinateur_id=coordinateur_id, emails=emails, invitation_ids=[i.id for i in invitations])
    return invitations


async def renvoyer_invitation(
    session: AsyncSession, hub: Hub, invitation_id: str, *, coordinateur_id: str, par: str | None
) -> InvitationEquipe:
    """Mail a pending invitation of the coordinator's again (``renvoyee`` set).
    :class:`NotFound` for another's; :class:`Conflict` once answered."""
    invitation = await _du_coordinateur(session, invitation_id, coordinateur_id)
    if not en_attente(invitation):
        raise Conflict(DEJA_REPONDUE)
    coordinateur = await _coordinateur(session, coordinateur_id)
    async with journalise(session, user_id=par, nom="renvoyer_invitation_mediateur_coordonne") as donnees:
        invitation.renvoyee = utcnow()
        await session.flush()
        await envoyer_invitation(hub, invitation, coordinateur, rappel=True)
        donnees.update(invitation_id=invitation.id, email=invitation.email)
    return invitation


async def annuler_invitation(
    session: AsyncSession, invitation_id: str, *, coordinateur_id: str, par: str | None
) -> None:
    """Withdraw an invitation of the coordinator's that was not accepted (the row goes: its
    link then leads nowhere). :class:`NotFound` for another's; :class:`Conflict` once accepted."""
    invitation = await _du_coordinateur(session, invitation_id, coordinateur_id)
    if invitation.acceptee is not None:
        raise Conflict("Cette invitation a été acceptée : retirez plutôt le membre de l'équipe.")
    async with journalise(session, user_id=par, nom="annuler_invitation_mediateur_coordonne") as donnees:
        await session.delete(invitation)
        await session.flush()
        donnees.update(invitation_id=invitation_id, email=invitation.email)


async def invitation_pour(session: AsyncSession, invitation_id: str, *, user_id: str) -> InvitationView:
    """The invitation as its invited person sees it (pending or not). :class:`NotFound` for anyone else."""
    invitation, _user = await _pour(session, invitation_id, user_id)
    return (await _views(session, [invitation]))[0]


async def invitations_recues(session: AsyncSession, *, user_id: str) -> list[InvitationView]:
    """The pending invitations addressed to the user, newest first."""
    user = await utilisateur_actif(session, user_id)
    invitations = await session.scalars(
        sa.select(InvitationEquipe)
        .where(
            InvitationEquipe.email == user.email.lower(),
            InvitationEquipe.acceptee.is_(None),
            InvitationEquipe.refusee.is_(None),
        )
        .order_by(InvitationEquipe.creation.desc())
    )
    return await _views(session, list(invitations))


async def accepter_invitation(session: AsyncSession, invitation_id: str, *, user_id: str) -> MediateurCoordonne:
    """The invited person joins the team from now. :class:`NotFound` unless invited;
    :class:`Conflict` once answered, or before their sign-up as a mediator is validated."""
    invitation, user = await _pour(session, invitation_id, user_id)
    if not en_attente(invitation):
        raise Conflict(DEJA_REPONDUE)
    mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user.id))
    if mediateur_id is None or user.inscription_validee is None:
        raise Conflict(INSCRIPTION_A_TERMINER)
    async with journalise(session, user_id=user.id, nom="accepter_invitation_mediateur_coordonne") as donnees:
        now = utcnow()
        invitation.acceptee = now
        invitation.mediateur_id = mediateur_id
        lien = MediateurCoordonne(mediateur_id=mediateur_id, coordinateur_id=invitation.coordinateur_id, creation=now)
        session.add(lien)
        await session.flush()
        donnees.update(
            invitation_id=invitation.id, coordinateur_id=invitation.coordinateur_id, mediateur_id=mediateur_id
        )
    return lien


async def refuser_invitation(session: AsyncSession, invitation_id: str, *, user_id: str) -> InvitationEquipe:
    """The invited person declines. :class:`NotFound` unless invited; :class:`Conflict` once answered."""
    invitation, user = await _pour(session, invitation_id, user_id)
    if not en_attente(invitation):
        raise Conflict(DEJA_REPONDUE)
    async with journalise(session, user_id=user.id, nom="refuser_invitation_mediateur_coordonne") as donnees:
        invitation.refusee = utcnow()
        await session.flush()
        donnees.update(invitation_id=invitation.id, coordinateur_id=invitation.coordinateur_id)
    return invitation


async def _coordinateur(session: AsyncSession, coordinateur_id: str) -> User:
    user = await session.scalar(
        sa.select(User).join(Coordinateur, Coordinateur.user_id == User.id).where(Coordinateur.id == coordinateur_id)
    )
    if user is None:
        raise Forbidden(RESERVE_COORDINATEURS)
    return user


async def _du_coordinateur(session: AsyncSession, invitation_id: str, coordinateur_id: str) -> InvitationEquipe:
    invitation = await session.get(InvitationEquipe, invitation_id)
    if invitation is None or invitation.coordinateur_id != coordinateur_id:
        raise NotFound(INVITATION_INTROUVABLE)
    return invitation


async def _pour(session: AsyncSession, invitation_id: str, user_id: str) -> tuple[InvitationEquipe, User]:
    invitation = await session.get(InvitationEquipe, invitation_id)
    user = await session.get(User, user_id)
    if invitation is None or user is None or user.suppression is not None or invitation.email != user.email.lower():
        raise NotFound(INVITATION_INTROUVABLE)
    return invitation, user


async def _mediateurs_par_email(session: AsyncSession, emails: list[str]) -> dict[str, str]:
    rows = await session.execute(
        sa.select(sa.func.lower(User.email), Mediateur.id)
        .join(Mediateur, Mediateur.user_id == User.id)
        .where(sa.func.lower(User.email).in_(emails))
    )
    return {email: mediateur_id for email, mediateur_id in rows.all()}


async def _membres_actifs(session: AsyncSession, coordinateur_id: str) -> set[str]:
    return set(
        await session.scalars(
            sa.select(MediateurCoordonne.mediateur_id).where(
                MediateurCoordonne.coordinateur_id == coordinateur_id, MediateurCoordonne.suppression.is_(None)
            )
        )
    )


def _refus(
    email: str, coordinateur: User, invitation: InvitationEquipe | None, mediateur_id: str | None, membres: set[str]
) -> str | None:
    if email == coordinateur.email.lower():
        return "Vous ne pouvez pas vous inviter vous-même."
    if mediateur_id is not None and mediateur_id in membres:
        return f"{email} fait déjà partie de votre équipe."
    if invitation is not None and en_attente(invitation):
        return f"Une invitation attend déjà la réponse de {email} : renvoyez-la plutôt."
    return None


async def _views(session: AsyncSession, invitations: list[InvitationEquipe]) -> list[InvitationView]:
    ids = {invitation.coordinateur_id for invitation in invitations}
    rows = await session.execute(
        sa.select(Coordinateur.id, User).join(User, User.id == Coordinateur.user_id).where(Coordinateur.id.in_(ids))
    )
    coordinateurs = {coordinateur_id: user for coordinateur_id, user in rows.all()}
    return [
        InvitationView(
            id=invitation.id,
            email=invitation.email,
            coordinateur_id=invitation.coordinateur_id,
            coordinateur=coordinateurs[invitation.coordinateur_id].display_name,
            coordinateur_email=coordinateurs[invitation.coordinateur_id].email,
            creation=invitation.creation,
            renvoyee=invitation.renvoyee,
        )
        for invitation in invitations
    ]
