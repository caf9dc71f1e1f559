"""A respx router standing in for one RDV-SP instance, and a client wired to it (no network)."""

from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from connectors.rdv_service_public.client import RdvClient

from .fixtures import API, BASE_URL, CountingTokens


@pytest.fixture
def router() -> respx.MockRouter:
    """Routes under ``https://rdv.exemple.test/api/v1``; an unrouted request fails the test."""
    return respx.MockRouter(base_url=API, assert_all_mocked=True, assert_all_called=False)


@pytest.fixture
def tokens() -> CountingTokens:
    return CountingTokens()


@pytest.fixture
async def client(router: respx.MockRouter, tokens: CountingTokens) -> AsyncIterator[RdvClient]:
    async with RdvClient(BASE_URL, tokens, transport=httpx.MockTransport(router.handler)) as rdv_client:
        yield rdv_client
