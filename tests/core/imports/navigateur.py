"""A browser on the hub for the import and export page tests: someone signed in, forms posted
(files included) with their CSRF token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.hub import Hub
from hub.testing import sign_in_client


class Navigateur:
    def __init__(self, client: AsyncTestClient[Any], hub: Hub) -> None:
        self.client, self.hub, self.csrf = client, hub, ""

    async def connecter(self, user_id: str) -> None:
        """Sign the user in (the previous person signed out)."""
        self.client.cookies.clear()
        await sign_in_client(self.client, self.hub, user_id)
        page = await self.client.get("/accessibilite")
        self.csrf = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    async def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return await self.client.get(url, **kwargs)

    async def post(self, url: str, data: dict[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        """Post a form (``files=`` for an upload) with the signed-in person's CSRF token."""
        return await self.client.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)


@pytest.fixture
async def navigateur(hub: Hub) -> AsyncIterator[Navigateur]:
    async with AsyncTestClient(create_app(hub)) as client:
        yield Navigateur(client, hub)
