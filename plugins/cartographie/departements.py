"""Départements: their codes and names, and which one a place belongs to.

A place's département is read from its code INSEE (``51454`` → ``51``, ``2A004`` → ``2A``,
``97411`` → ``974``), else from its postcode — except in Corsica, where a postcode (``20000``)
does not say ``2A`` or ``2B``. :func:`departement_du_lieu` (Python) and
:func:`condition_departement` (SQL, on :class:`~hub.core.structures.models.Structure`) apply the
same rule, so a structure is in the list of a département exactly when its département is that one.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.identity import Principal
from hub.core.structures.lieux import structures_de_la_personne
from hub.core.structures.models import Structure

NOMS: dict[str, str] = {
    "01": "Ain", "02": "Aisne", "03": "Allier", "04": "Alpes-de-Haute-Provence", "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes", "07": "Ardèche", "08": "Ardennes", "09": "Ariège", "10": "Aube", "11": "Aude",
    "12": "Aveyron", "13": "Bouches-du-Rhône", "14": "Calvados", "15": "Cantal", "16": "Charente",
    "17": "Charente-Maritime", "18": "Cher", "19": "Corrèze", "2A": "Corse-du-Sud", "2B": "Haute-Corse",
    "21": "Côte-d'Or", "22": "Côtes-d'Armor", "23": "Creuse", "24": "Dordogne", "25": "Doubs", "26": "Drôme",
    "27": "Eure", "28": "Eure-et-Loir", "29": "Finistère", "30": "Gard", "31": "Haute-Garonne", "32": "Gers",
    "33": "Gironde", "34": "Hérault", "35": "Ille-et-Vilaine", "36": "Indre", "37": "Indre-et-Loire", "38": "Isère",
    "39": "Jura", "40": "Landes", "41": "Loir-et-Cher", "42": "Loire", "43": "Haute-Loire", "44": "Loire-Atlantique",
    "45": "Loiret", "46": "Lot", "47": "Lot-et-Garonne", "48": "Lozère", "49": "Maine-et-Loire", "50": "Manche",
    "51": "Marne", "52": "Haute-Marne", "53": "Mayenne", "54": "Meurthe-et-Moselle", "55": "Meuse",
    "56": "Morbihan", "57": "Moselle", "58": "Nièvre", "59": "Nord", "60": "Oise", "61": "Orne",
    "62": "Pas-de-Calais", "63": "Puy-de-Dôme", "64": "Pyrénées-Atlantiques", "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales", "67": "Bas-Rhin", "68": "Haut-Rhin", "69": "Rhône", "70": "Haute-Saône",
    "71": "Saône-et-Loire", "72": "Sarthe", "73": "Savoie", "74": "Haute-Savoie", "75": "Paris",
    "76": "Seine-Maritime", "77": "Seine-et-Marne", "78": "Yvelines", "79": "Deux-Sèvres", "80": "Somme",
    "81": "Tarn", "82": "Tarn-et-Garonne", "83": "Var", "84": "Vaucluse", "85": "Vendée", "86": "Vienne",
    "87": "Haute-Vienne", "88": "Vosges", "89": "Yonne", "90": "Territoire de Belfort", "91": "Essonne",
    "92": "Hauts-de-Seine", "93": "Seine-Saint-Denis", "94": "Val-de-Marne", "95": "Val-d'Oise",
    "971": "Guadeloupe", "972": "Martinique", "973": "Guyane", "974": "La Réunion", "975": "Saint-Pierre-et-Miquelon",
    "976": "Mayotte", "977": "Saint-Barthélemy", "978": "Saint-Martin", "986": "Wallis-et-Futuna",
    "987": "Polynésie française", "988": "Nouvelle-Calédonie",
}
"""Every département and overseas collectivity, by code, in the order of their codes."""


def libelle(code: str) -> str:
    """« 51 — Marne »."""
    return f"{code} — {NOMS[code]}"


def departement_du_lieu(code_insee: str | None, code_postal: str | None) -> str | None:
    """The département of a place from its code INSEE, else its postcode: ``"51"``, ``"2A"``,
    ``"974"``; ``None`` when neither says it (no code, a malformed one, a Corsican postcode alone)."""
    code = code_insee or code_postal or ""
    if len(code) != 5:
        return None
    if code.startswith(("97", "98")):
        return code[:3]
    if code.startswith("20") and not code_insee:
        return None
    return code[:2]


def condition_departement(code: str) -> sa.ColumnElement[bool]:
    """The SQL condition « this structure is in département ``code`` », the rule of
    :func:`departement_du_lieu`."""
    par_insee = Structure.code_insee.startswith(code, autoescape=True)
    if code in ("2A", "2B"):
        return par_insee
    par_code_postal = sa.and_(Structure.code_insee.is_(None), Structure.code_postal.startswith(code, autoescape=True))
    return sa.or_(par_insee, par_code_postal)


async def departement_de_la_personne(session: AsyncSession, principal: Principal) -> str | None:
    """The département « Mon réseau » opens on: that of the person's employer now, else of
    their first lieu d'activité (by name) that says one; ``None`` when neither does."""
    candidats = await structures_de_la_personne(session, principal.id, principal.mediateur_id)
    for structure in candidats:
        code = departement_du_lieu(structure.code_insee, structure.code_postal)
        if code in NOMS:
            return code
    return None
