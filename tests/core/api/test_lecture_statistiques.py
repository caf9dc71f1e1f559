"""``GET /api/v1/statistiques``: the national statistics in La Coop's shape, conforming to its
schema, filtered by ``filter[X]``, the three parts of the totals adding up to 100 %."""

from __future__ import annotations

from typing import Any

from tests.core.activites.support import INDIVIDUEL
from tests.core.api.lecture import erreurs_schema, lecteur, openapi_coop, peupler
from tests.core.api.support import Api, client_api


async def statistiques(api: Api, **params: Any) -> Any:
    reponse = await api.client.get("/api/v1/statistiques", params=params, headers=await lecteur(api, "statistiques"))
    assert reponse.status_code == 200, reponse.text
    return reponse.json()


async def test_statistics_conform_and_split_the_totals_in_three(api: Api) -> None:
    coop = openapi_coop()
    population = await peupler(api)
    _, ecriture = await client_api(api.hub, nom="Autre outil")
    demarche = INDIVIDUEL | {
        "mediateur_id": population.camille.id,
        "thematiques": ["aide_aux_demarches_administratives", "logement"],
    }
    assert (await api.client.post("/api/v1/activites", json=demarche, headers=ecriture)).status_code == 201

    corps = await statistiques(api)

    assert erreurs_schema(coop, "/statistiques", corps) == []
    assert corps["data"]["type"] == corps["data"]["id"] == "statistiques"
    assert corps["meta"] == {} and corps["links"]["self"]["href"].endswith("/api/v1/statistiques")
    totaux = corps["data"]["attributes"]["totaux"]
    activites, accompagnements = totaux["activites"], totaux["accompagnements"]
    # Not deleted: 1 individual, 1 workshop of 3, 1 individual démarche.
    assert activites["total"] == 3
    assert [activites[part]["total"] for part in ("individuels", "collectifs", "demarches")] == [1, 1, 1]
    assert activites["collectifs"]["participants"] == 3
    assert accompagnements["total"] == 5
    assert [accompagnements[part]["total"] for part in ("individuels", "collectifs", "demarches")] == [1, 3, 1]
    for totaux_ in (activites, accompagnements):
        assert round(sum(totaux_[part]["proportion"] for part in ("individuels", "collectifs", "demarches")), 3) == 100
    beneficiaires = corps["data"]["attributes"]["beneficiaires"]
    assert beneficiaires["total"] == 5
    assert {part["value"]: part["count"] for part in beneficiaires["genres"]}["masculin"] == 2


async def test_filters_narrow_the_statistics(api: Api) -> None:
    population = await peupler(api)

    collectifs = await statistiques(api, **{"filter[types]": "Collectif"})
    au_lieu = await statistiques(api, **{"filter[lieux]": population.camille.lieux[0]})
    avant = await statistiques(api, **{"filter[au]": "2024-12-31"})
    autre_mediateur = await statistiques(api, **{"filter[mediateurs]": population.camille.employeur})

    def total(corps: Any) -> int:
        return int(corps["data"]["attributes"]["totaux"]["accompagnements"]["total"])

    assert total(collectifs) == total(au_lieu) == 3
    assert total(avant) == total(autre_mediateur) == 0
