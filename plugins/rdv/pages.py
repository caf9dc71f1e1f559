"""The mediator's pages: « Mes rendez-vous », linking and unlinking their RDV Service Public account.

- ``GET /rdv``: the account (linked or not, to reconnect), the upcoming RDVs, the CRAs to do;
- ``POST /rdv/lier`` → RDV-SP's authorisation page; ``GET /rdv/retour``: its callback;
- ``POST /rdv/delier``: forget the account;
- ``POST /rdv/rdvs/{cle}/decliner``: no CRA for that RDV;
- ``POST /rdv/rdvs/{cle}/statut`` (``statut``): set its status in RDV-SP (:mod:`plugins.rdv.statuts`).

« Faire le CRA » opens the core's CRA form pre-filled from the RDV (:mod:`plugins.rdv.cra`).
Handlers read local tables only, except the callback, which must exchange the code, and the
status change, which RDV-SP must accept.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from connectors.errors import AuthError, ConfigError, TransientError
from hub.core.db.base import utcnow
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from plugins.rdv import agenda, liaison, statuts
from plugins.rdv.cra import adresse_cra
from plugins.rdv.reglages import reglages

FAITS = {
    "lie": "Votre compte RDV Service Public est lié : vos rendez-vous arrivent dans quelques instants.",
    "delie": (
        "Votre compte RDV Service Public est délié et ses données effacées du hub. Pour retirer aussi "
        "l'autorisation côté RDV Service Public, ouvrez « Applications autorisées » dans votre compte."
    ),
    "decline": "C'est noté : aucun compte rendu d'activité n'est attendu pour ce rendez-vous.",
    **{
        f"statut-{statut}": f"C'est enregistré dans RDV Service Public : le rendez-vous est « {libelle} »."
        for statut, libelle in statuts.CHOIX.items()
    },
}


async def page(hub: Hub, principal: Principal, *, fait: str | None = None, erreur: str | None = None,
               status: int = 200) -> Template:
    maintenant = utcnow()
    async with hub.session() as session:
        compte = await agenda.compte_de(session, principal.id)
        prochains = await agenda.prochains(session, compte, maintenant) if compte else []
        a_faire = await agenda.cra_a_faire(session, compte, maintenant) if compte else []
    context: dict[str, Any] = {
        "compte": compte,
        "prochains": prochains,
        "a_faire": a_faire,
        "statuts": agenda.STATUTS,
        "statut_affiche": lambda rdv: agenda.statut_affiche(rdv, maintenant),
        "statuts_possibles": lambda rdv: statuts.statuts_possibles(rdv, maintenant),
        "adresse_cra": adresse_cra,
        "configure": reglages(hub).oauth_configure,
        "instance_url": reglages(hub).instance_url,
        "fait": FAITS.get(fait or ""),
        "erreur": erreur,
    }
    return Template("rdv/mes_rdv.html", context=context, status_code=status)


@get("/", opt={"permission": "rdv.view"})
async def mes_rdv(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], fait: FromQuery[str | None] = None
) -> Template:
    return await page(hub, principal, fait=fait)


@post("/lier", opt={"permission": "rdv.view"})
async def lier(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Response[Any]:
    try:
        url = await liaison.commencer(hub, principal.id)
    except ConfigError as exc:
        return await page(hub, principal, erreur=f"Liaison impossible : {exc}.", status=503)
    return Redirect(url, status_code=303)


@get("/retour", opt={"permission": "rdv.view"})
async def retour(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    code, state, error = (request.query_params.get(name) for name in ("code", "state", "error"))
    try:
        await liaison.terminer(
            hub, user_id=principal.id, mediateur_id=principal.mediateur_id or "", code=code, state=state, error=error
        )
    except ValidationError as exc:
        return await page(hub, principal, erreur=" ".join(exc.errors.values()), status=400)
    except AuthError as exc:
        message = f"RDV Service Public a refusé la liaison ({exc}) : cliquez de nouveau sur « Lier mon compte RDV Service Public »."
        return await page(hub, principal, erreur=message, status=400)
    except ConfigError as exc:
        return await page(hub, principal, erreur=f"Liaison impossible : {exc}.", status=503)
    except TransientError as exc:
        message = f"RDV Service Public ne répond pas ({exc}) : réessayez dans quelques minutes."
        return await page(hub, principal, erreur=message, status=503)
    return Redirect("/rdv?fait=lie", status_code=303)


@post("/delier", opt={"permission": "rdv.view"})
async def delier(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Redirect:
    await liaison.delier(hub, principal.id)
    return Redirect("/rdv?fait=delie", status_code=303)


@post("/rdvs/{cle:str}/decliner", opt={"permission": "rdv.view"})
async def decliner(cle: FromPath[str], hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Redirect:
    """No CRA is to be recorded for this RDV (404 for an RDV that is not the person's)."""
    async with hub.session() as session, session.begin():
        rdv = await agenda.rdv_du_compte(session, await agenda.compte_de(session, principal.id), cle)
        rdv.cra_decline = True
    return Redirect("/rdv?fait=decline", status_code=303)


@post("/rdvs/{cle:str}/statut", opt={"permission": "rdv.view"})
async def changer_statut(
    cle: FromPath[str], request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    """Set the RDV's status in RDV-SP (404 for an RDV that is not the person's)."""
    statut = str((await request.form()).get("statut") or "")
    try:
        nouveau = await statuts.changer_statut(hub, principal, cle, statut)
    except ValidationError as exc:
        return await page(hub, principal, erreur=" ".join(exc.errors.values()), status=400)
    except statuts.Refus as exc:
        return await page(hub, principal, erreur=exc.message, status=exc.status_code)
    return Redirect(f"/rdv?fait=statut-{nouveau}", status_code=303)


ROUTES = [mes_rdv, lier, retour, delier, decliner, changer_statut]
