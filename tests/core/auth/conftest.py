"""Hubs and clients for the login tests: a local ProConnect, or demo login only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.hub import Hub
from hub.testing import make_hub
from tests.core.auth.fake_provider import SETTINGS, FakeProConnect

HTTPS = "https://testserver.local"


@dataclass
class Site:
    """A hub, a browser on it and, when configured, the provider it trusts."""

    hub: Hub
    client: AsyncTestClient[Any]
    provider: FakeProConnect

    async def start_login(self, suivant: str | None = None) -> httpx.Response:
        params = {"suivant": suivant} if suivant else None
        return await self.client.get("/connexion/proconnect", params=params, follow_redirects=False)

    async def login(self, **tamper: str) -> httpx.Response:
        """The whole flow: the hub sends the browser to the provider, the person signs in,
        the provider sends the browser back (its query changed by ``tamper``)."""
        start = await self.start_login()
        assert start.status_code == 303, start.text
        query = self.provider.authorize(start.headers["location"]) | tamper
        return await self.client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)

    async def count(self, model: type) -> int:
        async with self.hub.session() as db:
            return await db.scalar(sa.select(sa.func.count()).select_from(model)) or 0

    async def all(self, model: type) -> list[Any]:
        async with self.hub.session() as db:
            return list(await db.scalars(sa.select(model)))


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Site]:
    """ProConnect configured (served by the fake), demo login off, served over https."""
    provider = FakeProConnect()
    hub = await make_hub(tmp_path, demo_login=False, **SETTINGS)
    hub.http_transport = provider.transport
    async with AsyncTestClient(create_app(hub), base_url=HTTPS) as client:
        yield Site(hub, client, provider)
    await hub.shutdown()


@pytest.fixture
async def demo_site(tmp_path: Path) -> AsyncIterator[Site]:
    """Demo login on, no OpenID Connect (the default ``dev`` set-up), over http."""
    hub = await make_hub(tmp_path)
    async with AsyncTestClient(create_app(hub)) as client:
        yield Site(hub, client, FakeProConnect())
    await hub.shutdown()
