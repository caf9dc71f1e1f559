"""Reading a request's JSON body, and the input it carries for a mediator.

A body that is not JSON is a 400 « Corps JSON invalide » (never a 500); JSON that is not an
object is a :class:`~hub.core.errors.ValidationError` on the root field ``_``. The input's
types and constraints are checked by the domain's readers (:func:`hub.core.validation.parse`,
:func:`hub.core.activites.inputs.lire_cra`), every faulty field at once — ``mediateur_id``
included, checked by :func:`hub.core.api.appelant.mediateur_agissant`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import msgspec
from litestar import Request
from litestar.exceptions import ClientException
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.api.appelant import CHAMP_MEDIATEUR, Appelant, mediateur_agissant
from hub.core.errors import ValidationError
from hub.core.validation import RACINE

JSON_INVALIDE = "Corps JSON invalide"
OBJET_ATTENDU = "Un objet JSON est attendu."

T = TypeVar("T")


async def lire_corps(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The request's body, a JSON object."""
    try:
        corps = msgspec.json.decode(await request.body())
    except msgspec.DecodeError:
        raise ClientException(detail=JSON_INVALIDE) from None
    if not isinstance(corps, dict):
        raise ValidationError({RACINE: OBJET_ATTENDU})
    return corps


async def lire_pour_mediateur(
    db: AsyncSession, appelant: Appelant, corps: dict[str, Any], lire: Callable[[dict[str, Any]], T]
) -> tuple[str, T]:
    """The mediator the body acts for (its ``mediateur_id``) and its input read by ``lire``
    from the other fields; a :class:`ValidationError` naming every faulty field of both."""
    donnees = dict(corps)
    valeur = donnees.pop(CHAMP_MEDIATEUR, None)
    erreurs: dict[str, str] = {}
    mediateur_id = lu = None
    try:
        mediateur_id = await mediateur_agissant(db, appelant, valeur)
    except ValidationError as exc:
        erreurs |= exc.errors
    try:
        lu = lire(donnees)
    except ValidationError as exc:
        erreurs |= exc.errors
    if erreurs:
        raise ValidationError(erreurs)
    assert mediateur_id is not None and lu is not None  # each is set unless its reading failed
    return mediateur_id, lu
