"""The Les Bases client over HTTP (respx): feeds, Markdown pages, typed errors."""

import httpx
import pytest
import respx

from connectors.errors import ConfigError, TransientError
from connectors.les_bases.client import LesBases, RessourceIndisponible
from connectors.les_bases.dossier import DossierLesBases
from connectors.les_bases.models import BaseFlux, RessourceFlux, lire
from tests.connectors.les_bases.fixtures import MARKDOWN_AMELI, URL, ressource

FLUX = [
    ressource("ameli"),
    ressource("brouillon", public=False),
    ressource("supprimee", deleted="2026-09-01T00:00:00.000Z"),
]


async def test_the_resources_feed_is_read_raw_and_public_items_are_told_apart() -> None:
    with respx.mock(base_url=URL) as mock:
        mock.get("/api/v1/resources").respond(json={"data": FLUX})
        async with httpx.AsyncClient() as http:
            items = await LesBases(http, URL).ressources()
    lus = [lire(item, RessourceFlux) for item in items]
    assert [(r.slug, r.public) for r in lus if r] == [("ameli", True), ("brouillon", False), ("supprimee", False)]


async def test_bases_feed_is_read_and_a_private_base_is_not_public() -> None:
    base = {"id": "b1", "slug": "reseau", "created": "2026-01-01T00:00:00Z", "updated": "2026-01-02T00:00:00Z",
            "deleted": None, "is_public": True, "title": "Réseau", "url": f"{URL}/bases/reseau"}
    with respx.mock(base_url=URL) as mock:
        mock.get("/api/v1/bases").respond(json={"data": [base, base | {"slug": "x", "title": None, "url": None}]})
        async with httpx.AsyncClient() as http:
            items = await LesBases(http, URL).bases()
    assert [lire(item, BaseFlux).public for item in items] == [True, False]


def test_a_malformed_item_is_none_not_an_exception() -> None:
    assert lire({"slug": "sans-id"}, RessourceFlux) is None


async def test_the_markdown_page_is_read_into_a_fiche() -> None:
    with respx.mock(base_url=URL) as mock:
        route = mock.get("/ressources/ameli/markdown").respond(text=MARKDOWN_AMELI)
        async with httpx.AsyncClient() as http:
            fiche = await LesBases(http, URL).fiche("ameli")
    assert route.called and fiche.titre == "Créer son compte Ameli pas à pas"


async def test_a_markdown_404_means_the_resource_is_no_longer_public() -> None:
    with respx.mock(base_url=URL) as mock:
        mock.get("/ressources/partie/markdown").respond(404, text="not-found")
        async with httpx.AsyncClient() as http:
            with pytest.raises(RessourceIndisponible, match="n'est plus publique"):
                await LesBases(http, URL).markdown("partie")


@pytest.mark.parametrize(
    ("reponse", "erreur", "message"),
    [
        (httpx.Response(503), TransientError, "nouvel essai plus tard"),
        (httpx.Response(404), ConfigError, "vérifiez l'adresse"),
        (httpx.Response(200, json={"items": []}), ConfigError, "liste « data »"),
        (httpx.Response(200, text="<html>"), ConfigError, "format attendu"),
    ],
)
async def test_feed_failures_are_typed_errors(reponse: httpx.Response, erreur: type, message: str) -> None:
    with respx.mock(base_url=URL) as mock:
        mock.get("/api/v1/resources").mock(return_value=reponse)
        async with httpx.AsyncClient() as http:
            with pytest.raises(erreur, match=message):
                await LesBases(http, URL).ressources()


async def test_an_unreachable_host_is_transient() -> None:
    with respx.mock(base_url=URL) as mock:
        mock.get("/api/v1/resources").mock(side_effect=httpx.ConnectError("refusé"))
        async with httpx.AsyncClient() as http:
            with pytest.raises(TransientError, match="injoignable"):
                await LesBases(http, URL).ressources()


async def test_a_local_folder_can_stand_in_for_les_bases(tmp_path) -> None:
    (tmp_path / "ressources").mkdir()
    (tmp_path / "resources.json").write_text('{"data": []}', encoding="utf-8")
    (tmp_path / "ressources" / "ameli.md").write_text(MARKDOWN_AMELI, encoding="utf-8")
    async with httpx.AsyncClient(transport=DossierLesBases(tmp_path)) as http:
        client = LesBases(http, "http://dossier.local")
        assert await client.ressources() == []
        assert (await client.fiche("ameli")).titre.startswith("Créer")
        with pytest.raises(RessourceIndisponible):
            await client.markdown("absente")
        with pytest.raises(ConfigError):
            await client.bases()  # no bases.json: 404
