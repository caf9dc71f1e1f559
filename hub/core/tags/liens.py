"""The tags put on activities (``activites_tags``) and on coordination CRAs (``activites_coordination_tags``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.tags.models import Tag


async def remplacer_tags(session: AsyncSession, table: sa.Table, objet_id: str, tag_ids: Sequence[str]) -> None:
    """The object ``objet_id`` (first column of ``table``) tagged with exactly ``tag_ids``."""
    colonne = table.c[0]
    await session.execute(sa.delete(table).where(colonne == objet_id))
    if tag_ids:
        await session.execute(
            sa.insert(table), [{colonne.name: objet_id, "tag_id": tag_id} for tag_id in dict.fromkeys(tag_ids)]
        )


async def tags_des(session: AsyncSession, table: sa.Table, objet_ids: Iterable[str]) -> dict[str, list[Tag]]:
    """The tags of each object (first column of ``table``), by name; deleted tags included (an
    activity keeps the tags it was recorded with)."""
    colonne = table.c[0]
    rows = await session.execute(
        sa.select(colonne, Tag).join(Tag, Tag.id == table.c.tag_id).where(colonne.in_(set(objet_ids))).order_by(Tag.nom)
    )
    tags: dict[str, list[Tag]] = defaultdict(list)
    for objet_id, tag in rows.all():
        tags[objet_id].append(tag)
    return tags
