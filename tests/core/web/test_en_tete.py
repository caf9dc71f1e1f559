"""The header: who is signed in, with their roles, the logout button, and « Mes invitations »
while invitations wait for their answer."""

from __future__ import annotations

from organisation_helpers import Site

from hub.core.teams.models import InvitationEquipe
from tests.core.organisation.support import coordinateur_id, utilisateur


def header(page) -> str:
    return page.text.split("</header>", 1)[0]


async def invite(site: Site, email: str, count: int) -> None:
    async with site.hub.session() as db, db.begin():
        for index in range(count):
            coordinateur = await utilisateur(site.hub, f"coordination{index}.{email}", "coordinateur")
            db.add(InvitationEquipe(email=email, coordinateur_id=await coordinateur_id(site.hub, coordinateur)))


async def test_the_header_names_the_person_and_their_roles(site: Site) -> None:
    await site.sign_in_as("mediateur", "coordinateur", prenom="Camille", nom="Durand")

    top = header(await site.get("/"))

    assert "Connecté·e : Camille Durand <span" in top and "(Médiateur·rice, Coordinateur·rice)" in top
    assert '<form method="post" action="/deconnexion">' in top and "Mes invitations" not in top


async def test_the_header_links_to_the_pending_invitations(site: Site) -> None:
    await invite(site, "camille@exemple.fr", 2)
    await site.sign_in(await utilisateur(site.hub, "camille@exemple.fr", "mediateur"))

    top = header(await site.get("/mes-lieux"))

    assert '<a class="fr-btn fr-icon-mail-line" href="/invitations">Mes invitations (2)</a>' in top


async def test_administrators_get_no_invitation_link(site: Site) -> None:
    await invite(site, "ada@exemple.fr", 1)
    await site.sign_in_as("admin", email="ada@exemple.fr", prenom="Ada", nom="Admin")

    top = header(await site.get("/administration/journal"))

    assert "(Administrateur·rice)" in top and "Mes invitations" not in top
