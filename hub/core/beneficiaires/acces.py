"""Finding a mediator's followed bénéficiaires by id: theirs, not deleted, not anonymous — or NotFound."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import NotFound

INTROUVABLE = "Bénéficiaire introuvable."


def suivis_du_mediateur(mediateur_id: str) -> tuple[sa.ColumnElement[bool], ...]:
    """The conditions that select the mediator's followed bénéficiaires."""
    return (
        Beneficiaire.mediateur_id == mediateur_id,
        Beneficiaire.suppression.is_(None),
        Beneficiaire.anonyme.is_(False),
    )


async def beneficiaire_suivi(session: AsyncSession, mediateur_id: str, beneficiaire_id: str) -> Beneficiaire:
    """The mediator's followed bénéficiaire ``beneficiaire_id``, or :class:`NotFound`."""
    (beneficiaire,) = await beneficiaires_suivis(session, mediateur_id, [beneficiaire_id])
    return beneficiaire


async def beneficiaires_suivis(
    session: AsyncSession, mediateur_id: str, beneficiaire_ids: Iterable[str]
) -> list[Beneficiaire]:
    """The mediator's followed bénéficiaires ``beneficiaire_ids`` (duplicates dropped, in the
    order given); :class:`NotFound` when one of them is not one."""
    ids = list(dict.fromkeys(beneficiaire_ids))
    if not ids:
        return []
    trouves = {
        beneficiaire.id: beneficiaire
        for beneficiaire in await session.scalars(
            sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id), Beneficiaire.id.in_(ids))
        )
    }
    if len(trouves) != len(ids):
        raise NotFound(INTROUVABLE)
    return [trouves[beneficiaire_id] for beneficiaire_id in ids]
