"""A partner following ``links.next`` through La Coop's lists sees every row exactly once, even
while rows are being added (they arrive at the end), and ``links.prev`` leads back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from tests.core.activites.support import INDIVIDUEL, mediateur_en_poste
from tests.core.api.lecture import lecteur
from tests.core.api.support import Api, client_api
from tests.core.organisation.support import structure, utilisateur

Ajout = Callable[[Api, int], Awaitable[Any]]


async def ajouter_structure(api: Api, rang: int) -> None:
    await structure(api.hub, nom=f"Structure {rang}")


async def ajouter_utilisateur(api: Api, rang: int) -> None:
    await utilisateur(api.hub, f"personne{rang}@exemple.fr", "mediateur")


def ajouter_activite(api: Api) -> Ajout:
    contexte: dict[str, Any] = {}

    async def ajouter(api: Api, rang: int) -> None:
        if not contexte:
            contexte["qui"] = await mediateur_en_poste(api.hub, "camille@exemple.fr")
            contexte["auth"] = (await client_api(api.hub))[1]
        corps = INDIVIDUEL | {"mediateur_id": contexte["qui"].id, "date": f"2025-03-{rang % 28 + 1:02d}"}
        reponse = await api.client.post("/api/v1/activites", json=corps, headers=contexte["auth"])
        assert reponse.status_code == 201

    return ajouter


@pytest.mark.parametrize("chemin", ["/activites", "/structures", "/utilisateurs"])
async def test_following_next_sees_every_row_once_while_rows_are_added(api: Api, chemin: str) -> None:
    ajouter: Ajout = {
        "/activites": ajouter_activite(api),
        "/structures": ajouter_structure,
        "/utilisateurs": ajouter_utilisateur,
    }[chemin]
    for rang in range(5):
        await ajouter(api, rang)
    auth = await lecteur(api)

    vus: list[str] = []
    pages: list[dict[str, Any]] = []
    adresse: str | None = f"/api/v1{chemin}?page[size]=2"
    rang = 5
    while adresse is not None:
        reponse = await api.client.get(adresse, headers=auth)
        assert reponse.status_code == 200, reponse.text
        page = reponse.json()
        pages.append(page)
        vus += [ressource["id"] for ressource in page["data"]]
        if rang < 8:  # rows arrive while the partner walks the list
            await ajouter(api, rang)
            rang += 1
        adresse = page["links"].get("next")

    tous = await api.client.get(f"/api/v1{chemin}", headers=auth)
    assert len(vus) == len(set(vus))
    assert vus == [ressource["id"] for ressource in tous.json()["data"]]
    assert tous.json()["meta"]["total_count"] >= 8
    assert pages[0]["meta"]["has_prev_page"] is False and "prev" not in pages[0]["links"]
    assert pages[-1]["meta"]["has_next_page"] is False
    retour = await api.client.get(pages[1]["links"]["prev"], headers=auth)
    assert [r["id"] for r in retour.json()["data"]] == [r["id"] for r in pages[0]["data"]]


async def test_a_page_holds_up_to_500_rows_by_default(api: Api) -> None:
    for rang in range(3):
        await ajouter_structure(api, rang)

    reponse = await api.client.get("/api/v1/structures?page[size]=500", headers=await lecteur(api))

    assert reponse.status_code == 200
    assert reponse.json()["meta"]["items_per_page"] == 500
