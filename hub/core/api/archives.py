"""``GET /api/v1/archives-v1/cras`` (scope ``activites``): La Coop's archive of the Espace Coop (V1) CRAs.

The hub has imported no V1 archive, and has nowhere to keep one: the answer is always an empty
list, with La Coop's ``jsonapi``, ``links`` and ``meta`` (the page's parameters are still
checked, a faulty one is a 400). ``docs/api.md`` says so to partners.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Request, get

from hub.core.api.documents import Liste, Ressource
from hub.core.api.pagination import Page, PaginationCoop, liste
from hub.core.api.parametres import lire_parametres


class JsonApi(msgspec.Struct, kw_only=True):
    version: str = "1.0"


class ListeArchives(Liste[dict[str, Any]], kw_only=True):
    """A page of V1 CRAs, always empty (see the module)."""

    jsonapi: JsonApi


@get(
    "/archives-v1/cras",
    opt={"api_scope": "activites", "parametres": PaginationCoop},
    summary="Liste des CRA V1 archivés",
    description=(
        "Les CRA de l'Espace Coop (V1) archivés par La Coop. Le hub n'en a importé aucun : "
        "la liste est toujours vide."
    ),
    tags=["Activités"],
)
async def lister_archives(request: Request[Any, Any, Any]) -> ListeArchives:
    pagination = lire_parametres(PaginationCoop, request)
    vide: Page[Ressource[dict[str, Any]]] = Page(
        lignes=[], total=0, taille=pagination.taille, precedente=None, suivante=None
    )
    page = liste(request.url, vide, lambda ressource: ressource)
    return ListeArchives(jsonapi=JsonApi(), data=page.data, links=page.links, meta=page.meta)


HANDLERS = [lister_archives]
