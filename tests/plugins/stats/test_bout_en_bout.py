"""The plugin on the real engine and real CRAs: every surface shows the numbers that
``calculer_statistiques`` gives for the same scope and filters, and no surface but the owner's
own page names a bénéficiaire."""

from __future__ import annotations

from datetime import date
from typing import Any

from hub.core.activites.dates import aujourd_hui
from hub.core.activites.filtres import FiltresActivites
from hub.core.activites.portee import PorteeMediateur, PorteeNationale
from hub.core.activites.service import creer_activite
from hub.core.stats import calculer_statistiques
from hub.core.stats.resultats import Statistiques
from plugins.stats.sections import REPARTITIONS
from tests.core.activites.support import INDIVIDUEL, cra, mediateur_en_poste
from tests.plugins.stats.lecture_classeur import lire_classeur
from tests.plugins.stats.support import barres, bloc, lignes_tableau, texte
from tests.plugins.stats.test_partage import adresse_partagee, basculer

FILTRES = {"du": "2025-01-01", "au": "2025-12-31"}


async def attendu(hub, portee, **filtres: Any) -> Statistiques:
    async with hub.session() as db:
        return await calculer_statistiques(db, portee, FiltresActivites(**filtres), aujourd_hui=aujourd_hui())


async def test_the_page_shows_the_engine_s_numbers_for_its_filters(site) -> None:
    hub, qui, client = site
    s = await attendu(hub, PorteeMediateur(qui.id), du=date(2025, 1, 1), au=date(2025, 12, 31))

    page = (await client.get("/stats", params=FILTRES)).text

    assert s.accompagnements.total == 4 and s.beneficiaires.total == 4  # Camille, one anonymous, two participants
    generales = texte(bloc(page, "stats-generales"))
    assert f"{s.accompagnements.total} Accompagnements au total" in generales
    assert f"{s.beneficiaires.suivis} bénéficiaires suivis" in generales
    assert f"{s.beneficiaires.anonymes} bénéficiaires anonymes" in generales
    assert barres(bloc(page, "stats-par-mois")) == [(p.libelle, p.nombre) for p in s.par_mois]
    assert [int(n) for _, n in lignes_tableau(bloc(page, "stats-par-mois"))] == [p.nombre for p in s.par_mois]
    for r in REPARTITIONS:
        if r.parts(s) and len(r.parts(s)) <= 5:
            assert [(ligne[0], int(ligne[1])) for ligne in lignes_tableau(bloc(page, r.ident))] == [
                (p.libelle, p.nombre) for p in r.parts(s)
            ], r.champ
    assert [ligne[:3] for ligne in lignes_tableau(bloc(page, "stats-types"))] == [
        [t.libelle, str(t.activites), str(t.accompagnements)] for t in s.types
    ]


async def test_the_workbook_equals_the_engine_for_the_same_filters(site) -> None:
    hub, qui, client = site
    s = await attendu(hub, PorteeMediateur(qui.id), du=date(2025, 5, 1), au=date(2025, 5, 31), types=["collectif"])

    reponse = await client.get("/stats/xlsx", params={"du": "2025-05-01", "au": "2025-05-31", "types": "collectif"})

    _, entete, blocs = lire_classeur(reponse.content)
    assert entete["Exporté par"].startswith("Dominique Durand") and entete["Types"] == "Atelier collectif"
    generales = dict(blocs["Statistiques générales"][1:])
    assert generales["Accompagnements au total"] == s.accompagnements.total == 2
    assert generales["Bénéficiaires accompagnés"] == s.beneficiaires.total
    assert blocs["Accompagnements par mois"][1:] == [(p.libelle, p.nombre) for p in s.par_mois]
    for r in REPARTITIONS:
        assert blocs[r.bloc][1:] == [(p.libelle, p.nombre, p.proportion) for p in r.parts(s)], r.bloc


async def test_the_share_page_and_its_workbook_name_no_beneficiaire(site, client_of) -> None:
    hub, qui, client = site
    visiteur = await client_of(hub, login=None)
    propre = await client.get("/stats")
    assert "Martin Camille" in propre.text  # the owner's own filter offers their bénéficiaires

    await basculer(client, "activer")
    adresse = adresse_partagee((await client.get("/stats")).text)
    publique = await visiteur.get(adresse, params=FILTRES)
    classeur = await visiteur.get(f"{adresse}/xlsx", params=FILTRES)

    s = await attendu(hub, PorteeMediateur(qui.id), du=date(2025, 1, 1), au=date(2025, 12, 31))
    assert publique.status_code == 200 and "Statistiques de Dominique Durand" in publique.text
    assert f"{s.accompagnements.total} Accompagnements au total" in texte(publique.text)
    assert "Martin" not in publique.text and "Camille" not in publique.text
    _, entete, blocs = lire_classeur(classeur.content)
    cellules = " ".join(str(v) for lignes in blocs.values() for ligne in lignes for v in ligne)
    assert "Martin" not in cellules and "Camille" not in " ".join(map(str, entete.values()))
    assert dict(blocs["Statistiques générales"][1:])["Accompagnements au total"] == s.accompagnements.total


async def test_the_national_page_counts_every_activity(site, client_of) -> None:
    hub, qui, _ = site
    autre = await mediateur_en_poste(hub, "alex@exemple.fr")
    async with hub.session() as db, db.begin():
        await creer_activite(db, autre.id, cra(INDIVIDUEL, date="2025-06-01"), par=autre.user_id)
    visiteur = await client_of(hub, login=None)
    s = await attendu(hub, PorteeNationale())

    page = await visiteur.get("/stats/nationales")

    chiffres = texte(bloc(page.text, "stats-national"))
    assert s.accompagnements.total == 5 and f"{s.accompagnements.total} Accompagnements" in chiffres
    assert "2 Médiateurs actifs" in chiffres
    assert f"{s.beneficiaires.total} Bénéficiaires accompagnés" in chiffres
    assert "Martin" not in page.text
