"""Reading the national rollup, merged with what was written since it was computed.

Used for the national scope when the filters are only the period and the activity types (the
rollup is kept per day and type); otherwise :func:`compter_avec_cumuls` returns ``None`` and
the direct queries run. A day is *touched* when, since ``depuis``, one of its activities was
written (``modification``: created, edited, deleted — its former day too, from
:class:`CumulActivite`) or one of its activities got a new accompagnement (``creation``). The
rollup serves the other days — calendar years and months from :class:`CumulPeriode` when none
of their days is touched (:func:`decouper`; the one holding the period's end too when the rollup
holds nothing after it in it, see :func:`~hub.core.stats.cumuls.mediateurs.lisible`), the rest
from :class:`Cumul`; the touched ones are counted directly. The followed bénéficiaires
(distinct over the period, not additive per day) come from the per-mediator levels for a period
read as one calendar year or month (:func:`~hub.core.stats.cumuls.mediateurs.periode_civile`:
the default one, 1st January to today, included), else are counted directly. A mediator's or
a team's statistics are read from the per-mediator levels
(:mod:`hub.core.stats.cumuls.mediateurs`).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.models import Activite
from hub.core.activites.portee import Portee, PorteeEquipe, PorteeMediateur, PorteeNationale
from hub.core.db.upsert import dialect_name
from hub.core.stats.comptes import JOUR, TOTAL, Comptes
from hub.core.stats.cumuls.models import Cumul, CumulPeriode
from hub.core.stats.cumuls.mediateurs import (
    Etat,
    convertir,
    fin_du_mois,
    lire_etat,
    lisible,
    periode_civile,
    planifier,
    selection_suivis,
    selections_plan,
    tous_types,
)
from hub.core.stats.direct import conditions_hors_periode, periode
from hub.core.stats.requetes import (
    accompagnements_selon,
    activites_comptees,
    cumulable,
    ligne_serie,
    lignes_activites,
    lignes_anonymes_cumulables,
    lignes_beneficiaires,
    type_lu,
)

# The filters the rollup can answer; any other one set means direct queries.
FILTRES_CUMULABLES = {"du", "au", "types"}


def cumuls_utilisables(portee: Portee, filtres: FiltresActivites) -> bool:
    """Whether the rollup can answer ``portee`` and ``filtres``."""
    return isinstance(portee, PorteeNationale) and _filtres_cumulables(filtres)


def cumuls_mediateurs_utilisables(portee: Portee, filtres: FiltresActivites) -> bool:
    """Whether the per-mediator levels can answer ``portee`` (a mediator or a team) and
    ``filtres``."""
    return isinstance(portee, (PorteeMediateur, PorteeEquipe)) and _filtres_cumulables(filtres)


def _filtres_cumulables(filtres: FiltresActivites) -> bool:
    """Whether ``filtres`` sets none but :data:`FILTRES_CUMULABLES`."""
    vides = FiltresActivites()
    return all(
        getattr(filtres, champ) == getattr(vides, champ)
        for champ in FiltresActivites.__struct_fields__
        if champ not in FILTRES_CUMULABLES
    )


async def compter_avec_cumuls(
    session: AsyncSession,
    portee: Portee,
    filtres: FiltresActivites,
    fenetre: tuple[date, date],
    annee_reference: int,
) -> Comptes | None:
    """The counts of :func:`hub.core.stats.direct.compter`, from the rollup; ``None`` when it
    cannot answer (other filters, or never computed)."""
    if not cumuls_mediateurs_utilisables(portee, filtres) and not cumuls_utilisables(portee, filtres):
        return None
    membres = None
    if isinstance(portee, PorteeMediateur):
        membres = {portee.mediateur_id: None}
    elif isinstance(portee, PorteeEquipe):
        membres = portee.membres
    etat = await lire_etat(session, None if membres is None else sorted(membres), filtres.au)
    if etat is None:
        return None
    if membres is not None:
        return await _compter_par_mediateurs(session, membres, filtres, fenetre, annee_reference, etat)
    touches = sorted(etat.jours_touches())
    suivant = etat.suivants.get("")
    civile = periode_civile(filtres.du, filtres.au, suivant) if tous_types(filtres) else None
    # The bénéficiaires not rolled up of a calendar year or month from the rollup: every
    # mediator's, but those of the touched mediators counted directly.
    retouches = etat.mediateurs_touches() if civile else set()
    propres = [Cumul.jour.not_in(touches)] if touches else []
    if filtres.types:
        propres.append(Cumul.type.in_(filtres.types))
    annees, mois, jours = decouper(filtres.du, filtres.au, etat.premier, etat.dernier, set(touches), suivant)
    types = [CumulPeriode.type.in_(filtres.types)] if filtres.types else []
    lus = [
        *([_lu(CumulPeriode, CumulPeriode.niveau == "annee", CumulPeriode.debut.in_(annees), *types)] if annees else []),
        *([_lu(CumulPeriode, CumulPeriode.niveau == "mois", CumulPeriode.debut.in_(mois), *types)] if mois else []),
        *([_lu(Cumul, sa.or_(*(Cumul.jour.between(de, a) for de, a in jours)), *propres)] if jours else []),
    ]
    dans_periode = periode(filtres.du, filtres.au)
    conditions = conditions_hors_periode(portee, filtres)
    selections: list[sa.Select[Any]] = []
    if lus:
        union = sa.union_all(*lus).subquery("lus")
        type_ = type_lu(union.c.dimension, union.c.type)
        selections.append(
            sa.select(
                sa.cast(sa.null(), sa.Date),
                union.c.dimension,
                type_,
                union.c.valeur,
                sa.func.max(union.c.libelle),
                sa.func.sum(union.c.activites),
                sa.func.sum(union.c.accompagnements),
            ).group_by(union.c.dimension, type_, union.c.valeur)
        )
    selections += [
        sa.select(
            Cumul.jour,
            sa.cast(sa.literal(JOUR), sa.String),
            sa.cast(sa.literal(""), sa.String),
            sa.cast(sa.literal(""), sa.String),
            sa.cast(sa.null(), sa.String),
            sa.literal(0),
            sa.func.sum(Cumul.accompagnements),
        )
        .where(Cumul.dimension == TOTAL, Cumul.jour.between(*fenetre), *propres)
        .group_by(Cumul.jour),
    ]
    if civile:
        niveau, debut = civile
        selections.append(
            selection_suivis([(niveau, debut, ""), *((niveau, debut, m) for m in retouches)], retouches)
        )
        if retouches:
            selections += lignes_beneficiaires(
                accompagnements_selon(
                    [*conditions, dans_periode, Activite.mediateur_id.in_(sorted(retouches))], sa.not_(cumulable())
                ),
                annee_reference,
            )
    else:
        selections += lignes_beneficiaires(
            accompagnements_selon([*conditions, dans_periode], sa.not_(cumulable())), annee_reference
        )
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
    comptes.ajouter(convertir(await session.execute(sa.union_all(*selections)), annee_reference))
    return comptes


async def _compter_par_mediateurs(
    session: AsyncSession,
    membres: dict[str, date | None],
    filtres: FiltresActivites,
    fenetre: tuple[date, date],
    annee_reference: int,
    etat: Etat,
) -> Comptes:
    """The counts of a mediator or a team (``membres``, each up to their leaving day) from the
    per-mediator levels (:mod:`hub.core.stats.cumuls.mediateurs`)."""
    comptes = Comptes()
    if not membres:
        return comptes
    plan = planifier(membres, filtres, fenetre, etat)
    selections = selections_plan(plan, filtres, dialect_name(session), annee_reference)
    if plan.suivis:
        selections.append(selection_suivis(plan.suivis))
    if selections:
        comptes.ajouter(convertir(await session.execute(sa.union_all(*selections)), annee_reference))
    return comptes


def _lu(table: type[Cumul] | type[CumulPeriode], *conditions: sa.ColumnElement[bool]) -> sa.Select[Any]:
    return sa.select(
        table.dimension, table.type, table.valeur, table.libelle, table.activites, table.accompagnements
    ).where(*conditions)


def decouper(
    du: date | None,
    au: date | None,
    premier: date | None,
    dernier: date | None,
    touches: set[date],
    suivant: date | None,
) -> tuple[list[date], list[date], list[tuple[date, date]]]:
    """The days from ``du`` to ``au`` that the rollup holds (``premier`` to ``dernier``), as
    calendar years, months and ranges of days: a year or a month is read whole when it is
    :func:`lisible` (the one holding ``au`` too, when the rollup holds no activity after ``au``
    in it: ``suivant``, the first day after ``au`` holding one), else split (its touched days
    are counted directly; the caller leaves them out of the ranges). Returns the first days of
    the years and of the months, and the ranges."""
    if premier is None or dernier is None:
        return [], [], []
    debut, fin = max(du or premier, premier), min(au or dernier, dernier)
    annees: list[date] = []
    mois: list[date] = []
    jours: list[tuple[date, date]] = []

    def plage(de: date, a: date) -> None:
        if jours and jours[-1][1] + timedelta(days=1) == de:
            jours[-1] = (jours[-1][0], a)
        else:
            jours.append((de, a))

    def propre(de: date, a: date) -> bool:
        return de >= debut and lisible(de, a, fin, suivant, touches)

    for annee in range(debut.year, fin.year + 1):
        if propre(date(annee, 1, 1), date(annee, 12, 31)):
            annees.append(date(annee, 1, 1))
            continue
        for numero in range(1, 13):
            premier_jour = date(annee, numero, 1)
            dernier_jour = fin_du_mois(premier_jour)
            if dernier_jour < debut or premier_jour > fin:
                continue
            if propre(premier_jour, dernier_jour):
                mois.append(premier_jour)
            else:
                plage(max(premier_jour, debut), min(dernier_jour, fin))
    return annees, mois, jours
