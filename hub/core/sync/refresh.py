"""End of a full refresh: soft-delete the rows of the instance that the source no longer has."""

from __future__ import annotations

from collections.abc import Set
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.upsert import MAX_PARAMETERS, chunked
from hub.core.sync.connector import Stream


async def soft_delete_unseen(
    session: AsyncSession, stream: Stream, instance_id: str, seen: Set[str], now: datetime
) -> int:
    """Set ``stream.deleted_column`` to ``now`` on the live rows of ``instance_id`` whose partner id
    (compared as text) is not in ``seen``; returns how many. Call it only after a complete run."""
    table = stream.table
    key, deleted = table.c[stream.primary_key], table.c[stream.deleted_column]
    live = await session.scalars(sa.select(key).where(table.c.instance_id == instance_id, deleted.is_(None)))
    gone = [value for value in live if str(value) not in seen]
    for chunk in chunked(gone, MAX_PARAMETERS - 1):
        await session.execute(
            sa.update(table).where(table.c.instance_id == instance_id, key.in_(chunk)).values({deleted: now})
        )
    return len(gone)
