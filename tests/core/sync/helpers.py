"""Reading back what the sync engine wrote, for assertions."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.sync.models import ConnectorInstance, SyncState
from tests.core.sync.exemple_plugin.models import ExempleItem, ExempleLieu


async def items(hub: Hub) -> dict[int, str]:
    """id → nom of the stored items."""
    async with hub.session() as session:
        rows = await session.execute(sa.select(ExempleItem.id, ExempleItem.nom).order_by(ExempleItem.id))
        return {row.id: row.nom for row in rows}


async def lieux(hub: Hub) -> dict[str, bool]:
    """source_id → still live (not soft-deleted)."""
    async with hub.session() as session:
        rows = await session.execute(sa.select(ExempleLieu.source_id, ExempleLieu.supprime_le))
        return {row.source_id: row.supprime_le is None for row in rows}


async def state(hub: Hub, stream: str, instance_id: str = "demo") -> SyncState:
    async with hub.session() as session:
        return await session.get_one(SyncState, (instance_id, stream))


async def instance(hub: Hub, instance_id: str = "demo") -> ConnectorInstance:
    async with hub.session() as session:
        return await session.get_one(ConnectorInstance, instance_id)


async def update_state(hub: Hub, stream: str, **values: Any) -> None:
    async with hub.session() as session, session.begin():
        await session.execute(
            sa.update(SyncState).where(SyncState.instance_id == "demo", SyncState.stream == stream).values(**values)
        )
