"""Structures: created, edited and deleted with their audit trail, found whatever the accents."""

from __future__ import annotations

import pytest

from hub.core.errors import Conflict, NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.structures.inputs import StructureInput
from hub.core.structures.lieux import ouvrir_activite
from hub.core.structures.models import Structure
from hub.core.structures.recherche import rechercher_structures
from hub.core.structures.service import (
    creer_structure,
    lier_cartographie_nationale,
    modifier_structure,
    structure_active,
    supprimer_structure,
)
from tests.core.organisation.support import REIMS, count, mediateur_id, mutations, structure, utilisateur


async def test_a_structure_is_created_with_the_schema_fields_and_audited(hub: Hub) -> None:
    data = StructureInput(
        **REIMS, siret="21510454600019", services=["Aide aux démarches administratives"], telephone="0326000000"
    )
    async with hub.session() as session, session.begin():
        created = await creer_structure(session, data, par=None)

    async with hub.session() as session:
        stored = await structure_active(session, created.id)
    assert (stored.telephone, stored.services, stored.creation_par_id) == (
        "+33326000000",
        ["Aide aux démarches administratives"],
        None,
    )
    assert stored.derniere_modification_source == "hub"
    [(nom, donnees)] = await mutations(hub)
    assert nom == "creer_structure" and donnees["structure_id"] == created.id and donnees["siret"] == "21510454600019"


async def test_an_edit_replaces_the_fields_and_records_only_what_changed(hub: Hub) -> None:
    admin = await utilisateur(hub, "admin@exemple.fr", "admin")
    structure_id = await structure(hub)
    async with hub.session() as session, session.begin():
        await modifier_structure(
            session,
            structure_id,
            StructureInput(**(REIMS | {"nom": "Médiathèque Falala"}), horaires="Mo 10:00-12:00"),
            par=admin.id,
        )

    async with hub.session() as session:
        stored = await structure_active(session, structure_id)
    assert (stored.nom, stored.horaires, stored.derniere_modification_par_id, stored.derniere_modification_source) == (
        "Médiathèque Falala",
        "Mo 10:00-12:00",
        admin.id,
        None,
    )
    nom, donnees = (await mutations(hub))[-1]
    assert nom == "modifier_structure"
    assert donnees == {
        "structure_id": structure_id,
        "modifications": {"nom": "Médiathèque Falala", "horaires": "Mo 10:00-12:00"},
    }


async def test_a_refused_edit_changes_nothing(hub: Hub) -> None:
    structure_id = await structure(hub)
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError):
            await modifier_structure(session, structure_id, StructureInput(**(REIMS | {"code_postal": "51"})), par=None)
        with pytest.raises(NotFound, match="Structure introuvable"):
            await modifier_structure(session, "inconnue", StructureInput(**REIMS), par=None)

    async with hub.session() as session:
        assert (await structure_active(session, structure_id)).code_postal == "51100"
    assert [nom for nom, _ in await mutations(hub)] == ["creer_structure"]


async def test_a_deleted_structure_is_kept_but_no_longer_found(hub: Hub) -> None:
    structure_id = await structure(hub)
    async with hub.session() as session, session.begin():
        await supprimer_structure(session, structure_id, par=None)

    async with hub.session() as session:
        with pytest.raises(NotFound):
            await structure_active(session, structure_id)
        assert await rechercher_structures(session, "falala") == []
        assert (await session.get(Structure, structure_id)).suppression is not None  # type: ignore[union-attr]
    assert await count(hub, Structure) == 1


async def test_a_structure_is_linked_once_to_the_national_map_and_the_link_is_audited(hub: Hub) -> None:
    structure_id = await structure(hub)
    async with hub.session() as session, session.begin():
        await lier_cartographie_nationale(session, structure_id, "mediation-numerique--42", par=None)
        again = await lier_cartographie_nationale(session, structure_id, "autre-source--7", par=None)

    assert again.structure_cartographie_nationale_id == "mediation-numerique--42"
    liens = [donnees for nom, donnees in await mutations(hub) if nom == "lier_cartographie_nationale"]
    assert liens == [{"structure_id": structure_id, "structure_cartographie_nationale_id": "mediation-numerique--42"}]


async def test_a_structure_someone_works_at_cannot_be_deleted(hub: Hub) -> None:
    structure_id = await structure(hub)
    camille = await utilisateur(hub, "camille@exemple.fr", "mediateur")
    async with hub.session() as session, session.begin():
        await ouvrir_activite(session, await mediateur_id(hub, camille), structure_id, par=None)
    async with hub.session() as session, session.begin():
        with pytest.raises(Conflict, match="1 personne"):
            await supprimer_structure(session, structure_id, par=None)


@pytest.mark.parametrize(
    "query",
    [
        "mediatheque jean falala",
        "MÉDIATHÈQUE",
        "falala reims",
        "  Jean-Falala ",
        "51100",
        "21510454600019",
        "215 104 546",
    ],
)
async def test_search_ignores_accents_case_and_punctuation(hub: Hub, query: str) -> None:
    await structure(hub, siret="21510454600019")
    await structure(hub, nom="Maison France services", commune="Châlons-en-Champagne", code_postal="51000")
    async with hub.session() as session:
        assert [found.nom for found in await rechercher_structures(session, query)] == ["Médiathèque Jean Falala"]


async def test_search_matches_every_word_and_finds_nothing_for_a_blank_query(hub: Hub) -> None:
    await structure(hub)
    await structure(hub, nom="Œuvre des Cœurs", commune="Épernay", code_postal="51200")
    async with hub.session() as session:
        assert [s.nom for s in await rechercher_structures(session, "coeurs epernay")] == ["Œuvre des Cœurs"]
        assert await rechercher_structures(session, "falala epernay") == []
        assert await rechercher_structures(session, " - ") == []
