"""« Mes activités » (``/mes-activites``): the lists of activities, newest first, 50 a page.

- ``GET /mes-activites`` (``hub.activites``): the mediator's own, filtered (La Coop's §3.2),
  each with the followed bénéficiaires it accompanied; a coordinator without a mediator side is
  sent to their coordination CRAs;
- ``GET /mes-activites/equipe`` (``hub.coordination``): the team's, filtered the same way, never
  with a bénéficiaire's identity;
- ``GET /mes-activites/coordination`` (``hub.coordination``): the coordinator's own CRAs.

Other features add their buttons to the lists (exports, an import) in
``activites/_actions_liste.html``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.coordination.queries import activites_coordination
from hub.core.activites.filtres import lire_filtres
from hub.core.activites.portee import Portee, portee_equipe, portee_mediateur
from hub.core.activites.queries import activites_filtrees
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.tags.visibilite import lecteur_du_coordinateur, lecteur_du_mediateur, tags_visibles
from hub.core.web.activites import filtres_liste as fl
from hub.core.web.activites.champs_communs import avec_choix, choix_tags
from hub.core.web.activites.libelles import LIBELLES
from hub.core.web.activites.options_filtres import choix_beneficiaires, choix_communes, choix_lieux, choix_mediateurs
from hub.core.web.activites.pages_cra import ENREGISTREE, SUPPRIMEE
from hub.core.web.organisation.formulaires import Option
from hub.core.web.pagination import pagination

ADRESSE = "/mes-activites"
PAR_PAGE = 50
FAITS = {ENREGISTREE: "L'activité a été enregistrée.", SUPPRIMEE: "L'activité a été supprimée."}
Choix = dict[str, tuple[Option, ...]]


@dataclass(frozen=True, slots=True)
class Onglet:
    libelle: str
    adresse: str
    permission: str


ONGLETS = (
    Onglet("Mes accompagnements", ADRESSE, "hub.cra"),
    Onglet("Mes activités de coordination", f"{ADRESSE}/coordination", "hub.coordination"),
    Onglet("Mon équipe", f"{ADRESSE}/equipe", "hub.coordination"),
)


@dataclass(frozen=True, slots=True)
class Vue:
    """A filtered list (``cle``: ``mediateur`` or ``equipe``): whose activities (``portee``) and
    the choices of its filters."""

    cle: str
    adresse: str
    titre: str
    portee: Callable[[AsyncSession, Principal], Awaitable[Portee]]
    choix: Callable[[AsyncSession, Principal, Portee], Awaitable[Choix]]


async def _portee_mediateur(_db: AsyncSession, principal: Principal) -> Portee:
    return portee_mediateur(principal)


async def _choix_mediateur(db: AsyncSession, principal: Principal, portee: Portee) -> Choix:
    mediateur_id = principal.mediateur_id or ""
    return {
        "lieux": await choix_lieux(db, portee),
        "communes": await choix_communes(db, portee),
        "tags": choix_tags(await tags_visibles(db, await lecteur_du_mediateur(db, mediateur_id))),
        "beneficiaires": await choix_beneficiaires(db, mediateur_id),
    }


async def _choix_equipe(db: AsyncSession, principal: Principal, portee: Portee) -> Choix:
    coordinateur_id = principal.coordinateur_id or ""
    return {
        "lieux": await choix_lieux(db, portee),
        "communes": await choix_communes(db, portee),
        "tags": choix_tags(await tags_visibles(db, await lecteur_du_coordinateur(db, coordinateur_id))),
        "mediateurs": await choix_mediateurs(db, coordinateur_id, principal.mediateur_id),
    }


MEDIATEUR = Vue("mediateur", ADRESSE, "Vos activités", _portee_mediateur, _choix_mediateur)
EQUIPE = Vue("equipe", f"{ADRESSE}/equipe", "Les activités de votre équipe", portee_equipe, _choix_equipe)


def onglets(principal: Principal) -> list[Onglet]:
    """The lists the principal may see; none shown when there is only one."""
    siens = [onglet for onglet in ONGLETS if principal.can(onglet.permission)]
    return siens if len(siens) > 1 else []


@get("/", opt={"permission": "hub.activites"})
async def mes_activites(
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    page: FromQuery[int] = 1,
    fait: FromQuery[str | None] = None,
) -> Response[Any]:
    if not principal.mediateur_id:
        return Redirect(f"{ADRESSE}/coordination", status_code=303)
    return await _liste(request, hub, principal, MEDIATEUR, page, fait)


@get("/equipe", opt={"permission": "hub.coordination"})
async def activites_equipe(
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    page: FromQuery[int] = 1,
) -> Template:
    return await _liste(request, hub, principal, EQUIPE, page, None)


@get("/coordination", opt={"permission": "hub.coordination"})
async def mes_coordinations(
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    page: FromQuery[int] = 1,
    fait: FromQuery[str | None] = None,
) -> Template:
    async with hub.session() as db:
        resultats = await activites_coordination(db, principal.coordinateur_id or "", page, par_page=PAR_PAGE)
    context = {
        "liste": "coordination",
        "requete_filtres": "",
        "onglets": onglets(principal),
        "courant": f"{ADRESSE}/coordination",
        "resultats": resultats,
        "pagination": pagination(f"{ADRESSE}/coordination", [], resultats.page, resultats.pages),
        "libelles": LIBELLES,
        "succes": FAITS.get(fait or ""),
    }
    return Template("activites/liste_coordination.html", context=context)


async def _liste(
    request: Request[Any, Any, Any], hub: Hub, principal: Principal, vue: Vue, page: int, fait: str | None
) -> Template:
    brut = fl.parametres_bruts(request.query_params)
    async with hub.session() as db:
        portee = await vue.portee(db, principal)
        choix = await vue.choix(db, principal, portee)
        try:
            filtres = lire_filtres(brut)
        except ValidationError as exc:
            context: dict[str, Any] = {
                "formulaire": fl.formulaire_refuse(brut, exc.errors),
                "resultats": None,
                "actifs": [],
                "pagination": None,
                "requete_filtres": "",
            }
            status = 400
        else:
            resultats = await activites_filtrees(db, portee, filtres, page, par_page=PAR_PAGE)
            parametres = fl.parametres(filtres)
            context = {
                "formulaire": fl.formulaire_filtres(filtres),
                "resultats": resultats,
                "actifs": fl.filtres_actifs(vue.adresse, filtres, choix),
                "pagination": pagination(vue.adresse, parametres, resultats.page, resultats.pages),
                "requete_filtres": urlencode(parametres),
            }
            status = 200
    context |= {
        "liste": vue.cle,
        "vue": vue,
        "onglets": onglets(principal),
        "courant": vue.adresse,
        "champs": champs_filtres(vue, choix),
        "noms_mediateurs": {option.valeur: option.libelle for option in choix.get("mediateurs", ())},
        "libelles": LIBELLES,
        "succes": FAITS.get(fait or ""),
    }
    return Template("activites/liste.html", context=context, status_code=status)


def champs_filtres(vue: Vue, choix: Choix) -> dict[str, Any]:
    """The filter form's fields, by name, with the list's choices."""
    personne = fl.MEDIATEURS if vue is EQUIPE else fl.BENEFICIAIRES
    champs = (fl.DU, fl.AU, fl.TYPES, fl.LIEUX, fl.COMMUNES, fl.THEMATIQUES, fl.DEMARCHES, fl.TAGS, personne)
    return {champ.nom: avec_choix(champ, choix[champ.nom]) if champ.nom in choix else champ for champ in champs}


routeur = Router(path=ADRESSE, route_handlers=[mes_activites, activites_equipe, mes_coordinations])
