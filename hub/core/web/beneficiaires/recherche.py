"""Finding one's followed bénéficiaires from a CRA form: search as you type (``GET
/mes-beneficiaires/recherche``, the htmx fragment), or without JavaScript the form's page again
with ``?recherche=``. Each one found is an option to tick (``beneficiaires/_options.html``): a
radio for an individual CRA (one bénéficiaire), a checkbox for a workshop (participants)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from litestar import get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.recherche import ordre, rechercher_beneficiaires
from hub.core.hub import Hub
from hub.core.identity import Principal

RESULTATS_MAX = 10
LONGUEUR_MAX = 200
POUR = ("individuel", "collectif")  # the CRA forms that search


@dataclass(frozen=True, slots=True)
class RechercheBeneficiaires:
    """The words typed, the first :data:`RESULTATS_MAX` bénéficiaires found and how many match."""

    q: str = ""
    resultats: tuple[Beneficiaire, ...] = ()
    total: int = 0


async def rechercher(db: AsyncSession, mediateur_id: str, q: str | None) -> RechercheBeneficiaires:
    """The mediator's followed bénéficiaires matching ``q`` (none for a blank query)."""
    q = (q or "")[:LONGUEUR_MAX].strip()
    if not q:
        return RechercheBeneficiaires()
    page = await rechercher_beneficiaires(db, mediateur_id, q, par_page=RESULTATS_MAX)
    return RechercheBeneficiaires(q, tuple(page.beneficiaires), page.total)


async def suivis_choisis(db: AsyncSession, mediateur_id: str, ids: Iterable[str]) -> list[Beneficiaire]:
    """The mediator's followed bénéficiaires among ``ids`` (the others left out), by name: those a
    form has ticked."""
    ids = [beneficiaire_id for beneficiaire_id in ids if beneficiaire_id]
    if not ids:
        return []
    trouves = await db.scalars(
        sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id), Beneficiaire.id.in_(ids))
    )
    return sorted(trouves, key=ordre)


@get("/recherche")
async def resultats_recherche(
    hub: NamedDependency[Hub],
    principal: NamedDependency[Principal],
    pour: FromQuery[str] = "",
    recherche: FromQuery[str | None] = None,
) -> Template:
    """The htmx fragment of the bénéficiaires found, as options of the form ``pour`` names."""
    if pour not in POUR:
        raise NotFoundException(detail="Cette recherche ne mène à aucun formulaire.")
    async with hub.session() as db:
        trouves = await rechercher(db, principal.mediateur_id or "", recherche)
    return Template("beneficiaires/_resultats_cra.html", context={"recherche": trouves, "pour": pour})
