"""Tables of the sync engine: connector instances, stream state, runs and dead letters."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow


class ConnectorInstance(Base):
    """A connector instance declared in ``hub.toml``, with the state the hub keeps for it.

    ``state`` is one of ``loaded``, ``setup_retry``, ``needs_reauth``, ``setup_error``,
    ``disabled``, ``paused`` (see :mod:`hub.core.sync.states`). ``paused`` is the operator's
    flag, kept across restarts. ``config_digest`` is a keyed digest of the declared kind and
    config (never the secrets themselves): a changed declaration triggers a new setup.
    """

    __tablename__ = "connector_instance"

    id: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    plugin: Mapped[str] = mapped_column(sa.String(40))
    kind: Mapped[str] = mapped_column(sa.String(100))
    title: Mapped[str] = mapped_column(sa.String(200))
    state: Mapped[str] = mapped_column(sa.String(20), default="loaded")
    state_message: Mapped[str | None] = mapped_column(sa.Text)
    paused: Mapped[bool] = mapped_column(default=False)
    every_minutes: Mapped[int] = mapped_column(default=60)
    config_digest: Mapped[str | None] = mapped_column(sa.String(64))
    setup_attempts: Mapped[int] = mapped_column(default=0)
    next_setup_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SyncState(Base):
    """Per stream of an instance: the cursor, the lease that prevents two runs at once, the schedule."""

    __tablename__ = "sync_state"

    instance_id: Mapped[str] = mapped_column(
        sa.ForeignKey("connector_instance.id", ondelete="CASCADE"), primary_key=True
    )
    stream: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    cursor: Mapped[Any | None] = mapped_column(sa.JSON)
    lease_owner: Mapped[str | None] = mapped_column(sa.String(100))
    lease_until: Mapped[datetime | None]
    next_run_at: Mapped[datetime | None]
    failures: Mapped[int] = mapped_column(default=0)


class SyncRun(Base):
    """One run of one stream: what was read and what it changed."""

    __tablename__ = "sync_run"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(sa.ForeignKey("connector_instance.id", ondelete="CASCADE"), index=True)
    stream: Mapped[str] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(20), default="running")
    trigger: Mapped[str] = mapped_column(sa.String(20), default="schedule")
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    batches: Mapped[int] = mapped_column(default=0)
    read: Mapped[int] = mapped_column(default=0)
    inserted: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[int] = mapped_column(default=0)
    cursor_before: Mapped[Any | None] = mapped_column(sa.JSON)
    cursor_after: Mapped[Any | None] = mapped_column(sa.JSON)
    error_type: Mapped[str | None] = mapped_column(sa.String(40))
    error_message: Mapped[str | None] = mapped_column(sa.Text)


class DeadLetter(Base):
    """A record that could not land, kept with its payload for an operator to inspect or replay."""

    __tablename__ = "dead_letter"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("sync_run.id", ondelete="CASCADE"), index=True)
    instance_id: Mapped[str] = mapped_column(sa.String(100), index=True)
    stream: Mapped[str] = mapped_column(sa.String(100))
    record_key: Mapped[str | None] = mapped_column(sa.String(200))
    payload: Mapped[Any] = mapped_column(sa.JSON)
    error: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    replayed_at: Mapped[datetime | None]
