"""« Mes équipes » (``/mes-equipes``, permission ``hub.equipes``: mediators).

- ``GET /mes-equipes``: the teams the mediator belongs to;
- ``/mes-equipes/{coordinateur_id}/quitter``: leave one, after confirming.

A team the mediator is not in now is a 404 (:mod:`hub.core.teams.membres`).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from hub.core.errors import NotFound
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.teams.membres import EQUIPE_INTROUVABLE, EquipeView, equipes_du_mediateur, quitter_equipe
from hub.core.web.organisation.formulaires import apres

ADRESSE = "/mes-equipes"
FAITS = {
    "rejointe": "Vous avez rejoint l'équipe.",
    "quittee": "Vous avez quitté l'équipe.",
}


@get("/")
async def page(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], fait: FromQuery[str | None] = None
) -> Template:
    context = {"equipes": await _equipes(hub, principal), "succes": FAITS.get(fait or "")}
    return Template("equipes/mes_equipes.html", context=context)


@get("/{coordinateur_id:uuid}/quitter")
async def page_depart(
    coordinateur_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    equipe = next((e for e in await _equipes(hub, principal) if e.coordinateur_id == str(coordinateur_id)), None)
    if equipe is None:
        raise NotFound(EQUIPE_INTROUVABLE)
    context = {
        "titre": f"Quitter l'équipe de {equipe.coordinateur}",
        "question": (
            f"{equipe.coordinateur} ne verra plus les statistiques de vos prochaines activités. "
            "Celles enregistrées jusqu'à aujourd'hui restent comptées pour l'équipe."
        ),
        "action": f"{ADRESSE}/{coordinateur_id}/quitter",
        "bouton": "Quitter l'équipe",
        "retour": ADRESSE,
    }
    return Template("organisation/confirmation.html", context=context)


@post("/{coordinateur_id:uuid}/quitter")
async def quitter(
    coordinateur_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await quitter_equipe(db, principal.mediateur_id or "", str(coordinateur_id), par=principal.id)
    return apres(ADRESSE, "quittee")


async def _equipes(hub: Hub, principal: Principal) -> list[EquipeView]:
    async with hub.session() as db:
        return await equipes_du_mediateur(db, principal.mediateur_id or "")


routeur = Router(path=ADRESSE, opt={"permission": "hub.equipes"}, route_handlers=[page, page_depart, quitter])
