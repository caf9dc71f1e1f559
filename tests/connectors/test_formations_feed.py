"""Reading training catalogue feeds: JSON and CSV, local or over HTTP, with typed errors."""

import httpx
import pytest
import respx

from connectors.errors import AuthError, ConfigError, TransientError
from connectors.formations.feed import parse_csv, read_feed

CSV = (
    "id;titre;organisme;date_debut;date_fin;modalite;commune;code_postal;duree_heures;"
    "thematiques;publics;cout;inscription_url;mis_a_jour_le\n"
    "f1;Café IA;Réseau;2027-03-04;;distanciel;;;3;intelligence_artificielle|culture_numerique;"
    "mediateur|coordinateur;gratuit;https://exemple.fr/f1;2026-11-01T10:00:00Z\n"
    "f2;Smartphone;Réseau;2027-03-05;2027-03-06;presentiel;Reims;51100;14;prendre_en_main_du_materiel;"
    "mediateur;gratuit;;2026-11-01T10:00:00Z\n"
)


def test_csv_lists_are_split_on_pipes_and_rows_keep_their_line_number() -> None:
    first, second = parse_csv(CSV)
    assert first["thematiques"] == ["intelligence_artificielle", "culture_numerique"]
    assert first["publics"] == ["mediateur", "coordinateur"]
    assert first["date_fin"] is None
    assert (first["_ligne"], second["_ligne"]) == (2, 3)
    assert second["commune"] == "Reims"


async def test_local_json_feed_is_read(tmp_path) -> None:
    path = tmp_path / "flux.json"
    path.write_text('{"formations": [{"id": "a"}, {"id": "b"}]}', encoding="utf-8")
    async with httpx.AsyncClient() as http:
        assert [r["id"] for r in await read_feed(http, str(path))] == ["a", "b"]


async def test_missing_local_file_is_a_configuration_error(tmp_path) -> None:
    async with httpx.AsyncClient() as http:
        with pytest.raises(ConfigError, match="vérifiez le chemin"):
            await read_feed(http, str(tmp_path / "absent.json"))


async def test_json_without_a_formations_list_is_a_configuration_error(tmp_path) -> None:
    path = tmp_path / "flux.json"
    path.write_text('{"items": []}', encoding="utf-8")
    async with httpx.AsyncClient() as http:
        with pytest.raises(ConfigError, match="liste « formations »"):
            await read_feed(http, str(path))


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(401), AuthError),
        (httpx.Response(404), ConfigError),
        (httpx.Response(503, headers={"Retry-After": "30"}), TransientError),
        (httpx.Response(429, headers={"Retry-After": "12"}), TransientError),
    ],
)
async def test_http_failures_become_typed_errors(response: httpx.Response, error: type[Exception]) -> None:
    with respx.mock(base_url="https://flux.exemple.fr") as mock:
        mock.get("/formations.json").mock(return_value=response)
        async with httpx.AsyncClient() as http:
            with pytest.raises(error) as raised:
                await read_feed(http, "https://flux.exemple.fr/formations.json")
    if isinstance(raised.value, TransientError):
        assert raised.value.retry_after == float(response.headers["Retry-After"])


async def test_remote_csv_feed_is_recognised_by_its_content_type() -> None:
    with respx.mock(base_url="https://flux.exemple.fr") as mock:
        mock.get("/export").mock(return_value=httpx.Response(200, text=CSV, headers={"content-type": "text/csv"}))
        async with httpx.AsyncClient() as http:
            records = await read_feed(http, "https://flux.exemple.fr/export")
    assert [r["id"] for r in records] == ["f1", "f2"]


async def test_network_failure_is_transient() -> None:
    with respx.mock(base_url="https://flux.exemple.fr") as mock:
        mock.get("/formations.json").mock(side_effect=httpx.ConnectError("refusé"))
        async with httpx.AsyncClient() as http:
            with pytest.raises(TransientError, match="injoignable"):
                await read_feed(http, "https://flux.exemple.fr/formations.json")
