"""Merging two followed bénéficiaires: gaps filled, accompagnements moved, source deleted."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.service import creer_activite
from hub.core.beneficiaires.fusion import MEME_BENEFICIAIRE, fusionner_beneficiaires
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.errors import NotFound, ValidationError
from hub.core.hub import Hub
from tests.core.activites.support import (
    COLLECTIF,
    INDIVIDUEL,
    beneficiaire,
    compteurs_incoherents,
    cra,
    mediateur_en_poste,
)
from tests.core.organisation.support import mutations


async def test_a_merge_fills_gaps_moves_accompagnements_and_recomputes_the_first(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    cible = await beneficiaire(hub, qui, "Alix", "Durand", email="alix@exemple.fr", genre="feminin")
    source = await beneficiaire(
        hub,
        qui,
        "Alix",
        "DURAND",
        email="autre@exemple.fr",
        telephone="0612345678",
        genre="masculin",
        annee_naissance=1950,
        statut_social="retraite",
        commune="Reims",
        commune_code_postal="51100",
        commune_code_insee="51454",
    )
    ancienne = await beneficiaire(hub, qui, "Alix", "D.")
    async with hub.session() as session, session.begin():
        await fusionner_beneficiaires(session, qui.id, ancienne, source, par=None)
        tot = await creer_activite(
            session, qui.id, cra(INDIVIDUEL, date="2024-01-05", beneficiaire={"id": source}), par=None
        )
        tard = await creer_activite(
            session, qui.id, cra(INDIVIDUEL, date="2025-01-05", beneficiaire={"id": cible}), par=None
        )
        ensemble = await creer_activite(
            session, qui.id, cra(COLLECTIF, participants=[source, cible], participants_anonymes=None), par=None
        )
    async with hub.session() as session, session.begin():
        fusionne = await fusionner_beneficiaires(session, qui.id, source, cible, par=qui.user_id)

    assert (fusionne.email, fusionne.genre, fusionne.telephone, fusionne.statut_social) == (
        "alix@exemple.fr",
        "feminin",
        "+33612345678",
        "retraite",
    )
    assert (fusionne.annee_naissance, fusionne.tranche_age, fusionne.commune_code_insee) == (
        1950,
        "soixante_dix_plus",
        "51454",
    )
    async with hub.session() as session:
        premiers = dict(
            (
                await session.execute(
                    sa.select(Accompagnement.activite_id, Accompagnement.premier_accompagnement).where(
                        Accompagnement.beneficiaire_id == cible
                    )
                )
            ).all()
        )
        assert premiers == {tot.id: True, tard.id: False, ensemble.id: False}
        ensemble_apres = await session.get(Activite, ensemble.id)
        assert ensemble_apres is not None and ensemble_apres.accompagnements_count == 1
        fusionnee = await session.get(Beneficiaire, source)
        assert fusionnee is not None and (fusionnee.fusion_vers_id, fusionnee.accompagnements_count) == (cible, 0)
        assert fusionnee.suppression is not None
        redirigee = await session.get(Beneficiaire, ancienne)
        assert redirigee is not None and redirigee.fusion_vers_id == cible
        assert await compteurs_incoherents(session, qui.id) == []
    assert (await mutations(hub))[-1] == (
        "fusionner_beneficiaires",
        {
            "source_id": source,
            "cible_id": cible,
            "champs_completes": [
                "statut_social",
                "tranche_age",
                "annee_naissance",
                "commune",
                "commune_code_postal",
                "commune_code_insee",
                "telephone",
            ],
        },
    )


async def test_a_merge_needs_two_of_the_mediator_s_followed_beneficiaires(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    autre = await mediateur_en_poste(hub, "dominique@exemple.fr")
    mien = await beneficiaire(hub, qui, "Alix", "Durand")
    sien = await beneficiaire(hub, autre, "Alix", "Durand")
    async with hub.session() as session, session.begin():
        with pytest.raises(ValidationError) as meme:
            await fusionner_beneficiaires(session, qui.id, mien, mien, par=None)
        for source, cible in ((sien, mien), (mien, sien), (mien, "id-devine")):
            with pytest.raises(NotFound):
                await fusionner_beneficiaires(session, qui.id, source, cible, par=None)
    assert meme.value.errors == {"source_id": MEME_BENEFICIAIRE}
    async with hub.session() as session:
        assert (await session.get(Beneficiaire, sien)).suppression is None  # type: ignore[union-attr]
