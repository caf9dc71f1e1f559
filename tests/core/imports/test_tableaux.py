"""Reading spreadsheets: CSV (separators, BOM, Windows-1252) and XLSX (typed cells), rows
numbered as the spreadsheet shows them; headers matched to the documented columns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from hub.core.errors import ValidationError
from hub.core.imports.activites.colonnes import COLONNES
from hub.core.imports.colonnes import associer_entetes, cellules_par_cle
from hub.core.imports.tableaux import ouvrir_tableau


def lire(chemin: Path) -> tuple[list[str], list[tuple[int, tuple[object, ...]]]]:
    with ouvrir_tableau(chemin) as tableau:
        return tableau.entetes, [(ligne.numero, ligne.cellules) for ligne in tableau.lignes()]


@pytest.mark.parametrize("separateur", [";", ",", "\t"])
def test_a_csv_file_is_read_with_the_separator_of_its_header_line(tmp_path: Path, separateur: str) -> None:
    chemin = tmp_path / "a.csv"
    chemin.write_text(f"Nom{separateur}Prénom\nMartin{separateur}Camille\n\n{separateur}\nDurand{separateur}Alix\n")

    assert lire(chemin) == (["Nom", "Prénom"], [(2, ("Martin", "Camille")), (5, ("Durand", "Alix"))])


def test_csv_in_utf8_with_bom_and_in_windows_1252_keep_their_accents(tmp_path: Path) -> None:
    utf8, windows = tmp_path / "utf8.csv", tmp_path / "windows.csv"
    utf8.write_bytes("\ufeffPrénom;Commune\nHélène;Épernay\n".encode())
    windows.write_bytes("Prénom;Commune\nHélène;Épernay\n".encode("cp1252"))

    assert lire(utf8) == lire(windows) == (["Prénom", "Commune"], [(2, ("Hélène", "Épernay"))])


def test_a_cell_on_several_lines_stays_one_row(tmp_path: Path) -> None:
    chemin = tmp_path / "a.csv"
    chemin.write_text('Notes;Nom\n"Première ligne\nseconde ligne";Martin\n;Durand\n')

    assert lire(chemin)[1] == [(2, ("Première ligne\nseconde ligne", "Martin")), (3, ("", "Durand"))]


def test_xlsx_cells_keep_their_types_and_blank_rows_their_numbers(tmp_path: Path) -> None:
    classeur = Workbook()
    feuille = classeur.active
    feuille.append(["Date", "Durée (min)", "Code postal"])
    feuille.append([datetime(2025, 3, 12), 45, 1000])
    feuille.append([])
    feuille.append(["13/03/2025", "60", "51100"])
    classeur.save(tmp_path / "a.xlsx")

    entetes, lignes = lire(tmp_path / "a.xlsx")
    positions = associer_entetes(entetes, [c for c in COLONNES if c.cle in ("date", "duree", "lieu_code_postal")])

    assert [(numero, cellules_par_cle(cellules, positions)) for numero, cellules in lignes] == [
        (2, {"date": "2025-03-12", "duree": 45, "lieu_code_postal": "01000"}),
        (4, {"date": "2025-03-13", "duree": 60, "lieu_code_postal": "51100"}),
    ]


@pytest.mark.parametrize(
    ("contenu", "message"),
    [
        (b"", "Le fichier est vide : la première ligne doit porter les noms des colonnes."),
        (b"PK\x03\x04 pas un classeur", "Ce fichier n'est pas un classeur Excel (.xlsx) lisible."),
    ],
)
def test_an_unreadable_file_is_refused_on_the_file_field(tmp_path: Path, contenu: bytes, message: str) -> None:
    chemin = tmp_path / ("vide.csv" if not contenu else "faux.xlsx")
    chemin.write_bytes(contenu)

    with pytest.raises(ValidationError) as refus:
        lire(chemin)
    assert refus.value.errors == {"fichier": message}


def test_only_csv_and_xlsx_files_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.ods").write_bytes(b"")
    with pytest.raises(ValidationError, match="déposez un fichier .csv ou .xlsx"):
        lire(tmp_path / "a.ods")


def test_headers_are_matched_by_label_or_key_without_accents_nor_case() -> None:
    entetes = ["TYPE", "date", "duree", "canal", "thematiques", "Code postal du beneficiaire", ""]
    positions = associer_entetes(entetes, COLONNES)

    assert [colonne.cle for colonne in positions.values()] == [
        "type",
        "date",
        "duree",
        "type_lieu",
        "thematiques",
        "beneficiaire.commune_code_postal",
    ]


@pytest.mark.parametrize(
    ("entetes", "message"),
    [
        (["Type", "Date", "Durée (min)", "Canal", "Thématiques", "Couleur"], "Colonne inconnue : « Couleur »."),
        (["Type", "Date", "Date", "Canal", "Thématiques"], "La colonne « Date » figure deux fois."),
        (["Type", "Date"], "Colonnes obligatoires absentes : « Durée (min) », « Canal », « Thématiques »."),
    ],
)
def test_headers_that_do_not_match_the_columns_refuse_the_file(entetes: list[str], message: str) -> None:
    with pytest.raises(ValidationError) as refus:
        associer_entetes(entetes, COLONNES)
    assert refus.value.errors == {"fichier": message}


def test_a_csv_row_that_cannot_be_read_refuses_the_file_with_its_number(tmp_path: Path) -> None:
    chemin = tmp_path / "a.csv"
    chemin.write_text("Nom;Notes\nMartin;courte\nDurand;" + "x" * 200_000 + "\n")

    with pytest.raises(ValidationError) as refus:
        lire(chemin)
    assert refus.value.errors == {
        "fichier": "Le fichier CSV ne peut pas être lu à la ligne 3 (guillemet non fermé, cellule trop longue…)."
    }
