"""The heartbeat of whatever runs the jobs: who it is, which plugins it runs, when it was last seen.

``hub worker`` (arq) and the in-process queue of ``hub serve`` each write one heartbeat every
:data:`HEARTBEAT_SECONDS`; one older than :data:`HEARTBEAT_TTL_SECONDS` means the worker is gone.
``hub doctor`` reads them to tell the operator whether jobs run at all, and whether the worker
runs the same plugins, at the same versions, as the web app.

Where heartbeats live follows the queue: with Redis, keys ``<queue_name>:heartbeat:<worker>``
expiring after the TTL (several machines share them); without Redis, JSON files in
``<data_dir>/heartbeats/`` (the in-process mode is one server process on one machine, which
shares its data folder with the commands run there).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import msgspec

from hub.core.db.base import utcnow
from hub.core.plugins.registry import CORE_PLUGIN

if TYPE_CHECKING:
    from hub.core.hub import Hub
    from hub.core.settings import Settings

HEARTBEAT_SECONDS = 30.0
HEARTBEAT_TTL_SECONDS = 90
STORE_TIMEOUT_SECONDS = 5.0

WorkerMode = Literal["arq", "inprocess"]

logger = logging.getLogger("hub.core.jobs")


class Heartbeat(msgspec.Struct, frozen=True, kw_only=True):
    """One worker's last sign of life. ``plugins`` maps each enabled plugin to its version,
    the core (``hub``) included with the version of the hub itself."""

    worker: str
    mode: WorkerMode
    queue: str
    plugins: dict[str, str]
    started_at: datetime
    seen_at: datetime

    def alive(self, now: datetime) -> bool:
        return now - self.seen_at <= timedelta(seconds=HEARTBEAT_TTL_SECONDS)


def hub_version() -> str:
    """The installed version of the hub's distribution (``0`` when not installed)."""
    try:
        return metadata.version("hub-mediation-numerique")
    except metadata.PackageNotFoundError:
        return "0"


def plugin_set(hub: Hub) -> dict[str, str]:
    """The plugins ``hub`` runs: enabled plugin → version, the core under ``hub``."""
    plugins = {info.name: info.version for info in hub.registry.enabled()}
    plugins[CORE_PLUGIN] = hub_version()
    return dict(sorted(plugins.items()))


def worker_name() -> str:
    """``host:pid:random``: unique even for two hubs of one process."""
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class HeartbeatStore(Protocol):
    """Where heartbeats are kept. Every method raises on an unreachable store."""

    async def write(self, heartbeat: Heartbeat) -> None: ...

    async def remove(self, worker: str) -> None: ...

    async def read_all(self) -> list[Heartbeat]: ...

    async def close(self) -> None: ...


class RedisHeartbeats:
    """Heartbeats as Redis keys ``<queue_name>:heartbeat:<worker>`` expiring after the TTL."""

    def __init__(self, url: str, queue_name: str) -> None:
        from redis.asyncio import Redis

        self.prefix = f"{queue_name}:heartbeat:"
        self._redis = Redis.from_url(
            url, socket_connect_timeout=STORE_TIMEOUT_SECONDS, socket_timeout=STORE_TIMEOUT_SECONDS
        )

    async def write(self, heartbeat: Heartbeat) -> None:
        await self._redis.set(self.prefix + heartbeat.worker, msgspec.json.encode(heartbeat), ex=HEARTBEAT_TTL_SECONDS)

    async def remove(self, worker: str) -> None:
        await self._redis.delete(self.prefix + worker)

    async def read_all(self) -> list[Heartbeat]:
        keys = [key async for key in self._redis.scan_iter(match=self.prefix + "*")]
        values = await self._redis.mget(keys) if keys else []
        return _decoded(value for value in values if value is not None)

    async def close(self) -> None:
        await self._redis.aclose()


