"""The pages of the cartographie plugin, under ``/cartographie``.

``GET /cartographie/lieux.csv`` is public: the lieux it lists are those whose structure chose
to appear on the national map (``visible_pour_cartographie_nationale``), which is public, and
the file carries no personal data (no ``aidants``). The national schema is an open-data
format (schema.data.gouv.fr): anyone — the national map, a département, a citizen — may
download it without an account.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get
from litestar.di import NamedDependency
from litestar.response import Response

from hub.core.hub import Hub
from plugins.cartographie.export import csv_des_lieux, lieux_de_la_requete, nom_de_fichier
from plugins.cartographie.reglages import reglages


@get("/lieux.csv", opt={"public": True}, name="cartographie:lieux_csv")
async def lieux_csv(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> Response[bytes]:
    """The hub's published lieux in the national schema (CSV, UTF-8)."""
    lieux = await lieux_de_la_requete(request, hub)
    config = reglages(hub)
    nom = nom_de_fichier(date.today(), config.siret_producteur, config.territoire)
    return Response(
        csv_des_lieux(lieux).encode("utf-8"),
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{nom}"'},
    )


PAGES = [lieux_csv]
