"""Answers of the data·inclusion API v1 in their real shape (schema v1, list envelope), with
invented places. Shared by the connector's and the cartographie plugin's tests."""

from __future__ import annotations

import math
from typing import Any

import httpx
import respx

BASE_URL = "https://data-inclusion.exemple.test"
TOKEN = "jeton-de-test"


def structure(numero: int, *, source: str = "mediation-numerique", departement: str = "51", **champs: Any) -> dict:
    """A structure of ``source``, in commune ``<departement>1xx``; ``champs`` override fields."""
    code_insee = f"{departement}{100 + numero % 900:03d}"
    item = {
        "source": source,
        "id": f"{source}--lieu-{numero}",
        "nom": f"Espace numérique n° {numero}",
        "date_maj": "2025-10-14",
        "description": "Accès libre aux ordinateurs et aide aux démarches en ligne.",
        "lien_source": None,
        "siret": f"{30000000000000 + numero}",
        "commune": f"Commune {numero}",
        "code_postal": f"{departement}{numero % 1000:03d}",
        "code_insee": code_insee,
        "adresse": f"{numero} rue de la République",
        "complement_adresse": None,
        "longitude": 4.0 + numero / 1000,
        "latitude": 49.0 + numero / 1000,
        "telephone": "+33300000000",
        "courriel": f"lieu{numero}@exemple.test",
        "site_web": None,
        "horaires_accueil": "Mo-Fr 09:00-17:00",
        "accessibilite_lieu": None,
        "reseaux_porteurs": ["espaces-publics-numeriques"],
        "adresse_certifiee": True,
        "score_qualite": 0.5,
        "doublons": [],
    }
    item.update(champs)
    return item


def service(numero: int, *, structure_id: str, **champs: Any) -> dict:
    item = {
        "source": "mediation-numerique",
        "structure_id": structure_id,
        "id": f"{structure_id}-service-{numero}",
        "nom": "Accompagnement aux démarches en ligne",
        "description": "Un médiateur aide à créer ses comptes et à remplir les formulaires.",
        "date_maj": "2025-10-14",
        "type": "accompagnement",
        "thematiques": ["numerique--acceder-a-des-services-en-ligne"],
        "frais": "gratuit",
        "publics": ["tous-publics"],
        "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": ["51"],
        "score_qualite": 0.6,
    }
    item.update(champs)
    return item


SOURCES = [
    {"slug": "mediation-numerique", "nom": "Cartographie nationale", "description": "Lieux de médiation numérique"},
    {"slug": "dora", "nom": "DORA", "description": "Offre d'insertion"},
    {"slug": "soliguide", "nom": "Soliguide", "description": None},
]


def envelopes(items: list[dict], size: int) -> dict[int, dict]:
    """The pages the API serves for ``items`` asked ``size`` by ``size``: ``size`` in each answer is
    the number of items it holds, ``pages`` is ``ceil(total / size asked)``."""
    pages = max(1, math.ceil(len(items) / size)) if items else 0
    answers = {}
    for number in range(1, max(pages, 1) + 1):
        chunk = items[(number - 1) * size : number * size]
        answers[number] = {"items": chunk, "total": len(items), "page": number, "size": len(chunk), "pages": pages}
    return answers


def serve(router: respx.MockRouter, path: str, answers: dict[int, Any]) -> respx.Route:
    """``GET path`` answering the page its ``page`` parameter asks for (a callable answer, or an
    ``httpx.Response``, or a JSON body)."""

    def answer(request: httpx.Request) -> httpx.Response:
        reply = answers[int(request.url.params.get("page", "1"))]
        if isinstance(reply, httpx.Response):
            return reply
        return httpx.Response(200, json=reply)

    return router.get(path).mock(side_effect=answer)
