"""The per-mediator levels of the rollup give exactly the numbers of the direct queries for a
mediator, a team (a member who left included, their departure level too) and the national
followed bénéficiaires of a calendar year or month, or from its first day to an earlier one (the
default period, 1st January to today; activities dated in the future included): right after the
job ran, and after further writes (activities, bénéficiaires edited, merged or deleted); and they
are actually read."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import Portee, PorteeEquipe, PorteeMediateur, PorteeNationale
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.service import modifier_beneficiaire
from hub.core.hub import Hub
from hub.core.stats import calculer_statistiques
from hub.core.stats.cumuls import lecture, mediateurs
from hub.core.stats.cumuls.calcul import rafraichir_cumuls
from hub.core.stats.cumuls.models import CumulDepart, CumulMediateur, CumulSuivis
from hub.core.stats.series import fenetre
from hub.core.teams.models import MediateurCoordonne
from tests.core.activites.support import mediateur_en_poste
from tests.core.activites.test_proprietes import Scenario, operations
from tests.core.organisation.support import coordinateur_id, utilisateur

AUJOURD_HUI = date(2025, 4, 1)
DEPART = date(2025, 2, 3)
_numeros = itertools.count()

ANNEE = FiltresActivites(du=date(2025, 1, 1), au=date(2025, 12, 31))
FEVRIER = FiltresActivites(du=date(2025, 2, 1), au=date(2025, 2, 28))
JANVIER_COLLECTIFS = FiltresActivites(du=date(2025, 1, 1), au=date(2025, 1, 31), types=["collectif"])
CIVILES = [ANNEE, FEVRIER, FiltresActivites(du=date(2025, 1, 1), au=date(2025, 1, 31))]
AUTRES = [
    FiltresActivites(),
    FiltresActivites(du=date(2025, 2, 3), au=date(2025, 3, 21)),
    FiltresActivites(du=date(2024, 1, 1), au=date(2025, 12, 31)),
    JANVIER_COLLECTIFS,
    FiltresActivites(au=date(2025, 2, 3), types=["individuel"]),
]

# The default period (1st January to today) and the 1st of a month to a day: ending before, on
# and after the last rolled-up activity, some of them dated after today.
FUTURS = ["2025-04-02", "2025-05-12", "2025-06-30"]
DEFAUT = FiltresActivites(du=date(2025, 1, 1), au=AUJOURD_HUI)
fins = st.lists(
    st.sampled_from([
        date(2025, 1, 10), date(2025, 2, 3), date(2025, 3, 20), date(2025, 3, 21), date(2025, 4, 2), date(2025, 5, 11),
        date(2025, 5, 12), date(2025, 6, 29), date(2025, 6, 30),
    ]),
    min_size=1,
    max_size=3,
    unique=True,
)
futurs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=1),
        st.tuples(st.sampled_from(FUTURS), st.sampled_from([None, 0])).map(lambda jour: [("individuel", *jour)]),
    ),
    max_size=2,
)

edition = st.tuples(
    st.just("editer"),
    st.integers(min_value=0, max_value=20),
    st.sampled_from([None, "feminin", "masculin"]),
    st.sampled_from([None, 1950, 2010]),
    st.booleans(),
)
etapes = st.lists(
    st.tuples(st.integers(min_value=0, max_value=1), st.one_of(operations, st.lists(edition, min_size=1, max_size=2))),
    min_size=1,
    max_size=3,
)


async def _appliquer(hub: Hub, scenario: Scenario, etape: tuple[Any, ...]) -> None:
    async with hub.session() as session, session.begin():
        if etape[0] != "editer":
            await scenario.appliquer(session, *etape)
            return
        if not scenario.suivis:
            return
        _, rang, genre, annee, commune = etape
        donnees = BeneficiaireInput(
            prenom="Édité", nom="M", genre=genre, annee_naissance=annee,
            **({"commune": "Reims", "commune_code_postal": "51100", "commune_code_insee": "51454"} if commune else {}),
        )
        await modifier_beneficiaire(session, scenario.qui.id, scenario.suivis[rang % len(scenario.suivis)], donnees, par=None)


class Espion:
    """Records what :func:`compter_avec_cumuls` read from the per-mediator levels."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.plans: list[mediateurs.Plan] = []
        self.suivis: list[list[tuple[str, date, str]]] = []
        planifier, selection = mediateurs.planifier, mediateurs.selection_suivis

        def planifier_espion(*args: Any) -> mediateurs.Plan:
            self.plans.append(planifier(*args))
            return self.plans[-1]

        def selection_espion(cles: Any, *args: Any) -> Any:
            self.suivis.append(list(cles))
            return selection(cles, *args)

        monkeypatch.setattr(lecture, "planifier", planifier_espion)
        monkeypatch.setattr(lecture, "selection_suivis", selection_espion)

    def vider(self) -> None:
        self.plans.clear()
        self.suivis.clear()


