"""Reading the audit log, for the administration page (read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.models import Mutation
from hub.core.identity.models import User

PAR_PAGE_MAX = 200


class MutationView(msgspec.Struct, frozen=True, kw_only=True):
    """One mutation, with the name and e-mail of who made it (``None``: the system)."""

    id: str
    nom: str
    creation: datetime
    duree_ms: int
    donnees: Any
    user_id: str | None
    utilisateur: str | None
    email: str | None


class PageMutations(msgspec.Struct, frozen=True, kw_only=True):
    """One page of mutations, newest first; ``total`` counts every match of the filters."""

    mutations: list[MutationView]
    total: int
    page: int
    par_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.par_page))


async def lister_mutations(
    session: AsyncSession,
    *,
    user_id: str | None = None,
    nom: str | None = None,
    depuis: datetime | None = None,
    jusqu_a: datetime | None = None,
    page: int = 1,
    par_page: int = 50,
) -> PageMutations:
    """Mutations newest first, filtered by who (``user_id``), which (``nom``) and when
    (``depuis <= creation < jusqu_a``), page ``page`` (from 1) of ``par_page`` (at most 200)."""
    page, par_page = max(1, page), min(max(1, par_page), PAR_PAGE_MAX)
    conditions = [
        condition
        for condition in (
            Mutation.user_id == user_id if user_id else None,
            Mutation.nom == nom if nom else None,
            Mutation.creation >= depuis if depuis else None,
            Mutation.creation < jusqu_a if jusqu_a else None,
        )
        if condition is not None
    ]
    total = await session.scalar(sa.select(sa.func.count()).select_from(Mutation).where(*conditions)) or 0
    query = (
        sa.select(Mutation, User)
        .outerjoin(User, User.id == Mutation.user_id)
        .where(*conditions)
        .order_by(Mutation.creation.desc(), Mutation.id.desc())
        .offset((page - 1) * par_page)
        .limit(par_page)
    )
    rows = (await session.execute(query)).all()
    return PageMutations(
        mutations=[_view(mutation, user) for mutation, user in rows], total=total, page=page, par_page=par_page
    )


async def noms_mutations(session: AsyncSession) -> list[str]:
    """The names of mutations recorded so far, sorted: the choices of the page's filter."""
    return list(await session.scalars(sa.select(Mutation.nom).distinct().order_by(Mutation.nom)))


def _view(mutation: Mutation, user: User | None) -> MutationView:
    return MutationView(
        id=mutation.id,
        nom=mutation.nom,
        creation=mutation.creation,
        duree_ms=mutation.duree_ms,
        donnees=mutation.donnees,
        user_id=mutation.user_id,
        utilisateur=user.display_name if user else None,
        email=user.email if user else None,
    )
