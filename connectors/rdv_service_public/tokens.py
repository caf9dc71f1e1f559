"""Token providers for :class:`connectors.rdv_service_public.client.RdvClient`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from connectors.rdv_service_public.oauth import OAuthApp, OAuthToken, expires_soon


class StaticToken:
    """A fixed access token (scripts, tests): it cannot be refreshed, so a 401 ends in
    :class:`AuthError` after one retry."""

    def __init__(self, access_token: str) -> None:
        self.access_token = access_token

    async def __call__(self, *, force_refresh: bool = False) -> str:
        return self.access_token


class RefreshingToken:
    """An agent's OAuth token, refreshed when it expires within a minute or on demand (after a
    401), then handed to ``on_refresh`` to be stored before use. Callers waiting while a refresh
    runs share it (one token request); a forced refresh asked after it completed makes another.
    A refused refresh raises :class:`AuthError` (the agent must authorise again)."""

    def __init__(
        self,
        app: OAuthApp,
        token: OAuthToken,
        on_refresh: Callable[[OAuthToken], Awaitable[None]],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.app = app
        self.token = token
        self.on_refresh = on_refresh
        self.clock = clock
        self._lock = asyncio.Lock()

    async def __call__(self, *, force_refresh: bool = False) -> str:
        stale = self.token.access_token
        async with self._lock:
            # Another caller may have refreshed while this one waited: do not refresh twice.
            if self.token.access_token == stale and (force_refresh or expires_soon(self.token, self.clock())):
                fresh = await self.app.refresh(self.token, now=self.clock())
                await self.on_refresh(fresh)
                self.token = fresh
            return self.token.access_token
