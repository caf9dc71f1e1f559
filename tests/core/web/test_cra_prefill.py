"""Hook ``hub_cra_prefill``: a CRA form pre-filled from a plugin's record, confirmed again on
saving, linked to its RDV; only the plugin named by the source answers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from cra_helpers import COLLECTIF, connecter, individuel, lignes
from markupsafe import escape
from organisation_helpers import Site, success

import hub as hub_api
from hub.core.activites.inputs import CraPrefill
from hub.core.activites.models import Activite
from hub.core.web.activites.preremplissage import REFUSEE
from tests.core.activites.support import beneficiaire, mediateur_en_poste

Reponse = Callable[[Any, str], CraPrefill | None]


class Prefill:
    """A plugin answering ``hub_cra_prefill`` with ``reponse(principal, source)``; records its calls."""

    def __init__(self, name: str, reponse: Reponse) -> None:
        self.name = name
        self.MANIFEST = hub_api.PluginManifest(name=name, title=name, description="Plugin de test.")
        self.reponse = reponse
        self.appels: list[str] = []

    @hub_api.hookimpl
    async def hub_cra_prefill(self, principal: Any, source: str) -> CraPrefill | None:
        self.appels.append(source)
        return self.reponse(principal, source)


async def site_avec(client_for: Any, *plugins: Prefill) -> Site:
    return Site(await client_for(*plugins, login=None))


def refus_affiche(page: Any) -> bool:
    return f'<li><a href="#source">{escape(REFUSEE)}</a></li>' in page.text and 'id="source"' in page.text


async def test_hub_cra_prefill_fills_the_form_then_is_asked_again_and_links_the_rdv(client_for) -> None:
    proprietaire: dict[str, str] = {}

    def reponse(principal: Any, source: str) -> CraPrefill | None:
        if principal.id != proprietaire.get("user_id") or source != "exemple:12":
            return None
        return CraPrefill(type="individuel", libelle="rendez-vous du 12/03/2025 à 10:00", rdv_id="ex-12",
                          date=date(2025, 3, 12), duree_minutes=50, beneficiaire_id=proprietaire["suivi"])

    plugin, autre = Prefill("exemple", reponse), Prefill("autre", lambda *_: None)
    site = await site_avec(client_for, plugin, autre)
    qui = await connecter(site, await mediateur_en_poste(site.hub, "camille@exemple.fr"))
    proprietaire |= {"user_id": qui.user_id, "suivi": await beneficiaire(site.hub, qui, "Inès", "Durand")}

    form = await site.get("/mes-activites/cra/individuel?source=exemple:12")

    assert form.status_code == 200
    assert "Prérempli depuis : rendez-vous du 12/03/2025 à 10:00" in form.text
    assert 'value="2025-03-12" id="date"' in form.text
    assert 'id="duree-personnaliser" name="duree" value="personnaliser" checked' in form.text
    assert 'value="0" id="duree_personnalisee_heures"' in form.text
    assert 'value="50" id="duree_personnalisee_minutes"' in form.text
    suivi = proprietaire["suivi"]
    assert f'id="beneficiaire-id-choisi-{suivi}" name="beneficiaire.id" value="{suivi}" checked' in form.text
    assert form.text.count('<input type="hidden" name="source" value="exemple:12"') == 2  # the CRA's, the search's

    envoye = individuel(qui, date="2025-03-12", duree="personnaliser", duree_personnalisee_minutes="50",
                        source="exemple:12", **{"beneficiaire.id": suivi})
    saved = await site.post("/mes-activites/cra/individuel", envoye)

    assert saved.url.path == "/mes-activites" and success(saved) == "L'activité a été enregistrée."
    (activite,) = await lignes(site.hub, Activite)
    assert activite.rdv_id == "ex-12" and activite.duree == 50
    assert plugin.appels == ["exemple:12", "exemple:12"]  # shown, then confirmed again on saving
    assert autre.appels == []  # only the plugin the source names is asked

    again = await site.post("/mes-activites/cra/individuel", envoye)  # an RDV has one CRA

    assert again.status_code == 400 and "Ce rendez-vous a déjà son compte rendu d&#39;activité." in again.text
    assert 'name="source"' not in again.text  # saving again records it without link
    assert len(await lignes(site.hub, Activite)) == 1


async def test_hub_cra_prefill_not_confirmed_refuses_the_source_and_saving_again_records_without_link(
    client_for,
) -> None:
    confirme = {"oui": True}

    def reponse(principal: Any, source: str) -> CraPrefill | None:
        return CraPrefill(type="individuel", libelle="un rendez-vous", rdv_id="ex-1") if confirme["oui"] else None

    site = await site_avec(client_for, Prefill("exemple", reponse))
    qui = await connecter(site, await mediateur_en_poste(site.hub, "camille@exemple.fr"))
    confirme["oui"] = False  # cancelled, or someone else's, between showing and saving

    refused = await site.post("/mes-activites/cra/individuel", individuel(qui, source="exemple:1"))
    unknown = await site.get("/mes-activites/cra/individuel?source=exemple:2")
    malformed = await site.get("/mes-activites/cra/individuel?source=pas une source")

    assert refused.status_code == 400 and refus_affiche(refused)
    assert 'name="source"' not in refused.text
    assert "Revient la semaine prochaine</textarea>" in refused.text  # the rest kept as typed
    assert await lignes(site.hub, Activite) == []
    assert unknown.status_code == 400 and refus_affiche(unknown) and 'name="source"' not in unknown.text
    assert malformed.status_code == 400 and refus_affiche(malformed)

    without = await site.post("/mes-activites/cra/individuel", individuel(qui))

    assert success(without) == "L'activité a été enregistrée."
    assert [a.rdv_id for a in await lignes(site.hub, Activite)] == [None]


async def test_hub_cra_prefill_of_a_workshop_opens_the_collective_form_from_the_individual_link(client_for) -> None:
    suivis: list[str] = []

    def reponse(principal: Any, source: str) -> CraPrefill | None:
        return CraPrefill(type="collectif", libelle="atelier", rdv_id="ex-7", date=date(2025, 3, 14),
                          duree_minutes=120, participants=tuple(suivis), titre_atelier="Premiers pas")

    site = await site_avec(client_for, Prefill("exemple", reponse))
    qui = await connecter(site, await mediateur_en_poste(site.hub, "camille@exemple.fr"))
    suivis += [await beneficiaire(site.hub, qui, "Inès", "Durand"), await beneficiaire(site.hub, qui, "Léo", "Petit")]

    redirected = await site.get("/mes-activites/cra/individuel?source=exemple:7", follow_redirects=False)
    form = await site.get("/mes-activites/cra/collectif?source=exemple:7")
    wrong_kind = await site.post("/mes-activites/cra/individuel", individuel(qui, source="exemple:7"))

    assert redirected.status_code == 303
    assert redirected.headers["location"] == "/mes-activites/cra/collectif?source=exemple%3A7"
    assert 'id="duree-120" name="duree" value="120" checked' in form.text
    assert 'value="Premiers pas" id="titre_atelier"' in form.text
    for suivi in suivis:
        assert f'id="participants-choisi-{suivi}" name="participants" value="{suivi}" checked' in form.text
    assert wrong_kind.status_code == 400 and refus_affiche(wrong_kind)

    saved = await site.post(
        "/mes-activites/cra/collectif",
        COLLECTIF | {"participants": suivis, "source": "exemple:7"},
    )

    assert success(saved) == "L'activité a été enregistrée."
    (activite,) = await lignes(site.hub, Activite)
    assert activite.rdv_id == "ex-7" and activite.type == "collectif" and activite.accompagnements_count == 9


async def test_hub_cra_prefill_failing_is_logged_with_the_plugin_and_refused(client_for, caplog) -> None:
    def reponse(principal: Any, source: str) -> CraPrefill | None:
        raise KeyError("oups")

    site = await site_avec(client_for, Prefill("exemple", reponse))
    await connecter(site, await mediateur_en_poste(site.hub, "camille@exemple.fr"))

    with caplog.at_level(logging.ERROR):
        page = await site.get("/mes-activites/cra/individuel?source=exemple:1")

    assert page.status_code == 400 and refus_affiche(page)
    assert any(r.name == "hub.plugins.exemple" and "hub_cra_prefill" in r.getMessage() for r in caplog.records)
