"""The team invitations a person received (any signed-in person but administrators):

- ``GET /invitations``: those awaiting an answer (the header links here when there are some);
- ``GET /invitations/{invitation_id}``: one invitation, the link of the invitation e-mail;
- ``POST /invitations/{invitation_id}/accepter`` and ``…/refuser``.

Only the person signed in with the invited address sees an invitation: for anyone else it is a
404 (:mod:`hub.core.teams.invitations`). Accepting needs a finished sign-up as a mediator: the
page then says so (409) and leads to the sign-up.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Response, Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from hub.core.errors import Conflict
from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.teams.invitations import accepter_invitation, invitation_pour, invitations_recues, refuser_invitation
from hub.core.web.organisation.acces import hors_administration
from hub.core.web.organisation.formulaires import apres
from hub.core.web.organisation.inscription import inscription_a_terminer

ADRESSE = "/invitations"
FAITS = {"refusee": "Vous avez refusé l'invitation."}


@get("/")
async def liste(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], fait: FromQuery[str | None] = None
) -> Template:
    async with hub.session() as db:
        invitations = await invitations_recues(db, user_id=principal.id)
    return Template("equipes/invitations.html", context={"invitations": invitations, "succes": FAITS.get(fait or "")})


@get("/{invitation_id:uuid}")
async def page(
    invitation_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Template:
    return await _page(hub, principal, invitation_id)


@post("/{invitation_id:uuid}/accepter")
async def accepter(
    invitation_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    try:
        async with hub.session() as db, db.begin():
            await accepter_invitation(db, str(invitation_id), user_id=principal.id)
    except Conflict as exc:
        return await _page(hub, principal, invitation_id, refus=str(exc), status=409)
    return apres("/mes-equipes", "rejointe")


@post("/{invitation_id:uuid}/refuser")
async def refuser(
    invitation_id: FromPath[UUID], hub: NamedDependency[Hub], principal: NamedDependency[Principal]
) -> Response[Any]:
    async with hub.session() as db, db.begin():
        await refuser_invitation(db, str(invitation_id), user_id=principal.id)
    return apres(ADRESSE, "refusee")


async def _page(
    hub: Hub, principal: Principal, invitation_id: UUID, *, refus: str | None = None, status: int = 200
) -> Template:
    async with hub.session() as db:
        invitation = await invitation_pour(db, str(invitation_id), user_id=principal.id)
        en_attente = any(recue.id == invitation.id for recue in await invitations_recues(db, user_id=principal.id))
    context = {
        "invitation": invitation,
        "en_attente": en_attente,
        "inscription_a_terminer": await inscription_a_terminer(hub, principal),
        "refus": refus,
    }
    return Template("equipes/invitation.html", context=context, status_code=status)


routeur = Router(
    path=ADRESSE,
    opt={"authenticated": True},
    guards=[hors_administration],
    route_handlers=[liste, page, accepter, refuser],
)
