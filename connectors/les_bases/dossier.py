"""An httpx transport that serves Les Bases' public routes from a local folder (demo data).

The folder holds ``resources.json`` and ``bases.json`` (the feeds, ``{"data": [...]}``) and one
``ressources/<slug>.md`` per public resource. Any other path, or a missing file, answers 404 —
as Les Bases does for a resource that is not public.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx

_ROUTES = {"/api/v1/resources": "resources.json", "/api/v1/bases": "bases.json"}
_MARKDOWN = re.compile(r"^/ressources/([a-z0-9-]+)/markdown$")


class DossierLesBases(httpx.AsyncBaseTransport):
    def __init__(self, dossier: Path) -> None:
        self.dossier = dossier

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        chemin = request.url.path
        if chemin in _ROUTES:
            fichier, type_ = self.dossier / _ROUTES[chemin], "application/json"
        elif (trouve := _MARKDOWN.match(chemin)) is not None:
            fichier, type_ = self.dossier / "ressources" / f"{trouve.group(1)}.md", "text/markdown; charset=utf-8"
        else:
            return httpx.Response(404, text="not-found", request=request)
        if not fichier.is_file():
            return httpx.Response(404, text="not-found", request=request)
        return httpx.Response(200, content=fichier.read_bytes(), headers={"content-type": type_}, request=request)
