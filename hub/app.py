"""The ASGI application: ``uvicorn --factory hub.app:create_app``."""

from __future__ import annotations

from litestar import Litestar

from hub.core.hub import Hub
from hub.core.logging import configure_logging
from hub.core.web import HubWebPlugin


def create_app(hub: Hub | None = None) -> Litestar:
    """The web app of ``hub``, or of a hub built from the environment (``HUB_CONFIG``, ``HUB_*``).

    Built from the environment (each server process does so), it also sets up logging."""
    if hub is None:
        hub = Hub.create()
        configure_logging(hub.settings.env)
    return Litestar(plugins=[HubWebPlugin(hub)])
