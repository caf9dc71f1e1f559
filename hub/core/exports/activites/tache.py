"""Large « Activités » exports, written by the job ``hub:exporter_activites`` under
``<data_dir>/exports/`` while the page polls their state.

A request is known by its ``jeton`` (random); the job id joins the person's id to it
(``hub:exporter_activites:<user_id>:<jeton>``), so that nobody else reaches its state or its
file. The job reads the person again (their roles may have changed) and writes the file under
a temporary name, renamed once complete. Files older than :data:`CONSERVATION` are purged each
night (``hub:purger_exports``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import lire_filtres
from hub.core.auth.principals import load_principal
from hub.core.db.base import utcnow
from hub.core.errors import NotFound
from hub.core.exports.activites.service import exporter_activites, portee_export
from hub.core.exports.tableur import Format
from hub.core.identity.principal import Principal
from hub.core.jobs.context import JobContext
from hub.core.jobs.models import JobRun
from hub.core.plugins.contributions import JobSpec

if TYPE_CHECKING:
    from hub.core.hub import Hub

EXPORT_JOB = "hub:exporter_activites"
PURGE_JOB = "hub:purger_exports"
CONSERVATION = timedelta(days=7)
JETON = r"^[0-9a-f]{32}$"
COMPTE_INTROUVABLE = "Ce compte n'existe plus."

Etat = Literal["en_attente", "en_cours", "pret", "echec"]


class EtatExport(msgspec.Struct, frozen=True, kw_only=True):
    """Where a requested export stands: ``pret`` with its ``fichier`` and ``lignes``, ``echec``
    with ``erreur``, else ``en_attente`` (not started) or ``en_cours``."""

    etat: Etat
    fichier: Path | None = None
    lignes: int = 0
    erreur: str | None = None


def dossier_exports(hub: Hub) -> Path:
    return Path(hub.settings.data_dir) / "exports"


async def demander_export(
    hub: Hub,
    session: AsyncSession,
    principal: Principal,
    *,
    equipe: bool,
    parametres: dict[str, Any],
    format: Format,
) -> str:
    """Enqueue the export for ``principal`` (filters read from query ``parametres``; the scope
    checked now: :class:`~hub.core.errors.Forbidden`); returns its ``jeton``."""
    lire_filtres(parametres)
    await portee_export(session, principal, equipe=equipe)
    jeton = secrets.token_hex(16)
    await hub.queue.enqueue(
        EXPORT_JOB,
        job_id=_job_id(principal.id, jeton),
        user_id=principal.id,
        jeton=jeton,
        equipe=equipe,
        parametres=parametres,
        format=format,
    )
    return jeton


async def etat_export(hub: Hub, user_id: str, jeton: str) -> EtatExport:
    """The state of the export ``jeton`` of the person ``user_id``."""
    async with hub.session() as session:
        run = await session.scalar(
            sa.select(JobRun).where(JobRun.job_id == _job_id(user_id, jeton)).order_by(JobRun.id.desc()).limit(1)
        )
    if run is None:
        return EtatExport(etat="en_attente")
    if run.status == "success":
        resultat = run.result or {}
        return EtatExport(etat="pret", fichier=dossier_exports(hub) / resultat["fichier"], lignes=resultat["lignes"])
    if run.status in ("failed", "interrupted"):
        return EtatExport(etat="echec", erreur=run.error)
    return EtatExport(etat="en_cours")


async def exporter_en_tache(
    ctx: JobContext, *, user_id: str, jeton: str, equipe: bool, parametres: dict[str, Any], format: Format
) -> dict[str, Any]:
    """The job: write the export, return its file's name and its number of rows."""
    dossier = dossier_exports(ctx.hub)
    dossier.mkdir(parents=True, exist_ok=True)
    fichier = dossier / f"{jeton}.{format}"
    partiel = dossier / f"{jeton}.partiel"
    async with ctx.hub.session() as session:
        principal = await load_principal(session, [], user_id)
        if principal is None:
            raise NotFound(COMPTE_INTROUVABLE)
        portee = await portee_export(session, principal, equipe=equipe)
        filtres = lire_filtres(parametres)
        with partiel.open("wb") as sortie:
            lignes = await exporter_activites(session, portee, filtres, sortie, format, auteur=principal)
    partiel.replace(fichier)
    return {"fichier": fichier.name, "lignes": lignes}


async def purger_exports(ctx: JobContext) -> dict[str, int]:
    """Delete the export files older than :data:`CONSERVATION`."""
    limite = (utcnow() - CONSERVATION).timestamp()
    supprimes = 0
    for fichier in dossier_exports(ctx.hub).glob("*"):
        if fichier.stat().st_mtime < limite:
            fichier.unlink(missing_ok=True)
            supprimes += 1
    return {"supprimes": supprimes}


def taches_exports() -> list[JobSpec]:
    """The export jobs, for the core's ``hub_register_jobs``."""
    return [
        JobSpec(
            name=EXPORT_JOB,
            func=exporter_en_tache,
            description="Écrit un export « Activités » volumineux sous <data_dir>/exports/.",
            max_tries=1,
            timeout_seconds=3600.0,
        ),
        JobSpec(
            name=PURGE_JOB,
            func=purger_exports,
            description="Supprime chaque nuit les fichiers d'export de plus de 7 jours.",
            cron="43 3 * * *",
        ),
    ]


def _job_id(user_id: str, jeton: str) -> str:
    return f"{EXPORT_JOB}:{user_id}:{jeton}"
