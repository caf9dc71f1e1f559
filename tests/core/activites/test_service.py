"""Recording, editing, duplicating and deleting CRAs: side effects, ownership, audit log."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from hub.core.activites.inputs import CraCollectif, CraIndividuel
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.saisie import dupliquer_activite, saisie_activite
from hub.core.activites.service import creer_activite, modifier_activite, supprimer_activite
from hub.core.audit.models import Mutation
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import NotFound
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.structures.models import Structure
from tests.core.activites.support import (
    COLLECTIF,
    INDIVIDUEL,
    beneficiaire,
    compteurs_incoherents,
    cra,
    mediateur_en_poste,
)
from tests.core.organisation.support import count, mutations


async def _premiers(hub: Hub, beneficiaire_id: str) -> dict[str, bool]:
    async with hub.session() as session:
        rows = await session.execute(
            sa.select(Accompagnement.activite_id, Accompagnement.premier_accompagnement).where(
                Accompagnement.beneficiaire_id == beneficiaire_id
            )
        )
        return dict(rows.all())


async def test_premier_accompagnement_follows_dates_through_edits_and_deletion(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    alix = await beneficiaire(hub, qui, "Alix")
    lie = {"beneficiaire": {"id": alix}}
    async with hub.session() as session, session.begin():
        mars = await creer_activite(session, qui.id, cra(INDIVIDUEL, date="2025-03-12", **lie), par=None)
        fevrier = await creer_activite(session, qui.id, cra(INDIVIDUEL, date="2025-02-01", **lie), par=None)
        meme_jour = await creer_activite(
            session, qui.id, cra(COLLECTIF, date="2025-02-01", participants=[alix]), par=None
        )
    assert await _premiers(hub, alix) == {mars.id: False, fevrier.id: True, meme_jour.id: False}

    async with hub.session() as session, session.begin():
        await modifier_activite(session, qui.id, fevrier.id, cra(INDIVIDUEL, date="2025-04-01", **lie), par=None)
    assert await _premiers(hub, alix) == {mars.id: False, fevrier.id: False, meme_jour.id: True}

    async with hub.session() as session, session.begin():
        await modifier_activite(session, qui.id, meme_jour.id, cra(COLLECTIF, date="2025-02-01"), par=None)
    assert await _premiers(hub, alix) == {mars.id: True, fevrier.id: False}

    async with hub.session() as session, session.begin():
        await supprimer_activite(session, qui.id, mars.id, par=qui.user_id)
    assert await _premiers(hub, alix) == {fevrier.id: True}
    async with hub.session() as session:
        assert await compteurs_incoherents(session, qui.id) == []
        assert (await session.get(Beneficiaire, alix)).accompagnements_count == 1  # type: ignore[union-attr]


async def test_editing_a_workshop_recreates_its_anonymous_participants_only(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    alix, bao = await beneficiaire(hub, qui, "Alix"), await beneficiaire(hub, qui, "Bao")
    async with hub.session() as session, session.begin():
        atelier = await creer_activite(
            session, qui.id, cra(COLLECTIF, participants=[alix], participants_anonymes={"total": 3}), par=None
        )
    async with hub.session() as session:
        avant = set(await session.scalars(sa.select(Accompagnement.id).where(Accompagnement.beneficiaire_id == alix)))
    async with hub.session() as session, session.begin():
        await modifier_activite(
            session,
            qui.id,
            atelier.id,
            cra(COLLECTIF, participants=[alix, bao], participants_anonymes={"total": 1, "genre_feminin": 1}),
            par=None,
        )
    async with hub.session() as session:
        anonymes = list(await session.scalars(sa.select(Beneficiaire).where(Beneficiaire.anonyme.is_(True))))
        assert [b.genre for b in anonymes] == ["feminin"]  # the 3 former ones deleted
        apres = set(await session.scalars(sa.select(Accompagnement.id).where(Accompagnement.beneficiaire_id == alix)))
        assert apres == avant  # the followed participant's accompagnement is kept
        mediateur = await session.get(Mediateur, qui.id)
        assert (mediateur.accompagnements_count, mediateur.beneficiaires_count) == (3, 3)  # type: ignore[union-attr]
        assert await compteurs_incoherents(session, qui.id) == []


async def test_an_activity_can_change_type(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        activite = await creer_activite(
            session, qui.id, cra(INDIVIDUEL, autonomie="autonome", oriente_vers_structure=False), par=None
        )
        await modifier_activite(
            session, qui.id, activite.id, cra(COLLECTIF, titre_atelier="Tablettes", niveau_atelier="avance"), par=None
        )
    async with hub.session() as session:
        stockee = await session.get(Activite, activite.id)
        assert stockee is not None
        assert (stockee.type, stockee.autonomie, stockee.oriente_vers_structure) == ("collectif", None, None)
        assert (stockee.titre_atelier, stockee.niveau, stockee.accompagnements_count) == ("Tablettes", "avance", 2)
        assert await compteurs_incoherents(session, qui.id) == []


async def test_a_saved_activity_fills_its_form_and_its_duplicate(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    alix = await beneficiaire(hub, qui, "Alix")
    atelier = cra(
        COLLECTIF,
        duree=100,
        participants=[alix],
        participants_anonymes={"total": 2, "deja_accompagne": 1, "genre_masculin": 2, "statut_social_retraite": 1},
        materiel=["tablette"],
        thematiques=["aide_aux_demarches_administratives", "logement"],
        precisions_demarche="Demande de logement social",
        titre_atelier="Démarches en ligne",
        rdv_id="rdv-1",
        notes="<p>Très bien</p>",
    )
    individuel = cra(
        INDIVIDUEL,
        type_lieu="a_distance",
        beneficiaire={"genre": "feminin", "deja_accompagne": True},
        oriente_vers_structure=True,
        structure_de_redirection="aide_sociale",
    )
    async with hub.session() as session, session.begin():
        collectif_id = (await creer_activite(session, qui.id, atelier, par=None)).id
        individuel_id = (await creer_activite(session, qui.id, individuel, par=None)).id
    async with hub.session() as session:
        saisie = await saisie_activite(session, qui.id, collectif_id)
        copie = await dupliquer_activite(session, qui.id, collectif_id)
        saisie_individuelle = await saisie_activite(session, qui.id, individuel_id)

    assert isinstance(saisie, CraCollectif) and isinstance(copie, CraCollectif)
    assert (saisie.duree, saisie.duree_personnalisee_heures, saisie.duree_personnalisee_minutes) == (
        "personnaliser",
        1,
        40,
    )
    assert saisie.participants == [alix] and saisie.participants_anonymes.total == 2
    assert saisie.participants_anonymes.deja_accompagne == 1
    assert (saisie.participants_anonymes.genre_masculin, saisie.participants_anonymes.statut_social_retraite) == (2, 1)
    assert (saisie.rdv_id, copie.rdv_id, copie.notes) == ("rdv-1", None, "<p>Très bien</p>")
    assert isinstance(saisie_individuelle, CraIndividuel) and saisie_individuelle.beneficiaire is not None
    assert (saisie_individuelle.beneficiaire.genre, saisie_individuelle.beneficiaire.deja_accompagne) == (
        "feminin",
        True,
    )
    assert (saisie_individuelle.lieu_commune, saisie_individuelle.structure_de_redirection) == (None, "aide_sociale")
    assert await count(hub, Activite) == 2  # duplicating saves nothing

    async with hub.session() as session, session.begin():
        nouvelle = await creer_activite(session, qui.id, copie, par=None)
        await modifier_activite(session, qui.id, collectif_id, saisie, par=None)
    async with hub.session() as session:
        relue = await saisie_activite(session, qui.id, nouvelle.id)
        assert relue == copie
        assert await saisie_activite(session, qui.id, collectif_id) == saisie
        assert await compteurs_incoherents(session, qui.id) == []


async def test_another_mediator_s_activity_is_out_of_reach_and_nothing_is_written(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    async with hub.session() as session, session.begin():
        sienne = await creer_activite(session, dominique.id, cra(INDIVIDUEL), par=None)
    before = await mutations(hub)
    async with hub.session() as session, session.begin():
        for attempt in (
            modifier_activite(session, camille.id, sienne.id, cra(INDIVIDUEL, duree="120"), par=camille.user_id),
            supprimer_activite(session, camille.id, sienne.id, par=camille.user_id),
            supprimer_activite(session, camille.id, "id-devine", par=camille.user_id),
            saisie_activite(session, camille.id, sienne.id),
            dupliquer_activite(session, camille.id, sienne.id),
        ):
            with pytest.raises(NotFound, match="Activité introuvable"):
                await attempt
    async with hub.session() as session, session.begin():
        await supprimer_activite(session, dominique.id, sienne.id, par=None)
        with pytest.raises(NotFound):
            await supprimer_activite(session, dominique.id, sienne.id, par=None)  # already deleted
    assert (await mutations(hub))[: len(before)] == before and len(await mutations(hub)) == len(before) + 1
    async with hub.session() as session:
        stockee = await session.get(Activite, sienne.id)
        assert stockee is not None and stockee.duree == 45


async def test_writes_are_audited_without_identity_and_leave_structures_unmodified(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    async with hub.session() as session:
        lieu_avant = (await session.get(Structure, qui.lieux[0])).modification  # type: ignore[union-attr]
    lieu = {"type_lieu": "lieu_activite", "structure_id": qui.lieux[0], "notes": "Ne pas journaliser"}
    async with hub.session() as session, session.begin():
        activite = await creer_activite(session, qui.id, cra(INDIVIDUEL, **lieu), par=qui.user_id)
        await modifier_activite(session, qui.id, activite.id, cra(INDIVIDUEL, **lieu, duree="15"), par=qui.user_id)
    async with hub.session() as session, session.begin():
        await supprimer_activite(session, qui.id, activite.id, par=qui.user_id)
    journal = [(nom, donnees) for nom, donnees in await mutations(hub) if "activite" in nom]
    assert [nom for nom, _ in journal] == ["creer_activite", "modifier_activite", "supprimer_activite"]
    assert journal[0][1]["activite_id"] == activite.id and "notes" not in journal[0][1]["cra"]
    async with hub.session() as session:
        structure = await session.get(Structure, qui.lieux[0])
        assert structure is not None and (structure.activites_count, structure.modification) == (0, lieu_avant)
        mediateur = await session.get(Mediateur, qui.id)
        assert mediateur is not None and mediateur.derniere_creation_activite is not None
        assert await session.scalar(sa.select(sa.func.count()).select_from(Mutation)) >= 3


async def test_attributions_are_drawn_from_the_counters_with_a_seed(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    anonymes = {"total": 6, "genre_feminin": 3, "tranche_age_douze_dix_huit": 2, "statut_social_scolarise": 4}
    genres = []
    for _ in range(2):
        async with hub.session() as session, session.begin():
            atelier = await creer_activite(
                session, qui.id, cra(COLLECTIF, participants_anonymes=anonymes), par=None, aleatoire=random.Random(7)
            )
        async with hub.session() as session:
            rows = await session.execute(
                sa.select(Beneficiaire.genre, Beneficiaire.tranche_age, Beneficiaire.statut_social)
                .join(Accompagnement, Accompagnement.beneficiaire_id == Beneficiaire.id)
                .where(Accompagnement.activite_id == atelier.id)
                .order_by(Beneficiaire.genre, Beneficiaire.tranche_age, Beneficiaire.statut_social)
            )
            genres.append(rows.all())
    assert genres[0] == genres[1]
    assert sorted(g for g, _, _ in genres[0]) == ["feminin"] * 3 + ["non_communique"] * 3
