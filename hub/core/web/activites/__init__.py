"""The pages of activities: « Mes activités » (the lists, :mod:`~hub.core.web.activites.liste`)
and the CRA forms of mediators and coordinators (:mod:`~hub.core.web.activites.pages_cra`).

Handlers show a form again, with each message next to its field (400), when a service refuses
its input; other refusals become the French error pages (:mod:`hub.core.web.errors`). Writes
happen in one transaction, rolled back when anything fails.
"""

from hub.core.web.activites import liste
from hub.core.web.activites.pages_cra import ROUTEURS, choix

ROUTES = [liste.routeur, choix, *ROUTEURS]

__all__ = ["ROUTES"]
