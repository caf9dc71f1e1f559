"""The migrations (core and every first-party plugin) build exactly the tables the models declare:
a column added to a model without its migration, or the reverse, fails here."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hub.core.db.base import Base
from tests.plugins.conftest import FIRST_PARTY


def _types_differ(context: Any, inspected: Any, declared: Any, inspected_type: Any, declared_type: Any) -> bool | None:
    """SQLite reads every floating-point column back as ``FLOAT``: not a difference."""
    if isinstance(inspected_type, sa.Float) and isinstance(declared_type, sa.Float):
        return False
    return None


def _test_tables() -> set[str]:
    """Tables of the test suite's own plugins, declared on the same metadata when imported."""
    return {
        mapper.local_table.name for mapper in Base.registry.mappers if mapper.class_.__module__.startswith("tests.")
    }


def _differences(connection: sa.Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": _types_differ})
    ignored = _test_tables()
    return [diff for diff in compare_metadata(context, Base.metadata) if not any(name in repr(diff) for name in ignored)]


async def test_the_migrations_match_the_models(hub_with) -> None:
    hub = await hub_with(*FIRST_PARTY)
    async with hub.engine.connect() as connection:
        assert await connection.run_sync(_differences) == []
