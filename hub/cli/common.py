"""What every ``hub`` command shares: building the hub, running coroutines, failing in French."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import click
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.auth.principals import load_principal
from hub.core.errors import DomainError, NotFound, StartupError, ValidationError
from hub.core.hub import Hub
from hub.core.identity.models import User
from hub.core.identity.principal import Principal
from hub.core.settings import load_settings

T = TypeVar("T")


def build_hub() -> Hub:
    try:
        return Hub.create(load_settings())
    except StartupError as exc:
        raise click.ClickException(str(exc)) from None


def run_with_hub(action: Callable[[Hub], Awaitable[T]], *, started: bool = False) -> T:
    """Run ``action(hub)`` on a fresh hub, then shut it down.

    ``started`` first runs the plugins' start-up (connector instances reconciled with
    ``hub.toml``), without the in-process scheduler: a command does its work and leaves."""

    async def main() -> T:
        hub = build_hub()
        try:
            if started:
                await hub.startup(scheduler=False)
            return await action(hub)
        finally:
            await hub.shutdown()

    return asyncio.run(main())


def run_service(
    action: Callable[[Hub], Awaitable[T]], *, options: Mapping[str, str] | None = None, started: bool = False
) -> T:
    """:func:`run_with_hub` for a command that calls a service: a refusal becomes a French
    error (exit code 1) naming the faulty option, e.g. ``--code-postal : Le code postal…``.

    A field is named ``--<field>`` (underscores as dashes) unless ``options`` maps it
    (``{"lieux": "--lieu"}``); ``lieux.1`` is the second ``--lieu``. ``started``: as for
    :func:`run_with_hub`."""
    try:
        return run_with_hub(action, started=started)
    except ValidationError as exc:
        lines = [f"{_option(field, options or {})} : {message}" for field, message in exc.errors.items()]
        raise click.ClickException("\n".join(lines)) from None
    except DomainError as exc:
        raise click.ClickException(str(exc)) from None


def _option(field: str, options: Mapping[str, str]) -> str:
    name, _, rest = field.partition(".")
    option = options.get(name, "--" + name.replace("_", "-"))
    index = rest.split(".")[0]
    return f"{option} n° {int(index) + 1}" if index.isdigit() else option


async def principal_par_email(session: AsyncSession, email: str) -> Principal:
    """The principal of the person whose account has the e-mail ``email`` (any case);
    :class:`~hub.core.errors.NotFound` when none has."""
    user_id = await session.scalar(
        sa.select(User.id).where(sa.func.lower(User.email) == email.strip().lower(), User.suppression.is_(None))
    )
    principal = await load_principal(session, [], user_id) if user_id else None
    if principal is None:
        raise NotFound(f"Aucun compte n'a l'adresse « {email} ».")
    return principal
