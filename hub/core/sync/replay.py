"""Replaying a dead letter: its stored payload goes again through the stream's validation and
upsert, as a run of its own (``trigger="replay"``) that the runs list shows.

The record is the one kept when it was rejected, not a fresh copy from the partner: replaying
is for records the hub now accepts (a plugin fixed or upgraded since). A payload with a masked
value (a key that looks like a secret) is refused: writing ``********`` in place of the
partner's value would corrupt the row, and a new sync reads the record again anyway.

Like a sync, a replay holds the stream's lease (:mod:`hub.core.sync.lease`), so it never runs
beside a sync of the same stream; it touches neither the cursor nor the schedule, and runs
whatever the instance's state (it does not call the partner).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import record_mutation
from hub.core.db.base import utcnow
from hub.core.errors import Conflict, NotFound
from hub.core.secrets import REDACTED
from hub.core.sync import lease
from hub.core.sync.batch import prepare_batch, upsert_stream_rows
from hub.core.sync.connector import Stream
from hub.core.sync.instances import connector_classes
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun, SyncState
from hub.core.sync.report import SyncReport

if TYPE_CHECKING:
    from hub.core.hub import Hub

REPLAY_TRIGGER = "replay"
AUDIT_NAME = "rejouer_enregistrement_ecarte"


class ReplayOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """What a replay did: ``replayed`` when the record landed (the dead letter, and the older
    ones of the same record, are marked replayed), else ``error`` is the new reason, kept on the
    dead letter. ``report`` is the replay's run."""

    dead_letter_id: int
    replayed: bool
    error: str | None
    report: SyncReport


async def replay_dead_letter(hub: Hub, dead_letter_id: int, *, par: str | None) -> ReplayOutcome:
    """Replay one dead letter (see the module); ``par`` is who asked (``None`` for the CLI),
    recorded in the audit log with the outcome.

    Raises :class:`NotFound` for an unknown dead letter and :class:`Conflict` (French, saying
    what to do) when it was already replayed, its stream is no longer provided by an enabled
    plugin, its payload holds a masked value, or a sync of its stream is running.
    """
    letter, stream = await _replayable(hub, dead_letter_id)
    owner, now = lease.new_owner(), utcnow()
    async with hub.session() as session, session.begin():
        if not await lease.acquire(session, letter.instance_id, letter.stream, owner, now):
            raise Conflict(
                f"Une synchronisation du flux « {letter.stream} » est en cours : rejouez cet enregistrement "
                "quand elle sera terminée (dans quelques minutes)."
            )
        cursor = await session.scalar(sa.select(SyncState.cursor).where(*_state_key(letter)))
        run = SyncRun(
            instance_id=letter.instance_id, stream=letter.stream, status="running", trigger=REPLAY_TRIGGER,
            started_at=now, cursor_before=cursor, cursor_after=cursor,
        )
        session.add(run)
        await session.flush()
        report = SyncReport.from_run(run)
    try:
        outcome = await _write(hub, letter, stream, report, owner, par)
    except Exception as exc:
        await _fail(hub, report, owner, exc)
        raise
    await hub.registry.emit("hub_on_sync_finished", hub=hub, report=outcome.report)
    return outcome


