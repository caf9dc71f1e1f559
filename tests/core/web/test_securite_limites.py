"""Rate limiting of failed authentications: bad API credentials, failed logins; per IP address and
per identifier, in a sliding window (the clock is moved by hand), in memory or in Redis."""

from __future__ import annotations

import html
import logging
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
from litestar.exceptions import TooManyRequestsException
from litestar.testing import AsyncTestClient

from hub.app import create_app
from hub.core.settings import load_settings
from hub.core.web.limite_api import claimed_client_id
from hub.core.web.limites import FailureLimiter, Key, MemoryWindow, install_limiter
from hub.testing import create_test_api_client, create_test_user, make_hub
from tests.core.auth.fake_provider import SETTINGS as OIDC_SETTINGS
from tests.core.auth.fake_provider import FakeProConnect

REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL")
ROUTE = "/api/v1/statistiques"
LIMITS = {"auth_failures_per_ip": 6, "auth_failures_per_identifier": 3, "auth_failures_window_seconds": 60}


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


async def limited_client(tmp_path: Path, clock: Clock, **settings: Any) -> AsyncTestClient:
    hub = await make_hub(tmp_path, **(LIMITS | settings))
    app = create_app(hub)
    install_limiter(app.state, FailureLimiter(hub.settings, clock=clock))
    return AsyncTestClient(app, base_url=settings.get("public_url", "http://testserver.local"))


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_bad_secrets_for_one_client_get_429_until_the_window_slides(tmp_path: Path) -> None:
    clock = Clock()
    async with await limited_client(tmp_path, clock) as client:
        api = await create_test_api_client(client.app.state.hub, scopes=("statistiques",))
        wrong = f"{api.id}:un-secret-faux"
        failures = []
        for _ in range(3):
            failures.append((await client.get(ROUTE, headers=bearer(wrong))).status_code)
            clock.now += 10
        blocked = await client.get(ROUTE, headers=bearer(wrong))
        right_but_blocked = await client.get(ROUTE, headers=api.headers)  # the id is blocked, whatever the secret
        clock.now += 30  # the first failure (t=0) leaves the window at t=60
        allowed = await client.get(ROUTE, headers=api.headers)

    assert failures == [401, 401, 401]
    assert blocked.status_code == right_but_blocked.status_code == 429
    assert blocked.headers["retry-after"] == "30"  # t=30: the oldest failure leaves at t=60
    detail = blocked.json()["detail"]
    assert detail.startswith("Trop de tentatives d'identification ont échoué") and "réessayez dans 1 minute" in detail
    assert allowed.status_code == 200


async def test_bad_credentials_from_one_address_get_429_whatever_the_client_id(tmp_path: Path) -> None:
    clock = Clock()
    async with await limited_client(tmp_path, clock) as client:
        statuses = [
            (await client.get(ROUTE, headers=bearer(f"{uuid.uuid4()}:secret-{n}"))).status_code for n in range(7)
        ]
        api = await create_test_api_client(client.app.state.hub, scopes=("statistiques",))
        good_client_same_address = await client.get(ROUTE, headers=api.headers)

    assert statuses == [401] * 6 + [429]
    assert good_client_same_address.status_code == 429
    assert good_client_same_address.headers["content-security-policy"]  # a 429 is a response like others


async def test_successes_and_other_routes_are_not_counted(tmp_path: Path) -> None:
    clock = Clock()
    async with await limited_client(tmp_path, clock) as client:
        api = await create_test_api_client(client.app.state.hub, scopes=("statistiques",))
        successes = [(await client.get(ROUTE, headers=api.headers)).status_code for _ in range(10)]
        without_header = [(await client.get(ROUTE)).status_code for _ in range(10)]  # 401, no credentials tried
        still = await client.get(ROUTE, headers=api.headers)

    assert successes == [200] * 10 and without_header == [401] * 10 and still.status_code == 200


