"""``GET /api/v1/statistiques`` (scope ``statistiques``): the national statistics, in La Coop's ``Statistiques`` shape.

The numbers are the statistics engine's (:func:`hub.core.stats.calculer_statistiques`, scope
:class:`~hub.core.activites.portee.PorteeNationale`): this module only reads the filters and
renames. ``filter[X]`` for X among ``du``, ``au`` (AAAA-MM-JJ), ``types`` (``individuel`` /
``collectif``, any case: La Coop writes ``Individuel``), ``mediateurs``, ``beneficiaires``,
``lieux`` (UUIDs), ``communes`` (codes INSEE), ``departements``, ``conseiller_numerique`` and
``demarches_administratives`` (``0`` / ``1``); lists separated by commas. They are read by
:func:`hub.core.activites.filtres.lire_filtres`; a faulty one is a 400 naming ``filter[X]``.

Mapping: a :class:`~hub.core.stats.resultats.Part` is a ``ValueLabelCountProportion``
(``valeur`` → ``value``, ``libelle`` → ``label``, ``nombre`` → ``count``), a
:class:`~hub.core.stats.resultats.Point` a ``LabelCount``; ``activites.type_activites`` counts
accompagnements (as its proportion); ``activites.thematiques`` holds the mediation thematiques
and ``activites.thematiques_demarches`` (La Coop sends it beyond its schema) the
administrative ones.

``totaux.activites`` and ``totaux.accompagnements`` split the total in three parts adding up
to 100 % (La Coop's former three types): ``demarches``, the individual CRAs with the thematique
« Aide aux démarches administratives » (one accompagnement each); ``individuels``, the other
individual CRAs; ``collectifs``, the workshops (``participants``: their accompagnements).
Counting the individual démarches is the one query of this module, on the same filters
(:func:`hub.core.activites.filtres.conditions_activites`); the engine counts démarches of
every type.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites, conditions_activites, lire_filtres
from hub.core.activites.json_listes import contient_l_un
from hub.core.activites.models import Activite
from hub.core.activites.portee import PorteeNationale
from hub.core.activites.thematiques import AIDE_AUX_DEMARCHES
from hub.core.api.parametres import valeurs_requete
from hub.core.errors import ValidationError
from hub.core.hub import Hub
from hub.core.stats import Part, Point, Statistiques, calculer_statistiques
from hub.core.stats.proportions import proportions

TYPE = "statistiques"
FILTRES = (
    "du",
    "au",
    "types",
    "mediateurs",
    "beneficiaires",
    "communes",
    "departements",
    "lieux",
    "conseiller_numerique",
    "demarches_administratives",
)
IDENTIFIANTS = ("mediateurs", "beneficiaires", "lieux")
UUID_ATTENDU = "« {} » : identifiant invalide (UUID attendu)."


def nom_filtre(champ: str) -> str:
    return f"filter[{champ}]"


class ValueLabelCountProportion(msgspec.Struct, kw_only=True):
    value: str
    label: str
    count: int
    proportion: float


class LabelCount(msgspec.Struct, kw_only=True):
    label: str
    count: int


class BeneficiairesStats(msgspec.Struct, kw_only=True):
    total: int
    genres: list[ValueLabelCountProportion]
    tranche_ages: list[ValueLabelCountProportion]
    statuts_social: list[ValueLabelCountProportion]


class ActivitesStats(msgspec.Struct, kw_only=True):
    total: int
    type_activites: list[ValueLabelCountProportion]
    durees: list[ValueLabelCountProportion]
    type_lieu: list[ValueLabelCountProportion]
    thematiques: list[ValueLabelCountProportion]
    thematiques_demarches: list[ValueLabelCountProportion]
    materiels: list[ValueLabelCountProportion]


class Part3(msgspec.Struct, kw_only=True):
    """One of the three parts of a total."""

    total: int
    proportion: float


class PartCollectifs(Part3, kw_only=True):
    participants: int


class TotauxActivites(msgspec.Struct, kw_only=True):
    total: int
    individuels: Part3
    collectifs: PartCollectifs
    demarches: Part3


class TotauxAccompagnements(msgspec.Struct, kw_only=True):
    total: int
    individuels: Part3
    collectifs: Part3
    demarches: Part3


class TotauxBeneficiaires(msgspec.Struct, kw_only=True):
    total: int
    nouveaux: int
    suivis: int
    anonymes: int


class Totaux(msgspec.Struct, kw_only=True):
    activites: TotauxActivites
    accompagnements: TotauxAccompagnements
    beneficiaires: TotauxBeneficiaires


class AttributsStatistiques(msgspec.Struct, kw_only=True):
    accompagnements_par_jour: list[LabelCount]
    accompagnements_par_mois: list[LabelCount]
    beneficiaires: BeneficiairesStats
    activites: ActivitesStats
    totaux: Totaux


class RessourceStatistiques(msgspec.Struct, kw_only=True):
    type: str
    id: str
    attributes: AttributsStatistiques


class Lien(msgspec.Struct, kw_only=True):
    href: str


class LiensStatistiques(msgspec.Struct, kw_only=True):
    self: Lien


class DocumentStatistiques(msgspec.Struct, kw_only=True):
    data: RessourceStatistiques
    links: LiensStatistiques
    meta: dict[str, Any]


class ParametresStatistiques(msgspec.Struct, kw_only=True):
    """The query parameters, for the OpenAPI document (read by :func:`lire_filtres_api`)."""

    du: str | None = msgspec.field(default=None, name="filter[du]")
    au: str | None = msgspec.field(default=None, name="filter[au]")
    types: str | None = msgspec.field(default=None, name="filter[types]")
    mediateurs: str | None = msgspec.field(default=None, name="filter[mediateurs]")
    beneficiaires: str | None = msgspec.field(default=None, name="filter[beneficiaires]")
    communes: str | None = msgspec.field(default=None, name="filter[communes]")
    departements: str | None = msgspec.field(default=None, name="filter[departements]")
    lieux: str | None = msgspec.field(default=None, name="filter[lieux]")
    conseiller_numerique: str | None = msgspec.field(default=None, name="filter[conseiller_numerique]")
    demarches_administratives: str | None = msgspec.field(default=None, name="filter[demarches_administratives]")


@get(
    "/statistiques",
    opt={"api_scope": "statistiques", "parametres": ParametresStatistiques},
    summary="Statistiques nationales",
    description=(
        "Les statistiques de toutes les activités (accompagnements par jour et par mois, bénéficiaires, "
        "activités, totaux), filtrées par `filter[X]`."
    ),
    tags=["Statistiques"],
)
async def statistiques(request: Request[Any, Any, Any], hub: NamedDependency[Hub]) -> DocumentStatistiques:
    filtres = lire_filtres_api(valeurs_requete(request))
    async with hub.session() as db:
        resultat = await calculer_statistiques(db, PorteeNationale(), filtres)
        demarches = await _demarches_individuelles(db, filtres)
    return DocumentStatistiques(
        data=RessourceStatistiques(type=TYPE, id=TYPE, attributes=attributs(resultat, demarches)),
        links=LiensStatistiques(self=Lien(href=str(request.url))),
        meta={},
    )


def lire_filtres_api(parametres: Mapping[str, Any]) -> FiltresActivites:
    """The filters among the ``filter[X]`` query ``parametres`` (see the module);
    :class:`ValidationError` naming each faulty ``filter[X]``."""
    donnees: dict[str, Any] = {}
    for champ in FILTRES:
        valeur = parametres.get(nom_filtre(champ))
        if valeur is not None:
            donnees[champ] = _minuscules(valeur) if champ == "types" else valeur
    erreurs: dict[str, str] = {}
    for champ in IDENTIFIANTS:
        if (fautif := _pas_un_uuid(donnees.get(champ))) is not None:
            erreurs[nom_filtre(champ)] = UUID_ATTENDU.format(fautif)
    try:
        filtres = lire_filtres(donnees)
    except ValidationError as exc:
        erreurs |= {nom_filtre(champ): message for champ, message in exc.errors.items()}
    if erreurs:
        raise ValidationError(erreurs)
    return filtres


def _minuscules(valeur: Any) -> Any:
    """``Individuel`` (La Coop's spelling) → ``individuel``, for one value or each of a list."""
    return [str(item).lower() for item in valeur] if isinstance(valeur, list) else str(valeur).lower()


def _pas_un_uuid(valeur: Any) -> str | None:
    """The first of the comma-separated values that is not a UUID, if any."""
    if valeur is None:
        return None
    for item in valeur if isinstance(valeur, list) else [valeur]:
        for morceau in str(item).split(","):
            if morceau.strip():
                try:
                    uuid.UUID(morceau.strip())
                except ValueError:
                    return morceau.strip()
    return None


class _Demarches(msgspec.Struct, frozen=True):
    """The individual CRAs with the démarches thematique, and their accompagnements."""

    activites: int
    accompagnements: int


async def _demarches_individuelles(db: AsyncSession, filtres: FiltresActivites) -> _Demarches:
    ligne = (
        await db.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(Activite.accompagnements_count), 0)).where(
                *conditions_activites(PorteeNationale(), filtres),
                Activite.type == "individuel",
                contient_l_un(Activite.thematiques, AIDE_AUX_DEMARCHES),
            )
        )
    ).one()
    return _Demarches(activites=int(ligne[0]), accompagnements=int(ligne[1]))


