"""A test client on a hub's web app, for pages, widgets and API routes.

Typical use, in a plugin's tests::

    async with web_client(hub) as client:
        await login_as(client, roles=("mediateur",))
        assert (await client.get("/exemple")).status_code == 200
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar.testing import AsyncTestClient

from hub.core.hub import Hub


@asynccontextmanager
async def web_client(hub: Hub) -> AsyncIterator[AsyncTestClient[Any]]:
    """An anonymous client on the app of ``hub`` (the app's start and stop run around the
    block); sign it in with :func:`hub.testing.login_as`."""
    from hub.app import create_app

    async with AsyncTestClient(create_app(hub)) as client:
        yield client
