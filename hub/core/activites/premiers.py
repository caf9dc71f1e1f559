"""The « premier accompagnement » of followed bénéficiaires.

A followed bénéficiaire's first accompagnement is the one of its earliest-dated activity (not
deleted), then the earliest created activity, then the smallest id: statistics count « nouveaux
bénéficiaires » with it. Every write that adds, removes or moves an accompagnement, or changes
an activity's date, calls :func:`recalculer_premiers` for the bénéficiaires it touched. An
anonymous bénéficiaire's flag is fixed when it is created (« not déjà accompagné »).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.models import Accompagnement, Activite
from hub.core.beneficiaires.models import Beneficiaire


async def recalculer_premiers(session: AsyncSession, beneficiaire_ids: Iterable[str]) -> None:
    """Put the flag on the first accompagnement of each followed bénéficiaire of
    ``beneficiaire_ids`` and remove it from their others (anonymous ones are left as they are)."""
    ids = set(beneficiaire_ids)
    if not ids:
        return
    rows = await session.execute(
        sa.select(Accompagnement.id, Accompagnement.beneficiaire_id, Accompagnement.premier_accompagnement)
        .join(Activite, Activite.id == Accompagnement.activite_id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(
            Accompagnement.beneficiaire_id.in_(ids),
            Beneficiaire.anonyme.is_(False),
            Activite.suppression.is_(None),
        )
        .order_by(Accompagnement.beneficiaire_id, Activite.date, Activite.creation, Activite.id)
    )
    vus: set[str] = set()
    a_marquer: list[str] = []
    a_demarquer: list[str] = []
    for accompagnement_id, beneficiaire_id, premier in rows.all():
        attendu = beneficiaire_id not in vus
        vus.add(beneficiaire_id)
        if attendu and not premier:
            a_marquer.append(accompagnement_id)
        elif premier and not attendu:
            a_demarquer.append(accompagnement_id)
    for valeur, accompagnement_ids in ((False, a_demarquer), (True, a_marquer)):
        if accompagnement_ids:
            await session.execute(
                sa.update(Accompagnement)
                .where(Accompagnement.id.in_(accompagnement_ids))
                .values(premier_accompagnement=valeur)
            )
