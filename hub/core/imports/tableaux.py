"""Reading a spreadsheet, CSV or XLSX, row by row without loading it whole.

The first row holds the headers; each following row that is not blank is a :class:`Ligne`
numbered as a spreadsheet shows it (the headers are row 1, the first data row is row 2).
CSV files are UTF-8 (with or without BOM) or, failing that, Windows-1252 (what Excel writes in
France); their separator is ``;``, ``,`` or a tab, whichever the header line uses most. XLSX
files are read from their first sheet, cells as Excel typed them (text, numbers, dates).

A file that cannot be read is refused with :class:`~hub.core.errors.ValidationError` on the
field ``fichier``.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub.core.errors import ValidationError

FORMATS = (".csv", ".xlsx")
FORMAT_INCONNU = "Format de fichier non pris en charge : déposez un fichier .csv ou .xlsx."
XLSX_ILLISIBLE = "Ce fichier n'est pas un classeur Excel (.xlsx) lisible."
FICHIER_VIDE = "Le fichier est vide : la première ligne doit porter les noms des colonnes."
CSV_MAL_FORME = "Le fichier CSV ne peut pas être lu à la ligne {ligne} (guillemet non fermé, cellule trop longue…)."
SEPARATEURS = ";,\t"
_BLOC = 1 << 20


@dataclass(frozen=True, slots=True)
class Ligne:
    """A data row: its ``numero`` in the spreadsheet and its cells, by column position."""

    numero: int
    cellules: tuple[Any, ...]


@dataclass(slots=True)
class Tableau:
    """An open spreadsheet: its ``entetes`` (first row) and its data rows, read once by
    :meth:`lignes`. ``lignes_estimees``: about how many rows follow the headers (for a
    progress bar; a CSV cell on several lines counts as several)."""

    entetes: list[str]
    lignes_estimees: int
    _lignes: Iterator[tuple[Any, ...]]

    def lignes(self) -> Iterator[Ligne]:
        """The data rows that are not blank, in order; :class:`ValidationError` on ``fichier``
        at a CSV row that cannot be read."""
        numero = 1
        try:
            for numero, cellules in enumerate(self._lignes, start=2):
                if any(cellule not in (None, "") and str(cellule).strip() for cellule in cellules):
                    yield Ligne(numero, tuple(cellules))
        except csv.Error:
            raise ValidationError({"fichier": CSV_MAL_FORME.format(ligne=numero + 1)}) from None


@contextmanager
def ouvrir_tableau(chemin: Path) -> Iterator[Tableau]:
    """The spreadsheet at ``chemin``, by its extension (``.csv`` or ``.xlsx``)."""
    suffixe = chemin.suffix.lower()
    if suffixe not in FORMATS:
        raise ValidationError({"fichier": FORMAT_INCONNU})
    lecteur = _ouvrir_csv if suffixe == ".csv" else _ouvrir_xlsx
    with lecteur(chemin) as tableau:
        yield tableau


@contextmanager
def _ouvrir_csv(chemin: Path) -> Iterator[Tableau]:
    encodage = _encodage(chemin)
    with chemin.open(encoding=encodage, newline="") as texte:
        premiere = texte.readline()
        separateur = max(SEPARATEURS, key=premiere.count)
        lignes = csv.reader(itertools.chain([premiere], texte), delimiter=separateur)
        entetes = next(lignes, None)
        if not entetes:
            raise ValidationError({"fichier": FICHIER_VIDE})
        yield Tableau([entete.strip() for entete in entetes], _compter_lignes(chemin) - 1, lignes)


@contextmanager
def _ouvrir_xlsx(chemin: Path) -> Iterator[Tableau]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        classeur = load_workbook(chemin, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ValidationError({"fichier": XLSX_ILLISIBLE}) from None
    try:
        feuille = classeur.worksheets[0]
        lignes = feuille.iter_rows(values_only=True)
        entetes = next(lignes, None)
        if not entetes or all(entete is None for entete in entetes):
            raise ValidationError({"fichier": FICHIER_VIDE})
        estimees = max(0, (feuille.max_row or 1) - 1)
        yield Tableau(["" if entete is None else str(entete).strip() for entete in entetes], estimees, lignes)
    finally:
        classeur.close()


def _encodage(chemin: Path) -> str:
    """``utf-8-sig`` when the whole file decodes as UTF-8, else ``cp1252``."""
    decodeur = codecs.getincrementaldecoder("utf-8")()
    with chemin.open("rb") as brut:
        try:
            while bloc := brut.read(_BLOC):
                decodeur.decode(bloc)
            decodeur.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def _compter_lignes(chemin: Path) -> int:
    with chemin.open("rb") as brut:
        return sum(bloc.count(b"\n") for bloc in iter(lambda: brut.read(_BLOC), b""))
