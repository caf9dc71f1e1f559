"""A migrated hub for each organisation test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from hub.core.hub import Hub
from hub.testing import make_hub


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[Hub]:
    hub = await make_hub(tmp_path)
    yield hub
    await hub.shutdown()
