"""Rate limiting of failed authentications: logins and API credentials.

Each failure is counted under two keys: the client's IP address and the identifier it tried
(an API client id, a demo persona…), in a sliding window of ``auth_failures_window_seconds``.
Once a key holds ``auth_failures_per_ip`` (IP) or ``auth_failures_per_identifier``
(identifier) failures within the window, every attempt under that key is refused with a 429,
a ``Retry-After`` header (seconds until the oldest counted failure leaves the window) and a
French message, *before* the credentials are looked at. Successes are not counted. A limit of
0 turns that count off.

The counts live in Redis when ``redis_url`` is set (one sorted set per key, shared by every
web process; keys ``<queue_name>:echecs:<kind>:<sha256>``, no IP or identifier in clear), in
the process's memory otherwise. Redis out of reach: the attempt goes through (logged), so
that an outage of Redis never locks everyone out.

The clock is injectable (``FailureLimiter(settings, clock=...)``): tests move time by hand.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from litestar.connection import ASGIConnection
from litestar.exceptions import TooManyRequestsException

from hub.core.settings import Settings

logger = logging.getLogger("hub.web.limites")

Clock = Callable[[], float]
_STATE_KEY = "limiteur_echecs"


def trop_d_echecs(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return (
        "Trop de tentatives d'identification ont échoué depuis cette adresse ou pour cet identifiant : "
        f"réessayez dans {minutes} minute{'s' if minutes > 1 else ''}, après avoir vérifié vos identifiants."
    )


@dataclass(frozen=True, slots=True)
class Key:
    """One count: ``kind`` (``api``, ``connexion``), ``scope`` (``ip`` or ``id``), ``value``."""

    kind: str
    scope: str
    value: str

    def digest(self) -> str:
        return hashlib.sha256(f"{self.kind}:{self.scope}:{self.value}".encode()).hexdigest()


class Window(Protocol):
    """Failure timestamps per key, within a sliding window."""

    async def wait(self, key: str, limit: int, now: float, window: float) -> float:
        """Seconds until ``key`` holds fewer than ``limit`` failures in the window (0: now)."""

    async def add(self, key: str, now: float, window: float) -> None:
        """Count one failure of ``key`` at ``now``."""

    async def close(self) -> None: ...


class MemoryWindow:
    """The counts of one process. Each key keeps at most its last failures (refused attempts
    are not counted), and keys whose failures have all left the window are dropped."""

    MAX_KEYS = 100_000

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}

    async def wait(self, key: str, limit: int, now: float, window: float) -> float:
        failures = self._failures.get(key)
        if not failures:
            return 0.0
        while failures and failures[0] <= now - window:
            failures.popleft()
        if len(failures) < limit:
            return 0.0
        return failures[len(failures) - limit] + window - now

    async def add(self, key: str, now: float, window: float) -> None:
        if key not in self._failures and len(self._failures) >= self.MAX_KEYS:
            self._forget_old(now - window)
        self._failures.setdefault(key, deque(maxlen=1000)).append(now)

    def _forget_old(self, horizon: float) -> None:
        for key in [key for key, failures in self._failures.items() if not failures or failures[-1] <= horizon]:
            del self._failures[key]
        if len(self._failures) >= self.MAX_KEYS:  # a flood from everywhere: start again rather than grow
            self._failures.clear()

    async def close(self) -> None:
        self._failures.clear()


class RedisWindow:
    """The counts in Redis: a sorted set of failure times per key, expiring with the window."""

    def __init__(self, url: str, prefix: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, socket_timeout=1.0, socket_connect_timeout=1.0)
        self._prefix = prefix

    async def wait(self, key: str, limit: int, now: float, window: float) -> float:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.zremrangebyscore(name, "-inf", now - window)
            pipe.zrange(name, -limit, -limit, withscores=True)
            _, nth_last = await pipe.execute()
        return max(0.0, nth_last[0][1] + window - now) if nth_last else 0.0

    async def add(self, key: str, now: float, window: float) -> None:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.zadd(name, {f"{now:.6f}:{time.perf_counter_ns()}": now})
            pipe.expire(name, math.ceil(window) + 1)
            await pipe.execute()

    async def close(self) -> None:
        await self._redis.aclose()


class FailureLimiter:
    """Counts failed authentications and refuses the keys that failed too often (see the
    module's docstring). One per app, in ``app.state``."""

    def __init__(self, settings: Settings, *, clock: Clock = time.time, window: Window | None = None) -> None:
        self.settings = settings
        self.clock = clock
        if window is None:
            if settings.redis_url is not None:
                window = RedisWindow(settings.redis_url.reveal(), f"{settings.queue_name}:echecs:")
            else:
                window = MemoryWindow()
        self.window = window

    def _limit(self, key: Key) -> int:
        return self.settings.auth_failures_per_ip if key.scope == "ip" else self.settings.auth_failures_per_identifier

    async def check(self, keys: Sequence[Key]) -> None:
        """Raise :class:`TooManyRequestsException` (429, ``Retry-After``) when one of ``keys``
        has reached its limit."""
        now, seconds = self.clock(), float(self.settings.auth_failures_window_seconds)
        wait = 0.0
        for key in keys:
            limit = self._limit(key)
            if limit <= 0:
                continue
            try:
                wait = max(wait, await self.window.wait(key.digest(), limit, now, seconds))
            except Exception as exc:  # Redis out of reach: let the attempt through
                logger.warning("limitation des échecs d'identification indisponible (%s) : tentative acceptée", type(exc).__name__)
                return
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            logger.warning("tentative d'identification refusée (%s) : trop d'échecs récents", keys[0].kind)
            raise TooManyRequestsException(detail=trop_d_echecs(retry_after), headers={"Retry-After": str(retry_after)})

    async def failed(self, keys: Sequence[Key]) -> None:
        """Count one failure under each of ``keys``."""
        now, seconds = self.clock(), float(self.settings.auth_failures_window_seconds)
        for key in keys:
            if self._limit(key) <= 0:
                continue
            try:
                await self.window.add(key.digest(), now, seconds)
            except Exception as exc:
                logger.warning("échec d'identification non compté (%s)", type(exc).__name__)
                return

    async def close(self) -> None:
        await self.window.close()


def client_ip(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The client's address as the server sees it (behind a reverse proxy, the one its
    ``X-Forwarded-For`` gives when the server trusts it: ``FORWARDED_ALLOW_IPS``)."""
    return connection.client.host if connection.client else "inconnue"


def keys_for(connection: ASGIConnection[Any, Any, Any, Any], kind: str, identifier: str | None) -> list[Key]:
    """The keys of an attempt: the client's IP, and the identifier tried when there is one."""
    keys = [Key(kind, "ip", client_ip(connection))]
    if identifier:
        keys.append(Key(kind, "id", identifier[:200]))
    return keys


def limiter_of(connection: ASGIConnection[Any, Any, Any, Any]) -> FailureLimiter:
    """The app's limiter, created with the app's settings on first use."""
    state = connection.app.state
    limiter = state.get(_STATE_KEY)
    if limiter is None:
        limiter = state[_STATE_KEY] = FailureLimiter(state.hub.settings)
    return limiter


async def close_limiter(app: Any) -> None:
    """``on_shutdown`` hook: closes the app's limiter (its Redis connections) if it was used."""
    limiter = app.state.get(_STATE_KEY)
    if limiter is not None:
        await limiter.close()


def install_limiter(state: Any, limiter: FailureLimiter) -> None:
    """Give an app its limiter (tests: one with a hand-moved clock)."""
    state[_STATE_KEY] = limiter
