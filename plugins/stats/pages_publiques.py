"""The public pages of the plugin (``opt={"public": True}``): a shared link, the national figures,
and the page's own style sheet and script.

- ``GET /stats/partage/{jeton}``: the owner's statistics, read-only, for a period (``du``,
  ``au``; 1 January to today by default) — never a bénéficiaire's identity, no other filter (a
  visitor cannot see the owner's lieux, tags or bénéficiaires to choose from); a link switched
  off answers 404 with what to do;
- ``GET /stats/partage/{jeton}/xlsx``: its workbook for the same period;
- ``GET /stats/nationales``: every activity of the hub, figures cached for an hour;
- ``GET /stats/statistiques.css``, ``GET /stats/statistiques.js``: the charts' style, the print
  layout, and the « Imprimer » button.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import Template

from hub.core.activites.dates import aujourd_hui
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.exports.entete import Entete
from hub.core.exports.filtres import decrire_filtres
from hub.core.hub import Hub
from hub.core.web.activites.filtres_liste import AU, DU, formulaire_filtres, formulaire_refuse
from hub.core.web.dates import date_heure_fr
from hub.core.web.exports.communs import telechargement
from plugins.stats.classeur import FEUILLE, NOM_DE_FICHIER, ecrire_classeur
from plugins.stats.filtres_page import PERIODE, lire_filtres_page, requete
from plugins.stats import moteur
from plugins.stats.nationales import chiffres_nationaux
from plugins.stats.partage import partage_par_jeton, proprietaire
from plugins.stats.presentation import presentation

PUBLIC = {"public": True}
STATIC = Path(__file__).parent / "static"
PERIMETRES = {"mediateur": "Ses accompagnements", "equipe": "Les accompagnements de son équipe"}


def _periode(request: Request[Any, Any, Any]) -> dict[str, list[str]]:
    """The period among the query's parameters (the share page takes no other filter)."""
    return {cle: request.query_params.getall(cle) for cle in PERIODE if cle in request.query_params}


@get("/partage/{jeton:str}", opt=PUBLIC)
async def page_partagee(jeton: FromPath[str], request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Template:
    brut = _periode(request)
    async with hub.session() as db:
        qui = await proprietaire(db, await partage_par_jeton(db, jeton))
        context: dict[str, Any] = {
            "nom": qui.nom,
            "perimetre": PERIMETRES[qui.vue.cle],
            "adresse": f"/stats/partage/{jeton}",
            "champs": {"du": DU, "au": AU},
        }
        try:
            filtres = lire_filtres_page(brut, aujourd_hui())
        except ValidationError as exc:
            context["formulaire"] = formulaire_refuse(brut, exc.errors)
            return Template("stats/partage.html", context=context, status_code=400)
        resultats = await moteur.statistiques(db, qui.portee, filtres, aujourd_hui=aujourd_hui())
    context |= {"formulaire": formulaire_filtres(filtres), "stats": presentation(resultats), "requete": requete(filtres)}
    return Template("stats/partage.html", context=context)


@get("/partage/{jeton:str}/xlsx", opt=PUBLIC)
async def classeur_partage(jeton: FromPath[str], request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[bytes]:
    filtres = lire_filtres_page(_periode(request), aujourd_hui())
    sortie = io.BytesIO()
    async with hub.session() as db:
        qui = await proprietaire(db, await partage_par_jeton(db, jeton))
        resultats = await moteur.statistiques(db, qui.portee, filtres, aujourd_hui=aujourd_hui())
        lignes = [
            ("Statistiques partagées par", qui.nom),
            ("Le", date_heure_fr(utcnow())),
            ("Périmètre", PERIMETRES[qui.vue.cle]),
            *await decrire_filtres(db, filtres),
        ]
    ecrire_classeur(sortie, resultats, Entete(FEUILLE, lignes))
    return telechargement(sortie.getvalue(), NOM_DE_FICHIER, "xlsx")


@get("/nationales", opt=PUBLIC)
async def statistiques_nationales(hub: NamedDependency[Hub]) -> Template:
    chiffres = await chiffres_nationaux(hub)
    return Template(
        "stats/nationales.html",
        context={"chiffres": chiffres, "stats": presentation(chiffres.statistiques)},
    )


def _fichier(nom: str, media_type: str) -> Response[bytes]:
    return Response((STATIC / nom).read_bytes(), media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})


@get("/statistiques.css", opt=PUBLIC)
async def feuille_de_style() -> Response[bytes]:
    return _fichier("statistiques.css", "text/css")


@get("/statistiques.js", opt=PUBLIC)
async def script() -> Response[bytes]:
    return _fichier("statistiques.js", "text/javascript")


ROUTES = [page_partagee, classeur_partage, statistiques_nationales, feuille_de_style, script]
