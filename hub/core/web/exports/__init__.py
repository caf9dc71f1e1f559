"""The export pages (``/exports``, permission ``hub.exports``: mediators and coordinators):
:mod:`~hub.core.web.exports.pages` (the page, small exports at once) and
:mod:`~hub.core.web.exports.taches` (large exports, written by a background job)."""

from litestar import Router

from hub.core.web.exports import pages, taches
from hub.core.web.exports.communs import ADRESSE

ROUTES = [Router(path=ADRESSE, route_handlers=[*pages.ROUTES, *taches.ROUTES])]

__all__ = ["ROUTES"]
