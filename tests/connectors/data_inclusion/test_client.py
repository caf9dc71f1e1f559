"""The data·inclusion client: bearer token, page/size pagination, schema v1 models, typed errors."""

import httpx
import pytest
import respx

from connectors.data_inclusion import JETON_REFUSE, PORTEE_MANQUANTE, DataInclusionClient, Structure
from connectors.errors import AuthError, ConfigError, TransientError

from .fixtures import SOURCES, TOKEN, envelopes, serve, service, structure


async def test_structures_are_read_to_the_last_page_with_the_token_and_filters_on_every_request(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    items = [structure(n) for n in range(1, 8)]
    route = serve(router, "/api/v1/structures", envelopes(items, 3))

    query = client.structures(sources=["mediation-numerique", "dora"], code_departement="51", size=3)
    pages = [page async for page in query.pages()]

    assert [(p.number, p.pages, len(p.records)) for p in pages] == [(1, 3, 3), (2, 3, 3), (3, 3, 1)]
    assert [r.id for p in pages for r in p.records] == [item["id"] for item in items]
    requests = [call.request for call in route.calls]
    assert [r.url.params["page"] for r in requests] == ["1", "2", "3"]
    assert all(r.url.params["size"] == "3" for r in requests)
    assert all(r.url.params.get_list("sources") == ["mediation-numerique", "dora"] for r in requests)
    assert all(r.url.params["code_departement"] == "51" for r in requests)
    assert all(r.headers["Authorization"] == f"Bearer {TOKEN}" for r in requests)


async def test_a_short_page_in_the_middle_does_not_end_the_read(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    """``size`` is what came back: page 2 returning 1 item of the 3 asked is not the end."""
    answers = envelopes([structure(n) for n in range(1, 8)], 3)
    answers[2]["items"] = answers[2]["items"][:1]
    answers[2]["size"] = 1
    serve(router, "/api/v1/structures", answers)

    numbers = [page.number async for page in client.structures(size=3).pages()]

    assert numbers == [1, 2, 3]


async def test_an_empty_page_ends_the_read_even_if_pages_says_more(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    answers = {1: {"items": [structure(1)], "total": 9, "page": 1, "size": 1, "pages": 9},
               2: {"items": [], "total": 9, "page": 2, "size": 0, "pages": 9}}
    route = serve(router, "/api/v1/structures", answers)

    numbers = [page.number async for page in client.structures(size=1).pages()]

    assert numbers == [1, 2] and route.call_count == 2


async def test_no_result_is_one_request(client: DataInclusionClient, router: respx.MockRouter) -> None:
    route = serve(router, "/api/v1/structures", {1: {"items": [], "total": 0, "page": 1, "size": 0, "pages": 0}})

    records = [r async for r in client.structures(code_departement="976").records()]

    assert records == [] and route.call_count == 1


async def test_the_page_size_is_bounded_by_the_api_maximum(client: DataInclusionClient) -> None:
    with pytest.raises(ValueError, match="10000"):
        client.structures(size=10001)


async def test_schema_v1_fields_are_typed_unknown_fields_ignored_bad_records_set_aside(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    futur = structure(1, champ_ajoute_plus_tard={"x": 1}, doublons=[{"source": "dora", "id": "dora--12"}])
    sans_nom = structure(2, nom="")
    mauvais_cp = structure(3, code_postal="5110")
    serve(router, "/api/v1/structures", envelopes([futur, sans_nom, mauvais_cp], 10))

    (page,) = [p async for p in client.structures(size=10).pages()]

    (lieu,) = page.records
    assert isinstance(lieu, Structure)
    assert (lieu.date_maj.isoformat(), lieu.siret, lieu.doublons[0].id) == ("2025-10-14", "30000000000001", "dora--12")
    assert [rejet.raw["id"] for rejet in page.rejets] == [sans_nom["id"], mauvais_cp["id"]]
    assert "nom" in page.rejets[0].raison and "code_postal" in page.rejets[1].raison
    assert len(page.raw) == 3


async def test_services_and_sources(client: DataInclusionClient, router: respx.MockRouter) -> None:
    route = serve(
        router, "/api/v1/services", envelopes([service(1, structure_id="mediation-numerique--lieu-1")], 100)
    )
    router.get("/api/v1/sources").respond(json=SOURCES)

    services = [s async for s in client.services(thematiques=["numerique"], code_departement="51", size=100).records()]
    sources = await client.sources()

    assert [s.structure_id for s in services] == ["mediation-numerique--lieu-1"]
    assert services[0].thematiques == ["numerique--acceder-a-des-services-en-ligne"]
    assert route.calls[0].request.url.params.get_list("thematiques") == ["numerique"]
    assert [s.slug for s in sources] == ["mediation-numerique", "dora", "soliguide"]


async def test_401_and_403_are_two_errors_with_two_different_instructions(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    router.get("/api/v1/sources").respond(401, json={"detail": "Not authenticated"})
    with pytest.raises(AuthError) as refused:
        await client.sources()

    router.get("/api/v1/sources").respond(403, json={"detail": "Not enough permissions"})
    with pytest.raises(ConfigError) as forbidden:
        await client.sources()

    assert str(refused.value) == JETON_REFUSE and str(forbidden.value) == PORTEE_MANQUANTE
    assert JETON_REFUSE != PORTEE_MANQUANTE
    assert "401" in JETON_REFUSE and "nouveau jeton" in JETON_REFUSE
    assert "403" in PORTEE_MANQUANTE and "portée « api »" in PORTEE_MANQUANTE


@pytest.mark.parametrize("status", [429, 500, 502, 503])
async def test_rate_limits_and_outages_are_transient_with_retry_after(
    client: DataInclusionClient, router: respx.MockRouter, status: int
) -> None:
    router.get("/api/v1/structures").respond(status, headers={"Retry-After": "120"})

    with pytest.raises(TransientError) as error:
        [page async for page in client.structures().pages()]

    assert error.value.retry_after == 120.0


async def test_a_timeout_is_transient(client: DataInclusionClient, router: respx.MockRouter) -> None:
    router.get("/api/v1/sources").mock(side_effect=httpx.ConnectTimeout("trop long"))
    with pytest.raises(TransientError):
        await client.sources()


async def test_a_wrong_parameter_or_address_is_a_configuration_error(
    client: DataInclusionClient, router: respx.MockRouter
) -> None:
    router.get("/api/v1/structures").respond(422, json={"detail": [{"msg": "code_departement inconnu"}]})
    with pytest.raises(ConfigError, match="départements"):
        [page async for page in client.structures(code_departement="00").pages()]

    router.get("/api/v1/services").respond(200, text="<html>portail</html>")
    with pytest.raises(ConfigError, match="adresse de l'API"):
        [page async for page in client.services().pages()]

    router.get("/api/v1/sources").respond(200, json={"items": []})
    with pytest.raises(ConfigError, match="réponse inattendue"):
        await client.sources()


async def test_a_client_given_an_http_client_leaves_it_open(router: respx.MockRouter) -> None:
    router.get("/api/v1/sources").respond(json=SOURCES)
    async with httpx.AsyncClient(transport=httpx.MockTransport(router.handler)) as http:
        async with DataInclusionClient(TOKEN, base_url="https://data-inclusion.exemple.test/", http=http) as di:
            assert len(await di.sources()) == 3
        assert not http.is_closed
