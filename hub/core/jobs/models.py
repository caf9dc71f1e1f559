"""The record of every job run, whichever queue ran it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.core.db.base import Base, utcnow

RunStatus = Literal["running", "success", "retrying", "failed", "interrupted", "deferred"]


class JobRun(Base):
    """One try of one job.

    ``status``: ``running`` while it runs, then ``success`` (``result`` holds what the job
    returned), ``retrying`` (a transient error; the next try has a row of its own), ``failed``
    (``error`` says why, in French) or ``interrupted`` (the process stopped during the try, or
    was killed: ``worker`` names the heartbeat of the process that ran it,
    :mod:`hub.core.jobs.orphans`).
    ``deferred`` (``try_number`` 0) is not a try: the job waits in the outbox of the Redis queue
    until Redis answers again (:mod:`hub.core.jobs.outbox`).
    """

    __tablename__ = "job_run"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(sa.String(200), index=True)
    name: Mapped[str] = mapped_column(sa.String(100), index=True)
    status: Mapped[str] = mapped_column(sa.String(20), default="running", index=True)
    try_number: Mapped[int] = mapped_column(default=1)
    kwargs: Mapped[Any | None] = mapped_column(sa.JSON)
    result: Mapped[Any | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    worker: Mapped[str | None] = mapped_column(sa.String(120))
