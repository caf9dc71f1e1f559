"""The OAuth authorisation-code flow against a respx token endpoint, and token refreshing."""

import asyncio
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx

from connectors.errors import AuthError, ConfigError, TransientError
from connectors.rdv_service_public.client import RdvClient
from connectors.rdv_service_public.oauth import OAuthApp, OAuthToken, expires_soon
from connectors.rdv_service_public.tokens import RefreshingToken

from .fixtures import BASE_URL

NOW = datetime(2026, 2, 10, 13, 0, tzinfo=UTC)
REDIRECT = "https://hub.example/rdv/oauth/retour"


@pytest.fixture
def auth_server() -> respx.MockRouter:
    return respx.MockRouter(base_url=BASE_URL, assert_all_mocked=True, assert_all_called=False)


@pytest.fixture
def app(auth_server: respx.MockRouter) -> OAuthApp:
    return OAuthApp(BASE_URL, client_id="hub-client", client_secret="hub-secret", redirect_uri=REDIRECT,
                    transport=httpx.MockTransport(auth_server.handler))


def form(route: respx.Route) -> dict[str, str]:
    request = route.calls.last.request
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    return {key: values[0] for key, values in parse_qs(request.content.decode()).items()}


def test_the_authorization_url_carries_the_client_the_scope_and_a_fresh_state(app: OAuthApp) -> None:
    url, state = app.authorization_url()
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE_URL}/oauth/authorize"
    assert {key: values[0] for key, values in parse_qs(parts.query).items()} == {
        "client_id": "hub-client", "redirect_uri": REDIRECT, "response_type": "code", "scope": "write", "state": state}
    assert len(state) == 43 and state != app.authorization_url()[1]
    assert app.authorization_url("etat-choisi")[1] == "etat-choisi"


