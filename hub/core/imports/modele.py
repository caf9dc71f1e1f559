"""The template file of an import, generated from its columns: an XLSX workbook whose first
sheet holds the headers and an example row, the second one what each column takes."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

from hub.core.imports.colonnes import Colonne

LARGEUR = 24


def modele_xlsx(colonnes: Sequence[Colonne], *, feuille: str) -> bytes:
    """The template of an import of ``colonnes`` (its data sheet named ``feuille``)."""
    tampon = io.BytesIO()
    classeur = xlsxwriter.Workbook(tampon, {"in_memory": True})
    gras = classeur.add_format({"bold": True})
    replie = classeur.add_format({"text_wrap": True, "valign": "top"})
    donnees = classeur.add_worksheet(feuille)
    donnees.set_column(0, len(colonnes) - 1, LARGEUR)
    donnees.freeze_panes(1, 0)
    donnees.write_row(0, 0, [colonne.libelle for colonne in colonnes], gras)
    donnees.write_row(1, 0, [colonne.exemple for colonne in colonnes])
    aide = classeur.add_worksheet("Colonnes")
    aide.set_column(0, 0, 32)
    aide.set_column(1, 1, 12)
    aide.set_column(2, 3, 60, replie)
    aide.write_row(0, 0, ["Colonne", "Obligatoire", "Contenu", "Valeurs possibles"], gras)
    for rang, colonne in enumerate(colonnes, start=1):
        valeurs = "\n".join(colonne.valeurs)
        aide.write_row(rang, 0, [colonne.libelle, "Oui" if colonne.obligatoire else "Non", colonne.aide, valeurs])
    classeur.close()
    return tampon.getvalue()
