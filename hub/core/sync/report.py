"""``SyncReport``: what one run of one stream did — returned by the engine, listed by the console."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.sync.models import SyncRun

Status = Literal["running", "success", "partial", "failed", "skipped"]
ErrorType = Literal["transient", "auth", "config", "internal"]


class SyncReport(msgspec.Struct, kw_only=True):
    """One run of one stream of one connector instance.

    ``status``: ``running`` (progress reports only), ``success``, ``partial`` (some records
    were dead-lettered), ``failed`` (``error_type`` says why; batches already written stay), or
    ``skipped`` (the run did not start: another one holds the stream, or the instance is not
    ``loaded``; ``run_id`` is then ``None`` and ``error_message`` says why).
    ``read == inserted + updated + unchanged + failed`` for the batches written.
    """

    run_id: int | None
    instance_id: str
    stream: str
    status: Status
    trigger: str = "manual"
    started_at: datetime | None = None
    finished_at: datetime | None = None
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    batches: int = 0
    cursor_before: Any = None
    cursor_after: Any = None
    error_type: ErrorType | None = None
    error_message: str | None = None

    @classmethod
    def from_run(cls, run: SyncRun) -> SyncReport:
        return cls(run_id=run.id, **{name: getattr(run, name) for name in _IDENTITY + _OUTCOME})

    async def save(self, session: AsyncSession) -> None:
        """Write the counters, cursors, status and error of this report onto its ``sync_run`` row
        (one ``UPDATE``, in the caller's transaction)."""
        await session.execute(
            sa.update(SyncRun)
            .where(SyncRun.id == self.run_id)
            .values({name: getattr(self, name) for name in _OUTCOME})
            .execution_options(synchronize_session=False)
        )


_IDENTITY = ("instance_id", "stream", "trigger", "started_at")
_OUTCOME = (
    "status", "finished_at", "read", "inserted", "updated", "unchanged", "failed", "deleted", "batches",
    "cursor_before", "cursor_after", "error_type", "error_message",
)
