"""The SQL of the statistics, for both databases: the activities counted, then one
``GROUP BY`` per dimension over them, all joined by ``UNION ALL`` into a single statement.

:func:`activites_comptees` names the activities once (a CTE); the other functions give the
selects of the rows described in :mod:`hub.core.stats.comptes`, grouped by day too when
``par_jour`` (the rollup's shape, :mod:`hub.core.stats.cumuls`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from hub.core.activites.durees import TRANCHES
from hub.core.activites.json_listes import contient_l_un
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.thematiques import AIDE_AUX_DEMARCHES
from hub.core.beneficiaires.enums import NON_COMMUNIQUE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import expression_tranche_age
from hub.core.stats.comptes import BENEFICIAIRE, DEMARCHES, JOUR, NOUVEAUX, PAR_TYPE, TOTAL
from hub.core.tags.models import activites_tags

COLONNES = ("jour", "dimension", "type", "valeur", "libelle", "activites", "accompagnements")


def cumulable() -> sa.ColumnElement[bool]:
    """The bénéficiaires the rollup counts per accompagnement: the anonymous ones created for
    one CRA (one accompagnement each, attributes fixed at creation). A followed bénéficiaire,
    deleted (anonymised) or not, is always counted directly."""
    return sa.and_(
        Beneficiaire.anonyme.is_(True), Beneficiaire.suppression.is_(None), Beneficiaire.annee_naissance.is_(None)
    )


def activites_comptees(
    conditions: Sequence[sa.ColumnElement[bool]],
    dans_periode: sa.ColumnElement[bool],
    dans_fenetre: sa.ColumnElement[bool],
    *,
    nom: str = "act",
    autres: Sequence[sa.ColumnElement[Any]] = (),
) -> sa.CTE:
    """The activities passing ``conditions`` and in the period or in the series' window, with
    the two flags (and the labelled columns ``autres``, to group by with ``prefixe``)."""
    return (
        sa.select(
            *autres,
            Activite.id,
            Activite.type,
            Activite.date.label("jour"),
            Activite.duree,
            Activite.accompagnements_count.label("n"),
            Activite.type_lieu,
            Activite.structure_id,
            Activite.lieu_code_insee,
            Activite.lieu_commune,
            Activite.materiel,
            Activite.thematiques,
            dans_periode.label("dans_periode"),
            dans_fenetre.label("dans_fenetre"),
        )
        .where(*conditions, sa.or_(dans_periode, dans_fenetre))
        .cte(nom)
    )


def type_lu(dimension: sa.ColumnElement[str], type_: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    """The activity type to group rolled-up rows by when reading them: theirs for the dimensions
    of :data:`~hub.core.stats.comptes.PAR_TYPE`, ``""`` for the others (added up over the types
    anyway: added up in SQL, a national year returns 30 % fewer rows to build in Python)."""
    return sa.case((dimension.in_(PAR_TYPE), type_), else_=sa.literal(""))


def _selection_(
    act: sa.CTE | None,
    dimension: str,
    valeur: Any = None,
    *,
    par_jour: bool,
    par_type: bool = True,
    libelle: Any = None,
    activites: Any = None,
    accompagnements: Any = None,
    prefixe: Sequence[str] = (),
) -> sa.Select[Any]:
    """``SELECT [prefixe…,] jour, dimension, type, valeur, libelle, activites, accompagnements`` grouped by
    day (``par_jour``), activity type (``par_type``) and ``valeur`` (none: ``""``); FROM and
    WHERE left to the caller. By default ``activites`` counts rows and ``accompagnements`` adds
    up ``act.n``."""
    groupes: list[Any] = [act.c[colonne] for colonne in prefixe] if act is not None else []
    jour: Any = sa.cast(sa.null(), sa.Date)
    type_: Any = sa.literal("")
    if par_jour:
        assert act is not None
        jour = act.c.jour
        groupes.append(jour)
    if par_type:
        assert act is not None
        type_ = act.c.type
        groupes.append(type_)
    if valeur is None:
        valeur = sa.literal("")
    else:
        groupes.append(valeur)
    return sa.select(
        *groupes[: len(prefixe)],
        jour.label("jour"),
        sa.cast(sa.literal(dimension), sa.String).label("dimension"),
        sa.cast(type_, sa.String).label("type"),
        sa.cast(valeur, sa.String).label("valeur"),
        (sa.cast(sa.null(), sa.String) if libelle is None else sa.func.max(libelle)).label("libelle"),
        (sa.func.count() if activites is None else activites).label("activites"),
        (sa.func.sum(act.c.n) if accompagnements is None and act is not None else accompagnements).label(
            "accompagnements"
        ),
    ).group_by(*groupes)


def debut_de(niveau: str, jour: sa.ColumnElement[date], dialecte: str) -> sa.ColumnElement[date]:
    """The first day of the month (``mois``) or year (``annee``) of ``jour``."""
    if dialecte == "postgresql":
        unite = "month" if niveau == "mois" else "year"
        return sa.cast(sa.func.date_trunc(unite, jour), sa.Date)
    return sa.func.date(jour, "start of month" if niveau == "mois" else "start of year", type_=sa.Date)


def _elements(dialecte: str, colonne: sa.ColumnElement[Any]) -> sa.TableValuedAlias:
    """The values of a JSON list column, as a table (one row per value)."""
    fonction = sa.func.jsonb_array_elements_text if dialecte == "postgresql" else sa.func.json_each
    return fonction(colonne).table_valued("value")


def tranche_duree(duree: sa.ColumnElement[int]) -> sa.ColumnElement[str]:
    """The key of the duration bucket (:data:`hub.core.activites.durees.TRANCHES`)."""
    bornees = [(duree < tranche.maximum, sa.literal(tranche.cle)) for tranche in TRANCHES if tranche.maximum]
    return sa.case(*bornees, else_=sa.literal(TRANCHES[-1].cle))


def lignes_activites(
    act: sa.CTE, dialecte: str, *, par_jour: bool, prefixe: Sequence[str] = ()
) -> list[sa.Select[Any]]:
    """The activity dimensions of the activities in the period (``dans_periode``)."""
    periode = act.c.dans_periode
    _selection = functools.partial(_selection_, prefixe=prefixe)
    selections = [
        _selection(act, TOTAL, par_jour=par_jour).where(periode),
        _selection(act, DEMARCHES, par_jour=par_jour).where(
            periode, contient_l_un(act.c.thematiques, AIDE_AUX_DEMARCHES)
        ),
        _selection(act, "canal", act.c.type_lieu, par_jour=par_jour).where(periode),
        _selection(act, "duree", tranche_duree(act.c.duree), par_jour=par_jour).where(periode),
        _selection(act, "lieu", act.c.structure_id, par_jour=par_jour).where(periode, act.c.structure_id.is_not(None)),
        _selection(
            act,
            "commune",
            sa.func.coalesce(act.c.structure_id, "") + "|" + sa.func.coalesce(act.c.lieu_code_insee, ""),
            libelle=act.c.lieu_commune,
            par_jour=par_jour,
        ).where(periode),
        _selection(act, "tag", activites_tags.c.tag_id, par_jour=par_jour)
        .select_from(act)
        .join(activites_tags, activites_tags.c.activite_id == act.c.id)
        .where(periode),
    ]
    for dimension, colonne in (("thematique", act.c.thematiques), ("materiel", act.c.materiel)):
        elements = _elements(dialecte, colonne)
        selections.append(
            _selection(act, dimension, elements.c.value, par_jour=par_jour)
            .select_from(act)
            .join(elements, sa.true())
            .where(periode)
        )
    return selections


def ligne_serie(act: sa.CTE, *, prefixe: Sequence[str] = (), par_type: bool = False) -> sa.Select[Any]:
    """The accompagnements of each day of the series' window (``dans_fenetre``)."""
    return _selection_(act, JOUR, par_jour=True, par_type=par_type, prefixe=prefixe).where(act.c.dans_fenetre)


