"""Teams: invitations by e-mail and their answers, members' statuses, former members' intervals."""

from __future__ import annotations

from datetime import datetime, timedelta
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hub.core.db.base import utcnow
from hub.core.errors import Conflict, Forbidden, NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur, User
from hub.core.identity.principal import Principal
from hub.core.teams.invitations import (
    InvitationsInput,
    accepter_invitation,
    annuler_invitation,
    invitation_pour,
    invitations_recues,
    inviter_mediateurs_coordonnes,
    refuser_invitation,
    renvoyer_invitation,
)
from hub.core.teams.membres import equipes_du_mediateur, quitter_equipe, retirer_mediateur_coordonne
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne
from hub.core.teams.perimetre import mediateurs_visible_to, team_membership
from hub.core.teams.statuts import membres_equipe, statut_membre
from tests.core.organisation.support import coordinateur_id, count, mediateur_id, mutations, utilisateur


def mails(hub: Hub) -> list:
    folder = Path(hub.settings.data_dir) / "mails"
    return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(folder.glob("*.eml"))]


async def equipe(hub: Hub) -> tuple[User, str, User]:
    """Claude, coordinatrice (her coordinateur id), and Camille, a signed-up mediator."""
    claude = await utilisateur(hub, "claude@exemple.fr", "coordinateur", prenom="Claude", nom="Martin")
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur", prenom="Camille", nom="Durand")
    return claude, await coordinateur_id(hub, claude), camille


async def inviter(hub: Hub, coordinateur: str, *emails: str, par: str | None = None) -> list[InvitationEquipe]:
    async with hub.session() as session, session.begin():
        return await inviter_mediateurs_coordonnes(
            session, hub, coordinateur, InvitationsInput(emails=list(emails)), par=par
        )


async def test_invitations_are_mailed_with_their_link_and_audited(hub: Hub) -> None:
    claude, coordinateur, camille = await equipe(hub)
    invitations = await inviter(
        hub, coordinateur, "camille@exemple.fr", "nouveau@exemple.fr", "CAMILLE@exemple.fr", par=claude.id
    )

    assert [(i.email, i.mediateur_id) for i in invitations] == [
        ("camille@exemple.fr", await mediateur_id(hub, camille)),
        ("nouveau@exemple.fr", None),
    ]
    first, second = mails(hub)
    assert first["To"] == "camille@exemple.fr" and second["To"] == "nouveau@exemple.fr"
    assert first["Subject"] == "Claude Martin vous invite à rejoindre son équipe sur Hub de la médiation numérique"
    text = first.get_body(("plain",)).get_content()
    assert f"http://127.0.0.1:8000/invitations/{invitations[0].id}" in text and "restent anonymes" in text
    assert f'href="http://127.0.0.1:8000/invitations/{invitations[0].id}"' in first.get_body(("html",)).get_content()
    nom, donnees = (await mutations(hub))[-1]
    assert nom == "inviter_mediateurs_coordonnes" and donnees["emails"] == ["camille@exemple.fr", "nouveau@exemple.fr"]


