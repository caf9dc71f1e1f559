"""The pages of identity and organisation: sign-up, lieux d'activité, teams, invitations, and the
administration's journal. The core mounts them at French paths of their own (not under ``/hub``).

Handlers show a form again, with each message next to its field (400), when a service refuses
its input; other refusals become the French error pages (:mod:`hub.core.web.errors`). Writes
happen in one transaction, rolled back when anything fails.
"""

from hub.core.web.organisation import equipe, equipes, inscription, invitations, lieux
from hub.core.web.organisation.choix_structure import resultats_recherche
from hub.core.web.organisation.journal import page_journal

ROUTES = [
    inscription.routeur,
    lieux.routeur,
    equipe.routeur,
    equipes.routeur,
    invitations.routeur,
    resultats_recherche,
    page_journal,
]

__all__ = ["ROUTES"]
