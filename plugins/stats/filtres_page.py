"""The filters of the statistics page: those of the activity list (La Coop's §3.2), read and
shown by the core's helpers (:mod:`hub.core.web.activites.filtres_liste`), with one difference:
without ``du`` nor ``au`` in the query, the period is 1 January to today (La Coop's default).

Sending the form with both dates empty asks for every activity, whatever its day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import parse_qsl

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.activites.filtres import FiltresActivites, lire_filtres
from hub.core.activites.portee import Portee
from hub.core.identity import Principal
from hub.core.web.activites import filtres_liste as fl
from hub.core.web.activites import liste
from hub.core.web.organisation.formulaires import Formulaire
from plugins.stats.period import year_to_date
from plugins.stats.portees import EQUIPE, Vue

PERIODE = ("du", "au")


def lire_filtres_page(brut: Mapping[str, list[str]], aujourd_hui: date) -> FiltresActivites:
    """The filters of the query ``brut``, the default period when it names neither bound;
    :class:`ValidationError` names each faulty filter."""
    filtres = lire_filtres(brut)
    if not any(borne in brut for borne in PERIODE):
        du, au = year_to_date(aujourd_hui)
        filtres = msgspec.structs.replace(filtres, du=du, au=au)
    return filtres


@dataclass(frozen=True, slots=True)
class FormulaireFiltres:
    """What the filter form and the active filters' tags show (see ``stats/_filtres.html``)."""

    adresse: str
    champs: dict[str, Any]
    formulaire: Formulaire
    actifs: list[fl.FiltreActif]


async def formulaire_filtres(
    session: AsyncSession,
    principal: Principal,
    vue: Vue,
    portee: Portee,
    brut: Mapping[str, list[str]],
    filtres: FiltresActivites | None,
    erreurs: Mapping[str, str] | None = None,
) -> FormulaireFiltres:
    """The form filled with ``filtres`` and their tags — or, when they were refused (``filtres``
    is ``None``), the form as sent with ``erreurs`` next to their fields."""
    liste_vue = liste.EQUIPE if vue is EQUIPE else liste.MEDIATEUR
    choix = await liste_vue.choix(session, principal, portee)
    champs = liste.champs_filtres(liste_vue, choix)  # the activity list's fields, the same choices
    if filtres is None:
        return FormulaireFiltres(vue.adresse, champs, fl.formulaire_refuse(brut, erreurs or {}), [])
    actifs = [
        fl.FiltreActif(actif.libelle, _periode_explicite(actif.sans)) for actif in fl.filtres_actifs(vue.adresse, filtres, choix)
    ]
    return FormulaireFiltres(vue.adresse, champs, fl.formulaire_filtres(filtres), actifs)


def requete(filtres: FiltresActivites) -> str:
    """The query string that gives ``filtres`` back (the period included, even the default one)."""
    return _periode_explicite(fl.adresse_filtree("", filtres)).removeprefix("?")


def _periode_explicite(adresse: str) -> str:
    """``adresse`` (with its filters) asking for no period (``du=``) when it names no bound: the
    page would otherwise take the default period for it."""
    _, _, requete = adresse.partition("?")
    if any(cle in PERIODE for cle, _ in parse_qsl(requete, keep_blank_values=True)):
        return adresse
    return f"{adresse}{'&' if requete else '?'}du="


def parametres_bruts(query: Any) -> dict[str, list[str]]:
    return fl.parametres_bruts(query)
