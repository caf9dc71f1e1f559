"""Who is asking: the principal a request or a job acts for."""

from __future__ import annotations

import msgspec

from hub.core.plugins.contributions import Role


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    """A signed-in person (or an operator's tool acting as one).

    ``roles`` are those of :data:`Role` the user holds (``mediateur`` and ``coordinateur`` may go
    together); ``permissions`` follow from them. ``mediateur_id`` / ``coordinateur_id`` are set when
    the user has that side. ``usurpateur_id`` is the admin impersonating this (test) user."""

    id: str
    display_name: str
    permissions: frozenset[str] = frozenset()
    roles: frozenset[Role] = frozenset()
    email: str | None = None
    mediateur_id: str | None = None
    coordinateur_id: str | None = None
    is_conseiller_numerique: bool = False
    usurpateur_id: str | None = None

    def can(self, permission: str | None) -> bool:
        return permission is None or permission in self.permissions

    def has_role(self, role: Role) -> bool:
        return role in self.roles
