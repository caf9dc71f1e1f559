"""Importing followed bénéficiaires: the analysis reports faulty rows and possible duplicates
(with the bénéficiaires already followed, and between rows) and writes nothing; the import
writes the valid rows at once, dated by ``date_import``, and moves the mediator's counter."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from hub.core.audit.models import Mutation
from hub.core.beneficiaires.models import Beneficiaire
from hub.core.hub import Hub
from hub.core.identity.models import Mediateur
from hub.core.imports.beneficiaires.colonnes import COLONNES
from hub.core.imports.beneficiaires.service import analyser_beneficiaires, importer_beneficiaires
from hub.core.imports.modele import modele_xlsx
from hub.core.imports.rapport import ErreurLigne
from tests.core.activites.support import beneficiaire, mediateur_en_poste
from tests.core.imports.fichiers import Format, ecrire

LIGNES = [
    {"Nom": "Martin", "Prénom": "Camille", "Année de naissance": "1958", "Téléphone": "06 12 34 56 78",
     "Commune": "Reims", "Code postal": "51100", "Code INSEE": "51454", "Genre": "Féminin"},
    {"Nom": "Durand", "Prénom": "", "E-mail": "pas-une-adresse"},
    {"Nom": "Petit", "Prénom": "Léa", "Année de naissance": "2999", "Commune": "Reims"},
    {"Nom": "Bernard", "Prénom": "Alix", "E-mail": "alix@exemple.fr", "Statut social": "Retraité"},
    {"Nom": "bernard", "Prénom": "ALIX", "Téléphone": "0612345679"},
    {"Nom": "Roux", "Prénom": "Bao", "Téléphone": "07 00 00 00 01", "Tranche d'âge": "70 ans et plus"},
]


@pytest.mark.parametrize("format", ["csv", "xlsx"])
async def test_the_analysis_reports_faults_and_duplicates_and_writes_nothing(
    hub: Hub, tmp_path: Path, format: Format
) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await beneficiaire(hub, qui, "Bao", "Roux", telephone="0700000001")

    async with hub.session() as session:
        analyse = await analyser_beneficiaires(session, qui.id, ecrire(tmp_path, LIGNES, format))

    assert (analyse.lignes, analyse.valides, analyse.importes) == (6, 4, 0)
    assert analyse.erreurs == [
        ErreurLigne(3, "Prénom", "Ce champ est obligatoire."),
        ErreurLigne(3, "E-mail", "Adresse e-mail invalide (exemple : prenom.nom@exemple.fr)."),
        ErreurLigne(4, "Année de naissance", f"Année de naissance invalide (entre 1900 et {_annee()})."),
        ErreurLigne(4, "Code postal", "Renseignez la commune en entier : nom, code postal et code INSEE."),
        ErreurLigne(4, "Code INSEE", "Renseignez la commune en entier : nom, code postal et code INSEE."),
    ]
    assert [(d.ligne, d.champs, d.autre_ligne, d.existant and d.existant.prenom) for d in analyse.doublons] == [
        (6, ("nom", "prenom"), 5, None),
        (7, ("nom", "prenom", "telephone"), None, "Bao"),
    ]
    async with hub.session() as session:
        assert await session.scalar(sa.select(sa.func.count()).select_from(Beneficiaire)) == 1


async def test_the_import_writes_the_valid_rows_or_leaves_the_duplicates_out(hub: Hub, tmp_path: Path) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")
    await beneficiaire(hub, qui, "Bao", "Roux", telephone="0700000001")
    chemin = ecrire(tmp_path, LIGNES)

    async with hub.session() as session, session.begin():
        sans_doublons = await importer_beneficiaires(session, qui.id, chemin, par=qui.user_id, sans_doublons=True)
    async with hub.session() as session, session.begin():
        tous = await importer_beneficiaires(session, qui.id, chemin, par=qui.user_id)

    assert (sans_doublons.importes, tous.importes) == (2, 4)
    async with hub.session() as session:
        importes = (
            await session.scalars(
                sa.select(Beneficiaire).where(Beneficiaire.date_import.is_not(None)).order_by(Beneficiaire.creation)
            )
        ).all()
        mediateur = await session.get(Mediateur, qui.id)
        journal = (
            await session.scalars(
                sa.select(Mutation.donnees).where(Mutation.nom == "importer_beneficiaires").order_by(Mutation.creation)
            )
        ).all()
    assert [(b.prenom, b.nom) for b in importes[:2]] == [("Camille", "Martin"), ("Alix", "Bernard")]
    camille = importes[0]
    assert (camille.telephone, camille.tranche_age, camille.genre, camille.commune_code_insee) == (
        "+33612345678",
        "soixante_soixante_neuf",
        "feminin",
        "51454",
    )
    assert mediateur is not None and mediateur.beneficiaires_count == 1 + 2 + 4
    assert mediateur.derniere_creation_beneficiaire is not None
    assert journal[0] == {
        "mediateur_id": qui.id,
        "lignes": 6,
        "importes": 2,
        "lignes_en_erreur": 2,
        "doublons_ecartes": 2,
    }


async def test_nothing_is_written_when_no_row_is_valid(hub: Hub, tmp_path: Path) -> None:
    qui = await mediateur_en_poste(hub, "camille@exemple.fr")

    async with hub.session() as session, session.begin():
        analyse = await importer_beneficiaires(session, qui.id, ecrire(tmp_path, [LIGNES[1]]), par=None)

    assert (analyse.importes, analyse.importe, analyse.lignes_en_erreur) == (0, False, 1)
    async with hub.session() as session:
        assert await session.scalar(sa.select(sa.func.count()).where(Mutation.nom == "importer_beneficiaires")) == 0


def test_the_template_holds_the_documented_headers_and_what_they_take() -> None:
    classeur = load_workbook(BytesIO(modele_xlsx(COLONNES, feuille="Bénéficiaires")))

    donnees, aide = classeur["Bénéficiaires"], classeur["Colonnes"]
    entetes = [cellule.value for cellule in donnees[1]]
    assert entetes[:10] == ["Nom", "Prénom", "Année de naissance", "Tranche d'âge", "Adresse", "Commune",
                            "Code postal", "Code INSEE", "Téléphone", "Pas de téléphone"]
    assert entetes[10:] == ["E-mail", "Genre", "Statut social", "Notes"]
    assert [cellule.value for cellule in donnees[2]][:2] == ["Martin", "Camille"]
    genre = next(ligne for ligne in aide.iter_rows(values_only=True) if ligne[0] == "Genre")
    assert genre[3] == "Masculin\nFéminin\nNon communiqué"


def _annee() -> int:
    from hub.core.activites.dates import aujourd_hui

    return aujourd_hui().year
