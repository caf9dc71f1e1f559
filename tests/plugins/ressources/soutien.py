"""A hub running the ressources plugin with one ``ressources.les_bases`` instance, Les Bases
mocked by a respx router (no network), and shortcuts to read what landed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import respx
import sqlalchemy as sa

from hub.core.hub import Hub
from hub.core.sync.states import setup_instance
from plugins.ressources.models import Ressource
from tests.connectors.les_bases.fixtures import URL

INSTANCE = "les-bases"
ROOT = Path(__file__).resolve().parents[3]
DEMO = ROOT / "plugins" / "ressources" / "demo"


def markdown(titre: str, themes: str = "Numérique en santé", description: str = "Une ressource de test.") -> str:
    return (
        f"# {titre}\n\n<p>{description}</p>\n\nThématiques : {themes}\n\nType de support : Tutoriel  \n\n"
        "Public cible : Tous publics\n\n## Contenu\n\nLe texte de la ressource.\n"
    )


class LesBasesSimulees:
    """A respx router answering Les Bases' feed (``flux``) and Markdown pages (``pages``,
    by slug; a missing page answers 404 like a non-public resource)."""

    def __init__(self, flux: list[dict[str, Any]], pages: dict[str, str]) -> None:
        self.flux, self.pages = flux, pages
        self.router = respx.MockRouter(base_url=URL, assert_all_mocked=True, assert_all_called=False)
        self.router.get("/api/v1/resources").mock(side_effect=lambda request: httpx.Response(200, json={"data": self.flux}))
        self.markdown = self.router.get(path__regex=r"^/ressources/(?P<slug>[^/]+)/markdown$").mock(side_effect=self._page)

    def _page(self, request: httpx.Request, slug: str) -> httpx.Response:
        if slug not in self.pages:
            return httpx.Response(404, text="not-found")
        return httpx.Response(200, text=self.pages[slug], headers={"content-type": "text/markdown; charset=utf-8"})

    def pages_lues(self) -> list[str]:
        """The slugs whose page was asked for since the last call."""
        lues = [call.request.url.path.split("/")[2] for call in self.markdown.calls]
        self.markdown.calls.clear()
        return lues


async def hub_les_bases(hub_with, les_bases: LesBasesSimulees | None = None, *plugins: str, **config: Any) -> Hub:
    """A started hub (no scheduler) with a checked instance; through ``les_bases`` when given,
    else on ``config`` (e.g. ``dossier=`` the demo folder)."""
    declared = {"id": INSTANCE, "kind": "ressources.les_bases", "config": config or {"url": URL}}
    hub = await hub_with("ressources", *plugins, connectors=[declared])
    if les_bases is not None:
        hub.http_transport = httpx.MockTransport(les_bases.router.async_handler)
    await hub.startup(scheduler=False)
    assert await setup_instance(hub, INSTANCE) == "loaded"
    return hub


async def vivantes(hub: Hub) -> dict[str, Ressource]:
    """The live resources, by slug."""
    async with hub.session() as session:
        lignes = await session.scalars(sa.select(Ressource).where(Ressource.supprime_le.is_(None)))
        return {ressource.slug: ressource for ressource in lignes}
