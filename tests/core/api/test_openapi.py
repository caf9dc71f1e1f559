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
