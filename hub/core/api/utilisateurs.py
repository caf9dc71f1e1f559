"""``GET /api/v1/utilisateurs`` (scope ``utilisateurs``, personal data): the hub's users, as La Coop lists them.

The users of role ``user`` (never admins nor support) whose sign-up is validated or who
recorded an activity. Each is La Coop's ``Utilisateur`` resource: identity, ``emplois``
(employment contracts), ``mediateur`` (``en_activite``: their lieux links; ``coordinations``:
the teams they belong to) and ``coordinateur`` (``mediateurs_coordonnes``: their team), and
``conseiller_numerique``. The hub keeps no Dataspace identifiers: ``dataspace_id`` and
``conseiller_numerique.id_pg`` are always ``null``, so ``filter[dataspace_id]`` and
``filter[conseiller_numerique_id_pg]`` (integers separated by commas) find nobody. A team link
has no change of its own but its end: its ``modification`` is its ``suppression``, else its
``creation``. Dates unknown to the hub (the start of a contract) are ``null``, as in La Coop.

``filter[soft_deleted]``: ``0`` only the accounts not deleted, ``1`` only the deleted ones; as
in La Coop, it filters the nested links the same way. ``filter[conseiller_numerique]``: ``1``
the conseillers numériques, ``0`` the others. Paginated in ``(creation, id)`` order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar

import msgspec
import sqlalchemy as sa
from litestar import Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import ZeroUn
from hub.core.api.documents import Liste, Ressource
from hub.core.api.pagination import PaginationCoop, liste, paginer
from hub.core.api.parametres import en_liste, lire_parametres
from hub.core.hub import Hub
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.structures.models import EmployeStructure, MediateurEnActivite
from hub.core.teams.models import MediateurCoordonne

TYPE = "utilisateur"
T = TypeVar("T")

Entiers = Annotated[
    list[int], msgspec.Meta(extra={"avant": en_liste, "message": "Des nombres entiers séparés par des virgules."})
]


class ParametresUtilisateurs(PaginationCoop, kw_only=True):
    supprimes: ZeroUn | None = msgspec.field(default=None, name="filter[soft_deleted]")
    conseiller_numerique: ZeroUn | None = msgspec.field(default=None, name="filter[conseiller_numerique]")
    conseiller_numerique_id_pg: Entiers = msgspec.field(default_factory=list, name="filter[conseiller_numerique_id_pg]")
    dataspace_id: Entiers = msgspec.field(default_factory=list, name="filter[dataspace_id]")


class Lien(msgspec.Struct, kw_only=True):
    """A dated link: an employment contract, or a mediator at work at a lieu."""

    id: str
    structure_id: str
    debut: datetime | None
    fin: datetime | None
    creation: datetime
    modification: datetime
    suppression: datetime | None


class Coordination(msgspec.Struct, kw_only=True):
    id: str
    creation: datetime
    modification: datetime
    suppression: datetime | None
    coordinateur_id: str


class MediateurCoordonneVu(msgspec.Struct, kw_only=True):
    id: str
    creation: datetime
    modification: datetime
    suppression: datetime | None
    mediateur_id: str


class VueMediateur(msgspec.Struct, kw_only=True):
    id: str
    creation: datetime
    modification: datetime
    en_activite: list[Lien]
    coordinations: list[Coordination]


class VueCoordinateur(msgspec.Struct, kw_only=True):
    id: str
    creation: datetime
    modification: datetime
    mediateurs_coordonnes: list[MediateurCoordonneVu]


class ConseillerNumerique(msgspec.Struct, kw_only=True):
    is_conseiller_numerique: bool
    id_pg: int | None


class AttributsUtilisateur(msgspec.Struct, kw_only=True):
    """La Coop's ``Utilisateur`` attributes, in its order."""

    email: str
    prenom: str | None
    nom: str | None
    inscription_validee: datetime | None
    telephone: str | None
    creation: datetime
    modification: datetime
    suppression: datetime | None
    dataspace_id: int | None
    emplois: list[Lien]
    mediateur: VueMediateur | None
    coordinateur: VueCoordinateur | None
    conseiller_numerique: ConseillerNumerique


@get(
    "/utilisateurs",
    opt={"api_scope": "utilisateurs", "parametres": ParametresUtilisateurs},
    summary="Liste des utilisateurs",
    description=(
        "Les utilisateurs dont l'inscription est validée (ou qui ont enregistré une activité), hors "
        "administrateurs et support, par ordre de création, avec leurs emplois, lieux et équipes."
    ),
    tags=["Utilisateurs"],
)
async def lister_utilisateurs(
    request: Request[Any, Any, Any], hub: NamedDependency[Hub]
) -> Liste[AttributsUtilisateur]:
    parametres = lire_parametres(ParametresUtilisateurs, request)
    async with hub.session() as db:
        page = await paginer(db, sa.select(User).where(*_conditions(parametres)), (User.creation, User.id), parametres)
        vues = await _vues(db, page.lignes, parametres.supprimes)
    return liste(request.url, page, lambda user: Ressource(type=TYPE, id=user.id, attributes=vues[user.id]))


