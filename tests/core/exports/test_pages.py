"""The export pages: a small export at once, a large one through the job
``hub:exporter_activites`` (state polled, then the file); the filters of the activity list;
each person reaches their own exports only."""

from __future__ import annotations

import html
import re

import pytest

from hub.core.hub import Hub
from hub.testing import FakeQueue
from tests.core.exports.support import equipe_au_travail, tableau
from tests.core.imports.navigateur import Navigateur
from tests.core.organisation.support import utilisateur


async def test_a_small_export_is_written_at_once_with_the_filters_of_the_query(
    hub: Hub, navigateur: Navigateur
) -> None:
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.camille.user_id)

    page = await navigateur.get("/exports", params={"types": "collectif"})
    xlsx = await navigateur.get("/exports/activites/xlsx", params={"types": "collectif"})
    csv = await navigateur.get("/exports/activites/csv")

    assert page.status_code == 200 and "<strong>10 accompagnements</strong>" in page.text
    assert 'href="/exports/activites/xlsx?types=collectif"' in page.text
    nom = r'attachment; filename="activites-\d{4}-\d{2}-\d{2}\.xlsx"'
    assert re.fullmatch(nom, xlsx.headers["content-disposition"])
    meta, lignes = tableau(xlsx.content)
    assert len(lignes) == 10 and ("Types", "Atelier collectif") in [ligne[:2] for ligne in meta]
    assert csv.headers["content-type"] == "text/csv; charset=utf-8" and len(csv.text.splitlines()) == 12


async def test_a_large_export_runs_as_a_job_then_gives_its_file_to_its_author_only(
    hub: Hub, navigateur: Navigateur, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub.core.web.exports import pages

    monkeypatch.setattr(pages, "SEUIL_DIRECT", 5)
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.camille.user_id)

    page = await navigateur.get("/exports", params={"types": "collectif"})
    direct = await navigateur.get("/exports/activites/xlsx", params={"types": "collectif"}, follow_redirects=False)
    demande = await navigateur.post(
        "/exports/activites", {"types": "collectif", "format": "xlsx"}, follow_redirects=False
    )

    assert 'action="/exports/activites"' in page.text and 'name="types" value="collectif"' in page.text
    assert (direct.status_code, direct.headers["location"]) == (303, "/exports?types=collectif")
    assert demande.status_code == 303
    adresse = demande.headers["location"]
    attente = await navigateur.get(adresse)
    assert "en cours de préparation (en attente)" in attente.text
    assert f'hx-get="{adresse}/etat" hx-trigger="every 2s"' in attente.text

    assert isinstance(hub.queue, FakeQueue)
    [resultat] = await hub.queue.drain()
    etat = await navigateur.get(f"{adresse}/etat")
    fichier = await navigateur.get(f"{adresse}/fichier")

    assert resultat.status == "success" and resultat.result["lignes"] == 10
    assert "hx-get" not in etat.text and "Votre export est prêt : 10 accompagnements." in etat.text
    assert len(tableau(fichier.content)[1]) == 10

    autre = await utilisateur(hub, "autre@exemple.fr", "mediateur")
    await navigateur.connecter(autre.id)
    assert (await navigateur.get(f"{adresse}/fichier")).status_code == 404
    assert (await navigateur.get("/exports/taches/pas-un-jeton")).status_code == 404


async def test_a_coordinator_exports_their_team_without_identities(hub: Hub, navigateur: Navigateur) -> None:
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.coordinateur_user_id)

    page = await navigateur.get("/exports")
    xlsx = await navigateur.get("/exports/activites/xlsx")

    assert "pour les activités de votre équipe" in html.unescape(page.text)
    assert "/exports/beneficiaires/xlsx" not in page.text
    _, lignes = tableau(xlsx.content)
    assert len(lignes) == 11 and "Bénéficiaire" not in lignes[0] and "Alix" not in str(lignes)
    assert (await navigateur.get("/exports/beneficiaires/xlsx")).status_code == 403


async def test_the_beneficiaries_export_lists_the_followed_ones(hub: Hub, navigateur: Navigateur) -> None:
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.camille.user_id)

    reponse = await navigateur.get("/exports/beneficiaires/xlsx")

    meta, lignes = tableau(reponse.content)
    assert ("Bénéficiaires suivis", "1") in [ligne[:2] for ligne in meta]
    assert list(lignes[0]) == [
        "Nom",
        "Prénom",
        "Année de naissance",
        "Commune",
        "Code INSEE",
        "Code postal",
        "Téléphone",
        "E-mail",
        "Genre",
        "Tranche d'âge",
        "Statut social",
        "Nombre d'accompagnements",
        "Notes",
    ]
    assert [(l["Nom"], l["Prénom"], l["Genre"], l["Nombre d'accompagnements"]) for l in lignes] == [
        ("Martin", "Alix", "Non communiqué", 1)
    ]


async def test_faulty_filters_are_told_and_an_unknown_format_is_not_found(hub: Hub, navigateur: Navigateur) -> None:
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.camille.user_id)

    page = await navigateur.get("/exports", params={"du": "hier"})

    assert page.status_code == 400 and "du : Date invalide (attendu : AAAA-MM-JJ)." in page.text
    assert (await navigateur.get("/exports/activites/ods")).status_code == 404


async def test_the_lists_link_to_their_export_and_import(hub: Hub, navigateur: Navigateur) -> None:
    equipe = await equipe_au_travail(hub)
    await navigateur.connecter(equipe.camille.user_id)

    activites = await navigateur.get("/mes-activites", params={"types": "collectif"})
    beneficiaires = await navigateur.get("/mes-beneficiaires")

    assert 'href="/exports?types=collectif">Exporter ces activités' in activites.text
    assert 'href="/imports/activites">Importer un fichier' in activites.text
    assert 'href="/exports/beneficiaires/xlsx">Exporter (XLSX)' in beneficiaires.text
    assert 'href="/imports/beneficiaires">Importer un fichier' in beneficiaires.text

    await navigateur.connecter(equipe.coordinateur_user_id)
    equipe_page = await navigateur.get("/mes-activites/equipe")
    assert 'href="/exports?portee=equipe">Exporter ces activités' in equipe_page.text
    assert "/imports/activites" not in equipe_page.text