def attributs(resultat: Statistiques, demarches: _Demarches) -> AttributsStatistiques:
    """The engine's ``resultat`` in La Coop's shape; ``demarches``: see the module."""
    activites, accompagnements = resultat.activites, resultat.accompagnements
    part_activites = proportions(
        [activites.individuels - demarches.activites, activites.collectifs, demarches.activites]
    )
    part_accompagnements = proportions(
        [accompagnements.individuels - demarches.accompagnements, accompagnements.collectifs, demarches.accompagnements]
    )
    return AttributsStatistiques(
        accompagnements_par_jour=_points(resultat.par_jour),
        accompagnements_par_mois=_points(resultat.par_mois),
        beneficiaires=BeneficiairesStats(
            total=resultat.beneficiaires.total,
            genres=_parts(resultat.genres),
            tranche_ages=_parts(resultat.tranches_age),
            statuts_social=_parts(resultat.statuts),
        ),
        activites=ActivitesStats(
            total=activites.total,
            type_activites=[
                ValueLabelCountProportion(
                    value=type_.valeur, label=type_.libelle, count=type_.accompagnements, proportion=type_.proportion
                )
                for type_ in resultat.types
            ],
            durees=_parts(resultat.durees),
            type_lieu=_parts(resultat.canaux),
            thematiques=_parts(resultat.thematiques_mediation),
            thematiques_demarches=_parts(resultat.thematiques_demarches),
            materiels=_parts(resultat.materiel),
        ),
        totaux=Totaux(
            activites=TotauxActivites(
                total=activites.total,
                individuels=Part3(total=activites.individuels - demarches.activites, proportion=part_activites[0]),
                collectifs=PartCollectifs(
                    total=activites.collectifs, proportion=part_activites[1], participants=accompagnements.collectifs
                ),
                demarches=Part3(total=demarches.activites, proportion=part_activites[2]),
            ),
            accompagnements=TotauxAccompagnements(
                total=accompagnements.total,
                individuels=Part3(
                    total=accompagnements.individuels - demarches.accompagnements, proportion=part_accompagnements[0]
                ),
                collectifs=Part3(total=accompagnements.collectifs, proportion=part_accompagnements[1]),
                demarches=Part3(total=demarches.accompagnements, proportion=part_accompagnements[2]),
            ),
            beneficiaires=TotauxBeneficiaires(
                total=resultat.beneficiaires.total,
                nouveaux=resultat.beneficiaires.nouveaux or 0,
                suivis=resultat.beneficiaires.suivis,
                anonymes=resultat.beneficiaires.anonymes,
            ),
        ),
    )


def _parts(parts: Sequence[Part]) -> list[ValueLabelCountProportion]:
    return [
        ValueLabelCountProportion(value=part.valeur, label=part.libelle, count=part.nombre, proportion=part.proportion)
        for part in parts
    ]


def _points(points: Sequence[Point]) -> list[LabelCount]:
    return [LabelCount(label=point.libelle, count=point.nombre) for point in points]


HANDLERS = [statistiques]
