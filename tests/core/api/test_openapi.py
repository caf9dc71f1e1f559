"""The hub's OpenAPI document: committed as ``docs/openapi.json`` and kept equal to the code's;
served at ``/api/v1/openapi`` with every La Coop read path and its parameters, and rendered as
an HTML page at ``/api/v1/documentation``."""

from __future__ import annotations

import re
from pathlib import Path

from hub.core.api.openapi import COMMANDE, document_de_reference, texte_openapi
from tests.core.api.lecture import openapi_coop
from tests.core.api.support import Api

FICHIER = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_the_committed_document_is_the_generated_one() -> None:
    attendu = texte_openapi(document_de_reference())

    assert FICHIER.is_file(), f"docs/openapi.json manque : générez-le avec « {COMMANDE} »."
    assert FICHIER.read_text(encoding="utf-8") == attendu, (
        f"docs/openapi.json ne correspond plus au code de l'API : régénérez-le avec « {COMMANDE} » "
        "puis committez-le."
    )


async def test_the_served_document_has_every_la_coop_read_with_its_parameters(api: Api) -> None:
    coop = openapi_coop()

    reponse = await api.client.get("/api/v1/openapi")

    document = reponse.json()
    assert document["servers"] == [{"url": "/api/v1"}]
    for chemin, operations in coop["paths"].items():
        attendus = {parametre["name"] for parametre in operations["get"].get("parameters", [])}
        assert chemin in document["paths"], chemin
        nos_parametres = {parametre["name"] for parametre in document["paths"][chemin]["get"].get("parameters", [])}
        assert attendus <= nos_parametres, (chemin, attendus - nos_parametres)
    assert document["paths"]["/activites"]["get"]["x-droit"] == "activites"
    assert document["paths"]["/activites"]["post"]["x-droit"] == "activites:ecriture"
    assert document["paths"]["/health"]["get"]["security"] == []


async def test_the_documentation_page_lists_the_operations(api: Api) -> None:
    reponse = await api.client.get("/api/v1/documentation")

    assert reponse.status_code == 200
    assert reponse.headers["content-type"].startswith("text/html")
    page = reponse.text
    for operation in ("GET /api/v1/activites", "POST /api/v1/activites", "GET /api/v1/lieux-activite"):
        assert operation in page
    assert "filter[dispositif_programmes_nationaux]" in page
    assert not re.search(r'<(script|link)[^>]+(src|href)="(https?:)?//', page), "rien n'est chargé d'ailleurs"


def test_the_writes_describe_their_body_and_every_answer_they_can_give() -> None:
    """Found by schemathesis: the write bodies were undescribed, and answers the API gives
    (429 to a rate-limited API client, 404 on a path naming an unknown row) were missing."""
    document = document_de_reference()
    chemins = document["paths"]

    corps = chemins["/activites"]["post"]["requestBody"]["content"]["application/json"]
    assert corps["schema"] == {
        "oneOf": [{"$ref": "#/components/schemas/CorpsCraIndividuel"}, {"$ref": "#/components/schemas/CorpsCraCollectif"}]
    }
    assert set(corps["examples"]) == {"individuel", "collectif"}
    individuel = document["components"]["schemas"]["CorpsCraIndividuel"]
    assert individuel["required"] == ["type", "date", "duree", "type_lieu", "thematiques", "mediateur_id"]
    assert individuel["additionalProperties"] is False
    assert {"type": "integer", "minimum": 0, "maximum": 9999} in individuel["properties"]["duree"]["anyOf"]
    assert chemins["/activites/{activite_id}"]["put"]["requestBody"] == chemins["/activites"]["post"]["requestBody"]
    beneficiaire = chemins["/beneficiaires"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert beneficiaire == {"$ref": "#/components/schemas/CorpsBeneficiaireInput"}
    assert document["components"]["schemas"]["CorpsBeneficiaireInput"]["required"] == ["prenom", "nom", "mediateur_id"]
    filtre = [p for p in chemins["/beneficiaires"]["get"]["parameters"] if p["name"] == "filter[mediateur_id]"]
    assert filtre[0]["required"] is True

    assert set(chemins["/activites/{activite_id}"]["get"]["responses"]) == {"200", "400", "401", "403", "404", "429"}
    assert set(chemins["/activites"]["post"]["responses"]) == {"201", "400", "401", "403", "404", "409", "429"}
    assert "429" in chemins["/statistiques"]["get"]["responses"]
    assert "429" not in chemins["/health"]["get"]["responses"]


async def test_an_api_client_over_the_failure_limit_gets_the_documented_429(api: Api) -> None:
    document = (await api.client.get("/api/v1/openapi")).json()
    faux = {"Authorization": "Bearer 00000000-0000-4000-8000-000000000000:faux"}

    codes = [(await api.client.get("/api/v1/statistiques", headers=faux)).status_code for _ in range(11)]

    assert codes[0] == 401 and codes[-1] == 429, codes
    assert "429" in document["paths"]["/statistiques"]["get"]["responses"]