def _dimensions_beneficiaire(annee_reference: int) -> list[tuple[str, Any, Any]]:
    """(dimension, valeur, libelle) of a bénéficiaire, its age band at ``annee_reference``."""
    return [
        (BENEFICIAIRE, sa.case((Beneficiaire.anonyme, sa.literal("anonyme")), else_=sa.literal("suivi")), None),
        ("genre", Beneficiaire.genre, None),
        (
            "tranche_age",
            expression_tranche_age(Beneficiaire.annee_naissance, Beneficiaire.tranche_age, annee_reference),
            None,
        ),
        ("statut", Beneficiaire.statut_social, None),
        (
            "commune_beneficiaire",
            sa.func.coalesce(Beneficiaire.commune_code_insee, NON_COMMUNIQUE),
            Beneficiaire.commune,
        ),
    ]


def colonnes_beneficiaire(dimensions: list[tuple[str, Any, Any]]) -> list[sa.ColumnElement[Any]]:
    """The values (``valeur_<rang>``) and names (``libelle_<rang>``) of the bénéficiaire
    ``dimensions``, as columns of a CTE each dimension is then grouped from."""
    colonnes = [valeur.label(f"valeur_{rang}") for rang, (_, valeur, _) in enumerate(dimensions)]
    return colonnes + [
        libelle.label(f"libelle_{rang}") for rang, (_, _, libelle) in enumerate(dimensions) if libelle is not None
    ]