async def _quitter_une_equipe(hub: Hub, mediateur_id: str) -> None:
    """The mediator left a team on :data:`DEPART` (at Paris time): the job rolls that day up."""
    coordo = await utilisateur(hub, f"coordo{next(_numeros)}@exemple.fr", "coordinateur")
    async with hub.session() as session, session.begin():
        session.add(
            MediateurCoordonne(
                mediateur_id=mediateur_id,
                coordinateur_id=await coordinateur_id(hub, coordo),
                creation=datetime(2024, 6, 1, tzinfo=UTC),
                suppression=datetime(2025, 2, 3, 22, 30, tzinfo=UTC),  # 23:30 in Paris
            )
        )


def _portees(scenarios: list[Scenario]) -> list[Portee]:
    premier, second = (scenario.qui.id for scenario in scenarios)
    return [
        PorteeNationale(),
        PorteeMediateur(premier),
        PorteeEquipe("coordination", {premier: None, second: DEPART}),
        PorteeEquipe("coordination", {premier: None, second: None}),
    ]


async def _identiques(hub: Hub, portee: Portee, filtres: FiltresActivites) -> None:
    async with hub.session() as session:
        assert await lecture.compter_avec_cumuls(session, portee, filtres, fenetre(filtres.au or AUJOURD_HUI), 2025)
        avec = await calculer_statistiques(session, portee, filtres, aujourd_hui=AUJOURD_HUI)
        sans = await calculer_statistiques(session, portee, filtres, aujourd_hui=AUJOURD_HUI, cumuls=False)
    assert avec == sans, (portee, filtres)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(avant=etapes, apres=etapes)
async def test_the_per_mediator_levels_equal_the_direct_queries_before_and_after_further_writes(
    hub: Hub, monkeypatch: pytest.MonkeyPatch, avant: list[tuple[int, list[tuple[Any, ...]]]],
    apres: list[tuple[int, list[tuple[Any, ...]]]],
) -> None:
    espion = Espion(monkeypatch)
    scenarios = []
    for _ in range(2):
        scenario = Scenario(hub, await mediateur_en_poste(hub, f"niveaux{next(_numeros)}@exemple.fr"))
        await _appliquer(hub, scenario, ("beneficiaire",))
        await _appliquer(hub, scenario, ("individuel", "2025-02-03", 0))
        scenarios.append(scenario)
    await _quitter_une_equipe(hub, scenarios[1].qui.id)
    for qui, suite in avant:
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    portees = _portees(scenarios)
    # Right after the job: every mediator's whole year (or, for the member who left, the year up
    # to their departure) and followed bénéficiaires are read.
    for portee in portees:
        for filtres in CIVILES:
            espion.vider()
            await _identiques(hub, portee, filtres)
            assert espion.suivis, (portee, filtres)
            if not isinstance(portee, PorteeNationale):
                membres = 1 if isinstance(portee, PorteeMediateur) else 2
                plan = espion.plans[-1]
                assert not plan.suivis_directs or (portee == portees[2] and filtres is FEVRIER)
                if filtres is ANNEE:
                    assert len(plan.lus) == membres
                    assert not plan.directes
        for filtres in AUTRES:
            await _identiques(hub, portee, filtres)
    for qui, suite in apres:
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    for portee in portees:
        for filtres in [*CIVILES, *AUTRES]:
            await _identiques(hub, portee, filtres)


