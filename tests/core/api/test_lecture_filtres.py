"""The read endpoints' parameters: a faulty value is a 400 whose ``extra`` names the parameter as
sent (never a 500); the ``depuis`` filters keep the rows created or changed since then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.core.api.lecture import lecteur, peupler
from tests.core.api.support import Api
from tests.core.organisation.support import structure

UN_UUID = "3f2b9c1a-0000-4000-8000-000000000000"
FAUTIFS = [
    ("/activites", "page[size]", "501"),
    ("/activites", "page[size]", "0"),
    ("/activites", "page[after]", "pas-un-curseur"),
    ("/activites", "filter[creation][depuis]", "hier"),
    ("/activites", "filter[modification][depuis]", "2025-09-01T00:00:00"),  # no offset
    ("/archives-v1/cras", "page[size]", "deux"),
    ("/structures", "ids", "pas-un-uuid"),
    ("/structures", "ids", ",".join(f"3f2b9c1a-0000-4000-8000-{rang:012d}" for rang in range(101))),
    ("/structures", "filter[creation][depuis]", "2025-13-01T00:00:00Z"),
    ("/lieux-activite", "ids", f"{UN_UUID},42"),
    ("/lieux-activite", "filter[dispositif_programmes_nationaux]", "Club de foot"),
    ("/utilisateurs", "filter[soft_deleted]", "2"),
    ("/utilisateurs", "filter[conseiller_numerique]", "oui"),
    ("/utilisateurs", "filter[dataspace_id]", "12,abc"),
    ("/utilisateurs", "filter[conseiller_numerique_id_pg]", "x"),
    ("/statistiques", "filter[du]", "2024-13-01"),
    ("/statistiques", "filter[types]", "Demarche"),
    ("/statistiques", "filter[mediateurs]", "camille"),
    ("/statistiques", "filter[beneficiaires]", f"{UN_UUID},x"),
    ("/statistiques", "filter[lieux]", "1"),
    ("/statistiques", "filter[communes]", "5145"),
    ("/statistiques", "filter[departements]", "ABCD"),
    ("/statistiques", "filter[conseiller_numerique]", "vrai"),
    ("/statistiques", "filter[demarches_administratives]", "2"),
]


@pytest.mark.parametrize(("chemin", "parametre", "valeur"), FAUTIFS)
async def test_a_faulty_parameter_is_a_400_naming_it(api: Api, chemin: str, parametre: str, valeur: str) -> None:
    reponse = await api.client.get(f"/api/v1{chemin}", params={parametre: valeur}, headers=await lecteur(api))

    assert reponse.status_code == 400, reponse.text
    assert list(reponse.json()["extra"]) == [parametre]
    assert parametre in reponse.json()["detail"]


async def test_a_period_ending_before_it_starts_names_its_end(api: Api) -> None:
    params = {"filter[du]": "2025-03-01", "filter[au]": "2025-02-01"}

    reponse = await api.client.get("/api/v1/statistiques", params=params, headers=await lecteur(api))

    assert reponse.status_code == 400
    assert list(reponse.json()["extra"]) == ["filter[au]"]


async def test_the_depuis_filters_keep_what_was_created_or_changed_since(api: Api) -> None:
    population = await peupler(api)
    auth = await lecteur(api)
    avant_elle = datetime.now(UTC).isoformat()
    nouvelle = await structure(api.hub, nom="Nouvelle structure")
    recente = (datetime.now(UTC) - timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    future = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()

    activites_recentes = await api.client.get(
        "/api/v1/activites", params={"filter[creation][depuis]": recente}, headers=auth
    )
    activites_futures = await api.client.get(
        "/api/v1/activites", params={"filter[modification][depuis]": future}, headers=auth
    )
    structures = await api.client.get(
        "/api/v1/structures", params={"filter[creation][depuis]": avant_elle}, headers=auth
    )

    assert [r["id"] for r in activites_recentes.json()["data"]] == population.activites
    assert activites_futures.json()["data"] == []
    assert [r["id"] for r in structures.json()["data"]] == [nouvelle]
