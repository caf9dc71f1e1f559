"""The operator console (``/admin/connecteurs``, permission ``hub.admin``): connector instances,
their runs and dead letters, pause, resume, sync now and replay (:mod:`~hub.core.web.console.pages`).
It reads and acts only through :mod:`hub.core.sync.overview` and :mod:`hub.core.sync.operations`."""

from hub.core.web.console.pages import routeur

ROUTES = [routeur]

__all__ = ["ROUTES"]
