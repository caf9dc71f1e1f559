"""Default-deny access control: every route states who may reach it, or nobody may.

A handler (or a router above it) declares, in ``opt``, one of:

- ``{"public": True}``: anyone, signed in or not;
- ``{"authenticated": True}``: any signed-in user;
- ``{"permission": "<slug>.<action>"}``: users holding that registered permission;
- ``{"api_scope": "<scope>"}``: API clients holding that scope (:mod:`hub.core.api_clients.scopes`).

``api_scope`` combines with the others: a request carrying an ``Authorization`` header is
judged as an API client (401 for bad credentials, 403 without the scope); any other request
as a person, accepted only when the route also declares ``permission`` (which they hold) or
``authenticated``. A route with ``api_scope`` alone is for API clients only.

:func:`require_access` enforces it on every request; :func:`check_declared_access` refuses at
boot a plugin handler that declares nothing, a permission no plugin registers, or an unknown scope.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from hub.core.api_clients.credentials import MALFORMED
from hub.core.api_clients.scopes import API_SCOPES
from hub.core.errors import StartupError
from hub.core.web.identity import BEARER_CHALLENGE, identify, identify_api_client

UNDECLARED = "Cette adresse ne déclare pas qui peut y accéder : l'accès est refusé."
API_CLIENTS_ONLY = "Cette adresse est réservée aux clients d'API (Authorization: Bearer <client_id>:<client_secret>)."


async def require_access(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Litestar guard, installed on the whole app."""
    opt = handler.opt
    if opt.get("public") is True:
        return
    permission = opt.get("permission")
    scope = opt.get("api_scope")
    for_people = isinstance(permission, str) or opt.get("authenticated") is True
    if not for_people and not isinstance(scope, str):
        raise PermissionDeniedException(detail=UNDECLARED)
    if isinstance(scope, str) and "authorization" in connection.headers:
        client = await identify_api_client(connection)
        if not client.has_scope(scope):
            raise PermissionDeniedException(
                detail=f"Ce client d'API n'a pas le droit « {scope} » qu'exige cette adresse."
            )
        return
    principal = (await identify(connection)).principal
    if principal is None:
        if isinstance(scope, str):
            raise NotAuthorizedException(detail=MALFORMED, headers=BEARER_CHALLENGE)
        raise NotAuthorizedException()
    if not for_people:
        raise PermissionDeniedException(detail=API_CLIENTS_ONLY)
    if not principal.can(permission):
        raise PermissionDeniedException()


def check_declared_access(
    opt: Mapping[str, Any], *, route: str, plugin: str, permissions: Collection[str]
) -> None:
    """Raise :class:`StartupError` unless ``opt`` grants access in one of the ways above."""
    scope = opt.get("api_scope")
    if scope is not None and scope not in API_SCOPES:
        raise StartupError(
            f"{route} exige le droit d'API « {scope} », inconnu (droits possibles : {', '.join(API_SCOPES)})",
            plugin=plugin,
        )
    if opt.get("public") is True or opt.get("authenticated") is True:
        return
    permission = opt.get("permission")
    if not isinstance(permission, str):
        if scope is not None:
            return
        raise StartupError(
            f"{route} ne déclare aucun accès : ajoutez opt={{\"permission\": \"{plugin}.<action>\"}} "
            "(ou opt={\"public\": True} pour une page ouverte à tous)",
            plugin=plugin,
        )
    if permission not in permissions:
        raise StartupError(
            f"{route} exige la permission « {permission} », qu'aucun plugin ne déclare : "
            "ajoutez-la à hub_register_permissions ou corrigez son nom",
            plugin=plugin,
        )
