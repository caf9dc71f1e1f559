"""A mediator's CRA pre-filled from a plugin's record (hook ``hub_cra_prefill``).

``?source=<slug>:<key>`` on ``/mes-activites/cra/individuel`` (or ``collectif``) asks the plugin
``<slug>`` — and only it — for the prefill of that record for the person. The form shows it and
carries ``source`` in a hidden field; saving asks the plugin again and never trusts the field:
a source the plugin does not confirm (unknown, someone else's, cancelled, already recorded) is
refused on the field ``source`` (400), and the form comes back without it, so that saving again
records the CRA without link.
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any

from hub.core.activites.durees import MAX_DUREE, saisie_de
from hub.core.activites.inputs import CraPrefill
from hub.core.errors import ValidationError
from hub.core.identity import Principal
from hub.core.web.hooks import plugin_logger

if TYPE_CHECKING:
    from hub.core.hub import Hub

HOOK = "hub_cra_prefill"
SOURCE = re.compile(r"^(?P<slug>[a-z][a-z0-9_]*):\S{1,100}$")
GENRES_PREREMPLIS = ("individuel", "collectif")
SANS_LIEN = "Enregistrez de nouveau pour le garder sans lien, ou revenez à la page d'où vous veniez."
REFUSEE = (
    "Ce compte rendu ne peut pas être prérempli depuis son origine (introuvable parmi les vôtres, "
    f"annulée ou déjà saisie). {SANS_LIEN}"
)


async def preremplissage(hub: Hub, principal: Principal, source: str) -> CraPrefill | None:
    """The prefill the plugin named by ``source`` gives for ``principal``, or ``None`` (a
    malformed source, a plugin that does not answer, a refusal, a failure — logged)."""
    forme = SOURCE.match(source)
    if forme is None:
        return None
    arguments: dict[str, Any] = {"hub": hub, "principal": principal, "source": source}
    for impl in hub.registry.impls(HOOK):
        if impl.plugin_name != forme["slug"]:
            continue
        try:
            resultat = impl.function(*[arguments[name] for name in impl.argnames])
            if inspect.isawaitable(resultat):
                resultat = await resultat
        except Exception:
            plugin_logger(impl.plugin_name).exception("le plugin %s a échoué dans %s : ignoré", impl.plugin_name, HOOK)
            return None
        if resultat is None or isinstance(resultat, CraPrefill):
            return resultat
        plugin_logger(impl.plugin_name).error("%s doit renvoyer un CraPrefill ou None : ignoré", HOOK)
        return None
    return None


async def confirmee(hub: Hub, principal: Principal, source: str, type_: str) -> CraPrefill:
    """The prefill of ``source`` asked again on saving a form of ``type_``;
    :class:`ValidationError` on ``source`` when the plugin no longer confirms it for that form."""
    prefill = await preremplissage(hub, principal, source)
    if prefill is None or prefill.type != type_:
        raise ValidationError({"source": REFUSEE})
    return prefill


def erreurs_de_la_source(erreurs: dict[str, str]) -> dict[str, str]:
    """A refusal of the RDV (it got its CRA meanwhile) shown as a refusal of the source, which the
    form then drops (the rest can be saved without link)."""
    if "rdv_id" not in erreurs:
        return erreurs
    autres = {champ: message for champ, message in erreurs.items() if champ != "rdv_id"}
    return {"source": f"{erreurs['rdv_id']} {SANS_LIEN}", **autres}


def valeurs(prefill: CraPrefill) -> dict[str, Any]:
    """The form's values (by input name) a prefill fills; the rest is left to the mediator."""
    donnees: dict[str, Any] = {}
    if prefill.date is not None:
        donnees["date"] = prefill.date.isoformat()
    if prefill.duree_minutes is not None and 0 < prefill.duree_minutes <= MAX_DUREE:
        duree, heures, minutes = saisie_de(prefill.duree_minutes)
        donnees["duree"] = duree
        if heures is not None:
            donnees |= {"duree_personnalisee_heures": heures, "duree_personnalisee_minutes": minutes}
    if prefill.type == "individuel" and prefill.beneficiaire_id:
        donnees["beneficiaire.id"] = prefill.beneficiaire_id
    if prefill.type == "collectif":
        donnees["participants"] = list(prefill.participants)
        if prefill.titre_atelier:
            donnees["titre_atelier"] = prefill.titre_atelier[:200]
    return donnees
