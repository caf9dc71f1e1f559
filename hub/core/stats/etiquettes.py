"""The names read when labelling counts: lieux d'activité (name and commune) and tags.

Read at query time, so that a renamed lieu or tag, or a lieu whose commune changed, shows as it
is now, whether the counts came from the rollup or not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.upsert import dialect_name

from hub.core.stats.comptes import Comptes
from hub.core.structures.models import Structure
from hub.core.tags.models import Tag


@dataclass(frozen=True)
class Lieu:
    nom: str
    code_insee: str | None
    commune: str | None


@dataclass
class Etiquettes:
    lieux: dict[str, Lieu] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)


def parmi(session: AsyncSession, colonne: sa.ColumnElement[str], valeurs: Iterable[str]) -> sa.ColumnElement[bool]:
    """``colonne IN valeurs``; on PostgreSQL ``= ANY`` of one array parameter (thousands of
    values expand slowly into as many parameters)."""
    valeurs = sorted(valeurs)
    if dialect_name(session) == "postgresql":
        return colonne == sa.any_(sa.bindparam(None, valeurs, type_=postgresql.ARRAY(sa.String)))
    return colonne.in_(valeurs)


async def lire_etiquettes(session: AsyncSession, comptes: Comptes) -> Etiquettes:
    """The lieux and tags named by ``comptes`` (one statement, none when there are none)."""
    lieu_ids = {valeur for valeur in comptes.nombres("lieu")}
    lieu_ids |= {valeur.partition("|")[0] for valeur in comptes.nombres("commune")} - {""}
    tag_ids = set(comptes.nombres("tag"))
    etiquettes = Etiquettes()
    if not lieu_ids and not tag_ids:
        return etiquettes
    vide = sa.cast(sa.null(), sa.String)
    lignes = await session.execute(
        sa.union_all(
            sa.select(sa.literal("lieu"), Structure.id, Structure.nom, Structure.code_insee, Structure.commune).where(
                parmi(session, Structure.id, lieu_ids)
            ),
            sa.select(sa.literal("tag"), Tag.id, Tag.nom, vide, vide).where(parmi(session, Tag.id, tag_ids)),
        )
    )
    for genre, identifiant, nom, code_insee, commune in lignes.all():
        if genre == "lieu":
            etiquettes.lieux[identifiant] = Lieu(nom, code_insee, commune)
        else:
            etiquettes.tags[identifiant] = nom
    return etiquettes
