"""« Doublons possibles » among one's bénéficiaires, and merging two of them.

- ``GET /mes-beneficiaires/doublons``: the pairs that may be the same person
  (:func:`~hub.core.beneficiaires.doublons.paires_doublons`);
- ``GET /mes-beneficiaires/fusion/{a}/{b}``: the two records side by side, and which to keep;
- ``GET|POST /mes-beneficiaires/fusion/{a}/{b}/confirmer`` (``cible``: the one kept): confirm,
  then merge the other into it (:func:`~hub.core.beneficiaires.fusion.fusionner_beneficiaires`).

Either bénéficiaire being someone else's, deleted or unknown is the same 404.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from hub.core.beneficiaires.acces import INTROUVABLE, beneficiaire_suivi
from hub.core.beneficiaires.doublons import paires_doublons
from hub.core.beneficiaires.fusion import fusionner_beneficiaires
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import NotFound
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.web.beneficiaires.pages import ADRESSE, LIBELLES_BENEFICIAIRE, mediateur, nom_complet
from hub.core.web.organisation.formulaires import Formulaire, Option, apres

CHAMPS_COMMUNS = {"nom": "nom", "prenom": "prénom", "telephone": "téléphone", "email": "e-mail"}
CIBLE_REQUISE = "Choisissez la fiche à garder."


@get("/doublons")
async def doublons(hub: NamedDependency[Hub], principal: NamedDependency[Principal]) -> Template:
    async with hub.session() as db:
        paires = await paires_doublons(db, mediateur(principal))
    return Template("beneficiaires/doublons.html", context={"paires": paires, "champs_communs": CHAMPS_COMMUNS})


@get("/fusion/{a:uuid}/{b:uuid}")
async def choix_fusion(
    a: FromPath[UUID], b: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    return await _choix(hub, principal, a, b, Formulaire())


@get("/fusion/{a:uuid}/{b:uuid}/confirmer")
async def page_confirmation(
    a: FromPath[UUID],
    b: FromPath[UUID],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    cible: FromQuery[str | None] = None,
) -> Template:
    gardee, fusionnee = _gardee(await _paire(hub, principal, a, b), cible)
    if gardee is None or fusionnee is None:
        return await _choix(hub, principal, a, b, Formulaire({}, {"cible": CIBLE_REQUISE}), status=400)
    garde, fusionne = nom_complet(gardee), nom_complet(fusionnee)
    context = {
        "titre": f"Fusionner la fiche de {fusionne} dans celle de {garde}",
        "question": (
            f"La fiche de {garde} est gardée, complétée de ce que celle de {fusionne} a de plus ; "
            f"les accompagnements de {fusionne} passent à {garde}, puis sa fiche est supprimée. "
            "Cette fusion est définitive."
        ),
        "action": f"{ADRESSE}/fusion/{a}/{b}/confirmer",
        "champs": {"cible": gardee.id},
        "bouton": "Fusionner",
        "retour": f"{ADRESSE}/fusion/{a}/{b}",
    }
    return Template("organisation/confirmation.html", context=context)


@post("/fusion/{a:uuid}/{b:uuid}/confirmer")
async def fusionner(
    a: FromPath[UUID],
    b: FromPath[UUID],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Response[Any]:
    gardee, fusionnee = _gardee(await _paire(hub, principal, a, b), (await request.form()).get("cible"))
    if gardee is None or fusionnee is None:
        return await _choix(hub, principal, a, b, Formulaire({}, {"cible": CIBLE_REQUISE}), status=400)
    async with hub.session() as db, db.begin():
        await fusionner_beneficiaires(db, mediateur(principal), fusionnee.id, gardee.id, par=principal.id)
    return apres(f"{ADRESSE}/{gardee.id}", "fusionne")


async def _paire(hub: Hub, principal: Principal, a: UUID, b: UUID) -> tuple[Beneficiaire, Beneficiaire]:
    """The mediator's two followed bénéficiaires ``a`` and ``b`` (two different ones), or :class:`NotFound`."""
    if a == b:
        raise NotFound(INTROUVABLE)
    async with hub.session() as db:
        return (
            await beneficiaire_suivi(db, mediateur(principal), str(a)),
            await beneficiaire_suivi(db, mediateur(principal), str(b)),
        )


def _gardee(
    paire: tuple[Beneficiaire, Beneficiaire], cible: str | None
) -> tuple[Beneficiaire, Beneficiaire] | tuple[None, None]:
    """The record kept (``cible``, one of the pair) and the one merged into it; ``(None, None)``
    when ``cible`` is neither."""
    premier, second = paire
    if cible == premier.id:
        return premier, second
    if cible == second.id:
        return second, premier
    return None, None


async def _choix(
    hub: Hub, principal: Principal, a: UUID, b: UUID, formulaire: Formulaire, *, status: int = 200
) -> Template:
    paire = await _paire(hub, principal, a, b)
    context = {
        "paire": paire,
        "options": [Option(beneficiaire.id, nom_complet(beneficiaire)) for beneficiaire in paire],
        "formulaire": formulaire,
        "action": f"{ADRESSE}/fusion/{a}/{b}/confirmer",
        "libelles": LIBELLES_BENEFICIAIRE,
    }
    return Template("beneficiaires/fusion.html", context=context, status_code=status)


HANDLERS = [doublons, choix_fusion, page_confirmation, fusionner]
