"""Client of the RDV Service Public API v1 (RDV-SP, RDV Solidarités): OAuth, paginated lists,
typed objects, webhooks. Framework-free: nothing here imports the hub. See README.md."""

from connectors.rdv_service_public.client import RdvClient
from connectors.rdv_service_public.datetimes import parse_datetime
from connectors.rdv_service_public.instances import INSTANCES
from connectors.rdv_service_public.models import (
    Agent,
    Lieu,
    Motif,
    Organisation,
    Participation,
    Rdv,
    RdvPlan,
    RdvPlanUser,
    RdvStatus,
    User,
    WebhookEndpoint,
)
from connectors.rdv_service_public.oauth import OAuthApp, OAuthToken, expires_soon
from connectors.rdv_service_public.pagination import PAGE_SIZE, Page, PagedQuery
from connectors.rdv_service_public.records import InvalidRecord, decode_record
from connectors.rdv_service_public.session import TokenProvider
from connectors.rdv_service_public.tokens import RefreshingToken, StaticToken
from connectors.rdv_service_public.webhooks import SIGNATURE_HEADER, WebhookEvent, parse_webhook, verify_signature

__all__ = [
    "INSTANCES",
    "PAGE_SIZE",
    "SIGNATURE_HEADER",
    "Agent",
    "InvalidRecord",
    "Lieu",
    "Motif",
    "OAuthApp",
    "OAuthToken",
    "Organisation",
    "Page",
    "PagedQuery",
    "Participation",
    "Rdv",
    "RdvClient",
    "RdvPlan",
    "RdvPlanUser",
    "RdvStatus",
    "RefreshingToken",
    "StaticToken",
    "TokenProvider",
    "User",
    "WebhookEndpoint",
    "WebhookEvent",
    "decode_record",
    "expires_soon",
    "parse_datetime",
    "parse_webhook",
    "verify_signature",
]