async def test_failed_demo_logins_get_a_french_429_page(tmp_path: Path) -> None:
    clock = Clock()
    async with await limited_client(tmp_path, clock) as client:
        camille = await create_test_user(client.app.state.hub, roles=("mediateur",))
        page = await client.get("/connexion")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

        async def login(user_id: str) -> int:
            response = await client.post(
                "/connexion/demo", data={"csrf_token": token, "user_id": user_id}, follow_redirects=False
            )
            return response.status_code

        unknown = [await login(str(uuid.uuid4())) for _ in range(6)]
        refused = await client.post("/connexion/demo", data={"csrf_token": token, "user_id": camille.id})
        clock.now += 61
        signed_in = await login(camille.id)

    assert unknown == [404] * 6
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"
    assert "Trop de tentatives d'identification ont échoué" in html.unescape(refused.text)
    assert "réessayez dans 1 minute" in html.unescape(refused.text)
    assert signed_in == 303


async def test_failed_proconnect_returns_are_limited_per_address(tmp_path: Path) -> None:
    clock = Clock()
    provider = FakeProConnect()
    async with await limited_client(tmp_path, clock, demo_login=False, **OIDC_SETTINGS) as client:
        client.app.state.hub.http_transport = provider.transport

        async def provider_return(**tamper: str) -> int:
            start = await client.get("/connexion/proconnect", follow_redirects=False)
            query = provider.authorize(start.headers["location"]) | tamper
            response = await client.get("/connexion/proconnect/retour", params=query, follow_redirects=False)
            return response.status_code

        failures = [await provider_return(state="x" * 43) for _ in range(6)]
        blocked = await provider_return()
        clock.now += 60
        signed_in = await provider_return()

    assert failures == [400] * 6 and blocked == 429 and signed_in == 303


def test_claimed_client_id_never_keeps_the_secret() -> None:
    assert claimed_client_id("Bearer abc:le-secret") == "abc"
    assert claimed_client_id("bearer  abc:") == "abc"
    assert claimed_client_id("Basic abc:def") is None and claimed_client_id("Bearer sans-deux-points") is None


async def test_the_memory_window_slides() -> None:
    window = MemoryWindow()
    for t in (0.0, 10.0, 20.0):
        await window.add("k", t, 60)

    assert await window.wait("k", 3, 30.0, 60) == 30.0
    assert await window.wait("k", 2, 30.0, 60) == 40.0  # the two last are at 10 and 20
    assert await window.wait("k", 4, 30.0, 60) == 0.0
    assert await window.wait("k", 3, 60.0, 60) == 0.0  # t=0 has left the window
    assert await window.wait("inconnue", 1, 0.0, 60) == 0.0


async def test_a_limit_of_zero_counts_nothing() -> None:
    settings = load_settings({}, auth_failures_per_ip=0, auth_failures_per_identifier=0)
    limiter = FailureLimiter(settings, clock=Clock())
    keys = [Key("api", "ip", "192.0.2.1"), Key("api", "id", "client")]
    for _ in range(50):
        await limiter.failed(keys)
    await limiter.check(keys)


async def test_redis_out_of_reach_lets_attempts_through(caplog: pytest.LogCaptureFixture) -> None:
    settings = load_settings({}, redis_url="redis://127.0.0.1:1/0", auth_failures_per_ip=1)
    limiter = FailureLimiter(settings, clock=Clock())
    keys = [Key("api", "ip", "192.0.2.1")]
    with caplog.at_level(logging.WARNING, logger="hub.web.limites"):
        await limiter.failed(keys)
        await limiter.check(keys)
    await limiter.close()

    assert "tentative acceptée" in caplog.text


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="HUB_TEST_REDIS_URL non défini : test sur Redis réel ignoré")
async def test_redis_counts_are_shared_by_every_web_process() -> None:
    clock = Clock()
    settings = load_settings({}, redis_url=REDIS_URL, queue_name=f"test-limites-{uuid.uuid4().hex}", **LIMITS)
    first, second = FailureLimiter(settings, clock=clock), FailureLimiter(settings, clock=clock)
    keys = [Key("api", "ip", "192.0.2.1"), Key("api", "id", "client-partage")]
    try:
        for limiter in (first, second, first):
            await limiter.check(keys)
            await limiter.failed(keys)
            clock.now += 5
        with pytest.raises(TooManyRequestsException) as refused:
            await second.check(keys)
        clock.now += 50  # t=60: the first failure leaves the window
        await first.check(keys)
    finally:
        await first.close()
        await second.close()

    assert refused.value.headers == {"Retry-After": "45"}
