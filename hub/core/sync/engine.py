"""The sync engine: runs one stream of one connector instance (DESIGN §5).

A run takes the stream's lease, records a ``sync_run``, reads the connector's pages and, for
each page, in **one** transaction: upserts the valid rows, dead-letters the bad records,
advances the cursor (sorted incremental streams) and updates the run's counters. A failure
keeps the pages already written; the next run resumes from the stored cursor.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from connectors.errors import AuthError, ConfigError, ConnectorError, TransientError
from hub.core.db.base import utcnow
from hub.core.db.planner import analyze_if_never_analyzed
from hub.core.db.upsert import UpsertCounts
from hub.core.sync import lease
from hub.core.backoff import backoff_delay
from hub.core.sync.ahead import read_ahead
from hub.core.sync.batch import Batch, prepare_batch, upsert_stream_rows
from hub.core.sync.deadletters import record_key
from hub.core.sync.fingerprints import stored_fingerprints
from hub.core.sync.connector import Stream
from hub.core.sync.cursor import decode_cursor, encode_cursor, latest_cursor
from hub.core.sync.http import connector_http_client
from hub.core.sync.instances import InstanceProblem, ResolvedInstance, declaration, resolve
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun, SyncState
from hub.core.sync.refresh import soft_delete_unseen
from hub.core.sync.report import ErrorType, SyncReport
from hub.core.sync.states import LOADED, after_error

if TYPE_CHECKING:
    from hub.core.hub import Hub

__all__ = ["Progress", "SyncReport", "run_stream"]

Progress = Callable[[SyncReport], Awaitable[None] | None]

logger = logging.getLogger("hub.sync")

# A run's counters in ``sync_run`` lag at most this much behind the batches that write nothing.
CHECKPOINT_SECONDS = 2.0


class LeaseLost(Exception):
    """The lease expired during the run and another run took the stream."""


async def run_stream(
    hub: Hub,
    instance_id: str,
    stream_name: str,
    *,
    trigger: str = "manual",
    progress: Progress | None = None,
) -> SyncReport:
    """Synchronise one stream of one instance and return what the run did.

    Never raises for what the connector or the data do: a failure is recorded in the report
    (``status="failed"``, ``error_type``), an ``AuthError`` sets the instance to
    ``needs_reauth``, a ``ConfigError`` to ``setup_error``, and a ``TransientError`` (or an
    internal error) delays the stream's next run with backoff. Returns a ``skipped`` report,
    without a run, when the instance is not ``loaded`` or another run holds the stream. The
    stream's next run is planned ``every_minutes`` after a complete run.

    ``progress`` (sync or async) receives a copy of the report after each batch. Emits
    ``hub_on_sync_finished`` after every run that started. The connector's HTTP client goes
    through ``hub.http_transport`` when set. Raises :class:`LookupError` for an unknown
    instance or stream. Cancellation is recorded as a failure, then propagated.
    """
    target = await _target(hub, instance_id, stream_name, trigger)
    if isinstance(target, SyncReport):
        return target
    run = await _start(hub, target, trigger)
    if run is None:
        return _skipped(instance_id, stream_name, trigger, "une synchronisation de ce flux est déjà en cours")
    try:
        await run.pump(progress)
        await run.complete()
    except BaseException as exc:
        await run.fail(exc)
        if not isinstance(exc, Exception):
            raise
    await hub.registry.emit("hub_on_sync_finished", hub=hub, report=run.report)
    return run.report


@dataclass(frozen=True, slots=True)
class _Target:
    resolved: ResolvedInstance
    stream: Stream
    every: timedelta


async def _target(hub: Hub, instance_id: str, stream_name: str, trigger: str) -> _Target | SyncReport:
    async with hub.session() as session:
        instance = await session.get(ConnectorInstance, instance_id)
    if instance is None:
        raise LookupError(f"instance de connecteur « {instance_id} » inconnue : voyez la liste des connecteurs")
    declared = declaration(hub, instance_id)
    if instance.state != LOADED or instance.paused or declared is None:
        reason = f"l'instance est dans l'état « {instance.state} » : {instance.state_message or ''}".strip()
        return _skipped(instance_id, stream_name, trigger, reason)
    try:
        resolved = resolve(hub, declared)
    except InstanceProblem as problem:
        return _skipped(instance_id, stream_name, trigger, problem.message)
    try:
        stream = resolved.connector.stream(stream_name)
    except KeyError:
        names = ", ".join(s.name for s in resolved.connector.streams)
        raise LookupError(f"flux « {stream_name} » inconnu pour « {instance_id} » (flux : {names})") from None
    return _Target(resolved, stream, timedelta(minutes=instance.every_minutes))


def _skipped(instance_id: str, stream: str, trigger: str, reason: str) -> SyncReport:
    return SyncReport(
        run_id=None, instance_id=instance_id, stream=stream, status="skipped", trigger=trigger,
        error_message=f"Synchronisation ignorée : {reason}",
    )


async def _start(hub: Hub, target: _Target, trigger: str) -> _Run | None:
    """Take the lease and record the run, in one transaction; ``None`` if the lease is taken."""
    owner, now = lease.new_owner(), utcnow()
    instance_id, stream = target.resolved.id, target.stream.name
    async with hub.session() as session, session.begin():
        if not await lease.acquire(session, instance_id, stream, owner, now):
            return None
        await _close_dead_runs(session, instance_id, stream, now)
        stored = await session.scalar(
            sa.select(SyncState.cursor).where(SyncState.instance_id == instance_id, SyncState.stream == stream)
        )
        row = SyncRun(instance_id=instance_id, stream=stream, status="running", trigger=trigger, started_at=now,
                      cursor_before=stored, cursor_after=stored)
        session.add(row)
        await session.flush()
        report = SyncReport.from_run(row)
    return _Run(hub, target, owner, report)


DEAD_RUN_MESSAGE = (
    "synchronisation interrompue (processus arrêté sans rendre la main, bail expiré) : "
    "la suivante a repris au dernier lot enregistré"
)


async def _close_dead_runs(session: AsyncSession, instance_id: str, stream: str, now: datetime) -> None:
    """Runs of this stream still ``running`` when its lease is taken died with their process
    (a killed worker): record them as failed, so that none stays « en cours » forever."""
    await session.execute(
        sa.update(SyncRun)
        .where(SyncRun.instance_id == instance_id, SyncRun.stream == stream, SyncRun.status == "running")
        .values(status="failed", finished_at=now, error_type="internal", error_message=DEAD_RUN_MESSAGE)
        .execution_options(synchronize_session=False)
    )


@dataclass(slots=True)
class _Run:
    hub: Hub
    target: _Target
    owner: str
    report: SyncReport
    newest: Any = None  # greatest cursor value read so far (typed)
    seen: set[str] = field(default_factory=set)  # partner ids met by a full refresh
    statistics_checked: bool = False
    saved_at: float = 0.0  # time.monotonic() of the last save of the report

    @property
    def stream(self) -> Stream:
        return self.target.stream

    @property
    def advances_per_batch(self) -> bool:
        return self.stream.mode == "incremental" and self.stream.sorted

    async def pump(self, progress: Progress | None) -> None:
        """Read every page and write each one in its own transaction, the next page being read
        meanwhile (:func:`~hub.core.sync.ahead.read_ahead`)."""
        incremental = self.stream.mode == "incremental"
        start = decode_cursor(self.stream, self.report.cursor_before) if incremental else None
        self.newest = start
        resolved = self.target.resolved
        async with connector_http_client(self.hub) as http:
            pages = resolved.connector(resolved.config, http=http).read(self.stream, start)
            ahead = read_ahead(pages)
            try:
                async with self.hub.session() as session:  # one connection for the run's pages
                    async for page in ahead:
                        if page:
                            await self._write(session, page)
                            await _notify(progress, self.report)
            finally:
                await ahead.aclose()  # cancels the read in flight before the connector is closed
                aclose = getattr(pages, "aclose", None)
                if aclose is not None:
                    await aclose()

    async def _write(self, session: AsyncSession, page: Sequence[Any]) -> None:
        """Validate the page, upsert its rows, dead-letter its bad records, advance the cursor
        and save the report.

        A page that changes nothing (every row unchanged, the cursor where it was) costs only
        the lookup of its stored rows (or fingerprints): the lease and the run's counters are
        saved with it every :data:`CHECKPOINT_SECONDS` only, and always by the pages that write.
        """
        async with session.begin():
            known = await self._known_fingerprints(session, page)
            batch = prepare_batch(self.stream, self.report.instance_id, page, known)
            newest = latest_cursor(self.stream, self.newest, batch.records)
            cursor = encode_cursor(newest) if self.advances_per_batch else self.report.cursor_after
            counts = await upsert_stream_rows(session, self.stream, batch.rows)
            if counts.inserted and not self.statistics_checked:
                await analyze_if_never_analyzed(session, self.stream.table)
                self.statistics_checked = True
            report = _with_batch(self.report, batch, counts, cursor)
            writes = counts.inserted or counts.updated or batch.dead_letters or cursor != self.report.cursor_after
            if writes or time.monotonic() - self.saved_at >= CHECKPOINT_SECONDS:
                await self._renew(session)
                if batch.dead_letters:
                    common = {"run_id": report.run_id, "instance_id": report.instance_id, "stream": self.stream.name}
                    await session.execute(sa.insert(DeadLetter), [{**common, **letter} for letter in batch.dead_letters])
                if self.advances_per_batch:
                    await session.execute(
                        sa.update(SyncState).where(*self._state_key()).values(cursor=cursor)
                        .execution_options(synchronize_session=False)
                    )
                await report.save(session)
                self.saved_at = time.monotonic()
        self.report, self.newest = report, newest
        if self.stream.mode == "full_refresh":
            self.seen |= batch.seen

    async def _known_fingerprints(self, session: AsyncSession, page: Sequence[Any]) -> dict[str, str] | None:
        if self.stream.fingerprint_column is None:
            return None
        keys = [key for raw in page if (key := record_key(raw, self.stream.primary_key)) is not None]
        return await stored_fingerprints(session, self.stream, self.report.instance_id, keys) if keys else None

    async def complete(self) -> None:
        """Finish a run that read every page: deletions, cursor of unsorted streams, next run."""
        now = utcnow()
        report = msgspec.structs.replace(
            self.report, status="partial" if self.report.failed else "success", finished_at=now
        )
        async with self.hub.session() as session, session.begin():
            await self._renew(session)
            if self.stream.mode == "full_refresh":
                report.deleted = await soft_delete_unseen(session, self.stream, report.instance_id, self.seen, now)
            elif not self.stream.sorted:
                report.cursor_after = encode_cursor(self.newest)
            state = await self._state(session)
            state.cursor = report.cursor_after
            state.failures = 0
            state.next_run_at = now + self.target.every
            lease.release(state, self.owner)
            instance = await session.get_one(ConnectorInstance, report.instance_id)
            instance.last_success_at = now
            await report.save(session)
        self.report = report

    async def fail(self, error: BaseException) -> None:
        """Record a failed run; the batches already written stay, the next run resumes from them."""
        now = utcnow()
        error_type, message = _classify(error, self.report)
        self.report = msgspec.structs.replace(
            self.report, status="failed", finished_at=now, error_type=error_type, error_message=message
        )
        async with self.hub.session() as session, session.begin():
            await self.report.save(session)
            state = await self._state(session)
            if state.lease_owner != self.owner:
                return
            lease.release(state, self.owner)
            if error_type in ("auth", "config"):
                instance = await session.get_one(ConnectorInstance, self.report.instance_id)
                after_error(instance, error, now).apply(instance)
            else:
                state.failures += 1
                retry_after = error.retry_after if isinstance(error, TransientError) else None
                state.next_run_at = now + backoff_delay(state.failures, retry_after=retry_after)

    def _state_key(self) -> tuple[sa.ColumnElement[bool], ...]:
        return (SyncState.instance_id == self.report.instance_id, SyncState.stream == self.stream.name)

    async def _state(self, session: AsyncSession) -> SyncState:
        return await session.get_one(SyncState, (self.report.instance_id, self.stream.name))

    async def _renew(self, session: AsyncSession) -> None:
        if not await lease.renew(session, self.report.instance_id, self.stream.name, self.owner, utcnow()):
            raise LeaseLost("le bail du flux a expiré et une autre exécution l'a repris")


def _with_batch(report: SyncReport, batch: Batch, counts: UpsertCounts, cursor: Any) -> SyncReport:
    """``report`` with one more batch written."""
    return msgspec.structs.replace(
        report,
        batches=report.batches + 1,
        read=report.read + batch.read,
        inserted=report.inserted + counts.inserted,
        updated=report.updated + counts.updated,
        unchanged=report.unchanged + counts.unchanged + batch.skipped,
        failed=report.failed + len(batch.dead_letters),
        cursor_after=cursor,
    )


def _classify(error: BaseException, report: SyncReport) -> tuple[ErrorType, str]:
    """The error type and the French message a failed run records."""
    if isinstance(error, TransientError | TimeoutError):
        return "transient", str(error) or "délai de réponse dépassé"
    if isinstance(error, AuthError):
        return "auth", str(error)
    if isinstance(error, ConfigError):
        return "config", str(error)
    if isinstance(error, ConnectorError | LeaseLost):
        return "internal", str(error)
    if not isinstance(error, Exception):
        return "internal", (
            "synchronisation interrompue (arrêt du processus ou délai dépassé) : "
            "la suivante reprendra au dernier lot enregistré"
        )
    logger.exception("la synchronisation %s/%s a échoué", report.instance_id, report.stream, exc_info=error)
    return "internal", f"erreur interne ({type(error).__name__}) : consultez les journaux du hub"


async def _notify(progress: Progress | None, report: SyncReport) -> None:
    if progress is None:
        return
    result = progress(msgspec.structs.replace(report))
    if inspect.isawaitable(result):
        await result
