"""Default-deny access control: every route states who may reach it, or nobody may.

A handler (or a router above it) declares one of, in ``opt``:

- ``{"public": True}``: anyone, signed in or not;
- ``{"authenticated": True}``: any signed-in user;
- ``{"permission": "<slug>.<action>"}``: users holding that registered permission.

:func:`require_access` enforces it on every request; :func:`check_declared_access` refuses at
boot a plugin handler that declares nothing, or a permission no plugin registers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from hub.core.errors import StartupError
from hub.core.web.identity import resolve_principal


async def require_access(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Litestar guard, installed on the whole app."""
    opt = handler.opt
    if opt.get("public") is True:
        return
    permission = opt.get("permission")
    if not isinstance(permission, str) and opt.get("authenticated") is not True:
        raise PermissionDeniedException(detail="Cette adresse ne déclare pas qui peut y accéder : l'accès est refusé.")
    principal = resolve_principal(connection)
    if principal is None:
        raise NotAuthorizedException()
    if not principal.can(permission):
        raise PermissionDeniedException()


def check_declared_access(
    opt: Mapping[str, Any], *, route: str, plugin: str, permissions: Collection[str]
) -> None:
    """Raise :class:`StartupError` unless ``opt`` grants access in one of the three ways above."""
    if opt.get("public") is True or opt.get("authenticated") is True:
        return
    permission = opt.get("permission")
    if not isinstance(permission, str):
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
