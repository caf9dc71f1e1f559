"""API clients for tests: a client holding the scopes asked for, and the header it sends.

Typical use, in a plugin's tests::

    api = await create_test_api_client(hub, scopes=("statistiques",))
    response = await client.get("/api/v1/statistiques", headers=api.headers)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from hub.core.api_clients.service import create_api_client
from hub.core.hub import Hub


@dataclass(frozen=True, slots=True)
class ApiCredentials:
    """A created API client: its id, its name and its bearer token (``client_id:secret``)."""

    id: str
    nom: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        """The ``Authorization`` header of its requests."""
        return {"Authorization": f"Bearer {self.token}"}


async def create_test_api_client(
    hub: Hub, *, scopes: Iterable[str] = ("statistiques",), nom: str | None = None
) -> ApiCredentials:
    """Create (and commit) an API client holding ``scopes``, as ``hub api-clients create`` does.
    ``nom`` must be unique in the database (a fresh one by default). Raises the service's
    :class:`~hub.core.errors.ValidationError` for an unknown scope."""
    async with hub.session() as db:
        issued = await create_api_client(
            db, hub.settings, nom=nom or f"Client de test {uuid.uuid4().hex[:8]}", scopes=list(scopes)
        )
        await db.commit()
    return ApiCredentials(id=issued.client.id, nom=issued.client.nom, token=issued.token)
