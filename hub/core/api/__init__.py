"""The core's JSON API under ``/api/v1``: La Coop's public read API, and the hub's write API.

- **Reads, as La Coop** (for API clients only, each route its own scope, :mod:`hub.core.api_clients.scopes`):
  :mod:`~hub.core.api.liste_activites`, :mod:`~hub.core.api.archives`,
  :mod:`~hub.core.api.structures`, :mod:`~hub.core.api.lieux_activite`,
  :mod:`~hub.core.api.utilisateurs`, :mod:`~hub.core.api.statistiques`; their query parameters
  read by :mod:`~hub.core.api.parametres`. ``GET /api/v1/health`` is :mod:`hub.core.web.pages`.
- **Writes**: :mod:`~hub.core.api.activites` and :mod:`~hub.core.api.beneficiaires`, for API
  clients holding ``activites:ecriture`` and for signed-in mediators
  (:mod:`~hub.core.api.appelant`: who acts, for which mediator; bodies read by
  :mod:`~hub.core.api.corps`).
- **The operator console** (:mod:`~hub.core.api.admin_connecteurs`, ``/admin/connecteurs``): for
  signed-in admins only (permission ``hub.admin``), no API client scope.
- **The reference** (public): ``GET /api/v1/openapi``, the OpenAPI document of every
  ``/api/v1`` route, plugins' included, generated from the code (:mod:`~hub.core.api.openapi`),
  and ``GET /api/v1/documentation``, its HTML page (:mod:`~hub.core.api.documentation`).

Answers are La Coop's JSON:API-like documents (:mod:`~hub.core.api.documents`, lists paginated
by :mod:`~hub.core.api.pagination`); errors are the hub's JSON ones (:mod:`hub.core.web.errors`).
Documented for partners in ``docs/api.md``.
"""

from litestar import Router
from litestar.di import Provide

from hub.core.api import (
    activites,
    admin_connecteurs,
    archives,
    beneficiaires,
    documentation,
    lieux_activite,
    liste_activites,
    statistiques,
    structures,
    utilisateurs,
)
from hub.core.api.appelant import provide_appelant
from hub.core.api.openapi import PREFIXE

# One router: two on the same path would both answer its OPTIONS. Each handler states its own
# access rule (the write API's: :data:`hub.core.api.appelant.ECRITURE`).
ROUTES = [
    Router(
        path=PREFIXE,
        route_handlers=[
            *activites.HANDLERS,
            *beneficiaires.HANDLERS,
            *liste_activites.HANDLERS,
            *archives.HANDLERS,
            *structures.HANDLERS,
            *lieux_activite.HANDLERS,
            *utilisateurs.HANDLERS,
            *statistiques.HANDLERS,
            *documentation.HANDLERS,
            *admin_connecteurs.HANDLERS,
        ],
        dependencies={"appelant": Provide(provide_appelant)},
    ),
]

__all__ = ["ROUTES"]
