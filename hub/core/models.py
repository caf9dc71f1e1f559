"""Every table of the core, imported in one place (Alembic's autogenerate and the tests need them all)."""

from hub.core.api_clients.models import ApiClient
from hub.core.audit.models import Mutation
from hub.core.auth.models import LoginAttempt, WebSession
from hub.core.identity.models import Coordinateur, Mediateur, User, UserIdentity
from hub.core.jobs.models import JobRun
from hub.core.structures.models import EmployeStructure, MediateurEnActivite, Structure
from hub.core.sync.models import ConnectorInstance, DeadLetter, SyncRun, SyncState
from hub.core.teams.models import InvitationEquipe, MediateurCoordonne

__all__ = [
    "ApiClient",
    "ConnectorInstance",
    "Coordinateur",
    "DeadLetter",
    "EmployeStructure",
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
    "User",
    "UserIdentity",
    "WebSession",
]
