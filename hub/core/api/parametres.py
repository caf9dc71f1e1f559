"""The query parameters of La Coop's read endpoints, read with a French 400 naming each faulty one.

- :func:`lire_parametres`: a Struct from the request's query string (:func:`hub.core.validation.parse`:
  every faulty parameter at once, named as sent — ``page[size]``, ``filter[creation][depuis]``);
  parameters the Struct does not know are ignored, as La Coop does. A repeated parameter gives
  the list of its values.
- :class:`ParametresListe`: La Coop's pages (:class:`~hub.core.api.pagination.PaginationCoop`)
  and its ``filter[creation][depuis]`` / ``filter[modification][depuis]`` (an ISO 8601
  date-time with its offset, ``Z`` for UTC; rows changed at that instant or after), turned into
  conditions by :func:`conditions_depuis`.
- :data:`Ids`: ``ids``, structure ids separated by commas (or repeated): UUIDs, at most 100
  distinct, repeats dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated, Any, TypeVar

import msgspec
import sqlalchemy as sa
from litestar import Request

from hub.core.api.pagination import UUID, PaginationCoop
from hub.core.validation import parse

S = TypeVar("S", bound=msgspec.Struct)

IDS_MAX = 100
CREATION_DEPUIS = "filter[creation][depuis]"
MODIFICATION_DEPUIS = "filter[modification][depuis]"


def en_liste(valeur: Any) -> Any:
    """``"a,b"`` or ``["a,b", "c"]`` → ``["a", "b", "c"]``: a list parameter's values, blanks
    and repeats dropped, in their order."""
    if isinstance(valeur, str):
        valeur = [valeur]
    if not isinstance(valeur, list):
        return valeur
    morceaux = (morceau.strip() for item in valeur for morceau in str(item).split(","))
    return list(dict.fromkeys(morceau for morceau in morceaux if morceau))


Uuid = Annotated[str, msgspec.Meta(pattern=UUID, extra={"message": "Identifiant invalide (UUID attendu)."})]
Ids = Annotated[
    list[Uuid],
    msgspec.Meta(
        max_length=IDS_MAX,
        extra={"avant": en_liste, "message": f"Jusqu'à {IDS_MAX} identifiants (UUID) séparés par des virgules."},
    ),
]
Depuis = Annotated[
    datetime,
    msgspec.Meta(
        tz=True, extra={"message": "Date et heure ISO 8601 avec fuseau attendues (exemple : 2025-09-01T00:00:00Z)."}
    ),
]


class ParametresListe(PaginationCoop, kw_only=True):
    """A page of one of La Coop's lists, and the rows created or changed since an instant."""

    creation_depuis: Depuis | None = msgspec.field(default=None, name=CREATION_DEPUIS)
    modification_depuis: Depuis | None = msgspec.field(default=None, name=MODIFICATION_DEPUIS)


def conditions_depuis(
    parametres: ParametresListe, creation: Any, modification: Any
) -> list[sa.ColumnElement[bool]]:
    """The conditions of the ``depuis`` filters on the ``creation`` and ``modification`` columns."""
    conditions: list[sa.ColumnElement[bool]] = []
    if parametres.creation_depuis is not None:
        conditions.append(creation >= parametres.creation_depuis)
    if parametres.modification_depuis is not None:
        conditions.append(modification >= parametres.modification_depuis)
    return conditions


def valeurs_requete(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The query string as a mapping: one value, or the list of a repeated parameter's values."""
    valeurs: dict[str, Any] = {}
    for nom, valeur in request.query_params.multi_items():
        if nom in valeurs:
            precedente = valeurs[nom]
            valeurs[nom] = [*(precedente if isinstance(precedente, list) else [precedente]), valeur]
        else:
            valeurs[nom] = valeur
    return valeurs


def lire_parametres(type_: type[S], request: Request[Any, Any, Any] | Mapping[str, Any]) -> S:
    """The ``type_`` the request's query string gives; :class:`~hub.core.errors.ValidationError`
    naming each faulty parameter. A repeated single-valued parameter keeps its last value."""
    valeurs = valeurs_requete(request) if isinstance(request, Request) else dict(request)
    listes = {champ.encode_name for champ in msgspec.structs.fields(type_) if _est_liste(champ.type)}
    donnees = {
        nom: valeur[-1] if isinstance(valeur, list) and nom not in listes else valeur for nom, valeur in valeurs.items()
    }
    return parse(type_, donnees)


def _est_liste(type_: Any) -> bool:
    while True:
        origine = getattr(type_, "__origin__", None)
        if origine is list:
            return True
        if hasattr(type_, "__metadata__"):  # Annotated
            type_ = type_.__origin__
            continue
        return False
