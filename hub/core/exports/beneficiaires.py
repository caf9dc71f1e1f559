"""The export of a mediator's followed bénéficiaires (not deleted), by name, with La Coop's
columns: Nom, Prénom, Année de naissance, Commune, Code INSEE, Code postal, Téléphone, E-mail,
Genre, Tranche d'âge (derived from the birth year today), Statut social, Nombre
d'accompagnements, Notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, BinaryIO

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.dates import aujourd_hui
from hub.core.beneficiaires.acces import suivis_du_mediateur
from hub.core.beneficiaires.enums import GENRES, STATUTS_SOCIAUX, TRANCHES_AGE
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.beneficiaires.tranche_age import expression_tranche_age
from hub.core.db.base import utcnow
from hub.core.exports.ecriture import ColonneExport, ecrire_export, flux
from hub.core.exports.entete import entete_export
from hub.core.exports.tableur import Format
from hub.core.identity.principal import Principal

FEUILLE = "Bénéficiaires"
CHAMPS = (
    ("Nom", "nom"),
    ("Prénom", "prenom"),
    ("Année de naissance", "annee_naissance"),
    ("Commune", "commune"),
    ("Code INSEE", "commune_code_insee"),
    ("Code postal", "commune_code_postal"),
    ("Téléphone", "telephone"),
    ("E-mail", "email"),
    ("Genre", "genre"),
    ("Tranche d'âge", "tranche_age"),
    ("Statut social", "statut_social"),
    ("Nombre d'accompagnements", "accompagnements_count"),
    ("Notes", "notes"),
)
LIBELLES: dict[str, Mapping[str, str]] = {
    "genre": GENRES,
    "tranche_age": TRANCHES_AGE,
    "statut_social": STATUTS_SOCIAUX,
}


async def exporter_beneficiaires(
    session: AsyncSession, mediateur_id: str, sortie: BinaryIO, format: Format, *, auteur: Principal
) -> int:
    """Write the export of the mediator's followed bénéficiaires; returns how many it holds."""
    champs: dict[str, sa.ColumnElement[Any]] = {cle: getattr(Beneficiaire, cle) for _, cle in CHAMPS}
    champs["tranche_age"] = expression_tranche_age(
        Beneficiaire.annee_naissance, Beneficiaire.tranche_age, aujourd_hui().year
    )
    requete = (
        sa.select(*(expression.label(cle) for cle, expression in champs.items()))
        .where(*suivis_du_mediateur(mediateur_id))
        .order_by(Beneficiaire.nom, Beneficiaire.prenom, Beneficiaire.id)
    )
    nombre = await session.scalar(sa.select(sa.func.count()).where(*suivis_du_mediateur(mediateur_id)))
    return await ecrire_export(
        sortie,
        format,
        feuille=FEUILLE,
        entete=entete_export(FEUILLE, auteur, utcnow(), [("Bénéficiaires suivis", str(nombre or 0))]),
        colonnes=[_colonne(libelle, cle) for libelle, cle in CHAMPS],
        lignes=flux(session, requete),
    )


def _colonne(libelle: str, cle: str) -> ColonneExport:
    libelles = LIBELLES.get(cle)
    if libelles is None:
        return ColonneExport(libelle, lambda ligne: ligne[cle])
    return ColonneExport(libelle, lambda ligne: libelles.get(ligne[cle], ligne[cle]))