def _conditions(parametres: ParametresUtilisateurs) -> list[sa.ColumnElement[bool]]:
    a_agi = sa.select(Mediateur.id).where(Mediateur.user_id == User.id, Mediateur.activites_count > 0).exists()
    conditions = [User.role == "user", sa.or_(User.inscription_validee.is_not(None), a_agi)]
    if parametres.supprimes is not None:
        conditions.append(_supprime(User.suppression, parametres.supprimes))
    if parametres.conseiller_numerique is not None:
        conditions.append(User.is_conseiller_numerique.is_(parametres.conseiller_numerique))
    if parametres.conseiller_numerique_id_pg or parametres.dataspace_id:
        conditions.append(sa.false())  # the hub keeps no Dataspace identifiers (see the module)
    return conditions


def _supprime(colonne: Any, supprimes: bool | None) -> sa.ColumnElement[bool]:
    """Rows deleted (``True``), not deleted (``False``), or all (``None``)."""
    if supprimes is None:
        return sa.true()
    return colonne.is_not(None) if supprimes else colonne.is_(None)


async def _vues(db: AsyncSession, users: Sequence[User], supprimes: bool | None) -> dict[str, AttributsUtilisateur]:
    """The attributes of each of ``users``; the nested links filtered by ``supprimes`` too."""
    user_ids = [user.id for user in users]
    mediateurs = {m.user_id: m for m in await db.scalars(sa.select(Mediateur).where(Mediateur.user_id.in_(user_ids)))}
    coordinateurs = {
        c.user_id: c for c in await db.scalars(sa.select(Coordinateur).where(Coordinateur.user_id.in_(user_ids)))
    }
    mediateur_ids = [m.id for m in mediateurs.values()]
    coordinateur_ids = [c.id for c in coordinateurs.values()]
    emplois = await _par(
        db, EmployeStructure, EmployeStructure.user_id.in_(user_ids), EmployeStructure.user_id, supprimes
    )
    en_activite = await _par(
        db,
        MediateurEnActivite,
        MediateurEnActivite.mediateur_id.in_(mediateur_ids),
        MediateurEnActivite.mediateur_id,
        supprimes,
    )
    coordinations = await _par(
        db,
        MediateurCoordonne,
        MediateurCoordonne.mediateur_id.in_(mediateur_ids),
        MediateurCoordonne.mediateur_id,
        supprimes,
    )
    coordonnes = await _par(
        db,
        MediateurCoordonne,
        MediateurCoordonne.coordinateur_id.in_(coordinateur_ids),
        MediateurCoordonne.coordinateur_id,
        supprimes,
    )
    vues: dict[str, AttributsUtilisateur] = {}
    for user in users:
        mediateur, coordinateur = mediateurs.get(user.id), coordinateurs.get(user.id)
        vues[user.id] = AttributsUtilisateur(
            email=user.email,
            prenom=user.prenom,
            nom=user.nom,
            inscription_validee=user.inscription_validee,
            telephone=user.telephone,
            creation=user.creation,
            modification=user.modification,
            suppression=user.suppression,
            dataspace_id=None,
            emplois=[_lien(emploi) for emploi in emplois.get(user.id, [])],
            mediateur=None
            if mediateur is None
            else VueMediateur(
                id=mediateur.id,
                creation=mediateur.creation,
                modification=mediateur.modification,
                en_activite=[_lien(lien) for lien in en_activite.get(mediateur.id, [])],
                coordinations=[
                    Coordination(coordinateur_id=lien.coordinateur_id, **_dates_equipe(lien))
                    for lien in coordinations.get(mediateur.id, [])
                ],
            ),
            coordinateur=None
            if coordinateur is None
            else VueCoordinateur(
                id=coordinateur.id,
                creation=coordinateur.creation,
                modification=coordinateur.modification,
                mediateurs_coordonnes=[
                    MediateurCoordonneVu(mediateur_id=lien.mediateur_id, **_dates_equipe(lien))
                    for lien in coordonnes.get(coordinateur.id, [])
                ],
            ),
            conseiller_numerique=ConseillerNumerique(is_conseiller_numerique=user.is_conseiller_numerique, id_pg=None),
        )
    return vues


async def _par(
    db: AsyncSession, modele: type[T], condition: sa.ColumnElement[bool], cle: Any, supprimes: bool | None
) -> dict[str, list[T]]:
    """The rows of ``modele`` passing ``condition`` and ``supprimes``, grouped by ``cle``, by creation."""
    rows = await db.scalars(
        sa.select(modele)
        .where(condition, _supprime(modele.suppression, supprimes))  # type: ignore[attr-defined]
        .order_by(modele.creation, modele.id)  # type: ignore[attr-defined]
    )
    groupes: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        groupes[getattr(row, cle.key)].append(row)
    return groupes


def _lien(lien: EmployeStructure | MediateurEnActivite) -> Lien:
    return Lien(
        id=lien.id,
        structure_id=lien.structure_id,
        debut=lien.debut,
        fin=lien.fin,
        creation=lien.creation,
        modification=lien.modification,
        suppression=lien.suppression,
    )


def _dates_equipe(lien: MediateurCoordonne) -> dict[str, Any]:
    return {
        "id": lien.id,
        "creation": lien.creation,
        "modification": lien.suppression or lien.creation,
        "suppression": lien.suppression,
    }


HANDLERS = [lister_utilisateurs]