async def _deux_mediateurs(hub: Hub, *etapes: tuple[Any, ...]) -> list[Scenario]:
    """Two mediators with a followed bénéficiaire and ``etapes`` each; the second left a team on
    :data:`DEPART`."""
    scenarios = []
    for _ in range(2):
        scenario = Scenario(hub, await mediateur_en_poste(hub, f"defaut{next(_numeros)}@exemple.fr"))
        for etape in (("beneficiaire",), *etapes):
            await _appliquer(hub, scenario, etape)
        scenarios.append(scenario)
    await _quitter_une_equipe(hub, scenarios[1].qui.id)
    return scenarios


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(avant=st.tuples(etapes, futurs), apres=st.tuples(etapes, futurs), fins=fins)
async def test_a_period_from_the_first_day_of_a_year_or_month_equals_the_direct_queries(
    hub: Hub, avant: tuple[list[Any], list[Any]], apres: tuple[list[Any], list[Any]], fins: list[date]
) -> None:
    scenarios = await _deux_mediateurs(hub, ("individuel", "2025-02-03", 0))
    periodes = [DEFAUT] + [
        FiltresActivites(du=du, au=au) for au in fins for du in (date(au.year, 1, 1), au.replace(day=1))
    ]
    for qui, suite in (*avant[0], *avant[1]):
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    for portee in _portees(scenarios):
        for filtres in periodes:
            await _identiques(hub, portee, filtres)
    for qui, suite in (*apres[0], *apres[1]):
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    for portee in _portees(scenarios):
        for filtres in periodes:
            await _identiques(hub, portee, filtres)


