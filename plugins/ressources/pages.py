"""The search page and the redirect that counts a consultation."""

from __future__ import annotations

import math
import re
from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Redirect, Template

from hub.core.errors import NotFound
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.pagination import pagination
from plugins.ressources import recherche
from plugins.ressources.models import Consultation, Ressource
from plugins.ressources.recherche import VOCABULAIRES, Filtres

LONGUEUR_Q = 200
CODE = re.compile(r"^[a-z0-9_]{1,100}$")
LIBELLES_FILTRES = {"theme": "Thème", "public": "Public cible", "type_support": "Type de support"}
PLUS_PUBLIQUE = (
    "Cette ressource n'est plus publique sur Les Bases : elle a été retirée du hub. "
    "Cherchez-en une autre depuis la page Ressources."
)


def lire_filtres(parametres: dict[str, str]) -> tuple[Filtres, int, dict[str, str]]:
    """The filters and page number of the query string, and the French message of each faulty
    parameter (the faulty ones are dropped)."""
    erreurs: dict[str, str] = {}
    q = parametres.get("q", "").strip()
    if len(q) > LONGUEUR_Q:
        erreurs["q"] = f"La recherche est trop longue : {LONGUEUR_Q} caractères au plus."
        q = ""
    codes = {}
    for nom in VOCABULAIRES:
        valeur = parametres.get(nom, "").strip()
        if valeur and not CODE.match(valeur):
            erreurs[nom] = f"{LIBELLES_FILTRES[nom]} inconnu : choisissez une valeur de la liste."
            valeur = ""
        codes[nom] = valeur
    page_texte = parametres.get("page", "1").strip() or "1"
    page = int(page_texte) if page_texte.isdigit() and int(page_texte) >= 1 else 0
    if page == 0:
        erreurs["page"] = "Le numéro de page doit être un nombre entier à partir de 1."
        page = 1
    return Filtres(q=q, **codes), page, erreurs


@get("/", opt={"permission": "ressources.view"})
async def recherche_page(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Template:
    filtres, page, erreurs = lire_filtres(dict(request.query_params))
    async with hub.session() as session:
        total, ressources = await recherche.chercher(session, filtres, page=page)
        connues = await recherche.valeurs_connues(session)
    pages = max(1, math.ceil(total / recherche.PAR_PAGE))
    parametres = [(nom, valeur) for nom, valeur in vars_filtres(filtres) if valeur]
    return Template(
        "ressources/recherche.html",
        context={
            "filtres": filtres,
            "total": total,
            "ressources": ressources,
            "connues": connues,
            "libelles_filtres": LIBELLES_FILTRES,
            "erreurs": erreurs,
            "pagination": pagination("/ressources", parametres, min(page, pages), pages),
        },
        status_code=400 if erreurs else 200,
    )


def vars_filtres(filtres: Filtres) -> list[tuple[str, str]]:
    return [("q", filtres.q), *((nom, getattr(filtres, nom)) for nom in VOCABULAIRES)]


@get("/{ressource_id:int}/consulter", opt={"permission": "ressources.view"})
async def consulter(
    ressource_id: FromPath[int],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Redirect:
    """Count the consultation, then send the person to the resource on Les Bases."""
    async with hub.session() as session, session.begin():
        ressource = await session.get(Ressource, ressource_id)
        if ressource is None or ressource.supprime_le is not None:
            raise NotFound(PLUS_PUBLIQUE)
        session.add(Consultation(ressource_id=ressource.id, user_id=principal.id))
        url = ressource.url
    return Redirect(url, status_code=302)
