"""Running ``hub`` commands in tests, on the database of a hub prepared beforehand."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from hub.cli import main
from hub.core.hub import Hub
from hub.testing import make_hub


def environnement(dossier: Path, preparer: Callable[[Hub], Awaitable[Any]]) -> dict[str, str]:
    """A migrated database prepared by ``preparer``, as the environment of the commands."""

    async def construire() -> dict[str, str]:
        hub = await make_hub(dossier)
        await preparer(hub)
        await hub.shutdown()
        return {"HUB_DATABASE_URL": hub.settings.database_url.reveal(), "HUB_DATA_DIR": hub.settings.data_dir}

    return asyncio.run(construire())


def invoquer(env: dict[str, str], *arguments: str) -> Result:
    """``hub *arguments`` in ``env``, no configuration file read."""
    return CliRunner().invoke(main, list(arguments), env=env | {"HUB_CONFIG": ""}, catch_exceptions=False)
