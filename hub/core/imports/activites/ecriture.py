"""Writing the valid activities of a file: batches of rows, then the counters moved once.

Each batch goes into its tables with set-based inserts (:func:`~hub.core.imports.insertion.inserer`:
COPY on PostgreSQL) — activities, anonymous bénéficiaires, accompagnements, tags, in the order
of their foreign keys. At the end, what :func:`~hub.core.activites.service.creer_activite`
moves at each activity is moved once for all (:class:`Bilan`): the mediator's counters and
« dernière création », each lieu's activities, each followed bénéficiaire's accompagnements and
« premier accompagnement ».
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.compteurs import (
    LOT,
    ajuster_beneficiaires,
    ajuster_mediateur,
    ajuster_structure,
    noter_creation,
)
from hub.core.activites.models import Accompagnement, Activite
from hub.core.activites.preparation import CraPrepare
from hub.core.activites.premiers import recalculer_premiers
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.db.upsert import chunked
from hub.core.identity.models import Mediateur
from hub.core.imports.activites.lots import Lot
from hub.core.imports.insertion import inserer
from hub.core.tags.models import activites_tags


@dataclass(slots=True)
class Bilan:
    """What the valid activities of a file add up to."""

    activites: int = 0
    accompagnements: int = 0
    anonymes: int = 0
    par_lieu: Counter[str] = field(default_factory=Counter)
    par_suivi: Counter[str] = field(default_factory=Counter)

    def compter(self, prepare: CraPrepare, anonymes: int) -> None:
        """Count one activity and its ``anonymes`` new anonymous bénéficiaires."""
        self.activites += 1
        self.accompagnements += len(prepare.suivis) + anonymes
        self.anonymes += anonymes
        if lieu := prepare.colonnes["structure_id"]:
            self.par_lieu[lieu] += 1
        self.par_suivi.update(prepare.suivis)


async def ecrire_lot(session: AsyncSession, lot: Lot) -> None:
    """Insert the rows of a batch."""
    await inserer(session, Activite.__table__, lot.activites)
    await inserer(session, Beneficiaire.__table__, lot.beneficiaires)
    await inserer(session, Accompagnement.__table__, lot.accompagnements)
    await inserer(session, activites_tags, lot.tags)


async def terminer(session: AsyncSession, mediateur_id: str, bilan: Bilan) -> None:
    """Move the counters and « premiers accompagnements » for all the activities written."""
    await ajuster_mediateur(
        session,
        mediateur_id,
        activites=bilan.activites,
        accompagnements=bilan.accompagnements,
        beneficiaires=bilan.anonymes,
    )
    for lieu, nombre in bilan.par_lieu.items():
        await ajuster_structure(session, lieu, nombre)
    await noter_creation(session, Mediateur, mediateur_id, "derniere_creation_activite")
    await ajuster_beneficiaires(session, bilan.par_suivi)
    for suivis in chunked(list(bilan.par_suivi), LOT):
        await recalculer_premiers(session, suivis)