async def test_a_code_is_exchanged_for_a_token(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    route = auth_server.post("/oauth/token").respond(json={
        "access_token": "acces-1", "token_type": "Bearer", "expires_in": 7200, "refresh_token": "renouv-1",
        "scope": "write", "created_at": 1770728400})
    token = await app.exchange_code("code-recu", now=NOW)
    assert token == OAuthToken(access_token="acces-1", refresh_token="renouv-1", expires_at=NOW + timedelta(hours=2),
                               scope="write", token_type="Bearer")
    assert form(route) == {"grant_type": "authorization_code", "code": "code-recu", "redirect_uri": REDIRECT,
                           "client_id": "hub-client", "client_secret": "hub-secret"}


async def test_a_token_is_refreshed_and_keeps_its_refresh_token_when_none_is_issued(
    app: OAuthApp, auth_server: respx.MockRouter
) -> None:
    route = auth_server.post("/oauth/token").respond(json={"access_token": "acces-2", "token_type": "Bearer",
                                                           "expires_in": 600})
    old = OAuthToken(access_token="acces-1", refresh_token="renouv-1", expires_at=NOW)
    fresh = await app.refresh(old, now=NOW)
    assert (fresh.access_token, fresh.refresh_token, fresh.expires_at) == ("acces-2", "renouv-1", NOW + timedelta(minutes=10))
    assert form(route) == {"grant_type": "refresh_token", "refresh_token": "renouv-1",
                           "client_id": "hub-client", "client_secret": "hub-secret"}


async def test_a_refused_grant_means_authorising_again(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    auth_server.post("/oauth/token").respond(400, json={"error": "invalid_grant", "error_description": "expired"})
    with pytest.raises(AuthError, match="recommencez la connexion"):
        await app.exchange_code("code-perime")
    with pytest.raises(AuthError, match="reconnectez"):
        await app.refresh(OAuthToken(access_token="a", refresh_token="revoque"))


async def test_without_a_refresh_token_no_request_is_made(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    route = auth_server.post("/oauth/token").respond(json={"access_token": "x"})
    with pytest.raises(AuthError, match="reconnectez"):
        await app.refresh(OAuthToken(access_token="a"))
    assert route.call_count == 0


async def test_a_refused_client_is_a_configuration_error(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    auth_server.post("/oauth/token").respond(401, json={"error": "invalid_client",
                                                        "error_description": "Client authentication failed"})
    with pytest.raises(ConfigError, match="Client authentication failed.*identifiant, le secret"):
        await app.exchange_code("code")


@pytest.mark.parametrize(
    ("response", "error"),
    [
        (httpx.Response(503, text="maintenance", headers={"Retry-After": "30"}), TransientError),
        (httpx.Response(429, headers={"Retry-After": "5"}), TransientError),
        (httpx.Response(200, text="<html></html>"), ConfigError),
        (httpx.Response(200, json={"token_type": "Bearer"}), ConfigError),
    ],
)
async def test_other_token_endpoint_failures(
    app: OAuthApp, auth_server: respx.MockRouter, response: httpx.Response, error: type[Exception]
) -> None:
    auth_server.post("/oauth/token").mock(return_value=response)
    with pytest.raises(error) as raised:
        await app.exchange_code("code")
    if error is TransientError:
        assert raised.value.retry_after == float(response.headers["Retry-After"])


async def test_an_unreachable_token_endpoint_is_transient(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    auth_server.post("/oauth/token").mock(side_effect=httpx.ConnectTimeout("lent"))
    with pytest.raises(TransientError):
        await app.exchange_code("code")


@pytest.mark.parametrize(
    ("expires_at", "soon"),
    [(None, False), (NOW + timedelta(hours=1), False), (NOW + timedelta(seconds=61), False),
     (NOW + timedelta(seconds=60), True), (NOW + timedelta(seconds=5), True), (NOW - timedelta(hours=1), True)],
)
def test_expires_soon_uses_a_one_minute_margin(expires_at: datetime | None, soon: bool) -> None:
    assert expires_soon(OAuthToken(access_token="a", expires_at=expires_at), NOW) is soon
    assert expires_soon(OAuthToken(access_token="a", expires_at=expires_at), NOW, timedelta(0)) is (
        expires_at is not None and expires_at <= NOW)


class Store:
    """Where the plugin would persist a refreshed token; saving yields to the event loop, as a
    database write does."""

    def __init__(self) -> None:
        self.saved: list[OAuthToken] = []

    async def save(self, token: OAuthToken) -> None:
        await asyncio.sleep(0)
        self.saved.append(token)


async def test_a_refreshing_token_refreshes_only_when_needed(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    route = auth_server.post("/oauth/token").respond(json={"access_token": "acces-2", "expires_in": 7200})
    store = Store()
    tokens = RefreshingToken(app, OAuthToken(access_token="acces-1", refresh_token="r", expires_at=NOW + timedelta(hours=1)),
                             store.save, clock=lambda: NOW)
    assert await tokens() == "acces-1" and route.call_count == 0
    assert await tokens(force_refresh=True) == "acces-2"
    assert [t.access_token for t in store.saved] == ["acces-2"] and store.saved[0].refresh_token == "r"

    tokens.clock = lambda: NOW + timedelta(hours=2, seconds=-30)
    await tokens()
    assert route.call_count == 2


async def test_concurrent_forced_refreshes_share_one_request(app: OAuthApp, auth_server: respx.MockRouter) -> None:
    route = auth_server.post("/oauth/token").respond(json={"access_token": "acces-2", "expires_in": 7200})
    store = Store()
    tokens = RefreshingToken(app, OAuthToken(access_token="acces-1", refresh_token="r"), store.save, clock=lambda: NOW)
    assert await asyncio.gather(tokens(force_refresh=True), tokens(force_refresh=True)) == ["acces-2", "acces-2"]
    assert route.call_count == 1 and len(store.saved) == 1


async def test_a_401_from_the_api_refreshes_through_the_token_endpoint_then_succeeds(
    app: OAuthApp, auth_server: respx.MockRouter
) -> None:
    auth_server.post("/oauth/token").respond(json={"access_token": "acces-2", "refresh_token": "r2", "expires_in": 7200})
    me = auth_server.get("/api/v1/agents/me").mock(side_effect=lambda request: (
        httpx.Response(200, json={"agent": {"id": 512}}) if request.headers["Authorization"] == "Bearer acces-2"
        else httpx.Response(401)))
    store = Store()
    tokens = RefreshingToken(app, OAuthToken(access_token="acces-1", refresh_token="r1"), store.save, clock=lambda: NOW)
    async with RdvClient(BASE_URL, tokens, transport=httpx.MockTransport(auth_server.handler)) as client:
        assert (await client.me()).id == 512
    assert me.call_count == 2 and store.saved[0].refresh_token == "r2"