async def test_the_default_period_reads_the_years_and_months_levels_unless_the_rollup_holds_later_activities(
    hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    espion = Espion(monkeypatch)
    scenarios = await _deux_mediateurs(hub, ("individuel", "2025-01-10", 0), ("individuel", "2025-03-21", 0))
    premier = scenarios[0].qui.id
    national, seul, equipe, _ = _portees(scenarios)
    mars = FiltresActivites(du=date(2025, 3, 1), au=date(2025, 3, 25))

    async def lu(portee: Portee, filtres: FiltresActivites) -> tuple[list[Any], mediateurs.Plan | None]:
        espion.vider()
        await _identiques(hub, portee, filtres)
        return (espion.suivis[-1] if espion.suivis else []), (espion.plans[-1] if espion.plans else None)

    await rafraichir_cumuls(hub, marge=timedelta(0))
    for filtres, niveau in ((DEFAUT, "annee"), (mars, "mois")):
        suivis, _ = await lu(national, filtres)
        assert (niveau, filtres.du, "") in suivis
        suivis, plan = await lu(seul, filtres)
        assert suivis == [(niveau, filtres.du, premier)] and plan is not None and not plan.suivis_directs
        assert plan.lus == ([(premier, "annee", date(2025, 1, 1))] if niveau == "annee" else [])
        assert not plan.directes or niveau == "mois"  # no monthly level of the activities per mediator
        suivis, plan = await lu(equipe, filtres)
        assert (niveau, filtres.du, premier) in suivis and plan is not None and not plan.suivis_directs
    # An activity dated after the period's end, rolled up: that year is no longer read as a whole
    # up to then (but up to it, and the months before it are).
    await _appliquer(hub, scenarios[0], ("individuel", "2025-05-12", 0))
    await rafraichir_cumuls(hub, marge=timedelta(0))
    assert not (await lu(national, DEFAUT))[0]
    suivis, plan = await lu(seul, DEFAUT)
    assert not suivis and plan is not None and plan.suivis_directs and not plan.lus
    assert (await lu(seul, mars))[0] == [("mois", mars.du, premier)]
    jusqu_au_futur = FiltresActivites(du=date(2025, 1, 1), au=date(2025, 5, 12))
    assert ("annee", jusqu_au_futur.du, "") in (await lu(national, jusqu_au_futur))[0]
    assert (await lu(seul, jusqu_au_futur))[0] == [("annee", jusqu_au_futur.du, premier)]


async def test_the_levels_hold_each_mediators_year_series_and_followed(hub: Hub) -> None:
    scenario = Scenario(hub, await mediateur_en_poste(hub, "niveaux@exemple.fr"))
    for etape in (("beneficiaire",), ("individuel", "2025-02-03", 0), ("individuel", "2025-03-21", 0),
                  ("individuel", "2024-12-31", None)):
        await _appliquer(hub, scenario, etape)
    await _appliquer(hub, scenario, ("editer", 0, "feminin", 1950, True))
    await _quitter_une_equipe(hub, scenario.qui.id)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    async with hub.session() as session:
        departs = (await session.execute(sa.select(CumulDepart.mediateur_id, CumulDepart.jour))).all()
        totaux = dict(
            (
                await session.execute(
                    sa.select(CumulMediateur.debut, sa.func.sum(CumulMediateur.accompagnements))
                    .where(CumulMediateur.mediateur_id == scenario.qui.id, CumulMediateur.dimension == "total")
                    .group_by(CumulMediateur.debut)
                )
            ).all()
        )
        suivis = set(
            (
                await session.execute(
                    sa.select(CumulSuivis.mediateur_id, CumulSuivis.niveau, CumulSuivis.debut, CumulSuivis.valeur,
                              CumulSuivis.nombre)
                    .where(CumulSuivis.dimension == "naissance")
                )
            ).all()
        )
    assert departs == [(scenario.qui.id, DEPART)]
    # The year, and the 1st January to the departure (for a team the mediator left that day).
    assert totaux == {date(2024, 1, 1): 1, date(2025, 1, 1): 2, DEPART: 1}
    for qui in (scenario.qui.id, ""):
        assert (qui, "annee", date(2025, 1, 1), "1950|soixante_dix_plus", 1) in suivis
        assert (qui, "mois", date(2025, 2, 1), "1950|soixante_dix_plus", 1) in suivis
    assert (scenario.qui.id, "parti", DEPART, "1950|soixante_dix_plus", 1) in suivis
    assert ("", "parti", DEPART, "1950|soixante_dix_plus", 1) not in suivis
    assert mediateurs.tranche("1950|", 2025) == "soixante_dix_plus"
    assert mediateurs.tranche("|douze_dix_huit", 2025) == "douze_dix_huit"
    assert mediateurs.tranche("|", 2025) == "non_communique"
    annee = ("annee", date(2025, 1, 1))
    assert mediateurs.periode_civile(date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 5)) == annee
    assert mediateurs.periode_civile(date(2024, 2, 1), date(2024, 2, 29), None) == ("mois", date(2024, 2, 1))
    assert mediateurs.periode_civile(date(2025, 1, 1), date(2025, 2, 28), date(2025, 3, 1)) is None
    # Up to a day after which the rollup holds nothing in the year (or in the month).
    assert mediateurs.periode_civile(date(2025, 1, 1), date(2025, 2, 28), None) == annee
    assert mediateurs.periode_civile(date(2025, 1, 1), date(2025, 2, 28), date(2026, 1, 1)) == annee
    assert mediateurs.periode_civile(date(2025, 2, 1), date(2025, 2, 20), date(2025, 3, 1)) == ("mois", date(2025, 2, 1))
    assert mediateurs.periode_civile(date(2025, 2, 1), date(2025, 2, 20), date(2025, 2, 21)) is None
    assert mediateurs.periode_civile(date(2025, 1, 1), date(2026, 1, 20), None) is None
    assert mediateurs.plages_hors(None, None, [2025]) == [(None, date(2024, 12, 31)), (date(2026, 1, 1), None)]
    assert mediateurs.plages_hors(date(2025, 1, 1), date(2025, 12, 31), [2025]) == []
