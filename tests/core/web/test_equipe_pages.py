"""Teams: « Mon équipe » for coordinators (invite, resend, cancel, remove), « Mes équipes » and the
invitations for mediators, each owner-scoped."""

from __future__ import annotations

import html
import re
from pathlib import Path
from uuid import uuid4

import pytest
import sqlalchemy as sa
from organisation_helpers import Site, errors, menu_links, success, table_rows

from hub.core.db.base import utcnow
from hub.core.identity.models import User
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne
from hub.core.web.dates import date_fr
from tests.core.organisation.support import coordinateur_id, count, mediateur_id, utilisateur


def statuses(page) -> list[str]:
    return [html.unescape(s) for s in re.findall(r'<p class="fr-badge[^"]*">([^<]*)</p>', page.text)]


def mails(site: Site) -> list[Path]:
    return sorted((Path(site.hub.settings.data_dir) / "mails").glob("*.eml"))


async def team(site: Site) -> tuple[User, User]:
    """Claude, coordinatrice, and Camille, a signed-up mediator (not yet in the team)."""
    claude = await utilisateur(site.hub, "claude@exemple.fr", "coordinateur", prenom="Claude", nom="Martin")
    camille = await utilisateur(site.hub, "camille@exemple.fr", "mediateur", prenom="Camille", nom="Durand")
    return claude, camille


async def invitation_ids(site: Site) -> dict[str, str]:
    async with site.hub.session() as db:
        return {i.email: i.id for i in await db.scalars(sa.select(InvitationEquipe))}


async def test_a_coordinator_invites_several_addresses_at_once(site: Site) -> None:
    await site.sign_in((await team(site))[0])

    sent = await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr,\nNouveau@Exemple.fr"})

    assert sent.url.path == "/mon-equipe" and success(sent) == "Les invitations ont été envoyées."
    assert statuses(sent) == ["Invitation envoyée", "Invitation envoyée"]
    assert table_rows(sent) == ["—", "—"]  # not members yet: an address each
    assert "<td>camille@exemple.fr</td>" in sent.text and "<td>nouveau@exemple.fr</td>" in sent.text
    assert "<caption>Membres de l'équipe et invitations (2)</caption>" in sent.text
    assert len(mails(site)) == 2


async def test_refused_addresses_are_shown_under_the_field_and_nothing_is_sent(site: Site) -> None:
    await site.sign_in((await team(site))[0])

    bad = await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr pas-une-adresse"})
    self_invite = await site.post("/mon-equipe/inviter", {"emails": "claude@exemple.fr, nouveau@exemple.fr"})
    empty = await site.post("/mon-equipe/inviter", {"emails": " "})

    assert bad.status_code == 400
    assert errors(bad) == {"emails": "Adresse e-mail invalide : « pas-une-adresse » (exemple : prenom.nom@exemple.fr)."}
    assert "camille@exemple.fr pas-une-adresse</textarea>" in bad.text
    assert self_invite.status_code == 400 and errors(self_invite) == {
        "emails": "Vous ne pouvez pas vous inviter vous-même."
    }
    assert empty.status_code == 400 and errors(empty) == {"emails": "Indiquez de 1 à 50 adresses e-mail."}
    assert await count(site.hub, InvitationEquipe) == 0 and mails(site) == []


async def test_a_pending_invitation_is_resent_or_cancelled(site: Site) -> None:
    await site.sign_in((await team(site))[0])
    await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr\nnouveau@exemple.fr"})
    ids = await invitation_ids(site)

    resent = await site.post(f"/mon-equipe/invitations/{ids['camille@exemple.fr']}/renvoyer")
    cancelled = await site.post(f"/mon-equipe/invitations/{ids['nouveau@exemple.fr']}/annuler")

    assert success(resent) == "L'invitation a été renvoyée." and len(mails(site)) == 3
    assert success(cancelled) == "L'invitation a été annulée." and "nouveau@exemple.fr" not in cancelled.text


async def test_a_member_is_removed_after_confirming_and_shows_as_former_member_with_the_date(site: Site) -> None:
    claude, camille = await team(site)
    coordinateur, mediateur = await coordinateur_id(site.hub, claude), await mediateur_id(site.hub, camille)
    async with site.hub.session() as db, db.begin():
        db.add(MediateurCoordonne(mediateur_id=mediateur, coordinateur_id=coordinateur))
    await site.sign_in(claude)

    page = await site.get("/mon-equipe")
    confirmation = await site.get(f"/mon-equipe/membres/{mediateur}/retirer")
    removed = await site.post(f"/mon-equipe/membres/{mediateur}/retirer")

    assert statuses(page) == ["Actif"]
    assert f'href="/mon-equipe/membres/{mediateur}/retirer">Retirer' in page.text
    assert "<h1>Retirer Camille Durand de l&#39;équipe</h1>" in confirmation.text
    assert success(removed) == "Le membre a été retiré de l'équipe."
    assert statuses(removed) == ["Ancien membre"]
    assert f"depuis le {date_fr(utcnow())}" in removed.text
    assert (await site.get(f"/mon-equipe/membres/{mediateur}/retirer")).status_code == 404  # not a member now


