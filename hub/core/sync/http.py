"""The HTTP client a connector receives: one per setup check or sync run."""

from __future__ import annotations

import functools
import ssl
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from hub.core.hub import Hub

USER_AGENT = "hub-mediation-numerique (synchronisation)"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


def connector_http_client(hub: Hub) -> httpx.AsyncClient:
    """A fresh client, closed by the caller (``async with``).

    It goes through ``hub.http_transport`` when one is set: tests give an
    ``httpx.MockTransport`` or a respx router there, so nothing is patched globally.
    """
    return httpx.AsyncClient(
        transport=hub.http_transport, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT}, verify=_tls()
    )


@functools.cache
def _tls() -> ssl.SSLContext:
    """The certificate authorities, loaded once per process: loading them took ~17 ms per
    client, that is per sync run (``benchmarks/rdv_sync.py``)."""
    return httpx.create_ssl_context()
