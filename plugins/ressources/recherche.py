"""Searching the synced resources: words (accents and case ignored), theme, audience, support type."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.json_listes import contient_l_un
from hub.core.structures.recherche import contient_les_mots
from plugins.ressources.models import Ressource

PAR_PAGE = 20
# The three filters: name of the query parameter → column holding Les Bases' codes.
VOCABULAIRES = {"theme": "themes", "public": "publics", "type_support": "types_support"}


@dataclass(frozen=True, slots=True)
class Filtres:
    """``q``: words that must all appear (in the title, description, indexation or contents);
    ``theme``, ``public``, ``type_support``: one Les Bases code each, or empty."""

    q: str = ""
    theme: str = ""
    public: str = ""
    type_support: str = ""


def vivantes() -> sa.Select[tuple[Ressource]]:
    return sa.select(Ressource).where(Ressource.supprime_le.is_(None))


def _conditions(filtres: Filtres) -> list[sa.ColumnElement[bool]]:
    conditions = contient_les_mots(Ressource.recherche, filtres.q)
    for parametre, colonne in VOCABULAIRES.items():
        code = getattr(filtres, parametre)
        if code:
            conditions.append(contient_l_un(getattr(Ressource, colonne), code))
    return conditions


async def chercher(
    session: AsyncSession, filtres: Filtres, *, page: int = 1, par_page: int = PAR_PAGE
) -> tuple[int, list[Ressource]]:
    """The number of live resources matching ``filtres``, and those of ``page`` (most recently
    updated first)."""
    requete = vivantes().where(*_conditions(filtres))
    total = await session.scalar(sa.select(sa.func.count()).select_from(requete.subquery())) or 0
    trouvees = await session.scalars(
        requete.order_by(Ressource.modifiee_le.desc(), Ressource.id).offset((page - 1) * par_page).limit(par_page)
    )
    return total, list(trouvees)


async def valeurs_connues(session: AsyncSession) -> dict[str, dict[str, str]]:
    """For each filter, the codes the live resources use, with their label, sorted by label."""
    connues: dict[str, dict[str, str]] = {parametre: {} for parametre in VOCABULAIRES}
    lignes = await session.execute(
        sa.select(Ressource.themes, Ressource.publics, Ressource.types_support, Ressource.libelles).where(
            Ressource.supprime_le.is_(None)
        )
    )
    for themes, publics, types_support, libelles in lignes:
        for parametre, codes in zip(VOCABULAIRES, (themes, publics, types_support), strict=True):
            for code in codes or ():
                connues[parametre][code] = (libelles or {}).get(code, code)
    return {p: dict(sorted(v.items(), key=lambda item: item[1].casefold())) for p, v in connues.items()}
