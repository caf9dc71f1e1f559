"""The plugin's background jobs (thin wrappers: the work is in its modules)."""

from __future__ import annotations

from typing import Any

from hub import JobSpec
from plugins.rdv import sondage, webhooks
from plugins.rdv.liaison import INSTALLER_WEBHOOKS


async def installer_webhooks(ctx: Any, compte_id: str) -> dict[str, int]:
    return await webhooks.installer(ctx.hub, compte_id)


async def traiter_notification(ctx: Any, notification_id: int) -> dict[str, Any]:
    return await webhooks.traiter(ctx.hub, notification_id)


async def sonder(ctx: Any) -> dict[str, int]:
    return await sondage.sonder(ctx.hub)


JOBS = [
    JobSpec(name=INSTALLER_WEBHOOKS, func=installer_webhooks,
            description="Installe les webhooks RDV Service Public d'un compte lié."),
    JobSpec(name=webhooks.TRAITER, func=traiter_notification,
            description="Applique une notification RDV Service Public au miroir."),
    JobSpec(name="rdv:sonder", func=sonder, cron="*/15 * * * *",
            description="Relit les rendez-vous des organisations sans webhook."),
]
