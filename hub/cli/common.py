"""What every ``hub`` command shares: building the hub, running coroutines, failing in French."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click

from hub.core.errors import StartupError
from hub.core.hub import Hub
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
