"""Whose statistics a page shows: the mediator's own (``/stats``) or the coordinator's team's
(``/stats/equipe``), and the title that goes with it.

- a mediator sees their own, titled « Mes statistiques »;
- a coordinator sees their team's (``stats.equipe``, granted to coordinators only), titled
  « Statistiques » when they are not a mediator too, « Statistiques de mon équipe » otherwise;
- a person both mediator and coordinator chooses between the two (:func:`onglets`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.portee import Portee, portee_equipe, portee_mediateur
from hub.core.errors import Forbidden
from hub.core.identity import Principal

ADRESSE = "/stats"
Cle = Literal["mediateur", "equipe"]
EQUIPE_RESERVEE = (
    "Les statistiques d'une équipe sont réservées à son coordinateur : "
    "consultez vos propres statistiques depuis « Mes statistiques »."
)


@dataclass(frozen=True, slots=True)
class Vue:
    """A scope as a page shows it: ``cle``, its address, its tab's label."""

    cle: Cle
    adresse: str
    onglet: str


MEDIATEUR = Vue("mediateur", ADRESSE, "Mes statistiques")
EQUIPE = Vue("equipe", f"{ADRESSE}/equipe", "Mon équipe")
VUES = {vue.cle: vue for vue in (MEDIATEUR, EQUIPE)}


def titre(principal: Principal, vue: Vue) -> str:
    """The page's ``<h1>``."""
    if vue is MEDIATEUR:
        return "Mes statistiques"
    return "Statistiques de mon équipe" if principal.mediateur_id else "Statistiques"


def onglets(principal: Principal) -> list[Vue]:
    """The scopes the principal may choose between; none shown when there is only one."""
    siennes = [vue for vue in (MEDIATEUR, EQUIPE) if peut_voir(principal, vue)]
    return siennes if len(siennes) > 1 else []


def peut_voir(principal: Principal, vue: Vue) -> bool:
    if vue is MEDIATEUR:
        return principal.mediateur_id is not None
    return principal.coordinateur_id is not None and principal.can("stats.equipe")


async def portee_de(session: AsyncSession, principal: Principal, vue: Vue) -> Portee:
    """The activities ``vue`` reads for the principal; :class:`Forbidden` with the way out when
    they may not see it."""
    if vue is MEDIATEUR:
        return portee_mediateur(principal)
    if not peut_voir(principal, vue):
        raise Forbidden(EQUIPE_RESERVEE)
    return await portee_equipe(session, principal)
