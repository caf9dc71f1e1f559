"""A mediator's lieux d'activité: the places they work at, added, edited and left by themself.

``mediateur_id`` is always the acting mediator's own (the caller takes it from the principal,
never from the request): a lieu is theirs while they have an open link to it
(``MediateurEnActivite`` without ``fin``). Any other structure id — someone else's lieu, a
structure they left, an unknown id — gets the same :class:`NotFound`, so ids cannot be probed.
Each function runs in the caller's transaction and records its mutation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.errors import NotFound, ValidationError
from hub.core.identity.models import Mediateur
from hub.core.structures.choix import ChoixStructure, resoudre_structure
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.service import modifier_structure

LIEU_INTROUVABLE = "Lieu d'activité introuvable."
DEJA_EN_ACTIVITE = "Vous êtes déjà en activité dans ce lieu."


@dataclass(frozen=True, slots=True)
class LieuActivite:
    """An open link of a mediator to a lieu, and the lieu."""

    activite: MediateurEnActivite
    structure: Structure


async def lieux_activite(session: AsyncSession, mediateur_id: str) -> list[LieuActivite]:
    """The lieux the mediator works at now, by name."""
    query = (
        sa.select(MediateurEnActivite, Structure)
        .join(Structure, Structure.id == MediateurEnActivite.structure_id)
        .where(*_ouverte(mediateur_id), Structure.suppression.is_(None))
        .order_by(Structure.nom, Structure.id)
    )
    return [LieuActivite(activite, structure) for activite, structure in (await session.execute(query)).all()]


async def structures_de_la_personne(session: AsyncSession, user_id: str, mediateur_id: str | None) -> list[Structure]:
    """The structures a person works for now: their employer (open contract), then their lieux
    d'activité by name (none without a mediator side)."""
    contrat = await contrat_en_cours(session, user_id)
    employeur = await session.get(Structure, contrat.structure_id) if contrat is not None else None
    structures = [employeur] if employeur is not None else []
    if mediateur_id is not None:
        structures += [lieu.structure for lieu in await lieux_activite(session, mediateur_id)]
    return structures


async def ouvrir_activite(
    session: AsyncSession, mediateur_id: str, structure_id: str, *, debut: datetime | None = None, par: str | None
) -> MediateurEnActivite | None:
    """The mediator at work at ``structure_id`` from ``debut`` (now by default); ``None`` when
    they already are. Records nothing: the caller's service does."""
    if await _activite_ouverte(session, mediateur_id, structure_id) is not None:
        return None
    activite = MediateurEnActivite(
        mediateur_id=mediateur_id, structure_id=structure_id, debut=debut or utcnow(), creation_par_id=par
    )
    session.add(activite)
    await session.flush()
    return activite


async def ajouter_lieu_activite(
    session: AsyncSession, mediateur_id: str, choix: ChoixStructure, *, par: str | None
) -> LieuActivite:
    """Add a lieu (existing, or created from ``choix.structure``) to the mediator's.
    :class:`ValidationError`: bad choice, unknown structure, or already working there (all
    found before anything is written: a new structure cannot be one they already work at)."""
    async with journalise(session, user_id=par, nom="ajouter_lieu_activite") as donnees:
        structure = await resoudre_structure(session, choix, par=par)
        activite = await ouvrir_activite(session, mediateur_id, structure.id, par=par)
        if activite is None:
            raise ValidationError({"structure_id": DEJA_EN_ACTIVITE})
        donnees.update(mediateur_id=mediateur_id, structure_id=structure.id, nouvelle=choix.structure is not None)
    return LieuActivite(activite, structure)


async def modifier_lieu_activite(
    session: AsyncSession, mediateur_id: str, structure_id: str, data: StructureInput, *, par: str | None
) -> Structure:
    """Edit a lieu the mediator works at (recorded as ``modifier_structure``).
    :class:`NotFound` for any other structure."""
    await _lieu_du_mediateur(session, mediateur_id, structure_id)
    return await modifier_structure(session, structure_id, data, par=par)


async def quitter_lieu_activite(
    session: AsyncSession, mediateur_id: str, structure_id: str, *, par: str | None
) -> MediateurEnActivite:
    """The mediator stops working at ``structure_id`` now (``fin`` set; the history stays).
    :class:`NotFound` for any structure that is not one of their lieux."""
    activite = await _lieu_du_mediateur(session, mediateur_id, structure_id)
    async with journalise(session, user_id=par, nom="quitter_lieu_activite") as donnees:
        activite.fin = utcnow()
        await session.flush()
        donnees.update(mediateur_id=mediateur_id, structure_id=structure_id)
    return activite


async def choisir_visibilite(session: AsyncSession, mediateur_id: str, visible: bool, *, par: str | None) -> None:
    """Whether the mediator appears to others: as an « aidant » of their lieux on the national
    map (``GET /api/v1/lieux-activite``), with their e-mail and phone, and in the directory
    « Mon réseau ». Off until they switch it on; each change is journaled."""
    mediateur = await session.get(Mediateur, mediateur_id)
    if mediateur is None or mediateur.is_visible == visible:
        return
    async with journalise(session, user_id=par, nom="choisir_visibilite") as donnees:
        mediateur.is_visible = visible
        await session.flush()
        donnees.update(mediateur_id=mediateur_id, visible=visible)


def _ouverte(mediateur_id: str) -> tuple[sa.ColumnElement[bool], ...]:
    return (
        MediateurEnActivite.mediateur_id == mediateur_id,
        MediateurEnActivite.fin.is_(None),
        MediateurEnActivite.suppression.is_(None),
    )


async def _activite_ouverte(session: AsyncSession, mediateur_id: str, structure_id: str) -> MediateurEnActivite | None:
    query = sa.select(MediateurEnActivite).where(
        *_ouverte(mediateur_id), MediateurEnActivite.structure_id == structure_id
    )
    return await session.scalar(query.limit(1))


async def _lieu_du_mediateur(session: AsyncSession, mediateur_id: str, structure_id: str) -> MediateurEnActivite:
    activite = await _activite_ouverte(session, mediateur_id, structure_id)
    structure = await session.get(Structure, structure_id) if activite is not None else None
    if activite is None or structure is None or structure.suppression is not None:
        raise NotFound(LIEU_INTROUVABLE)
    return activite
