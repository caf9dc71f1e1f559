"""Which tags a person can see, and so put on their activities.

A person sees the national tags, the départemental tags of their départements (those of their
employer and of their lieux d'activité), their own personal tags, the team tags of their own
team (as coordinator) and of the teams they are a member of now (as mediator). An administrator
sees the national and every départemental tag (they manage them).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.communes import departement_de
from hub.core.identity.models import Coordinateur, Mediateur, User
from hub.core.structures.emplois import contrat_en_cours
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.core.tags.models import Tag
from hub.core.teams.models import MediateurCoordonne

TAG_INCONNU = "Tag inconnu : choisissez parmi vos tags."


class LecteurTags(msgspec.Struct, frozen=True, kw_only=True):
    """What decides the tags someone sees (see the module)."""

    mediateur_id: str | None = None
    coordinateur_id: str | None = None
    equipes: frozenset[str] = frozenset()
    departements: frozenset[str] = frozenset()
    admin: bool = False


async def lecteur_tags(session: AsyncSession, user_id: str) -> LecteurTags:
    """The tag reader of the user ``user_id`` (their roles, teams and départements now)."""
    user = await session.get(User, user_id)
    mediateur_id = await session.scalar(sa.select(Mediateur.id).where(Mediateur.user_id == user_id))
    coordinateur_id = await session.scalar(sa.select(Coordinateur.id).where(Coordinateur.user_id == user_id))
    equipes: set[str] = set()
    departements: set[str | None] = set()
    if mediateur_id is not None:
        equipes.update(
            await session.scalars(
                sa.select(MediateurCoordonne.coordinateur_id).where(
                    MediateurCoordonne.mediateur_id == mediateur_id, MediateurCoordonne.suppression.is_(None)
                )
            )
        )
        for lieu in await lieux_activite(session, mediateur_id):
            departements.add(departement_de(lieu.structure.code_insee, lieu.structure.code_postal))
    contrat = await contrat_en_cours(session, user_id)
    employeur = await session.get(Structure, contrat.structure_id) if contrat is not None else None
    if employeur is not None:
        departements.add(departement_de(employeur.code_insee, employeur.code_postal))
    return LecteurTags(
        mediateur_id=mediateur_id,
        coordinateur_id=coordinateur_id,
        equipes=frozenset(equipes),
        departements=frozenset(d for d in departements if d),
        admin=user is not None and user.role == "admin",
    )


async def lecteur_du_mediateur(session: AsyncSession, mediateur_id: str) -> LecteurTags:
    """The tag reader of the user behind a mediator."""
    user_id = await session.scalar(sa.select(Mediateur.user_id).where(Mediateur.id == mediateur_id))
    return await lecteur_tags(session, user_id or "")


async def lecteur_du_coordinateur(session: AsyncSession, coordinateur_id: str) -> LecteurTags:
    """The tag reader of the user behind a coordinator."""
    user_id = await session.scalar(sa.select(Coordinateur.user_id).where(Coordinateur.id == coordinateur_id))
    return await lecteur_tags(session, user_id or "")


def tags_visibles_par(lecteur: LecteurTags) -> sa.ColumnElement[bool]:
    """The condition on :class:`Tag` selecting the tags ``lecteur`` sees (deleted ones excluded)."""
    sans_proprietaire = sa.and_(Tag.mediateur_id.is_(None), Tag.coordinateur_id.is_(None))
    departemental = Tag.departement.is_not(None) if lecteur.admin else Tag.departement.in_(lecteur.departements)
    visibles = [
        sa.and_(sans_proprietaire, sa.or_(Tag.departement.is_(None), departemental)),
        sa.and_(Tag.coordinateur_id.in_(lecteur.equipes), Tag.equipe.is_(True)),
    ]
    if lecteur.mediateur_id is not None:
        visibles.append(Tag.mediateur_id == lecteur.mediateur_id)
    if lecteur.coordinateur_id is not None:
        visibles.append(Tag.coordinateur_id == lecteur.coordinateur_id)
    return sa.and_(Tag.suppression.is_(None), sa.or_(*visibles))


async def tags_visibles(session: AsyncSession, lecteur: LecteurTags) -> list[Tag]:
    """The tags ``lecteur`` sees, by name."""
    return list(await session.scalars(sa.select(Tag).where(tags_visibles_par(lecteur)).order_by(Tag.nom, Tag.id)))


async def verifier_tags(
    session: AsyncSession, lecteur: LecteurTags, tag_ids: Sequence[str], *, champ: str = "tags"
) -> dict[str, str]:
    """:data:`TAG_INCONNU` on ``<champ>.<i>`` for each id that is not a tag ``lecteur`` sees."""
    if not tag_ids:
        return {}
    connus = set(await session.scalars(sa.select(Tag.id).where(tags_visibles_par(lecteur), Tag.id.in_(set(tag_ids)))))
    return {f"{champ}.{rang}": TAG_INCONNU for rang, tag_id in enumerate(tag_ids) if tag_id not in connus}
