"""What an operator does to a connector instance: pause, resume, sync now, replay a dead letter.

The console, ``hub connectors`` and the admin API call these functions and nothing else; each
action is recorded in the audit log (:func:`~hub.core.audit.journal.record_mutation`) in the
transaction that makes it, with ``par`` (the person who acted, ``None`` for a command line).
Refusals are :class:`~hub.core.errors.DomainError` in French, saying what to do:
:class:`NotFound` for an unknown instance, :class:`Conflict` for an action the state forbids,
:class:`ValidationError` (field ``stream``) for an unknown stream. Nothing is written then.

Two ways to sync now:

- :func:`request_sync` (console, API): enqueues one ``hub:sync`` job per stream of a ``loaded``
  instance (trigger ``manual``); a ``setup_retry`` or ``needs_reauth`` instance is instead put
  back to a pending check, which the scheduler runs at its next tick (syncs follow).
- :func:`prepare_sync` (CLI): checks the connection at once when the instance is not ready,
  then names the streams the caller runs in the foreground (``run_stream``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import record_mutation
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, NotFound, ValidationError
from hub.core.sync.instances import DISABLED, SETUP_ERROR
from hub.core.sync.models import ConnectorInstance, SyncState
from hub.core.sync.overview import InstanceOverview, get_overview, que_faire, unknown_instance
from hub.core.sync.replay import ReplayOutcome, replay_dead_letter
from hub.core.sync.scheduling import SYNC_JOB
from hub.core.sync.states import LOADED, NEEDS_REAUTH, SETUP_RETRY, mark_paused, mark_resumed, setup_instance

if TYPE_CHECKING:
    from hub.core.hub import Hub

__all__ = ["SyncRequest", "pause", "prepare_sync", "replay", "request_sync", "resume"]


class SyncRequest(msgspec.Struct, frozen=True, kw_only=True):
    """What :func:`request_sync` did: the job ids enqueued, or ``check_requested`` when the
    connection is checked first; ``message`` says it in French."""

    instance_id: str
    jobs: list[str]
    check_requested: bool
    message: str


async def pause(hub: Hub, instance_id: str, *, par: str | None) -> None:
    """Pause an instance: no check and no scheduled sync until :func:`resume` (kept across
    restarts). :class:`Conflict` when it is already paused or disabled in ``hub.toml``."""
    async with hub.session() as session, session.begin():
        instance = await _instance(session, instance_id)
        if instance.paused:
            raise Conflict(f"« {instance_id} » est déjà en pause : reprenez-la pour relancer ses synchronisations.")
        if instance.state == DISABLED:
            raise Conflict(f"« {instance_id} » est désactivée, rien ne tourne : {que_faire(DISABLED)}")
        previous = instance.state
        mark_paused(instance)
        await record_mutation(
            session, user_id=par, nom="mettre_en_pause_connecteur", donnees={"instance_id": instance_id, "etat": previous}
        )


async def resume(hub: Hub, instance_id: str, *, par: str | None, now: datetime | None = None) -> None:
    """Lift a pause: the instance waits for a new check (next scheduler tick), then syncs on
    schedule. :class:`Conflict` when it is not paused."""
    async with hub.session() as session, session.begin():
        instance = await _instance(session, instance_id)
        if not instance.paused:
            raise Conflict(f"« {instance_id} » n'est pas en pause : il n'y a rien à reprendre.")
        mark_resumed(instance, now or utcnow())
        await record_mutation(session, user_id=par, nom="reprendre_connecteur", donnees={"instance_id": instance_id})


async def request_sync(hub: Hub, instance_id: str, *, par: str | None, now: datetime | None = None) -> SyncRequest:
    """Sync every stream of an instance as soon as possible (see the module).

    :class:`Conflict` when it is paused, disabled or in ``setup_error`` (the message says what
    to do first)."""
    now = now or utcnow()
    overview = await get_overview(hub, instance_id)
    _refuse_if_stuck(overview)
    streams = [stream.name for stream in overview.streams]
    if overview.state != LOADED:
        async with hub.session() as session, session.begin():
            instance = await _instance(session, instance_id)
            mark_resumed(instance, now)  # a pending check, as after a pause
            await session.execute(
                sa.update(SyncState).where(SyncState.instance_id == instance_id).values(next_run_at=now)
                .execution_options(synchronize_session=False)
            )
            await _record_sync(session, par, instance_id, streams, jobs=[], check=True)
        return SyncRequest(
            instance_id=instance_id, jobs=[], check_requested=True,
            message="Vérification de la connexion demandée : elle a lieu au prochain passage du planificateur "
            "(chaque minute), et la synchronisation suit si elle réussit.",
        )
    stamp = int(now.timestamp() * 1000)
    jobs = []
    for stream in streams:
        accepted = await hub.queue.enqueue(
            SYNC_JOB, job_id=f"sync:{instance_id}:{stream}:manuel:{stamp}", instance_id=instance_id, stream=stream,
            trigger="manual",
        )
        if accepted is not None:
            jobs.append(accepted)
    async with hub.session() as session, session.begin():
        await _record_sync(session, par, instance_id, streams, jobs=jobs, check=False)
    return SyncRequest(
        instance_id=instance_id, jobs=jobs, check_requested=False,
        message=f"Synchronisation demandée ({len(jobs)} flux) : elle apparaîtra dans les synchronisations dès "
        "qu'elle aura commencé.",
    )


async def prepare_sync(hub: Hub, instance_id: str, streams: Sequence[str] = (), *, par: str | None) -> list[str]:
    """Make an instance ready for a sync run now and return the streams to run (``streams``,
    all by default): an instance neither loaded nor paused is checked at once.

    :class:`NotFound` for an unknown instance, :class:`ValidationError` (``stream``) for an
    unknown stream, :class:`Conflict` when the instance is still not ready after its check
    (its message and what to do)."""
    overview = await get_overview(hub, instance_id)
    known = [stream.name for stream in overview.streams]
    unknown = [name for name in streams if name not in known]
    if unknown:
        names = ", ".join(known) or "aucun"
        raise ValidationError({"stream": f"flux inconnu(s) pour « {instance_id} » : {', '.join(unknown)} (flux : {names})"})
    if overview.state != LOADED and not overview.paused:
        await setup_instance(hub, instance_id)
        overview = await get_overview(hub, instance_id)
    if overview.state != LOADED:
        raise Conflict(
            f"« {instance_id} » n'est pas prête ({overview.state}) : {overview.state_message or ''} "
            f"Que faire : {overview.action}"
        )
    chosen = list(streams) or known
    async with hub.session() as session, session.begin():
        await _record_sync(session, par, instance_id, chosen, jobs=[], check=False)
    return chosen


async def replay(hub: Hub, dead_letter_id: int, *, par: str | None) -> ReplayOutcome:
    """Replay one dead letter (:func:`hub.core.sync.replay.replay_dead_letter`, audited there)."""
    return await replay_dead_letter(hub, dead_letter_id, par=par)


def _refuse_if_stuck(overview: InstanceOverview) -> None:
    if overview.paused:
        raise Conflict(f"« {overview.id} » est en pause : reprenez-la avant de la synchroniser.")
    if overview.state in (DISABLED, SETUP_ERROR):
        raise Conflict(
            f"« {overview.id} » ne peut pas être synchronisée ({overview.state_label}) : "
            f"{overview.state_message or ''} Que faire : {overview.action}"
        )
    if overview.state not in (LOADED, SETUP_RETRY, NEEDS_REAUTH):
        raise Conflict(f"« {overview.id} » est dans un état inconnu ({overview.state}) : {overview.action}")


async def _record_sync(
    session: AsyncSession, par: str | None, instance_id: str, streams: list[str], *, jobs: list[str], check: bool
) -> None:
    donnees: dict[str, Any] = {"instance_id": instance_id, "flux": streams, "taches": jobs, "verification": check}
    await record_mutation(session, user_id=par, nom="synchroniser_connecteur", donnees=donnees)


async def _instance(session: AsyncSession, instance_id: str) -> ConnectorInstance:
    instance = await session.get(ConnectorInstance, instance_id)
    if instance is None:
        known = await session.scalars(sa.select(ConnectorInstance.id))
        raise NotFound(unknown_instance(instance_id, list(known)))
    return instance
