"""The core's own pages and API endpoints."""

from __future__ import annotations

from litestar import get
from litestar.response import Template


@get("/accessibilite", opt={"public": True})
async def accessibility() -> Template:
    return Template("accessibility.html")


@get("/api/v1/health", opt={"public": True})
async def health() -> dict[str, str]:
    """La Coop's health check: 200 ``{"status": "ok"}`` while the app answers."""
    return {"status": "ok"}
