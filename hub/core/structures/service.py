"""Creating, editing and (softly) deleting structures.

Every function runs in the caller's transaction (it flushes, never commits) and records its
mutation. ``par`` is the user who acts; ``None`` means the system or an operator's command, and
the structure is then marked as last changed by the source ``"hub"``. These functions check no
permission: the caller decides who may edit any structure (an administrator); a mediator edits
their own lieux through :mod:`hub.core.structures.lieux`.
"""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, NotFound
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure
from hub.core.validation import check

SOURCE_HUB = "hub"
INTROUVABLE = "Structure introuvable."


async def structure_active(session: AsyncSession, structure_id: str) -> Structure:
    """The structure ``structure_id``, or :class:`NotFound` when unknown or deleted."""
    structure = await session.get(Structure, structure_id)
    if structure is None or structure.suppression is not None:
        raise NotFound(INTROUVABLE)
    return structure


async def creer_structure(session: AsyncSession, data: StructureInput, *, par: str | None) -> Structure:
    """A new structure from ``data`` (validated again: :class:`ValidationError` per field)."""
    data = check(data)
    async with journalise(session, user_id=par, nom="creer_structure") as donnees:
        structure = Structure(**msgspec.structs.asdict(data), creation_par_id=par, **_modifiee_par(par))
        session.add(structure)
        await session.flush()
        donnees.update(structure_id=structure.id, **msgspec.to_builtins(data))
    return structure


async def modifier_structure(
    session: AsyncSession, structure_id: str, data: StructureInput, *, par: str | None
) -> Structure:
    """Every editable field of ``structure_id`` replaced by ``data``; the mutation keeps the
    changed fields only. :class:`NotFound` when unknown or deleted."""
    data = check(data)
    structure = await structure_active(session, structure_id)
    async with journalise(session, user_id=par, nom="modifier_structure") as donnees:
        changes = _apply(structure, msgspec.structs.asdict(data))
        if changes:
            for name, value in _modifiee_par(par).items():
                setattr(structure, name, value)
            await session.flush()
        donnees.update(structure_id=structure.id, modifications=changes)
    return structure


async def lier_cartographie_nationale(
    session: AsyncSession, structure_id: str, id_national: str, *, par: str | None
) -> Structure:
    """Record that ``structure_id`` is the national map's lieu ``id_national`` (a structure is
    linked once: an existing link is kept). :class:`NotFound` when unknown or deleted."""
    structure = await structure_active(session, structure_id)
    if structure.structure_cartographie_nationale_id is not None:
        return structure
    async with journalise(session, user_id=par, nom="lier_cartographie_nationale") as donnees:
        structure.structure_cartographie_nationale_id = id_national
        for name, value in _modifiee_par(par).items():
            setattr(structure, name, value)
        await session.flush()
        donnees.update(structure_id=structure.id, structure_cartographie_nationale_id=id_national)
    return structure


async def supprimer_structure(session: AsyncSession, structure_id: str, *, par: str | None) -> Structure:
    """Soft-delete ``structure_id``. :class:`Conflict` while someone still works there or is
    employed there (their lieu or contract must end first); :class:`NotFound` when unknown."""
    structure = await structure_active(session, structure_id)
    en_cours = await _liens_ouverts(session, structure_id)
    if en_cours:
        raise Conflict(
            f"Cette structure est encore le lieu d'activité ou l'employeur de {en_cours} personne(s) : "
            "leurs liens doivent prendre fin avant de la supprimer."
        )
    async with journalise(session, user_id=par, nom="supprimer_structure") as donnees:
        structure.suppression = utcnow()
        structure.suppression_par_id = par
        await session.flush()
        donnees.update(structure_id=structure.id, nom=structure.nom)
    return structure


def _apply(structure: Structure, values: dict[str, Any]) -> dict[str, Any]:
    changes = {}
    for name, value in values.items():
        if getattr(structure, name) != value:
            setattr(structure, name, value)
            changes[name] = value
    return changes


def _modifiee_par(par: str | None) -> dict[str, str | None]:
    return {"derniere_modification_par_id": par, "derniere_modification_source": None if par else SOURCE_HUB}


async def _liens_ouverts(session: AsyncSession, structure_id: str) -> int:
    lieux = (
        sa.select(sa.func.count())
        .select_from(MediateurEnActivite)
        .where(
            MediateurEnActivite.structure_id == structure_id,
            MediateurEnActivite.fin.is_(None),
            MediateurEnActivite.suppression.is_(None),
        )
    )
    emplois = (
        sa.select(sa.func.count())
        .select_from(EmployeStructure)
        .where(
            EmployeStructure.structure_id == structure_id,
            EmployeStructure.fin.is_(None),
            EmployeStructure.suppression.is_(None),
        )
    )
    return (await session.scalar(lieux) or 0) + (await session.scalar(emplois) or 0)
