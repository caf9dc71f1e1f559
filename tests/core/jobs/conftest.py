"""Hubs for the job tests: migrated (SQLite or ``HUB_TEST_DATABASE_URL``), with a plugin ``essai``."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hub import JobSpec
from hub.core.hub import Hub
from hub.testing import make_hub
from tests.core.jobs.support import HubFactory, jobs_plugin


@pytest.fixture
async def hub_with() -> AsyncIterator[HubFactory]:
    """``await hub_with(tmp_path, *specs, **settings)``: a migrated hub whose plugin ``essai``
    contributes ``specs``, with a FakeQueue; shut down after the test."""
    hubs: list[Hub] = []

    async def factory(folder: Path, *specs: JobSpec, **settings: Any) -> Hub:
        hub = await make_hub(folder, plugins=[("essai", jobs_plugin("essai", *specs))], **settings)
        hubs.append(hub)
        return hub

    yield factory
    for hub in hubs:
        await hub.shutdown()


@pytest.fixture
def due_syncs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Stands in for the sync engine's ``enqueue_due_syncs``: records its calls, enqueues nothing."""
    calls: list[Any] = []

    async def enqueue_due_syncs(hub: Hub, now: datetime | None = None) -> list[str]:
        calls.append(hub)
        return []

    module = ModuleType("hub.core.sync.scheduling")
    module.enqueue_due_syncs = enqueue_due_syncs  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "hub.core.sync.scheduling", module)
    return calls

