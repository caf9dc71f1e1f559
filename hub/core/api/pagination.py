"""Cursor pagination, as La Coop's list endpoints: ``page[size]``, ``page[after]``, ``page[before]``.

Rows are ordered by ``(creation, id)``; a cursor is that pair for one row, encoded (opaque to
clients). ``page[after]`` gives the rows that follow it, ``page[before]`` those that precede it,
at most ``page[size]`` either way, always in order; without a cursor, the first page. Two sizes:
:class:`PaginationCoop` for La Coop's read lists (default and maximum 500, as La Coop),
:class:`Pagination` for the hub's own list of bénéficiaires (default 50, maximum 100: personal
data, read by a mediator's tools page by page). Rows created while a client walks forward land
after it: following ``next`` links from the first page gives every row once.
``meta.total_count`` counts every row of the query; ``has_next_page`` / ``has_prev_page`` say
whether rows lie beyond the page's last / first row (beyond the cursor itself when the page is
empty), and ``links.next`` / ``links.prev`` lead there.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar
from urllib.parse import urlencode

import msgspec
import sqlalchemy as sa
from litestar.datastructures import URL
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.core.api.documents import Liens, Liste, MetaListe, Ressource
from hub.core.errors import ValidationError

TAILLE_DEFAUT = 50
TAILLE_MAX = 100
TAILLE_COOP = 500  # La Coop's default and maximum ``page[size]``
APRES, AVANT = "page[after]", "page[before]"
CURSEUR_INVALIDE = "Curseur de pagination invalide : reprenez le lien « next » ou « prev » d'une réponse."
DEUX_CURSEURS = "Donnez page[after] ou page[before], pas les deux."


def _entre_un_et(maximum: int) -> dict[str, str]:
    return {"message": f"Un nombre entier de 1 à {maximum} est attendu."}


Taille = Annotated[int, msgspec.Meta(ge=1, le=TAILLE_MAX, extra=_entre_un_et(TAILLE_MAX))]
TailleCoop = Annotated[int, msgspec.Meta(ge=1, le=TAILLE_COOP, extra=_entre_un_et(TAILLE_COOP))]
UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Curseur = tuple[Annotated[datetime, msgspec.Meta(tz=True)], Annotated[str, msgspec.Meta(pattern=UUID)]]
Cle = tuple[InstrumentedAttribute[datetime], InstrumentedAttribute[str]]  # the ``creation`` and ``id`` columns
M = TypeVar("M")
A = TypeVar("A")


class Curseurs(msgspec.Struct, kw_only=True):
    """The cursors of a list request (at most one of them)."""

    apres: str | None = msgspec.field(default=None, name=APRES)
    avant: str | None = msgspec.field(default=None, name=AVANT)


class Pagination(Curseurs, kw_only=True):
    """The pagination parameters of the hub's own lists: pages of 50, at most 100."""

    taille: Taille = msgspec.field(default=TAILLE_DEFAUT, name="page[size]")


class PaginationCoop(Curseurs, kw_only=True):
    """The pagination parameters of La Coop's read lists: pages of 500, at most 500."""

    taille: TailleCoop = msgspec.field(default=TAILLE_COOP, name="page[size]")


@dataclass(frozen=True, slots=True)
class Page(Generic[M]):
    """The rows of one page; ``precedente`` / ``suivante``: the cursors of the pages around it."""

    lignes: list[M]
    total: int
    taille: int
    precedente: str | None
    suivante: str | None


async def paginer(
    db: AsyncSession,
    requete: sa.Select[M],
    cle: Cle,
    pagination: Pagination | PaginationCoop,
) -> Page[M]:
    """The page of ``requete`` (one entity per row) that ``pagination`` asks for; ``cle``: its
    ``creation`` and ``id`` columns. :class:`ValidationError` for a cursor that is not one."""
    if pagination.apres and pagination.avant:
        raise ValidationError({AVANT: DEUX_CURSEURS})
    curseur = _decoder(pagination.avant, AVANT) or _decoder(pagination.apres, APRES)
    creation, id_ = cle
    recule = pagination.avant is not None
    total = await db.scalar(sa.select(sa.func.count()).select_from(requete.order_by(None).subquery())) or 0
    choisie = requete if curseur is None else requete.where(_au_dela(cle, curseur, apres=not recule))
    ordre = (creation.desc(), id_.desc()) if recule else (creation.asc(), id_.asc())
    resultat = await db.execute(choisie.add_columns(creation, id_).order_by(*ordre).limit(pagination.taille))
    rows = resultat.all()[::-1] if recule else resultat.all()
    if rows:
        premiere, derniere = (rows[0][1], rows[0][2]), (rows[-1][1], rows[-1][2])
    elif curseur is not None:
        premiere = derniere = curseur
    else:
        return Page(lignes=[], total=total, taille=pagination.taille, precedente=None, suivante=None)
    return Page(
        lignes=[row[0] for row in rows],
        total=total,
        taille=pagination.taille,
        precedente=await _existe_au_dela(db, requete, cle, premiere, apres=False),
        suivante=await _existe_au_dela(db, requete, cle, derniere, apres=True),
    )


def liste(url: URL, page: Page[M], ressource: Callable[[M], Ressource[A]]) -> Liste[A]:
    """The list document of ``page``, its links built from the request's ``url``."""
    return Liste(
        data=[ressource(ligne) for ligne in page.lignes],
        links=Liens(
            self=str(url),
            next=_lien(url, APRES, page.suivante) if page.suivante else None,
            prev=_lien(url, AVANT, page.precedente) if page.precedente else None,
        ),
        meta=MetaListe(
            total_count=page.total,
            items_per_page=page.taille,
            total_pages=-(-page.total // page.taille),
            has_next_page=page.suivante is not None,
            has_prev_page=page.precedente is not None,
        ),
    )


def _au_dela(cle: Cle, curseur: Curseur, *, apres: bool) -> sa.ColumnElement[bool]:
    """The rows strictly after (or before) ``curseur`` in ``(creation, id)`` order."""
    (creation, id_), (moment, identifiant) = cle, curseur
    if apres:
        return sa.or_(creation > moment, sa.and_(creation == moment, id_ > identifiant))
    return sa.or_(creation < moment, sa.and_(creation == moment, id_ < identifiant))


async def _existe_au_dela(
    db: AsyncSession,
    requete: sa.Select[Any],
    cle: Cle,
    bord: Curseur,
    *,
    apres: bool,
) -> str | None:
    """The cursor of ``bord`` when rows of ``requete`` lie beyond it (after or before), else ``None``."""
    existe = await db.scalar(sa.select(requete.where(_au_dela(cle, bord, apres=apres)).order_by(None).exists()))
    return _encoder(bord) if existe else None


def _encoder(curseur: Curseur) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(curseur)).decode().rstrip("=")


def _decoder(valeur: str | None, champ: str) -> Curseur | None:
    if valeur is None:
        return None
    try:
        brut = base64.urlsafe_b64decode(valeur + "=" * (-len(valeur) % 4))
        moment, identifiant = msgspec.json.decode(brut, type=Curseur)
    except (ValueError, msgspec.DecodeError):  # binascii.Error is a ValueError
        raise ValidationError({champ: CURSEUR_INVALIDE}) from None
    return moment, identifiant


def _lien(url: URL, direction: str, curseur: str) -> str:
    """``url`` with its cursor replaced by ``curseur`` in ``direction``."""
    params = [(nom, valeur) for nom, valeur in url.query_params.multi_items() if nom not in (APRES, AVANT)]
    return str(url.with_replacements(query=urlencode([*params, (direction, curseur)])))
