"""Chooses the job queue of a deployment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hub.core.jobs.inprocess import InProcessQueue
from hub.core.jobs.redis_queue import ArqQueue

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from hub.core.jobs.queue import JobQueue


def make_queue(hub: Hub) -> JobQueue:
    """arq on Redis when ``settings.redis_url`` is set (``hub worker`` runs the jobs), otherwise
    the in-process queue (the server runs them itself)."""
    if hub.settings.redis_url is not None:
        return ArqQueue(hub)
    return InProcessQueue(hub)
