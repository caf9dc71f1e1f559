"""The catalogue page (upcoming or recent trainings, filtered by target profile and modality)
and the form that marks a training followed."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from litestar import Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from connectors.formations.models import Modalite, Public
from hub.core.activites.thematiques import LABELS as THEMATIQUES
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.identity import Principal
from plugins.formations import catalogue, suivies
from plugins.formations.profil import ids_suivies

PUBLICS = {"mediateur": "Médiateurs", "conseiller_numerique": "Conseillers numériques", "coordinateur": "Coordinateurs"}
MODALITES = {"presentiel": "En présentiel", "distanciel": "À distance", "hybride": "Hybride"}
PERIODES = {"a_venir": "À venir", "passees": "Passées (12 derniers mois)"}
Periode = Literal["a_venir", "passees"]


@get("/", opt={"permission": "formations.view"})
async def catalogue_page(
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    public: FromQuery[Public | Literal[""] | None] = None,
    modalite: FromQuery[Modalite | Literal[""] | None] = None,
    periode: FromQuery[Periode | Literal[""] | None] = None,
) -> Template:
    periode = periode or "a_venir"
    async with hub.session() as session:
        lister = catalogue.past if periode == "passees" else catalogue.upcoming
        formations = await lister(session, today=date.today(), public=public or None, modalite=modalite or None)
        suivies_ids = await ids_suivies(session, principal.id)
    return Template(
        "formations/catalogue.html",
        context={
            "formations": formations,
            "public": public or "",
            "modalite": modalite or "",
            "periode": periode,
            "publics": PUBLICS,
            "modalites": MODALITES,
            "periodes": PERIODES,
            "thematiques": THEMATIQUES,
            "suivies": suivies_ids,
        },
    )


@post("/{formation_id:int}/suivie", opt={"permission": "formations.view"})
async def marquer_suivie(
    formation_id: FromPath[int],
    request: Request[Any, Any, Any],
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
) -> Redirect:
    """``suivie=1`` marks the training followed, ``suivie=0`` withdraws the mark; then back to
    ``retour`` (a path of the hub) or the catalogue."""
    formulaire = await request.form()
    valeur = str(formulaire.get("suivie") or "")
    if valeur not in ("0", "1"):
        raise ValidationError({"suivie": "Indiquez si vous avez suivi la formation (1) ou non (0)."})
    async with hub.session() as session, session.begin():
        await suivies.marquer(session, principal.id, formation_id, suivie=valeur == "1")
    return Redirect(_retour(str(formulaire.get("retour") or "")), status_code=303)


def _retour(adresse: str) -> str:
    """A local path only (never another site)."""
    return adresse if adresse.startswith("/") and not adresse.startswith(("//", "/\\")) else "/formations"
