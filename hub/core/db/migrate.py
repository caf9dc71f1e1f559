"""Runs Alembic over the core branch and the branch of every installed plugin."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str, plugin_dirs: Iterable[Path]) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    locations = [MIGRATIONS_DIR / "versions", *plugin_dirs]
    config.set_main_option("version_locations", " ".join(str(path) for path in locations))
    config.set_main_option("path_separator", "space")
    config.attributes["url"] = url
    return config


def upgrade(url: str, plugin_dirs: Iterable[Path]) -> None:
    """Bring the database to the head of every branch (``alembic upgrade heads``)."""
    command.upgrade(alembic_config(url, plugin_dirs), "heads")


async def upgrade_async(url: str, plugin_dirs: Iterable[Path]) -> None:
    await asyncio.to_thread(upgrade, url, list(plugin_dirs))


async def pending_heads(engine: AsyncEngine, url: str, plugin_dirs: Iterable[Path]) -> set[str]:
    """The revisions ``upgrade`` would apply (empty when the database is up to date).

    Not a plain difference of heads: a plugin revision that ``depends_on`` the core stands,
    in ``alembic_version``, for the core revisions it depends on.
    """
    script = ScriptDirectory.from_config(alembic_config(url, plugin_dirs))
    async with engine.connect() as connection:
        current = await connection.run_sync(lambda sync: MigrationContext.configure(sync).get_current_heads())
    return {step.revision.revision for step in script._upgrade_revs("heads", current)}
