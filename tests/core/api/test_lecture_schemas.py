"""Every answer of La Coop's read endpoints conforms to the schema La Coop's OpenAPI file gives
it, and carries what the hub holds: anonymised activities with their bénéficiaires' split,
structures with their counters, the lieux of the national map with their aidants, users with
their links, the (empty) V1 archive."""

from __future__ import annotations

from typing import Any

from tests.core.api.lecture import erreurs_schema, lecteur, openapi_coop, peupler
from tests.core.api.support import Api


async def lire(api: Api, chemin: str, **params: Any) -> Any:
    reponse = await api.client.get(f"/api/v1{chemin}", params=params, headers=await lecteur(api))
    assert reponse.status_code == 200, reponse.text
    return reponse.json()


async def test_health_conforms(api: Api) -> None:
    coop = openapi_coop()
    reponse = await api.client.get("/api/v1/health")

    assert reponse.status_code == 200
    assert erreurs_schema(coop, "/health", reponse.json()) == []


async def test_activites_conform_and_are_anonymised_with_their_beneficiaires(api: Api) -> None:
    coop = openapi_coop()
    population = await peupler(api)

    corps = await lire(api, "/activites")

    assert erreurs_schema(coop, "/activites", corps) == []
    par_id = {ressource["id"]: ressource["attributes"] for ressource in corps["data"]}
    assert list(par_id) == population.activites  # by creation, the deleted one included
    individuel, atelier, supprimee = (par_id[i] for i in population.activites)
    assert individuel["beneficiaires"]["total"] == 1
    assert individuel["beneficiaires"]["genres"] == {"masculin": 0, "feminin": 1, "non_communique": 0}
    assert individuel["beneficiaires"]["tranches_age"]["soixante_dix_plus"] == 1
    assert atelier["accompagnements"] == atelier["beneficiaires"]["total"] == 3
    assert atelier["beneficiaires"]["genres"] == {"masculin": 2, "feminin": 0, "non_communique": 1}
    assert atelier["beneficiaires"]["statuts"]["retraite"] == 1
    assert atelier["structure_id"] == population.camille.lieux[0]
    assert supprimee["suppression"] is not None and individuel["suppression"] is None
    assert supprimee["beneficiaires"]["total"] == 0
    assert not {"notes", "beneficiaire", "participants", "tag_ids"} & set(individuel)
    assert corps["meta"] == {
        "total_count": 3,
        "items_per_page": 500,
        "total_pages": 1,
        "has_next_page": False,
        "has_prev_page": False,
    }


async def test_structures_conform_with_their_counters(api: Api) -> None:
    coop = openapi_coop()
    population = await peupler(api)

    corps = await lire(api, "/structures")
    choisies = await lire(api, "/structures", ids=f"{population.camille.lieux[0]},{population.camille.employeur}")

    assert erreurs_schema(coop, "/structures", corps) == []
    par_id = {ressource["id"]: ressource["attributes"] for ressource in corps["data"]}
    lieu, employeur = par_id[population.camille.lieux[0]], par_id[population.camille.employeur]
    assert (lieu["mediateurs_en_activite"], lieu["emplois"]) == (1, 0)
    assert (employeur["mediateurs_en_activite"], employeur["emplois"]) == (0, 1)
    assert lieu["services"] == ["Aide aux démarches administratives", "Utilisation sécurisée du numérique"]
    assert lieu["visible_pour_cartographie_nationale"] is True
    assert {r["id"] for r in choisies["data"]} == {population.camille.lieux[0], population.camille.employeur}
    assert choisies["meta"]["total_count"] == 2


async def test_lieux_activite_conform_in_the_national_schema_with_their_aidants(api: Api) -> None:
    coop = openapi_coop()
    population = await peupler(api)

    lieux = await lire(api, "/lieux-activite")
    dispositif = "filter[dispositif_programmes_nationaux]"
    conseillers = await lire(api, "/lieux-activite", **{dispositif: "Conseillers numériques"})
    pix = await lire(api, "/lieux-activite", **{dispositif: "Certification PIX"})

    assert erreurs_schema(coop, "/lieux-activite", lieux) == []
    assert [lieu["id"] for lieu in lieux] == [population.camille.lieux[0]]  # the employer is not on the map
    (lieu,) = lieux
    assert lieu["pivot"] == "21510454600019"
    assert lieu["services"] == "Aide aux démarches administratives|Utilisation sécurisée du numérique"
    assert lieu["courriels"] == "contact@exemple.fr|accueil@exemple.fr"
    assert lieu["dispositif_programmes_nationaux"] == "France Services|Conseillers numériques"
    assert lieu["source"] == api.hub.settings.site_name
    assert "telephone" not in lieu  # no value: left out, as the national schema wants
    assert lieu["aidants"] == [
        {
            "id": population.camille.user_id,
            "nom": "camille@exemple.fr",
            "courriel": "camille@exemple.fr",
            "telephone": "+33326000000",
        }
    ]
    assert conseillers == lieux and pix == []


