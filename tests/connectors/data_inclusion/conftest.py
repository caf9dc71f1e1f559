"""A respx router standing in for data·inclusion, and a client wired to it (no network)."""

from collections.abc import AsyncIterator

import httpx
import pytest
import respx

from connectors.data_inclusion import DataInclusionClient

from .fixtures import BASE_URL, TOKEN


@pytest.fixture
def router() -> respx.MockRouter:
    """Routes under the test host; an unrouted request fails the test."""
    return respx.MockRouter(base_url=BASE_URL, assert_all_mocked=True, assert_all_called=False)


@pytest.fixture
async def client(router: respx.MockRouter) -> AsyncIterator[DataInclusionClient]:
    async with DataInclusionClient(TOKEN, base_url=BASE_URL, transport=httpx.MockTransport(router.handler)) as di:
        yield di
