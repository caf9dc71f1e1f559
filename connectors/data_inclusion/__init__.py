"""Client of the data·inclusion API v1 (structures, services, sources) and its schema v1 models.

Framework-free: it imports nothing from the hub and raises the typed errors of
:mod:`connectors.errors`.
"""

from connectors.data_inclusion.client import BASE_URL, DataInclusionClient, Page, PagedQuery, Rejet
from connectors.data_inclusion.failures import JETON_REFUSE, PORTEE_MANQUANTE
from connectors.data_inclusion.models import Doublon, Service, Source, Structure

__all__ = [
    "BASE_URL",
    "JETON_REFUSE",
    "PORTEE_MANQUANTE",
    "DataInclusionClient",
    "Doublon",
    "Page",
    "PagedQuery",
    "Rejet",
    "Service",
    "Source",
    "Structure",
]