async def test_a_lieu_leaves_the_map_when_nobody_works_there_and_hides_invisible_aidants(api: Api) -> None:
    import sqlalchemy as sa

    from hub.core.identity.models import Mediateur
    from hub.core.structures.models import MediateurEnActivite

    population = await peupler(api)
    async with api.hub.session() as db, db.begin():
        await db.execute(sa.update(Mediateur).where(Mediateur.id == population.camille.id).values(is_visible=False))
    sans_aidant = await lire(api, "/lieux-activite")
    async with api.hub.session() as db, db.begin():
        await db.execute(sa.update(MediateurEnActivite).values(fin=sa.func.now()))
    vide = await lire(api, "/lieux-activite")

    assert [lieu["id"] for lieu in sans_aidant] == [population.camille.lieux[0]]
    assert "aidants" not in sans_aidant[0]
    assert vide == []


async def test_utilisateurs_conform_with_their_links_and_no_admin(api: Api) -> None:
    coop = openapi_coop()
    population = await peupler(api)

    corps = await lire(api, "/utilisateurs")
    conseillers = await lire(api, "/utilisateurs", **{"filter[conseiller_numerique]": "1"})
    dataspace = await lire(api, "/utilisateurs", **{"filter[dataspace_id]": "12,13"})
    supprimes = await lire(api, "/utilisateurs", **{"filter[soft_deleted]": "1"})

    assert erreurs_schema(coop, "/utilisateurs", corps) == []
    par_id = {ressource["id"]: ressource["attributes"] for ressource in corps["data"]}
    assert set(par_id) == {population.camille.user_id, population.coordinateur_user_id}
    camille, dominique = par_id[population.camille.user_id], par_id[population.coordinateur_user_id]
    assert [emploi["structure_id"] for emploi in camille["emplois"]] == [population.camille.employeur]
    assert [lien["structure_id"] for lien in camille["mediateur"]["en_activite"]] == population.camille.lieux
    assert [lien["coordinateur_id"] for lien in camille["mediateur"]["coordinations"]] == [
        dominique["coordinateur"]["id"]
    ]
    assert [lien["mediateur_id"] for lien in dominique["coordinateur"]["mediateurs_coordonnes"]] == [
        population.camille.id
    ]
    assert camille["coordinateur"] is None and dominique["mediateur"] is None
    assert camille["conseiller_numerique"] == {"is_conseiller_numerique": True, "id_pg": None}
    assert [ressource["id"] for ressource in conseillers["data"]] == [population.camille.user_id]
    assert dataspace["data"] == [] and supprimes["data"] == []


async def test_the_v1_archive_is_an_empty_conforming_list(api: Api) -> None:
    coop = openapi_coop()

    corps = await lire(api, "/archives-v1/cras", **{"page[size]": "20"})

    assert erreurs_schema(coop, "/archives-v1/cras", corps) == []
    assert corps["data"] == []
    assert corps["jsonapi"] == {"version": "1.0"}
    assert corps["meta"] == {
        "total_count": 0,
        "items_per_page": 20,
        "total_pages": 0,
        "has_next_page": False,
        "has_prev_page": False,
    }


async def test_the_schemas_catch_a_nonconforming_answer(api: Api) -> None:
    """The validation used above does refuse what La Coop's schema forbids."""
    coop = openapi_coop()
    population = await peupler(api)
    corps = await lire(api, "/activites")

    corps["data"][0]["attributes"]["type_lieu"] = "ailleurs"
    del corps["data"][1]["attributes"]["suppression"]

    erreurs = erreurs_schema(coop, "/activites", corps)
    assert len(erreurs) == 2 and population.activites
