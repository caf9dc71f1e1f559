"""A client on a hub built with test plugins."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from organisation_helpers import Site
from web_helpers import ExamplePlugin

from hub.app import create_app
from hub.core.plugins.contributions import Role
from hub.testing import login_as, make_hub

ClientFactory = Callable[..., Awaitable[AsyncTestClient]]


@pytest.fixture
async def client_for(tmp_path: Path) -> AsyncIterator[ClientFactory]:
    """``await client_for(*plugins, login=("mediateur",), **settings)``: a test client on a hub
    with those plugins, signed in as a test user holding the ``login`` roles (anonymous when
    ``login`` is ``None``)."""
    counter = itertools.count()
    async with AsyncExitStack() as stack:

        async def factory(
            *plugins: ExamplePlugin, login: Sequence[Role] | None = ("mediateur",), **settings: Any
        ) -> AsyncTestClient:
            folder = tmp_path / str(next(counter))
            folder.mkdir()
            hub = await make_hub(folder, plugins=[(plugin.name, plugin) for plugin in plugins], **settings)
            client = await stack.enter_async_context(AsyncTestClient(create_app(hub)))
            if login is not None:
                await login_as(client, hub, roles=login)
            return client

        yield factory


@pytest.fixture
async def site(client_for: ClientFactory) -> Site:
    """A hub with no extra plugin and an anonymous browser on it (see :class:`Site`)."""
    return Site(await client_for(login=None))
