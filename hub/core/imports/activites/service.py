"""Analysing and importing a mediator's activities file (CSV or XLSX, one row per activity).

:func:`analyser_activites` checks every row (:mod:`~hub.core.imports.activites.verification`)
and reports the faulty ones, writing nothing. :func:`importer_activites` checks again (the
database may have changed since the analysis), keeping the rows of the valid activities aside
(:class:`~hub.core.imports.activites.lots.Reserve`); then, only once the whole file is checked:

- a row is faulty and ``garder_valides`` is false (the default), or no row is valid: the file
  is refused whole, nothing written (the result says so: ``importe`` is false);
- else the valid activities are written in batches
  (:mod:`~hub.core.imports.activites.ecriture`), in the caller's transaction, with the
  mutation ``importer_activites`` (counts and ids only).

The result is the one :func:`~hub.core.activites.service.creer_activite` gives for each row
in turn — rows, counters, « premier accompagnement » — but the audit log, which holds one
mutation for the file. Workshop attributions are drawn with ``aleatoire`` when given (one
generator for the whole file, in row order), else with a generator seeded with each
activity's id, as the service does.

A file that cannot be read, or whose headers do not match the columns, is refused with
:class:`~hub.core.errors.ValidationError` on ``fichier``; a mediator without employer with
:class:`~hub.core.errors.Conflict`.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.audit.journal import journalise
from hub.core.db.base import utcnow
from hub.core.db.columns import new_id
from hub.core.errors import ValidationError
from hub.core.imports.activites.colonnes import COLONNES
from hub.core.imports.activites.contexte import ContexteImport, contexte_import
from hub.core.imports.activites.ecriture import Bilan, ecrire_lot, terminer
from hub.core.imports.activites.lots import Lot, Reserve
from hub.core.imports.activites.verification import verifier_ligne
from hub.core.imports.colonnes import Colonne, associer_entetes, cellules_par_cle
from hub.core.imports.rapport import ErreurLigne, lignes_en_erreur
from hub.core.imports.tableaux import Ligne, ouvrir_tableau

TAILLE_LOT = 2_000
AUCUNE_LIGNE = "Le fichier ne contient aucune activité sous la ligne des en-têtes."

Progression = Callable[[str, int, int], None]
"""``progression(etape, fait, total)``: ``"analyse"`` (rows read, of about ``total``) then,
for an import, ``"ecriture"`` (activities written, of ``total``)."""


class BilanImport(msgspec.Struct, frozen=True, kw_only=True):
    """What an analysis or an import found: the ``lignes`` read (blank ones skipped), the
    ``erreurs`` of the faulty ones; the valid ones make ``activites`` with ``accompagnements``.
    ``importe``: the valid activities were written."""

    lignes: int
    activites: int
    accompagnements: int
    erreurs: list[ErreurLigne]
    importe: bool = False

    @property
    def lignes_en_erreur(self) -> int:
        return lignes_en_erreur(self.erreurs)

    @property
    def valides(self) -> int:
        """The valid rows: one activity each."""
        return self.activites


async def analyser_activites(
    session: AsyncSession, mediateur_id: str, chemin: Path, *, progression: Progression | None = None
) -> BilanImport:
    """Every row of the file at ``chemin`` checked for the mediator; nothing written."""
    verification = await _verification(session, mediateur_id, None, None)
    await verification.parcourir(chemin, progression)
    return verification.resultat()


async def importer_activites(
    session: AsyncSession,
    mediateur_id: str,
    chemin: Path,
    *,
    par: str | None,
    garder_valides: bool = False,
    aleatoire: random.Random | None = None,
    progression: Progression | None = None,
) -> BilanImport:
    """The valid activities of the file at ``chemin`` recorded for the mediator, or nothing when
    the file is refused (see the module)."""
    with Reserve() as reserve:
        verification = await _verification(session, mediateur_id, reserve, aleatoire)
        await verification.parcourir(chemin, progression)
        resultat = verification.resultat()
        if resultat.erreurs and (not garder_valides or not resultat.activites):
            return resultat
        async with journalise(session, user_id=par, nom="importer_activites") as donnees:
            ecrites = 0
            for lot in reserve.relire():
                await ecrire_lot(session, lot)
                ecrites += len(lot.activites)
                if progression is not None:
                    progression("ecriture", ecrites, resultat.activites)
            await terminer(session, mediateur_id, verification.bilan)
            donnees.update(
                mediateur_id=mediateur_id,
                lignes=resultat.lignes,
                activites=resultat.activites,
                accompagnements=resultat.accompagnements,
                lignes_en_erreur=resultat.lignes_en_erreur,
                garder_valides=garder_valides,
            )
    return msgspec.structs.replace(resultat, importe=True)


async def _verification(
    session: AsyncSession, mediateur_id: str, reserve: Reserve | None, aleatoire: random.Random | None
) -> _Verification:
    return _Verification(await contexte_import(session, mediateur_id), reserve, aleatoire)


@dataclass(slots=True)
class _Verification:
    """The rows of one file checked batch by batch, the valid ones counted in ``bilan`` and,
    when the file is to be imported, their rows kept in ``reserve``."""

    contexte: ContexteImport
    reserve: Reserve | None
    aleatoire: random.Random | None
    bilan: Bilan = field(default_factory=Bilan)
    erreurs: list[ErreurLigne] = field(default_factory=list)
    lignes: int = 0
    debut: datetime = field(default_factory=utcnow)

    async def parcourir(self, chemin: Path, progression: Progression | None) -> None:
        """Check every row; each batch in a worker thread, so that a server stays responsive."""
        with ouvrir_tableau(chemin) as tableau:
            positions = associer_entetes(tableau.entetes, COLONNES)
            lignes = tableau.lignes()
            while await asyncio.to_thread(self._lot, lignes, positions):
                if progression is not None:
                    progression("analyse", self.lignes, max(self.lignes, tableau.lignes_estimees))
        if not self.lignes:
            raise ValidationError({"fichier": AUCUNE_LIGNE})
        if progression is not None:
            progression("analyse", self.lignes, self.lignes)

    def resultat(self) -> BilanImport:
        return BilanImport(
            lignes=self.lignes,
            activites=self.bilan.activites,
            accompagnements=self.bilan.accompagnements,
            erreurs=self.erreurs,
        )

    def _lot(self, lignes: Iterator[Ligne], positions: dict[int, Colonne]) -> bool:
        """Check the next batch of rows; ``False`` once the file is read. Each activity is
        created a microsecond after the previous one: the rows' order is kept, as when they
        are recorded one after the other."""
        lot = Lot()
        lues = 0
        for ligne in itertools.islice(lignes, TAILLE_LOT):
            lues += 1
            verifiee = verifier_ligne(ligne.numero, cellules_par_cle(ligne.cellules, positions), self.contexte)
            if isinstance(verifiee, list):
                self.erreurs += verifiee
                continue
            anonymes = lot.ajouter(
                verifiee,
                activite_id=new_id(),
                mediateur_id=self.contexte.mediateur_id,
                creation=self.debut + timedelta(microseconds=self.bilan.activites),
                aleatoire=self.aleatoire,
            )
            self.bilan.compter(verifiee, anonymes)
        self.lignes += lues
        if self.reserve is not None and lot.activites:
            self.reserve.garder(lot)
        return lues == TAILLE_LOT
