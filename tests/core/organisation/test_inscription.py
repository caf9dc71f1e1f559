"""The sign-up funnel: role, employer, lieux (mediators only), then the recap with the CGU."""

from __future__ import annotations

import pytest

from hub.core.errors import Conflict, Forbidden, ValidationError
from hub.core.hub import Hub
from hub.core.identity.inscription import (
    AcceptationCgu,
    ChoixLieux,
    ChoixProfil,
    choisir_profil,
    etat_inscription,
    renseigner_lieux_activite,
    renseigner_structure_employeuse,
    valider_inscription,
)
from hub.core.identity.models import Mediateur, User
from hub.core.identity.users import utilisateur_actif
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.inputs import StructureInput
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.validation import parse
from tests.core.organisation.support import REIMS, count, mutations, structure

NOUVELLE = {
    "nom": "Espace numérique Croix-Rouge",
    "adresse": "5 avenue Bonaparte",
    "commune": "Reims",
    "code_postal": "51100",
}


async def nouvel_arrivant(hub: Hub) -> str:
    """Someone who just signed in for the first time: a user without any role."""
    async with hub.session() as session, session.begin():
        user = User(email="nouveau@exemple.fr")
        session.add(user)
    return user.id


async def test_a_mediator_walks_through_every_step(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    employeur = await structure(hub, nom="Association Reims Numérique")
    async with hub.session() as session, session.begin():
        assert (await etat_inscription(session, user_id)).prochaine == "choisir-role"
        await choisir_profil(session, user_id, ChoixProfil(profil="conseiller-numerique"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=employeur))
        lieux = await renseigner_lieux_activite(
            session, user_id, parse(ChoixLieux, {"lieux": [{"structure_id": employeur}, {"structure": NOUVELLE}]})
        )
        recap = await etat_inscription(session, user_id)
        user = await valider_inscription(session, user_id, AcceptationCgu(cgu_acceptees=True))

    assert sorted(lieu.structure.nom for lieu in lieux) == [
        "Association Reims Numérique",
        "Espace numérique Croix-Rouge",
    ]
    assert recap.etapes == ["choisir-role", "structure-employeuse", "lieux-activite", "recapitulatif"]
    assert recap.prochaine == "recapitulatif" and recap.structure_employeuse.id == employeur  # type: ignore[union-attr]
    assert (user.profil_inscription, user.is_conseiller_numerique) == ("conseiller-numerique", True)
    funnel = (
        user.structure_employeuse_renseignee,
        user.lieux_activite_renseignes,
        user.acceptation_cgu,
        user.inscription_validee,
    )
    assert all(funnel) and user.acceptation_cgu == user.inscription_validee
    assert [nom for nom, _ in await mutations(hub)][1:] == [
        "choisir_profil_inscription",
        "renseigner_structure_employeuse",
        "creer_structure",
        "renseigner_lieux_activite",
        "valider_inscription",
    ]
    async with hub.session() as session:
        assert (await etat_inscription(session, user_id)).prochaine is None


async def test_a_pure_coordinator_skips_the_lieux_step(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    async with hub.session() as session, session.begin():
        await choisir_profil(session, user_id, ChoixProfil(profil="coordinateur"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure=StructureInput(**REIMS)))
        etat = await etat_inscription(session, user_id)
        with pytest.raises(Forbidden, match="Seuls les médiateurs"):
            await renseigner_lieux_activite(session, user_id, ChoixLieux(lieux=[ChoixStructure(structure_id="x")]))
        await valider_inscription(session, user_id, AcceptationCgu(cgu_acceptees=True))
    assert (
        etat.etapes == ["choisir-role", "structure-employeuse", "recapitulatif"] and etat.prochaine == "recapitulatif"
    )


async def test_the_cgu_must_be_accepted_and_no_step_skipped(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    employeur = await structure(hub)
    async with hub.session() as session, session.begin():
        with pytest.raises(Conflict, match="Choisissez d'abord votre rôle"):
            await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=employeur))
        await choisir_profil(session, user_id, ChoixProfil(profil="mediateur"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=employeur))
        with pytest.raises(Conflict, match="Renseignez d'abord vos lieux d'activité"):
            await valider_inscription(session, user_id, AcceptationCgu(cgu_acceptees=True))
        await renseigner_lieux_activite(session, user_id, ChoixLieux(lieux=[ChoixStructure(structure_id=employeur)]))
        with pytest.raises(ValidationError) as refused:
            await valider_inscription(session, user_id, AcceptationCgu(cgu_acceptees=False))
        assert refused.value.errors == {
            "cgu_acceptees": "Acceptez les conditions générales d'utilisation pour valider votre inscription."
        }
        assert (await utilisateur_actif(session, user_id)).inscription_validee is None
        await valider_inscription(session, user_id, AcceptationCgu(cgu_acceptees=True))
        with pytest.raises(Conflict, match="déjà validée"):
            await choisir_profil(session, user_id, ChoixProfil(profil="coordinateur"))


async def test_a_bad_lieu_refuses_the_whole_step_before_writing(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    employeur = await structure(hub)
    async with hub.session() as session, session.begin():
        await choisir_profil(session, user_id, ChoixProfil(profil="mediateur"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=employeur))
    structures_before = await count(hub, Structure)

    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await renseigner_lieux_activite(
                session,
                user_id,
                ChoixLieux(
                    lieux=[
                        ChoixStructure(structure=StructureInput(**NOUVELLE)),
                        ChoixStructure(structure_id="inconnue"),
                        ChoixStructure(),
                    ]
                ),
            )
    assert refused.value.errors == {
        "lieux.1.structure_id": "Structure introuvable.",
        "lieux.2": "Choisissez une structure existante ou décrivez-en une nouvelle (l'un ou l'autre).",
    }
    assert (await count(hub, Structure), await count(hub, MediateurEnActivite)) == (structures_before, 0)


async def test_the_lieux_step_done_again_replaces_the_earlier_choice(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    premier, second = await structure(hub), await structure(hub, nom="Maison de quartier Orgeval")
    async with hub.session() as session, session.begin():
        await choisir_profil(session, user_id, ChoixProfil(profil="mediateur"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=premier))
        await renseigner_lieux_activite(session, user_id, ChoixLieux(lieux=[ChoixStructure(structure_id=premier)]))
        lieux = await renseigner_lieux_activite(
            session, user_id, ChoixLieux(lieux=[ChoixStructure(structure_id=second)])
        )
    assert [lieu.structure.id for lieu in lieux] == [second]


async def test_changing_profile_during_sign_up_takes_the_other_side_back(hub: Hub) -> None:
    user_id = await nouvel_arrivant(hub)
    lieu = await structure(hub)
    async with hub.session() as session, session.begin():
        await choisir_profil(session, user_id, ChoixProfil(profil="mediateur"))
        await renseigner_structure_employeuse(session, user_id, ChoixStructure(structure_id=lieu))
        await renseigner_lieux_activite(session, user_id, ChoixLieux(lieux=[ChoixStructure(structure_id=lieu)]))
        await choisir_profil(session, user_id, ChoixProfil(profil="coordinateur-conseiller-numerique"))
        etat = await etat_inscription(session, user_id)
    assert (await count(hub, Mediateur), await count(hub, MediateurEnActivite)) == (0, 0)
    assert etat.profil == "coordinateur-conseiller-numerique" and "lieux-activite" not in etat.etapes
