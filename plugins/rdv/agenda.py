"""What a mediator's mirror says: their account, upcoming RDVs, RDVs whose CRA is still to do.

An RDV's CRA is *to do* when it was honoured (``seen``) or is past and still ``unknown``, the
mediator has not declined it, and no (undeleted) activity was recorded from it.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.models import Activite
from hub.core.errors import NotFound
from plugins.rdv.models import Compte, Rdv

INTROUVABLE = "Ce rendez-vous est introuvable parmi les vôtres : revenez à « Mes rendez-vous »."

STATUTS = {
    "unknown": "À venir",
    "passe": "Passé",
    "seen": "Honoré",
    "excused": "Annulé par le bénéficiaire",
    "revoked": "Annulé",
    "noshow": "Absence",
}
"""Labels of La Coop, ``passe`` being an ``unknown`` RDV already started."""


def statut_affiche(rdv: Rdv, maintenant: datetime) -> str:
    return "passe" if rdv.statut == "unknown" and rdv.debut < maintenant else rdv.statut


async def compte_de(session: AsyncSession, user_id: str) -> Compte | None:
    return await session.scalar(sa.select(Compte).where(Compte.user_id == user_id))


def _du_compte(compte: Compte) -> list[sa.ColumnElement[bool]]:
    return [Rdv.agent_id == compte.agent_id, Rdv.supprime_le.is_(None)]


def _a_faire(maintenant: datetime) -> list[sa.ColumnElement[bool]]:
    saisi = sa.select(Activite.id).where(Activite.rdv_id == Rdv.cle, Activite.suppression.is_(None)).exists()
    return [
        sa.or_(Rdv.statut == "seen", sa.and_(Rdv.statut == "unknown", Rdv.debut < maintenant)),
        Rdv.cra_decline.is_(False),
        ~saisi,
    ]


async def prochains(session: AsyncSession, compte: Compte, maintenant: datetime, limite: int | None = None) -> list[Rdv]:
    query = (
        sa.select(Rdv)
        .where(*_du_compte(compte), Rdv.debut >= maintenant, Rdv.statut.not_in(("excused", "revoked")))
        .order_by(Rdv.debut)
        .limit(limite)
    )
    return list((await session.scalars(query)).all())


async def nombre_prochains(session: AsyncSession, compte: Compte, maintenant: datetime) -> int:
    query = sa.select(sa.func.count()).select_from(Rdv).where(
        *_du_compte(compte), Rdv.debut >= maintenant, Rdv.statut.not_in(("excused", "revoked"))
    )
    return await session.scalar(query) or 0


async def cra_a_faire(session: AsyncSession, compte: Compte, maintenant: datetime) -> list[Rdv]:
    query = sa.select(Rdv).where(*_du_compte(compte), *_a_faire(maintenant)).order_by(Rdv.debut.desc())
    return list((await session.scalars(query)).all())


async def rdv_a_faire(session: AsyncSession, compte: Compte, cle: str, maintenant: datetime) -> Rdv | None:
    """The account's RDV ``cle`` if its CRA is to do, else ``None`` (anyone else's, unknown,
    deleted, upcoming, cancelled, missed, declined or already recorded)."""
    query = sa.select(Rdv).where(Rdv.cle == cle, *_du_compte(compte), *_a_faire(maintenant))
    return await session.scalar(query)


def requete_a_faire(maintenant: datetime) -> sa.Select[tuple[int]]:
    """The count of RDVs whose CRA is to do, all accounts (narrow it with ``where``)."""
    return sa.select(sa.func.count()).select_from(Rdv).where(Rdv.supprime_le.is_(None), *_a_faire(maintenant))


async def rdv_du_compte(session: AsyncSession, compte: Compte | None, cle: str) -> Rdv:
    """The account's RDV ``cle``; :class:`NotFound` for anyone else's or an unknown one."""
    if compte is None:
        raise NotFound(INTROUVABLE)
    rdv = await session.scalar(sa.select(Rdv).where(Rdv.cle == cle, *_du_compte(compte)))
    if rdv is None:
        raise NotFound(INTROUVABLE)
    return rdv
