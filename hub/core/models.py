"""Every table of the core, imported in one place (Alembic's autogenerate and the tests need them all)."""

from hub.core.activites.coordination.models import ActiviteCoordination
from hub.core.activites.models import Accompagnement, Activite
from hub.core.api_clients.models import ApiClient
from hub.core.audit.models import Mutation
from hub.core.auth.models import LoginAttempt, WebSession
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.identity.models import Coordinateur, Mediateur, User, UserIdentity
from hub.core.jobs.models import JobRun
from hub.core.stats.cumuls.models import (
    Cumul,
    CumulActivite,
    CumulDepart,
    CumulMediateur,
    CumulPeriode,
    CumulSuivis,
    EtatCumuls,
)
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun, SyncState
from hub.core.tags.models import Tag, activites_coordination_tags, activites_tags
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne

__all__ = [
    "Accompagnement",
    "Activite",
    "ActiviteCoordination",
    "ApiClient",
    "Beneficiaire",
    "ConnectorInstance",
    "Coordinateur",
    "Cumul",
    "CumulActivite",
    "CumulDepart",
    "CumulMediateur",
    "CumulPeriode",
    "CumulSuivis",
    "DeadLetter",
    "EmployeStructure",
    "EtatCumuls",
    "InvitationEquipe",
    "JobRun",
    "LoginAttempt",
    "Mediateur",
    "MediateurCoordonne",
    "MediateurEnActivite",
    "Mutation",
    "Structure",
    "SyncRun",
    "SyncState",
    "Tag",
    "User",
    "UserIdentity",
    "WebSession",
    "activites_coordination_tags",
    "activites_tags",
]
