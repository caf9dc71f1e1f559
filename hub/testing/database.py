"""Throw-away databases for tests, on SQLite or on the PostgreSQL of ``HUB_TEST_DATABASE_URL``."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from hub.core.db.engine import create_sessionmaker, normalise_url
from hub.core.hub import Hub
from hub.core.jobs.queue import JobQueue
from hub.core.settings import load_settings
from hub.testing.queue import FakeQueue

_TEMPLATES = Path(tempfile.gettempdir()) / "hub-test-templates"


async def make_hub(
    folder: Path,
    *,
    plugins: Sequence[tuple[str, object]] = (),
    autoload: bool = False,
    queue: JobQueue | None = None,
    migrate: bool = True,
    config_file: Path | None = None,
    **settings: Any,
) -> Hub:
    """A hub with the given extra plugins, migrated, with a :class:`FakeQueue` unless told otherwise.

    ``config_file`` is read as the deployment's ``hub.toml``; ``settings`` override it
    (``plugins_disabled=["rdv"]``, ``connectors=[...]``). The caller shuts the hub down
    (``await hub.shutdown()``).
    """
    url = os.environ.get("HUB_TEST_DATABASE_URL") or f"sqlite+aiosqlite:///{folder / 'hub.sqlite3'}"
    environ = {key: value for key, value in os.environ.items() if not key.startswith("HUB_")}
    if config_file is not None:
        environ["HUB_CONFIG"] = str(config_file)
    config = load_settings(environ, database_url=url, data_dir=str(folder / "var"), **settings)
    hub = Hub.create(config, plugins=plugins, autoload=autoload, queue=queue or FakeQueue())
    if hub.engine.dialect.name != "sqlite":
        _connection_per_session(hub)
    if isinstance(hub.queue, FakeQueue):
        hub.queue.bind(hub)
    if migrate:
        if hub.engine.dialect.name == "sqlite":
            await _migrate_sqlite_from_template(hub, folder / "hub.sqlite3")
        else:
            await reset_database(hub)
            await hub.migrate()
    return hub


def _connection_per_session(hub: Hub) -> None:
    """No connection pool: a test client serves the app in its own event loop, and an asyncpg
    connection cannot move from one loop to another (the test's, the app's)."""
    hub.engine = create_async_engine(normalise_url(hub.settings.database_url.reveal()), poolclass=NullPool)
    hub.sessionmaker = create_sessionmaker(hub.engine)


async def _migrate_sqlite_from_template(hub: Hub, target: Path) -> None:
    """Migrating takes a while; copy a database migrated once per set of branches instead."""
    dirs = sorted(str(path) for path in hub.migration_dirs())
    digest = hashlib.sha256("\n".join(dirs + [_versions_fingerprint(dirs)]).encode()).hexdigest()[:16]
    template = _TEMPLATES / f"{digest}.sqlite3"
    if not template.exists():
        _TEMPLATES.mkdir(parents=True, exist_ok=True)
        building = template.with_suffix(f".{os.getpid()}.tmp")
        from hub.core.db.migrate import upgrade_async

        await upgrade_async(f"sqlite+aiosqlite:///{building}", hub.migration_dirs())
        building.replace(template)
    await hub.engine.dispose()
    shutil.copyfile(template, target)


def _versions_fingerprint(dirs: list[str]) -> str:
    from hub.core.db.migrate import MIGRATIONS_DIR

    files = sorted(
        path for folder in [str(MIGRATIONS_DIR / "versions"), *dirs] for path in Path(folder).glob("*.py")
    )
    return "".join(f"{path}:{path.stat().st_mtime_ns}" for path in files)


async def reset_database(hub: Hub) -> None:
    """Drop every table of the test PostgreSQL database, so each test starts from nothing."""
    async with hub.engine.begin() as connection:
        await connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        await connection.execute(sa.text("CREATE SCHEMA public"))
