"""The ``Hub``: settings, plugins, database and job queue, built once per process."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from hub.core import builtin
from hub.core.db.engine import create_engine, create_sessionmaker
from hub.core.db.migrate import upgrade_async
from hub.core.jobs.queue import JobQueue
from hub.core.plugins.catalog import Catalog
from hub.core.plugins.registry import CORE_PLUGIN, Registry
from hub.core.settings import Settings, load_settings


@dataclass(eq=False)
class Hub:
    settings: Settings
    registry: Registry
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    queue: JobQueue = field(init=False)
    catalog: Catalog = field(init=False)
    logger: logging.Logger = field(default_factory=lambda: logging.getLogger("hub"))
    # Transport of the HTTP clients handed to connectors; tests set a respx/httpx.MockTransport.
    http_transport: httpx.AsyncBaseTransport | None = None
    # The heartbeat this process writes while it runs jobs (hub.core.jobs.heartbeat), kept on
    # each job run so that the run of a killed worker can be told apart; ``None`` otherwise.
    worker: str | None = None

    @classmethod
    def create(
        cls,
        settings: Settings | None = None,
        *,
        plugins: Sequence[tuple[str, object]] = (),
        autoload: bool | None = None,
        queue: JobQueue | None = None,
    ) -> Hub:
        """Build a hub: load plugins (entry points unless ``autoload`` is off), validate them,
        collect their contributions. ``plugins`` adds (name, module) pairs, as tests do."""
        from hub.core.jobs.factory import make_queue

        settings = settings or load_settings()
        if autoload is None:
            autoload = os.environ.get("HUB_DISABLE_PLUGIN_AUTOLOAD") != "1"
        registry = Registry(settings)
        registry.register(builtin, name=CORE_PLUGIN)
        if autoload:
            registry.load_entry_points()
        for name, module in plugins:
            registry.register(module, name=name)
        registry.check()
        engine = create_engine(settings.database_url.reveal())
        hub = cls(settings=settings, registry=registry, engine=engine, sessionmaker=create_sessionmaker(engine))
        hub.catalog = Catalog.build(registry, hub)
        hub.queue = queue if queue is not None else make_queue(hub)
        return hub

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            yield session

    def migration_dirs(self) -> Iterable[Path]:
        return [info.migrations_dir for info in self.registry.plugins.values() if info.migrations_dir is not None]

    async def migrate(self) -> None:
        await upgrade_async(self.settings.database_url.reveal(), self.migration_dirs())

    async def startup(self, *, scheduler: bool = True) -> None:
        """Tell the plugins (``hub_startup``); in embedded mode (in-process queue), start the
        scheduler that ticks every minute, unless ``scheduler`` is false (tests)."""
        from hub.core.jobs.inprocess import InProcessQueue

        await self.registry.emit("hub_startup", hub=self)
        if scheduler and isinstance(self.queue, InProcessQueue):
            self.queue.start_scheduler()

    async def shutdown(self) -> None:
        """Stop the queue (scheduler, in-process jobs) first, then tell the plugins
        (``hub_shutdown``), then close the database connections."""
        await self.queue.close()
        await self.registry.emit("hub_shutdown", hub=self)
        await self.engine.dispose()
