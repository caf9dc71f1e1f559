"""The life of a connector instance, Home Assistant style.

``loaded``        the connection was checked; its streams are synchronised on schedule.
``setup_retry``   the check is pending or the partner was unreachable: retried with backoff.
``needs_reauth``  the credentials were refused: nothing runs until the operator renews them.
``setup_error``   the declaration or the configuration is wrong: nothing runs until it is fixed.
``disabled``      ``enabled = false`` in ``hub.toml``, or no longer declared there.
``paused``        an operator paused it (kept across restarts).

Every state comes with a French ``state_message`` that says what happens next or what to do.
At boot :func:`reconcile_instances` brings the table in line with ``[[connectors]]``; the
scheduler then calls :func:`setup_due_instances`, which runs each pending ``check()``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.db.base import utcnow
from hub.core.settings import ConnectorInstanceSettings
from hub.core.backoff import backoff_delay
from hub.core.sync.http import connector_http_client
from hub.core.sync.instances import (
    DISABLED,
    SETUP_ERROR,
    InstanceProblem,
    ResolvedInstance,
    declaration,
    plugin_of_kind,
    resolve,
)
from hub.core.sync.models import ConnectorInstance

if TYPE_CHECKING:
    from hub.core.hub import Hub

LOADED = "loaded"
SETUP_RETRY = "setup_retry"
NEEDS_REAUTH = "needs_reauth"
PAUSED = "paused"

CHECK_TIMEOUT_SECONDS = 30.0  # within the scheduler tick that runs the due checks
# States kept at boot when the declaration did not change; any other one gets a new check.
_KEPT_WHEN_UNCHANGED = (LOADED, SETUP_RETRY, NEEDS_REAUTH)

logger = logging.getLogger("hub.sync")


@dataclass(frozen=True, slots=True)
class Transition:
    """A new state for an instance, with its message and when to try the setup again."""

    state: str
    message: str
    next_setup_at: datetime | None = None
    setup_attempts: int = 0

    def apply(self, instance: ConnectorInstance) -> None:
        instance.state = self.state
        instance.state_message = self.message
        instance.next_setup_at = self.next_setup_at
        instance.setup_attempts = self.setup_attempts


def pending(now: datetime) -> Transition:
    return Transition(
        SETUP_RETRY,
        "Vérification de la connexion en attente : elle a lieu au prochain passage du planificateur.",
        next_setup_at=now,
    )


def loaded(instance: ConnectorInstance, now: datetime) -> Transition:
    return Transition(
        LOADED,
        f"Connexion vérifiée le {now:%d/%m/%Y à %H:%M} UTC : synchronisation toutes les "
        f"{instance.every_minutes} minutes.",
    )


def paused() -> Transition:
    return Transition(
        PAUSED, "Mise en pause par un opérateur : reprenez-la pour relancer la vérification et les synchronisations."
    )


def undeclared() -> Transition:
    return Transition(
        DISABLED,
        "Absente de hub.toml : déclarez-la de nouveau dans [[connectors]] pour la synchroniser "
        "(son historique est conservé).",
    )


def after_error(instance: ConnectorInstance, error: BaseException, now: datetime) -> Transition:
    """The state an instance takes when its check (or a run) fails with ``error``."""
    if isinstance(error, TransientError | TimeoutError):
        attempts = instance.setup_attempts + 1
        retry_at = now + backoff_delay(attempts, retry_after=getattr(error, "retry_after", None))
        reason = str(error) or "délai de réponse dépassé"
        return Transition(
            SETUP_RETRY,
            f"Le service ne répond pas pour l'instant ({reason}). Nouvel essai automatique le "
            f"{retry_at:%d/%m/%Y à %H:%M} UTC (essai n° {attempts}) ; si cela dure, vérifiez l'adresse "
            "du service et son état.",
            next_setup_at=retry_at,
            setup_attempts=attempts,
        )
    if isinstance(error, AuthError):
        return Transition(
            NEEDS_REAUTH,
            f"Identifiants refusés ({error}) : renouvelez ceux de « {instance.id} » dans hub.toml, puis "
            "redémarrez le hub ou relancez la vérification. Les synchronisations sont suspendues d'ici là.",
        )
    if isinstance(error, ConfigError):
        return Transition(
            SETUP_ERROR,
            f"Configuration refusée par le service ({error}) : corrigez « {instance.id} » dans hub.toml, "
            "puis redémarrez le hub.",
        )
    return Transition(
        SETUP_ERROR,
        f"Erreur inattendue du connecteur ({type(error).__name__}) : consultez les journaux du hub, "
        "puis relancez la vérification.",
    )


async def reconcile_instances(hub: Hub, *, now: datetime | None = None) -> dict[str, str]:
    """Create or update one ``connector_instance`` row per ``[[connectors]]`` entry; returns id → state.

    An unchanged declaration keeps its ``loaded``, ``setup_retry`` or ``needs_reauth`` state
    (no new check, no hammering of refused credentials); a new or edited one waits for a check.
    Undeclared rows become ``disabled``; their history is kept.
    """
    now = now or utcnow()
    async with hub.session() as session, session.begin():
        rows = {row.id: row for row in await session.scalars(sa.select(ConnectorInstance))}
        seen: set[str] = set()
        for declared in hub.settings.connectors:
            row = rows.get(declared.id)
            if row is None:
                row = rows[declared.id] = ConnectorInstance(
                    id=declared.id, state=SETUP_RETRY, paused=False, setup_attempts=0
                )
                session.add(row)
            if declared.id in seen:
                Transition(
                    SETUP_ERROR,
                    f"L'identifiant « {declared.id} » est déclaré plusieurs fois dans [[connectors]] : donnez "
                    "un identifiant unique à chaque instance, puis redémarrez le hub.",
                ).apply(row)
                continue
            seen.add(declared.id)
            _reconcile(hub, row, declared, now)
        for row in rows.values():
            if row.id not in seen:
                undeclared().apply(row)
        return {row.id: row.state for row in rows.values()}


def _reconcile(hub: Hub, row: ConnectorInstance, declared: ConnectorInstanceSettings, now: datetime) -> None:
    row.kind, row.plugin = declared.kind, plugin_of_kind(declared.kind)[:40]
    row.every_minutes = declared.every_minutes
    row.title = declared.title or declared.id
    try:
        resolved = resolve(hub, declared)
    except InstanceProblem as problem:
        row.config_digest = None
        Transition(problem.state, problem.message).apply(row)
        return
    row.title = resolved.title
    unchanged = row.config_digest == resolved.digest
    row.config_digest = resolved.digest
    if row.paused:
        paused().apply(row)
    elif not (unchanged and row.state in _KEPT_WHEN_UNCHANGED):
        pending(now).apply(row)


async def setup_instance(hub: Hub, instance_id: str, *, now: datetime | None = None) -> str:
    """Run the connector's ``check()`` for one instance and record the outcome; returns its state.

    Use it for a pending setup or when an operator asks for a new check (after renewing the
    credentials of a ``needs_reauth`` instance). A paused instance is left alone. Raises
    :class:`LookupError` for an instance the hub has never seen.
    """
    async with hub.session() as session:
        instance = await _get(session, instance_id)
        if instance.paused:
            return instance.state
    transition = await _check(hub, instance, now or utcnow())
    async with hub.session() as session, session.begin():
        instance = await _get(session, instance_id)
        transition.apply(instance)
        return instance.state


async def setup_due_instances(hub: Hub, *, now: datetime | None = None) -> dict[str, str]:
    """Run every ``setup_retry`` check that is due (concurrently); returns id → new state."""
    now = now or utcnow()
    async with hub.session() as session:
        due = list(
            await session.scalars(
                sa.select(ConnectorInstance.id).where(
                    ConnectorInstance.state == SETUP_RETRY,
                    ConnectorInstance.paused.is_(False),
                    sa.or_(ConnectorInstance.next_setup_at.is_(None), ConnectorInstance.next_setup_at <= now),
                )
            )
        )
    states = await asyncio.gather(*(setup_instance(hub, instance_id, now=now) for instance_id in due))
    return dict(zip(due, states, strict=True))


async def pause_instance(hub: Hub, instance_id: str) -> None:
    """Operator's pause: no check and no scheduled sync until :func:`resume_instance`."""
    async with hub.session() as session, session.begin():
        mark_paused(await _get(session, instance_id))


