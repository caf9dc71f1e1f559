"""The lease on a stream's ``sync_state`` row: at most one run of an (instance, stream) at a time.

Taking it is one atomic ``UPDATE … WHERE`` the lease is free or expired; the run renews it in
each batch transaction and gives it back at the end. A run that died leaves a lease that expires
after :data:`LEASE_SECONDS`, then another run may take it.
"""

from __future__ import annotations

import os
import socket
import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.upsert import dialect_insert
from hub.core.sync.models import SyncState

LEASE_SECONDS = 600


def new_owner() -> str:
    """A lease owner id naming the host and process, unique per run."""
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _row(instance_id: str, stream: str) -> sa.ColumnElement[bool]:
    return sa.and_(SyncState.instance_id == instance_id, SyncState.stream == stream)


async def acquire(session: AsyncSession, instance_id: str, stream: str, owner: str, now: datetime) -> bool:
    """Take the lease (creating the ``sync_state`` row if needed); ``False`` if another run holds it."""
    await session.execute(
        dialect_insert(session, SyncState.__table__)
        .values(instance_id=instance_id, stream=stream, failures=0)
        .on_conflict_do_nothing(index_elements=["instance_id", "stream"])
    )
    free = sa.or_(SyncState.lease_owner.is_(None), SyncState.lease_until.is_(None), SyncState.lease_until < now)
    result = await session.execute(
        sa.update(SyncState)
        .where(_row(instance_id, stream), free)
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=LEASE_SECONDS))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


async def renew(session: AsyncSession, instance_id: str, stream: str, owner: str, now: datetime) -> bool:
    """Extend the lease; ``False`` if it expired and another run took it."""
    result = await session.execute(
        sa.update(SyncState)
        .where(_row(instance_id, stream), SyncState.lease_owner == owner)
        .values(lease_until=now + timedelta(seconds=LEASE_SECONDS))
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def is_held(state: SyncState, now: datetime) -> bool:
    """Whether a run holds the lease of this ``sync_state`` row at ``now``."""
    return state.lease_owner is not None and state.lease_until is not None and state.lease_until >= now


def release(state: SyncState, owner: str) -> None:
    """Give the lease back on a loaded ``sync_state`` row, if this run still holds it."""
    if state.lease_owner == owner:
        state.lease_owner = None
        state.lease_until = None
