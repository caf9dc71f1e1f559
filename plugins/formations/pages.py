"""The catalogue page: upcoming trainings, filtered by target profile and modality."""

from __future__ import annotations

from datetime import date
from typing import Literal

from litestar import get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from connectors.formations.models import Modalite, Public
from hub.core.activites.thematiques import LABELS as THEMATIQUES
from hub.core.hub import Hub
from plugins.formations import catalogue

PUBLICS = {"mediateur": "Médiateurs", "conseiller_numerique": "Conseillers numériques", "coordinateur": "Coordinateurs"}
MODALITES = {"presentiel": "En présentiel", "distanciel": "À distance", "hybride": "Hybride"}


@get("/", opt={"permission": "formations.view"})
async def catalogue_page(
    hub: NamedDependency[Hub],
    public: FromQuery[Public | Literal[""] | None] = None,
    modalite: FromQuery[Modalite | Literal[""] | None] = None,
) -> Template:
    async with hub.session() as session:
        formations = await catalogue.upcoming(
            session, today=date.today(), public=public or None, modalite=modalite or None
        )
    return Template(
        "formations/catalogue.html",
        context={
            "formations": formations,
            "public": public or "",
            "modalite": modalite or "",
            "publics": PUBLICS,
            "modalites": MODALITES,
            "thematiques": THEMATIQUES,
        },
    )
