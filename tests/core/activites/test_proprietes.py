"""Counters and « premier accompagnement » stay right through any sequence of writes.

Hypothesis draws sequences of CRA creations (individual, with a followed or an anonymous
bénéficiaire; collective, with followed and anonymous participants), edits (date and
bénéficiaires), duplications, deletions, and bénéficiaire creations, merges and deletions;
after each step, every counter and flag is compared with a plain recomputation from the rows.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.inputs import Cra
from hub.core.activites.models import Activite
from hub.core.activites.saisie import dupliquer_activite
from hub.core.activites.service import creer_activite, modifier_activite, supprimer_activite
from hub.core.beneficiaires.fusion import fusionner_beneficiaires
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import creer_beneficiaire, supprimer_beneficiaire
from hub.core.hub import Hub
from tests.core.activites.support import (
    COLLECTIF,
    INDIVIDUEL,
    EnPoste,
    beneficiaire,
    compteurs_incoherents,
    cra,
    mediateur_en_poste,
)

DATES = ["2025-01-10", "2025-02-03", "2025-02-03", "2025-03-21"]
_numeros = itertools.count()

rang = st.integers(min_value=0, max_value=20)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("beneficiaire")),
        st.tuples(st.just("individuel"), st.sampled_from(DATES), st.none() | rang),
        st.tuples(
            st.just("collectif"),
            st.sampled_from(DATES),
            st.lists(rang, max_size=3),
            st.integers(min_value=0, max_value=3),
            st.integers(min_value=0, max_value=3),
        ),
        st.tuples(st.just("modifier"), rang, st.sampled_from(DATES), st.lists(rang, max_size=3)),
        st.tuples(st.just("dupliquer"), rang),
        st.tuples(st.just("supprimer"), rang),
        st.tuples(st.just("fusionner"), rang, rang),
        st.tuples(st.just("supprimer_beneficiaire"), rang),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(etapes=operations)
@example(  # both merged bénéficiaires in one workshop: the activity loses an accompagnement
    etapes=[("beneficiaire",), ("collectif", DATES[1], [0, 1], 1, 1), ("fusionner", 0, 0)]
)
@example(  # a deleted (anonymised) bénéficiaire's only activity deleted: no longer counted twice
    etapes=[("individuel", DATES[0], 0), ("supprimer_beneficiaire", 0), ("supprimer", 0)]
)
@example(  # an earlier activity recorded, edited to a later date, duplicated, deleted
    etapes=[
        ("individuel", DATES[3], 0),
        ("individuel", DATES[0], 0),
        ("modifier", 1, DATES[3], [0]),
        ("dupliquer", 0),
        ("supprimer", 0),
        ("supprimer_beneficiaire", 0),
        ("modifier", 0, DATES[2], []),
    ]
)
async def test_counters_and_premier_accompagnement_match_the_rows_after_any_sequence(
    hub: Hub, etapes: list[tuple[Any, ...]]
) -> None:
    scenario = Scenario(hub, await mediateur_en_poste(hub, f"mediateur{next(_numeros)}@exemple.fr"))
    scenario.suivis.append(await beneficiaire(hub, scenario.qui, prenom="Alix"))
    for etape in etapes:
        async with hub.session() as session, session.begin():
            await scenario.appliquer(session, *etape)
        async with hub.session() as session:
            assert await compteurs_incoherents(session, scenario.qui.id) == [], etape


@dataclass
class Scenario:
    """One mediator, their followed bénéficiaires and activities (not deleted), and the steps
    that change them; a step's ranks pick among those (modulo their number)."""

    hub: Hub
    qui: EnPoste
    suivis: list[str] = field(default_factory=list)
    activites: list[str] = field(default_factory=list)
    aleatoire: random.Random = field(default_factory=lambda: random.Random(0))

    async def appliquer(self, session: AsyncSession, nom: str, *args: Any) -> None:
        qui, suivis, activites = self.qui, self.suivis, self.activites
        if nom == "beneficiaire":
            cree = await creer_beneficiaire(
                session, qui.id, BeneficiaireInput(prenom=f"P{len(suivis)}", nom="M"), par=None
            )
            suivis.append(cree.id)
        elif nom == "individuel":
            date, choix = args
            lie = {"id": suivis[choix % len(suivis)]} if choix is not None and suivis else {"genre": "feminin"}
            activites.append((await self._creer(session, cra(INDIVIDUEL, date=date, beneficiaire=lie))).id)
        elif nom == "collectif":
            date, rangs, total, deja = args
            participants, anonymes = self._choisis(rangs), {"total": total, "deja_accompagne": min(deja, total)}
            if participants or total:
                atelier = cra(COLLECTIF, date=date, participants=participants, participants_anonymes=anonymes)
                activites.append((await self._creer(session, atelier)).id)
        elif nom == "modifier" and activites:
            activite_id, date, participants = activites[args[0] % len(activites)], args[1], self._choisis(args[2])
            nouveau = (
                cra(INDIVIDUEL, date=date, beneficiaire={"id": participants[0]})
                if len(participants) == 1
                else cra(COLLECTIF, date=date, participants=participants, participants_anonymes={"total": 1})
            )
            await modifier_activite(session, qui.id, activite_id, nouveau, par=None, aleatoire=self.aleatoire)
        elif nom == "dupliquer" and activites:
            copie = await dupliquer_activite(session, qui.id, activites[args[0] % len(activites)])
            activites.append((await self._creer(session, copie)).id)
        elif nom == "supprimer" and activites:
            await supprimer_activite(session, qui.id, activites.pop(args[0] % len(activites)), par=None)
        elif nom == "fusionner" and len(suivis) >= 2:
            source = suivis.pop(args[0] % len(suivis))
            await fusionner_beneficiaires(session, qui.id, source, suivis[args[1] % len(suivis)], par=None)
        elif nom == "supprimer_beneficiaire" and suivis:
            await supprimer_beneficiaire(session, qui.id, suivis.pop(args[0] % len(suivis)), par=None)

    async def _creer(self, session: AsyncSession, nouvelle: Cra) -> Activite:
        return await creer_activite(session, self.qui.id, nouvelle, par=None, aleatoire=self.aleatoire)

    def _choisis(self, rangs: list[int]) -> list[str]:
        return list(dict.fromkeys(self.suivis[rang % len(self.suivis)] for rang in rangs)) if self.suivis else []
