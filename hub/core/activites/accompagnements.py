"""Writing an activity's accompagnements, and the anonymous bénéficiaires that go with them.

Set-based (one statement per kind of row, never one ORM ``add`` per participant: a workshop
may count 10 000 anonymous participants). The counters of the bénéficiaires are kept here; the
activity's and the mediator's by the caller, from what these functions return; the « premier
accompagnement » of followed bénéficiaires by :mod:`hub.core.activites.premiers`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.core.activites.anonymes import NouvelAnonyme
from hub.core.activites.compteurs import LOT, ajuster_beneficiaires
from hub.core.activites.models import Accompagnement
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.db.base import utcnow
from hub.core.db.columns import new_id
from hub.core.db.upsert import chunked


async def ajouter_accompagnements(
    session: AsyncSession,
    activite_id: str,
    mediateur_id: str,
    *,
    suivis: Sequence[str] = (),
    anonymes: Sequence[NouvelAnonyme] = (),
) -> None:
    """Accompany in the activity the followed bénéficiaires ``suivis`` (not yet in it) and one
    new anonymous bénéficiaire per item of ``anonymes`` (its flag « premier » set from
    ``deja_accompagne``)."""
    nouveaux, accompagnements = lignes_accompagnements(
        activite_id, mediateur_id, suivis=suivis, anonymes=anonymes, maintenant=utcnow()
    )
    if nouveaux:
        await session.execute(sa.insert(Beneficiaire), nouveaux)
    if accompagnements:
        await session.execute(sa.insert(Accompagnement), accompagnements)
    await ajuster_beneficiaires(session, dict.fromkeys(suivis, 1))


def lignes_accompagnements(
    activite_id: str,
    mediateur_id: str,
    *,
    suivis: Sequence[str],
    anonymes: Sequence[NouvelAnonyme],
    maintenant: datetime,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows :func:`ajouter_accompagnements` inserts, nothing written: the new anonymous
    bénéficiaires, then the accompagnements of ``suivis`` and of those anonymous ones."""
    nouveaux = [
        {
            **msgspec.structs.asdict(anonyme),
            "id": new_id(),
            "mediateur_id": mediateur_id,
            "anonyme": True,
            "accompagnements_count": 1,
            "creation": maintenant,
            "modification": maintenant,
        }
        for anonyme in anonymes
    ]
    premiers = [(beneficiaire_id, False) for beneficiaire_id in suivis]
    premiers += [(ligne["id"], not ligne.pop("deja_accompagne")) for ligne in nouveaux]
    accompagnements = [
        {
            "id": new_id(),
            "beneficiaire_id": beneficiaire_id,
            "activite_id": activite_id,
            "premier_accompagnement": premier,
            "creation": maintenant,
        }
        for beneficiaire_id, premier in premiers
    ]
    return nouveaux, accompagnements


async def retirer_suivis(session: AsyncSession, activite_id: str, beneficiaire_ids: Sequence[str]) -> None:
    """The followed bénéficiaires ``beneficiaire_ids`` no longer accompanied in the activity."""
    for lot in chunked(list(beneficiaire_ids), LOT):
        await session.execute(
            sa.delete(Accompagnement).where(
                Accompagnement.activite_id == activite_id, Accompagnement.beneficiaire_id.in_(lot)
            )
        )
    await ajuster_beneficiaires(session, dict.fromkeys(beneficiaire_ids, -1))


async def retirer_anonymes(session: AsyncSession, activite_id: str) -> int:
    """The anonymous bénéficiaires no longer accompanied in the activity; those it was their only
    accompagnement are deleted. Returns how many of the deleted ones were not already deleted
    (for the mediator's ``beneficiaires_count``)."""
    autre = aliased(Accompagnement)
    ailleurs = (
        sa.select(autre.id).where(autre.beneficiaire_id == Beneficiaire.id, autre.activite_id != activite_id).exists()
    )
    rows = await session.execute(
        sa.select(Beneficiaire.id, Beneficiaire.suppression.is_(None), ailleurs)
        .join(Accompagnement, Accompagnement.beneficiaire_id == Beneficiaire.id)
        .where(Accompagnement.activite_id == activite_id, Beneficiaire.anonyme.is_(True))
    )
    anonymes = rows.all()
    gardes = [beneficiaire_id for beneficiaire_id, _, ailleurs_aussi in anonymes if ailleurs_aussi]
    orphelins = [beneficiaire_id for beneficiaire_id, _, ailleurs_aussi in anonymes if not ailleurs_aussi]
    for lot in chunked([beneficiaire_id for beneficiaire_id, *_ in anonymes], LOT):
        await session.execute(
            sa.delete(Accompagnement).where(
                Accompagnement.activite_id == activite_id, Accompagnement.beneficiaire_id.in_(lot)
            )
        )
    for lot in chunked(orphelins, LOT):
        await session.execute(sa.delete(Beneficiaire).where(Beneficiaire.id.in_(lot)))
    await ajuster_beneficiaires(session, dict.fromkeys(gardes, -1))
    return sum(1 for beneficiaire_id, actif, ailleurs_aussi in anonymes if actif and not ailleurs_aussi)
