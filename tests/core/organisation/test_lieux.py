"""A mediator's lieux d'activité: added, edited and left by themself, never someone else's."""

from __future__ import annotations

import pytest

from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.structures.choix import ChoixStructure
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import (
    ajouter_lieu_activite,
    lieux_activite,
    modifier_lieu_activite,
    quitter_lieu_activite,
)
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.service import structure_active
from tests.core.organisation.support import REIMS, count, mediateur_id, mutations, structure, utilisateur


async def test_a_mediator_adds_an_existing_or_a_new_lieu(hub: Hub) -> None:
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur")
    mediateur = await mediateur_id(hub, camille)
    existing = await structure(hub)
    async with hub.session() as session, session.begin():
        await ajouter_lieu_activite(session, mediateur, ChoixStructure(structure_id=existing), par=camille.id)
        added = await ajouter_lieu_activite(
            session,
            mediateur,
            ChoixStructure(structure=StructureInput(**(REIMS | {"nom": "Bus numérique"}))),
            par=camille.id,
        )
        with pytest.raises(ValidationError) as refused:
            await ajouter_lieu_activite(session, mediateur, ChoixStructure(structure_id=existing), par=camille.id)
        lieux = await lieux_activite(session, mediateur)

    assert refused.value.errors == {"structure_id": "Vous êtes déjà en activité dans ce lieu."}
    assert [lieu.structure.nom for lieu in lieux] == ["Bus numérique", "Médiathèque Jean Falala"]
    assert added.structure.creation_par_id == camille.id
    assert [nom for nom, _ in await mutations(hub)][-3:] == [
        "ajouter_lieu_activite",
        "creer_structure",
        "ajouter_lieu_activite",
    ]


async def test_a_mediator_edits_and_leaves_their_own_lieu(hub: Hub) -> None:
    lieu = await structure(hub)
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur", lieux=[lieu])
    mediateur = await mediateur_id(hub, camille)
    async with hub.session() as session, session.begin():
        await modifier_lieu_activite(
            session, mediateur, lieu, StructureInput(**(REIMS | {"horaires": "Tu-Sa 10:00-18:00"})), par=camille.id
        )
        activite = await quitter_lieu_activite(session, mediateur, lieu, par=camille.id)
        remaining = await lieux_activite(session, mediateur)

    assert activite.fin is not None and remaining == []
    async with hub.session() as session:
        assert (await structure_active(session, lieu)).horaires == "Tu-Sa 10:00-18:00"
    assert [nom for nom, _ in await mutations(hub)][-2:] == ["modifier_structure", "quitter_lieu_activite"]
    assert await count(hub, MediateurEnActivite) == 1  # history kept


async def test_another_mediators_lieu_is_out_of_reach_by_guessed_id(hub: Hub) -> None:
    sien = await structure(hub, nom="Lieu de Dominique")
    dominique = await utilisateur(hub, "dominique@exemple.fr", "mediateur", lieux=[sien])
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur")
    intrus = await mediateur_id(hub, camille)
    before = await mutations(hub)

    async with hub.session() as session, session.begin():
        for attempt in (
            modifier_lieu_activite(
                session, intrus, sien, StructureInput(**(REIMS | {"nom": "Piraté"})), par=camille.id
            ),
            quitter_lieu_activite(session, intrus, sien, par=camille.id),
            quitter_lieu_activite(session, intrus, "id-devine", par=camille.id),
        ):
            with pytest.raises(NotFound, match="Lieu d'activité introuvable"):
                await attempt

    async with hub.session() as session:
        assert (await structure_active(session, sien)).nom == "Lieu de Dominique"
        [lieu] = await lieux_activite(session, await mediateur_id(hub, dominique))
        assert lieu.activite.fin is None
    assert await mutations(hub) == before


async def test_a_lieu_left_is_no_longer_editable(hub: Hub) -> None:
    lieu = await structure(hub)
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur", lieux=[lieu])
    mediateur = await mediateur_id(hub, camille)
    async with hub.session() as session, session.begin():
        await quitter_lieu_activite(session, mediateur, lieu, par=camille.id)
    async with hub.session() as session, session.begin():
        with pytest.raises(NotFound):
            await modifier_lieu_activite(session, mediateur, lieu, StructureInput(**REIMS), par=camille.id)
    assert await count(hub, Structure) == 1
