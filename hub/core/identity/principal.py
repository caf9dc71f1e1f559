"""Who is asking: the principal a request or a job acts for."""

from __future__ import annotations

import msgspec


class Principal(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    display_name: str
    permissions: frozenset[str] = frozenset()

    def can(self, permission: str | None) -> bool:
        return permission is None or permission in self.permissions
