"""A family of CRAs: a mediator's accompaniments (:mod:`~hub.core.web.activites.mediation`) or a
coordinator's own activities (:mod:`~hub.core.web.activites.coordination`). Both are recorded
through the same pages (:mod:`~hub.core.web.activites.pages_cra`); the family says which
services they call, whose CRAs they are and what its forms offer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.identity import Principal
from hub.core.web.organisation.formulaires import Formulaire

Saisie = Callable[[AsyncSession, str, str], Awaitable[msgspec.Struct]]


@dataclass(frozen=True, slots=True)
class Famille:
    """``permission``: to record these CRAs; ``liste``: the page listing them; ``suppression``:
    what deleting one does, said before;
    ``proprietaire``: the id the services take (the principal's mediator or coordinator side);
    ``lire``: a CRA from raw data (:class:`~hub.core.errors.ValidationError` per field);
    ``creer``, ``modifier``, ``supprimer``: the services; ``saisie``: a stored CRA as its form
    input; ``dupliquer``: the input of a copy; ``contexte``: what a form shows beyond its values
    (the choices that depend on the person), for a form with those values and, for a mediator's,
    a search among their bénéficiaires."""

    permission: str
    liste: str
    suppression: str
    proprietaire: Callable[[Principal], str]
    lire: Callable[[Any], Any]
    creer: Callable[..., Awaitable[Any]]
    modifier: Callable[..., Awaitable[Any]]
    supprimer: Callable[..., Awaitable[Any]]
    saisie: Saisie
    dupliquer: Saisie
    contexte: Callable[[AsyncSession, Principal, Formulaire, str | None], Awaitable[dict[str, Any]]]
