"""Large « Activités » exports, written by a background job while the page waits.

- ``POST /exports/activites``: the export of the filters (and scope, and format) the form
  carries, asked for (:func:`~hub.core.exports.activites.tache.demander_export`);
- ``GET /exports/taches/{jeton}``: its state, polled every 2 s by htmx through
  ``GET /exports/taches/{jeton}/etat`` (the state alone), until the file is written;
- ``GET /exports/taches/{jeton}/fichier``: the file.

A ``jeton`` is found only among the exports of the person who asks: any other is a 404.
"""

from __future__ import annotations

import re
from typing import Any

from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import File, Redirect, Template

from hub.core.errors import NotFound
from hub.core.exports.activites.tache import JETON, EtatExport, demander_export, etat_export
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.exports.communs import ACCES, ADRESSE, equipe, format_demande, nom_de_fichier, parametres

EXPORT_INTROUVABLE = "Export introuvable."


@post("/activites", opt=ACCES)
async def demander(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Redirect:
    formulaire = await request.form()
    demandes = parametres(formulaire)
    format = format_demande(str(formulaire.get("format", "")))
    async with hub.session() as db:
        jeton = await demander_export(
            hub, db, principal, equipe=equipe(principal, demandes), parametres=demandes, format=format
        )
    return Redirect(f"{ADRESSE}/taches/{jeton}", status_code=303)


@get("/taches/{jeton:str}", opt=ACCES)
async def tache(jeton: FromPath[str], hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Template:
    return Template("exports/tache.html", context={"jeton": jeton, "etat": await _etat(hub, principal, jeton)})


@get("/taches/{jeton:str}/etat", opt=ACCES)
async def etat(jeton: FromPath[str], hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Template:
    return Template("exports/_etat.html", context={"jeton": jeton, "etat": await _etat(hub, principal, jeton)})


@get("/taches/{jeton:str}/fichier", opt=ACCES)
async def fichier(jeton: FromPath[str], hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> File:
    ecrit = (await _etat(hub, principal, jeton)).fichier
    if ecrit is None or not ecrit.is_file():
        raise NotFound(EXPORT_INTROUVABLE)
    return File(path=ecrit, filename=nom_de_fichier("activites", format_demande(ecrit.suffix.lstrip("."))))


async def _etat(hub: Hub, principal: Principal, jeton: str) -> EtatExport:
    if not re.fullmatch(JETON, jeton):
        raise NotFound(EXPORT_INTROUVABLE)
    return await etat_export(hub, principal.id, jeton)


ROUTES = [demander, tache, etat, fichier]
