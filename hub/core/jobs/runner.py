"""Runs one try of one job: the same code path under arq, in-process, and in tests.

The runner records the try in ``job_run``, enforces the job's ``timeout_seconds`` and
classifies errors:

- :class:`connectors.errors.TransientError` → ``retrying`` while ``try_number < max_tries``,
  after an exponential backoff with jitter that is never shorter than the partner's
  ``retry_after``; on the last try → ``failed``;
- running past ``timeout_seconds``, or any other exception → ``failed`` at once, logged with
  the plugin's name.

It never retries by itself: it says when (``JobOutcome.retry_in``) and the queue schedules the
next try, which keeps retries visible to arq and cheap in-process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from connectors.errors import TransientError
from hub.core.db.base import utcnow
from hub.core.jobs.context import JobContext
from hub.core.jobs.jsondata import json_data
from hub.core.jobs.lookup import find_job
from hub.core.jobs.records import close_run, open_run
from hub.core.plugins.registry import CORE_PLUGIN
from hub.core.backoff import backoff_delay

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from hub.core.plugins.contributions import JobSpec

RETRY_BASE_SECONDS = 10.0
RETRY_CAP_SECONDS = 600.0

RetryDelay = Callable[[int, float | None], float]
"""``delay(try_number, retry_after)``: seconds to wait before the next try."""


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """How one try ended. ``retry_in`` (seconds) is set only when ``status == "retrying"``."""

    name: str
    job_id: str
    try_number: int
    status: Literal["success", "retrying", "failed"]
    result: Any = None
    error: str | None = None
    retry_in: float | None = None


def retry_delay(try_number: int, retry_after: float | None) -> float:
    """Seconds to wait after the transient failure of try ``try_number``: 10 s, 20 s, 40 s…
    (capped at 10 min) of which a random half is taken off, and never less than ``retry_after``."""
    return backoff_delay(
        try_number, retry_after=retry_after, base=RETRY_BASE_SECONDS, cap=RETRY_CAP_SECONDS
    ).total_seconds()


async def run_job(
    hub: Hub,
    name: str,
    kwargs: dict[str, Any],
    *,
    job_id: str,
    try_number: int,
    scheduled_at: datetime | None = None,
    delay: RetryDelay = retry_delay,
) -> JobOutcome:
    """Run try ``try_number`` of job ``name(**kwargs)`` and record it in ``job_run``.

    ``scheduled_at`` is when the try was due (now when not given); ``delay`` computes the wait
    before a retry. Raises :class:`~hub.core.jobs.lookup.UnknownJobError` (nothing recorded)
    when no enabled plugin declares ``name``. If the try is cancelled (the process stops), its
    row becomes ``interrupted`` and the cancellation propagates.
    """
    plugin, spec = find_job(hub.catalog, name)
    ctx = JobContext(
        hub=hub,
        name=name,
        plugin=plugin,
        job_id=job_id,
        try_number=try_number,
        max_tries=spec.max_tries,
        scheduled_at=scheduled_at or utcnow(),
        logger=logging.getLogger("hub.core.jobs" if plugin == CORE_PLUGIN else f"hub.plugins.{plugin}"),
    )
    run_id = await open_run(hub, ctx, json_data(kwargs, f"paramètres de la tâche {name}"))
    try:
        outcome = await _attempt(ctx, spec, kwargs, delay)
    except asyncio.CancelledError:
        await asyncio.shield(close_run(hub, run_id, "interrupted", error="interrompue par l'arrêt du processus"))
        raise
    await close_run(hub, run_id, outcome.status, result=outcome.result, error=outcome.error)
    return outcome


async def _attempt(ctx: JobContext, spec: JobSpec, kwargs: dict[str, Any], delay: RetryDelay) -> JobOutcome:
    def failed(error: str, exc: BaseException | None = None) -> JobOutcome:
        ctx.logger.error("tâche %s (plugin %s) en échec : %s", ctx.name, ctx.plugin, error, exc_info=exc)
        return JobOutcome(ctx.name, ctx.job_id, ctx.try_number, "failed", error=error)

    deadline = asyncio.timeout(spec.timeout_seconds)
    try:
        async with deadline:
            returned = await spec.func(ctx, **kwargs)
        result = json_data(returned, f"résultat de la tâche {ctx.name}")
    except TransientError as exc:
        if ctx.last_try:
            return failed(f"erreur passagère, abandon après {ctx.try_number} essai(s) : {exc}")
        wait = delay(ctx.try_number, exc.retry_after)
        error = f"erreur passagère, nouvel essai dans {wait:.0f} s : {exc}"
        ctx.logger.warning("tâche %s (plugin %s), essai %d : %s", ctx.name, ctx.plugin, ctx.try_number, error)
        return JobOutcome(ctx.name, ctx.job_id, ctx.try_number, "retrying", error=error, retry_in=wait)
    except Exception as exc:
        if isinstance(exc, TimeoutError) and deadline.expired():
            return failed(f"délai dépassé : la tâche a duré plus de {spec.timeout_seconds:g} s")
        return failed(f"erreur {type(exc).__name__} : {exc}", exc)
    return JobOutcome(ctx.name, ctx.job_id, ctx.try_number, "success", result=result)
