"""HTTP failures become the typed errors that tell the hub what to do next."""

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
import respx

from connectors.errors import AuthError, ConfigError, RecordError, TransientError
from connectors.rdv_service_public.client import RdvClient
from connectors.rdv_service_public.models import RdvPlanUser
from connectors.rdv_service_public.tokens import StaticToken

from .fixtures import API, BASE_URL, CountingTokens, page

AGENT = {"agent": {"id": 512, "email": "sam.mediateur@example.org", "first_name": "Sam", "last_name": "Leroy"}}


async def test_429_is_transient_with_the_retry_after_seconds(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/organisations").respond(429, headers={"Retry-After": "17"})
    with pytest.raises(TransientError, match="429") as raised:
        [p async for p in client.organisations().pages()]
    assert raised.value.retry_after == 17


async def test_429_retry_after_may_be_an_http_date(client: RdvClient, router: respx.MockRouter) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=120), usegmt=True)
    router.get("/agents/me").respond(429, headers={"Retry-After": later})
    with pytest.raises(TransientError) as raised:
        await client.me()
    assert 100 < raised.value.retry_after <= 120


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_transient(client: RdvClient, router: respx.MockRouter, status: int) -> None:
    router.get("/agents/me").respond(status, json={"errors": ["Unexpected internal error"]})
    with pytest.raises(TransientError, match=f"indisponible \\({status}\\)") as raised:
        await client.me()
    assert raised.value.retry_after is None


@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (httpx.ReadTimeout("lent"), "ne répond pas à temps"),
        (httpx.ConnectError("refusé"), "injoignable"),
        (httpx.RemoteProtocolError("connexion coupée"), "injoignable"),
    ],
)
async def test_timeouts_and_dropped_connections_are_transient(
    client: RdvClient, router: respx.MockRouter, failure: Exception, message: str
) -> None:
    router.get("/agents/me").mock(side_effect=failure)
    with pytest.raises(TransientError, match=message):
        await client.me()


async def test_a_401_refreshes_the_token_once_then_succeeds(
    client: RdvClient, router: respx.MockRouter, tokens: CountingTokens
) -> None:
    route = router.get("/agents/me").mock(side_effect=[httpx.Response(401), httpx.Response(200, json=AGENT)])
    assert (await client.me()).id == 512
    assert tokens.calls == [False, True]
    assert [call.request.headers["Authorization"] for call in route.calls] == ["Bearer jeton-1", "Bearer jeton-2"]


async def test_a_second_401_is_an_auth_error(client: RdvClient, router: respx.MockRouter, tokens: CountingTokens) -> None:
    route = router.get("/rdvs").respond(401, json={"error": "invalid_token"})
    with pytest.raises(AuthError, match="reconnectez"):
        [p async for p in client.rdvs().pages()]
    assert route.call_count == 2
    assert tokens.calls == [False, True]


async def test_a_token_that_cannot_be_refreshed_ends_in_an_auth_error(router: respx.MockRouter) -> None:
    route = router.get("/agents/me").respond(401)
    async with RdvClient(BASE_URL, StaticToken("fixe"), transport=httpx.MockTransport(router.handler)) as client:
        with pytest.raises(AuthError, match="même renouvelé"):
            await client.me()
    assert route.call_count == 2


async def test_a_refused_refresh_propagates_its_auth_error(router: respx.MockRouter) -> None:
    async def tokens(*, force_refresh: bool = False) -> str:
        if force_refresh:
            raise AuthError("renouvellement refusé : reconnectez le compte")
        return "perime"

    router.get("/agents/me").respond(401)
    async with RdvClient(BASE_URL, tokens, transport=httpx.MockTransport(router.handler)) as client:
        with pytest.raises(AuthError, match="renouvellement refusé"):
            await client.me()


async def test_403_on_a_setup_call_is_a_configuration_error_quoting_rdv(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/organisations/301/webhook_endpoints").respond(
        403, json={"errors": [{"base": "forbidden"}], "error_messages": ["Vous n'êtes pas administrateur"]}
    )
    with pytest.raises(ConfigError, match="403.*Vous n'êtes pas administrateur.*droits") as raised:
        [p async for p in client.webhook_endpoints(301).pages()]
    assert not isinstance(raised.value, RecordError)


async def test_404_on_a_setup_call_is_a_configuration_error(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/organisations/999/motifs").respond(404, json={"errors": ["Couldn't find Organisation"]})
    with pytest.raises(ConfigError, match="404.*Couldn't find Organisation"):
        [p async for p in client.motifs(999).pages()]


async def test_422_on_a_webhook_creation_is_a_configuration_error(client: RdvClient, router: respx.MockRouter) -> None:
    router.post("/organisations/301/webhook_endpoints").respond(
        422, json={"errors": {"target_url": [{"error": "taken"}]}, "error_messages": ["Target url est déjà utilisé"]}
    )
    with pytest.raises(ConfigError, match="déjà utilisé"):
        await client.create_webhook_endpoint(301, target_url="https://hub.example/rdv", secret="s", subscriptions=["rdv"])


@pytest.mark.parametrize("status", [403, 404, 422])
async def test_refusals_on_a_record_call_concern_that_record_only(
    client: RdvClient, router: respx.MockRouter, status: int
) -> None:
    router.patch("/rdvs/9001/update_status").respond(status, json={"errors": ["refusé"]})
    with pytest.raises(RecordError, match=f"cet enregistrement \\({status}\\)") as raised:
        await client.update_rdv_status(9001, "seen")
    assert not isinstance(raised.value, ConfigError)


async def test_a_refused_rdv_plan_is_a_record_error(client: RdvClient, router: respx.MockRouter) -> None:
    router.post("/rdv_plans").respond(403, json={"errors": [{"base": "forbidden"}]})
    with pytest.raises(RecordError):
        await client.create_rdv_plan(RdvPlanUser(id=77), return_url="https://hub.example/retour")


async def test_a_redirect_is_a_configuration_error(client: RdvClient, router: respx.MockRouter) -> None:
    router.get("/agents/me").respond(302, headers={"Location": f"{API}/../agents/sign_in"})
    with pytest.raises(ConfigError, match="redirige"):
        await client.me()


async def test_a_success_without_the_expected_root_on_a_setup_call_is_a_configuration_error(
    client: RdvClient, router: respx.MockRouter
) -> None:
    router.get("/agents/me").respond(200, json=page("agents", []))
    with pytest.raises(ConfigError, match="sans « agent »"):
        await client.me()
