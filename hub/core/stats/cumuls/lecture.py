"""Reading the national rollup, merged with what was written since it was computed.

Used for the national scope when the filters are only the period and the activity types (the
rollup is kept per day and type); otherwise :func:`compter_avec_cumuls` returns ``None`` and
the direct queries run. A day is *touched* when, since ``depuis``, one of its activities was
written (``modification``: created, edited, deleted — its former day too, from
:class:`CumulActivite`) or one of its activities got a new accompagnement (``creation``). The
rollup serves the other days; the touched ones are counted directly, and the followed
bénéficiaires (distinct over the period, not additive per day) always are.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.portee import Portee, PorteeNationale
from hub.core.db.upsert import dialect_name
from hub.core.stats.comptes import JOUR, TOTAL, Comptes
from hub.core.stats.cumuls.models import Cumul, CumulActivite, EtatCumuls
from hub.core.stats.direct import conditions_hors_periode, periode
from hub.core.stats.requetes import (
    activites_comptees,
    cumulable,
    ligne_serie,
    lignes_activites,
    lignes_anonymes_cumulables,
    lignes_beneficiaires,
)

# The filters the rollup can answer; any other one set means direct queries.
FILTRES_CUMULABLES = {"du", "au", "types"}


def cumuls_utilisables(portee: Portee, filtres: FiltresActivites) -> bool:
    """Whether the rollup can answer ``portee`` and ``filtres``."""
    vides = FiltresActivites()
    return isinstance(portee, PorteeNationale) and all(
        getattr(filtres, champ) == getattr(vides, champ)
        for champ in FiltresActivites.__struct_fields__
        if champ not in FILTRES_CUMULABLES
    )


async def jours_touches(session: AsyncSession, depuis: sa.ColumnElement[object] | object) -> set[date]:
    """The days touched since ``depuis`` (see the module)."""
    modifiees = Activite.modification >= depuis
    lignes = await session.scalars(
        sa.union(
            sa.select(Activite.date).where(modifiees),
            sa.select(CumulActivite.jour).join(Activite, Activite.id == CumulActivite.activite_id).where(modifiees),
            sa.select(Activite.date)
            .join(Accompagnement, Accompagnement.activite_id == Activite.id)
            .where(Accompagnement.creation >= depuis),
        )
    )
    return set(lignes.all())


async def compter_avec_cumuls(
    session: AsyncSession,
    portee: Portee,
    filtres: FiltresActivites,
    fenetre: tuple[date, date],
    annee_reference: int,
) -> Comptes | None:
    """The counts of :func:`hub.core.stats.direct.compter`, from the rollup; ``None`` when it
    cannot answer (other filters, or never computed)."""
    if not cumuls_utilisables(portee, filtres):
        return None
    depuis = await session.scalar(sa.select(EtatCumuls.depuis))
    if depuis is None:
        return None
    touches = sorted(await jours_touches(session, depuis))
    propres = [Cumul.jour.not_in(touches)] if touches else []
    if filtres.types:
        propres.append(Cumul.type.in_(filtres.types))
    dans_periode = periode(filtres.du, filtres.au)
    conditions = conditions_hors_periode(portee, filtres)
    selections = [
        sa.select(
            sa.cast(sa.null(), sa.Date),
            Cumul.dimension,
            Cumul.type,
            Cumul.valeur,
            sa.func.max(Cumul.libelle),
            sa.func.sum(Cumul.activites),
            sa.func.sum(Cumul.accompagnements),
        )
        .where(*_bornes(filtres.du, filtres.au), *propres)
        .group_by(Cumul.dimension, Cumul.type, Cumul.valeur),
        sa.select(
            Cumul.jour,
            sa.cast(sa.literal(JOUR), sa.String),
            sa.cast(sa.literal(""), sa.String),
            sa.cast(sa.literal(""), sa.String),
            sa.cast(sa.null(), sa.String),
            sa.literal(0),
            sa.func.sum(Cumul.accompagnements),
        )
        .where(Cumul.dimension == TOTAL, *_bornes(*fenetre), *propres)
        .group_by(Cumul.jour),
        *lignes_beneficiaires([*conditions, dans_periode], annee_reference, population=sa.not_(cumulable())),
    ]
    if touches:
        act = activites_comptees(
            [*conditions, Activite.date.in_(touches)], dans_periode, periode(*fenetre), nom="touchees"
        )
        selections += [
            *lignes_activites(act, dialect_name(session), par_jour=False),
            ligne_serie(act),
            *lignes_anonymes_cumulables(act, annee_reference, par_jour=False),
        ]
    comptes = Comptes()
    comptes.ajouter((await session.execute(sa.union_all(*selections))).all())
    return comptes


def _bornes(du: date | None, au: date | None) -> list[sa.ColumnElement[bool]]:
    return [*([Cumul.jour >= du] if du else []), *([Cumul.jour <= au] if au else [])]
