"""The filters shared by the activity list, the exports, the statistics and the API (La Coop's §3.2).

:func:`lire_filtres` reads them from query parameters (lists comma-separated or repeated,
booleans ``0``/``1``, days ``AAAA-MM-JJ``); :func:`conditions_activites` turns them, with a
scope (:mod:`hub.core.activites.portee`), into conditions on :class:`Activite` that need no join.

- ``du``, ``au``: the activity's day, bounds included;
- ``types``; ``mediateurs`` (a team's members); ``beneficiaires`` (activities accompanying one of them);
- ``communes`` (codes INSEE) and ``departements`` (``51``, ``2A``, ``974``): where the activity
  took place — the lieu d'activité's commune, else the activity's (:func:`code_insee_du_lieu`);
- ``lieux`` (lieux d'activité); ``structures_employeuses``;
- ``conseiller_numerique``: activities of conseillers numériques (``1``) or of the others (``0``);
- ``demarches_administratives``: activities with the thematique « Aide aux démarches
  administratives » (``1``) or without it (``0``);
- ``thematiques_non_administratives``, ``thematiques_administratives``: activities with at least
  one of the thematiques given (both lists together: one of either);
- ``tags``: activities with one of these tags; ``rdv``: recorded from an RDV (``1``) or not
  (``0``); ``source``: ``v1`` (imported from the Espace Coop) or ``v2``.

Filters only narrow the scope: a filter on a mediator or a bénéficiaire outside it finds nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, get_type_hints

import msgspec
import sqlalchemy as sa
from sqlalchemy.orm import aliased

from hub.core.activites.communes import CodeDepartement, CodeInsee
from hub.core.activites.enums import Source, TypeActivite
from hub.core.activites.json_listes import contient_l_un
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.portee import Portee, condition_portee
from hub.core.activites.thematiques import (
    AIDE_AUX_DEMARCHES,
    ThematiqueDemarcheAdministrative,
    ThematiqueMediationNumerique,
)
from hub.core.errors import ValidationError
from hub.core.identity.models import Mediateur, User
from hub.core.structures.models import Structure
from hub.core.tags.models import activites_tags
from hub.core.validation import parse
from hub.core.validation.champs import Identifiant

PERIODE_INVERSEE = "La date de fin doit suivre la date de début."


def _zero_un(value: Any) -> Any:
    return {"0": False, "1": True}.get(value, value) if isinstance(value, str) else value


ZeroUn = Annotated[bool, msgspec.Meta(extra={"message": "Valeur attendue : 0 ou 1.", "avant": _zero_un})]
Jour = Annotated[date, msgspec.Meta(extra={"message": "Date invalide (attendu : AAAA-MM-JJ)."})]


class FiltresActivites(msgspec.Struct, kw_only=True, frozen=True):
    """The filters of a list of activities (see the module); each one left empty filters nothing."""

    du: Jour | None = None
    au: Jour | None = None
    types: list[TypeActivite] = []
    mediateurs: list[Identifiant] = []
    beneficiaires: list[Identifiant] = []
    communes: list[CodeInsee] = []
    departements: list[CodeDepartement] = []
    lieux: list[Identifiant] = []
    conseiller_numerique: ZeroUn | None = None
    demarches_administratives: ZeroUn | None = None
    thematiques_non_administratives: list[ThematiqueMediationNumerique] = []
    thematiques_administratives: list[ThematiqueDemarcheAdministrative] = []
    tags: list[Identifiant] = []
    structures_employeuses: list[Identifiant] = []
    rdv: ZeroUn | None = None
    source: Source | None = None


_LISTES = {
    champ
    for champ, type_ in get_type_hints(FiltresActivites, include_extras=True).items()
    if getattr(type_, "__origin__", None) is list
}


def lire_filtres(parametres: Mapping[str, Any]) -> FiltresActivites:
    """The filters among query ``parametres`` (other parameters are ignored: the page…); each
    value a string or a list of strings. :class:`ValidationError` names each faulty filter."""
    donnees: dict[str, Any] = {}
    for champ in FiltresActivites.__struct_fields__:
        if champ not in parametres:
            continue
        valeur = parametres[champ]
        valeurs = [str(item) for item in (valeur if isinstance(valeur, list) else [valeur])]
        if champ in _LISTES:
            donnees[champ] = [morceau.strip() for item in valeurs for morceau in item.split(",")]
        elif valeurs:
            donnees[champ] = valeurs[-1]
    filtres = parse(FiltresActivites, donnees)
    if filtres.du and filtres.au and filtres.du > filtres.au:
        raise ValidationError({"au": PERIODE_INVERSEE})
    return filtres


def code_insee_du_lieu() -> sa.ColumnElement[str | None]:
    """Where an activity took place: the code INSEE of its lieu d'activité, else its own."""
    lieu = aliased(Structure)
    code = sa.select(lieu.code_insee).where(lieu.id == Activite.structure_id).correlate_except(lieu)
    return sa.func.coalesce(code.scalar_subquery(), Activite.lieu_code_insee)


def conditions_activites(portee: Portee, filtres: FiltresActivites) -> list[sa.ColumnElement[bool]]:
    """The conditions on :class:`Activite` selecting the activities of ``portee`` (not deleted)
    that pass ``filtres``."""
    conditions: list[sa.ColumnElement[bool]] = [Activite.suppression.is_(None), condition_portee(portee)]
    if filtres.du is not None:
        conditions.append(Activite.date >= filtres.du)
    if filtres.au is not None:
        conditions.append(Activite.date <= filtres.au)
    for colonne, valeurs in (
        (Activite.type, filtres.types),
        (Activite.mediateur_id, filtres.mediateurs),
        (Activite.structure_id, filtres.lieux),
        (Activite.structure_employeuse_id, filtres.structures_employeuses),
    ):
        if valeurs:
            conditions.append(colonne.in_(valeurs))
    if filtres.beneficiaires:
        conditions.append(
            sa.select(Accompagnement.id)
            .where(Accompagnement.activite_id == Activite.id, Accompagnement.beneficiaire_id.in_(filtres.beneficiaires))
            .exists()
        )
    if filtres.communes:
        conditions.append(code_insee_du_lieu().in_(filtres.communes))
    if filtres.departements:
        conditions.append(sa.or_(*(code_insee_du_lieu().startswith(code) for code in filtres.departements)))
    if filtres.conseiller_numerique is not None:
        conditions.append(
            sa.select(Mediateur.id)
            .join(User, User.id == Mediateur.user_id)
            .where(
                Mediateur.id == Activite.mediateur_id, User.is_conseiller_numerique.is_(filtres.conseiller_numerique)
            )
            .exists()
        )
    if filtres.demarches_administratives is not None:
        aide = contient_l_un(Activite.thematiques, AIDE_AUX_DEMARCHES)
        conditions.append(aide if filtres.demarches_administratives else sa.not_(aide))
    thematiques = [*filtres.thematiques_non_administratives, *filtres.thematiques_administratives]
    if thematiques:
        conditions.append(contient_l_un(Activite.thematiques, *thematiques))
    if filtres.tags:
        conditions.append(
            sa.select(activites_tags.c.tag_id)
            .where(activites_tags.c.activite_id == Activite.id, activites_tags.c.tag_id.in_(filtres.tags))
            .exists()
        )
    if filtres.rdv is not None:
        conditions.append(Activite.rdv_id.is_not(None) if filtres.rdv else Activite.rdv_id.is_(None))
    if filtres.source is not None:
        conditions.append(Activite.v1_cra_id.is_not(None) if filtres.source == "v1" else Activite.v1_cra_id.is_(None))
    return conditions
