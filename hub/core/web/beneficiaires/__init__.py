"""« Mes bénéficiaires » (``/mes-beneficiaires``, permission ``hub.beneficiaires``: mediators): the
followed bénéficiaires (:mod:`~hub.core.web.beneficiaires.pages`), their possible duplicates and
merging (:mod:`~hub.core.web.beneficiaires.doublons`), and the search the CRA forms use
(:mod:`~hub.core.web.beneficiaires.recherche`)."""

from litestar import Router

from hub.core.web.beneficiaires import doublons, pages
from hub.core.web.beneficiaires.recherche import resultats_recherche

routeur = Router(
    path=pages.ADRESSE,
    opt={"permission": "hub.beneficiaires"},
    route_handlers=[*pages.HANDLERS, *doublons.HANDLERS, resultats_recherche],
)

ROUTES = [routeur]

__all__ = ["ROUTES"]
