"""Analysing and importing a mediator's bénéficiaires file (CSV or XLSX, one row each).

:func:`analyser_beneficiaires` reads every row as the bénéficiaire form does (the input's types
and messages, then the rules of :func:`~hub.core.beneficiaires.service.colonnes_beneficiaire`)
and reports the faulty rows and the possible duplicates
(:mod:`~hub.core.imports.beneficiaires.doublons`), writing nothing.
:func:`importer_beneficiaires` analyses again and writes the valid rows — without the possible
duplicates when ``sans_doublons`` — with one set-based insert, in the caller's transaction:
followed bénéficiaires dated by ``date_import``, the mediator's counter and « dernière
création » moved once, the mutation ``importer_beneficiaires`` (counts only, no identity).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.compteurs import ajuster_mediateur, noter_creation
from hub.core.audit.journal import journalise
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.doublons import Identite
from hub.core.beneficiaires.inputs import BeneficiaireInput
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.service import colonnes_beneficiaire
from hub.core.db.base import utcnow
from hub.core.db.columns import new_id
from hub.core.errors import ValidationError
from hub.core.identity.models import Mediateur
from hub.core.imports.beneficiaires.colonnes import COLONNES, colonne_du_champ
from hub.core.imports.beneficiaires.doublons import DoublonLigne, IndexDoublons
from hub.core.imports.colonnes import associer_entetes, cellules_par_cle
from hub.core.imports.insertion import inserer
from hub.core.imports.rapport import ErreurLigne, erreurs_de_ligne, lignes_en_erreur
from hub.core.imports.tableaux import ouvrir_tableau
from hub.core.validation import parse

AUCUNE_LIGNE = "Le fichier ne contient aucun bénéficiaire sous la ligne des en-têtes."


class AnalyseBeneficiaires(msgspec.Struct, frozen=True, kw_only=True):
    """What an analysis or an import found: the ``lignes`` read (blank ones skipped), the
    ``erreurs`` of the faulty ones, the ``doublons`` possible among the valid ones, and how many
    bénéficiaires were ``importes`` (0 for an analysis)."""

    lignes: int
    valides: int
    erreurs: list[ErreurLigne]
    doublons: list[DoublonLigne]
    importes: int = 0

    @property
    def lignes_en_erreur(self) -> int:
        return lignes_en_erreur(self.erreurs)

    @property
    def lignes_en_doublon(self) -> int:
        return len({doublon.ligne for doublon in self.doublons})

    @property
    def importe(self) -> bool:
        return self.importes > 0


async def analyser_beneficiaires(session: AsyncSession, mediateur_id: str, chemin: Path) -> AnalyseBeneficiaires:
    """Every row of the file at ``chemin`` checked for the mediator; nothing written."""
    analyse, _ = await _analyser(session, mediateur_id, chemin)
    return analyse


async def importer_beneficiaires(
    session: AsyncSession, mediateur_id: str, chemin: Path, *, par: str | None, sans_doublons: bool = False
) -> AnalyseBeneficiaires:
    """The valid rows of the file written as the mediator's followed bénéficiaires (see the
    module); nothing when none is left to write (``importes`` is then 0)."""
    analyse, valides = await _analyser(session, mediateur_id, chemin)
    if sans_doublons:
        en_doublon = {doublon.ligne for doublon in analyse.doublons}
        valides = {ligne: colonnes for ligne, colonnes in valides.items() if ligne not in en_doublon}
    if not valides:
        return analyse
    maintenant = utcnow()
    lignes = [
        {
            **colonnes,
            "id": new_id(),
            "mediateur_id": mediateur_id,
            "date_import": maintenant,
            "creation": maintenant,
            "modification": maintenant,
        }
        for colonnes in valides.values()
    ]
    async with journalise(session, user_id=par, nom="importer_beneficiaires") as donnees:
        await inserer(session, Beneficiaire.__table__, lignes)
        await ajuster_mediateur(session, mediateur_id, beneficiaires=len(lignes))
        await noter_creation(session, Mediateur, mediateur_id, "derniere_creation_beneficiaire")
        donnees.update(
            mediateur_id=mediateur_id,
            lignes=analyse.lignes,
            importes=len(lignes),
            lignes_en_erreur=analyse.lignes_en_erreur,
            doublons_ecartes=analyse.valides - len(lignes),
        )
    return msgspec.structs.replace(analyse, importes=len(lignes))


async def _analyser(
    session: AsyncSession, mediateur_id: str, chemin: Path
) -> tuple[AnalyseBeneficiaires, dict[int, dict[str, Any]]]:
    """The analysis, and the columns of each valid row by row number."""
    existants = await session.scalars(sa.select(Beneficiaire).where(*suivis_du_mediateur(mediateur_id)))
    index = IndexDoublons(existants)
    erreurs: list[ErreurLigne] = []
    doublons: list[DoublonLigne] = []
    valides: dict[int, dict[str, Any]] = {}
    lignes = 0
    with ouvrir_tableau(chemin) as tableau:
        positions = associer_entetes(tableau.entetes, COLONNES)
        for ligne in tableau.lignes():
            lignes += 1
            try:
                data = parse(BeneficiaireInput, cellules_par_cle(ligne.cellules, positions))
                valides[ligne.numero] = colonnes_beneficiaire(data)
            except ValidationError as exc:
                erreurs += erreurs_de_ligne(ligne.numero, exc.errors, colonne_du_champ)
                continue
            identite = Identite(nom=data.nom, prenom=data.prenom, telephone=data.telephone, email=data.email)
            doublons += index.chercher_puis_ajouter(ligne.numero, identite)
    if not lignes:
        raise ValidationError({"fichier": AUCUNE_LIGNE})
    analyse = AnalyseBeneficiaires(lignes=lignes, valides=len(valides), erreurs=erreurs, doublons=doublons)
    return analyse, valides
