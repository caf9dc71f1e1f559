"""A collective workshop: followed and anonymous participants, each an accompagnement."""

from __future__ import annotations

import random

import sqlalchemy as sa

from hub.core.activites.models import Accompagnement
from hub.core.activites.service import creer_activite
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from tests.core.activites.support import COLLECTIF, beneficiaire, compteurs_incoherents, cra, mediateur_en_poste


async def test_a_workshop_with_3_followed_and_7_anonymous_participants_counts_10_accompagnements(hub: Hub) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    suivis = [await beneficiaire(hub, qui, prenom=prenom) for prenom in ("Alix", "Bao", "Chloé")]
    anonymes = {
        "total": 7,
        "deja_accompagne": 2,
        "genre_feminin": 4,
        "genre_masculin": 2,
        "tranche_age_soixante_dix_plus": 3,
        "statut_social_retraite": 5,
    }
    async with hub.session() as session, session.begin():
        activite = await creer_activite(
            session,
            qui.id,
            cra(COLLECTIF, participants=suivis, participants_anonymes=anonymes, titre_atelier="Découvrir l'e-mail"),
            par=qui.user_id,
            aleatoire=random.Random(4),
        )

    async with hub.session() as session:
        assert activite.accompagnements_count == 10
        rows = (
            await session.execute(
                sa.select(Beneficiaire, Accompagnement.premier_accompagnement)
                .join(Accompagnement, Accompagnement.beneficiaire_id == Beneficiaire.id)
                .where(Accompagnement.activite_id == activite.id)
            )
        ).all()
        assert len(rows) == 10
        assert sorted(b.id for b, _ in rows if not b.anonyme) == sorted(suivis)
        crees = [(b, premier) for b, premier in rows if b.anonyme]
        assert len(crees) == 7 and all(b.attributions_aleatoires for b, _ in crees)
        assert sorted(b.genre for b, _ in crees) == ["feminin"] * 4 + ["masculin"] * 2 + ["non_communique"]
        assert sum(b.tranche_age == "soixante_dix_plus" for b, _ in crees) == 3
        assert sum(b.statut_social == "retraite" for b, _ in crees) == 5
        assert sum(not premier for _, premier in crees) == 2
        assert await session.scalar(sa.select(sa.func.count()).select_from(Beneficiaire)) == 10
        mediateur = await session.get(Mediateur, qui.id)
        assert mediateur is not None
        assert (mediateur.activites_count, mediateur.accompagnements_count, mediateur.beneficiaires_count) == (
            1,
            10,
            10,
        )
        assert await compteurs_incoherents(session, qui.id) == []
