"""What the export pages share: where they live, who may reach them, the filters of the query,
the scope asked for, the format, and a file sent as a download."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.datastructures import FormMultiDict

from hub.core.activites.dates import aujourd_hui
from hub.core.errors import NotFound
from hub.core.exports.tableur import FORMATS, Format
from hub.core.identity import Principal

ADRESSE = "/exports"
ACCES = {"permission": "hub.exports"}
FORMAT_INCONNU = "Format inconnu : xlsx ou csv."
NON_FILTRES = ("csrf_token", "format")


def parametres(source: Request[Any, Any, Any] | FormMultiDict) -> dict[str, list[str]]:
    """The filters (and the scope) of a page's query, or of a form carrying them."""
    valeurs = source.query_params if isinstance(source, Request) else source
    return {cle: valeurs.getall(cle) for cle in valeurs if cle not in NON_FILTRES}


def equipe(principal: Principal, parametres: dict[str, list[str]]) -> bool:
    """The team's activities when asked for (``portee=equipe``), or when the person has none
    of their own (a coordinator only)."""
    return parametres.get("portee", [""])[-1] == "equipe" or principal.mediateur_id is None


def format_demande(valeur: str) -> Format:
    """``xlsx`` or ``csv``; :class:`NotFound` otherwise (the address names the format)."""
    if valeur not in FORMATS:
        raise NotFound(FORMAT_INCONNU)
    return valeur  # type: ignore[return-value]


def nom_de_fichier(nom: str, format: Format) -> str:
    """``activites-2025-03-12.xlsx``: the name of an export made today."""
    return f"{nom}-{aujourd_hui():%Y-%m-%d}.{format}"


def telechargement(contenu: bytes, nom: str, format: Format) -> Response[bytes]:
    """An export written in memory, sent as a file to save."""
    return Response(
        contenu,
        media_type=FORMATS[format],
        headers={"Content-Disposition": f'attachment; filename="{nom_de_fichier(nom, format)}"'},
    )
