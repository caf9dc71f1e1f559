"""« Mon réseau » (permission ``cartographie.view``: mediators and coordinators).

- ``GET /cartographie/reseau``: the actors of a département (:mod:`plugins.cartographie.acteurs`),
  filtered by ``role`` (``mediateur``, ``coordinateur``), ``actif`` and ``conseiller``
  (``oui``/``non``), found by ``q``;
- ``GET /cartographie/reseau/lieux``: its lieux (:mod:`plugins.cartographie.lieux_reseau`),
  filtered by ``source`` (``hub``, ``national``) and ``commune``, found by ``q``.

``departement`` defaults to the person's (employer, else first lieu); without one, the page asks
to choose it. Both lists are paged (:data:`PAR_PAGE` a page). A parameter out of its values is a
400 that names it and shows the form again. An htmx request from the search field
(``HX-Request``) gets the results alone, to replace them as the person types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Annotated, Any, Literal, TypeVar

import msgspec
from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Template

from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.validation import parse
from hub.core.web.organisation.formulaires import Formulaire
from hub.core.web.pagination import pagination
from plugins.cartographie.acteurs import acteurs_du_departement, filtrer_acteurs
from plugins.cartographie.departements import NOMS, departement_de_la_personne, libelle
from plugins.cartographie.lieux_reseau import communes, filtrer_lieux, lieux_du_departement

PERMISSION = "cartographie.view"
ADRESSE_ACTEURS = "/cartographie/reseau"
ADRESSE_LIEUX = "/cartographie/reseau/lieux"
PAR_PAGE = 25
CIBLE_HTMX = "resultats-reseau"
COMMUNE_INCONNUE = "Aucun lieu de ce département n'est dans cette commune : choisissez-la dans la liste."

T = TypeVar("T")
OuiNon = Annotated[Literal["oui", "non"], msgspec.Meta(extra={"message": "Choisissez « oui », « non » ou rien."})]


DEPARTEMENT_INCONNU = "Département inconnu : choisissez-le dans la liste (exemple : 51, 2A ou 974)."
RECHERCHE_LONGUE = "La recherche compte 200 caractères au plus."


class Filtres(msgspec.Struct, kw_only=True):
    departement: Annotated[
        Literal[tuple(NOMS)],  # type: ignore[valid-type]
        msgspec.Meta(extra={"message": DEPARTEMENT_INCONNU, "avant": str.upper}),
    ] | None = None
    q: Annotated[str, msgspec.Meta(max_length=200, extra={"message": RECHERCHE_LONGUE})] | None = None
    page: Annotated[int, msgspec.Meta(ge=1, le=100_000, extra={"message": "Numéro de page invalide."})] = 1


class FiltresActeurs(Filtres, kw_only=True):
    role: Annotated[
        Literal["mediateur", "coordinateur"],
        msgspec.Meta(extra={"message": "Rôle inconnu : choisissez médiateur·rice ou coordinateur·rice."}),
    ] | None = None
    actif: OuiNon | None = None
    conseiller: OuiNon | None = None


class FiltresLieux(Filtres, kw_only=True):
    source: Annotated[
        Literal["hub", "national"],
        msgspec.Meta(extra={"message": "Source inconnue : choisissez « lieux du hub » ou « cartographie nationale »."}),
    ] | None = None
    commune: Annotated[str, msgspec.Meta(max_length=200, extra={"message": "Nom de commune trop long."})] | None = None


def _oui_non(valeur: str | None) -> bool | None:
    return None if valeur is None else valeur == "oui"


def _page(elements: Sequence[T], page: int) -> tuple[list[T], int, int]:
    """The elements of page ``page`` (the last one when beyond), the page shown and the page count."""
    pages = max(1, -(-len(elements) // PAR_PAGE))
    page = min(page, pages)
    return list(elements[(page - 1) * PAR_PAGE : page * PAR_PAGE]), page, pages


def _brut(request: Request[Any, Any, Any], type_: type[msgspec.Struct]) -> dict[str, str]:
    noms = [champ.name for champ in msgspec.structs.fields(type_)]
    return {nom: valeur for nom in noms if (valeur := request.query_params.get(nom, "").strip())}


async def _reseau(
    request: Request[Any, Any, Any],
    hub: Hub,
    principal: Principal,
    *,
    onglet: Literal["acteurs", "lieux"],
    lister: Callable[[Any, Any, dict[str, str]], Any],
) -> Template:
    type_, adresse = (FiltresActeurs, ADRESSE_ACTEURS) if onglet == "acteurs" else (FiltresLieux, ADRESSE_LIEUX)
    brut = _brut(request, type_)
    contexte: dict[str, Any] = {"onglet": onglet, "adresse": adresse, "resultats": None, "pagination": None}
    status = 200
    async with hub.session() as session:
        try:
            filtres = parse(type_, brut)
            departement = filtres.departement or await departement_de_la_personne(session, principal)
            if departement is not None:
                brut["departement"] = departement
                contexte.update(await lister(session, filtres, brut))
        except ValidationError as exc:
            formulaire, status = Formulaire(brut, exc.errors), 400
            departement = brut.get("departement", "").upper() if brut.get("departement", "").upper() in NOMS else None
        else:
            formulaire = Formulaire(brut)
        if contexte.get("erreurs"):
            formulaire, status, contexte["resultats"] = Formulaire(brut, contexte["erreurs"]), 400, None
    if contexte["resultats"] is not None:
        contexte["pagination"] = pagination(adresse, brut.items(), contexte["page"], contexte["pages"])
    contexte.update(
        formulaire=formulaire,
        departement=departement,
        nom_departement=f"{NOMS[departement]} ({departement})" if departement else None,
        departements=[(code, libelle(code)) for code in NOMS],
        fragment=request.headers.get("hx-request") == "true" and request.headers.get("hx-target") == CIBLE_HTMX,
        cible=CIBLE_HTMX,
    )
    gabarit = f"cartographie/_reseau_{onglet}.html" if contexte["fragment"] else f"cartographie/reseau_{onglet}.html"
    return Template(gabarit, context=contexte, status_code=status)


async def _acteurs(session: Any, filtres: FiltresActeurs, brut: dict[str, str]) -> dict[str, Any]:
    tous = await acteurs_du_departement(session, brut["departement"])
    trouves = filtrer_acteurs(
        tous,
        q=filtres.q or "",
        role=filtres.role,
        actif=_oui_non(filtres.actif),
        conseiller_numerique=_oui_non(filtres.conseiller),
    )
    elements, page, pages = _page(trouves, filtres.page)
    return {"resultats": elements, "total": len(trouves), "en_tout": len(tous), "page": page, "pages": pages}


async def _lieux(session: Any, filtres: FiltresLieux, brut: dict[str, str]) -> dict[str, Any]:
    tous = await lieux_du_departement(session, brut["departement"])
    ses_communes = communes(tous)
    if filtres.commune and not filtrer_lieux(tous, commune=filtres.commune):
        return {"communes": ses_communes, "erreurs": {"commune": COMMUNE_INCONNUE}}
    trouves = filtrer_lieux(tous, q=filtres.q or "", source=filtres.source, commune=filtres.commune)
    elements, page, pages = _page(trouves, filtres.page)
    return {
        "resultats": elements, "total": len(trouves), "en_tout": len(tous), "page": page, "pages": pages,
        "communes": ses_communes,
    }


@get("/reseau", opt={"permission": PERMISSION}, name="cartographie:reseau_acteurs")
async def reseau_acteurs(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    """The actors of the département."""
    return await _reseau(request, hub, principal, onglet="acteurs", lister=_acteurs)


@get("/reseau/lieux", opt={"permission": PERMISSION}, name="cartographie:reseau_lieux")
async def reseau_lieux(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    """The lieux of the département."""
    return await _reseau(request, hub, principal, onglet="lieux", lister=_lieux)


PAGES = [reseau_acteurs, reseau_lieux]