async def test_a_member_who_left_shows_as_former_member_since_their_leaving_date(site: Site) -> None:
    claude, camille = await team(site)
    async with site.hub.session() as db, db.begin():
        db.add(
            MediateurCoordonne(
                mediateur_id=await mediateur_id(site.hub, camille),
                coordinateur_id=await coordinateur_id(site.hub, claude),
                creation=utcnow().replace(year=2024, month=1, day=10),
                suppression=utcnow().replace(year=2025, month=3, day=12, hour=12),
            )
        )
    await site.sign_in(claude)

    page = await site.get("/mon-equipe")

    assert statuses(page) == ["Ancien membre"] and "depuis le 12/03/2025" in page.text
    assert "/retirer" not in page.text


@pytest.mark.parametrize(
    "path", ["/invitations/{invitation}/renvoyer", "/invitations/{invitation}/annuler", "/membres/{mediateur}/retirer"]
)
async def test_another_coordinators_invitations_and_members_are_not_found(site: Site, path: str) -> None:
    claude, camille = await team(site)
    other = await utilisateur(site.hub, "other@exemple.fr", "coordinateur")
    async with site.hub.session() as db, db.begin():
        invitation = InvitationEquipe(
            email="nouveau@exemple.fr", coordinateur_id=await coordinateur_id(site.hub, claude)
        )
        db.add(invitation)
        db.add(
            MediateurCoordonne(
                mediateur_id=await mediateur_id(site.hub, camille),
                coordinateur_id=await coordinateur_id(site.hub, claude),
            )
        )
    await site.sign_in(other)

    url = "/mon-equipe" + path.format(invitation=invitation.id, mediateur=await mediateur_id(site.hub, camille))
    refused = await site.post(url)

    assert refused.status_code == 404
    if url.endswith("retirer"):
        assert (await site.get(url)).status_code == 404
    assert await count(site.hub, InvitationEquipe) == 1 and mails(site) == []
    async with site.hub.session() as db:
        assert await db.scalar(sa.select(MediateurCoordonne.suppression)) is None


async def test_the_invited_mediator_accepts_from_the_link_and_the_coordinator_sees_them_active(site: Site) -> None:
    claude, camille = await team(site)
    await site.sign_in(claude)
    await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr"})
    invitation = (await invitation_ids(site))["camille@exemple.fr"]

    await site.sign_in(camille)
    header = (await site.get("/mes-equipes")).text.split("</header>", 1)[0]
    pending = await site.get("/invitations")
    page = await site.get(f"/invitations/{invitation}")
    accepted = await site.post(f"/invitations/{invitation}/accepter")

    assert '<a class="fr-btn fr-icon-mail-line" href="/invitations">Mes invitations (1)</a>' in header
    assert f'href="/invitations/{invitation}">Répondre' in pending.text
    assert "<h1>Invitation à rejoindre l'équipe de Claude Martin</h1>" in page.text
    assert accepted.url.path == "/mes-equipes" and success(accepted) == "Vous avez rejoint l'équipe."
    assert table_rows(accepted) == ["Claude Martin"]
    assert "Mes invitations" not in accepted.text.split("</header>", 1)[0]
    assert "Vous avez déjà répondu à cette invitation." in (await site.get(f"/invitations/{invitation}")).text
    assert (await site.post(f"/invitations/{invitation}/accepter")).status_code == 409

    await site.sign_in(claude)
    assert statuses(await site.get("/mon-equipe")) == ["Actif"]


async def test_declining_an_invitation(site: Site) -> None:
    claude, camille = await team(site)
    await site.sign_in(claude)
    await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr"})
    invitation = (await invitation_ids(site))["camille@exemple.fr"]
    await site.sign_in(camille)

    declined = await site.post(f"/invitations/{invitation}/refuser")

    assert success(declined) == "Vous avez refusé l'invitation."
    assert "Aucune invitation n'attend votre réponse." in declined.text


