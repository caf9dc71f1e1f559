"""A migrated hub and its app's test client for each API test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.testing import make_hub
from tests.core.api.support import Api


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    hub = await make_hub(tmp_path)
    async with AsyncTestClient(create_app(hub)) as client:
        yield Api(hub, client)
    await hub.shutdown()
