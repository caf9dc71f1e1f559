"""« Mes statistiques »: a mediator's own statistics (``/stats``), a coordinator's team's
(``/stats/equipe``), filtered like the activity list, with their XLSX workbook and their share link.

- ``GET /stats`` (``stats.view``): the mediator's; a coordinator who is not a mediator is sent
  to their team's;
- ``GET /stats/equipe`` (``stats.equipe``, coordinators): the team's, never a bénéficiaire's identity;
- ``GET /stats/xlsx``, ``GET /stats/equipe/xlsx``: the workbook of the filters in the query;
- ``POST /stats/partage``: switch the share link of a scope on (``action=activer``) or off.

Refused filters show the form again with each message next to its field (400), and no figure.
"""

from __future__ import annotations

import io
from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.response import Redirect, Template

from hub.core.activites.dates import DEBUT_DISPOSITIF, aujourd_hui
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.exports.entete import entete_export
from hub.core.exports.filtres import decrire_filtres
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.exports.communs import telechargement
from plugins.stats.classeur import FEUILLE, NOM_DE_FICHIER, ecrire_classeur
from plugins.stats.filtres_page import formulaire_filtres, lire_filtres_page, parametres_bruts, requete
from plugins.stats.impact import lien_impact
from plugins.stats.indicators import compute_indicators
from plugins.stats import moteur
from plugins.stats.partage import activer, desactiver, partage_de
from plugins.stats.portees import EQUIPE, MEDIATEUR, VUES, Vue, onglets, portee_de, titre
from plugins.stats.presentation import presentation

PERIMETRES = {"mediateur": "Vos accompagnements", "equipe": "Les accompagnements de votre équipe"}
ACTIONS = {"activer", "desactiver"}
PORTEE_INCONNUE = "Choisissez le périmètre à partager : vos statistiques (mediateur) ou celles de votre équipe (equipe)."
ACTION_INCONNUE = "Choisissez d'activer ou de désactiver le lien de partage (action=activer ou action=desactiver)."
FAITS = {
    "active": "Le lien de partage est activé : toute personne qui a l'adresse voit ces statistiques, sans rien pouvoir modifier.",
    "desactive": "Le lien de partage est désactivé : son adresse ne montre plus rien.",
}


@get("/", opt={"permission": "stats.view"})
async def mes_statistiques(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    if not principal.mediateur_id and principal.coordinateur_id:
        return Redirect(EQUIPE.adresse, status_code=303)
    return await _page(request, hub, principal, MEDIATEUR)


@get("/equipe", opt={"permission": "stats.equipe"})
async def statistiques_equipe(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    return await _page(request, hub, principal, EQUIPE)


@get("/xlsx", opt={"permission": "stats.view"})
async def classeur_mediateur(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[bytes]:
    return await _classeur(request, hub, principal, MEDIATEUR)


@get("/equipe/xlsx", opt={"permission": "stats.equipe"})
async def classeur_equipe(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[bytes]:
    return await _classeur(request, hub, principal, EQUIPE)


@post("/partage", opt={"permission": "stats.view"})
async def basculer_partage(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Redirect:
    data = await request.form()
    erreurs = {}
    vue = VUES.get(data.get("portee") or "")
    action = data.get("action") or ""
    if vue is None:
        erreurs["portee"] = PORTEE_INCONNUE
    if action not in ACTIONS:
        erreurs["action"] = ACTION_INCONNUE
    if vue is None or erreurs:
        raise ValidationError(erreurs)
    async with hub.session() as db, db.begin():
        if action == "activer":
            await activer(db, principal, vue)
        else:
            await desactiver(db, principal, vue)
    fait = "active" if action == "activer" else "desactive"
    return Redirect(f"{vue.adresse}?fait={fait}#partage", status_code=303)


async def _page(request: Request[Any, Any, Any], hub: Hub, principal: Principal, vue: Vue) -> Template:
    brut = parametres_bruts(request.query_params)
    jour = aujourd_hui()
    context: dict[str, Any] = {
        "titre": titre(principal, vue),
        "vue": vue,
        "onglets": onglets(principal),
        "perimetre": PERIMETRES[vue.cle],
        "succes": FAITS.get(request.query_params.get("fait") or ""),
    }
    async with hub.session() as db:
        portee = await portee_de(db, principal, vue)
        try:
            filtres = lire_filtres_page(brut, jour)
        except ValidationError as exc:
            context["filtres"] = await formulaire_filtres(db, principal, vue, portee, brut, None, exc.errors)
            return Template("stats/mes_statistiques.html", context=context, status_code=400)
        resultats = await moteur.statistiques(db, portee, filtres, aujourd_hui=jour)
        partage = await partage_de(db, principal, vue)
        context |= {
            "filtres": await formulaire_filtres(db, principal, vue, portee, brut, filtres),
            "stats": presentation(resultats),
            "requete": requete(filtres),
            "indicateurs": await compute_indicators(
                hub, principal, db, start=filtres.du or DEBUT_DISPOSITIF, end=filtres.au or jour
            ),
            "impact": await lien_impact(db, principal.id),
            "partage": partage,
            "adresse_partage": f"{_origine(request)}/stats/partage/{partage.jeton}" if partage else None,
        }
    return Template("stats/mes_statistiques.html", context=context)


async def _classeur(request: Request[Any, Any, Any], hub: Hub, principal: Principal, vue: Vue) -> Response[bytes]:
    jour = aujourd_hui()
    filtres = lire_filtres_page(parametres_bruts(request.query_params), jour)
    sortie = io.BytesIO()
    async with hub.session() as db:
        portee = await portee_de(db, principal, vue)
        resultats = await moteur.statistiques(db, portee, filtres, aujourd_hui=jour)
        details = [("Périmètre", PERIMETRES[vue.cle]), *await decrire_filtres(db, filtres)]
    ecrire_classeur(sortie, resultats, entete_export(FEUILLE, principal, utcnow(), details))
    nom = NOM_DE_FICHIER if vue is MEDIATEUR else f"{NOM_DE_FICHIER}-equipe"
    return telechargement(sortie.getvalue(), nom, "xlsx")


def _origine(request: Request[Any, Any, Any]) -> str:
    """``https://hub.exemple.fr``: the start of the address of a link to share."""
    return str(request.base_url).rstrip("/")


ROUTES = [mes_statistiques, statistiques_equipe, classeur_mediateur, classeur_equipe, basculer_partage]
