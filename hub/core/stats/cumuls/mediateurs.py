"""The per-mediator levels of the rollup: a mediator's or a team's statistics, and the national
followed bénéficiaires, from the rollup (see ``docs/statistiques.md``).

- :class:`CumulMediateur`: per mediator, the activity dimensions and the anonymous bénéficiaires
  created for one CRA (additive) per calendar year, and the accompagnements per day (series).
- :class:`CumulDepart`: the days mediators left a team. For each, :class:`CumulMediateur` and
  :class:`CumulSuivis` also hold the mediator's counts from the 1st January to that day
  (``niveau`` ``parti``): a team's year counts a member who left during it up to that day.
- :class:`CumulSuivis`: per mediator, and for every mediator (``""``), the other bénéficiaires
  (followed, anonymised, anonymous with a birth year) counted distinct per calendar year and
  month, with « nouveaux ». A followed bénéficiaire is only ever accompanied by activities of
  its own mediator (an activity takes only its mediator's followed bénéficiaires), so the
  distinct counts of several mediators add up.

A mediator is *touched* when, since ``depuis``, one of their activities was written or got an
accompagnement (the days touched, as for the national rollup) or one of their bénéficiaires was
written (an edit, a deletion, a merge). Their touched days are counted directly (a year holding
one up to the period's end is counted directly for them), and all their non-rolled-up
bénéficiaires too (the « premier accompagnement » flags and the attributes may have changed
anywhere). A year or month read ends on its last day, or earlier when the rollup holds none of
the mediator's activities after that day in it (:func:`lisible`: the default period).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import jour_de
from hub.core.activites.enums import TYPES_ACTIVITE
from hub.core.activites.filtres import FiltresActivites, conditions_activites
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.portee import PorteeNationale
from hub.core.beneficiaires.enums import NON_COMMUNIQUE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import tranche_age_effective
from hub.core.stats.comptes import BENEFICIAIRE, JOUR, NOUVEAUX
from hub.core.stats.cumuls.models import Cumul, CumulActivite, CumulDepart, CumulMediateur, CumulSuivis, EtatCumuls
from hub.core.stats.direct import periode
from hub.core.stats.requetes import (
    accompagnements_selon,
    activites_comptees,
    colonnes_beneficiaire,
    cumulable,
    debut_de,
    dimensions_de,
    ligne_serie,
    lignes_activites,
    lignes_anonymes_cumulables,
    lignes_beneficiaires,
    type_lu,
)
from hub.core.teams.models import MediateurCoordonne

NAISSANCE = "naissance"
NIVEAUX_SUIVIS = ("annee", "mois")
PARTI = "parti"
SUIVANT = "suivant"


# --- Rebuild ------------------------------------------------------------------------------------


COLONNES_MEDIATEUR = [
    "mediateur_id", "niveau", "debut", "type", "dimension", "valeur", "libelle", "activites", "accompagnements"
]
COLONNES_SUIVIS = ["mediateur_id", "niveau", "debut", "dimension", "valeur", "libelle", "nombre"]


async def calculer_cumuls_mediateurs(session: AsyncSession, dialecte: str, annee_reference: int) -> None:
    """Fill :class:`CumulMediateur`, :class:`CumulSuivis` and :class:`CumulDepart` (emptied
    first) from every activity not deleted, in the caller's transaction."""
    for table in (CumulMediateur, CumulSuivis, CumulDepart):
        await session.execute(sa.delete(table))
    national = conditions_activites(PorteeNationale(), FiltresActivites())
    act = activites_comptees(
        national,
        sa.true(),
        sa.true(),
        nom="act_mediateurs",
        autres=[Activite.mediateur_id.label("mediateur_id"), debut_de("annee", Activite.date, dialecte).label("debut")],
    )
    await _inserer_periodes(session, "annee", act, dialecte, annee_reference)
    jours = ligne_serie(act, prefixe=("mediateur_id",), par_type=True).subquery("jours")
    await session.execute(
        sa.insert(CumulMediateur).from_select(
            COLONNES_MEDIATEUR,
            sa.select(
                jours.c.mediateur_id, sa.literal("jour"), jours.c.jour, jours.c.type, sa.literal(JOUR),
                sa.literal(""), sa.cast(sa.null(), sa.String), sa.literal(0), jours.c.accompagnements,
            ).order_by(jours.c.mediateur_id, jours.c.jour),
        )
    )
    for niveau in NIVEAUX_SUIVIS:
        await session.execute(
            sa.insert(CumulSuivis).from_select(
                COLONNES_SUIVIS,
                _ordonnees(sa.union_all(*_lignes_suivis(niveau, debut_de(niveau, Activite.date, dialecte)))),
            )
        )
    # Every mediator's (they add up: see the module).
    await session.execute(
        sa.insert(CumulSuivis).from_select(
            COLONNES_SUIVIS,
            sa.select(
                sa.literal(""), CumulSuivis.niveau, CumulSuivis.debut, CumulSuivis.dimension, CumulSuivis.valeur,
                CumulSuivis.libelle, sa.func.sum(CumulSuivis.nombre),
            )
            .group_by(CumulSuivis.niveau, CumulSuivis.debut, CumulSuivis.dimension, CumulSuivis.valeur, CumulSuivis.libelle)
            .order_by(CumulSuivis.niveau, CumulSuivis.debut),
        )
    )
    if await _enregistrer_departs(session):
        # From the 1st January to each departure day, per mediator who left a team that day.
        jusqu_au_depart = [
            Activite.mediateur_id == CumulDepart.mediateur_id,
            Activite.date.between(debut_de("annee", CumulDepart.jour, dialecte), CumulDepart.jour),
        ]
        act = activites_comptees(
            [*national, *jusqu_au_depart],
            sa.true(),
            sa.false(),
            nom="act_departs",
            autres=[Activite.mediateur_id.label("mediateur_id"), CumulDepart.jour.label("debut")],
        )
        await _inserer_periodes(session, PARTI, act, dialecte, annee_reference)
        await session.execute(
            sa.insert(CumulSuivis).from_select(
                COLONNES_SUIVIS,
                _ordonnees(sa.union_all(*_lignes_suivis(PARTI, CumulDepart.jour, jusqu_au_depart))),
            )
        )


