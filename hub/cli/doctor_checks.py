"""The checks of ``hub doctor``: each says what it found and, when it failed, what to do.

Read only: nothing is written to the database, no instance changes state, no job is queued.
Every check runs under a timeout, so an unreachable service fails the check instead of hanging.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.engine import make_url

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.db.base import utcnow
from hub.core.db.migrate import alembic_config, pending_heads
from hub.core.hub import Hub
from hub.core.jobs.heartbeat import (
    HEARTBEAT_TTL_SECONDS,
    Heartbeat,
    differences,
    heartbeat_store,
    live_among,
    plugin_set,
)
from hub.core.settings import ConnectorInstanceSettings
from hub.core.sync.http import connector_http_client
from hub.core.sync.instances import InstanceProblem, resolve
from hub.core.sync.models import ConnectorInstance

TIMEOUT_SECONDS = 10.0
CONNECTOR_TIMEOUT_SECONDS = 30.0

Status = Literal["ok", "echec", "ignore"]


@dataclass(frozen=True, slots=True)
class Check:
    """One finding. ``fix`` (French) says what to do; set when ``status`` is ``echec``."""

    name: str
    title: str
    status: Status
    message: str
    fix: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


async def diagnose(hub: Hub) -> list[Check]:
    """Every check, in the order an operator fixes things: database, migrations, Redis, workers,
    plugin set, then each declared connector instance."""
    database = await check_database(hub)
    checks = [database]
    database_up = database.status == "ok"
    checks.append(await check_migrations(hub) if database_up else _skipped("migrations", "Migrations", "base injoignable"))
    redis = await check_redis(hub)
    checks.append(redis)
    heartbeats: list[Heartbeat] | None = None
    if redis.status == "echec":
        checks.append(_skipped("worker", "Worker", "Redis injoignable"))
    else:
        worker, heartbeats = await check_worker(hub)
        checks.append(worker)
    checks.append(check_plugin_set(hub, heartbeats))
    checks += await check_connectors(hub, database_up=database_up)
    return checks


def _skipped(name: str, title: str, reason: str) -> Check:
    return Check(name, title, "ignore", f"non vérifié : {reason}")


def _public_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(adresse illisible)"


async def check_database(hub: Hub) -> Check:
    url = _public_url(hub.settings.database_url.reveal())
    started = time.monotonic()
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS), hub.engine.connect() as connection:
            await connection.execute(sa.text("select 1"))
    except Exception as exc:
        return Check(
            "database",
            "Base de données",
            "echec",
            f"injoignable ({url}) : {_reason(exc)}",
            "vérifiez database_url (HUB_DATABASE_URL) : hôte, port, nom de la base, identifiants ; "
            "et que le serveur PostgreSQL tourne et accepte les connexions depuis cette machine",
        )
    elapsed = round((time.monotonic() - started) * 1000)
    return Check("database", "Base de données", "ok", f"joignable ({url}, {elapsed} ms)")


async def check_migrations(hub: Hub) -> Check:
    url = hub.settings.database_url.reveal()
    dirs = list(hub.migration_dirs())
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS * 3):
            pending = await pending_heads(hub.engine, url, dirs)
    except CommandError as exc:
        return Check(
            "migrations",
            "Migrations",
            "echec",
            f"la base porte des révisions que ce hub ne connaît pas ({exc})",
            "un plugin a été désinstallé ou le hub est plus ancien que la base : réinstallez le plugin ou la "
            "version du hub qui a migré cette base",
        )
    if not pending:
        branches = ", ".join(["cœur", *sorted(_branch_names(hub, dirs).values())])
        return Check("migrations", "Migrations", "ok", f"à jour ({branches})")
    by_branch = _pending_by_branch(hub, url, dirs, pending)
    listed = " ; ".join(f"{branch} ({', '.join(revisions)})" for branch, revisions in sorted(by_branch.items()))
    return Check(
        "migrations",
        "Migrations",
        "echec",
        f"en attente : {listed}",
        "lancez `hub db upgrade` (une fois, depuis une seule machine), puis redémarrez les workers",
    )


def _branch_names(hub: Hub, dirs: Iterable[Path]) -> dict[Path, str]:
    """Migration folder → plugin name, for the plugins that have one."""
    names = {info.migrations_dir: info.name for info in hub.registry.plugins.values() if info.migrations_dir}
    return {path.resolve(): names[path] for path in dirs if path in names}


def _pending_by_branch(hub: Hub, url: str, dirs: list[Path], pending: set[str]) -> dict[str, list[str]]:
    script = ScriptDirectory.from_config(alembic_config(url, dirs))
    branches = _branch_names(hub, dirs)
    found: dict[str, list[str]] = {}
    for revision in sorted(pending):
        path = Path(script.get_revision(revision).path).resolve().parent
        found.setdefault(branches.get(path, "cœur"), []).append(revision)
    return found


async def check_redis(hub: Hub) -> Check:
    if hub.settings.redis_url is None:
        return Check(
            "redis",
            "Redis",
            "ignore",
            "non configuré : `hub serve` exécute les tâches lui-même (un seul processus serveur dans ce mode)",
        )
    from redis.asyncio import Redis

    url = hub.settings.redis_url.reveal()
    client = Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            await client.ping()
    except Exception as exc:
        return Check(
            "redis",
            "Redis",
            "echec",
            f"injoignable ({_public_url(url)}) : {_reason(exc)}",
            "vérifiez redis_url (HUB_REDIS_URL) et que Redis tourne et accepte les connexions depuis cette "
            "machine ; sans Redis, aucune tâche ne part (synchronisations, tâches périodiques)",
        )
    finally:
        await client.aclose()
    return Check("redis", "Redis", "ok", f"joignable ({_public_url(url)}, file « {hub.settings.queue_name} »)")


async def check_worker(hub: Hub) -> tuple[Check, list[Heartbeat]]:
    """At least one live heartbeat (:mod:`hub.core.jobs.heartbeat`): something runs the jobs."""
    store = heartbeat_store(hub.settings)
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            every = await store.read_all()
    except Exception as exc:
        return Check("worker", "Worker", "echec", f"battements illisibles : {_reason(exc)}", _start_worker(hub)), []
    finally:
        await store.close()
    live = live_among(every, utcnow())
    if not live:
        last = max((hb.seen_at for hb in every), default=None)
        seen = f" ; dernier signe de vie le {_paris(last)}" if last else ""
        return (
            Check(
                "worker",
                "Worker",
                "echec",
                f"aucun worker n'a donné signe de vie depuis {HEARTBEAT_TTL_SECONDS} s{seen}",
                _start_worker(hub),
            ),
            [],
        )
    names = ", ".join(f"{hb.worker} ({'arq' if hb.mode == 'arq' else 'hub serve'})" for hb in live)
    return Check("worker", "Worker", "ok", f"{len(live)} en marche : {names}"), live


def _start_worker(hub: Hub) -> str:
    if hub.settings.redis_url is not None:
        return (
            f"lancez `hub worker` (au moins un) sur une machine qui voit ce Redis et la file "
            f"« {hub.settings.queue_name} » ; s'il tourne, lisez son journal : il refuse de démarrer sans "
            "migrations à jour"
        )
    return (
        "lancez `hub serve` : sans Redis, c'est lui qui exécute les tâches ; lancez `hub doctor` sur sa machine, "
        f"avec ses réglages (dossier de données « {hub.settings.data_dir} »)"
    )


def check_plugin_set(hub: Hub, heartbeats: list[Heartbeat] | None) -> Check:
    """The web app (these settings, this Python environment) and every worker run the same
    plugins at the same versions."""
    if not heartbeats:
        return _skipped("plugins", "Plugins web / worker", "aucun worker en marche")
    expected = plugin_set(hub)
    problems = [
        f"{hb.worker} : {', '.join(found)}" for hb in heartbeats if (found := differences(expected, hb.plugins))
    ]
    if problems:
        return Check(
            "plugins",
            "Plugins web / worker",
            "echec",
            "le worker ne fait pas tourner les mêmes plugins que l'application web : " + " ; ".join(problems),
            "installez les mêmes plugins, aux mêmes versions, dans l'environnement de l'application web et de "
            "chaque worker, avec le même plugins_disabled, puis redémarrez les workers et l'application web",
        )
    listed = ", ".join(f"{name} {version}" for name, version in expected.items())
    return Check("plugins", "Plugins web / worker", "ok", f"identiques ({listed})")


async def check_connectors(hub: Hub, *, database_up: bool) -> list[Check]:
    """Each declared instance: resolved against the plugins, then its connector's ``check()``
    (paused ones are left alone)."""
    if not hub.settings.connectors:
        return [Check("connecteurs", "Connecteurs", "ignore", "aucune instance déclarée dans [[connectors]]")]
    paused = await _paused_instances(hub) if database_up else set()
    return list(await asyncio.gather(*(_check_instance(hub, d, paused) for d in hub.settings.connectors)))


async def _paused_instances(hub: Hub) -> set[str]:
    try:
        async with hub.session() as session:
            return set(await session.scalars(sa.select(ConnectorInstance.id).where(ConnectorInstance.paused.is_(True))))
    except Exception:
        return set()  # tables not migrated yet: the migrations check says so


async def _check_instance(hub: Hub, declared: ConnectorInstanceSettings, paused: set[str]) -> Check:
    name, title = f"connecteur:{declared.id}", f"Connecteur « {declared.id} »"
    if not declared.enabled:
        return Check(name, title, "ignore", "désactivé (enabled = false)")
    if declared.id in paused:
        return Check(name, title, "ignore", "en pause : reprenez-le avec `hub connectors resume` pour le vérifier")
    try:
        resolved = resolve(hub, declared)
    except InstanceProblem as problem:
        return Check(name, title, "echec", f"déclaration refusée ({declared.kind})", problem.message)
    try:
        async with connector_http_client(hub) as http, asyncio.timeout(CONNECTOR_TIMEOUT_SECONDS):
            await resolved.connector(resolved.config, http=http).check()
    except Exception as exc:
        message, fix = _connector_failure(declared, resolved.plugin, exc)
        return Check(name, title, "echec", message, fix)
    return Check(name, title, "ok", f"connexion vérifiée ({declared.kind})")


def _connector_failure(declared: ConnectorInstanceSettings, plugin: str, error: Exception) -> tuple[str, str]:
    if isinstance(error, AuthError):
        return (
            f"identifiants refusés : {error}",
            f"renouvelez les identifiants de « {declared.id} » dans hub.toml, redémarrez le hub, puis "
            f"`hub connectors sync {declared.id}`",
        )
    if isinstance(error, TransientError | TimeoutError):
        return (
            f"le service ne répond pas : {_reason(error)}",
            "vérifiez l'adresse configurée et l'état du service ; le hub réessaie de lui-même avec une attente "
            "croissante",
        )
    if isinstance(error, ConfigError):
        return (
            f"configuration refusée : {error}",
            f"corrigez « {declared.id} » dans [[connectors]] de hub.toml, puis redémarrez le hub",
        )
    return (
        f"erreur inattendue du connecteur ({type(error).__name__} : {error})",
        f"consultez le journal du hub et signalez l'erreur aux auteurs du plugin « {plugin} »",
    )


def _reason(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "délai de réponse dépassé"
    text = str(error).strip().splitlines()
    return f"{type(error).__name__} : {text[0]}" if text else type(error).__name__


def _paris(moment: datetime) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y à %H:%M:%S")
