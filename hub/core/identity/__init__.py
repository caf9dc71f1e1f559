"""Identity: users, their roles and the principal a request acts for."""

from hub.core.identity.principal import Principal

__all__ = ["Principal"]
