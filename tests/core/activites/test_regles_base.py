"""The CRA rules that need the database, and what a saved CRA stores from its input."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.preparation import LIEU_INCONNU, RDV_DEJA_SAISI, SANS_EMPLOYEUR
from hub.core.activites.service import creer_activite, modifier_activite
from hub.core.audit.models import Mutation
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import Conflict, NotFound, ValidationError
from hub.core.hub import Hub
from hub.core.identity.principal import Principal
from hub.core.structures.lieux import quitter_lieu_activite
from hub.core.tags.service import TagInput, creer_tag
from hub.core.tags.visibilite import TAG_INCONNU
from tests.core.activites.support import COLLECTIF, INDIVIDUEL, beneficiaire, cra, mediateur_en_poste
from tests.core.organisation.support import count, mediateur_id, structure, utilisateur


async def test_the_lieu_d_activite_must_be_one_of_the_mediator_s_own(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await creer_activite(
                session,
                camille.id,
                cra(INDIVIDUEL, type_lieu="lieu_activite", structure_id=dominique.lieux[0]),
                par=camille.user_id,
            )
        mien = await creer_activite(
            session, camille.id, cra(INDIVIDUEL, type_lieu="lieu_activite", structure_id=camille.lieux[0]), par=None
        )
    assert refused.value.errors == {"structure_id": LIEU_INCONNU}
    assert (mien.structure_id, mien.lieu_commune, mien.lieu_code_insee) == (camille.lieux[0], None, None)

    async with hub.session() as session, session.begin():
        await quitter_lieu_activite(session, camille.id, camille.lieux[0], par=camille.user_id)
    async with hub.session() as session, session.begin():
        modifiee = await modifier_activite(
            session,
            camille.id,
            mien.id,
            cra(INDIVIDUEL, type_lieu="lieu_activite", structure_id=camille.lieux[0], duree="30"),
            par=None,
        )  # the lieu it already has stays allowed
        with pytest.raises(ValidationError) as left:
            await creer_activite(
                session, camille.id, cra(INDIVIDUEL, type_lieu="lieu_activite", structure_id=camille.lieux[0]), par=None
            )
    assert modifiee.duree == 30
    assert left.value.errors == {"structure_id": LIEU_INCONNU}


async def test_a_remote_activity_takes_the_commune_of_the_employer(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        activite = await creer_activite(
            session, camille.id, cra(INDIVIDUEL, type_lieu="a_distance", lieu_commune="Paris"), par=None
        )
    assert (activite.lieu_commune, activite.lieu_code_postal, activite.lieu_code_insee) == ("Reims", "51100", "51454")
    assert (activite.structure_id, activite.structure_employeuse_id) == (None, camille.employeur)


async def test_the_structure_de_redirection_is_kept_only_when_oriented(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    redirection = {"structure_de_redirection": "administration"}
    async with hub.session() as session, session.begin():
        non = await creer_activite(session, camille.id, cra(INDIVIDUEL, **redirection), par=None)
        oui = await creer_activite(
            session, camille.id, cra(INDIVIDUEL, oriente_vers_structure=True, **redirection), par=None
        )
    assert (non.oriente_vers_structure, non.structure_de_redirection) == (None, None)
    assert (oui.oriente_vers_structure, oui.structure_de_redirection) == (True, "administration")


async def test_tags_must_be_tags_the_mediator_sees(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    async with hub.session() as session, session.begin():
        sien = await creer_tag(
            session, _principal(dominique), TagInput(nom="Numérique responsable", portee="personnel")
        )
        mien = await creer_tag(session, _principal(camille), TagInput(nom="Permanence CAF", portee="personnel"))
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as refused:
            await creer_activite(session, camille.id, cra(INDIVIDUEL, tags=[mien.id, sien.id, "inconnu"]), par=None)
        activite = await creer_activite(session, camille.id, cra(INDIVIDUEL, tags=[mien.id]), par=None)
    assert refused.value.errors == {"tags.1": TAG_INCONNU, "tags.2": TAG_INCONNU}
    assert activite.id


async def test_another_mediator_s_beneficiaire_is_not_found_and_nothing_is_written(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    dominique = await mediateur_en_poste(hub, "dominique@exemple.fr")
    sien = await beneficiaire(hub, dominique)
    before = (await count(hub, Activite), await count(hub, Beneficiaire), await count(hub, Mutation))
    async with hub.session() as session, session.begin():
        for attempt in (
            cra(INDIVIDUEL, beneficiaire={"id": sien}),
            cra(COLLECTIF, participants=[sien]),
            cra(COLLECTIF, participants=["id-devine"]),
        ):
            with pytest.raises(NotFound, match="Bénéficiaire introuvable"):
                await creer_activite(session, camille.id, attempt, par=camille.user_id)
    assert (await count(hub, Activite), await count(hub, Beneficiaire), await count(hub, Mutation)) == before


async def test_a_mediator_without_employer_cannot_record_an_activity(hub: Hub) -> None:
    lieu = await structure(hub)
    sans_emploi = await utilisateur(hub, "sans-emploi@exemple.fr", "mediateur", lieux=[lieu])
    async with hub.session() as session, session.begin():
        with pytest.raises(Conflict, match=SANS_EMPLOYEUR):
            await creer_activite(session, await mediateur_id(hub, sans_emploi), cra(INDIVIDUEL), par=None)
    assert await count(hub, Activite) == 0


async def test_an_rdv_has_one_cra_only(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    async with hub.session() as session, session.begin():
        premier = await creer_activite(session, camille.id, cra(INDIVIDUEL, rdv_id="rdv-42"), par=None)
        with pytest.raises(ValidationError) as refused:
            await creer_activite(session, camille.id, cra(INDIVIDUEL, rdv_id="rdv-42"), par=None)
        await modifier_activite(session, camille.id, premier.id, cra(INDIVIDUEL, rdv_id="rdv-42", duree="60"), par=None)
    assert refused.value.errors == {"rdv_id": RDV_DEJA_SAISI}


async def test_an_individual_cra_without_beneficiaire_records_an_anonymous_one(hub: Hub) -> None:
    camille = await mediateur_en_poste(hub, "camille@exemple.fr")
    anonyme = {
        "deja_accompagne": True,
        "genre": "feminin",
        "tranche_age": "quarante_cinquante_neuf",
        "statut_social": "en_emploi",
        "commune": "Épernay",
        "commune_code_postal": "51200",
        "commune_code_insee": "51230",
    }
    async with hub.session() as session, session.begin():
        decrite = await creer_activite(session, camille.id, cra(INDIVIDUEL, beneficiaire=anonyme), par=None)
        muette = await creer_activite(session, camille.id, cra(INDIVIDUEL), par=None)
    async with hub.session() as session:
        rows = await session.execute(
            sa.select(Accompagnement.activite_id, Accompagnement.premier_accompagnement, Beneficiaire).join(
                Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id
            )
        )
        par_activite = {activite_id: (premier, b) for activite_id, premier, b in rows.all()}
    premier, b = par_activite[decrite.id]
    assert not premier  # « déjà accompagné »
    assert (b.anonyme, b.attributions_aleatoires, b.genre, b.tranche_age, b.statut_social, b.commune) == (
        True,
        False,
        "feminin",
        "quarante_cinquante_neuf",
        "en_emploi",
        "Épernay",
    )
    premier, b = par_activite[muette.id]
    assert premier and (b.genre, b.tranche_age, b.statut_social, b.commune) == (
        "non_communique",
        "non_communique",
        "non_communique",
        None,
    )


def _principal(qui: object) -> Principal:
    return Principal(
        id=qui.user_id,  # type: ignore[attr-defined]
        display_name="médiateur",
        roles=frozenset({"mediateur"}),
        mediateur_id=qui.id,  # type: ignore[attr-defined]
    )
