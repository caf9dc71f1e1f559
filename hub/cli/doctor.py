"""``hub doctor``: the deployment's health, one line per check, each failure with its fix.

Run it where the web app runs, with its settings (``HUB_CONFIG``, ``HUB_*``): the plugins it
loads stand for the web app's, compared with those each worker reports in its heartbeat.
Exit code 0 when nothing failed, 1 otherwise; ``--json`` prints
``{"ok": bool, "checks": [{"name", "title", "status", "message", "fix"}]}``.
"""

from __future__ import annotations

import asyncio
import json

import click

from hub.cli.doctor_checks import Check, diagnose
from hub.core.errors import StartupError
from hub.core.hub import Hub
from hub.core.settings import load_settings

SYMBOLS = {"ok": "✓", "echec": "✗", "ignore": "–"}


def run_diagnosis() -> list[Check]:
    """Build the hub from the environment and run every check; a hub that does not even
    build (settings, plugins) is itself the one failed check."""
    try:
        hub = Hub.create(load_settings())
    except StartupError as exc:
        return [
            Check(
                "demarrage",
                "Réglages et plugins",
                "echec",
                str(exc),
                "corrigez hub.toml (ou la variable HUB_* nommée) ou le plugin nommé, puis relancez `hub doctor`",
            )
        ]

    async def main() -> list[Check]:
        try:
            return await diagnose(hub)
        finally:
            await hub.queue.close()
            await hub.engine.dispose()

    return asyncio.run(main())


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def doctor(as_json: bool) -> None:
    """Vérifie la base, les migrations, Redis, les workers, leurs plugins et chaque connecteur."""
    checks = run_diagnosis()
    failures = [check for check in checks if check.status == "echec"]
    if as_json:
        click.echo(json.dumps({"ok": not failures, "checks": [c.as_json() for c in checks]}, ensure_ascii=False, indent=2))
    else:
        for check in checks:
            click.echo(f"{SYMBOLS[check.status]} {check.title} : {check.message}")
            if check.fix:
                click.echo(f"    → à faire : {check.fix}")
        click.echo(
            f"{len(failures)} problème{'s' if len(failures) > 1 else ''} à corriger."
            if failures
            else "Tout va bien."
        )
    if failures:
        raise SystemExit(1)
