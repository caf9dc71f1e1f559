"""A hub running the cartographie plugin with one ``cartographie.lieux`` instance, its
data·inclusion mocked by a respx router (no network)."""

from __future__ import annotations

from typing import Any

import httpx
import respx

from hub.core.hub import Hub
from tests.connectors.data_inclusion.fixtures import BASE_URL, SOURCES, TOKEN

INSTANCE = "carto-51"


def instance(**config: Any) -> dict[str, Any]:
    return {
        "id": INSTANCE,
        "kind": "cartographie.lieux",
        "title": "Lieux de la Marne",
        "config": {"jeton": TOKEN, "departements": ["51"], "adresse_api": BASE_URL, **config},
    }


def routeur() -> respx.MockRouter:
    router = respx.MockRouter(base_url=BASE_URL, assert_all_mocked=True, assert_all_called=False)
    router.get("/api/v1/sources").respond(json=SOURCES)
    return router


async def hub_carto(hub_with, router: respx.MockRouter, **config: Any) -> Hub:
    """A started hub (no scheduler) whose connectors go through ``router``."""
    hub = await hub_with("cartographie", connectors=[instance(**config)])
    hub.http_transport = httpx.MockTransport(router.async_handler)
    await hub.startup(scheduler=False)
    return hub