async def _enregistrer_departs(session: AsyncSession) -> bool:
    """Fill :class:`CumulDepart`: the day (at Paris time, as a team's scope bounds its members)
    each mediator left a team. Whether there is any."""
    fins = await session.execute(
        sa.select(MediateurCoordonne.mediateur_id, MediateurCoordonne.suppression).where(
            MediateurCoordonne.suppression.is_not(None)
        )
    )
    departs = sorted({(mediateur_id, jour_de(suppression)) for mediateur_id, suppression in fins})
    if departs:
        await session.execute(
            sa.insert(CumulDepart), [{"mediateur_id": mediateur_id, "jour": jour} for mediateur_id, jour in departs]
        )
    return bool(departs)


async def _inserer_periodes(
    session: AsyncSession, niveau: str, act: sa.CTE, dialecte: str, annee_reference: int
) -> None:
    """Insert the rows of :class:`CumulMediateur` of ``niveau``: those of the activities of
    ``act`` added up per mediator and ``debut`` (its columns)."""
    prefixe = ("mediateur_id", "debut")
    lignes = sa.union_all(
        *lignes_activites(act, dialecte, par_jour=False, prefixe=prefixe),
        *lignes_anonymes_cumulables(act, annee_reference, par_jour=False, prefixe=prefixe),
    ).subquery("periodes")
    await session.execute(
        sa.insert(CumulMediateur).from_select(
            COLONNES_MEDIATEUR,
            # In the order read (a mediator's rows together on few pages).
            sa.select(
                lignes.c.mediateur_id, sa.literal(niveau), lignes.c.debut, lignes.c.type, lignes.c.dimension,
                lignes.c.valeur, lignes.c.libelle, lignes.c.activites, lignes.c.accompagnements,
            ).order_by(lignes.c.mediateur_id, lignes.c.debut),
        )
    )


