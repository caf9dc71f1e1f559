"""Fixtures of the stats plugin's tests (see ``support``)."""

import pytest

from hub.testing import sign_in_client
from tests.plugins.stats.support import au_travail, moteur_enregistre

__all__ = ["moteur_enregistre", "site"]


@pytest.fixture
async def site(hub_with, client_of):
    hub = await hub_with("stats")
    qui, _ = await au_travail(hub)
    client = await client_of(hub, login=None)
    await sign_in_client(client, hub, qui.user_id)
    return hub, qui, client
