"""Fixtures of the sync engine's tests: a hub with the ``exemple`` plugin and one instance ``demo``."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from hub.core.hub import Hub
from hub.core.sync.states import reconcile_instances, setup_due_instances
from hub.testing import make_hub
from tests.core.sync import exemple_plugin
from tests.core.sync.exemple_plugin.connector import SOURCES
from tests.core.sync.exemple_plugin.source import FakeSource

INSTANCE = "demo"


@pytest.fixture
def source() -> Iterator[FakeSource]:
    """Seven items, served two per page."""
    key = uuid.uuid4().hex
    SOURCES[key] = fake = FakeSource.with_items(7)
    fake.key = key
    exemple_plugin.FINISHED.clear()
    yield fake
    del SOURCES[key]


def declaration(source: FakeSource, **overrides: Any) -> dict[str, Any]:
    config = {"source": source.key, "token": "jeton-tres-secret"}
    return {"id": INSTANCE, "kind": "exemple.source", "config": config, **overrides}


async def build_hub(folder: Path, *connectors: dict[str, Any], **settings: Any) -> Hub:
    return await make_hub(folder, plugins=[("exemple", exemple_plugin)], connectors=list(connectors), **settings)


@pytest.fixture
async def bare_hub(tmp_path: Path, source: FakeSource) -> AsyncIterator[Hub]:
    """Migrated, ``demo`` declared, nothing reconciled yet."""
    hub = await build_hub(tmp_path, declaration(source))
    yield hub
    await hub.shutdown()


@pytest.fixture
async def hub(bare_hub: Hub) -> Hub:
    """``demo`` reconciled and checked: ``loaded``."""
    await reconcile_instances(bare_hub)
    assert await setup_due_instances(bare_hub) == {INSTANCE: "loaded"}
    return bare_hub
