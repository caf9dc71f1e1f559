"""The plugin's migration branch builds exactly the tables its models declare."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hub.core.db.base import Base
from plugins.cartographie import models  # noqa: F401


def _differences(connection: sa.Connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    diff = compare_metadata(context, Base.metadata)
    return [d for d in diff if "cartographie_" in repr(d)]


async def test_the_migration_matches_the_models(hub_with) -> None:
    hub = await hub_with("cartographie")
    async with hub.engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
