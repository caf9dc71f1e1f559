"""The operator console's pages, for admins (permission ``hub.admin``):

- ``GET /admin/connecteurs``: every instance (state badge, last success, next run, last error,
  what to do, its actions) and the « Réparations » block;
- ``GET /admin/connecteurs/{instance_id}``: one instance, its runs and dead letters (payloads
  masked, each with « Rejouer »);
- ``POST /admin/connecteurs/{instance_id}/pause``, ``…/reprendre``, ``…/synchroniser`` and
  ``POST /admin/connecteurs/ecartes/{dead_letter_id}/rejouer``: the actions, CSRF-checked like
  every form, each leading back (303) to the instance's page, which confirms what was done.

A refused action (already paused, stream being synced…) is the French error page of its
:class:`~hub.core.errors.DomainError` (409, 404), which says what to do.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from litestar import Router, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.sync import operations
from hub.core.sync.overview import DEAD_LETTER_THRESHOLD, instance_detail, list_overviews, repairs

ADRESSE = "/admin/connecteurs"
FAITS = {
    "pause": "L'instance est en pause : plus aucune vérification ni synchronisation planifiée jusqu'à sa reprise.",
    "reprise": "L'instance reprend : sa connexion sera vérifiée au prochain passage du planificateur (chaque minute).",
    "synchronisation": "Synchronisation demandée : elle apparaîtra ci-dessous dès qu'elle aura commencé.",
    "verification": (
        "Vérification de la connexion demandée : elle a lieu au prochain passage du planificateur, "
        "la synchronisation suit si elle réussit."
    ),
    "rejoue": "L'enregistrement a été rejoué et écrit : la synchronisation « rejeu » figure ci-dessous.",
}
TOUJOURS_ECARTE = (
    "L'enregistrement n° {numero} est toujours écarté : sa nouvelle raison figure ci-dessous. Signalez-le au "
    "partenaire, ou rejouez-le après la mise à jour du plugin qui le refuse."
)


@get("/")
async def liste(hub: NamedDependency[Hub]) -> Template:
    instances = await list_overviews(hub)
    context = {"instances": instances, "reparations": repairs(instances), "seuil": DEAD_LETTER_THRESHOLD}
    return Template("console/liste.html", context=context)


@get("/{instance_id:str}")
async def page_instance(
    hub: NamedDependency[Hub],
    instance_id: FromPath[str],
    fait: FromQuery[str | None] = None,
    enregistrement: FromQuery[int | None] = None,
) -> Template:
    detail = await instance_detail(hub, instance_id)
    alerte = TOUJOURS_ECARTE.format(numero=enregistrement) if fait == "toujours-ecarte" and enregistrement else None
    context = {
        "detail": detail,
        "instance": detail.instance,
        "succes": FAITS.get(fait or ""),
        "alerte": alerte,
        "charges": {letter.id: _lisible(letter.payload) for letter in detail.dead_letters},
    }
    return Template("console/instance.html", context=context)


@post("/{instance_id:str}/pause")
async def mettre_en_pause(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> Redirect:
    await operations.pause(hub, instance_id, par=principal.id)
    return _retour(instance_id, "pause")


@post("/{instance_id:str}/reprendre")
async def reprendre(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> Redirect:
    await operations.resume(hub, instance_id, par=principal.id)
    return _retour(instance_id, "reprise")


@post("/{instance_id:str}/synchroniser")
async def synchroniser(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> Redirect:
    demande = await operations.request_sync(hub, instance_id, par=principal.id)
    return _retour(instance_id, "verification" if demande.check_requested else "synchronisation")


@post("/ecartes/{dead_letter_id:int}/rejouer")
async def rejouer(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], dead_letter_id: FromPath[int]
) -> Redirect:
    issue = await operations.replay(hub, dead_letter_id, par=principal.id)
    if issue.replayed:
        return _retour(issue.report.instance_id, "rejoue")
    return _retour(issue.report.instance_id, f"toujours-ecarte&enregistrement={dead_letter_id}")


def _retour(instance_id: str, fait: str) -> Redirect:
    return Redirect(f"{ADRESSE}/{quote(instance_id, safe='')}?fait={fait}", status_code=303)


def _lisible(payload: Any) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)


routeur = Router(
    path=ADRESSE,
    opt={"permission": "hub.admin"},
    route_handlers=[liste, page_instance, mettre_en_pause, reprendre, synchroniser, rejouer],
)
