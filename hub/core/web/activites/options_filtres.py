"""The choices of the filters of an activity list that depend on whose activities it lists: the
lieux and the communes where they took place (as :func:`~hub.core.activites.filtres.code_insee_du_lieu`
places them), a mediator's followed bénéficiaires, a team's mediators."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Activite
from hub.core.activites.portee import Portee
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.recherche import ordre
from hub.core.structures.models import Structure
from hub.core.teams.statuts import membres_equipe
from hub.core.web.organisation.formulaires import Option

TOUTES = FiltresActivites()


async def choix_lieux(db: AsyncSession, portee: Portee) -> tuple[Option, ...]:
    """The lieux d'activité of the activities of ``portee``, by name."""
    rows = await db.execute(
        sa.select(Structure.id, Structure.nom, Structure.commune)
        .where(Structure.id.in_(sa.select(Activite.structure_id).where(*conditions_activites(portee, TOUTES))))
        .order_by(Structure.nom, Structure.id)
    )
    return tuple(Option(structure_id, f"{nom} ({commune})") for structure_id, nom, commune in rows.all())


async def choix_communes(db: AsyncSession, portee: Portee) -> tuple[Option, ...]:
    """The communes where the activities of ``portee`` took place (their lieu's, else their
    own), by name."""
    lieu = aliased(Structure)
    code = sa.func.coalesce(lieu.code_insee, Activite.lieu_code_insee)
    nom = sa.case((lieu.code_insee.is_not(None), lieu.commune), else_=Activite.lieu_commune)
    rows = await db.execute(
        sa.select(code, sa.func.min(nom))
        .select_from(Activite)
        .outerjoin(lieu, lieu.id == Activite.structure_id)
        .where(*conditions_activites(portee, TOUTES), code.is_not(None))
        .group_by(code)
    )
    return tuple(sorted((Option(code, f"{nom} ({code})") for code, nom in rows.all()), key=lambda o: o.libelle))


async def choix_beneficiaires(db: AsyncSession, mediateur_id: str) -> tuple[Option, ...]:
    """The mediator's followed bénéficiaires, by name."""
    suivis = await db.scalars(sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id)))
    return tuple(Option(b.id, f"{b.nom or ''} {b.prenom or ''}".strip()) for b in sorted(suivis, key=ordre))


async def choix_mediateurs(db: AsyncSession, coordinateur_id: str, moi: str | None) -> tuple[Option, ...]:
    """The team's mediators, present or past (``moi``: the coordinator's own mediator side)."""
    membres = {
        membre.mediateur_id: " ".join(part for part in (membre.prenom, membre.nom) if part) or membre.email
        for membre in await membres_equipe(db, coordinateur_id)
        if membre.mediateur_id
    }
    options = [Option(mediateur_id, nom) for mediateur_id, nom in sorted(membres.items(), key=lambda m: m[1])]
    return tuple(([Option(moi, "Moi-même")] if moi else []) + options)
