"""``/api/v1/admin/connecteurs``: the operator console as JSON, for signed-in admins only
(permission ``hub.admin``; a session cookie, and for a ``POST`` the ``X-CSRF-Token`` header).
No API client scope opens it: the hub has no admin scope.

- ``GET /admin/connecteurs``: every instance (:class:`~hub.core.sync.overview.InstanceOverview`)
  and the repairs list;
- ``GET /admin/connecteurs/{instance_id}``: one instance, its runs and dead letters (masked);
- ``POST /admin/connecteurs/{instance_id}/pause``, ``…/resume``: the instance afterwards;
- ``POST /admin/connecteurs/{instance_id}/sync`` (202): the jobs enqueued, or the check asked for;
- ``POST /admin/connecteurs/dead-letters/{dead_letter_id}/replay``: the replay's outcome and run.

The same services as the console and ``hub connectors`` (:mod:`hub.core.sync.operations`); a
refusal is the hub's JSON error (404 unknown instance or dead letter, 409 an action the state
forbids), its ``detail`` saying what to do.
"""

from __future__ import annotations

import msgspec
from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import FromPath

from hub.core.hub import Hub
from hub.core.identity import Principal
from hub.core.sync import operations
from hub.core.sync.operations import SyncRequest
from hub.core.sync.overview import (
    InstanceDetail,
    InstanceOverview,
    Repair,
    get_overview,
    instance_detail,
    list_overviews,
    repairs,
)
from hub.core.sync.replay import ReplayOutcome

ACCES = {"permission": "hub.admin"}
TAGS = ["Administration des connecteurs"]
NOTE = "Réservé aux administrateurs connectés (session, et en-tête `X-CSRF-Token` pour un POST)."


class ListeConnecteurs(msgspec.Struct, kw_only=True):
    """Every connector instance, and what needs the operator."""

    data: list[InstanceOverview]
    reparations: list[Repair]


@get(
    "/admin/connecteurs", opt=ACCES, tags=TAGS, summary="Instances de connecteurs",
    description=(
        "Chaque instance : état, dernière réussite, prochaine exécution, dernière erreur, que faire ; "
        f"et les réparations. {NOTE}"
    ),
)
async def lister(hub: NamedDependency[Hub]) -> ListeConnecteurs:
    instances = await list_overviews(hub)
    return ListeConnecteurs(data=instances, reparations=repairs(instances))


@get(
    "/admin/connecteurs/{instance_id:str}", opt=ACCES, tags=TAGS, summary="Une instance de connecteur",
    description=f"L'instance, ses dernières synchronisations et ses enregistrements écartés (secrets masqués). {NOTE}",
)
async def detail(hub: NamedDependency[Hub], instance_id: FromPath[str]) -> InstanceDetail:
    return await instance_detail(hub, instance_id)


@post(
    "/admin/connecteurs/{instance_id:str}/pause", status_code=200, opt=ACCES, tags=TAGS, summary="Mettre en pause",
    description=f"Plus de vérification ni de synchronisation planifiée jusqu'à la reprise (409 si déjà en pause). {NOTE}",
)
async def mettre_en_pause(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> InstanceOverview:
    await operations.pause(hub, instance_id, par=principal.id)
    return await get_overview(hub, instance_id)


@post(
    "/admin/connecteurs/{instance_id:str}/resume", status_code=200, opt=ACCES, tags=TAGS, summary="Reprendre",
    description=(
        "Lève la pause : la connexion est revérifiée, puis l'instance se synchronise (409 si elle n'est pas "
        f"en pause). {NOTE}"
    ),
)
async def reprendre(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> InstanceOverview:
    await operations.resume(hub, instance_id, par=principal.id)
    return await get_overview(hub, instance_id)


@post(
    "/admin/connecteurs/{instance_id:str}/sync", status_code=202, opt=ACCES, tags=TAGS, summary="Synchroniser maintenant",
    description=(
        "Met en file une synchronisation de chaque flux ; une instance en attente de vérification ou aux "
        f"identifiants refusés est d'abord revérifiée (409 en pause, désactivée ou mal configurée). {NOTE}"
    ),
)
async def synchroniser(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], instance_id: FromPath[str]
) -> SyncRequest:
    return await operations.request_sync(hub, instance_id, par=principal.id)


@post(
    "/admin/connecteurs/dead-letters/{dead_letter_id:int}/replay", status_code=200, opt=ACCES, tags=TAGS,
    summary="Rejouer un enregistrement écarté",
    description=(
        "Valide et écrit de nouveau l'enregistrement gardé ; `replayed` dit s'il a été accepté, sinon `error` "
        f"donne sa nouvelle raison (409 déjà rejoué, valeurs masquées ou flux en cours de synchronisation). {NOTE}"
    ),
)
async def rejouer(
    hub: NamedDependency[Hub], principal: NamedDependency[Principal], dead_letter_id: FromPath[int]
) -> ReplayOutcome:
    return await operations.replay(hub, dead_letter_id, par=principal.id)


HANDLERS = [lister, detail, mettre_en_pause, reprendre, synchroniser, rejouer]
