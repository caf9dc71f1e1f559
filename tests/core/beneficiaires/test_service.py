"""A mediator's followed bénéficiaires: created, edited, deleted (anonymised), never someone else's."""

from __future__ import annotations

import pytest

from hub.core.activites.models import Accompagnement
from hub.core.activites.service import creer_activite
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.service import modifier_beneficiaire, supprimer_beneficiaire
from hub.core.errors import NotFound
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from tests.core.activites.support import INDIVIDUEL, beneficiaire, compteurs_incoherents, cra, mediateur_en_poste
from tests.core.organisation.support import count, mutations


async def test_a_beneficiaire_is_created_and_edited_with_its_counters_and_audit(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    alix = await beneficiaire(hub, qui, "Alix", "Durand", annee_naissance=1950, email="alix@exemple.fr")
    async with hub.session() as session, session.begin():
        modifie = await modifier_beneficiaire(
            session,
            qui.id,
            alix,
            BeneficiaireInput(prenom="Alix", nom="Durand-Petit", annee_naissance=2010, genre="feminin"),
            par=qui.user_id,
        )
    assert (modifie.nom, modifie.tranche_age, modifie.email, modifie.genre) == (
        "Durand-Petit",
        "douze_dix_huit",
        None,
        "feminin",
    )
    async with hub.session() as session:
        mediateur = await session.get(Mediateur, qui.id)
        assert mediateur is not None and mediateur.beneficiaires_count == 1
        assert mediateur.derniere_creation_beneficiaire is not None
    journal = [(nom, donnees) for nom, donnees in await mutations(hub) if "beneficiaire" in nom]
    assert journal == [
        ("creer_beneficiaire", {"beneficiaire_id": alix, "mediateur_id": qui.id}),
        (
            "modifier_beneficiaire",
            {"beneficiaire_id": alix, "champs": ["annee_naissance", "email", "genre", "nom", "tranche_age"]},
        ),
    ]


async def test_deleting_a_beneficiaire_anonymises_it_and_keeps_its_accompagnements(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    alix = await beneficiaire(
        hub,
        qui,
        "Alix",
        "Durand",
        telephone="0612345678",
        email="alix@exemple.fr",
        adresse="1 rue Haute",
        notes="Suivi RSA",
        genre="feminin",
        annee_naissance=1950,
        commune="Reims",
        commune_code_postal="51100",
        commune_code_insee="51454",
    )
    async with hub.session() as session, session.begin():
        await creer_activite(session, qui.id, cra(INDIVIDUEL, beneficiaire={"id": alix}), par=None)
    async with hub.session() as session, session.begin():
        await supprimer_beneficiaire(session, qui.id, alix, par=qui.user_id)
    async with hub.session() as session:
        supprime = await session.get(Beneficiaire, alix)
        assert supprime is not None and supprime.suppression is not None and supprime.anonyme
        identite = (supprime.prenom, supprime.nom, supprime.telephone, supprime.email, supprime.adresse, supprime.notes)
        assert identite == (None,) * 6
        assert (supprime.genre, supprime.annee_naissance, supprime.commune) == ("feminin", 1950, "Reims")
        assert await compteurs_incoherents(session, qui.id) == []
    assert await count(hub, Accompagnement) == 1
    async with hub.session() as session, session.begin():
        with pytest.raises(NotFound):
            await supprimer_beneficiaire(session, qui.id, alix, par=None)


async def test_another_mediator_s_beneficiaire_is_out_of_reach(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    sien = await beneficiaire(hub, dominique, "Bao", "Nguyen")
    before = await mutations(hub)
    async with hub.session() as session, session.begin():
        for attempt in (
            modifier_beneficiaire(session, camille.id, sien, BeneficiaireInput(prenom="X", nom="Y"), par=None),
            supprimer_beneficiaire(session, camille.id, sien, par=None),
            supprimer_beneficiaire(session, camille.id, "id-devine", par=None),
        ):
            with pytest.raises(NotFound, match="Bénéficiaire introuvable"):
                await attempt
    assert await mutations(hub) == before
    async with hub.session() as session:
        intact = await session.get(Beneficiaire, sien)
        assert intact is not None and (intact.prenom, intact.suppression) == ("Bao", None)
