"""Clients on hubs that run our own plugins, loaded exactly as the entry points declare them."""

from __future__ import annotations

import importlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AsyncExitStack
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from hub.core.hub import Hub
from hub.core.plugins.contributions import Role
from hub.testing import login_as, make_hub, web_client

FIRST_PARTY = {ep.name: ep.value for ep in metadata.entry_points(group="hub")}


@pytest.fixture
async def hub_with(tmp_path: Path) -> AsyncIterator[Callable[..., Awaitable[Hub]]]:
    """``await hub_with("formations", "stats", **settings)``: a migrated hub running those plugins."""
    counter = itertools.count()
    hubs: list[Hub] = []

    async def factory(*names: str, **settings: Any) -> Hub:
        folder = tmp_path / f"hub{next(counter)}"
        folder.mkdir()
        plugins = [(name, importlib.import_module(FIRST_PARTY[name])) for name in names]
        hubs.append(await make_hub(folder, plugins=plugins, **settings))
        return hubs[-1]

    yield factory
    for hub in hubs:
        await hub.shutdown()


@pytest.fixture
async def client_of() -> AsyncIterator[Callable[..., Awaitable[AsyncTestClient]]]:
    """``await client_of(hub, login=("mediateur",))``: a client on ``hub``, signed in as a test
    user holding the ``login`` roles (anonymous when ``login`` is ``None``)."""
    async with AsyncExitStack() as stack:

        async def factory(hub: Hub, login: Sequence[Role] | None = ("mediateur",)) -> AsyncTestClient:
            client = await stack.enter_async_context(web_client(hub))
            if login is not None:
                await login_as(client, hub, roles=login)
            return client

        yield factory
