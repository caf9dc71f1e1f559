"""« Ajouter un lieu de la cartographie nationale » (mediators, permission ``hub.lieux``).

``GET /cartographie/lieux?q=…`` searches the national lieux (accents and case ignored);
each result is added with ``POST /cartographie/lieux/ajouter`` (``instance_id``, ``lieu_id``),
which links the mediator to the hub structure standing for it, or creates it once
(:mod:`plugins.cartographie.liaison`), then goes back to « Mes lieux d'activité ».
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Response, Template

from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from plugins.cartographie.liaison import ajouter_lieu_national, lieux_deja_presents, rechercher_lieux_nationaux

PERMISSION = "hub.lieux"


async def _page(hub: Hub, q: str, *, erreur: str | None = None, status: int = 200) -> Template:
    async with hub.session() as session:
        lieux = await rechercher_lieux_nationaux(session, q)
        deja = await lieux_deja_presents(session, lieux)
    return Template(
        "cartographie/lieux.html",
        context={"q": q, "lieux": lieux, "deja": deja, "erreur": erreur},
        status_code=status,
    )


@get("/lieux", opt={"permission": PERMISSION})
async def rechercher(hub: NamedDependency[Hub], q: FromQuery[str] = "") -> Template:
    return await _page(hub, q.strip())


@post("/lieux/ajouter", opt={"permission": PERMISSION})
async def ajouter(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    form = await request.form()
    instance_id, lieu_id, q = (str(form.get(name) or "") for name in ("instance_id", "lieu_id", "q"))
    if principal.mediateur_id is None:
        return await _page(hub, q, erreur="Seul un médiateur peut ajouter un lieu d'activité.", status=403)
    try:
        async with hub.session() as session, session.begin():
            await ajouter_lieu_national(session, principal.mediateur_id, instance_id, lieu_id, par=principal.id)
    except (NotFound, ValidationError) as exc:
        message = " ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
        return await _page(hub, q, erreur=message, status=404 if isinstance(exc, NotFound) else 400)
    return Redirect("/mes-lieux", status_code=303)


PAGES = [rechercher, ajouter]
