"""The filters of an activity list as its page shows them (La Coop's §3.2): a form (``GET``) whose
values :func:`~hub.core.activites.filtres.lire_filtres` reads, and each active filter as a tag
whose link is the list without it.

A list's URL keeps its filters in a canonical form (:func:`parametres`: a list comma-separated),
which the pager and the tags build upon.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import msgspec

from hub.core.activites.enums import SOURCES, TYPES_ACTIVITE
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.thematiques import DEMARCHES_ADMINISTRATIVES, LABELS, MEDIATION_NUMERIQUE
from hub.core.web.dates import date_fr
from hub.core.web.organisation.formulaires import Champ, Formulaire, Option, options

NOMS = FiltresActivites.__struct_fields__
TITRES = {
    "types": "Type",
    "mediateurs": "Médiateur",
    "beneficiaires": "Bénéficiaire",
    "communes": "Commune",
    "departements": "Département",
    "lieux": "Lieu",
    "thematiques_non_administratives": "Thématique",
    "thematiques_administratives": "Démarche",
    "tags": "Tag",
    "structures_employeuses": "Structure employeuse",
    "source": "Source",
}
BORNES = {"du": "Depuis le", "au": "Jusqu'au"}
OUI_NON = {
    "conseiller_numerique": ("Conseillers numériques", "Hors conseillers numériques"),
    "demarches_administratives": ("Avec aide aux démarches administratives", "Sans aide aux démarches administratives"),
    "rdv": ("Issues d'un rendez-vous", "Hors rendez-vous"),
}
LIBELLES_CONNUS = {**TYPES_ACTIVITE, **LABELS, **SOURCES}

DU = Champ("du", "Du", type="date")
AU = Champ("au", "Au (inclus)", type="date")
TYPES = Champ("types", "Type d'activité", genre="cases", choix=options(TYPES_ACTIVITE), en_ligne=True)
LIEUX = Champ("lieux", "Lieux d'activité", genre="cases")
COMMUNES = Champ("communes", "Communes", genre="cases")
THEMATIQUES = Champ(
    "thematiques_non_administratives", "Médiation numérique", genre="cases", choix=options(MEDIATION_NUMERIQUE)
)
DEMARCHES = Champ(
    "thematiques_administratives", "Démarches administratives", genre="cases", choix=options(DEMARCHES_ADMINISTRATIVES)
)
TAGS = Champ("tags", "Tags", genre="cases")
BENEFICIAIRES = Champ("beneficiaires", "Bénéficiaire", genre="liste")
MEDIATEURS = Champ("mediateurs", "Médiateur", genre="liste")
UNIQUES = ("beneficiaires", "mediateurs")  # lists chosen one value at a time (a drop-down list)
CASES = {nom for nom in NOMS if isinstance(getattr(FiltresActivites(), nom), list)} - set(UNIQUES)


@dataclass(frozen=True, slots=True)
class FiltreActif:
    """An active filter: what it keeps, and the list without it."""

    libelle: str
    sans: str


def parametres_bruts(query: Any) -> dict[str, list[str]]:
    """The filters among a request's query parameters (a multi-dict), as sent."""
    return {nom: query.getall(nom) for nom in NOMS if nom in query}


def parametres(filtres: FiltresActivites) -> list[tuple[str, str]]:
    """The query parameters that give ``filtres`` back (in a canonical form)."""
    brut = msgspec.to_builtins(filtres)
    paires = []
    for nom in NOMS:
        valeur = brut[nom]
        if isinstance(valeur, list):
            if valeur:
                paires.append((nom, ",".join(valeur)))
        elif isinstance(valeur, bool):
            paires.append((nom, "1" if valeur else "0"))
        elif valeur is not None:
            paires.append((nom, str(valeur)))
    return paires


def adresse_filtree(adresse: str, filtres: FiltresActivites) -> str:
    requete = urlencode(parametres(filtres))
    return f"{adresse}?{requete}" if requete else adresse


def formulaire_filtres(filtres: FiltresActivites) -> Formulaire:
    """The filter form filled with ``filtres``."""
    valeurs = msgspec.to_builtins(filtres)
    return Formulaire({nom: (valeurs[nom] or [None])[0] if nom in UNIQUES else valeurs[nom] for nom in NOMS})


def formulaire_refuse(brut: Mapping[str, list[str]], erreurs: Mapping[str, str]) -> Formulaire:
    """The filter form as sent, with the filters refused."""
    return Formulaire({nom: valeurs if nom in CASES else valeurs[-1] for nom, valeurs in brut.items()}, erreurs)


def filtres_actifs(
    adresse: str, filtres: FiltresActivites, choix: Mapping[str, tuple[Option, ...]]
) -> list[FiltreActif]:
    """Each active filter (each value of a list) with the list's address without it; ``choix``
    names the values offered by the form (a lieu's name for its id)."""
    actifs = []
    for nom in NOMS:
        valeur = getattr(filtres, nom)
        if isinstance(valeur, list):
            connus = {option.valeur: option.libelle for option in choix.get(nom, ())}
            for item in valeur:
                sans = msgspec.structs.replace(filtres, **{nom: [autre for autre in valeur if autre != item]})
                actifs.append(FiltreActif(_libelle(nom, item, connus), adresse_filtree(adresse, sans)))
        elif valeur is not None:
            sans = msgspec.structs.replace(filtres, **{nom: None})
            actifs.append(FiltreActif(_libelle(nom, valeur, {}), adresse_filtree(adresse, sans)))
    return actifs


def _libelle(nom: str, valeur: Any, connus: Mapping[str, str]) -> str:
    if isinstance(valeur, date):
        return f"{BORNES[nom]} {date_fr(valeur)}"
    if isinstance(valeur, bool):
        return OUI_NON[nom][0 if valeur else 1]
    if nom == "departements":
        return f"Département {valeur}"
    lisible = connus.get(valeur) or LIBELLES_CONNUS.get(valeur) or _anonyme(nom, valeur)
    return f"{TITRES[nom]} : {lisible}"


def _anonyme(nom: str, valeur: str) -> str:
    """A value the page cannot name (an id it does not offer): the filter's kind only."""
    return valeur if nom == "communes" else "sélection"