async def test_the_invited_person_accepts_and_becomes_an_active_member(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    [invitation] = await inviter(hub, coordinateur, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        [recue] = await invitations_recues(session, user_id=camille.id)
        assert (recue.id, recue.coordinateur) == (invitation.id, "Claude Martin")
        lien = await accepter_invitation(session, invitation.id, user_id=camille.id)
        with pytest.raises(Conflict, match="déjà reçu une réponse"):
            await refuser_invitation(session, invitation.id, user_id=camille.id)
        membres = await membres_equipe(session, coordinateur)
        equipes = await equipes_du_mediateur(session, lien.mediateur_id)

    assert [(m.email, m.statut, m.libelle) for m in membres] == [("camille@exemple.fr", "actif", "Actif")]
    assert [(e.coordinateur_id, e.coordinateur) for e in equipes] == [(coordinateur, "Claude Martin")]
    assert (await mutations(hub))[-1][0] == "accepter_invitation_mediateur_coordonne"


async def test_only_the_invited_person_sees_or_answers_an_invitation(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    autre = await utilisateur(hub, "autre@exemple.fr", "mediateur")
    [invitation] = await inviter(hub, coordinateur, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        for attempt in (
            invitation_pour(session, invitation.id, user_id=autre.id),
            accepter_invitation(session, invitation.id, user_id=autre.id),
            refuser_invitation(session, invitation.id, user_id=autre.id),
            accepter_invitation(session, "id-devine", user_id=camille.id),
        ):
            with pytest.raises(NotFound, match="Invitation introuvable"):
                await attempt
    assert await count(hub, MediateurCoordonne) == 0


async def test_a_person_still_signing_up_cannot_join_yet(hub: Hub) -> None:
    _claude, coordinateur, _camille = await equipe(hub)
    nouveau = await utilisateur(hub, "nouveau@exemple.fr", "mediateur", valide=False)
    [invitation] = await inviter(hub, coordinateur, "nouveau@exemple.fr")
    async with hub.session() as session, session.begin():
        with pytest.raises(Conflict, match="Terminez votre inscription"):
            await accepter_invitation(session, invitation.id, user_id=nouveau.id)


async def test_declined_invitations_can_be_sent_again_pending_ones_cannot(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    [invitation] = await inviter(hub, coordinateur, "camille@exemple.fr")
    with pytest.raises(ValidationError) as refused:
        await inviter(hub, coordinateur, "camille@exemple.fr")
    assert refused.value.errors == {
        "emails": "Une invitation attend déjà la réponse de camille@exemple.fr : renvoyez-la plutôt."
    }

    async with hub.session() as session, session.begin():
        await refuser_invitation(session, invitation.id, user_id=camille.id)
    [again] = await inviter(hub, coordinateur, "camille@exemple.fr")
    assert again.id == invitation.id and again.refusee is None
    assert await count(hub, InvitationEquipe) == 1 and len(mails(hub)) == 2


async def test_resend_and_cancel_belong_to_the_inviting_coordinator(hub: Hub) -> None:
    claude, coordinateur, _camille = await equipe(hub)
    other = await coordinateur_id(hub, await utilisateur(hub, "autre.coordo@exemple.fr", "coordinateur"))
    [invitation] = await inviter(hub, coordinateur, "nouveau@exemple.fr")
    async with hub.session() as session, session.begin():
        with pytest.raises(NotFound):
            await renvoyer_invitation(session, hub, invitation.id, coordinateur_id=other, par=None)
        with pytest.raises(NotFound):
            await annuler_invitation(session, invitation.id, coordinateur_id=other, par=None)
        resent = await renvoyer_invitation(session, hub, invitation.id, coordinateur_id=coordinateur, par=claude.id)
    assert resent.renvoyee is not None
    assert mails(hub)[-1]["Subject"].startswith("Rappel : Claude Martin vous invite")

    async with hub.session() as session, session.begin():
        await annuler_invitation(session, invitation.id, coordinateur_id=coordinateur, par=claude.id)
    assert await count(hub, InvitationEquipe) == 0
    assert [nom for nom, _ in await mutations(hub)][-2:] == [
        "renvoyer_invitation_mediateur_coordonne",
        "annuler_invitation_mediateur_coordonne",
    ]


async def test_inviting_needs_a_coordinator_and_refuses_members_and_oneself(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    [invitation] = await inviter(hub, coordinateur, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        await accepter_invitation(session, invitation.id, user_id=camille.id)
    with pytest.raises(ValidationError) as refused:
        await inviter(hub, coordinateur, "camille@exemple.fr", "claude@exemple.fr")
    assert refused.value.errors == {
        "emails": "camille@exemple.fr fait déjà partie de votre équipe. Vous ne pouvez pas vous inviter vous-même."
    }
    with pytest.raises(Forbidden):
        await inviter(hub, await mediateur_id(hub, camille), "x@exemple.fr")
    assert len(mails(hub)) == 1


async def membre(
    hub: Hub, coordinateur: str, mediateur: User, *, depuis: timedelta, parti: timedelta | None = None
) -> str:
    """``mediateur`` in the team since ``depuis`` ago (until ``parti`` ago)."""
    identifiant = await mediateur_id(hub, mediateur)
    now = utcnow()
    async with hub.session() as session, session.begin():
        session.add(
            MediateurCoordonne(
                mediateur_id=identifiant,
                coordinateur_id=coordinateur,
                creation=now - depuis,
                suppression=now - parti if parti else None,
            )
        )
    return identifiant


async def test_removed_or_leaving_members_become_former_members(hub: Hub) -> None:
    claude, coordinateur, camille = await equipe(hub)
    dominique = await utilisateur(hub, "dominique@exemple.fr", "mediateur", prenom="Dominique", nom="Petit")
    camille_id = await membre(hub, coordinateur, camille, depuis=timedelta(days=10))
    dominique_id = await membre(hub, coordinateur, dominique, depuis=timedelta(days=10))
    async with hub.session() as session, session.begin():
        await retirer_mediateur_coordonne(session, coordinateur, camille_id, par=claude.id)
        await quitter_equipe(session, dominique_id, coordinateur, par=dominique.id)
        with pytest.raises(NotFound):
            await quitter_equipe(session, dominique_id, coordinateur, par=dominique.id)
        membres = await membres_equipe(session, coordinateur)
    assert [(m.nom, m.libelle) for m in membres] == [("Durand", "Ancien membre"), ("Petit", "Ancien membre")]
    assert [nom for nom, _ in await mutations(hub)][-2:] == ["retirer_mediateur_coordonne", "quitter_equipe"]


async def test_member_statuses_follow_la_coop(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    dominique = await utilisateur(hub, "dominique@exemple.fr", "mediateur", nom="Petit")
    ancien = await utilisateur(hub, "ancien@exemple.fr", "mediateur", nom="Ancien")
    supprime = await utilisateur(hub, "parti@exemple.fr", "mediateur", nom="Supprimé")
    await membre(hub, coordinateur, camille, depuis=timedelta(days=100))
    dominique_id = await membre(hub, coordinateur, dominique, depuis=timedelta(days=100))
    await membre(hub, coordinateur, ancien, depuis=timedelta(days=100), parti=timedelta(days=20))
    await membre(hub, coordinateur, supprime, depuis=timedelta(days=5))
    await inviter(hub, coordinateur, "ancien@exemple.fr", "nouveau@exemple.fr")
    now = utcnow()
    async with hub.session() as session, session.begin():
        (await session.get(Mediateur, dominique_id)).derniere_creation_activite = now - timedelta(days=3)  # type: ignore[union-attr]
        (await session.get(User, supprime.id)).suppression = now  # type: ignore[union-attr]

    async with hub.session() as session:
        membres = {m.email: m for m in await membres_equipe(session, coordinateur, maintenant=now)}
    depuis = (now - timedelta(days=100)).astimezone(ZoneInfo("Europe/Paris")).strftime("%d/%m/%Y")
    assert {email: m.libelle for email, m in membres.items()} == {
        "camille@exemple.fr": f"Inactif depuis le {depuis}",
        "dominique@exemple.fr": "Actif",
        "ancien@exemple.fr": "Invitation envoyée",
        "parti@exemple.fr": "Profil supprimé",
        "nouveau@exemple.fr": "Invitation envoyée",
    }
    assert membres["ancien@exemple.fr"].fin is not None and membres["nouveau@exemple.fr"].mediateur_id is None


@pytest.mark.parametrize(
    ("debut", "fin", "derniere_activite", "attendu"),
    [
        (10, None, None, ("actif", None)),
        (90, None, None, ("inactif", 90)),
        (90, None, 30, ("actif", None)),
        (200, None, 61, ("inactif", 61)),
        (200, 7, 1, ("ancien_membre", 7)),
    ],
)
def test_inactivity_counts_from_the_last_activity_else_the_membership_start(
    debut: int, fin: int | None, derniere_activite: int | None, attendu: tuple[str, int | None]
) -> None:
    now = utcnow()

    def ago(days: int | None) -> datetime | None:
        return None if days is None else now - timedelta(days=days)

    statut, depuis = statut_membre(
        debut=now - timedelta(days=debut),
        fin=ago(fin),
        derniere_activite=ago(derniere_activite),
        supprime=False,
        maintenant=now,
    )
    assert (statut, depuis) == (attendu[0], ago(attendu[1]))


async def test_a_former_members_interval_bounds_what_the_coordinator_sees(hub: Hub) -> None:
    claude, coordinateur, camille = await equipe(hub)
    dominique = await utilisateur(hub, "dominique@exemple.fr", "mediateur")
    camille_id = await membre(hub, coordinateur, camille, depuis=timedelta(days=60))
    dominique_id = await membre(hub, coordinateur, dominique, depuis=timedelta(days=90), parti=timedelta(days=21))
    now = utcnow()

    async with hub.session() as session:
        memberships = await team_membership(session, coordinateur)
        principal = Principal(
            id=claude.id, display_name="Claude", roles=frozenset({"coordinateur"}), coordinateur_id=coordinateur
        )
        before_leaving = await mediateurs_visible_to(session, principal, now - timedelta(days=30))
        after_leaving = await mediateurs_visible_to(session, principal, now - timedelta(days=7))
        long_before = await mediateurs_visible_to(session, principal, now - timedelta(days=365))
        camille_sees = await mediateurs_visible_to(
            session, Principal(id=camille.id, display_name="Camille", mediateur_id=camille_id), now
        )

    by_mediateur = {membership.mediateur_id: membership for membership in memberships}
    assert set(by_mediateur) == {camille_id, dominique_id} and by_mediateur[camille_id].fin is None
    leaving = by_mediateur[dominique_id].fin
    assert leaving is not None and abs(leaving - (now - timedelta(days=21))) < timedelta(seconds=5)
    assert before_leaving == long_before == {camille_id, dominique_id}
    assert after_leaving == {camille_id}
    assert camille_sees == {camille_id}


async def test_a_member_who_comes_back_has_two_intervals(hub: Hub) -> None:
    _claude, coordinateur, camille = await equipe(hub)
    await membre(hub, coordinateur, camille, depuis=timedelta(days=90), parti=timedelta(days=60))
    await membre(hub, coordinateur, camille, depuis=timedelta(days=10))
    async with hub.session() as session:
        intervals = await team_membership(session, coordinateur)
        [statut] = await membres_equipe(session, coordinateur)
    assert [m.fin is None for m in intervals] == [False, True]
    assert statut.libelle == "Actif"
