"""The core's JSON API beyond La Coop's reads: partners and mediators write CRAs and bénéficiaires.

Under ``/api/v1``: :mod:`~hub.core.api.activites` and :mod:`~hub.core.api.beneficiaires`. Every
route is for API clients holding ``activites:ecriture`` and for signed-in mediators
(:mod:`~hub.core.api.appelant`: who acts, for which mediator); bodies are read by
:mod:`~hub.core.api.corps`, answers are La Coop's JSON:API-like documents
(:mod:`~hub.core.api.documents`, lists paginated by :mod:`~hub.core.api.pagination`). Errors are
the hub's JSON ones (:mod:`hub.core.web.errors`). Documented for partners in ``docs/api.md``.
"""

from litestar import Router
from litestar.di import Provide

from hub.core.api import activites, beneficiaires
from hub.core.api.appelant import provide_appelant

ACCES = {"api_scope": "activites:ecriture", "authenticated": True}

ROUTES = [
    Router(
        path="/api/v1",
        route_handlers=[*activites.HANDLERS, *beneficiaires.HANDLERS],
        opt=ACCES,
        dependencies={"appelant": Provide(provide_appelant)},
    )
]

__all__ = ["ROUTES"]
