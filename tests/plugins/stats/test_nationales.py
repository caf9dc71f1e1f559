"""The public national page: every activity of the hub, open to all, computed at most once an hour."""

from __future__ import annotations

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeNationale
from plugins.stats.nationales import Cache, cache_national
from tests.plugins.stats.support import MoteurEnregistre, bloc, texte


async def test_the_national_page_is_public_and_shows_the_national_figures(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"), login=None)

    page = await client.get("/stats/nationales")

    assert page.status_code == 200 and "<h1>Statistiques nationales</h1>" in page.text
    ((portee, filtres, _),) = moteur_enregistre.appels
    assert portee == PorteeNationale() and filtres == FiltresActivites()
    chiffres = texte(bloc(page.text, "stats-national"))
    assert "0 Médiateurs actifs" in chiffres and "1 342 Accompagnements" in chiffres
    assert "911 Bénéficiaires accompagnés" in chiffres and "389 bénéficiaires suivis par un médiateur" in chiffres


async def test_the_national_figures_are_computed_once_an_hour(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    client = await client_of(hub, login=None)
    maintenant = [1000.0]
    cache_national(hub).horloge = lambda: maintenant[0]

    await client.get("/stats/nationales")
    maintenant[0] += 3599
    await client.get("/stats/nationales")
    calculs_dans_l_heure = len(moteur_enregistre.appels)
    maintenant[0] += 2
    await client.get("/stats/nationales")

    assert calculs_dans_l_heure == 1 and len(moteur_enregistre.appels) == 2


async def test_concurrent_readers_of_an_expired_value_wait_for_one_computation() -> None:
    import asyncio

    cache: Cache[int] = Cache(duree=10, horloge=lambda: 0.0)
    calculs = []

    async def calculer() -> int:
        calculs.append(1)
        await asyncio.sleep(0.01)
        return len(calculs)

    valeurs = await asyncio.gather(*(cache.lire(calculer) for _ in range(5)))

    assert valeurs == [1] * 5 and len(calculs) == 1