async def _replayable(hub: Hub, dead_letter_id: int) -> tuple[DeadLetter, Stream]:
    async with hub.session() as session:
        letter = await session.get(DeadLetter, dead_letter_id)
        instance = await session.get(ConnectorInstance, letter.instance_id) if letter else None
    if letter is None or instance is None:
        raise NotFound(
            f"Enregistrement écarté n° {dead_letter_id} introuvable : voyez la liste des enregistrements écartés "
            "(`hub connectors dead-letters`)."
        )
    if letter.replayed_at is not None:
        raise Conflict(
            f"L'enregistrement écarté n° {dead_letter_id} a déjà été rejoué le {letter.replayed_at:%d/%m/%Y à %H:%M} "
            "UTC : il n'y a plus rien à faire."
        )
    kinds = connector_classes(hub)
    if instance.kind not in kinds:
        raise Conflict(
            f"Le type de connecteur « {instance.kind} » n'est fourni par aucun plugin activé : installez ou "
            "débloquez son plugin, puis rejouez l'enregistrement."
        )
    try:
        stream = kinds[instance.kind][1].stream(letter.stream)
    except KeyError:
        raise Conflict(
            f"Le flux « {letter.stream} » n'existe plus dans « {instance.kind} » : cet enregistrement ne peut plus "
            "être rejoué."
        ) from None
    if _has_masked_value(letter.payload):
        raise Conflict(
            "Cet enregistrement contient des valeurs masquées (secrets) : il ne peut pas être rejoué tel quel. "
            "Lancez une synchronisation pour le relire chez le partenaire."
        )
    return letter, stream


async def _write(
    hub: Hub, letter: DeadLetter, stream: Stream, report: SyncReport, owner: str, par: str | None
) -> ReplayOutcome:
    """Validate and upsert the payload, settle the dead letter, finish the run: one transaction."""
    batch = prepare_batch(stream, letter.instance_id, [letter.payload])
    now = utcnow()
    async with hub.session() as session, session.begin():
        counts = await upsert_stream_rows(session, stream, batch.rows)
        error = batch.dead_letters[0]["error"] if batch.dead_letters else None
        if error is None:
            await _mark_replayed(session, letter, now)
        else:
            await session.execute(sa.update(DeadLetter).where(DeadLetter.id == letter.id).values(error=error))
        report = msgspec.structs.replace(
            report, status="success" if error is None else "partial", finished_at=now, batches=1, read=1,
            inserted=counts.inserted, updated=counts.updated, unchanged=counts.unchanged, failed=len(batch.dead_letters),
        )
        await report.save(session)
        lease.release(await session.get_one(SyncState, (letter.instance_id, letter.stream)), owner)
        await record_mutation(
            session, user_id=par, nom=AUDIT_NAME,
            donnees={
                "instance_id": letter.instance_id, "flux": letter.stream, "enregistrement_ecarte_id": letter.id,
                "cle": letter.record_key, "synchronisation_id": report.run_id,
                "resultat": "rejoue" if error is None else "toujours_ecarte", "erreur": error,
            },
        )
    return ReplayOutcome(dead_letter_id=letter.id, replayed=error is None, error=error, report=report)


async def _mark_replayed(session: AsyncSession, letter: DeadLetter, now: datetime) -> None:
    """Mark the letter replayed, and the pending older letters of the same record with it."""
    same = DeadLetter.id == letter.id
    if letter.record_key is not None:
        same = sa.or_(
            same,
            sa.and_(
                DeadLetter.instance_id == letter.instance_id,
                DeadLetter.stream == letter.stream,
                DeadLetter.record_key == letter.record_key,
            ),
        )
    await session.execute(
        sa.update(DeadLetter).where(same, DeadLetter.replayed_at.is_(None)).values(replayed_at=now)
        .execution_options(synchronize_session=False)
    )


async def _fail(hub: Hub, report: SyncReport, owner: str, error: Exception) -> None:
    """Record a replay that broke (a connector or database bug) and give the lease back."""
    failed = msgspec.structs.replace(
        report, status="failed", finished_at=utcnow(), error_type="internal",
        error_message=f"erreur interne ({type(error).__name__}) : consultez les journaux du hub",
    )
    async with hub.session() as session, session.begin():
        await failed.save(session)
        state = await session.get(SyncState, (report.instance_id, report.stream))
        if state is not None:
            lease.release(state, owner)


def _state_key(letter: DeadLetter) -> tuple[sa.ColumnElement[bool], ...]:
    return (SyncState.instance_id == letter.instance_id, SyncState.stream == letter.stream)


def _has_masked_value(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_masked_value(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_masked_value(item) for item in value)
    return value == REDACTED