class FileHeartbeats:
    """Heartbeats as ``<folder>/<worker>.json`` files (no Redis: one machine)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def write(self, heartbeat: Heartbeat) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._path(heartbeat.worker)
        partial = target.with_suffix(".tmp")
        partial.write_bytes(msgspec.json.encode(heartbeat))
        partial.replace(target)

    async def remove(self, worker: str) -> None:
        self._path(worker).unlink(missing_ok=True)

    async def read_all(self) -> list[Heartbeat]:
        if not self.folder.is_dir():
            return []
        return _decoded(path.read_bytes() for path in sorted(self.folder.glob("*.json")))

    async def close(self) -> None:
        return None

    def _path(self, worker: str) -> Path:
        return self.folder / f"{worker.replace(':', '_').replace('/', '_')}.json"


def _decoded(values: Iterable[bytes]) -> list[Heartbeat]:
    heartbeats = []
    for value in values:
        try:
            heartbeats.append(msgspec.json.decode(value, type=Heartbeat))
        except msgspec.DecodeError:
            continue  # a heartbeat from another version of the hub, or half written: ignored
    return heartbeats


def heartbeat_store(settings: Settings) -> HeartbeatStore:
    """The store of the deployment: Redis when ``redis_url`` is set, the data folder otherwise."""
    if settings.redis_url is not None:
        return RedisHeartbeats(settings.redis_url.reveal(), settings.queue_name)
    return FileHeartbeats(Path(settings.data_dir) / "heartbeats")


async def live_heartbeats(store: HeartbeatStore, *, now: datetime | None = None) -> list[Heartbeat]:
    """The heartbeats of the workers seen within the TTL, by worker name."""
    return live_among(await store.read_all(), now or utcnow())


def live_among(heartbeats: Iterable[Heartbeat], now: datetime) -> list[Heartbeat]:
    """Those of ``heartbeats`` seen within the TTL at ``now``, by worker name."""
    return sorted((hb for hb in heartbeats if hb.alive(now)), key=lambda hb: hb.worker)


def start_heartbeat(
    hub: Hub, mode: WorkerMode, *, every: float = HEARTBEAT_SECONDS, store: HeartbeatStore | None = None
) -> asyncio.Task[None]:
    """Write this process's heartbeat now and every ``every`` seconds, in a task; cancelling
    the task (:func:`stop_heartbeat`) removes the heartbeat. A failed write is logged and
    retried at the next beat: the worker goes on running jobs. ``hub.worker`` names the
    heartbeat (job runs record it)."""
    hub.worker = worker_name()
    return asyncio.create_task(
        _beat(hub, hub.worker, mode, every, store or heartbeat_store(hub.settings)), name="battement"
    )


async def stop_heartbeat(task: asyncio.Task[None] | None) -> None:
    """Cancel a task of :func:`start_heartbeat` and wait for it to remove its heartbeat."""
    if task is None:
        return
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def _beat(hub: Hub, worker: str, mode: WorkerMode, every: float, store: HeartbeatStore) -> None:
    started = utcnow()
    plugins = plugin_set(hub)
    try:
        while True:
            beat = Heartbeat(
                worker=worker, mode=mode, queue=hub.settings.queue_name, plugins=plugins, started_at=started, seen_at=utcnow()
            )
            try:
                async with asyncio.timeout(STORE_TIMEOUT_SECONDS):
                    await store.write(beat)
            except Exception as exc:  # the store is down: say so, keep running jobs
                logger.warning("battement du worker non écrit (%s) : hub doctor le verra absent", exc)
            await asyncio.sleep(every)
    finally:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(STORE_TIMEOUT_SECONDS):
                await store.remove(worker)
        with contextlib.suppress(Exception):
            await store.close()


def differences(expected: dict[str, str], running: dict[str, str]) -> Sequence[str]:
    """What differs between two plugin sets, in French (empty when they match), e.g.
    ``["« exemple » absent du worker", "« rdv » en 0.2.0 sur le worker, 0.3.0 ici"]``."""
    found = []
    for name in sorted(set(expected) | set(running)):
        if name not in running:
            found.append(f"« {name} » absent du worker")
        elif name not in expected:
            found.append(f"« {name} » présent sur le worker seulement")
        elif expected[name] != running[name]:
            found.append(f"« {name} » en {running[name]} sur le worker, {expected[name]} ici")
    return found
