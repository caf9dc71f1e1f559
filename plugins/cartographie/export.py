"""The hub's published lieux as a CSV file of the national schema of lieux de médiation
numérique (v1.0.2): its columns in its order, comma separated, UTF-8 without BOM, ``.`` as
decimal separator, ``|`` between the values of a list (already joined by the core).

The lieux are those of ``GET /api/v1/lieux-activite``, selected by the core's
:func:`~hub.core.api.lieux_activite.lieux_publies` (structures that opted in with
``visible_pour_cartographie_nationale``, not deleted, where a mediator works now), same values. ``aidants`` is not a column of the schema: the file holds no one's personal data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date
from typing import Any

from litestar import Request

from hub.core.api.lieux_activite import LieuInclusionNumerique, ParametresLieux, lieux_publies
from hub.core.api.parametres import lire_parametres
from hub.core.hub import Hub

COLONNES = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
    "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj",
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
)
"""The schema's fields, in its order (= the CSV's column order)."""


async def lieux_de_la_requete(request: Request[Any, Any, Any], hub: Hub) -> list[LieuInclusionNumerique]:
    """The lieux the core publishes, for the query parameters of ``request`` (``ids``,
    ``filter[dispositif_programmes_nationaux]``, validated as the API does: a wrong one is a
    400 naming it)."""
    return await lieux_publies(hub, lire_parametres(ParametresLieux, request))


def csv_des_lieux(lieux: Iterable[LieuInclusionNumerique]) -> str:
    """The CSV text: a header row of :data:`COLONNES`, then one row per lieu (empty cell when
    a field has no value)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, lineterminator="\r\n")
    ecrivain.writerow(COLONNES)
    for lieu in lieux:
        ecrivain.writerow([_cellule(getattr(lieu, colonne)) for colonne in COLONNES])
    return tampon.getvalue()


def nom_de_fichier(jour: date, producteur: str | None, territoire: str) -> str:
    """The schema's recommended name, ``AAAA-MM-JJ_<SIRET|RNA producteur>_lieux-de-mediation-numerique_<territoire>.csv``
    (without a producer id configured, that part is left out)."""
    parties = [jour.isoformat(), *([producteur] if producteur else []), "lieux-de-mediation-numerique", territoire]
    return "_".join(parties) + ".csv"


def _cellule(valeur: Any) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, date):
        return valeur.isoformat()
    return str(valeur)