@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("POST", "/accepter"), ("POST", "/refuser")])
async def test_someone_elses_invitation_is_not_found(site: Site, method: str, suffix: str) -> None:
    claude, _camille = await team(site)
    await site.sign_in(claude)
    await site.post("/mon-equipe/inviter", {"emails": "camille@exemple.fr"})
    invitation = (await invitation_ids(site))["camille@exemple.fr"]
    await site.sign_in(await utilisateur(site.hub, "dominique@exemple.fr", "mediateur"))

    for target in (invitation, str(uuid4())):
        url = f"/invitations/{target}{suffix}"
        response = await (site.get(url) if method == "GET" else site.post(url))
        assert response.status_code == 404 and "Invitation introuvable." in response.text, url
    malformed = f"/invitations/pas-un-identifiant{suffix}"
    assert (await (site.get(malformed) if method == "GET" else site.post(malformed))).status_code == 404
    async with site.hub.session() as db:
        answered = await db.scalar(sa.select(InvitationEquipe).where(InvitationEquipe.id == invitation))
    assert answered.acceptee is None and answered.refusee is None


async def test_accepting_needs_a_finished_sign_up(site: Site) -> None:
    claude = (await team(site))[0]
    newcomer = await utilisateur(site.hub, "nouveau@exemple.fr", "mediateur", valide=False)
    await site.sign_in(claude)
    await site.post("/mon-equipe/inviter", {"emails": "nouveau@exemple.fr"})
    invitation = (await invitation_ids(site))["nouveau@exemple.fr"]
    await site.sign_in(newcomer)

    page = await site.get(f"/invitations/{invitation}")
    refused = await site.post(f"/invitations/{invitation}/accepter")

    assert 'href="/inscription">Terminer mon inscription' in page.text and "/accepter" not in page.text
    assert refused.status_code == 409
    assert "Terminez votre inscription comme médiateur pour rejoindre une équipe." in refused.text
    assert await count(site.hub, MediateurCoordonne) == 0


async def test_a_mediator_leaves_a_team_after_confirming(site: Site) -> None:
    claude, camille = await team(site)
    coordinateur = await coordinateur_id(site.hub, claude)
    async with site.hub.session() as db, db.begin():
        db.add(MediateurCoordonne(mediateur_id=await mediateur_id(site.hub, camille), coordinateur_id=coordinateur))
    await site.sign_in(camille)

    page = await site.get("/mes-equipes")
    confirmation = await site.get(f"/mes-equipes/{coordinateur}/quitter")
    left = await site.post(f"/mes-equipes/{coordinateur}/quitter")

    assert table_rows(page) == ["Claude Martin"]
    assert "<caption>Les équipes dont vous faites partie (1)</caption>" in page.text
    assert "<h1>Quitter l&#39;équipe de Claude Martin</h1>" in confirmation.text
    assert success(left) == "Vous avez quitté l'équipe." and table_rows(left) == []
    assert (await site.post(f"/mes-equipes/{coordinateur}/quitter")).status_code == 404


async def test_a_team_the_mediator_is_not_in_is_not_found(site: Site) -> None:
    claude, camille = await team(site)
    coordinateur = await coordinateur_id(site.hub, claude)
    async with site.hub.session() as db, db.begin():
        db.add(MediateurCoordonne(mediateur_id=await mediateur_id(site.hub, camille), coordinateur_id=coordinateur))
    await site.sign_in(await utilisateur(site.hub, "dominique@exemple.fr", "mediateur"))

    assert (await site.get(f"/mes-equipes/{coordinateur}/quitter")).status_code == 404
    assert (await site.post(f"/mes-equipes/{coordinateur}/quitter")).status_code == 404
    async with site.hub.session() as db:
        assert await db.scalar(sa.select(MediateurCoordonne.suppression)) is None


async def test_each_role_reaches_its_own_team_pages(site: Site) -> None:
    await site.sign_in_as("mediateur")
    assert (await site.get("/mon-equipe")).status_code == 403
    assert menu_links(await site.get("/mes-equipes")) == [
        "/",
        "/mes-activites",
        "/mes-beneficiaires",
        "/mes-lieux",
        "/mes-equipes",
        "/imports",
        "/exports",
    ]

    await site.sign_in_as("coordinateur")
    assert (await site.get("/mes-equipes")).status_code == 403
    assert menu_links(await site.get("/mon-equipe")) == ["/", "/mes-activites", "/mon-equipe", "/exports"]

    await site.sign_in_as("admin")
    for path in ("/mon-equipe", "/mes-equipes", "/invitations"):
        assert (await site.get(path)).status_code == 403, path
