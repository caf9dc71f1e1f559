"""Lists are read page by page through ``meta.next_page``, one bad record never sinking its page."""

import httpx
import msgspec
import pytest
import respx

from connectors.errors import ConfigError
from connectors.rdv_service_public.client import RdvClient
from connectors.rdv_service_public.models import Rdv
from connectors.rdv_service_public.pagination import PAGE_SIZE
from connectors.rdv_service_public.records import InvalidRecord

from .fixtures import page, rdv


def serve_pages(router: respx.MockRouter, pages: dict[int, dict]) -> respx.Route:
    """``GET /rdvs`` answering the page its ``page`` parameter asks for."""
    return router.get("/rdvs").mock(
        side_effect=lambda request: httpx.Response(200, json=pages[int(request.url.params["page"])])
    )


def three_pages(bad_id: int | None = None) -> dict[int, dict]:
    ids = list(range(1, 2 * PAGE_SIZE + 51))
    chunks = [ids[:PAGE_SIZE], ids[PAGE_SIZE : 2 * PAGE_SIZE], ids[2 * PAGE_SIZE :]]
    return {
        number: page(
            "rdvs",
            [rdv(i, starts_at="le 3 mars") if i == bad_id else rdv(i) for i in chunk],
            current=number,
            total_pages=3,
            total_count=len(ids),
        )
        for number, chunk in enumerate(chunks, start=1)
    }


async def test_pages_are_followed_to_the_last_one_with_the_filters_on_every_request(
    client: RdvClient, router: respx.MockRouter
) -> None:
    route = serve_pages(router, three_pages())
    pages = [p async for p in client.rdvs(organisation_id=301).pages()]
    assert [(p.number, p.next_page, len(p.records)) for p in pages] == [(1, 2, 100), (2, 3, 100), (3, None, 50)]
    assert pages[-1].total_count == 250
    assert [r.id for p in pages for r in p.records] == list(range(1, 251))
    sent = [call.request.url.params for call in route.calls]
    assert [params["page"] for params in sent] == ["1", "2", "3"]
    assert all(params["organisation_id"] == "301" for params in sent)


async def test_reading_resumes_at_a_checkpointed_page(client: RdvClient, router: respx.MockRouter) -> None:
    route = serve_pages(router, three_pages())
    pages = [p async for p in client.rdvs().pages(start=3)]
    assert [p.number for p in pages] == [3]
    assert route.call_count == 1


async def test_a_bad_datetime_rejects_that_record_only(client: RdvClient, router: respx.MockRouter) -> None:
    serve_pages(router, three_pages(bad_id=142))
    pages = [p async for p in client.rdvs().pages()]
    second = pages[1]
    assert len(second.raw) == 100 and len(second.records) == 99
    assert [error.record_id for error in second.errors] == [142]
    assert "starts_at" in str(second.errors[0])
    assert 142 not in [r.id for r in second.records]
    assert sum(len(p.records) for p in pages) == 249


async def test_records_hands_each_bad_record_to_on_error_and_goes_on(client: RdvClient, router: respx.MockRouter) -> None:
    serve_pages(router, three_pages(bad_id=7))
    rejected: list[InvalidRecord] = []
    ids = [record.id async for record in client.rdvs().records(on_error=rejected.append)]
    assert len(ids) == 249 and 7 not in ids and ids[-1] == 250
    assert [error.record_id for error in rejected] == [7]


async def test_raw_records_are_normalised_for_the_sync_engine(client: RdvClient, router: respx.MockRouter) -> None:
    serve_pages(router, {1: page("rdvs", [rdv(1)])})
    first = [p async for p in client.rdvs().pages()][0]
    assert first.raw[0]["starts_at"] == "2026-02-10T14:00:00+01:00"
    assert msgspec.convert(first.raw[0], Rdv) == first.records[0]


async def test_a_next_page_that_does_not_move_forward_stops_the_read(client: RdvClient, router: respx.MockRouter) -> None:
    looping = page("rdvs", [rdv(1)])
    looping["meta"]["next_page"] = 1
    serve_pages(router, {1: looping})
    with pytest.raises(ConfigError, match="pagination incohérente"):
        [p async for p in client.rdvs().pages()]


@pytest.mark.parametrize(
    "response",
    [httpx.Response(200, json={"items": []}), httpx.Response(200, text="<html>Connexion</html>")],
)
async def test_a_response_that_is_not_an_rdv_list_is_a_configuration_error(
    client: RdvClient, router: respx.MockRouter, response: httpx.Response
) -> None:
    router.get("/rdvs").mock(return_value=response)
    with pytest.raises(ConfigError, match="vérifiez l'adresse de l'instance"):
        [p async for p in client.rdvs().pages()]
