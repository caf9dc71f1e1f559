"""The benchmarks' own PostgreSQL databases: connecting, and dropping / creating them."""

from __future__ import annotations

import asyncpg
import sqlalchemy as sa


async def connecter(url: sa.URL, *, base: str | None = None) -> asyncpg.Connection:
    """A raw asyncpg connection to ``url``'s server, on its database or on ``base``."""
    return await asyncpg.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password, database=base or url.database
    )


async def recreer_base(url: sa.URL, *, supprimer_seulement: bool = False) -> None:
    """Drop ``url``'s database, then create it again (unless ``supprimer_seulement``)."""
    maintenance = await connecter(url, base="postgres")
    try:
        await maintenance.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
        if not supprimer_seulement:
            await maintenance.execute(f'CREATE DATABASE "{url.database}"')
    finally:
        await maintenance.close()
