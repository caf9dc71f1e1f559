"""« Mon réseau », the lieux: the hub's lieux d'activité in a département and the national lieux
synced for it, each place once.

- **Lieux du hub**: structures (not deleted) of the département where a mediator works now (an
  open ``MediateurEnActivite``, their account not deleted), whether or not they chose to
  appear on the national map: the directory is seen by the hub's own mediators and coordinators.
- **Lieux nationaux**: the plugin's :class:`~plugins.cartographie.models.LieuNational` of that
  ``code_departement``, not soft-deleted. One the hub already lists — a listed structure keeps
  its id in ``structure_cartographie_nationale_id`` — is left out (the hub's lieu says it is on
  the national map); a lieu read by two connector instances is listed once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.identity.models import Mediateur, User
from hub.core.structures.models import MediateurEnActivite, Structure
from hub.core.structures.normalisation import mots, normaliser
from plugins.cartographie.departements import condition_departement
from plugins.cartographie.models import LieuNational

SourceLieu = Literal["hub", "national"]


@dataclass(frozen=True, slots=True)
class LieuReseau:
    """One place of the directory. ``mediateurs``: how many of the hub's mediators work there
    (hub lieux); ``sur_la_carte``: the hub's lieu is linked to the national map;
    ``source_nationale``: the data·inclusion source of a national lieu; ``recherche``: its
    stored folded text (name, commune, postcode, SIRET)."""

    source: SourceLieu
    id: str
    nom: str
    adresse: str | None
    code_postal: str | None
    commune: str | None
    telephone: str | None
    site_web: str | None
    mediateurs: int
    sur_la_carte: bool
    source_nationale: str | None
    recherche: str

    @property
    def tri(self) -> tuple[str, str, str]:
        return (normaliser(self.nom), self.source, self.id)


async def lieux_du_departement(session: AsyncSession, departement: str) -> list[LieuReseau]:
    """Every place the directory lists for ``departement``, by name."""
    en_poste = (
        sa.select(MediateurEnActivite.structure_id, sa.func.count().label("mediateurs"))
        .join(Mediateur, Mediateur.id == MediateurEnActivite.mediateur_id)
        .join(User, User.id == Mediateur.user_id)
        .where(MediateurEnActivite.fin.is_(None), MediateurEnActivite.suppression.is_(None), User.suppression.is_(None))
        .group_by(MediateurEnActivite.structure_id)
        .subquery()
    )
    structures = (
        await session.execute(
            sa.select(Structure, en_poste.c.mediateurs)
            .join(en_poste, en_poste.c.structure_id == Structure.id)
            .where(Structure.suppression.is_(None), condition_departement(departement))
        )
    ).all()
    lieux = [
        LieuReseau(
            source="hub", id=s.id, nom=s.nom, adresse=s.adresse, code_postal=s.code_postal, commune=s.commune,
            telephone=s.telephone, site_web=s.site_web, mediateurs=nombre,
            sur_la_carte=s.structure_cartographie_nationale_id is not None, source_nationale=None,
            recherche=s.recherche,
        )
        for s, nombre in structures
    ]
    deja = {s.structure_cartographie_nationale_id for s, _ in structures if s.structure_cartographie_nationale_id}
    nationaux = await session.scalars(
        sa.select(LieuNational)
        .where(LieuNational.code_departement == departement, LieuNational.supprime_le.is_(None))
        .order_by(LieuNational.instance_id)
    )
    for n in nationaux:
        if n.id in deja:
            continue
        deja.add(n.id)
        lieux.append(
            LieuReseau(
                source="national", id=n.id, nom=n.nom, adresse=n.adresse, code_postal=n.code_postal,
                commune=n.commune, telephone=n.telephone, site_web=n.site_web, mediateurs=0, sur_la_carte=True,
                source_nationale=n.source, recherche=n.recherche,
            )
        )
    return sorted(lieux, key=lambda lieu: lieu.tri)


def communes(lieux: list[LieuReseau]) -> list[tuple[str, int]]:
    """The communes of ``lieux`` and how many lieux each has, by name (one entry per folded name:
    « Châlons » and « CHALONS » are one commune)."""
    compte: Counter[str] = Counter()
    noms: dict[str, str] = {}
    for lieu in lieux:
        if lieu.commune:
            cle = normaliser(lieu.commune)
            noms.setdefault(cle, lieu.commune)
            compte[cle] += 1
    return sorted(((noms[cle], nombre) for cle, nombre in compte.items()), key=lambda item: normaliser(item[0]))


def filtrer_lieux(
    lieux: list[LieuReseau], *, q: str = "", source: SourceLieu | None = None, commune: str | None = None
) -> list[LieuReseau]:
    """The lieux with every word of ``q`` in their folded name, commune, postcode or SIRET
    (accents and case ignored), of that ``source`` and in that ``commune`` (compared folded);
    ``None``: whichever."""
    cherches = mots(q)
    commune_cherchee = normaliser(commune) if commune else None
    return [
        lieu
        for lieu in lieux
        if all(mot in lieu.recherche for mot in cherches)
        and (source is None or lieu.source == source)
        and (commune_cherchee is None or normaliser(lieu.commune or "") == commune_cherchee)
    ]
