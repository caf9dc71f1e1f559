"""A client on a hub built with test plugins."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from web_helpers import ExamplePlugin

from hub.app import create_app
from hub.testing import make_hub

ClientFactory = Callable[..., Awaitable[AsyncTestClient]]


@pytest.fixture
async def client_for(tmp_path: Path) -> AsyncIterator[ClientFactory]:
    """``await client_for(*plugins, **settings)``: a test client on a hub with those plugins."""
    counter = itertools.count()
    async with AsyncExitStack() as stack:

        async def factory(*plugins: ExamplePlugin, **settings: Any) -> AsyncTestClient:
            folder = tmp_path / str(next(counter))
            folder.mkdir()
            hub = await make_hub(folder, plugins=[(plugin.name, plugin) for plugin in plugins], **settings)
            return await stack.enter_async_context(AsyncTestClient(create_app(hub)))

        yield factory
