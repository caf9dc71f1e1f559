"""What an operator sees of the connectors: each instance's health, what to do about it, the
repairs list, and one instance in detail (its runs and dead letters, secrets masked).

The console (``/admin/connecteurs``), ``hub connectors list|show`` and the admin API
(``/api/v1/admin/connecteurs``) all read these functions; none computes a state on its own.

- **Que faire** (:data:`QUE_FAIRE`): one French action per state, the same as in
  ``docs/operators.md``.
- **Dernière erreur** (:func:`last_error`): the state's message when the instance is stuck
  (``needs_reauth``, ``setup_error``, a ``setup_retry`` after a failed check), else the error of
  the latest run of a stream when that run failed.
- **Prochaine exécution**: ``None`` when nothing will run without the operator (paused,
  disabled, credentials or configuration to fix); the next check for ``setup_retry``; the
  soonest ``next_run_at`` of the streams for ``loaded`` (a stream never run is due now).
- **Réparations** (:func:`repairs`): instances whose credentials were refused, whose set-up
  failed, or with at least :data:`DEAD_LETTER_THRESHOLD` distinct records dead-lettered and not
  replayed (a record rejected again at every run counts once; records without a partner id
  count one each).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.db.base import utcnow
from hub.core.errors import NotFound
from hub.core.sync.deadletters import redact_payload
from hub.core.sync.instances import DISABLED, SETUP_ERROR
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun
from hub.core.sync.queries import DeadLetterView, InstanceView, list_dead_letters, list_instances, list_runs
from hub.core.sync.report import SyncReport
from hub.core.sync.states import LOADED, NEEDS_REAUTH, PAUSED, SETUP_RETRY

if TYPE_CHECKING:
    from hub.core.hub import Hub

DEAD_LETTER_THRESHOLD = 10

STATE_LABELS = {
    LOADED: "Opérationnelle",
    SETUP_RETRY: "Nouvel essai prévu",
    NEEDS_REAUTH: "Identifiants à renouveler",
    SETUP_ERROR: "Configuration à corriger",
    DISABLED: "Désactivée",
    PAUSED: "En pause",
}

QUE_FAIRE = {
    LOADED: "Rien : elle est synchronisée selon son intervalle.",
    SETUP_RETRY: (
        "Attendre le nouvel essai automatique ; si cela dure, vérifier l'adresse du partenaire et son état."
    ),
    NEEDS_REAUTH: (
        "Renouveler ses identifiants dans hub.toml, redémarrer le hub, puis « Synchroniser maintenant » "
        "(`hub connectors sync <id>`)."
    ),
    SETUP_ERROR: "Corriger sa déclaration dans hub.toml selon le message, puis redémarrer le hub.",
    DISABLED: "La déclarer de nouveau (enabled = true) dans [[connectors]] de hub.toml, puis redémarrer le hub.",
    PAUSED: "La reprendre (« Reprendre » ou `hub connectors resume <id>`) pour relancer les synchronisations.",
}
UNKNOWN_STATE_ACTION = "Consulter les journaux du hub : cet état est inconnu de cette version."

TOO_MANY_DEAD_LETTERS = (
    "Examiner les enregistrements écartés : signaler au partenaire ceux qu'il doit corriger, rejouer ceux "
    "que le hub accepte désormais."
)


class InstanceOverview(InstanceView, frozen=True, kw_only=True):
    """An instance as the operator sees it: its :class:`InstanceView`, plus ``state_label``
    (French), ``next_run_at``, ``last_error`` (French, or ``None``), ``action`` (« que faire »)
    and ``rejected_records`` (distinct records dead-lettered and not replayed)."""

    state_label: str
    next_run_at: datetime | None
    last_error: str | None
    action: str
    rejected_records: int


class Repair(msgspec.Struct, frozen=True, kw_only=True):
    """One entry of the repairs list: which instance, why (``needs_reauth``, ``setup_error`` or
    ``dead_letters``), the problem and what to do, in French."""

    instance_id: str
    title: str
    reason: str
    problem: str
    action: str


class InstanceDetail(msgspec.Struct, frozen=True, kw_only=True):
    """One instance with its latest runs and dead letters (newest first, payloads masked)."""

    instance: InstanceOverview
    runs: list[SyncReport]
    dead_letters: list[DeadLetterView]


def que_faire(state: str) -> str:
    """The French action the ``state`` calls for."""
    return QUE_FAIRE.get(state, UNKNOWN_STATE_ACTION)


async def list_overviews(hub: Hub) -> list[InstanceOverview]:
    """Every known instance, by id, as :class:`InstanceOverview`."""
    views = await list_instances(hub)
    async with hub.session() as session:
        latest = sa.select(sa.func.max(SyncRun.id)).group_by(SyncRun.instance_id, SyncRun.stream)
        failed = list(await session.scalars(sa.select(SyncRun).where(SyncRun.id.in_(latest), SyncRun.status == "failed")))
        rejected = await _rejected_records(session)
        rows = await session.execute(sa.select(ConnectorInstance.id, ConnectorInstance.setup_attempts))
        attempts = {instance_id: count for instance_id, count in rows.all()}
    failures: dict[str, SyncRun] = {}
    for run in sorted(failed, key=lambda run: run.id):
        failures[run.instance_id] = run
    now = utcnow()
    return [
        _overview(view, failures.get(view.id), rejected.get(view.id, 0), attempts.get(view.id, 0), now) for view in views
    ]


async def get_overview(hub: Hub, instance_id: str) -> InstanceOverview:
    """One instance; :class:`NotFound` (naming the known ones) when the hub has never seen it."""
    overviews = {overview.id: overview for overview in await list_overviews(hub)}
    if instance_id not in overviews:
        raise NotFound(unknown_instance(instance_id, overviews))
    return overviews[instance_id]


def unknown_instance(instance_id: str, known: object) -> str:
    """The French message for an unknown instance, naming the known ones."""
    names = ", ".join(sorted(known)) or "aucune"  # type: ignore[call-overload]
    return f"instance « {instance_id} » inconnue (instances : {names})"


async def instance_detail(hub: Hub, instance_id: str, *, runs: int = 20, dead_letters: int = 50) -> InstanceDetail:
    """One instance (:func:`get_overview`) with its latest ``runs`` runs and ``dead_letters``
    dead letters, payloads masked again with :func:`~hub.core.sync.deadletters.redact_payload`."""
    overview = await get_overview(hub, instance_id)
    return InstanceDetail(
        instance=overview,
        runs=await list_runs(hub, instance_id=instance_id, limit=runs),
        dead_letters=await masked_dead_letters(hub, instance_id=instance_id, limit=dead_letters),
    )


async def masked_dead_letters(hub: Hub, *, instance_id: str | None = None, limit: int = 50) -> list[DeadLetterView]:
    """The newest dead letters first, their payloads masked (keys that look like secrets)."""
    letters = await list_dead_letters(hub, instance_id=instance_id, limit=limit)
    return [msgspec.structs.replace(letter, payload=redact_payload(letter.payload)) for letter in letters]


async def list_repairs(hub: Hub) -> list[Repair]:
    """The repairs list of every instance (see :func:`repairs`)."""
    return repairs(await list_overviews(hub))


def repairs(overviews: list[InstanceOverview]) -> list[Repair]:
    """What needs the operator, in instance order: refused credentials, set-up errors, then
    instances with at least :data:`DEAD_LETTER_THRESHOLD` rejected records."""
    found = []
    for overview in overviews:
        if overview.state in (NEEDS_REAUTH, SETUP_ERROR):
            found.append(
                Repair(
                    instance_id=overview.id, title=overview.title, reason=overview.state,
                    problem=overview.state_message or STATE_LABELS[overview.state], action=overview.action,
                )
            )
        if overview.rejected_records >= DEAD_LETTER_THRESHOLD:
            found.append(
                Repair(
                    instance_id=overview.id, title=overview.title, reason="dead_letters",
                    problem=f"{overview.rejected_records} enregistrements écartés en attente (seuil : "
                    f"{DEAD_LETTER_THRESHOLD}).",
                    action=TOO_MANY_DEAD_LETTERS,
                )
            )
    return found


def last_error(view: InstanceView, failed_run: SyncRun | None, setup_attempts: int) -> str | None:
    """The last error of an instance in plain French (see the module), or ``None``."""
    if view.state in (NEEDS_REAUTH, SETUP_ERROR) or (view.state == SETUP_RETRY and setup_attempts > 0):
        return view.state_message
    if failed_run is not None:
        reason = failed_run.error_message or "erreur inconnue"
        return f"Échec de la synchronisation du flux « {failed_run.stream} » : {reason}"
    return None


def next_run_at(view: InstanceView, now: datetime) -> datetime | None:
    """When something will run next without the operator (see the module), or ``None``."""
    if view.paused:
        return None
    if view.state == SETUP_RETRY:
        return view.next_setup_at or now
    if view.state != LOADED or not view.streams:
        return None
    return min(stream.next_run_at or now for stream in view.streams)


def _overview(
    view: InstanceView, failed_run: SyncRun | None, rejected: int, setup_attempts: int, now: datetime
) -> InstanceOverview:
    return InstanceOverview(
        **msgspec.structs.asdict(view),
        state_label=STATE_LABELS.get(view.state, view.state),
        next_run_at=next_run_at(view, now),
        last_error=last_error(view, failed_run, setup_attempts),
        action=que_faire(view.state),
        rejected_records=rejected,
    )


async def _rejected_records(session: AsyncSession) -> dict[str, int]:
    """instance id → distinct records dead-lettered and not replayed (see the module)."""
    key = sa.func.coalesce(DeadLetter.stream + ":" + DeadLetter.record_key, sa.cast(DeadLetter.id, sa.String))
    rows = await session.execute(
        sa.select(DeadLetter.instance_id, sa.func.count(sa.distinct(key)))
        .where(DeadLetter.replayed_at.is_(None))
        .group_by(DeadLetter.instance_id)
    )
    return {instance_id: count for instance_id, count in rows.all()}
