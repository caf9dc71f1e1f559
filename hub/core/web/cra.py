"""The pages of the CRA (comptes rendus d'activité): the activities and their forms
(:mod:`hub.core.web.activites`), the mediators' bénéficiaires (:mod:`hub.core.web.beneficiaires`)."""

from hub.core.web.activites import ROUTES as ACTIVITES
from hub.core.web.beneficiaires import ROUTES as BENEFICIAIRES

ROUTES = [*ACTIVITES, *BENEFICIAIRES]

__all__ = ["ROUTES"]
