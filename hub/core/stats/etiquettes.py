"""The names read when labelling counts: lieux d'activité (name and commune) and tags.

Read at query time, so that a renamed lieu or tag, or a lieu whose commune changed, shows as it
is now, whether the counts came from the rollup or not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.listes import one_of
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


async def lire_etiquettes(session: AsyncSession, comptes: Comptes) -> Etiquettes:
    """The lieux and tags named by ``comptes`` (one statement, none when there are none)."""
    lieu_ids = {valeur for valeur in comptes.nombres("lieu")}
    lieu_ids |= {valeur.partition("|")[0] for valeur in comptes.nombres("commune")} - {""}
    tag_ids = set(comptes.nombres("tag"))
    etiquettes = Etiquettes()
    if not lieu_ids and not tag_ids:
        return etiquettes
    vide = sa.cast(sa.null(), sa.String)
    dialect = dialect_name(session)
    lignes = await session.execute(
        sa.union_all(
            sa.select(sa.literal("lieu"), Structure.id, Structure.nom, Structure.code_insee, Structure.commune).where(
                one_of(dialect, Structure.id, sorted(lieu_ids))
            ),
            sa.select(sa.literal("tag"), Tag.id, Tag.nom, vide, vide).where(one_of(dialect, Tag.id, sorted(tag_ids))),
        )
    )
    for genre, identifiant, nom, code_insee, commune in lignes.all():
        if genre == "lieu":
            etiquettes.lieux[identifiant] = Lieu(nom, code_insee, commune)
        else:
            etiquettes.tags[identifiant] = nom
    return etiquettes
