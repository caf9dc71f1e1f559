"""What the statistics engine returns: one :class:`Statistiques` per scope, filters and day.

Every surface (the « Mes statistiques » page, its XLSX workbook, share links, the public
national page, ``GET /api/v1/statistiques``) renders these Structs and computes nothing itself,
so the same filters always give the same numbers everywhere.

Counts follow La Coop's definitions (``coop-domain.md`` §3.1 and §9):

- an *activité* is one CRA, an *accompagnement* one bénéficiaire in one activité, a
  *bénéficiaire* a distinct person (an anonymous one is created per accompagnement, so it
  counts once per accompagnement);
- the breakdowns of the accompagnements (:attr:`Statistiques.thematiques_mediation` …) are
  weighted by accompagnements: a workshop counts once per participant;
- the breakdowns of the bénéficiaires count distinct bénéficiaires;
- :attr:`Part.proportion` is a percentage with 3 decimals; the proportions of one breakdown
  add up to exactly 100 (largest remainder) unless every count is 0 (then all are 0).
"""

from __future__ import annotations

from datetime import date

import msgspec


class Part(msgspec.Struct, frozen=True, kw_only=True):
    """One value of a breakdown: ``valeur`` (the stored value, an id for lieux and tags, a
    code INSEE for communes), its French ``libelle``, its ``nombre`` and ``proportion``."""

    valeur: str
    libelle: str
    nombre: int
    proportion: float


class Point(msgspec.Struct, frozen=True, kw_only=True):
    """One bucket of a series: ``libelle`` ``MM/AA`` for a month, ``JJ/MM`` for a day; ``debut``
    its first day; ``nombre`` the accompagnements of the bucket (0 when empty)."""

    libelle: str
    debut: date
    nombre: int


class TotauxAccompagnements(msgspec.Struct, frozen=True, kw_only=True):
    """``total`` = ``individuels`` (accompagnements of individual CRAs) + ``collectifs``
    (participants of workshops)."""

    total: int
    individuels: int
    collectifs: int


class TotauxActivites(msgspec.Struct, frozen=True, kw_only=True):
    """CRAs: ``total`` = ``individuels`` + ``collectifs``; ``demarches``: those among them
    with the thematique « Aide aux démarches administratives »."""

    total: int
    individuels: int
    collectifs: int
    demarches: int


class TotauxBeneficiaires(msgspec.Struct, frozen=True, kw_only=True):
    """Distinct bénéficiaires accompanied: ``total`` = ``suivis`` + ``anonymes``; ``nouveaux``:
    accompagnements flagged « premier accompagnement » in the period, ``None`` unless the
    filters set both ``du`` and ``au``."""

    total: int
    nouveaux: int | None
    suivis: int
    anonymes: int


class TypeActivite(msgspec.Struct, frozen=True, kw_only=True):
    """A type of activity: its CRAs (``activites``) and their accompagnements; ``proportion``
    over the accompagnements."""

    valeur: str
    libelle: str
    activites: int
    accompagnements: int
    proportion: float


class Statistiques(msgspec.Struct, frozen=True, kw_only=True):
    """Every section of the statistics for one scope and set of filters.

    ``du`` / ``au``: the period as filtered (``None``: unbounded). ``par_mois``: 12 monthly
    buckets ending with the month of ``au`` (else of the day computed); ``par_jour``: 30 daily
    buckets ending with that day. Breakdowns list every known value (enums in their order,
    zeros included) except tags, lieux and communes: only those counted, by count descending
    then label.
    """

    du: date | None
    au: date | None
    accompagnements: TotauxAccompagnements
    activites: TotauxActivites
    beneficiaires: TotauxBeneficiaires
    par_mois: list[Point]
    par_jour: list[Point]
    types: list[TypeActivite]
    thematiques_mediation: list[Part]
    thematiques_demarches: list[Part]
    tags: list[Part]
    materiel: list[Part]
    canaux: list[Part]
    durees: list[Part]
    lieux: list[Part]
    communes: list[Part]
    genres: list[Part]
    tranches_age: list[Part]
    statuts: list[Part]
    communes_beneficiaires: list[Part]
