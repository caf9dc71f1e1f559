"""« Mon équipe » (``/mon-equipe``, permission ``hub.equipe``: coordinators).

- ``GET /mon-equipe``: the members and their status, pending invitations included, and the
  form to invite by e-mail (several addresses at once);
- ``POST /mon-equipe/inviter``;
- ``POST /mon-equipe/invitations/{invitation_id}/renvoyer`` and ``…/annuler``;
- ``/mon-equipe/membres/{mediateur_id}/retirer``: remove a member, after confirming.

The team is the principal's; another coordinator's invitation or a mediator who is not a current
member is a 404 (:mod:`hub.core.teams`).
"""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from litestar import Request, Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.teams.invitations import (
    InvitationsInput,
    annuler_invitation,
    inviter_mediateurs_coordonnes,
    renvoyer_invitation,
)
from hub.core.teams.membres import MEMBRE_INTROUVABLE, retirer_mediateur_coordonne
from hub.core.teams.statuts import MembreEquipe, membres_equipe
from hub.core.validation import parse
from hub.core.validation.champs import EMAIL
from hub.core.web.organisation.formulaires import Formulaire, apres

ADRESSE = "/mon-equipe"
FAITS = {
    "invitations": "Les invitations ont été envoyées.",
    "renvoyee": "L'invitation a été renvoyée.",
    "annulee": "L'invitation a été annulée.",
    "retire": "Le membre a été retiré de l'équipe.",
}
ACTUELS = ("actif", "inactif")  # the statuses of current members


def adresses(texte: str) -> list[str]:
    """The addresses typed in the invitation field, one per line or separated by commas;
    :class:`ValidationError` naming those that are not e-mail addresses."""
    liste = [adresse for adresse in re.split(r"[\s,;]+", texte) if adresse]
    refusees = [adresse for adresse in liste if not re.fullmatch(EMAIL, adresse)]
    if refusees:
        citees = ", ".join(f"« {adresse} »" for adresse in refusees)
        debut = "Adresses e-mail invalides" if len(refusees) > 1 else "Adresse e-mail invalide"
        raise ValidationError({"emails": f"{debut} : {citees} (exemple : prenom.nom@exemple.fr)."})
    return liste


@get("/")
async def page(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], fait: FromQuery[str | None] = None
) -> Template:
    return await _page(hub, principal, Formulaire(), succes=FAITS.get(fait or ""))


@post("/inviter")
async def inviter(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    texte = (await request.form()).get("emails", "")
    try:
        data = parse(InvitationsInput, {"emails": adresses(texte)})
        async with hub.session() as db, db.begin():
            await inviter_mediateurs_coordonnes(db, hub, _coordinateur(principal), data, par=principal.id)
    except ValidationError as exc:
        return await _page(hub, principal, Formulaire.saisi({"emails": texte}, exc.errors), status=400)
    return apres(ADRESSE, "invitations")


@post("/invitations/{invitation_id:uuid}/renvoyer")
async def renvoyer(
    invitation_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await renvoyer_invitation(
            db, hub, str(invitation_id), coordinateur_id=_coordinateur(principal), par=principal.id
        )
    return apres(ADRESSE, "renvoyee")


@post("/invitations/{invitation_id:uuid}/annuler")
async def annuler(
    invitation_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await annuler_invitation(db, str(invitation_id), coordinateur_id=_coordinateur(principal), par=principal.id)
    return apres(ADRESSE, "annulee")


@get("/membres/{mediateur_id:uuid}/retirer")
async def page_retrait(
    mediateur_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    membre = await _membre_actuel(hub, principal, mediateur_id)
    nom = " ".join(part for part in (membre.prenom, membre.nom) if part) or membre.email
    context = {
        "titre": f"Retirer {nom} de l'équipe",
        "question": (
            f"{nom} ne fera plus partie de votre équipe et deviendra « ancien membre » : ses activités "
            "jusqu'à aujourd'hui restent comptées dans les statistiques de l'équipe."
        ),
        "action": f"{ADRESSE}/membres/{mediateur_id}/retirer",
        "bouton": "Retirer de l'équipe",
        "retour": ADRESSE,
    }
    return Template("organisation/confirmation.html", context=context)


@post("/membres/{mediateur_id:uuid}/retirer")
async def retirer(
    mediateur_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await retirer_mediateur_coordonne(db, _coordinateur(principal), str(mediateur_id), par=principal.id)
    return apres(ADRESSE, "retire")


def _coordinateur(principal: Principal) -> str:
    return principal.coordinateur_id or ""  # set for whoever holds hub.equipe


async def _membres(hub: Hub, principal: Principal) -> list[MembreEquipe]:
    async with hub.session() as db:
        return await membres_equipe(db, _coordinateur(principal))


async def _membre_actuel(hub: Hub, principal: Principal, mediateur_id: UUID) -> MembreEquipe:
    for membre in await _membres(hub, principal):
        if membre.mediateur_id == str(mediateur_id) and membre.statut in ACTUELS:
            return membre
    raise NotFound(MEMBRE_INTROUVABLE)


async def _page(
    hub: Hub, principal: Principal, formulaire: Formulaire, *, succes: str | None = None, status: int = 200
) -> Template:
    membres = await _membres(hub, principal)
    context = {"membres": membres, "actuels": ACTUELS, "formulaire": formulaire, "succes": succes}
    return Template("equipes/mon_equipe.html", context=context, status_code=status)


routeur = Router(
    path=ADRESSE,
    opt={"permission": "hub.equipe"},
    route_handlers=[page, inviter, renvoyer, annuler, page_retrait, retirer],
)
