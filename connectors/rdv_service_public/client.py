"""The RDV-SP API v1 calls the hub uses, typed.

Each method says whether it is a *setup* call (a refusal is a :class:`ConfigError`) or a *record*
call (a refusal is a :class:`RecordError` for that record): see
:mod:`connectors.rdv_service_public.failures`. Lists return a :class:`PagedQuery`, read page by
page (``pages()``) or record by record (``records(on_error=…)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar

import httpx

from connectors.errors import ConfigError
from connectors.http import PartnerClient, query_params
from connectors.rdv_service_public.datetimes import query_value
from connectors.rdv_service_public.failures import PARTNER
from connectors.rdv_service_public.models import (
    Agent,
    Lieu,
    Motif,
    Organisation,
    Rdv,
    RdvPlan,
    RdvPlanUser,
    RdvStatus,
    User,
    WebhookEndpoint,
)
from connectors.rdv_service_public.pagination import PagedQuery
from connectors.rdv_service_public.records import InvalidRecord, decode_record
from connectors.rdv_service_public.session import RdvSession, TokenProvider
from connectors.rdv_service_public.webhooks import Subscription

T = TypeVar("T")

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class RdvClient(PartnerClient):
    """A client of one RDV-SP instance (``base_url``: ``https://rdv.anct.gouv.fr`` or another host
    of :data:`connectors.rdv_service_public.instances.INSTANCES`), acting as the agent whose
    token ``tokens`` provides.

    Pass the hub's ``http`` client (left open), or a ``transport`` (tests: ``respx`` or
    ``httpx.MockTransport``) for a client this object owns and closes (``async with`` or
    :meth:`aclose`).
    """

    def __init__(
        self,
        base_url: str,
        tokens: TokenProvider,
        *,
        http: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(http=http, transport=transport, timeout=DEFAULT_TIMEOUT)
        self.session = RdvSession(base_url, tokens, http=self.http)

    # -- the agent and their organisations (setup) --------------------------------------------

    async def me(self) -> Agent:
        """``GET agents/me``: the agent the token belongs to."""
        return await self._one("GET", "agents/me", "agent", Agent, kind="setup")

    def organisations(
        self, *, departement_number: str | None = None, city_code: str | None = None, street_ban_id: str | None = None
    ) -> PagedQuery[Organisation]:
        """``GET organisations``: those the agent belongs to, ordered by id."""
        params = query_params(departement_number=departement_number, city_code=city_code, street_ban_id=street_ban_id)
        return PagedQuery(self.session, "organisations", "organisations", Organisation, params)

    # -- lists read by the sync (setup) --------------------------------------------------------

    def rdvs(
        self,
        *,
        organisation_id: int | None = None,
        user_id: int | None = None,
        agent_id: int | None = None,
        ids: Sequence[int] = (),
        starts_after: date | datetime | None = None,
        starts_before: date | datetime | None = None,
        status: RdvStatus | Sequence[RdvStatus] | None = None,
    ) -> PagedQuery[Rdv]:
        """``GET rdvs``: every RDV the agent may see, narrowed by the filters given.

        Dates are sent as ``YYYY-MM-DD``, datetimes (timezone-aware only) as ISO 8601; several
        ``ids`` or statuses are sent as ``id[]`` / ``status[]``.
        """
        params = query_params(organisation_id=organisation_id, user_id=user_id, agent_id=agent_id)
        params += [("id[]", rdv_id) for rdv_id in ids]
        if starts_after is not None:
            params.append(("starts_after", query_value(starts_after)))
        if starts_before is not None:
            params.append(("starts_before", query_value(starts_before)))
        if isinstance(status, str):
            params.append(("status", status))
        elif status is not None:
            params += [("status[]", value) for value in status]
        return PagedQuery(self.session, "rdvs", "rdvs", Rdv, params)

    def users(self, *, organisation_id: int | None = None, ids: Sequence[int] = ()) -> PagedQuery[User]:
        """``GET users`` (filter ``ids[]``), or ``GET organisations/{id}/users`` for one
        organisation's usagers."""
        if organisation_id is not None:
            path = f"organisations/{organisation_id}/users"
        else:
            path = "users"
        return PagedQuery(self.session, path, "users", User, [("ids[]", user_id) for user_id in ids])

    def lieux(self, *, organisation_id: int | None = None) -> PagedQuery[Lieu]:
        """``GET lieux``, ordered by id."""
        return PagedQuery(self.session, "lieux", "lieux", Lieu, query_params(organisation_id=organisation_id))

    def motifs(
        self,
        organisation_id: int,
        *,
        active: bool | None = None,
        bookable_publicly: bool | None = None,
        service_id: int | None = None,
        motif_category_short_name: str | None = None,
    ) -> PagedQuery[Motif]:
        """``GET organisations/{id}/motifs``, ordered by id."""
        params = query_params(
            active=active,
            bookable_publicly=bookable_publicly,
            service_id=service_id,
            motif_category_short_name=motif_category_short_name,
        )
        return PagedQuery(self.session, f"organisations/{organisation_id}/motifs", "motifs", Motif, params)

    # -- webhooks (setup: only organisation admins may install them) ---------------------------

    def webhook_endpoints(self, organisation_id: int, *, target_url: str | None = None) -> PagedQuery[WebhookEndpoint]:
        """``GET organisations/{id}/webhook_endpoints``; list again after a creation to be sure
        it was kept."""
        return PagedQuery(
            self.session,
            f"organisations/{organisation_id}/webhook_endpoints",
            "webhook_endpoints",
            WebhookEndpoint,
            query_params(target_url=target_url),
        )

    async def create_webhook_endpoint(
        self,
        organisation_id: int,
        *,
        target_url: str,
        secret: str,
        subscriptions: Sequence[Subscription],
        trigger: bool = True,
    ) -> WebhookEndpoint:
        """``POST organisations/{id}/webhook_endpoints``. With ``trigger`` RDV-SP replays every
        existing subscribed record as a ``created`` event (a backfill); ``False`` skips it.
        A second endpoint with the same ``target_url`` is refused (422 → :class:`ConfigError`)."""
        body = {"target_url": target_url, "secret": secret, "subscriptions": list(subscriptions), "trigger": trigger}
        return await self._one(
            "POST", f"organisations/{organisation_id}/webhook_endpoints", "webhook_endpoint", WebhookEndpoint,
            kind="setup", json=body,
        )

    async def update_webhook_endpoint(
        self,
        organisation_id: int,
        endpoint_id: int,
        *,
        target_url: str | None = None,
        secret: str | None = None,
        subscriptions: Sequence[Subscription] | None = None,
        trigger: bool = True,
    ) -> WebhookEndpoint:
        """``PATCH organisations/{id}/webhook_endpoints/{endpoint_id}``: only the fields given
        change; ``trigger`` as for :meth:`create_webhook_endpoint`."""
        body: dict[str, Any] = {"trigger": trigger}
        if target_url is not None:
            body["target_url"] = target_url
        if secret is not None:
            body["secret"] = secret
        if subscriptions is not None:
            body["subscriptions"] = list(subscriptions)
        return await self._one(
            "PATCH", f"organisations/{organisation_id}/webhook_endpoints/{endpoint_id}", "webhook_endpoint",
            WebhookEndpoint, kind="setup", json=body,
        )

    async def disable_webhook_endpoint(self, organisation_id: int, endpoint_id: int) -> WebhookEndpoint:
        """Stop every delivery to an endpoint: the API v1 has no DELETE for webhook endpoints, so
        this empties its subscriptions (without backfill). Removing it for good is done by an
        organisation admin in RDV-SP, or by its support."""
        return await self.update_webhook_endpoint(organisation_id, endpoint_id, subscriptions=(), trigger=False)

    # -- one record (record: a refusal concerns that record only) ------------------------------

    async def user(self, user_id: int) -> User:
        """``GET users/{id}``."""
        return await self._one("GET", f"users/{user_id}", "user", User, kind="record")

    async def update_rdv_status(self, rdv_id: int, status: RdvStatus) -> RdvStatus:
        """``PATCH rdvs/{id}/update_status``; returns the status RDV-SP now holds (it answers
        with the status only)."""
        body = await self.session.request(
            "PATCH", f"rdvs/{rdv_id}/update_status", kind="record", json={"status": status}
        )
        value = body.get("status") if isinstance(body, dict) else None
        if value not in ("unknown", "seen", "excused", "revoked", "noshow"):
            raise InvalidRecord(f"rendez-vous {rdv_id} : statut inattendu dans la réponse ({value!r})",
                                record_id=rdv_id, raw=body)
        return value

    async def create_rdv_plan(self, user: RdvPlanUser, *, return_url: str, dossier_url: str | None = None) -> RdvPlan:
        """``POST rdv_plans``: a draft RDV for ``user``; send the agent to the plan's ``url``,
        RDV-SP brings them back to ``return_url``."""
        body: dict[str, Any] = {"user": user, "return_url": return_url}
        if dossier_url is not None:
            body["dossier_url"] = dossier_url
        return await self._one("POST", "rdv_plans", "rdv_plan", RdvPlan, kind="record", json=body)

    async def rdv_plan(self, plan_id: int) -> RdvPlan:
        """``GET rdv_plans/{id}``: whether the plan became an RDV."""
        return await self._one("GET", f"rdv_plans/{plan_id}", "rdv_plan", RdvPlan, kind="record")

    async def _one(self, method: str, path: str, root: str, record_type: type[T], **kwargs: Any) -> T:
        body = await self.session.request(method, path, **kwargs)
        record = body.get(root) if isinstance(body, dict) else None
        if record is None:
            message = f"{PARTNER} ({method} /api/v1/{path}) a répondu sans « {root} »"
            if kwargs["kind"] == "setup":
                raise ConfigError(f"{message} : vérifiez l'adresse de l'instance (API v1 attendue)")
            raise InvalidRecord(f"{message} : enregistrement ignoré", raw=body)
        return decode_record(record, record_type)
