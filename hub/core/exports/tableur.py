"""The two formats of an export, written row by row to a binary output.

- ``xlsx``: one sheet, written by xlsxwriter in ``constant_memory`` mode (each row goes to disk
  as soon as it is written; memory stays flat however many rows); days and instants as Excel
  dates (instants at Paris time); the metadata header above the column headers.
- ``csv``: UTF-8 with BOM (Excel reads the accents) and ``;`` (Excel's separator in France);
  the column headers on the first row, no metadata header, so that any tool reads it as a
  table; days as ``JJ/MM/AAAA``, instants as ``JJ/MM/AAAA HH:MM`` at Paris time.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from typing import BinaryIO, Literal, Protocol

import xlsxwriter

from hub.core.activites.dates import PARIS
from hub.core.exports.entete import Entete

Format = Literal["xlsx", "csv"]
FORMATS: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
Valeur = str | int | float | date | datetime | None
LARGEUR = 18
EPOQUE_EXCEL = datetime(1899, 12, 30)


class Tableur(Protocol):
    """A sheet being written: the header, the column headers, then the rows, in that order."""

    def entete(self, entete: Entete) -> None: ...

    def colonnes(self, libelles: Sequence[str]) -> None: ...

    def ligne(self, valeurs: Sequence[Valeur]) -> None: ...


@contextmanager
def ouvrir_tableur(sortie: BinaryIO, format: Format, *, feuille: str) -> Iterator[Tableur]:
    """A sheet written to ``sortie`` (complete once the block ends; ``sortie`` stays open)."""
    tableur: _Xlsx | _Csv = _Xlsx(sortie, feuille) if format == "xlsx" else _Csv(sortie)
    try:
        yield tableur
    finally:
        tableur.fermer()


def _heure_de_paris(instant: datetime) -> datetime:
    """A UTC instant as the (naive) time in Paris."""
    return instant.astimezone(PARIS).replace(tzinfo=None)


class _Xlsx:
    def __init__(self, sortie: BinaryIO, feuille: str) -> None:
        self._classeur = xlsxwriter.Workbook(sortie, {"constant_memory": True})
        self._feuille = self._classeur.add_worksheet(feuille)
        self._gras = self._classeur.add_format({"bold": True})
        self._jour = self._classeur.add_format({"num_format": "dd/mm/yyyy"})
        self._instant = self._classeur.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self._rang = 0
        self._entetes: int | None = None
        self._largeur = 0

    def entete(self, entete: Entete) -> None:
        self._feuille.write(self._rang, 0, entete.titre, self._classeur.add_format({"bold": True, "font_size": 14}))
        self._rang += 1
        for libelle, valeur in entete.lignes:
            self._feuille.write_row(self._rang, 0, [libelle, valeur])
            self._rang += 1
        self._rang += 1

    def colonnes(self, libelles: Sequence[str]) -> None:
        self._feuille.set_column(0, len(libelles) - 1, LARGEUR)
        self._feuille.write_row(self._rang, 0, list(libelles), self._gras)
        self._feuille.freeze_panes(self._rang + 1, 0)
        self._entetes, self._largeur = self._rang, len(libelles)
        self._rang += 1

    def ligne(self, valeurs: Sequence[Valeur]) -> None:
        feuille, rang = self._feuille, self._rang
        for colonne, valeur in enumerate(valeurs):
            if isinstance(valeur, str):
                if valeur:
                    feuille.write_string(rang, colonne, valeur)
            elif isinstance(valeur, datetime):
                feuille.write_number(rang, colonne, _serie_excel(_heure_de_paris(valeur)), self._instant)
            elif isinstance(valeur, date):
                feuille.write_number(rang, colonne, _serie_excel(datetime.combine(valeur, time.min)), self._jour)
            elif valeur is not None:
                feuille.write_number(rang, colonne, valeur)
        self._rang += 1

    def fermer(self) -> None:
        if self._entetes is not None:
            self._feuille.autofilter(self._entetes, 0, max(self._entetes, self._rang - 1), self._largeur - 1)
        self._classeur.close()


class _Csv:
    def __init__(self, sortie: BinaryIO) -> None:
        self._texte = io.TextIOWrapper(sortie, encoding="utf-8-sig", newline="")
        self._ecrivain = csv.writer(self._texte, delimiter=";")

    def entete(self, entete: Entete) -> None:
        """A CSV file holds the table alone."""

    def colonnes(self, libelles: Sequence[str]) -> None:
        self._ecrivain.writerow(libelles)

    def ligne(self, valeurs: Sequence[Valeur]) -> None:
        self._ecrivain.writerow([_texte(valeur) for valeur in valeurs])

    def fermer(self) -> None:
        self._texte.flush()
        self._texte.detach()


def _serie_excel(instant: datetime) -> float:
    """A (naive) instant as Excel counts it: days since 30/12/1899, the time as a fraction (what
    xlsxwriter's ``write_datetime`` computes, several times slower)."""
    ecart = instant - EPOQUE_EXCEL
    return ecart.days + (ecart.seconds + ecart.microseconds / 1_000_000) / 86_400


def _texte(valeur: Valeur) -> str | int | float:
    if isinstance(valeur, datetime):
        return _heure_de_paris(valeur).strftime("%d/%m/%Y %H:%M")
    if isinstance(valeur, date):
        return valeur.strftime("%d/%m/%Y")
    return "" if valeur is None else valeur