async def resume_instance(hub: Hub, instance_id: str, *, now: datetime | None = None) -> None:
    """Lift an operator's pause; the instance is checked again before syncing."""
    async with hub.session() as session, session.begin():
        mark_resumed(await _get(session, instance_id), now or utcnow())


def mark_paused(instance: ConnectorInstance) -> None:
    """Set the operator's pause on a loaded row (the caller's transaction writes it)."""
    instance.paused = True
    paused().apply(instance)


def mark_resumed(instance: ConnectorInstance, now: datetime) -> None:
    """Lift the operator's pause on a loaded row: the instance waits for a new check."""
    instance.paused = False
    pending(now).apply(instance)


async def _check(hub: Hub, instance: ConnectorInstance, now: datetime) -> Transition:
    declared = declaration(hub, instance.id)
    if declared is None:
        return undeclared()
    try:
        resolved = resolve(hub, declared)
    except InstanceProblem as problem:
        return Transition(problem.state, problem.message)
    try:
        await _run_check(hub, resolved)
    except Exception as exc:
        if not isinstance(exc, TransientError | AuthError | ConfigError | TimeoutError):
            logger.exception("la vérification de l'instance %s a échoué", instance.id)
        return after_error(instance, exc, now)
    return loaded(instance, now)


async def _run_check(hub: Hub, resolved: ResolvedInstance) -> None:
    async with connector_http_client(hub) as http, asyncio.timeout(CHECK_TIMEOUT_SECONDS):
        await resolved.connector(resolved.config, http=http).check()


async def _get(session: AsyncSession, instance_id: str) -> ConnectorInstance:
    instance = await session.get(ConnectorInstance, instance_id)
    if instance is None:
        raise LookupError(
            f"instance de connecteur « {instance_id} » inconnue : déclarez-la dans [[connectors]] de hub.toml"
        )
    return instance
