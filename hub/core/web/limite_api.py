"""The guard that limits failed API authentications (:mod:`hub.core.web.limites`).

On a route that accepts API clients (``opt["api_scope"]``), a request with an ``Authorization``
header is refused with a 429 when its IP address or the client id it names failed too often;
otherwise its credentials are checked here (:func:`~hub.core.web.identity.identify_api_client`,
which remembers the client for the access guard), and a refusal (401) is counted. Installed on
the whole app before :func:`~hub.core.web.access.require_access`.
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler

from hub.core.web.identity import identify_api_client
from hub.core.web.limites import keys_for, limiter_of

KIND = "api"


def claimed_client_id(authorization: str) -> str | None:
    """The client id an ``Authorization: Bearer <client_id>:<secret>`` header names, or
    ``None`` (the secret is never kept)."""
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or ":" not in token:
        return None
    return token.strip().partition(":")[0] or None


async def limit_api_failures(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Litestar guard (see the module's docstring)."""
    opt = handler.opt
    authorization = connection.headers.get("authorization")
    if authorization is None or opt.get("public") is True or not isinstance(opt.get("api_scope"), str):
        return
    limiter = limiter_of(connection)
    keys = keys_for(connection, KIND, claimed_client_id(authorization))
    await limiter.check(keys)
    try:
        await identify_api_client(connection)
    except NotAuthorizedException:
        await limiter.failed(keys)
        raise
