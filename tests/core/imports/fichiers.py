"""Spreadsheets for the import tests: rows (by header) written as CSV or XLSX files, and the
activity rows the tests start from."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from openpyxl import Workbook

Format = Literal["csv", "xlsx"]

INDIVIDUELLE: dict[str, Any] = {
    "Type": "Accompagnement individuel",
    "Date": "12/03/2025",
    "Durée (min)": "45",
    "Canal": "À domicile",
    "Commune": "Reims",
    "Code postal": "51100",
    "Code INSEE": "51454",
    "Thématiques": "E-mail, Santé",
    "Matériel": "Ordinateur",
    "Genre": "Féminin",
    "Tranche d'âge": "60 - 69 ans",
    "Statut social": "Retraité",
}
COLLECTIVE: dict[str, Any] = {
    "Type": "Atelier collectif",
    "Date": "2025-03-14",
    "Durée (min)": "90",
    "Canal": "À distance",
    "Thématiques": "Bureautique",
    "Titre de l'atelier": "Premiers pas",
    "Niveau de l'atelier": "Débutant",
    "Participants anonymes": "4",
    "Anonymes déjà accompagnés": "1",
    "Anonymes – genre : Féminin": "2",
    "Anonymes – âge : 25 - 39 ans": "3",
}


def ecrire(dossier: Path, lignes: Sequence[Mapping[str, Any]], format: Format = "csv", *, nom: str = "import") -> Path:
    """The file holding ``lignes`` under the union of their headers (in order of appearance)."""
    entetes = list(dict.fromkeys(entete for ligne in lignes for entete in ligne))
    chemin = dossier / f"{nom}.{format}"
    valeurs = [[ligne.get(entete, "") for entete in entetes] for ligne in lignes]
    if format == "csv":
        with chemin.open("w", encoding="utf-8-sig", newline="") as fichier:
            ecrivain = csv.writer(fichier, delimiter=";")
            ecrivain.writerow(entetes)
            ecrivain.writerows(valeurs)
    else:
        classeur = Workbook(write_only=True)
        feuille = classeur.create_sheet("Activités")
        feuille.append(entetes)
        for ligne in valeurs:
            feuille.append([None if valeur == "" else valeur for valeur in ligne])
        classeur.save(chemin)
    return chemin
