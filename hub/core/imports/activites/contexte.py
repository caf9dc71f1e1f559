"""What every row of a mediator's file is checked against, read from the database once.

The forms check each CRA against the database (:func:`~hub.core.activites.preparation.preparer_cra`):
the lieu d'activité is one of the mediator's, the tags are tags they see, the followed
bénéficiaires are theirs. A file of many rows is checked against the same facts read once: the
mediator's employer, lieux, visible tags and followed bénéficiaires. Lieux and tags are named
in a file (compared without accents nor case) or given by their id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.preparation import structure_employeuse
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.structures.lieux import lieux_activite
from hub.core.structures.models import Structure
from hub.core.structures.normalisation import normaliser
from hub.core.tags.visibilite import lecteur_du_mediateur, tags_visibles


@dataclass(frozen=True, slots=True)
class ContexteImport:
    """The mediator's facts the rows are checked against. ``lieux`` and ``tags``: the id of each
    one by its id and by its folded name (a name two of them share names neither)."""

    mediateur_id: str
    employeur: Structure
    lieux: dict[str, str]
    tags: dict[str, str]
    suivis: frozenset[str]

    def lieu(self, nom_ou_id: str) -> str | None:
        """The id of the mediator's lieu named (or identified) so; ``None`` when none is."""
        return _trouver(self.lieux, nom_ou_id)

    def tag(self, nom_ou_id: str) -> str | None:
        """The id of the visible tag named (or identified) so; ``None`` when none is."""
        return _trouver(self.tags, nom_ou_id)


async def contexte_import(session: AsyncSession, mediateur_id: str) -> ContexteImport:
    """The facts of the mediator's rows; :class:`~hub.core.errors.Conflict` when they have no
    employer (no CRA can then be recorded)."""
    employeur = await structure_employeuse(session, mediateur_id)
    lieux = [(lieu.structure.id, lieu.structure.nom) for lieu in await lieux_activite(session, mediateur_id)]
    lecteur = await lecteur_du_mediateur(session, mediateur_id)
    tags = [(tag.id, tag.nom) for tag in await tags_visibles(session, lecteur)]
    suivis = await session.scalars(sa.select(Beneficiaire.id).where(*suivis_du_mediateur(mediateur_id)))
    return ContexteImport(
        mediateur_id=mediateur_id,
        employeur=employeur,
        lieux=_references(lieux),
        tags=_references(tags),
        suivis=frozenset(suivis),
    )


def _references(elements: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{id: id, nom replié: id}`` — a name shared by several elements left out."""
    elements = list(elements)
    noms: dict[str, list[str]] = {}
    for identifiant, nom in elements:
        noms.setdefault(normaliser(nom), []).append(identifiant)
    uniques = {nom: ids[0] for nom, ids in noms.items() if len(ids) == 1}
    return uniques | {identifiant: identifiant for identifiant, _ in elements}


def _trouver(references: dict[str, str], nom_ou_id: str) -> str | None:
    return references.get(nom_ou_id) or references.get(normaliser(nom_ou_id))
