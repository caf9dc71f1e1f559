"""The sign-up (``/inscription``), one page per step of :mod:`hub.core.identity.inscription`:

- ``GET /inscription``: on to the next step to do (the dashboard once validated);
- ``/inscription/choisir-role``: the declared profile;
- ``/inscription/structure-employeuse``: an existing structure found by search, or a new one;
- ``/inscription/lieux-activite`` (mediators only): the same, several times, and ``…/retirer``;
- ``/inscription/recapitulatif``: what was said, and the CGU to accept.

A step is shown once the steps before it are done; a validated sign-up leads to the dashboard.
People without a role land here after their first login, and the dashboard sends back here
whoever has not finished (:func:`inscription_a_terminer`). Administrators have no sign-up.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from hub.core.auth.pages import SIGN_UP_PATH
from hub.core.auth.principals import ADMIN_ROLES
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.identity.inscription import (
    AcceptationCgu,
    ChoixLieux,
    ChoixProfil,
    Etape,
    EtatInscription,
    choisir_profil,
    etat_inscription,
    renseigner_lieux_activite,
    renseigner_structure_employeuse,
    valider_inscription,
)
from hub.core.identity.models import User
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.lieux import LIEU_INTROUVABLE
from hub.core.validation import parse
from hub.core.web.organisation.acces import hors_administration
from hub.core.web.organisation.choix_structure import (
    choix_depuis,
    contexte_choix,
    formulaire_refuse,
    rechercher,
)
from hub.core.web.organisation.formulaires import Formulaire, apres
from hub.core.web.organisation.parcours import LIBELLES_PROFILS, PROFILS, adresse, detour, progression

PROFIL_MANQUANT = "Choisissez le rôle qui correspond à votre activité."


async def _suite(hub: Hub, principal: Principal, etape: Etape) -> Redirect:
    """On to the step after ``etape``, once done (the person's steps may have changed with it)."""
    return apres(progression(await _etat(hub, principal), etape).adresse_suivante or "/")


async def inscription_a_terminer(hub: Hub, principal: Principal) -> bool:
    """Whether ``principal`` has a sign-up left to finish (administrators have none)."""
    if principal.roles & ADMIN_ROLES:
        return False
    async with hub.session() as db:
        validee = await db.scalar(sa.select(User.inscription_validee).where(User.id == principal.id))
    return validee is None


async def _etat(hub: Hub, principal: Principal) -> EtatInscription:
    async with hub.session() as db:
        return await etat_inscription(db, principal.id)


def _page(etat: EtatInscription, etape: Etape, *, status: int = 200, **context: Any) -> Template:
    context = {"etat": etat, "etape": progression(etat, etape), "libelles_profils": LIBELLES_PROFILS, **context}
    return Template(f"inscription/{etape.replace('-', '_')}.html", context=context, status_code=status)


@get("/")
async def accueil(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Redirect:
    etat = await _etat(hub, principal)
    return Redirect("/" if etat.validee else adresse(etat.prochaine or "choisir-role"), status_code=303)


@get("/choisir-role")
async def page_role(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Response[Any]:
    etat = await _etat(hub, principal)
    formulaire = Formulaire({"profil": etat.profil})
    return detour(etat, "choisir-role") or _page(etat, "choisir-role", profils=PROFILS, formulaire=formulaire)


@post("/choisir-role")
async def choisir_role(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    donnees = {"profil": (await request.form()).get("profil", "")}
    try:
        data = parse(ChoixProfil, donnees)
        async with hub.session() as db, db.begin():
            await choisir_profil(db, principal.id, data)
    except ValidationError as exc:
        erreurs = {"profil": PROFIL_MANQUANT} if "profil" in exc.errors and not donnees["profil"] else exc.errors
        formulaire = Formulaire.saisi(donnees, erreurs)
        return _page(await _etat(hub, principal), "choisir-role", status=400, profils=PROFILS, formulaire=formulaire)
    return await _suite(hub, principal, "choisir-role")


@get("/structure-employeuse")
async def page_structure_employeuse(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], q: FromQuery[str | None] = None
) -> Response[Any]:
    etat = await _etat(hub, principal)
    if ailleurs := detour(etat, "structure-employeuse"):
        return ailleurs
    return _page(etat, "structure-employeuse", **contexte_choix(await rechercher(hub, q, "employeur")))


@post("/structure-employeuse")
async def renseigner_employeur(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    choix = choix_depuis(await request.form())
    try:
        data = parse(ChoixStructure, choix)
        async with hub.session() as db, db.begin():
            await renseigner_structure_employeuse(db, principal.id, data)
    except ValidationError as exc:
        contexte = contexte_choix(await rechercher(hub, None, "employeur"), formulaire_refuse(choix, exc.errors))
        return _page(await _etat(hub, principal), "structure-employeuse", status=400, **contexte)
    return await _suite(hub, principal, "structure-employeuse")


@get("/lieux-activite")
async def page_lieux(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], q: FromQuery[str | None] = None
) -> Response[Any]:
    etat = await _etat(hub, principal)
    if ailleurs := detour(etat, "lieux-activite"):
        return ailleurs
    return _page(etat, "lieux-activite", **contexte_choix(await rechercher(hub, q, "lieu-inscription")))


@post("/lieux-activite")
async def ajouter_lieu(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    """Add a lieu to those chosen so far (each addition is saved at once)."""
    etat = await _etat(hub, principal)
    choix = choix_depuis(await request.form())
    deja = [{"structure_id": lieu.structure.id} for lieu in etat.lieux]
    return await _enregistrer_lieux(hub, principal, etat, [*deja, choix], choix=choix, prefixe=f"lieux.{len(deja)}.")


@post("/lieux-activite/retirer")
async def retirer_lieu(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    etat = await _etat(hub, principal)
    structure_id = (await request.form()).get("structure_id")
    gardes = [{"structure_id": lieu.structure.id} for lieu in etat.lieux if lieu.structure.id != structure_id]
    if len(gardes) == len(etat.lieux):
        raise NotFound(LIEU_INTROUVABLE)
    return await _enregistrer_lieux(hub, principal, etat, gardes, choix={}, prefixe="lieux.")


async def _enregistrer_lieux(
    hub: Hub,
    principal: Principal,
    etat: EtatInscription,
    lieux: list[dict[str, Any]],
    *,
    choix: dict[str, Any],
    prefixe: str,
) -> Response[Any]:
    try:
        data = parse(ChoixLieux, {"lieux": lieux})
        async with hub.session() as db, db.begin():
            await renseigner_lieux_activite(db, principal.id, data)
    except ValidationError as exc:
        contexte = contexte_choix(
            await rechercher(hub, None, "lieu-inscription"), formulaire_refuse(choix, exc.errors, prefixe=prefixe)
        )
        return _page(etat, "lieux-activite", status=400, **contexte)
    return apres(adresse("lieux-activite"))


@get("/recapitulatif")
async def page_recapitulatif(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Response[Any]:
    etat = await _etat(hub, principal)
    return detour(etat, "recapitulatif") or _page(etat, "recapitulatif", formulaire=Formulaire())


@post("/recapitulatif")
async def valider(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    donnees = {"cgu_acceptees": "cgu_acceptees" in await request.form()}
    try:
        async with hub.session() as db, db.begin():
            await valider_inscription(db, principal.id, AcceptationCgu(**donnees))
    except ValidationError as exc:
        formulaire = Formulaire.saisi(donnees, exc.errors)
        return _page(await _etat(hub, principal), "recapitulatif", status=400, formulaire=formulaire)
    return apres("/")


routeur = Router(
    path=SIGN_UP_PATH,
    opt={"authenticated": True},
    guards=[hors_administration],
    route_handlers=[
        accueil,
        page_role,
        choisir_role,
        page_structure_employeuse,
        renseigner_employeur,
        page_lieux,
        ajouter_lieu,
        retirer_lieu,
        page_recapitulatif,
        valider,
    ],
)
