"""Precomputed counters, moved by the writes of activities and bénéficiaires.

Each write adds its difference in SQL (``x = x + n``), so two transactions never lose each
other's update. The counters: ``Mediateur.activites_count`` (activities not deleted),
``accompagnements_count`` (their accompagnements), ``beneficiaires_count`` (bénéficiaires not
deleted, anonymous ones included); ``Structure.activites_count`` (activities not deleted held at
that lieu); ``Beneficiaire.accompagnements_count``; and ``Activite.accompagnements_count``, set
by the activity's own write. Like the « dernière création » dates (:func:`noter_creation`), they
leave the row's ``modification`` as it was: a structure is not « modified » (for the API and the
national map) because an activity was recorded there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.beneficiaires.models import Beneficiaire
from hub.core.db.base import utcnow
from hub.core.db.upsert import chunked
from hub.core.identity.models import Coordinateur, Mediateur
from hub.core.structures.models import Structure

LOT = 5_000  # ids per ``IN (…)``, well under both databases' limit of bound parameters


async def ajuster_mediateur(
    session: AsyncSession, mediateur_id: str, *, activites: int = 0, accompagnements: int = 0, beneficiaires: int = 0
) -> None:
    """Add these differences to the mediator's counters."""
    differences = {
        Mediateur.activites_count: activites,
        Mediateur.accompagnements_count: accompagnements,
        Mediateur.beneficiaires_count: beneficiaires,
    }
    valeurs = {colonne: colonne + difference for colonne, difference in differences.items() if difference}
    if valeurs:
        await session.execute(
            sa.update(Mediateur).where(Mediateur.id == mediateur_id).values({**valeurs, **_inchange(Mediateur)})
        )


async def ajuster_structure(session: AsyncSession, structure_id: str | None, difference: int) -> None:
    """Add ``difference`` to the activities counted at the lieu ``structure_id`` (if any)."""
    if structure_id is not None and difference:
        await session.execute(
            sa.update(Structure)
            .where(Structure.id == structure_id)
            .values({Structure.activites_count: Structure.activites_count + difference, **_inchange(Structure)})
        )


async def ajuster_beneficiaires(session: AsyncSession, differences: Mapping[str, int]) -> None:
    """Add to each bénéficiaire's ``accompagnements_count`` its difference (one statement per value)."""
    par_difference: dict[int, list[str]] = defaultdict(list)
    for beneficiaire_id, difference in differences.items():
        if difference:
            par_difference[difference].append(beneficiaire_id)
    for difference, ids in par_difference.items():
        for lot in chunked(ids, LOT):
            await session.execute(
                sa.update(Beneficiaire)
                .where(Beneficiaire.id.in_(lot))
                .values(
                    {
                        Beneficiaire.accompagnements_count: Beneficiaire.accompagnements_count + difference,
                        **_inchange(Beneficiaire),
                    }
                )
            )


async def noter_creation(
    session: AsyncSession, modele: type[Mediateur] | type[Coordinateur], identifiant: str, champ: str
) -> None:
    """Set the « dernière création » date ``champ`` of a mediator or coordinator to now."""
    await session.execute(
        sa.update(modele)
        .where(modele.id == identifiant)
        .values({getattr(modele, champ): utcnow(), **_inchange(modele)})
    )


def _inchange(modele: Any) -> dict[Any, Any]:
    """``modification`` set to itself: its ``onupdate`` then leaves it as it was."""
    return {modele.modification: modele.modification}
