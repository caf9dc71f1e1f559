"""``POST /api/v1/rdv/webhooks/{endpoint}``: where RDV-SP delivers notifications.

Public (RDV-SP has no session) but signed: a missing or wrong ``X-Lapin-Signature`` is a 401,
logged; a valid delivery is answered 200 at once (a replay too, without effect) and processed
by the job ``rdv:traiter_notification``.
"""

from __future__ import annotations

import logging
from typing import Any

import msgspec
from litestar import Request, Response, post
from litestar.di import NamedDependency
from litestar.params import FromPath

from connectors.rdv_service_public import SIGNATURE_HEADER
from hub.core.hub import Hub
from plugins.rdv.webhooks import Refus, recevoir

logger = logging.getLogger("hub.plugins.rdv")


class Accuse(msgspec.Struct, kw_only=True):
    recue: bool
    nouvelle: bool


@post("/webhooks/{endpoint:str}", opt={"public": True}, status_code=200)
async def webhook(endpoint: FromPath[str], request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[Any]:
    corps = await request.body()
    try:
        nouvelle = await recevoir(hub, endpoint[:64], corps, request.headers.get(SIGNATURE_HEADER))
    except Refus as exc:
        logger.warning("webhook RDV refusé (%s) : %s", endpoint[:64], exc)
        return Response({"message": f"{exc} ; vérifiez le secret du webhook."}, status_code=401)
    return Response(Accuse(recue=True, nouvelle=nouvelle), status_code=200)


ROUTES = [webhook]