def dimensions_de(cte: sa.CTE, dimensions: list[tuple[str, Any, Any]]) -> list[tuple[str, Any, Any]]:
    """(dimension, valeur, libelle) of the bénéficiaire ``dimensions``, as the columns
    :func:`colonnes_beneficiaire` gave them in ``cte`` (``libelle`` ``None`` when they have none)."""
    return [
        (dimension, cte.c[f"valeur_{rang}"], None if libelle is None else cte.c[f"libelle_{rang}"])
        for rang, (dimension, _, libelle) in enumerate(dimensions)
    ]


def lignes_anonymes_cumulables(
    act: sa.CTE, annee_reference: int, *, par_jour: bool, prefixe: Sequence[str] = ()
) -> list[sa.Select[Any]]:
    """The bénéficiaire dimensions of the :func:`cumulable` bénéficiaires of the activities in
    the period, counted per accompagnement (each has one), per activity type. Their
    accompagnements are joined once (a CTE), every dimension grouped from it: one join per
    dimension made the direct part of a team's statement three times slower."""
    dimensions = _dimensions_beneficiaire(annee_reference)
    anonymes = (
        sa.select(
            *(act.c[colonne] for colonne in prefixe),
            act.c.jour,
            act.c.type,
            *colonnes_beneficiaire(dimensions),
            Accompagnement.premier_accompagnement,
        )
        .select_from(act)
        .join(Accompagnement, Accompagnement.activite_id == act.c.id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(act.c.dans_periode, cumulable())
        .cte(f"{act.name}_anonymes")
    )
    _selection = functools.partial(
        _selection_,
        anonymes,
        par_jour=par_jour,
        prefixe=prefixe,
        activites=sa.literal(0),
        accompagnements=sa.func.count(),
    )
    selections = [
        _selection(dimension, valeur, libelle=libelle) for dimension, valeur, libelle in dimensions_de(anonymes, dimensions)
    ]
    selections.append(_selection(NOUVEAUX).where(anonymes.c.premier_accompagnement.is_(True)))
    return selections


def accompagnements_de(act: sa.CTE, *, nom: str = "acc") -> sa.CTE:
    """The accompagnements (bénéficiaire, « premier accompagnement ») of the activities of
    ``act`` in the period: read once, by the index on ``activite_id``."""
    return (
        sa.select(Accompagnement.beneficiaire_id, Accompagnement.premier_accompagnement)
        .select_from(act)
        .join(Accompagnement, Accompagnement.activite_id == act.c.id)
        .where(act.c.dans_periode)
        .cte(nom)
    )


def accompagnements_selon(
    conditions: Sequence[sa.ColumnElement[bool]], population: sa.ColumnElement[bool], *, nom: str = "acc"
) -> sa.CTE:
    """The accompagnements of the activities passing ``conditions`` (on :class:`Activite`) whose
    bénéficiaire is of ``population``."""
    return (
        sa.select(Accompagnement.beneficiaire_id, Accompagnement.premier_accompagnement)
        .join(Activite, Activite.id == Accompagnement.activite_id)
        .join(Beneficiaire, Beneficiaire.id == Accompagnement.beneficiaire_id)
        .where(*conditions, population)
        .cte(nom)
    )


def lignes_beneficiaires(acc: sa.CTE, annee_reference: int) -> list[sa.Select[Any]]:
    """The bénéficiaire dimensions of the distinct bénéficiaires of the accompagnements ``acc``
    (:func:`accompagnements_de`, :func:`accompagnements_selon`), and those of them flagged
    « premier accompagnement »."""
    # Each distinct bénéficiaire read once (by its primary key), with every value grouped below.
    dimensions = _dimensions_beneficiaire(annee_reference)
    ben = (
        sa.select(*colonnes_beneficiaire(dimensions))
        .where(Beneficiaire.id.in_(sa.select(acc.c.beneficiaire_id)))
        .cte("ben")
    )
    _selection = functools.partial(
        _selection_, None, par_jour=False, par_type=False, activites=sa.literal(0), accompagnements=sa.func.count()
    )
    selections = [
        _selection(dimension, valeur, libelle=libelle).select_from(ben)
        for dimension, valeur, libelle in dimensions_de(ben, dimensions)
    ]
    selections.append(_selection(NOUVEAUX).select_from(acc).where(acc.c.premier_accompagnement.is_(True)))
    return selections
