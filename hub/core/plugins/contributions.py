"""The plain data that plugins return from registration hooks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import msgspec

if TYPE_CHECKING:
    from litestar import Request
    from sqlalchemy.ext.asyncio import AsyncSession

    from hub.core.hub import Hub
    from hub.core.identity import Principal


Role = Literal["mediateur", "coordinateur", "admin", "support"]


class Permission(msgspec.Struct, frozen=True, kw_only=True):
    """A permission a plugin checks. ``name`` is ``<slug>.<action>``, e.g. ``rdv.view``.

    ``granted_to`` lists the roles that hold it: a user holds the permissions of each of their
    roles (a person may be both mediateur and coordinateur). Admin and support administer the
    hub and do not use the mediation features, so they hold only what is granted to them."""

    name: str
    label: str
    granted_to: tuple[Role, ...] = ("mediateur", "coordinateur")


class MenuItem(msgspec.Struct, frozen=True, kw_only=True):
    """An entry of the main menu, shown only to users holding ``permission``."""

    label: str
    href: str
    permission: str | None = None
    order: int = 100


@dataclass(frozen=True, slots=True)
class WidgetContext:
    """What a widget's ``render`` receives: the hub, the user, a database session and a renderer."""

    hub: Hub
    principal: Principal
    request: Request[Any, Any, Any]
    session: AsyncSession
    render_template: Callable[..., str]


class WidgetSpec(msgspec.Struct, frozen=True, kw_only=True):
    """A dashboard card. ``id`` is ``<slug>.<name>``; ``render`` returns an HTML fragment.

    ``render`` must read local tables only (never a partner API); it runs under
    ``timeout_seconds`` (the deployment's ``widget_timeout_seconds`` when ``None``), and a widget
    that raises or times out is shown as an error card.
    """

    id: str
    title: str
    render: Callable[[WidgetContext], Awaitable[str]]
    description: str = ""
    permission: str | None = None
    order: int = 100
    size: Literal["petit", "moyen", "grand"] = "moyen"
    timeout_seconds: float | None = None


class JobSpec(msgspec.Struct, frozen=True, kw_only=True):
    """A background job. ``name`` is ``<slug>:<name>``.

    ``func(ctx, **kwargs)`` is awaited with a :class:`hub.core.jobs.JobContext`; what it returns
    (plain JSON data) is recorded with the run. ``cron`` is a five-field crontab
    (``"*/15 * * * *"``) for periodic jobs. A :class:`connectors.errors.TransientError` is retried
    with backoff up to ``max_tries``; any other error fails the run at once.
    """

    name: str
    func: Callable[..., Awaitable[Any]]
    description: str = ""
    cron: str | None = None
    max_tries: int = 3
    timeout_seconds: float = 300.0
