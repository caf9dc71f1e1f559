"""A partner's API mocked with respx, injected into the hub: nothing is patched globally.

Typical use, in a plugin's tests (respx is a test dependency, imported only here)::

    with mock_partner(hub) as partner:
        partner.get("https://partenaire.example/flux.json").respond(json={"elements": []})
        await hub.queue.enqueue("hub:sync", instance_id="flux", stream="elements")
        await hub.queue.drain()

and, for the contract suite, ``check_connector_contract(..., transport=respx_transport(router))``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import httpx

from hub.core.hub import Hub

if TYPE_CHECKING:
    import respx


def respx_transport(router: respx.MockRouter) -> httpx.MockTransport:
    """An httpx transport answering through ``router`` (a request it does not match fails
    the test with respx's ``AllMockedAssertionError``)."""
    return httpx.MockTransport(router.handler)


@contextmanager
def mock_partner(hub: Hub, *, base_url: str | None = None) -> Iterator[respx.MockRouter]:
    """A fresh respx router on ``hub.http_transport`` for the block (the transport every
    connector's HTTP client uses), the previous transport restored after it. Every request
    must match a route; routes need not all be called."""
    import respx

    router = respx.MockRouter(base_url=base_url, assert_all_called=False, assert_all_mocked=True)
    previous = hub.http_transport
    hub.http_transport = respx_transport(router)
    try:
        yield router
    finally:
        hub.http_transport = previous