def _ordonnees(union: sa.CompoundSelect) -> sa.Select[Any]:
    """The rows of ``union`` (mediator, niveau, debut first) in the order they are read."""
    lignes = union.subquery("suivis")
    colonnes = list(lignes.c)
    return sa.select(*colonnes).order_by(colonnes[0], colonnes[1], colonnes[2])


def _dimensions_suivis() -> list[tuple[str, Any, Any]]:
    """(dimension, valeur, libelle) stored for a non-rolled-up bénéficiaire."""
    return [
        (BENEFICIAIRE, sa.case((Beneficiaire.anonyme, sa.literal("anonyme")), else_=sa.literal("suivi")), None),
        ("genre", Beneficiaire.genre, None),
        (
            NAISSANCE,
            sa.func.coalesce(sa.cast(Beneficiaire.annee_naissance, sa.String), "")
            + "|"
            + sa.func.coalesce(Beneficiaire.tranche_age, ""),
            None,
        ),
        ("statut", Beneficiaire.statut_social, None),
        (
            "commune_beneficiaire",
            sa.func.coalesce(Beneficiaire.commune_code_insee, NON_COMMUNIQUE),
            sa.func.coalesce(Beneficiaire.commune, ""),
        ),
    ]


def _lignes_suivis(
    niveau: str, debut: sa.ColumnElement[date], conditions: list[sa.ColumnElement[bool]] | None = None
) -> list[sa.Select[Any]]:
    """The rows of :class:`CumulSuivis` of ``niveau`` per mediator and ``debut``, of the
    activities passing ``conditions`` too."""
    dimensions = _dimensions_suivis()
    sources = [Activite.suppression.is_(None), sa.not_(cumulable()), *(conditions or [])]
    paires = (
        sa.select(
            Activite.mediateur_id, debut.label("debut"), Accompagnement.beneficiaire_id, *colonnes_beneficiaire(dimensions)
        )
        .join(Accompagnement, Accompagnement.activite_id == Activite.id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(*sources)
        .distinct()
        .cte(f"paires_{niveau}")
    )
    selections = []
    for dimension, valeur, libelle in dimensions_de(paires, dimensions):
        texte = sa.literal("") if libelle is None else libelle
        selections.append(
            sa.select(
                paires.c.mediateur_id, sa.literal(niveau), paires.c.debut, sa.literal(dimension), valeur, texte,
                sa.func.count(),
            ).group_by(paires.c.mediateur_id, paires.c.debut, valeur, texte)
        )
    selections.append(
        sa.select(
            Activite.mediateur_id, sa.literal(niveau), debut, sa.literal(NOUVEAUX), sa.literal(""), sa.literal(""),
            sa.func.count(),
        )
        .join(Accompagnement, Accompagnement.activite_id == Activite.id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(*sources, Accompagnement.premier_accompagnement.is_(True))
        .group_by(Activite.mediateur_id, debut)
    )
    return selections


# --- Reading ------------------------------------------------------------------------------------


class Etat(msgspec.Struct):
    """The rollup's state read with what was written since: ``depuis``, the first and last days
    it holds, the days touched per mediator, the mediators whose bénéficiaires were written,
    the (mediator, day) whose departure level it holds (:class:`CumulDepart`) and, per mediator
    (``""``: any mediator), the first day after the period's end holding one of their rolled-up
    activities, when there is one (:func:`lisible`)."""

    depuis: datetime
    premier: date | None
    dernier: date | None
    jours: dict[str, set[date]]
    beneficiaires_ecrits: set[str]
    departs: set[tuple[str, date]] = set()
    suivants: dict[str, date] = {}

    def jours_touches(self) -> set[date]:
        return set().union(*self.jours.values())

    def mediateurs_touches(self) -> set[str]:
        return set(self.jours) | self.beneficiaires_ecrits


async def lire_etat(session: AsyncSession, mediateurs: list[str] | None, au: date | None) -> Etat | None:
    """The rollup's :class:`Etat` (``None``: never computed), the touches, departures and days
    after ``au`` (the period's end) of ``mediateurs`` only (``None``: all touches, no
    departures, the days after ``au`` of any mediator). Two statements: the planner needs the
    value of ``depuis`` to read the few rows written since by their index."""
    apres = [Cumul.jour > au] if au is not None else [sa.false()]
    suivant = sa.select(sa.func.min(Cumul.jour)).where(*apres).scalar_subquery()
    ligne = (
        await session.execute(
            sa.select(
                EtatCumuls.depuis,
                sa.select(sa.func.min(Cumul.jour)).scalar_subquery(),
                sa.select(sa.func.max(Cumul.jour)).scalar_subquery(),
                suivant,
            )
        )
    ).first()
    if ligne is None:
        return None
    depuis, premier, dernier, suivant_national = ligne
    modifiees = Activite.modification >= depuis
    des = [Activite.mediateur_id.in_(mediateurs)] if mediateurs is not None else []
    aucun_jour = sa.cast(sa.null(), sa.Date)
    departs_des = (
        [
            sa.select(sa.literal(PARTI), CumulDepart.mediateur_id, CumulDepart.jour).where(
                CumulDepart.mediateur_id.in_(mediateurs)
            )
        ]
        if mediateurs is not None
        else []
    )
    # Each mediator's first rolled-up day after ``au`` (their series level holds every day).
    suivants_des = (
        [
            sa.select(sa.literal(SUIVANT), CumulMediateur.mediateur_id, sa.func.min(CumulMediateur.debut))
            .where(
                CumulMediateur.mediateur_id.in_(mediateurs), CumulMediateur.niveau == "jour", CumulMediateur.debut > au
            )
            .group_by(CumulMediateur.mediateur_id)
        ]
        if mediateurs is not None and au is not None
        else []
    )
    lignes = await session.execute(
        sa.union_all(
            sa.select(sa.literal("jour"), Activite.mediateur_id, Activite.date).where(modifiees, *des),
            sa.select(sa.literal("jour"), Activite.mediateur_id, CumulActivite.jour)
            .join(Activite, Activite.id == CumulActivite.activite_id)
            .where(modifiees, *des),
            sa.select(sa.literal("jour"), Activite.mediateur_id, Activite.date)
            .join(Accompagnement, Accompagnement.activite_id == Activite.id)
            .where(Accompagnement.creation >= depuis, *des),
            sa.select(sa.literal("ecrit"), Beneficiaire.mediateur_id, aucun_jour).where(
                Beneficiaire.modification >= depuis,
                *([Beneficiaire.mediateur_id.in_(mediateurs)] if mediateurs is not None else []),
            ),
            *departs_des,
            *suivants_des,
        )
    )
    jours: dict[str, set[date]] = defaultdict(set)
    ecrits: set[str] = set()
    departs: set[tuple[str, date]] = set()
    suivants = {"": suivant_national} if suivant_national is not None else {}
    for genre, mediateur_id, jour in lignes.all():
        if genre == "jour":
            jours[mediateur_id].add(jour)
        elif genre == PARTI:
            departs.add((mediateur_id, jour))
        elif genre == SUIVANT:
            suivants[mediateur_id] = jour
        else:
            ecrits.add(mediateur_id)
    return Etat(
        depuis=depuis, premier=premier, dernier=dernier, jours=dict(jours), beneficiaires_ecrits=ecrits,
        departs=departs, suivants=suivants,
    )


def lisible(de: date, a: date, au: date | None, suivant: date | None, touches: Iterable[date] = ()) -> bool:
    """Whether the rollup of the calendar year or month ``de``–``a`` is exactly that of its days
    up to ``au`` (the period's end; ``None``: unbounded): it starts by ``au``, the rollup holds
    no activity after ``au`` up to ``a`` (``suivant``: the first day after ``au`` that may hold
    one; ``None``: none does) and none of its days up to ``au`` is ``touches``. Its rows then
    count exactly the activities dated from ``de`` to ``au`` (distinct counts included): the
    activities of its untouched days did not change since, and it holds no other. Activities
    may be dated in the future, hence ``suivant``. So the default period, from the 1st January
    to today, reads the current year's level."""
    fin = a if au is None else min(a, au)
    return (
        (au is None or de <= au)
        and (fin == a or suivant is None or a < suivant)
        and not any(de <= jour <= fin for jour in touches)
    )


def fin_du_mois(jour: date) -> date:
    """The last day of the month of ``jour``."""
    return date(jour.year + jour.month // 12, jour.month % 12 + 1, 1) - timedelta(days=1)


def periode_civile(du: date | None, au: date | None, suivant: date | None) -> tuple[str, date] | None:
    """(``annee`` or ``mois``, first day) when ``du``–``au`` reads as one calendar year or month
    of the rollup: it starts on its first day and ends on its last or, with no rolled-up activity
    after ``au`` in it (``suivant``, see :func:`lisible`), on an earlier day; else ``None``."""
    if du is None or au is None or du.day != 1 or au < du:
        return None
    if du.month == 1 and au.year == du.year and lisible(du, date(du.year, 12, 31), au, suivant):
        return "annee", du
    if au <= fin_du_mois(du) and lisible(du, fin_du_mois(du), au, suivant):
        return "mois", du
    return None


def tous_types(filtres: FiltresActivites) -> bool:
    """Whether the type filter keeps every activity (the followed levels are not per type)."""
    return not filtres.types or set(filtres.types) >= set(TYPES_ACTIVITE)


def tranche(valeur: str, annee_reference: int) -> str:
    """The age band of a ``naissance`` value at ``annee_reference`` (:func:`tranche_age_effective`,
    as :func:`expression_tranche_age` derives it in SQL)."""
    annee, _, saisie = valeur.partition("|")
    return tranche_age_effective(int(annee) if annee else None, saisie or None, date(annee_reference, 1, 1))


def selection_suivis(cles: list[tuple[str, date, str]], retranches: frozenset[str] | set[str] = frozenset()) -> sa.Select[Any]:
    """The rows of :class:`CumulSuivis` of ``cles`` (niveau, debut, mediateur) added up as rows
    of :class:`~hub.core.stats.comptes.Comptes` (see :func:`lignes_lues`), those of the
    mediators ``retranches`` subtracted; the values adding up to 0 left out."""
    nombre: Any = CumulSuivis.nombre
    if retranches:
        nombre = sa.case((CumulSuivis.mediateur_id.in_(sorted(retranches)), -CumulSuivis.nombre), else_=CumulSuivis.nombre)
    parties = defaultdict(list)
    for niveau, debut, mediateur_id in cles:
        parties[(niveau, debut)].append(mediateur_id)
    return (
        sa.select(
            sa.cast(sa.null(), sa.Date),
            CumulSuivis.dimension,
            sa.cast(sa.literal(""), sa.String),
            CumulSuivis.valeur,
            sa.func.nullif(CumulSuivis.libelle, ""),
            sa.literal(0),
            sa.func.sum(nombre),
        )
        .where(
            sa.or_(
                *(
                    sa.and_(CumulSuivis.niveau == niveau, CumulSuivis.debut == debut, CumulSuivis.mediateur_id.in_(ids))
                    for (niveau, debut), ids in parties.items()
                )
            )
        )
        .group_by(CumulSuivis.dimension, CumulSuivis.valeur, CumulSuivis.libelle)
        .having(sa.func.sum(nombre) != 0)
    )


def convertir(lignes: Iterable[Any], annee_reference: int) -> Iterator[Any]:
    """The rows, those ``naissance`` of :func:`selection_suivis` as ``tranche_age`` rows, the
    band derived at ``annee_reference`` (as :func:`expression_tranche_age` does). One row at a
    time (see :meth:`~hub.core.stats.comptes.Comptes.ajouter`)."""
    for ligne in lignes:
        jour, dimension, type_, valeur, libelle, activites, nombre = ligne
        if dimension == NAISSANCE:
            yield jour, "tranche_age", type_, tranche(valeur, annee_reference), libelle, activites, nombre
        else:
            yield ligne


Bornes = tuple[date | None, date | None]


class Plan(msgspec.Struct):
    """What each mediator of a scope reads from the rollup and what is counted directly. The
    mediators are grouped by what they share (most members of a team share their bounds), so
    that a team's statement keeps the same small size whatever its number of members: one
    condition per member made building, caching and planning it cost more than running it."""

    lus: list[tuple[str, str, date]] = []  # (mediator, niveau, debut) read from CumulMediateur
    serie: dict[tuple[date, date, tuple[date, ...]], list[str]] = {}  # (from, to, days left out): 'jour' rows
    directes: dict[Bornes, list[str]] = {}  # activities counted directly (period)
    directes_serie: dict[tuple[date, ...], list[str]] = {}  # their touched days (series) counted directly
    suivis: list[tuple[str, date, str]] = []  # CumulSuivis keys
    suivis_directs: dict[Bornes, list[str]] = {}  # period whose followed are counted directly


def planifier(
    membres: dict[str, date | None], filtres: FiltresActivites, fenetre: tuple[date, date], etat: Etat
) -> Plan:
    """Split the period of each member (up to their leaving day) between the rollup and the
    direct queries (see the module)."""
    plan = Plan()
    civile_possible = tous_types(filtres)
    for mediateur_id, fin in sorted(membres.items()):
        du = filtres.du
        au = filtres.au if fin is None else (fin if filtres.au is None else min(fin, filtres.au))
        touches = etat.jours.get(mediateur_id, set())
        # The first day after ``au`` holding one of their rolled-up activities: read for the
        # period's end, unknown (the next day, then) for a member who left before it.
        suivant = etat.suivants.get(mediateur_id) if au == filtres.au else au + timedelta(days=1)
        if du is None or au is None or du <= au:
            annees = [
                annee
                for annee in (range(etat.premier.year, etat.dernier.year + 1) if etat.premier and etat.dernier else [])
                if (du is None or du <= date(annee, 1, 1))
                and lisible(date(annee, 1, 1), date(annee, 12, 31), au, suivant, touches)
            ]
            plan.lus += [(mediateur_id, "annee", date(annee, 1, 1)) for annee in annees]
            # From the 1st January to ``au``, held when a departure of that day was rolled up.
            depart = (
                au is not None
                and (mediateur_id, au) in etat.departs
                and au.year not in annees
                and (du is None or du <= date(au.year, 1, 1))
                and not any(date(au.year, 1, 1) <= jour <= au for jour in touches)
            )
            if depart:
                plan.lus.append((mediateur_id, PARTI, au))
            directes_jusqu_a = date(au.year, 1, 1) - timedelta(days=1) if depart else au
            for plage in plages_hors(du, directes_jusqu_a, annees):
                plan.directes.setdefault(plage, []).append(mediateur_id)
            civile = periode_civile(du, au, suivant) or ((PARTI, au) if depart and du == date(au.year, 1, 1) else None)
            if civile_possible and civile and not touches and mediateur_id not in etat.beneficiaires_ecrits:
                plan.suivis.append((civile[0], civile[1], mediateur_id))
            else:
                plan.suivis_directs.setdefault((du, au), []).append(mediateur_id)
        fin_serie = fenetre[1] if fin is None else min(fin, fenetre[1])
        if fin_serie >= fenetre[0]:
            touches_fenetre = tuple(sorted(jour for jour in touches if fenetre[0] <= jour <= fin_serie))
            plan.serie.setdefault((fenetre[0], fin_serie, touches_fenetre), []).append(mediateur_id)
            if touches_fenetre:
                plan.directes_serie.setdefault(touches_fenetre, []).append(mediateur_id)
    return plan


def _des(
    colonne: sa.ColumnElement[str], groupes: dict[Any, list[str]], conditions: Any
) -> list[sa.ColumnElement[bool]]:
    """For each group of ``groupes`` (key → mediators), its mediators (``colonne``) and the
    ``conditions(key)``."""
    return [sa.and_(colonne.in_(ids), *conditions(cle)) for cle, ids in groupes.items()]


def plages_hors(du: date | None, au: date | None, annees: list[int]) -> list[tuple[date | None, date | None]]:
    """The days from ``du`` to ``au`` (``None``: unbounded) but the calendar years ``annees``
    (inside them, ascending), as ranges."""
    plages: list[tuple[date | None, date | None]] = []
    courant = du
    for annee in annees:
        if courant is None or courant < date(annee, 1, 1):
            plages.append((courant, date(annee, 1, 1) - timedelta(days=1)))
        courant = date(annee + 1, 1, 1)
    if courant is None or au is None or courant <= au:
        plages.append((courant, au))
    return plages


def selections_plan(
    plan: Plan, filtres: FiltresActivites, dialecte: str, annee_reference: int
) -> list[sa.Select[Any]]:
    """The statement's selects for ``plan`` (rows of :class:`~hub.core.stats.comptes.Comptes`),
    but those of :class:`CumulSuivis` (:func:`selection_suivis`)."""
    types = [CumulMediateur.type.in_(filtres.types)] if filtres.types else []
    selections: list[sa.Select[Any]] = []
    if plan.lus:
        parties = defaultdict(list)
        for mediateur_id, niveau, debut in plan.lus:
            parties[(niveau, debut)].append(mediateur_id)
        type_ = type_lu(CumulMediateur.dimension, CumulMediateur.type)
        selections.append(
            sa.select(
                sa.cast(sa.null(), sa.Date),
                CumulMediateur.dimension,
                type_,
                CumulMediateur.valeur,
                sa.func.max(CumulMediateur.libelle),
                sa.func.sum(CumulMediateur.activites),
                sa.func.sum(CumulMediateur.accompagnements),
            )
            .where(
                sa.or_(
                    *_des(
                        CumulMediateur.mediateur_id,
                        parties,
                        lambda cle: [CumulMediateur.niveau == cle[0], CumulMediateur.debut == cle[1]],
                    )
                ),
                *types,
            )
            .group_by(CumulMediateur.dimension, type_, CumulMediateur.valeur)
        )
    if plan.serie:
        selections.append(
            sa.select(
                CumulMediateur.debut,
                sa.cast(sa.literal(JOUR), sa.String),
                sa.cast(sa.literal(""), sa.String),
                sa.cast(sa.literal(""), sa.String),
                sa.cast(sa.null(), sa.String),
                sa.literal(0),
                sa.func.sum(CumulMediateur.accompagnements),
            )
            .where(
                CumulMediateur.niveau == "jour",
                sa.or_(
                    *_des(
                        CumulMediateur.mediateur_id,
                        plan.serie,
                        lambda cle: [
                            CumulMediateur.debut.between(cle[0], cle[1]),
                            *([CumulMediateur.debut.not_in(cle[2])] if cle[2] else []),
                        ],
                    )
                ),
                *types,
            )
            .group_by(CumulMediateur.debut)
        )
    base = conditions_activites(PorteeNationale(), msgspec.structs.replace(FiltresActivites(), types=filtres.types))
    if plan.directes or plan.directes_serie:
        directes = _des(Activite.mediateur_id, plan.directes, lambda bornes: [periode(*bornes)])
        directes_serie = _des(Activite.mediateur_id, plan.directes_serie, lambda jours: [Activite.date.in_(jours)])
        act = activites_comptees(
            [*base, sa.or_(*directes, *directes_serie)],
            sa.or_(sa.false(), *directes),
            sa.or_(sa.false(), *directes_serie),
            nom="directes",
        )
        selections += [
            *lignes_activites(act, dialecte, par_jour=False),
            ligne_serie(act),
            *lignes_anonymes_cumulables(act, annee_reference, par_jour=False),
        ]
    if plan.suivis_directs:
        selections += lignes_beneficiaires(
            accompagnements_selon(
                [*base, sa.or_(*_des(Activite.mediateur_id, plan.suivis_directs, lambda bornes: [periode(*bornes)]))],
                sa.not_(cumulable()),
            ),
            annee_reference,
        )
    return selections
