"""What a job function receives as its first argument."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hub.core.hub import Hub


@dataclass(frozen=True, slots=True)
class JobContext:
    """The context of one try of one job: ``func(ctx, **kwargs)`` gets it as ``ctx``.

    ``try_number`` starts at 1 and grows with each retry, up to ``max_tries``.
    ``scheduled_at`` (UTC) is when this try was due, which is earlier than now when the queue
    was busy: periodic jobs should reason about that moment, not about the clock.
    ``logger`` is the plugin's logger (``hub.plugins.<slug>``).
    """

    hub: Hub
    name: str
    plugin: str
    job_id: str
    try_number: int
    max_tries: int
    scheduled_at: datetime
    logger: logging.Logger

    @property
    def last_try(self) -> bool:
        """Whether a transient error now fails the job instead of retrying it."""
        return self.try_number >= self.max_tries
