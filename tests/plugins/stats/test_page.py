"""« Mes statistiques »: each section shows the engine's numbers, the charts the same numbers as
their tables, the filters as a form and removable tags, for whom and with which title."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import re

import msgspec

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.portee import PorteeEquipe, PorteeMediateur
from hub.core.stats.resultats import Statistiques
from tests.plugins.stats.support import (
    MoteurEnregistre,
    bloc,
    barres,
    lignes_tableau,
    statistiques_exemple,
    tags_actifs,
    texte,
)


async def test_each_section_shows_the_engine_s_numbers(hub_with, client_of, moteur_enregistre: MoteurEnregistre) -> None:
    client = await client_of(await hub_with("stats"))

    page = await client.get("/stats")

    assert page.status_code == 200 and page.text.count("<h1") == 1
    assert "<h1>Mes statistiques</h1>" in page.text
    generales = texte(bloc(page.text, "stats-generales"))
    for attendu in (
        "1 342 Accompagnements au total",
        "1 017 accompagnements individuels",
        "325 participants aux ateliers collectifs",
        "911 Bénéficiaires accompagnés",
        "604 nouveaux bénéficiaires",
        "389 bénéficiaires suivis",
        "522 bénéficiaires anonymes",
    ):
        assert attendu in generales
    assert lignes_tableau(bloc(page.text, "stats-types")) == [
        ["Accompagnement individuel", "1 017", "1 017", "75,8 %"],
        ["Atelier collectif", "71", "325", "24,2 %"],
    ]
    assert lignes_tableau(bloc(page.text, "stats-durees")) == [
        ["Moins de 30 min", "120", "8,9 %"],
        ["30 min à 1 h", "1 003", "74,7 %"],
        ["1 h à 2 h", "201", "15 %"],
        ["2 h et plus", "18", "1,3 %"],
    ]
    for ident, premier in (
        ("stats-thematiques-mediation", ["E-mail", "412", "66,5 %"]),
        ("stats-thematiques-demarches", ["Logement", "97", "62,6 %"]),
        ("stats-tags", ["Quartier prioritaire", "64", "100 %"]),
        ("stats-materiel", ["Ordinateur", "801", "75,3 %"]),
        ("stats-canaux", ["Lieu d'activité", "1 101", "82 %"]),
        ("stats-communes", ["Reims", "1 200", "89,4 %"]),
        ("stats-genres", ["Féminin", "501", "55 %"]),
        ("stats-tranches-age", ["60-69 ans", "301", "33 %"]),
        ("stats-statuts", ["Retraité", "700", "76,8 %"]),
        ("stats-communes-beneficiaires", ["Reims", "880", "96,6 %"]),
    ):
        assert lignes_tableau(bloc(page.text, ident))[0] == premier, ident
    assert 'id="stats-impact"' in page.text and "vitrine/donnees-territoriales" in page.text


async def test_a_long_list_shows_five_rows_then_the_others_behind_voir_tous(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"))

    lieux = bloc((await client.get("/stats")).text, "stats-lieux")

    visibles, repli = lieux.split("<details", 1)
    assert [ligne[0] for ligne in lignes_tableau(visibles)] == [f"Lieu numéro {n}" for n in range(1, 6)]
    assert "Voir tous les lieux (8)" in repli
    assert [ligne[0] for ligne in lignes_tableau(repli)] == [f"Lieu numéro {n}" for n in range(6, 9)]


async def test_charts_show_the_numbers_of_their_tables(hub_with, client_of, moteur_enregistre: MoteurEnregistre) -> None:
    client = await client_of(await hub_with("stats"))
    attendu: Statistiques = moteur_enregistre.resultat

    page = (await client.get("/stats")).text

    for ident, points in (("stats-par-mois", attendu.par_mois), ("stats-par-jour", attendu.par_jour)):
        figure = bloc(page, ident)
        graphique = barres(figure)
        assert graphique == [(point.libelle, point.nombre) for point in points]
        assert [(libelle, int(nombre)) for libelle, nombre in lignes_tableau(figure)] == graphique
        assert 'role="img"' in figure and f'aria-labelledby="{ident}-titre {ident}-desc"' in figure
        assert f'<title id="{ident}-titre">' in figure and f'<desc id="{ident}-desc">' in figure
    assert "42 accompagnements au total" in texte(bloc(page, "stats-par-mois"))


async def test_default_period_is_this_year_to_date_and_each_filter_is_a_removable_tag(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"))
    today = aujourd_hui()

    defaut = await client.get("/stats")
    filtree = await client.get("/stats", params={"du": "2025-02-01", "au": "2025-03-31", "types": "collectif"})

    (portee, filtres, _), (_, filtres_choisis, _) = moteur_enregistre.appels
    assert isinstance(portee, PorteeMediateur)
    assert (filtres.du, filtres.au) == (date(today.year, 1, 1), today)
    assert f"Depuis le 01/01/{today.year}" in tags_actifs(defaut.text)
    assert (filtres_choisis.du, filtres_choisis.au, filtres_choisis.types) == (date(2025, 2, 1), date(2025, 3, 31), ["collectif"])
    tags = tags_actifs(filtree.text)
    assert set(tags) == {"Depuis le 01/02/2025", "Jusqu'au 31/03/2025", "Type : Atelier collectif"}
    assert parse_qs(urlsplit(tags["Type : Atelier collectif"]).query) == {"du": ["2025-02-01"], "au": ["2025-03-31"]}
    assert 'href="/stats/xlsx?du=2025-02-01&amp;au=2025-03-31&amp;types=collectif"' in filtree.text


async def test_removing_the_last_date_asks_for_every_day_not_the_default_period(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"))

    page = await client.get("/stats", params={"du": "2025-02-01"})
    sans = tags_actifs(page.text)["Depuis le 01/02/2025"]
    await client.get(sans)

    assert urlsplit(sans).path == "/stats" and parse_qs(urlsplit(sans).query, keep_blank_values=True) == {"du": [""]}
    filtres = moteur_enregistre.appels[-1][1]
    assert (filtres.du, filtres.au) == (None, None)


async def test_a_refused_filter_is_a_400_naming_the_field_and_no_figure(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"))

    periode = await client.get("/stats", params={"du": "2025-03-01", "au": "2025-02-01"})
    types = await client.get("/stats", params={"types": "inconnu"})

    assert periode.status_code == types.status_code == 400 and moteur_enregistre.appels == []
    assert "<title>Erreur — Mes statistiques" in periode.text
    assert 'href="#au">La date de fin doit suivre la date de début.</a>' in periode.text
    assert 'value="2025-03-01"' in periode.text and 'id="stats-generales"' not in periode.text
    assert re.search(r'<a href="#types">[^<]+</a>', types.text) and 'id="stats-generales"' not in types.text


async def test_nouveaux_beneficiaires_need_both_dates(hub_with, client_of, moteur_enregistre: MoteurEnregistre) -> None:
    exemple = statistiques_exemple(du=None, au=None)
    moteur_enregistre.resultat = msgspec.structs.replace(
        exemple, beneficiaires=msgspec.structs.replace(exemple.beneficiaires, nouveaux=None)
    )
    client = await client_of(await hub_with("stats"))

    page = await client.get("/stats", params={"du": ""})

    generales = texte(bloc(page.text, "stats-generales"))
    assert "Nouveaux bénéficiaires : choisissez une date de début et une date de fin pour les compter." in generales
    assert "Vos accompagnements, depuis le début." in texte(page.text)


async def test_a_coordinator_only_sees_their_team_titled_statistiques(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"), login=("coordinateur",))

    redirige = await client.get("/stats", follow_redirects=False)
    page = await client.get("/stats/equipe")

    assert redirige.status_code == 303 and redirige.headers["location"] == "/stats/equipe"
    assert page.status_code == 200 and "<h1>Statistiques</h1>" in page.text
    assert isinstance(moteur_enregistre.appels[0][0], PorteeEquipe)
    assert 'aria-label="Périmètre des statistiques"' not in page.text
    assert "Statistiques sur les accompagnements de votre équipe" in page.text
    assert 'href="/stats/equipe/xlsx?' in page.text


async def test_a_mediator_and_coordinator_chooses_between_their_own_and_their_team(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    client = await client_of(await hub_with("stats"), login=("mediateur", "coordinateur"))

    siennes = await client.get("/stats")
    equipe = await client.get("/stats/equipe")

    assert "<h1>Mes statistiques</h1>" in siennes.text and "<h1>Statistiques de mon équipe</h1>" in equipe.text
    assert '<a class="fr-tag" href="/stats" aria-current="page">Mes statistiques</a>' in siennes.text
    assert '<a class="fr-tag" href="/stats/equipe" aria-current="page">Mon équipe</a>' in equipe.text
    (portee_siennes, _, _), (portee_equipe, _, _) = moteur_enregistre.appels
    assert isinstance(portee_siennes, PorteeMediateur) and isinstance(portee_equipe, PorteeEquipe)


async def test_access_anonymous_to_login_without_permission_403_team_for_coordinators_only(
    hub_with, client_of, moteur_enregistre: MoteurEnregistre
) -> None:
    hub = await hub_with("stats")
    anonyme = await client_of(hub, login=None)
    admin = await client_of(hub, login=("admin",))
    mediateur = await client_of(hub, login=("mediateur",))

    for adresse in ("/stats", "/stats/equipe", "/stats/xlsx"):
        reponse = await anonyme.get(adresse, follow_redirects=False)
        assert reponse.status_code in (302, 303) and "/connexion" in reponse.headers["location"], adresse
        assert (await admin.get(adresse)).status_code == 403, adresse
    refus = await mediateur.get("/stats/equipe")
    assert refus.status_code == 403 and (await mediateur.get("/stats/equipe/xlsx")).status_code == 403
    assert moteur_enregistre.appels == []
