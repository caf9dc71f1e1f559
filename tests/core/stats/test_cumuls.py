"""The national rollup gives exactly the numbers of the direct queries: right after the job
ran, and after any writes made since (the touched days are recomputed)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur, PorteeNationale
from hub.core.activites.service import creer_activite, modifier_activite
from hub.core.hub import Hub
from hub.core.stats import calculer_statistiques
from hub.core.stats.cumuls.calcul import rafraichir_cumuls
from hub.core.stats.cumuls.lecture import compter_avec_cumuls, cumuls_utilisables, decouper
from hub.core.stats.cumuls.models import Cumul, CumulPeriode
from hub.core.stats.series import fenetre
from hub.core.tags.models import Tag
from tests.core.activites.support import INDIVIDUEL, beneficiaire, cra, mediateur_en_poste
from tests.core.activites.test_proprietes import Scenario, operations

AUJOURD_HUI = date(2025, 4, 1)
_numeros = itertools.count()

# Whole months and years too: the rollup reads them from its monthly and yearly levels.
jours = st.sampled_from([
    None, date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 10), date(2025, 1, 31), date(2025, 2, 1),
    date(2025, 2, 3), date(2025, 2, 4), date(2025, 2, 28), date(2025, 3, 21), date(2025, 12, 31),
])
filtres_cumulables = st.builds(
    lambda du, au, types: FiltresActivites(du=min(du, au) if du and au else du, au=max(du, au) if du and au else au, types=types),
    jours,
    jours,
    st.sampled_from([[], ["individuel"], ["collectif"], ["individuel", "collectif"]]),
)
etapes = st.lists(st.tuples(st.integers(min_value=0, max_value=1), operations), min_size=1, max_size=2)


async def _appliquer(hub: Hub, scenario: Scenario, etape: tuple[Any, ...]) -> None:
    async with hub.session() as session, session.begin():
        await scenario.appliquer(session, *etape)


async def _identiques(hub: Hub, filtres: FiltresActivites) -> None:
    async with hub.session() as session:
        assert await compter_avec_cumuls(session, PorteeNationale(), filtres, fenetre(filtres.au or AUJOURD_HUI), 2025)
        avec = await calculer_statistiques(session, PorteeNationale(), filtres, aujourd_hui=AUJOURD_HUI)
        sans = await calculer_statistiques(session, PorteeNationale(), filtres, aujourd_hui=AUJOURD_HUI, cumuls=False)
    assert avec == sans


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(avant=etapes, apres=etapes, filtres=st.lists(filtres_cumulables, min_size=1, max_size=3))
async def test_the_rollup_equals_the_direct_queries_before_and_after_further_writes(
    hub: Hub, avant: list[tuple[int, list[tuple[Any, ...]]]], apres: list[tuple[int, list[tuple[Any, ...]]]],
    filtres: list[FiltresActivites],
) -> None:
    scenarios = []
    for _ in range(2):
        scenario = Scenario(hub, await mediateur_en_poste(hub, f"cumuls{next(_numeros)}@exemple.fr"))
        await _appliquer(hub, scenario, ("beneficiaire",))
        scenarios.append(scenario)
    for qui, suite in avant:
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    for filtre in [FiltresActivites(), *filtres]:
        await _identiques(hub, filtre)
    for qui, suite in apres:
        for etape in suite:
            await _appliquer(hub, scenarios[qui], etape)
    for filtre in [FiltresActivites(), *filtres]:
        await _identiques(hub, filtre)


async def test_the_rollup_holds_counts_and_answers_only_national_period_and_type_filters(hub: Hub) -> None:
    scenario = Scenario(hub, await mediateur_en_poste(hub, "seul@exemple.fr"))
    await _appliquer(hub, scenario, ("individuel", "2025-02-03", None))
    await rafraichir_cumuls(hub, marge=timedelta(0))
    async with hub.session() as session:
        assert await session.scalar(sa.select(sa.func.sum(Cumul.accompagnements)).where(Cumul.dimension == "total")) == 1
    assert cumuls_utilisables(PorteeNationale(), FiltresActivites(du=date(2025, 1, 1), types=["individuel"]))
    assert not cumuls_utilisables(PorteeMediateur(scenario.qui.id), FiltresActivites())
    assert not cumuls_utilisables(PorteeNationale(), FiltresActivites(thematiques_non_administratives=["email"]))


async def test_changing_only_the_tags_of_an_activity_is_seen_by_the_rollup(hub: Hub) -> None:
    """An edit must bump the activity's ``modification`` even when no column of its row changes
    (here only its tags): the rollup finds the days to recompute with it."""
    qui = await mediateur_en_poste(hub, "tags@exemple.fr")
    alix = await beneficiaire(hub, qui, "Alix")
    async with hub.session() as session, session.begin():
        tag = Tag(nom="National")
        session.add(tag)
        await session.flush()
        activite = await creer_activite(session, qui.id, cra(INDIVIDUEL, beneficiaire={"id": alix}), par=None)
    await rafraichir_cumuls(hub, marge=timedelta(0))
    async with hub.session() as session, session.begin():
        await modifier_activite(
            session, qui.id, activite.id, cra(INDIVIDUEL, beneficiaire={"id": alix}, tags=[tag.id]), par=None
        )
    await _identiques(hub, FiltresActivites())


def test_a_period_is_read_as_whole_years_whole_months_and_days_around_the_touched_ones() -> None:
    premier, dernier = date(2024, 11, 29), date(2026, 11, 28)
    annee = ([date(2025, 1, 1)], [], [])
    assert decouper(date(2025, 1, 1), date(2025, 12, 31), premier, dernier, set(), date(2026, 1, 2)) == annee
    annees, mois, plages = decouper(
        date(2025, 1, 10), date(2026, 3, 5), premier, dernier, {date(2025, 6, 3)}, date(2026, 3, 9)
    )
    assert annees == []
    assert mois == [date(2025, m, 1) for m in (2, 3, 4, 5, 7, 8, 9, 10, 11, 12)] + [date(2026, 1, 1), date(2026, 2, 1)]
    assert plages == [
        (date(2025, 1, 10), date(2025, 1, 31)), (date(2025, 6, 1), date(2025, 6, 30)), (date(2026, 3, 1), date(2026, 3, 5))
    ]
    # Open bounds: the days the rollup holds; a partial first month read by day.
    annees, mois, plages = decouper(None, None, premier, dernier, {date(2026, 11, 28)}, None)
    assert annees == [date(2025, 1, 1)]
    assert mois == [date(2024, 12, 1)] + [date(2026, m, 1) for m in range(1, 11)]
    assert plages == [(date(2024, 11, 29), date(2024, 11, 30)), (date(2026, 11, 1), date(2026, 11, 28))]
    assert decouper(None, None, None, None, set(), None) == ([], [], [])


def test_the_year_or_month_holding_the_periods_end_is_read_whole_when_the_rollup_holds_nothing_after_it() -> None:
    premier, dernier = date(2024, 11, 29), date(2026, 11, 28)
    # The default period, 1st January to the rollup's last day or later, or to a day after which
    # the rollup holds nothing that year (the next rolled-up activity is in 2027).
    for au in (dernier, date(2026, 12, 15)):
        assert decouper(date(2026, 1, 1), au, premier, dernier, set(), None) == ([date(2026, 1, 1)], [], [])
    futur = date(2027, 1, 4)
    assert decouper(date(2026, 1, 1), date(2026, 11, 20), premier, futur, set(), futur) == ([date(2026, 1, 1)], [], [])
    # A touched day after the period's end changes nothing; one before it splits the year.
    assert decouper(date(2026, 1, 1), date(2026, 11, 20), premier, futur, {date(2026, 11, 25)}, futur)[0]
    assert decouper(date(2026, 1, 1), date(2026, 11, 20), premier, futur, {date(2026, 3, 2)}, futur) == (
        [], [date(2026, m, 1) for m in (1, 2, 4, 5, 6, 7, 8, 9, 10, 11)], [(date(2026, 3, 1), date(2026, 3, 31))]
    )
    # A rolled-up activity later that year (dated in the future, or before the rollup's last
    # day): the months up to the end's, which is read whole only when it holds none after it.
    assert decouper(date(2026, 1, 1), date(2026, 11, 20), premier, dernier, set(), date(2026, 12, 1)) == (
        [], [date(2026, m, 1) for m in range(1, 12)], []
    )
    assert decouper(date(2026, 1, 1), date(2026, 11, 20), premier, dernier, set(), date(2026, 11, 25)) == (
        [], [date(2026, m, 1) for m in range(1, 11)], [(date(2026, 11, 1), date(2026, 11, 20))]
    )


async def test_the_monthly_and_yearly_levels_add_up_the_days(hub: Hub) -> None:
    scenario = Scenario(hub, await mediateur_en_poste(hub, "niveaux@exemple.fr"))
    for jour in ("2025-01-31", "2025-02-01", "2025-02-03", "2024-12-31"):
        await _appliquer(hub, scenario, ("individuel", jour, None))
    await rafraichir_cumuls(hub, marge=timedelta(0))
    async with hub.session() as session:
        lignes = (
            await session.execute(
                sa.select(CumulPeriode.niveau, CumulPeriode.debut, CumulPeriode.accompagnements).where(
                    CumulPeriode.dimension == "total"
                )
            )
        ).all()
    par_periode: dict[tuple[str, date], int] = {}
    for niveau, debut, nombre in lignes:
        par_periode[(niveau, debut)] = par_periode.get((niveau, debut), 0) + nombre
    assert par_periode == {
        ("mois", date(2024, 12, 1)): 1, ("mois", date(2025, 1, 1)): 1, ("mois", date(2025, 2, 1)): 2,
        ("annee", date(2024, 1, 1)): 1, ("annee", date(2025, 1, 1)): 3,
    }
